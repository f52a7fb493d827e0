import { deflateRawSync, inflateRawSync } from "node:zlib";
import { certificateInfo, type CertificateInfo } from "../common/certificateInfo";
import {
  ARCHIVE_LIMITS,
  certificateArchiveOf,
  mspZip,
  readCertificateArchive,
  signcertPem,
  type CertificateArchive,
} from "./certArchive";

/**
 * How a UserCertificate keeps its `msp/` folder in the state (see docs/decisions.md, "A smaller
 * state"): the engine rewrites the whole state after every step, so every byte per certificate is
 * paid N times per `pulumi up`. The folder is packed in two parts: the public files (certificates)
 * in the clear, and the keystore, the only secret, alone in a secret output, where Pulumi's
 * encryption adds a third to it. Each PEM file is kept as its DER bytes when it re-encodes to exactly
 * the same text, a file equal to an earlier one as a reference to it, then the whole is deflated.
 * Unpacking gives back the very same texts, so the zip that freeze uploads is rebuilt byte for byte.
 */
export interface PackedMsp {
  /** The folder without `keystore/`, packed, base64. Public: certificates only. */
  mspPublic: string;
  /** The `keystore/` files, packed, base64. Secret. */
  mspSecret: string;
}

/** What a state written by pulumi-bcs 0.1.0 holds instead: the zip itself, and the certificate facts. */
export interface PreviousShape extends CertificateInfo {
  /** The checked `msp/` folder as a zip, base64 (secret). */
  archive: string;
}

const FORMAT = 1;
const enum Kind {
  Text = 0,
  Pem = 1,
  SameAs = 2,
}

const PEM_BLOCK = /^-----BEGIN ([A-Z0-9 ]{1,40})-----\n([A-Za-z0-9+/=\n]+)\n-----END \1-----\n$/;

/** One PEM block as Node and most tools write it: 64 characters a line, `\n` line ends. */
function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** The label and DER of a file that is exactly one canonical PEM block, else undefined. */
function canonicalPem(text: string): { label: string; der: Buffer } | undefined {
  const match = PEM_BLOCK.exec(text);
  if (!match) return undefined;
  const der = Buffer.from(match[2].replace(/\n/g, ""), "base64");
  return pem(match[1], der) === text ? { label: match[1], der } : undefined;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Records: kind (1 byte), path (u16 length, UTF-8), data (u32 length); paths sorted. */
function pack(files: Record<string, string>): string {
  const parts: Buffer[] = [Buffer.from([FORMAT])];
  const paths = Object.keys(files).sort();
  paths.forEach((path, index) => {
    const text = files[path];
    const earlier = paths.slice(0, index).findIndex((p) => files[p] === text);
    const block = canonicalPem(text);
    let kind: Kind;
    let data: Buffer;
    if (earlier >= 0) {
      kind = Kind.SameAs;
      data = u16(earlier);
    } else if (block) {
      kind = Kind.Pem;
      data = Buffer.concat([Buffer.from([block.label.length]), Buffer.from(block.label), block.der]);
    } else {
      kind = Kind.Text;
      data = Buffer.from(text, "utf8");
    }
    const name = Buffer.from(path, "utf8");
    parts.push(Buffer.from([kind]), u16(name.length), name, u32(data.length), data);
  });
  return deflateRawSync(Buffer.concat(parts), { level: 9 }).toString("base64");
}

class PackedMspError extends Error {
  constructor(message: string) {
    super(`the stored certificate folder (mspPublic/mspSecret) is unreadable: ${message}`);
  }
}

function unpack(packed: string): Record<string, string> {
  let raw: Buffer;
  try {
    raw = inflateRawSync(Buffer.from(packed, "base64"), { maxOutputLength: ARCHIVE_LIMITS.maxTotalBytes });
  } catch (err) {
    throw new PackedMspError(
      `not a packed folder within ${ARCHIVE_LIMITS.maxTotalBytes} bytes (${(err as Error).message})`,
    );
  }
  if (raw[0] !== FORMAT) throw new PackedMspError(`unknown format ${raw[0]}`);
  const files: Record<string, string> = {};
  const paths: string[] = [];
  let at = 1;
  const take = (length: number): Buffer => {
    if (at + length > raw.length) throw new PackedMspError("a record runs past the end");
    const slice = raw.subarray(at, at + length);
    at += length;
    return slice;
  };
  while (at < raw.length) {
    if (paths.length >= ARCHIVE_LIMITS.maxEntries) throw new PackedMspError("too many files");
    const kind = take(1)[0] as Kind;
    const path = take(take(2).readUInt16BE()).toString("utf8");
    const data = take(take(4).readUInt32BE());
    if (Object.hasOwn(files, path)) throw new PackedMspError("a path repeats");
    if (kind === Kind.SameAs) {
      const earlier = paths[data.readUInt16BE()];
      if (earlier === undefined) throw new PackedMspError("a reference to no earlier file");
      files[path] = files[earlier];
    } else if (kind === Kind.Pem) {
      const labelLength = data[0];
      files[path] = pem(data.subarray(1, 1 + labelLength).toString("utf8"), data.subarray(1 + labelLength));
    } else if (kind === Kind.Text) {
      files[path] = data.toString("utf8");
    } else {
      throw new PackedMspError(`unknown record kind ${String(kind)}`);
    }
    paths.push(path);
  }
  return files;
}

const isKeystore = (path: string) => path.startsWith("keystore/");

/** The `msp/` folder (path inside it → text) packed for the state. */
export function packMsp(msp: Record<string, string>): PackedMsp {
  const part = (keep: (path: string) => boolean) =>
    pack(Object.fromEntries(Object.entries(msp).filter(([path]) => keep(path))));
  return { mspPublic: part((p) => !isKeystore(p)), mspSecret: part(isKeystore) };
}

/** The `msp/` folder back from its two packed parts, every file the same text as before. */
export function unpackMsp(packed: PackedMsp): Record<string, string> {
  const publicFiles = unpack(packed.mspPublic);
  const secretFiles = unpack(packed.mspSecret);
  if (Object.keys(publicFiles).some(isKeystore) || !Object.keys(secretFiles).every(isKeystore))
    throw new PackedMspError("keystore files are not where they belong");
  return { ...publicFiles, ...secretFiles };
}

/** Stored outputs of either shape: this release's, or one written by the previous release. */
export type StoredMsp = PackedMsp | Pick<PreviousShape, "archive">;

function isPrevious(stored: StoredMsp): stored is Pick<PreviousShape, "archive"> {
  return typeof (stored as Partial<PreviousShape>).archive === "string";
}

/**
 * The certificate, key and folder of stored outputs, and the zip freeze uploads: the stored zip of an
 * old state, else the one rebuilt from the packed folder (the same bytes as the zip of the answer).
 */
export function storedArchive(stored: StoredMsp): CertificateArchive & { zip: Buffer } {
  if (isPrevious(stored)) {
    const zip = Buffer.from(stored.archive, "base64");
    return { ...readCertificateArchive(zip), zip };
  }
  const msp = unpackMsp(stored);
  return { ...certificateArchiveOf(msp), zip: mspZip(msp) };
}

/** The public part only (no key): the user's certificate of a packed folder, for the facts derived from it. */
export function storedCertificateInfo(mspPublic: string): CertificateInfo {
  return certificateInfo(signcertPem(unpack(mspPublic)));
}

/** The serial number of stored outputs of either shape, without unpacking the key. */
export function storedSerialNumber(stored: Partial<PackedMsp & PreviousShape>): string {
  if (typeof stored.serialNumber === "string") return stored.serialNumber;
  return storedCertificateInfo(stored.mspPublic ?? "").serialNumber;
}
