import { inspectionRoutes } from "../../emulator/routes";
import { fillPath } from "../../provider/http/pathTemplate";
import { huaweiRoutes } from "../../provider/huawei/api";
import { hw, ncloudIdentityPath, obtainToken, send, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeEach(async () => (emu = await startTestEmulator()));
afterEach(() => emu.stop());

const huawei404 = { error_code: "BCS.4040404", error_msg: "Not Found:the url is not found" };
const ncloud404 = { error: { errorCode: "300", message: "Not Found Exception" } };

describe("routing", () => {
  it("answers Huawei's 404 body for unknown /v2 and /v3 paths and wrong methods", async () => {
    const token = await obtainToken(emu.url);
    const userCert = fillPath(huaweiRoutes.createUserCert.path, {
      project_id: hw.projectId,
      blockchain_id: hw.blockchainId,
      org_name: "org1",
      user_name: "user01",
    });
    const cases: [string, string][] = [
      ["GET", `/v2/${hw.projectId}/members`], // ListMembers: not emulated
      ["GET", "/v3/projects"],
      ["GET", userCert],
      ["DELETE", userCert],
      ["GET", huaweiRoutes.createToken.path],
      ["POST", `${userCert}/revoke`],
      ["GET", "/"],
    ];
    for (const [method, path] of cases) {
      const response = await send(emu.url + path, { method, headers: { "X-Auth-Token": token } });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(response.json()).toEqual(huawei404);
    }
  });

  it("answers NAVER's 404 body for unknown /api paths and wrong methods", async () => {
    const cases: [string, string][] = [
      ["GET", "/api/v1/networks"],
      ["GET", "/api/v2/networks/1630/cas/25728700/identity"],
      ["POST", ncloudIdentityPath("KR", "1630", "25728700")],
      ["GET", "/api/sgn-v1/networks/1630/cas/25728700/identity/appuser01/certAndKey"],
    ];
    for (const [method, path] of cases) {
      const response = await send(emu.url + path, { method });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(response.json()).toEqual(ncloud404);
    }
  });

  it("serves health", async () => {
    const response = await send(emu.url + inspectionRoutes.health.path, { method: "GET" });
    expect(response.json()).toEqual({ ok: true });
  });

  it("refuses bodies over 1 MiB with 413", async () => {
    const path = fillPath(huaweiRoutes.createUserCert.path, {
      project_id: hw.projectId,
      blockchain_id: hw.blockchainId,
      org_name: "org1",
      user_name: "user01",
    });
    const response = await send(emu.url + path, { method: "POST", body: Buffer.alloc(1024 * 1024 + 1, 32) });
    expect(response.status).toBe(413);
  });
});
