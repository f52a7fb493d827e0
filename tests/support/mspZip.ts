import { crc32 } from "node:zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import {
  createOrgCa,
  issueUserCertificate,
  type IssuedCertificate,
  type KeyedCertificate,
} from "../../emulator/pki";

/** A user certificate and its CA, made at run time (no key is ever committed). */
export interface TestIdentity {
  ca: KeyedCertificate;
  user: IssuedCertificate;
}

export async function testIdentity(userName: string, ca?: KeyedCertificate): Promise<TestIdentity> {
  const now = new Date();
  const issuer = ca ?? (await createOrgCa("bcs-test", "org1", now));
  return { ca: issuer, user: await issueUserCertificate(issuer, userName, "org1", now) };
}

/** The MSP folder as the emulator answers it (path → text), for `{ user, ca }`. */
export function mspFiles({ user, ca }: TestIdentity): Record<string, string> {
  return {
    [`msp/keystore/${user.subjectKeyId}_sk`]: user.privateKeyPem,
    "msp/signcerts/cert.pem": user.certificatePem,
    "msp/cacerts/ca.pem": ca.certificatePem,
    "msp/tlscacerts/tlsca.pem": ca.certificatePem,
  };
}

export function zipOf(files: Record<string, string>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)]))));
}

export function filesOf(zip: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, data]) => [path, strFromU8(data)]));
}

export interface HandZipEntry {
  name: string;
  content: Buffer;
  /** The compressed data (method 8) made by this; stored (method 0) when missing. */
  deflate?: (content: Buffer) => Buffer;
  /** General purpose flags, for shapes a reader may refuse (bit 0: encrypted). */
  flags?: number;
}

/**
 * A zip written by hand, entry by entry, with whatever deflater each entry names: the zips of other
 * tools (zlib's strategies, Java's, Go's) without those tools.
 */
export function handZip(entries: HandZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = e.deflate ? e.deflate(e.content) : e.content;
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(e.flags ?? 0, at);
      b.writeUInt16LE(e.deflate ? 8 : 0, at + 2);
      b.writeUInt32LE(0x28210000, at + 4); // 2000-01-01, DOS date and time
      b.writeUInt32LE(crc32(e.content), at + 8);
      b.writeUInt32LE(data.length, at + 12);
      b.writeUInt32LE(e.content.length, at + 16);
      b.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 8);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
