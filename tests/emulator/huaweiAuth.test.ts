import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { fillPath } from "../../provider/http/pathTemplate";
import { huaweiRoutes } from "../../provider/huawei/api";
import {
  bcs,
  createCert,
  errorCode,
  hw,
  obtainToken,
  requestToken,
  sdkDate,
  send,
  userCertParams,
  startTestEmulator,
  tokenBody,
  type TestEmulator,
} from "./helpers";

let emu: TestEmulator;
beforeEach(async () => (emu = await startTestEmulator()));
afterEach(() => emu.stop());

describe("IAM POST /v3/auth/tokens", () => {
  it("answers 201 with X-Subject-Token and the token body", async () => {
    const response = await requestToken(emu.url, tokenBody());
    expect(response.status).toBe(201);
    expect(response.headers.get("x-subject-token")).toMatch(/^MII[A-Za-z0-9_-]{64}$/);
    const { token } = response.json<{
      token: {
        expires_at: string;
        issued_at: string;
        methods: string[];
        project: { id: string; name: string };
      };
    }>();
    expect(token.methods).toEqual(["password"]);
    expect(token.project).toMatchObject({ id: hw.projectId, name: "cn-north-4" });
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(24 * 3600 * 1000);
  });

  it("scopes by project name", async () => {
    const response = await requestToken(emu.url, tokenBody({ scope: { name: "ap-southeast-1" } }));
    expect(response.status).toBe(201);
    expect(response.json<{ token: { project: { id: string } } }>().token.project.id).toBe(hw.otherProjectId);
  });

  it.each([
    ["password", { password: "wrong" }],
    ["user", { name: "nobody" }],
    ["domain", { domain: "other-domain" }],
  ])("answers 401 IAM.0001 in IAM's documented shape for a wrong %s", async (_what, overrides) => {
    const response = await requestToken(emu.url, tokenBody(overrides));
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error_code: "IAM.0001",
      error_msg: "The request you have made requires authentication.",
    });
    expect(response.headers.get("x-subject-token")).toBeNull();
  });

  it.each([["{not json"], [JSON.stringify({ auth: { identity: { methods: ["password"] } } })], ["[]"]])(
    "answers 400 IAM.0011 for a malformed body %#",
    async (body) => {
      const response = await requestToken(emu.url, body);
      expect(response.status).toBe(400);
      expect(response.json()).toEqual({ error_code: "IAM.0011", error_msg: "Request body is invalid." });
    },
  );

  it("refuses a scope to an unknown project", async () => {
    const response = await requestToken(emu.url, tokenBody({ scope: { id: "0".repeat(32) } }));
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("IAM.0011");
  });
});

describe("BCS token auth", () => {
  it("accepts a token of the path's project", async () => {
    const token = await obtainToken(emu.url);
    const response = await createCert(emu.url, { kind: "token", token }, {});
    expect(response.status).toBe(200);
  });

  it("answers 401 BCS.4010401 for an unknown token and for no credentials", async () => {
    for (const auth of [{ kind: "token", token: "MIInot-a-token" } as const, { kind: "none" } as const]) {
      const response = await createCert(emu.url, auth, {});
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({
        error_code: "BCS.4010401",
        error_msg: "Incorrect token or token resolution failed",
      });
    }
  });

  it("answers 401 for an expired token", async () => {
    let now = Date.now();
    const clocked = await startTestEmulator(() => new Date(now));
    try {
      const token = await obtainToken(clocked.url);
      now += 24 * 3600 * 1000 + 1000;
      const response = await createCert(clocked.url, { kind: "token", token }, {});
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe("BCS.4010401");
    } finally {
      await clocked.stop();
    }
  });

  it("answers 403 BCS.4030403 for a token of another project", async () => {
    const token = await obtainToken(emu.url, hw.otherProjectId);
    const response = await createCert(emu.url, { kind: "token", token }, {});
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({
      error_code: "BCS.4030403",
      error_msg: `forbidden to project [${hw.projectId}]`,
    });
  });
});

describe("BCS AK/SK auth", () => {
  const signed = { kind: "aksk" } as const;

  it("accepts a correct signature", async () => {
    const response = await createCert(emu.url, signed, {}, true);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
  });

  it("accepts a request signed by Huawei's official Node.js SDK signer", async () => {
    const url =
      emu.url + fillPath(huaweiRoutes.createUserCert.path, { ...userCertParams({ user_name: "official1" }) });
    const data = { security_mode: true };
    const credentials = new BasicCredentials().withAk(hw.accessKey).withSk(hw.secretKey);
    const headers = AKSKSigner.sign(
      {
        endpoint: url,
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Project-Id": hw.projectId,
          "X-Sdk-Date": sdkDate(new Date()),
        },
        data,
      },
      credentials,
    ) as Record<string, string>;
    delete headers.host;
    const response = await send(url, { method: "POST", headers, body: JSON.stringify(data) });
    expect(response.status).toBe(200);
  });

  it("answers 401 APIG.0301 for a tampered body", async () => {
    const response = await createCert(
      emu.url,
      { kind: "aksk", tamper: (r) => (r.body = Buffer.from('{"security_mode":false}')) },
      {},
      true,
    );
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error_code: "APIG.0301",
      error_msg: "Incorrect IAM authentication information: verify aksk signature fail",
    });
  });

  it("answers 401 APIG.0301 for a tampered signature, an unknown AK, a wrong SK or host taken out of SignedHeaders after signing", async () => {
    const flip = (r: { headers: Record<string, string> }) =>
      (r.headers["Authorization"] = r.headers["Authorization"].replace(
        /Signature=(.)/,
        (_m, c: string) => `Signature=${c === "0" ? "1" : "0"}`,
      ));
    const unsignHostAfterSigning = (r: { headers: Record<string, string> }) =>
      (r.headers["Authorization"] = r.headers["Authorization"].replace("host;", ""));
    const cases = [
      { kind: "aksk", tamper: flip },
      { kind: "aksk", accessKey: "HWUNKNOWNKEY" },
      { kind: "aksk", secretKey: "not-the-secret" },
      { kind: "aksk", tamper: unsignHostAfterSigning },
    ] as const;
    for (const auth of cases) {
      const response = await createCert(emu.url, auth, {});
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe("APIG.0301");
    }
  });

  it("answers 401 APIGW.0303 for an X-Sdk-Date more than 15 minutes off", async () => {
    for (const offset of [-16 * 60 * 1000, 16 * 60 * 1000]) {
      const response = await createCert(emu.url, { kind: "aksk", at: new Date(Date.now() + offset) }, {});
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({
        error_code: "APIGW.0303",
        error_msg:
          "Incorrect IAM authentication information: the X-Sdk-Date is not in the allowed time range",
      });
    }
    const withinWindow = await createCert(
      emu.url,
      { kind: "aksk", at: new Date(Date.now() - 14 * 60 * 1000) },
      {},
    );
    expect(withinWindow.status).toBe(200);
  });

  it("answers 401 APIGW.0303 for a malformed X-Sdk-Date", async () => {
    const response = await createCert(
      emu.url,
      { kind: "aksk", tamper: (r) => (r.headers["X-Sdk-Date"] = "2024-01-01T00:00:00Z") },
      {},
    );
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe("APIGW.0303");
  });

  it("accepts X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD as an opt-out of the body hash", async () => {
    const response = await bcs(emu.url, "createUserCert", {
      auth: { kind: "aksk" },
      contentType: "application/json",
      headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
      body: "{}",
    });
    expect(response.status).toBe(200);
  });

  it("answers 403 when the AK or X-Project-Id belongs to another project", async () => {
    const otherPath = await createCert(emu.url, signed, { project_id: hw.otherProjectId });
    expect(otherPath.status).toBe(403);
    expect(errorCode(otherPath)).toBe("BCS.4030403");
    const otherHeader = await createCert(emu.url, { kind: "aksk", projectHeader: hw.otherProjectId }, {});
    expect(otherHeader.status).toBe(403);
    expect(otherHeader.json()).toEqual({
      error_code: "BCS.4030403",
      error_msg: `forbidden to project [${hw.projectId}]`,
    });
  });
});
