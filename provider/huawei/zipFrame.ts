import { deflateRawSync, inflateRawSync } from "node:zlib";
import { deflateSync } from "fflate";

/**
 * A zip taken apart so that it can be put back together byte for byte: its frame (every byte but the
 * entries' data: local headers, central directory, end record) and each entry's data. The data of an
 * entry is kept as its content when a known deflater gives back the very same compressed bytes from
 * it (or when it is stored), else as the compressed bytes themselves. The content is what the state
 * keeps anyway, so a reproducible zip costs only its frame. See ./stateShape.ts.
 */
export interface ZipEntryData {
  /** The entry's name as the central directory gives it. */
  name: string;
  /** Where its data goes in the frame. */
  at: number;
  /** How its data is made again: stored, deflated by a known deflater, or kept as it came. */
  how: number;
  /** The uncompressed content. */
  content: Buffer;
  /** The compressed data as it came (when `how` is {@link KEPT}). */
  kept?: Buffer;
}

export interface ZipParts {
  frame: Buffer;
  entries: ZipEntryData[];
}

export const STORED = 0;
export const KEPT = 0xff;

/**
 * The deflaters tried, by code: fflate's (what zipSync writes: the emulator's) and Node's zlib (the zlib
 * of Java's ZipOutputStream, of Python's zipfile and of most tools), at the default level 6 and the
 * usual explicit 1 and 9. Each try costs about a millisecond for a certificate entry (it runs at create,
 * and once per entry whenever the zip is needed again: a freeze, the `archive` output), so only these
 * few are tried; one that reproduces saves the compressed bytes in the state; none is needed for
 * correctness. Go's compress/flate and Info-ZIP's own deflate are not reproduced: their bytes are kept.
 */
const DEFLATERS: Record<number, (content: Buffer) => Buffer> = {
  0x16: (c) => Buffer.from(deflateSync(c, { level: 6 })),
  0x19: (c) => Buffer.from(deflateSync(c, { level: 9 })),
  0x26: (c) => deflateRawSync(c, { level: 6 }),
  0x29: (c) => deflateRawSync(c, { level: 9 }),
  0x21: (c) => deflateRawSync(c, { level: 1 }),
};
/** The likeliest first. */
const TRY_ORDER = [0x16, 0x26, 0x29, 0x21, 0x19];

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

class NotSplittable extends Error {}

/**
 * Splits a zip into its frame and entries; undefined when its shape is not the plain one this reads
 * (zip64, encrypted, overlapping entries…): then it is kept whole.
 */
export function splitZip(zip: Buffer): ZipParts | undefined {
  try {
    return split(zip);
  } catch {
    // Out of range reads, an entry that does not inflate: whatever it is, the zip is kept whole.
    return undefined;
  }
}

function split(zip: Buffer): ZipParts {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt32LE(eocd) !== EOCD) throw new NotSplittable();
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const ranges: { name: string; start: number; end: number; method: number; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new NotSplittable();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (flags & 1 || (method !== 0 && method !== 8) || compressed === 0xffffffff) throw new NotSplittable();
    if (zip.readUInt32LE(local) !== LOCAL) throw new NotSplittable();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    ranges.push({ name, start, end: start + compressed, method, size });
  }
  ranges.sort((a, b) => a.start - b.start);
  const pieces: Buffer[] = [];
  const entries: ZipEntryData[] = [];
  let from = 0;
  let cut = 0;
  for (const r of ranges) {
    if (r.start < from || r.end > eocd) throw new NotSplittable();
    pieces.push(zip.subarray(from, r.start));
    const data = zip.subarray(r.start, r.end);
    const content =
      r.method === 0 ? Buffer.from(data) : inflateRawSync(data, { maxOutputLength: Math.max(1, r.size) });
    if (content.length !== r.size) throw new NotSplittable();
    cut += r.start - from;
    entries.push({ name: r.name, at: cut, ...how(r.method, data, content) });
    from = r.end;
  }
  pieces.push(zip.subarray(from));
  return { frame: Buffer.concat(pieces), entries };
}

function how(method: number, data: Buffer, content: Buffer): Pick<ZipEntryData, "how" | "content" | "kept"> {
  if (method === 0) return { how: STORED, content };
  const code = TRY_ORDER.find((c) => DEFLATERS[c](content).equals(data));
  return code === undefined ? { how: KEPT, content, kept: Buffer.from(data) } : { how: code, content };
}

/** The zip back from its parts, byte for byte. */
export function joinZip(parts: ZipParts): Buffer {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const entry of [...parts.entries].sort((a, b) => a.at - b.at)) {
    if (entry.at < from || entry.at > parts.frame.length) throw new Error("an entry lies outside the frame");
    pieces.push(parts.frame.subarray(from, entry.at), dataOf(entry));
    from = entry.at;
  }
  pieces.push(parts.frame.subarray(from));
  return Buffer.concat(pieces);
}

function dataOf(entry: ZipEntryData): Buffer {
  if (entry.how === STORED) return entry.content;
  if (entry.how === KEPT) {
    if (!entry.kept) throw new Error(`${entry.name}: its compressed data is missing`);
    return entry.kept;
  }
  const deflate = DEFLATERS[entry.how];
  if (!deflate) throw new Error(`${entry.name}: unknown deflater ${entry.how}`);
  return deflate(entry.content);
}
