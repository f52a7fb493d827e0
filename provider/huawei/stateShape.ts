import { certificateInfo, type CertificateInfo } from "../common/certificateInfo";
import {
  certificateArchiveOf,
  mspTextFiles,
  mspZip,
  readCertificateArchive,
  signcertPem,
  type CertificateArchive,
} from "./certArchive";
import {
  decode,
  encode,
  fileContents,
  fileRecords,
  Kind,
  PackedMspError,
  u16,
  u32,
  type PackedRecord,
} from "./packedRecords";
import { joinZip, KEPT, splitZip, type ZipEntryData } from "./zipFrame";

/**
 * How a UserCertificate keeps the zip BCS answered in the state (see
 * docs/decisions/0018-packed-state-and-bench-backends.md, then
 * docs/decisions/0029-freeze-latency-and-zip-byte-for-byte.md): the engine rewrites the whole state after
 * every step, so every byte per certificate is paid N times per `pulumi up`. The zip is kept byte for
 * byte, in two parts: the public files (certificates) in the clear, and everything else — keys, unknown or
 * binary files, and the zip's frame (headers, directory) — alone in a secret output, where Pulumi's
 * encryption adds a third to it. Each PEM file is kept as its DER bytes when it re-encodes to exactly the
 * same text, a file equal to an earlier one as a reference to it, an entry's compressed data only when no
 * known deflater makes it again from the content (./zipFrame.ts), then each part is deflated. Unpacking
 * gives back the very zip BCS answered, which is what freeze uploads.
 */
export interface PackedMsp {
  /** The public files (certificates), packed, base64. */
  mspPublic: string;
  /** Every other file and the zip's frame, packed, base64. Secret. */
  mspSecret: string;
}

/** What a state written by pulumi-bcs 0.1.0 holds instead: the zip itself, and the certificate facts. */
export interface PreviousShape extends CertificateInfo {
  /** The checked `msp/` folder as a zip, base64 (secret). */
  archive: string;
}

/**
 * Format 1 (issue 13, the release before): the `msp/` folder's files by path inside it, as text; the zip
 * freeze uploads is rebuilt from them ({@link mspZip}). Format 2 (issue 20): the zip's entries by their
 * full names, as bytes, with its frame: the very zip BCS answered comes back.
 */
const FOLDER_FORMAT = 1;
const ZIP_FORMAT = 2;

const CERTIFICATES_ONLY = /^(\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----)+\s*$/;

/**
 * Whether an entry may be kept in the clear: a folder, or a text of certificates and nothing else.
 * Anything else (a key, a binary file, a file this does not know) is kept secret.
 */
function isPublicEntry(name: string, content: Buffer): boolean {
  return name.endsWith("/") || CERTIFICATES_ONLY.test(content.toString("latin1"));
}

/** The zip BCS answered, packed for the state byte for byte (format 2). */
export function packArchive(zip: Buffer): PackedMsp {
  const parts = splitZip(zip);
  // A zip of a shape ./zipFrame.ts does not take apart is kept whole, in the secret part.
  const entries = parts?.entries ?? [];
  const frame = parts?.frame ?? zip;
  const publicFiles = entries.filter((e) => isPublicEntry(e.name, e.content));
  const secretFiles = entries.filter((e) => !publicFiles.includes(e));
  const part = (files: ZipEntryData[], extra: PackedRecord[]) =>
    encode(ZIP_FORMAT, [
      ...fileRecords(
        files.filter((e) => e.how !== KEPT).map((e) => [e.name, e.content]),
        Kind.Bytes,
      ),
      ...files
        .filter((e) => e.how === KEPT)
        .map((e) => ({ kind: Kind.Deflated, path: e.name, data: e.kept! })),
      ...extra,
    ]);
  const placed = entries.map((e) => {
    const name = Buffer.from(e.name, "utf8");
    return Buffer.concat([Buffer.from([e.how]), u32(e.at), u16(name.length), name]);
  });
  const frameRecord = {
    kind: Kind.Frame,
    path: "",
    data: Buffer.concat([u16(entries.length), ...placed, frame]),
  };
  const packed = { mspPublic: part(publicFiles, []), mspSecret: part(secretFiles, [frameRecord]) };
  if (!storedZip(packed).equals(zip))
    throw new Error("packing the certificate zip did not give it back (a bug)");
  return packed;
}

/** The zip of format-2 parts, byte for byte as BCS answered it. */
function storedZip(packed: PackedMsp): Buffer {
  const publicPart = decode(packed.mspPublic);
  const secretPart = decode(packed.mspSecret);
  if (publicPart.format !== ZIP_FORMAT || secretPart.format !== ZIP_FORMAT)
    throw new PackedMspError("the two parts are of different formats");
  const frameRecord = secretPart.records.find((r) => r.kind === Kind.Frame);
  if (!frameRecord || publicPart.records.some((r) => r.kind === Kind.Frame))
    throw new PackedMspError("the zip's frame is not where it belongs");
  const files = { ...fileContents(publicPart.records), ...fileContents(secretPart.records) };
  const kept = new Map(
    [...publicPart.records, ...secretPart.records]
      .filter((r) => r.kind === Kind.Deflated)
      .map((r) => [r.path, r.data]),
  );
  const data = frameRecord.data;
  let at = 2;
  const entries: ZipEntryData[] = [];
  for (let i = data.readUInt16BE(0); i > 0; i--) {
    if (at + 7 > data.length) throw new PackedMspError("the frame runs past the end");
    const how = data[at];
    const place = data.readUInt32BE(at + 1);
    const nameLength = data.readUInt16BE(at + 5);
    const name = data.subarray(at + 7, at + 7 + nameLength).toString("utf8");
    at += 7 + nameLength;
    const content = files[name];
    if (content === undefined) throw new PackedMspError(`no content for ${JSON.stringify(name)}`);
    entries.push({ name, at: place, how, content, kept: kept.get(name) });
  }
  try {
    return joinZip({ frame: data.subarray(at), entries });
  } catch (err) {
    throw new PackedMspError((err as Error).message);
  }
}

const isKeystore = (path: string) => path.startsWith("keystore/");

/**
 * The `msp/` folder (path inside it → text) packed as the release before packed it (format 1). Kept
 * to write that shape where old states are tested; this release writes {@link packArchive}.
 */
export function packMsp(msp: Record<string, string>): PackedMsp {
  const part = (keep: (path: string) => boolean) =>
    encode(
      FOLDER_FORMAT,
      fileRecords(
        Object.keys(msp)
          .filter(keep)
          .sort()
          .map((path) => [path, Buffer.from(msp[path], "utf8")]),
        Kind.Text,
      ),
    );
  return { mspPublic: part((p) => !isKeystore(p)), mspSecret: part(isKeystore) };
}

/** A format-1 folder back from its two packed parts, every file the same text as before. */
function unpackFolder(packed: PackedMsp): Record<string, string> {
  const texts = (part: string) =>
    Object.fromEntries(
      Object.entries(fileContents(decode(part).records)).map(([path, content]) => [
        path,
        content.toString("utf8"),
      ]),
    );
  const publicFiles = texts(packed.mspPublic);
  const secretFiles = texts(packed.mspSecret);
  if (Object.keys(publicFiles).some(isKeystore) || !Object.keys(secretFiles).every(isKeystore))
    throw new PackedMspError("keystore files are not where they belong");
  return { ...publicFiles, ...secretFiles };
}

function formatOf(packed: string): number {
  const { format } = decode(packed);
  if (format !== FOLDER_FORMAT && format !== ZIP_FORMAT) throw new PackedMspError(`unknown format ${format}`);
  return format;
}

/** Stored outputs of any shape: this release's, issue 13's packed folder, or 0.1.0's zip. */
export type StoredMsp = PackedMsp | Pick<PreviousShape, "archive">;

function isPrevious(stored: StoredMsp): stored is Pick<PreviousShape, "archive"> {
  return typeof (stored as Partial<PreviousShape>).archive === "string";
}

/**
 * The certificate, key and folder of stored outputs, and the zip freeze uploads: the zip BCS answered
 * (this release's state, and 0.1.0's), or for a state of issue 13's shape the zip rebuilt from its folder
 * (what that release uploaded).
 */
export function storedArchive(stored: StoredMsp): CertificateArchive & { zip: Buffer; rebuilt?: true } {
  if (isPrevious(stored)) {
    const zip = Buffer.from(stored.archive, "base64");
    return { ...readCertificateArchive(zip), zip };
  }
  if (formatOf(stored.mspPublic) === ZIP_FORMAT) {
    const zip = storedZip(stored);
    return { ...readCertificateArchive(zip), zip };
  }
  const msp = unpackFolder(stored);
  return { ...certificateArchiveOf(msp), zip: mspZip(msp), rebuilt: true };
}

/** The public part only (no key): the user's certificate of a packed part, for the facts derived from it. */
export function storedCertificateInfo(mspPublic: string): CertificateInfo {
  const files = fileContents(decode(mspPublic).records);
  const msp =
    formatOf(mspPublic) === ZIP_FORMAT
      ? mspTextFiles(files)
      : Object.fromEntries(Object.entries(files).map(([p, c]) => [p, c.toString("utf8")]));
  return certificateInfo(signcertPem(msp));
}

/** The serial number of stored outputs of any shape, without unpacking the key. */
export function storedSerialNumber(stored: Partial<PackedMsp & PreviousShape>): string {
  if (typeof stored.serialNumber === "string") return stored.serialNumber;
  return storedCertificateInfo(stored.mspPublic ?? "").serialNumber;
}
