import { deflateRawSync, inflateRawSync } from "node:zlib";
import { ARCHIVE_LIMITS } from "./certArchive";

/**
 * The record format of the packed parts of a UserCertificate's state (./stateShape.ts): a format byte,
 * then records of kind (1 byte), path (u16 length, UTF-8) and data (u32 length); the whole raw-deflated
 * and base64.
 */
export const enum Kind {
  /** Format 1: the file's text. */
  Text = 0,
  /** The file is one canonical PEM block: its label length, label and DER. */
  Pem = 1,
  /** The file equals that of an earlier record (u16 index). */
  SameAs = 2,
  /** Format 2: the content as bytes. */
  Bytes = 3,
  /** Format 2: the entry's compressed data as it came (its content is inflated from it). */
  Deflated = 4,
  /** Format 2: the zip's frame and where each entry's data goes (./zipFrame.ts). */
  Frame = 5,
}

export interface PackedRecord {
  kind: Kind;
  path: string;
  data: Buffer;
}

export class PackedMspError extends Error {
  constructor(message: string) {
    super(`the stored certificate folder (mspPublic/mspSecret) is unreadable: ${message}`);
  }
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

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/**
 * The records of files (path → content), in the order given: a file equal to an earlier one as a
 * reference, a canonical PEM block as its DER, anything else as `other` (Text in format 1, Bytes in 2).
 */
export function fileRecords(files: [string, Buffer][], other: Kind.Text | Kind.Bytes): PackedRecord[] {
  return files.map(([path, content], index) => {
    const earlier = files.slice(0, index).findIndex(([, c]) => c.equals(content));
    if (earlier >= 0) return { kind: Kind.SameAs, path, data: u16(earlier) };
    const block = canonicalPem(content.toString("utf8"));
    if (block && Buffer.from(pem(block.label, block.der)).equals(content)) {
      const label = Buffer.from(block.label);
      return { kind: Kind.Pem, path, data: Buffer.concat([Buffer.from([label.length]), label, block.der]) };
    }
    return { kind: other, path, data: content };
  });
}

export function encode(format: number, records: PackedRecord[]): string {
  const parts: Buffer[] = [Buffer.from([format])];
  for (const { kind, path, data } of records) {
    const name = Buffer.from(path, "utf8");
    parts.push(Buffer.from([kind]), u16(name.length), name, u32(data.length), data);
  }
  return deflateRawSync(Buffer.concat(parts), { level: 9 }).toString("base64");
}

/** A packed part's format and records, bounded like an answer's zip. */
export function decode(packed: string): { format: number; records: PackedRecord[] } {
  let raw: Buffer;
  try {
    raw = inflateRawSync(Buffer.from(packed, "base64"), {
      maxOutputLength: ARCHIVE_LIMITS.maxTotalBytes * 2,
    });
  } catch (err) {
    throw new PackedMspError(
      `not a packed folder within ${ARCHIVE_LIMITS.maxTotalBytes * 2} bytes (${(err as Error).message})`,
    );
  }
  const records: PackedRecord[] = [];
  let at = 1;
  const take = (length: number): Buffer => {
    if (at + length > raw.length) throw new PackedMspError("a record runs past the end");
    const slice = raw.subarray(at, at + length);
    at += length;
    return slice;
  };
  while (at < raw.length) {
    if (records.length > ARCHIVE_LIMITS.maxEntries) throw new PackedMspError("too many files");
    const kind = take(1)[0] as Kind;
    const path = take(take(2).readUInt16BE()).toString("utf8");
    records.push({ kind, path, data: take(take(4).readUInt32BE()) });
  }
  return { format: raw[0], records };
}

/**
 * The contents of the file records (path → bytes): references resolved, PEM blocks re-encoded,
 * compressed data inflated. Frame records are left to the caller.
 */
export function fileContents(records: PackedRecord[]): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const seen: Buffer[] = [];
  for (const { kind, path, data } of records) {
    if (kind === Kind.Frame) continue;
    if (Object.hasOwn(files, path)) throw new PackedMspError("a path repeats");
    let content: Buffer;
    if (kind === Kind.SameAs) {
      const earlier = seen[data.readUInt16BE()];
      if (earlier === undefined) throw new PackedMspError("a reference to no earlier file");
      content = earlier;
    } else if (kind === Kind.Pem) {
      const labelLength = data[0];
      content = Buffer.from(
        pem(data.subarray(1, 1 + labelLength).toString("utf8"), data.subarray(1 + labelLength)),
      );
    } else if (kind === Kind.Text || kind === Kind.Bytes) {
      content = data;
    } else if (kind === Kind.Deflated) {
      content = inflated(data);
    } else {
      throw new PackedMspError(`unknown record kind ${String(kind)}`);
    }
    files[path] = content;
    seen.push(content);
  }
  return files;
}

function inflated(data: Buffer): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: ARCHIVE_LIMITS.maxEntryBytes });
  } catch (err) {
    throw new PackedMspError(`a compressed entry does not inflate (${(err as Error).message})`);
  }
}
