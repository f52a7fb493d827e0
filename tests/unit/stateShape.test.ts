import { X509Certificate } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { acceptCertificateArchive, ARCHIVE_LIMITS, mspZip } from "../../provider/huawei/certArchive";
import {
  packMsp,
  storedArchive,
  storedCertificateInfo,
  storedSerialNumber,
  unpackMsp,
} from "../../provider/huawei/stateShape";
import { certificateInfo } from "../../provider/common/certificateInfo";
import { filesOf, mspFiles, testIdentity, zipOf, type TestIdentity } from "../support/mspZip";

let alice: TestIdentity;
beforeAll(async () => {
  alice = await testIdentity("alice001");
});

describe("the packed msp/ folder in the state", () => {
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
    expect(Object.keys(unpackMsp({ mspPublic, mspSecret: packMsp({}).mspSecret }))).not.toContainEqual(
      expect.stringMatching(/^keystore\//),
    );
    expect(JSON.stringify(unpackMsp({ mspPublic, mspSecret: packMsp({}).mspSecret }))).not.toContain(
      "PRIVATE KEY",
    );
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
    expect(unpackMsp(packMsp(msp))).toEqual(msp);
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
    const bomb = deflateRawSync(Buffer.alloc(ARCHIVE_LIMITS.maxTotalBytes + 1, 1)).toString("base64");
    expect(() => unpackMsp({ mspPublic: bomb, mspSecret: bomb })).toThrow(/unreadable: not a packed folder/);
    const truncated = deflateRawSync(Buffer.from([1, 0, 0, 9, 0x61])).toString("base64");
    expect(() => unpackMsp({ mspPublic: truncated, mspSecret: truncated })).toThrow(/runs past the end/);
  });
});
