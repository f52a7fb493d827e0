import { defaultFixture } from "../../emulator/fixture";
import type { CaIdentityListBody } from "../../provider/ncloud/api";
import { ncloudSignature } from "../../provider/ncloud/signer";
import { listIdentities, NCP_HEADERS, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeEach(async () => (emu = await startTestEmulator()));
afterEach(() => emu.stop());

const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;

describe("NAVER GET {prefix}/networks/{networkId}/cas/{caId}/identity", () => {
  it.each([["KR"], ["SGN"]] as const)("lists the CA's identities under the %s prefix", async (region) => {
    const response = await listIdentities(emu.url, { region });
    expect(response.status).toBe(200);
    const { content } = response.json<CaIdentityListBody>();
    expect(content).toEqual(defaultFixture.ncloud.networks[0].cas[0].identities);
    expect(content.map((i) => [i.identityName, i.identityType])).toEqual([
      ["bcsdemo-ca", "ADMIN"],
      ["bcsdemo-orderer", "ORDERER"],
      ["bcsdemo-peer", "PEER"],
      ["appuser01", "CLIENT"],
      ["appuser02", "CLIENT"],
    ]);
    for (const identity of content) {
      expect(identity.networkId).toBe(1630);
      expect(identity.caId).toBe("25728700");
      expect(typeof identity.creator).toBe("number");
      for (const date of [identity.expireDate, identity.createDate, identity.updateDate])
        expect(date).toMatch(WIRE_DATE);
    }
  });

  it("lists the second network's CA", async () => {
    const response = await listIdentities(emu.url, { networkId: "1631", caId: "25728800" });
    expect(response.json<CaIdentityListBody>().content).toHaveLength(1);
  });

  it.each([
    [
      "a bad signature",
      {
        tamper: (h: Record<string, string>) =>
          (h[NCP_HEADERS.signature] = "AAAA" + h[NCP_HEADERS.signature].slice(4)),
      },
    ],
    ["a wrong secret key", { secretKey: "wrong" }],
    ["an unknown access key", { accessKey: "NCPUNKNOWN" }],
    ["a stale timestamp", { at: new Date(Date.now() - 5 * 60 * 1000 - 1000) }],
    ["a future timestamp", { at: new Date(Date.now() + 6 * 60 * 1000) }],
    ["a missing timestamp", { tamper: (h: Record<string, string>) => delete h[NCP_HEADERS.timestamp] }],
    ["a missing signature", { tamper: (h: Record<string, string>) => delete h[NCP_HEADERS.signature] }],
  ])("answers 401 for %s", async (_what, call) => {
    const response = await listIdentities(emu.url, call);
    expect(response.status).toBe(401);
    const { error } = response.json<{ error: { errorCode: string; message: string; details: string } }>();
    expect(error.errorCode).toBe("200");
    expect(error.message).toBe("Authentication Failed");
    expect(error.details.length).toBeGreaterThan(0);
  });

  it("signs the full path: a signature made without the region prefix fails", async () => {
    const response = await listIdentities(emu.url, {
      tamper: (h) => {
        h[NCP_HEADERS.signature] = ncloudSignature(
          "GET",
          "/networks/1630/cas/25728700/identity",
          h[NCP_HEADERS.timestamp],
          h[NCP_HEADERS.accessKey],
          defaultFixture.ncloud.apiKeys[0].secretKey,
        );
      },
    });
    expect(response.status).toBe(401);
  });

  it("answers 404 with the service body for an unknown CA or network", async () => {
    for (const call of [
      { caId: "99999999" },
      { networkId: "9999" },
      { networkId: "1631", caId: "25728700" },
    ]) {
      const response = await listIdentities(emu.url, call);
      expect(response.status).toBe(404);
      const networkId = call.networkId ?? "1630";
      const caId = call.caId ?? "25728700";
      expect(response.json()).toEqual({
        error: {
          errorCode: "300",
          message: `CA ${caId} not found in network ${networkId}`,
          status: "NOT_FOUND",
          resources: [],
        },
      });
    }
  });

  it("answers 400 for a networkId that is not a number", async () => {
    const response = await listIdentities(emu.url, { networkId: "net-1" });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: { errorCode: "100", message: "Bad Request Exception", details: "networkId must be a number" },
    });
  });

  it("never echoes the expected signature", async () => {
    const response = await listIdentities(emu.url, { secretKey: "wrong" });
    const text = response.body.toString();
    expect(text).not.toMatch(/[A-Za-z0-9+/]{43}=/);
  });
});
