import { X509Certificate } from "node:crypto";
import { storedArchive } from "../../provider/huawei/stateShape";
import { gatewayIdentity } from "../../provider/common/certificateOutputs";
import { fabricMsp } from "../../provider/fabricCa/model";
import { createOrgCa, issueUserCertificate } from "../../emulator/pki";
import { mspFiles, testIdentity, zipOf } from "../support/mspZip";

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

  it("an archive stored by the previous release gives the PEMs and the msp/ folder, with or without a top-level folder around it", async () => {
    const identity = await testIdentity("user0001");
    const files = mspFiles(identity);
    const inside = Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace(/^msp\//, ""), t]));
    const archive = zipOf({ ...files, "tls/ca.crt": "T" }).toString("base64");
    expect(storedArchive({ archive })).toMatchObject({
      certificatePem: identity.user.certificatePem,
      caCertificatePem: identity.ca.certificatePem,
      privateKeyPem: identity.user.privateKeyPem,
      msp: inside,
    });
    const prefixed = Object.fromEntries(Object.entries(files).map(([p, t]) => [`user0001/${p}`, t]));
    expect(storedArchive({ archive: zipOf(prefixed).toString("base64") }).msp).toEqual(inside);
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
