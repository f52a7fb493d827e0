import { X509Certificate } from "node:crypto";
import {
  importedCertificate,
  parseImportId,
  type CaRecord,
} from "../../../provider/fabricCa/importCertificate";
import { caSerial } from "../../../provider/fabricCa/identity";
import { testIdentity, type TestIdentity } from "../../support/mspZip";

/** What an import keeps of a CA's answers, and what it refuses: the CA is trusted no more than any server. */
const caUrl = "https://ca.org1.example.com:7054";
const now = new Date();
let known: TestIdentity;
let stranger: TestIdentity;

beforeAll(async () => {
  known = await testIdentity("importee01");
  stranger = await testIdentity("importee01"); // same name, another CA
});

const serialOf = (pem: string) => caSerial(new X509Certificate(pem).serialNumber);
const at = (over: Partial<ReturnType<typeof parseImportId>> = {}) => ({
  caUrl,
  caName: undefined,
  enrollmentId: "importee01",
  serial: serialOf(known.user.certificatePem),
  ...over,
});
const record = (over: Partial<CaRecord> = {}): CaRecord => ({
  identity: {
    id: "importee01",
    type: "client",
    affiliation: "org1",
    attrs: [
      { name: "role", value: "reader" },
      { name: "hf.EnrollmentID", value: "importee01" },
    ],
    maxEnrollments: -1,
  },
  certificates: [known.user.certificatePem],
  notRevoked: [known.user.certificatePem],
  caChainPem: known.ca.certificatePem,
  ...over,
});

describe("importedCertificate", () => {
  it("keeps the certificate without a key, and declares what the CA holds", () => {
    const { outs, inputs } = importedCertificate(
      at(),
      record(),
      { onDelete: "retain", mspId: "bad id!" },
      now,
    );
    expect(outs).toMatchObject({
      privateKeyPem: "",
      hasPrivateKey: false,
      status: "valid",
      maxEnrollments: null,
    });
    expect(outs.serialNumber).toBe(new X509Certificate(known.user.certificatePem).serialNumber);
    // hf.* is the CA's own; a declared setting is kept only when it passes its rule.
    expect(inputs).toEqual({
      caUrl,
      enrollmentId: "importee01",
      identityType: "client",
      affiliation: "org1",
      attributes: { role: "reader" },
      onDelete: "retain",
    });
  });

  it("records a revoked certificate as revoked, so the next up enrolls afresh", () => {
    expect(importedCertificate(at(), record({ notRevoked: [] }), {}, now).outs.status).toBe("revoked");
  });

  it.each([
    [
      "two certificates",
      (): Partial<CaRecord> => ({ certificates: [known.user.certificatePem, known.user.certificatePem] }),
      /lists 2 certificates/,
    ],
    [
      "no identity",
      (): Partial<CaRecord> => ({ identity: undefined }),
      /the CA has no identity "importee01"/,
    ],
    [
      "not PEM",
      (): Partial<CaRecord> => ({
        certificates: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"],
      }),
      /is not a PEM X.509 certificate/,
    ],
    [
      "a certificate of another serial",
      (): Partial<CaRecord> => ({ certificates: [stranger.user.certificatePem] }),
      /is a certificate with another serial/,
    ],
  ])("refuses %s", (_what, over, message) => {
    expect(() => importedCertificate(at(), record(over()), {}, now)).toThrow(message);
  });

  it("refuses a certificate signed by another CA even when the serial is the one asked for", () => {
    const serial = serialOf(stranger.user.certificatePem);
    expect(() =>
      importedCertificate(at({ serial }), record({ certificates: [stranger.user.certificatePem] }), {}, now),
    ).toThrow(/not signed by the CA's chain/);
  });

  it("refuses a certificate of another subject", () => {
    expect(() => importedCertificate(at({ enrollmentId: "someoneelse" }), record(), {}, now)).toThrow(
      /another subject \(.*CN=importee01\)/,
    );
  });

  it("prints a hostile identity type escaped", () => {
    const identity = { ...record().identity!, type: "root\u001b[2J" };
    expect(() => importedCertificate(at(), record({ identity }), {}, now)).toThrow(
      /identity type root\\u001b\[2J is not one of client, peer, orderer, admin/,
    );
  });
});

describe("parseImportId", () => {
  it("takes the resource's own id, an enrollment ID holding '|', and any serial case", () => {
    expect(parseImportId(`${caUrl}|ca1|odd|name|00AbC`, { fabricCaUrl: caUrl })).toEqual({
      caUrl,
      caName: "ca1",
      enrollmentId: "odd|name",
      serial: "abc",
    });
  });

  it.each([
    [
      "too few parts",
      `${caUrl}|importee01|abc`,
      /the import id must be <caUrl>\|<caName>\|<enrollmentId>\|<serial hex>/,
    ],
    ["a serial that is not hex", `${caUrl}||importee01|xyz`, /serial must be 1 to 40 hexadecimal digits/],
    ["a URL that is not one", `ftp://x||importee01|abc`, /caUrl/],
    [
      "an enrollment ID with '/'",
      `${caUrl}||a/b|abc`,
      /enrollmentId must be printable ASCII without ':', '\/'/,
    ],
  ])("refuses %s, naming the part and the rule", (_what, id, message) => {
    expect(() => parseImportId(id, { fabricCaUrl: caUrl })).toThrow(message);
  });

  it("refuses a CA the registrar may not be sent to, naming bcs:fabricCaUrl", () => {
    const elsewhere = `https://ca.attacker.example:7054||importee01|abc`;
    expect(() => parseImportId(elsewhere, { fabricCaUrl: caUrl })).toThrow(
      /caUrl https:\/\/ca\.attacker\.example:7054 is not a CA the registrar may be used at: bcs:fabricCaUrl \(BCS_FABRIC_CA_URL\) names https:\/\/ca\.org1\.example\.com:7054/,
    );
    expect(() => parseImportId(elsewhere, {})).toThrow(/bcs:fabricCaUrl \(BCS_FABRIC_CA_URL\) is not set/);
  });
});
