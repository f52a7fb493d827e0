import { execFileSync } from "node:child_process";
import { createPublicKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FabricCaCertificateProvider } from "../../../provider/fabricCa/certificateProvider";
import { outputs } from "../../../provider/fabricCa/inputs";
import { fabricCaCertificateModel } from "../../../provider/fabricCa/model";
import { UserCertificateProvider } from "../../../provider/huawei/userCertificateProvider";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

let ca: RunningFabricCa;
let scratch: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-csr-mode-"));
  ca = await startFabricCaServer({});
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await ca?.stop();
});

function provider(): FabricCaCertificateProvider {
  const config: Record<string, string> = {
    "bcs:fabricCaUrl": ca.url,
    "bcs:fabricCaRegistrarId": ca.bootstrap.id,
    "bcs:fabricCaRegistrarSecret": ca.bootstrap.secret,
  };
  const p = new FabricCaCertificateProvider({});
  p.configureFrom((key) => config[key]);
  return p;
}

let made = 0;
/** A key and CSR made by openssl, as a user would: the key file stays here. */
function opensslCsr(subject: string, newkey: string[] = ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]) {
  const base = join(scratch, `req${made++}`);
  execFileSync(
    "openssl",
    ["req", "-new", "-newkey", ...newkey, "-nodes", "-keyout", `${base}.key`].concat([
      "-subj",
      subject,
      "-out",
      `${base}.csr`,
    ]),
    { stdio: "pipe" },
  );
  return {
    csrPem: readFileSync(`${base}.csr`, "utf8"),
    keyPem: readFileSync(`${base}.key`, "utf8"),
    keyFile: `${base}.key`,
  };
}

/** The public key (SPKI hex) of a certificate, or of a private key's PEM. */
const spki = (pem: string) =>
  (pem.includes("CERTIFICATE") ? new X509Certificate(pem).publicKey : createPublicKey(pem))
    .export({ type: "spki", format: "der" })
    .toString("hex");

const inputs = (enrollmentId: string, certificateSigningRequestPem: string) => ({
  caUrl: ca.url,
  enrollmentId,
  affiliation: "org1",
  certificateSigningRequestPem,
});

async function refusals(input: Record<string, unknown>): Promise<string[]> {
  const { failures } = await provider().check({}, input as never);
  return (failures ?? []).map((f) => f.reason);
}

describe("CSR mode at preview", () => {
  it("takes a P-256 or P-384 CSR whose CN is the enrollment id", async () => {
    expect(await refusals(inputs("csr256", opensslCsr("/CN=csr256").csrPem))).toEqual([]);
    const p384 = opensslCsr("/CN=csr384", ["ec", "-pkeyopt", "ec_paramgen_curve:P-384"]);
    expect(await refusals(inputs("csr384", p384.csrPem))).toEqual([]);
  });

  it("refuses another CN, naming the field and the enrollment id", async () => {
    expect(await refusals(inputs("alice", opensslCsr("/CN=bob").csrPem))).toEqual([
      expect.stringMatching(
        /^certificateSigningRequestPem's subject CN must be the enrollmentId "alice".*not "bob"$/,
      ),
    ]);
  });

  it("refuses an RSA key and a curve Fabric CA does not sign", async () => {
    expect(await refusals(inputs("rsa01", opensslCsr("/CN=rsa01", ["rsa:2048"]).csrPem))).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem's key is RSA: .*P-256 or P-384/),
    ]);
    const k1 = opensslCsr("/CN=k1", ["ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"]);
    expect(await refusals(inputs("k1", k1.csrPem))).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem's key is EC on secp256k1: /),
    ]);
  });

  it("refuses a request whose signature does not verify", async () => {
    const { csrPem } = opensslCsr("/CN=tampered");
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    der[der.length - 5] ^= 0x01; // inside the signature
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await refusals(inputs("tampered", pem))).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem's signature does not verify/),
    ]);
  });

  it("refuses what is not a CSR: a certificate, garbage, a number", async () => {
    const certificate = `-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n`;
    expect(await refusals(inputs("notcsr", certificate))).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem is not a PEM "CERTIFICATE REQUEST"/),
    ]);
    const junk = `-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQA=\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await refusals(inputs("notcsr", junk))).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem is not a PKCS#10 certificate request/),
    ]);
    expect(await refusals({ ...inputs("notcsr", ""), certificateSigningRequestPem: 7 })).toEqual([
      expect.stringMatching(/^certificateSigningRequestPem must be a PEM/),
    ]);
  });

  it("refuses keyPolicy with a CSR: the key is the CSR's", async () => {
    const input = { ...inputs("policy", opensslCsr("/CN=policy").csrPem), keyPolicy: "reuse" };
    expect(await refusals(input)).toEqual([
      expect.stringMatching(/^keyPolicy cannot be set with certificateSigningRequestPem/),
    ]);
  });

  it("UserCertificate (Huawei) refuses a CSR, saying why", async () => {
    const huawei = new UserCertificateProvider({});
    const { failures } = await huawei.check(
      {} as never,
      {
        projectId: "0".repeat(32),
        bcsId: "bcs",
        orgName: "org1",
        userName: "user1",
        certificateSigningRequestPem: opensslCsr("/CN=user1").csrPem,
      } as never,
    );
    expect((failures ?? []).map((f) => f.reason)).toContainEqual(
      expect.stringMatching(
        /^certificateSigningRequestPem is not possible on UserCertificate: Huawei Cloud BCS makes the key/,
      ),
    );
  });
});

describe("CSR mode enrollment against fabric-ca-server", () => {
  it("enrolls the CSR, stores no key, re-enrolls on renewal and attribute changes, rotates on a new CSR", async () => {
    const first = opensslCsr("/CN=csruser01");
    const p = provider();
    const { outs } = await p.create(inputs("csruser01", first.csrPem));
    expect(outs!.privateKeyPem).toBe("");
    expect(outs!.hasPrivateKey).toBe(false);
    expect(spki(outs!.certificatePem)).toBe(spki(first.keyPem));
    const msp = fabricCaCertificateModel.derive(outs!).msp;
    expect(Object.keys(msp).some((path) => path.startsWith("keystore/"))).toBe(false);
    expect(fabricCaCertificateModel.derive(outs!).gatewayIdentity).toBeNull();

    // Renewal due (a window longer than the certificate's life): the same CSR, a new certificate.
    const renew = { ...inputs("csruser01", first.csrPem), renewBefore: "87600h" };
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await p.diff("id", outs!, renew)).changes).toBe(true);
    quiet.mockRestore();
    const renewed = (await p.update("id", outs!, renew)).outs!;
    expect(renewed.serialNumber).not.toBe(outs!.serialNumber);
    expect(spki(renewed.certificatePem)).toBe(spki(first.keyPem));
    expect(renewed.privateKeyPem).toBe("");

    const withAttrs = { ...inputs("csruser01", first.csrPem), attributes: { role: "auditor" } };
    const reattributed = (await p.update("id", renewed, withAttrs)).outs!;
    expect(reattributed.attributes).toEqual({ role: "auditor" });
    expect(new X509Certificate(reattributed.certificatePem).raw.toString("latin1")).toContain(
      '"role":"auditor"',
    );
    expect(reattributed.certificatePem).not.toBe(renewed.certificatePem);

    const second = opensslCsr("/CN=csruser01");
    const rotate = { ...withAttrs, certificateSigningRequestPem: second.csrPem };
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await p.diff("id", reattributed, rotate)).replaces).toEqual([]);
    const notices = log.mock.calls.map((c) => String(c[0])).join("\n");
    log.mockRestore();
    expect(notices).toMatch(
      /certificateSigningRequestPem changed \(a new key\).*key rotated to the new CSR's/,
    );
    const rotated = (await p.update("id", reattributed, rotate)).outs!;
    expect(spki(rotated.certificatePem)).toBe(spki(second.keyPem));
    expect(rotated.certificateSigningRequestPem).toBe(second.csrPem);
    expect(JSON.stringify(rotated)).not.toMatch(/PRIVATE KEY/);
  });

  it("refuses a certificate whose key is not the CSR's", () => {
    const mine = opensslCsr("/CN=other01");
    const issuedForAnother = opensslCsr("/CN=other01");
    const cert = execFileSync(
      "openssl",
      ["req", "-x509", "-key", issuedForAnother.keyFile, "-subj", "/CN=other01", "-days", "1"],
      { encoding: "utf8" },
    );
    expect(() => outputs(inputs("other01", mine.csrPem), cert, "", cert, new Date())).toThrow(
      /another key than the one in certificateSigningRequestPem/,
    );
  });

  it("switches a provider-held key to CSR mode in place, dropping the key", async () => {
    const p = provider();
    const { outs } = await p.create({ caUrl: ca.url, enrollmentId: "switch01", affiliation: "org1" });
    expect(outs!.hasPrivateKey).toBe(true);
    const csr = opensslCsr("/CN=switch01");
    const switched = (await p.update("id", outs!, inputs("switch01", csr.csrPem))).outs!;
    expect(switched.privateKeyPem).toBe("");
    expect(switched.hasPrivateKey).toBe(false);
    expect(spki(switched.certificatePem)).toBe(spki(csr.keyPem));
  });
});
