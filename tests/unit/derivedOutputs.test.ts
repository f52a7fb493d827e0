import { X509Certificate } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { fabricMsp, gatewayIdentity, unpackArchive } from "../../provider/derivedOutputs";
import { createOrgCa, issueUserCertificate } from "../../emulator/pki";

describe("outputs derived in the program", () => {
  it("gatewayIdentity is { mspId, certificate, privateKey }, or null without an MSP ID", () => {
    expect(gatewayIdentity("Org1MSP", "CERT", "KEY")).toEqual({
      mspId: "Org1MSP",
      certificate: "CERT",
      privateKey: "KEY",
    });
    expect(gatewayIdentity(null, "CERT", "KEY")).toBeNull();
    expect(gatewayIdentity("", "CERT", "KEY")).toBeNull();
  });

  it("unpackArchive reads the PEMs and keeps the msp/ folder, with or without a top-level folder around it", () => {
    const zip = (entries: Record<string, string>) =>
      Buffer.from(
        zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)]))),
      ).toString("base64");
    const pem = (label: string) => `-----BEGIN CERTIFICATE-----\n${label}\n-----END CERTIFICATE-----\n`;
    const key = "-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n";
    const files = { "keystore/k_sk": key, "signcerts/u-cert.pem": pem("U"), "cacerts/ca.pem": pem("C") };
    const prefixed = (prefix: string) =>
      Object.fromEntries(Object.entries(files).map(([p, t]) => [`${prefix}msp/${p}`, t]));
    const unpacked = unpackArchive(zip({ ...prefixed(""), "tls/ca.crt": pem("T") }));
    expect(unpacked).toEqual({
      certificatePem: pem("U"),
      caCertificatePem: pem("C"),
      privateKeyPem: key,
      msp: files,
    });
    expect(unpackArchive(zip(prefixed("appuser01/"))).msp).toEqual(files);
  });

  it("fabricMsp names files as fabric-ca-client does", async () => {
    const ca = await createOrgCa("bcs-1", "org1", new Date());
    const user = await issueUserCertificate(ca, "user01", "org1", new Date());
    const msp = fabricMsp(user.certificatePem, "KEY", ca.certificatePem, "https://ca.example.com:7054", null);
    expect(Object.keys(msp).sort()).toEqual([
      "cacerts/ca-example-com-7054.pem",
      expect.stringMatching(/^keystore\/[0-9a-f]{64}_sk$/),
      "signcerts/cert.pem",
    ]);
    expect(new X509Certificate(msp["signcerts/cert.pem"]).subject).toContain("CN=user01");
    expect(Object.keys(fabricMsp(user.certificatePem, "K", "C", "http://127.0.0.1:7054", "ca2"))).toContain(
      "cacerts/127-0-0-1-7054-ca2.pem",
    );
  });
});
