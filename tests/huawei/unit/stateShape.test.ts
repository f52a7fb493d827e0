import { X509Certificate } from "node:crypto";
import { constants, deflateRawSync } from "node:zlib";
import { acceptCertificateArchive, ARCHIVE_LIMITS, mspZip } from "../../../provider/huawei/certArchive";
import {
  packArchive,
  packMsp,
  storedArchive,
  storedCertificateInfo,
  storedSerialNumber,
  type PackedMsp,
} from "../../../provider/huawei/stateShape";
import { unzipSync } from "fflate";
import { certificateInfo } from "../../../provider/common/certificateInfo";
import { decode, fileContents } from "../../../provider/huawei/packedRecords";
import { splitZip } from "../../../provider/huawei/zipFrame";
import { filesOf, handZip, mspFiles, testIdentity, zipOf, type TestIdentity } from "../../support/mspZip";

let alice: TestIdentity;
beforeAll(async () => {
  alice = await testIdentity("alice001");
});

/** A folder of issue 13's shape (format 1) as the provider reads it back. */
const unpackMsp = (packed: PackedMsp) => storedArchive(packed).msp;

describe("the packed msp/ folder of the release before (format 1)", () => {
  it("gives back every file as the same text, and freeze's zip byte for byte", () => {
    const accepted = acceptCertificateArchive(zipOf(mspFiles(alice)), "alice001");
    const packed = packMsp(accepted.msp);
    expect(unpackMsp(packed)).toEqual(accepted.msp);
    const rebuilt = storedArchive(packed);
    expect(rebuilt.zip.equals(mspZip(accepted.msp))).toBe(true);
    // What the freeze call names: the certificate under msp/signcerts/ of the uploaded zip.
    const signcert = Object.entries(filesOf(rebuilt.zip)).find(([p]) => p.startsWith("msp/signcerts/"))!;
    expect(new X509Certificate(signcert[1]).serialNumber).toBe(
      new X509Certificate(alice.user.certificatePem).serialNumber,
    );
    expect(rebuilt.privateKeyPem).toBe(alice.user.privateKeyPem);
  });

  it("keeps the key only in the secret part, and is far smaller than the zip it replaces", () => {
    const accepted = acceptCertificateArchive(zipOf(mspFiles(alice)), "alice001");
    const { mspPublic, mspSecret } = packMsp(accepted.msp);
    const publicFiles = fileContents(decode(mspPublic).records);
    expect(Object.keys(publicFiles)).not.toContainEqual(expect.stringMatching(/^keystore\//));
    expect(Buffer.concat(Object.values(publicFiles)).toString()).not.toContain("PRIVATE KEY");
    expect(mspPublic.length + mspSecret.length).toBeLessThan(
      mspZip(accepted.msp).toString("base64").length * 0.6,
    );
  });

  it("keeps texts that are not canonical PEM as they are", () => {
    const msp = {
      "signcerts/cert.pem": alice.user.certificatePem.replace(/\n/g, "\r\n"),
      "cacerts/ca.pem": `# the org CA\n${alice.ca.certificatePem}`,
      "tlscacerts/tls.pem": `# the org CA\n${alice.ca.certificatePem}`,
      "config.yaml": "NodeOUs:\n  Enable: true\n",
      "keystore/key_sk": alice.user.privateKeyPem,
    };
    const { mspPublic, mspSecret } = packMsp(msp);
    expect(storedCertificateInfo(mspPublic).serialNumber).toBe(
      new X509Certificate(alice.user.certificatePem).serialNumber,
    );
    expect(storedArchive({ mspPublic, mspSecret }).zip.equals(mspZip(msp))).toBe(true);
  });

  it("reads the certificate facts from the public part, and either shape's serial number", () => {
    const accepted = acceptCertificateArchive(zipOf(mspFiles(alice)), "alice001");
    const packed = packMsp(accepted.msp);
    const facts = certificateInfo(alice.user.certificatePem);
    expect(storedCertificateInfo(packed.mspPublic)).toEqual(facts);
    expect(storedSerialNumber(packed)).toBe(facts.serialNumber);
    expect(storedSerialNumber({ ...facts, archive: mspZip(accepted.msp).toString("base64") })).toBe(
      facts.serialNumber,
    );
    expect(storedArchive({ archive: mspZip(accepted.msp).toString("base64") }).msp).toEqual(accepted.msp);
  });

  it("refuses a packed part that inflates past the archive limit, or is not one", () => {
    const bomb = deflateRawSync(Buffer.alloc(ARCHIVE_LIMITS.maxTotalBytes * 2 + 1, 1)).toString("base64");
    expect(() => unpackMsp({ mspPublic: bomb, mspSecret: bomb })).toThrow(/unreadable: not a packed folder/);
    const truncated = deflateRawSync(Buffer.from([1, 0, 0, 9, 0x61])).toString("base64");
    expect(() => unpackMsp({ mspPublic: truncated, mspSecret: truncated })).toThrow(/runs past the end/);
  });
});

/** Not UTF-8, with NULs: the bytes of a binary file such as Fabric CA's IssuerPublicKey. */
const BINARY = Buffer.from([0x0a, 0x20, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0xc3, 0x28, 0x12, 0x34]);

/** A real layout beyond the emulator's: a wrapper folder, tls/, config.yaml and a binary entry. */
function fullLayout({ user, ca }: TestIdentity): Record<string, Buffer> {
  return {
    "user01/": Buffer.alloc(0),
    [`user01/msp/keystore/${user.subjectKeyId}_sk`]: Buffer.from(user.privateKeyPem),
    "user01/msp/signcerts/cert.pem": Buffer.from(user.certificatePem),
    "user01/msp/cacerts/ca.pem": Buffer.from(ca.certificatePem),
    "user01/msp/tlscacerts/tlsca.pem": Buffer.from(ca.certificatePem),
    "user01/msp/config.yaml": Buffer.from("NodeOUs:\n  Enable: true\n"),
    "user01/msp/IssuerPublicKey": BINARY,
    "user01/tls/server.crt": Buffer.from(user.certificatePem),
    "user01/tls/server.key": Buffer.from(user.privateKeyPem),
  };
}

const deflaters: [string, ((c: Buffer) => Buffer) | undefined][] = [
  ["stored", undefined],
  ["zlib level 6 (Java's ZipOutputStream)", (c) => deflateRawSync(c, { level: 6 })],
  ["zlib level 1", (c) => deflateRawSync(c, { level: 1 })],
  // No deflater the state tries makes these again: their compressed bytes are kept as they came.
  ["zlib Huffman only", (c) => deflateRawSync(c, { strategy: constants.Z_HUFFMAN_ONLY })],
  ["zlib small window", (c) => deflateRawSync(c, { windowBits: 9, memLevel: 1 })],
];

describe("the zip BCS answered, in the state (format 2)", () => {
  it.each(deflaters)("comes back byte for byte, every folder and entry, from a zip %s", (_name, deflate) => {
    const layout = fullLayout(alice);
    const zip = handZip(Object.entries(layout).map(([name, content]) => ({ name, content, deflate })));
    const packed = packArchive(zip);
    const stored = storedArchive(packed);
    expect(stored.zip.equals(zip)).toBe(true);
    expect(stored.privateKeyPem).toBe(alice.user.privateKeyPem);
    // The msp output holds the text files; the binary one is only in the zip, as bytes.
    expect(stored.msp["config.yaml"]).toBe("NodeOUs:\n  Enable: true\n");
    expect(Object.keys(stored.msp)).not.toContain("IssuerPublicKey");
    expect(Buffer.from(unzipSync(stored.zip)["user01/msp/IssuerPublicKey"]).equals(BINARY)).toBe(true);
    expect(storedCertificateInfo(packed.mspPublic)).toEqual(certificateInfo(alice.user.certificatePem));
  });

  it("keeps every key, binary and unknown file out of the public part", () => {
    const zip = zipOf(mspFiles(alice));
    const layout = fullLayout(alice);
    for (const answer of [
      zip,
      handZip(Object.entries(layout).map(([name, content]) => ({ name, content }))),
    ]) {
      const { mspPublic } = packArchive(answer);
      const publicFiles = fileContents(decode(mspPublic).records);
      const text = Buffer.concat(Object.values(publicFiles)).toString("latin1");
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(alice.user.privateKeyPem.split("\n")[1]);
      expect(
        Object.keys(publicFiles).filter((p) => /IssuerPublicKey|config\.yaml|\.key$|_sk$/.test(p)),
      ).toEqual([]);
    }
  });

  it("keeps a zip it cannot take apart whole, and still gives it back", () => {
    const zip = handZip(
      Object.entries(fullLayout(alice)).map(([name, content]) => ({ name, content, flags: 1 })),
    );
    expect(splitZip(zip)).toBeUndefined();
    expect(storedArchive(packArchive(zip)).zip.equals(zip)).toBe(true);
  });

  it("costs little more than the folder of the release before for the emulator's zip (measured)", () => {
    const zip = zipOf(mspFiles(alice));
    const accepted = acceptCertificateArchive(zip, "alice001");
    const before = packMsp(accepted.msp);
    const after = packArchive(zip);
    const size = (p: PackedMsp) => `${p.mspPublic.length} + ${p.mspSecret.length}`;
    const kept = packArchive(
      handZip(
        Object.entries(mspFiles(alice)).map(([name, text]) => ({
          name,
          content: Buffer.from(text),
          deflate: (c: Buffer) => deflateRawSync(c, { strategy: constants.Z_HUFFMAN_ONLY }),
        })),
      ),
    );
    console.log(
      `packed base64 bytes (public + secret): zip ${zip.toString("base64").length}, format 1 ${size(before)}, ` +
        `format 2 ${size(after)}, format 2 of a zip no deflater reproduces ${size(kept)}`,
    );
    // The frame (headers and directory) is what format 2 adds when the entries' data is made again.
    expect(after.mspPublic.length + after.mspSecret.length).toBeLessThan(
      before.mspPublic.length + before.mspSecret.length + 600,
    );
    expect(storedArchive(after).zip.equals(zip)).toBe(true);
  });
});
