import { emulatorCertificates } from "../support/emulatorInspection";
import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import { fillPath } from "../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../emulator/routes";
import {
  bcs,
  createCert,
  errorCode,
  hw,
  obtainToken,
  openssl,
  opensslVerify,
  send,
  startTestEmulator,
  zipEntries,
  type BcsAuth,
  type TestEmulator,
} from "./helpers";

let emu: TestEmulator;
let auth: BcsAuth;
beforeEach(async () => {
  emu = await startTestEmulator();
  auth = { kind: "token", token: await obtainToken(emu.url) };
});
afterEach(() => emu.stop());

function listed() {
  return emulatorCertificates(emu.url);
}

describe("create user certificate", () => {
  it("answers with a Fabric MSP zip whose certificate chains to the org CA", async () => {
    const response = await createCert(emu.url, auth, { user_name: "alice01", org_name: "org2" }, true);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="alice01@org2.zip"');

    const entries = zipEntries(response.body);
    const names = Object.keys(entries).sort();
    expect(names).toHaveLength(4);
    expect(names[0]).toBe("msp/cacerts/ca.org2-cert.pem");
    expect(names[1]).toMatch(/^msp\/keystore\/[0-9a-f]{64}_sk$/);
    expect(names[2]).toBe("msp/signcerts/alice01@org2-cert.pem");
    expect(names[3]).toBe("msp/tlscacerts/tlsca.org2-cert.pem");

    const keyPem = entries[names[1]];
    expect(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n")).toBe(true);
    const key = createPrivateKey({ key: keyPem, format: "pem" });
    expect(key.asymmetricKeyType).toBe("ec");
    expect(key.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(key.export({ type: "pkcs8", format: "pem" })).toBe(keyPem);

    const certPem = entries["msp/signcerts/alice01@org2-cert.pem"];
    const caPem = entries["msp/cacerts/ca.org2-cert.pem"];
    expect(entries["msp/tlscacerts/tlsca.org2-cert.pem"]).toBe(caPem);
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    expect(cert.subject).toBe("C=CN\nO=org2\nOU=client\nCN=alice01");
    expect(cert.issuer).toBe(ca.subject);
    expect(ca.subject).toBe(`C=CN\nO=org2\nCN=ca.org2.${hw.blockchainId}.bcs.example.com`);
    expect(cert.ca).toBe(false);
    expect(ca.ca).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(key)).toBe(true);
    expect(createPublicKey(key).export({ type: "spki", format: "der" })).toEqual(
      cert.publicKey.export({ type: "spki", format: "der" }),
    );
    expect(cert.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    const lifetime = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
    expect(lifetime).toBe(365 * 24 * 3600 * 1000 + 60 * 1000);

    expect((await opensslVerify(caPem, certPem)).trim()).toMatch(/: OK$/);
    const extensions = openssl(["x509", "-noout", "-ext", "keyUsage,basicConstraints"], certPem);
    expect(extensions).toMatch(/Key Usage: critical\s+Digital Signature\s/);
    expect(extensions).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    const caExtensions = openssl(["x509", "-noout", "-ext", "keyUsage,basicConstraints"], caPem);
    expect(caExtensions).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(caExtensions).toMatch(/Basic Constraints: critical\s+CA:TRUE/);

    const caRoute = fillPath(inspectionRoutes.caCertificate.path, {
      blockchain_id: hw.blockchainId,
      org_name: "org2",
    });
    const served = await send(emu.url + caRoute, { method: "GET" });
    expect(served.body.toString()).toBe(caPem);

    expect(await listed()).toEqual([
      expect.objectContaining({
        serialNumber: cert.serialNumber,
        userName: "alice01",
        orgName: "org2",
        securityMode: true,
        frozen: false,
      }),
    ]);
  });

  it("uses one CA per org: two users of an org share it, another org has its own", async () => {
    const a = zipEntries((await createCert(emu.url, auth, { user_name: "usera1" })).body);
    const b = zipEntries((await createCert(emu.url, auth, { user_name: "userb1" })).body);
    const c = zipEntries((await createCert(emu.url, auth, { user_name: "userc1", org_name: "org2" })).body);
    expect(a["msp/cacerts/ca.org1-cert.pem"]).toBe(b["msp/cacerts/ca.org1-cert.pem"]);
    expect(c["msp/cacerts/ca.org2-cert.pem"]).not.toBe(a["msp/cacerts/ca.org1-cert.pem"]);
  });

  it("accepts an empty body (non-safe mode)", async () => {
    const response = await bcs(emu.url, "createUserCert", { auth });
    expect(response.status).toBe(200);
    expect((await listed())[0].securityMode).toBe(false);
  });

  it.each([
    [
      "an unknown blockchain",
      { blockchain_id: "bcs-nope" },
      undefined,
      404,
      "BCS.4040404",
      "Not Found:blockchain bcs-nope is not found",
    ],
    [
      "a user name that is too short",
      { user_name: "abc" },
      undefined,
      400,
      "BCS.4006005",
      "Invalid user_name abc: 4 to 24 lowercase letters and digits, starting with a letter",
    ],
    [
      "a user name with upper case",
      { user_name: "Alice01" },
      undefined,
      400,
      "BCS.4006005",
      "Invalid user_name Alice01: 4 to 24 lowercase letters and digits, starting with a letter",
    ],
    [
      "a user name starting with a digit",
      { user_name: "1alice" },
      undefined,
      400,
      "BCS.4006005",
      "Invalid user_name 1alice: 4 to 24 lowercase letters and digits, starting with a letter",
    ],
    [
      "a user name of 25 characters",
      { user_name: "a".repeat(25) },
      undefined,
      400,
      "BCS.4006005",
      `Invalid user_name ${"a".repeat(25)}: 4 to 24 lowercase letters and digits, starting with a letter`,
    ],
    [
      "the orderer org",
      { org_name: "orderer" },
      undefined,
      400,
      "BCS.4001051",
      "Input org orderer is not exist",
    ],
    ["an unknown org", { org_name: "org9" }, undefined, 400, "BCS.4001051", "Input org org9 is not exist"],
    [
      "an org of another blockchain",
      { blockchain_id: hw.secondBlockchainId, org_name: "org2" },
      undefined,
      400,
      "BCS.4001051",
      "Input org org2 is not exist",
    ],
    [
      "a non-boolean security_mode",
      {},
      '{"security_mode":"yes"}',
      400,
      "BCS.4006005",
      "security_mode must be a boolean",
    ],
  ])("refuses %s", async (_what, params, body, status, code, message) => {
    const response = await bcs(emu.url, "createUserCert", {
      auth,
      params,
      body,
      contentType: "application/json",
    });
    expect(response.status).toBe(status);
    expect(response.json()).toEqual({ error_code: code, error_msg: message });
  });

  it("refuses malformed JSON with 400 BCS.4006003 and the parser's message", async () => {
    const response = await bcs(emu.url, "createUserCert", {
      auth,
      body: "{oops",
      contentType: "application/json",
    });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("BCS.4006003");
    expect(response.json<{ error_msg: string }>().error_msg).toMatch(/JSON/);
  });

  it("answers 403 for a project the credential does not belong to", async () => {
    const response = await createCert(emu.url, auth, { project_id: "0".repeat(32) });
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe("BCS.4030403");
  });

  it("allows one active safe-mode certificate per user name", async () => {
    expect((await createCert(emu.url, auth, { user_name: "bob001" }, true)).status).toBe(200);
    const second = await createCert(emu.url, auth, { user_name: "bob001" }, true);
    expect(second.status).toBe(400);
    expect(second.json()).toEqual({
      error_code: "BCS.4006020",
      error_msg: "user bob001 already has a certificate in safe mode",
    });
    // Same name in another org or in non-safe mode is fine.
    expect((await createCert(emu.url, auth, { user_name: "bob001", org_name: "org2" }, true)).status).toBe(
      200,
    );
    expect((await createCert(emu.url, auth, { user_name: "bob001" }, false)).status).toBe(200);
  });

  it("lets concurrent safe-mode requests for one user through exactly once", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => createCert(emu.url, auth, { user_name: "race01" }, true)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400]);
    expect(await listed()).toHaveLength(1);
  });

  it("allows non-safe duplicates without limit", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await createCert(emu.url, auth, { user_name: "carol01" }, false)).status).toBe(200);
    }
    const serials = new Set((await listed()).map((c) => c.serialNumber));
    expect(serials.size).toBe(3);
  });

  it("holds at most 100 active safe-mode certificates per org; frozen ones do not count", async () => {
    const params = (i: number) => ({
      blockchain_id: hw.secondBlockchainId,
      user_name: `quota${String(i).padStart(3, "0")}`,
    });
    for (let i = 0; i < 100; i++) {
      const response = await createCert(emu.url, auth, params(i), true);
      expect(response.status).toBe(200);
    }
    const over = await createCert(emu.url, auth, params(100), true);
    expect(over.status).toBe(400);
    expect(over.json()).toEqual({
      error_code: "BCS.4006021",
      error_msg: "the organization org1 already holds 100 certificates in safe mode",
    });
    // Non-safe mode is not limited, and another org is not affected.
    expect((await createCert(emu.url, auth, params(100), false)).status).toBe(200);
    expect((await createCert(emu.url, auth, { user_name: "quota100" }, true)).status).toBe(200);

    const frozen = await bcs(emu.url, "freezeCert", { auth, params: params(0) });
    expect(frozen.status).toBe(200);
    expect((await createCert(emu.url, auth, params(100), true)).status).toBe(200);
  });
});
