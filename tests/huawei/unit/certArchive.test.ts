import { randomBytes, X509Certificate } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import {
  acceptCertificateArchive,
  ARCHIVE_LIMITS,
  ArchiveError,
  mspZip,
  readCertificateArchive,
} from "../../../provider/huawei/certArchive";
import { storedArchive } from "../../../provider/huawei/stateShape";
import { filesOf, mspFiles, testIdentity, zipOf, type TestIdentity } from "../../support/mspZip";

let alice: TestIdentity;
let bob: TestIdentity;
beforeAll(async () => {
  alice = await testIdentity("alice001");
  bob = await testIdentity("bob00001", alice.ca);
});

/** `zip` with the uncompressed size its central directory declares for `name` set to `size`. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at < out.length - 46; at++) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) === name) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

describe("accepting the certificate zip", () => {
  it("finds certificate, key and CA by folder and stores the msp/ folder alone, rebuilt the same way every time", () => {
    const answer = zipOf({
      ...mspFiles(alice),
      "tls/server.crt": randomBytes(30_000).toString("base64"),
      "README.txt": "not part of the MSP",
    });
    const accepted = acceptCertificateArchive(answer, "alice001");
    expect(accepted.certificatePem).toBe(alice.user.certificatePem);
    expect(accepted.privateKeyPem).toBe(alice.user.privateKeyPem);
    expect(accepted.caCertificatePem).toBe(alice.ca.certificatePem);
    const zip = mspZip(accepted.msp);
    expect(Object.keys(filesOf(zip)).sort()).toEqual(Object.keys(mspFiles(alice)).sort());
    expect(zip.length).toBeLessThan(answer.length / 4);
    expect(mspZip(acceptCertificateArchive(answer, "alice001").msp).equals(zip)).toBe(true);
    expect(readCertificateArchive(zip)).toEqual({
      certificatePem: accepted.certificatePem,
      privateKeyPem: accepted.privateKeyPem,
      caCertificatePem: accepted.caCertificatePem,
      msp: accepted.msp,
    });
  });

  it("accepts a top-level folder around msp/, and stores msp/ at the top", () => {
    const files = Object.fromEntries(Object.entries(mspFiles(alice)).map(([p, t]) => [`alice001/${p}`, t]));
    const accepted = acceptCertificateArchive(zipOf(files), "alice001");
    expect(Object.keys(filesOf(mspZip(accepted.msp))).every((p) => p.startsWith("msp/"))).toBe(true);
  });

  it.each([
    ["../outside", "an entry above the zip"],
    ["msp/../../outside", "a `..` inside msp/"],
    ["msp/signcerts/../../../etc/cron.d/x", "a `..` in a deeper path"],
    ["/etc/passwd", "an absolute path"],
    ["msp\\..\\..\\outside", "backslashes"],
    ["C:/outside", "a drive letter"],
    ["msp/cacerts/a\u0000b", "a NUL"],
  ])("refuses an entry named %j (%s)", (name) => {
    const answer = zipOf({ ...mspFiles(alice), [name]: "x" });
    expect(() => acceptCertificateArchive(answer, "alice001")).toThrow(/not a safe relative path/);
    expect(() => storedArchive({ archive: answer.toString("base64") })).toThrow(ArchiveError);
  });

  it("refuses a certificate of another user, without quoting what the server sent", () => {
    const answer = zipOf(mspFiles(bob));
    expect(() => acceptCertificateArchive(answer, "alice001")).toThrow(
      /the certificate under signcerts\/ is not for alice001/,
    );
    expect(() => acceptCertificateArchive(answer, "alice001")).not.toThrow(/bob00001/);
  });

  it("refuses a subject that holds a second CN, whatever its order", async () => {
    const twoNames = await testIdentity("evil0001 + CN=alice001", alice.ca);
    const subject = new X509Certificate(twoNames.user.certificatePem).subject;
    expect(subject).toMatch(/CN=evil0001.* \+ CN=alice001$/); // one RDN holding two CNs
    expect(() => acceptCertificateArchive(zipOf(mspFiles(twoNames)), "alice001")).toThrow(/not for alice001/);
  });

  it("refuses a key that does not belong to the certificate", () => {
    const files = mspFiles(alice);
    files[`msp/keystore/${alice.user.subjectKeyId}_sk`] = bob.user.privateKeyPem;
    expect(() => acceptCertificateArchive(zipOf(files), "alice001")).toThrow(
      /does not belong to the certificate/,
    );
  });

  it("refuses a certificate that the zip's CA did not issue", async () => {
    const stranger = await testIdentity("alice001"); // same names, another CA key
    const files = { ...mspFiles(alice), "msp/cacerts/ca.pem": stranger.ca.certificatePem };
    expect(() => acceptCertificateArchive(zipOf(files), "alice001")).toThrow(/msp\/cacerts\//);
  });

  it("refuses two certificates or two keys: whose identity would it be?", () => {
    const twoCerts = { ...mspFiles(alice), "msp/signcerts/bob.pem": bob.user.certificatePem };
    expect(() => acceptCertificateArchive(zipOf(twoCerts), "alice001")).toThrow(
      /expected one file under msp\/signcerts\/, found 2/,
    );
    const twoKeys = {
      ...mspFiles(alice),
      [`msp/keystore/${bob.user.subjectKeyId}_sk`]: bob.user.privateKeyPem,
    };
    expect(() => acceptCertificateArchive(zipOf(twoKeys), "alice001")).toThrow(
      /expected one file under msp\/keystore\/, found 2/,
    );
    const bundled = {
      ...mspFiles(alice),
      "msp/signcerts/cert.pem": bob.user.certificatePem + alice.user.certificatePem,
    };
    expect(() => acceptCertificateArchive(zipOf(bundled), "alice001")).toThrow(
      /expected one PEM certificate in the file under msp\/signcerts\/, found 2/,
    );
  });

  it("refuses two msp/ folders and names that differ only in case", () => {
    const nested = Object.fromEntries(Object.entries(mspFiles(bob)).map(([p, t]) => [`bob/${p}`, t]));
    expect(() => acceptCertificateArchive(zipOf({ ...mspFiles(alice), ...nested }), "alice001")).toThrow(
      /more than one msp\/ folder/,
    );
    const twins = { ...mspFiles(alice), "msp/signcerts/CERT.pem": bob.user.certificatePem };
    expect(() => acceptCertificateArchive(zipOf(twins), "alice001")).toThrow(/same name/);
  });

  it("names what is missing", () => {
    const noCert = mspFiles(alice);
    delete noCert["msp/signcerts/cert.pem"];
    expect(() => acceptCertificateArchive(zipOf(noCert), "alice001")).toThrow(
      /expected one file under msp\/signcerts\/, found 0/,
    );
  });

  it("refuses a truncated or corrupt zip", () => {
    const zip = zipOf(mspFiles(alice));
    expect(() => acceptCertificateArchive(zip.subarray(0, zip.length - 10), "alice001")).toThrow(
      /not a readable zip/,
    );
    expect(() => acceptCertificateArchive(strToU8('{"result":"success"}'), "alice001")).toThrow(
      /not a readable zip/,
    );
  });
});

describe("the archive limits", () => {
  it("refuses an entry that declares more than the per-entry limit, before inflating it (a zip bomb)", () => {
    const answer = declareSize(zipOf({ ...mspFiles(alice), "msp/bomb": "0" }), "msp/bomb", 300 * 1024 * 1024);
    expect(() => acceptCertificateArchive(answer, "alice001")).toThrow(
      new RegExp(`an entry is larger than ${ARCHIVE_LIMITS.maxEntryBytes} bytes`),
    );
  });

  it("refuses entries that add up to more than the total limit", () => {
    const filler = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`msp/filler/${i}`, "y".repeat(60 * 1024)]),
    );
    expect(() => acceptCertificateArchive(zipOf({ ...mspFiles(alice), ...filler }), "alice001")).toThrow(
      new RegExp(`add up to more than ${ARCHIVE_LIMITS.maxTotalBytes} bytes`),
    );
  });

  it("refuses more entries than the limit", () => {
    const many = Object.fromEntries(
      Array.from({ length: ARCHIVE_LIMITS.maxEntries }, (_, i) => [`msp/many/${i}`, ""]),
    );
    expect(() => acceptCertificateArchive(zipOf({ ...mspFiles(alice), ...many }), "alice001")).toThrow(
      new RegExp(`more than ${ARCHIVE_LIMITS.maxEntries} entries`),
    );
  });

  it("inflates an entry no further than its declared size, whatever its data holds", () => {
    const files = mspFiles(alice);
    const config = "NodeOUs:\n  Enable: false\n";
    const answer = declareSize(
      Buffer.from(
        zipSync({
          ...Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])),
          "msp/config.yaml": strToU8(config + " ".repeat(1 << 20)),
        }),
      ),
      "msp/config.yaml",
      config.length,
    );
    expect(acceptCertificateArchive(answer, "alice001").msp["config.yaml"]).toBe(config);
  });
});
