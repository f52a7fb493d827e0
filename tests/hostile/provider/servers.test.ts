import { lookupCaIdentities } from "../../../provider/lookups/caIdentities";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
} from "../../../provider/fabricCa/certificateProvider";
import { apiTransport } from "../../../provider/http/apiTransport";
import { bcsClient } from "../../../provider/huawei/connect";
import { NcloudClient } from "../../../provider/ncloud/client";
import type { Settings } from "../../../provider/settings";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";

/**
 * Each client of the package against a server on 127.0.0.1 that misbehaves: a redirect must never carry
 * a credential to the Location, and a retry must never replay an earlier attempt's signature.
 */
let api: HostileServer;
let elsewhere: HostileServer;
beforeAll(async () => {
  api = await startHostileServer();
  elsewhere = await startHostileServer((_req, res) => res.end("{}"));
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});
beforeEach(() => {
  api.requests.length = 0;
  elsewhere.requests.length = 0;
});

const PROJECT = "0123456789abcdef0123456789abcdef";
const path = { blockchain_id: "chain", org_name: "org1", user_name: "user01" };
const PASSWORD = "iam-password-must-stay-home";
const TOKEN = "iam-token-must-stay-home";

const redirectAll = (status: number) =>
  api.answer((_req, res) => {
    res.writeHead(status, { Location: `${elsewhere.url}/v3/auth/tokens` });
    res.end();
  });

/** Everything the other origin saw, and everything the error said. */
async function outcome(work: Promise<unknown>): Promise<{ message: string; reached: number }> {
  const error = await work.then(
    () => new Error("no error"),
    (e: Error) => e,
  );
  return { message: error.message, reached: elsewhere.requests.length };
}

describe("no redirect is followed", () => {
  it("IAM 307: the password is not re-sent to the Location", async () => {
    redirectAll(307);
    const settings: Settings = {
      huaweiEndpoint: api.url,
      huaweiIamEndpoint: api.url,
      huaweiUserName: "someone",
      huaweiDomainName: "somewhere",
      huaweiPassword: PASSWORD,
    };
    const { message, reached } = await outcome(bcsClient(settings, PROJECT).createUserCert(path, {}));
    expect(reached).toBe(0);
    expect(message).toContain(`a redirect to ${elsewhere.url};`);
    expect(api.requests.map((r) => r.url)).toEqual(["/v3/auth/tokens?nocatalog=true"]);
    expect(api.requests[0].body.toString()).toContain(PASSWORD);
  });

  it.each([301, 307])("certificate POST %i: X-Auth-Token stays home", async (status) => {
    redirectAll(status);
    const settings: Settings = { huaweiEndpoint: api.url, huaweiAuthToken: TOKEN };
    const { message, reached } = await outcome(bcsClient(settings, PROJECT).createUserCert(path, {}));
    expect(reached).toBe(0);
    expect(message).toContain(`answered ${status}, a redirect to ${elsewhere.url};`);
    expect(api.requests[0].headers["x-auth-token"]).toBe(TOKEN);
  });

  it("AK/SK with a security token: no signed request reaches the Location", async () => {
    redirectAll(308);
    const settings: Settings = {
      huaweiEndpoint: api.url,
      huaweiAccessKey: "AKEXAMPLE",
      huaweiSecretKey: "secret-key-example",
      huaweiSecurityToken: "security-token-must-stay-home",
    };
    const { message, reached } = await outcome(bcsClient(settings, PROJECT).freeze(path));
    expect(reached).toBe(0);
    expect(message).toContain(elsewhere.url);
  });

  it("NAVER: the signature headers stay home", async () => {
    redirectAll(302);
    const { message, reached } = await outcome(
      lookupCaIdentities({ networkId: 1, caId: "ca1" }, () => undefined, {
        BCS_NCLOUD_ENDPOINT: api.url,
        NCLOUD_ACCESS_KEY_ID: "ak",
        NCLOUD_SECRET_ACCESS_KEY: "sk",
      }),
    );
    expect(reached).toBe(0);
    expect(message).toContain(`a redirect to ${elsewhere.url};`);
  });

  it("Fabric CA enroll: the registrar's id and secret stay home", async () => {
    redirectAll(307);
    const { message, reached } = await outcome(
      lookupCaIdentities({ fabricCa: { url: api.url } }, () => undefined, {
        BCS_FABRIC_CA_URL: api.url,
        BCS_FABRIC_CA_REGISTRAR_ID: "admin",
        BCS_FABRIC_CA_REGISTRAR_SECRET: "registrar-secret-must-stay-home",
      }),
    );
    expect(reached).toBe(0);
    expect(message).toContain(`a redirect to ${elsewhere.url};`);
    expect(api.requests.map((r) => r.url)).toEqual(["/api/v1/enroll"]);
  });
});

describe("one endpoint policy", () => {
  it("a Fabric CA lookup over plain http to another host is refused before anything is sent", async () => {
    await expect(
      lookupCaIdentities({ fabricCa: { url: "http://ca.example.com:7054" } }, () => undefined, {
        BCS_FABRIC_CA_REGISTRAR_ID: "admin",
        BCS_FABRIC_CA_REGISTRAR_SECRET: "registrar-secret",
      }),
    ).rejects.toThrow(
      /fabricCa\.url must use https \(got http:\/\/ca\.example\.com:7054\); plain http is allowed only for 127\.0\.0\.1\/localhost, or with bcs:allowInsecureHttp=true/,
    );
  });

  it("the resource's caUrl follows the same policy, bcs:allowInsecureHttp included", async () => {
    const check = async (config: Record<string, string>) => {
      const provider = new FabricCaCertificateProvider({});
      provider.configureFrom((key) => config[key]);
      const inputs = {
        caUrl: "http://ca.example.com:7054",
        enrollmentId: "user01",
      } as FabricCaCertificateInputs;
      return (await provider.check({}, inputs)).failures ?? [];
    };
    expect(await check({})).toEqual([
      {
        property: "",
        reason:
          "caUrl must use https (got http://ca.example.com:7054); plain http is allowed only for 127.0.0.1/localhost, or with bcs:allowInsecureHttp=true",
      },
    ]);
    expect(
      await check({ "bcs:allowInsecureHttp": "true", "bcs:fabricCaUrl": "http://ca.example.com:7054" }),
    ).toEqual([]);
  });

  it("a Fabric CA URL carrying credentials is refused", async () => {
    await expect(
      lookupCaIdentities({ fabricCa: { url: "https://admin:pw@ca.example.com:7054" } }, () => undefined, {}),
    ).rejects.toThrow(/fabricCa\.url must not carry credentials/);
  });
});

describe("each attempt is signed anew", () => {
  /** A clock one minute further at each reading, so that two signatures can never share a timestamp. */
  const steppingClock = () => {
    let minutes = 0;
    return () => new Date(Date.UTC(2026, 0, 1, 0, minutes++));
  };
  const failTwiceWith503 = (success: string) =>
    api.answer((_req, res, index) => {
      if (index < 2) {
        res.writeHead(503, { "Retry-After": "0" });
        res.end();
      } else res.end(success);
    });

  it("Huawei AK/SK: every retry carries a fresh X-Sdk-Date and signature", async () => {
    failTwiceWith503('{"result":"success"}');
    const settings: Settings = {
      huaweiEndpoint: api.url,
      huaweiAccessKey: "AKEXAMPLE",
      huaweiSecretKey: "sk",
    };
    await bcsClient(settings, PROJECT, steppingClock()).freeze(path);
    expect(api.requests.map((r) => r.headers["x-sdk-date"])).toEqual([
      "20260101T000000Z",
      "20260101T000100Z",
      "20260101T000200Z",
    ]);
    expect(new Set(api.requests.map((r) => r.headers.authorization)).size).toBe(3);
  });

  it("NAVER: every retry carries a fresh timestamp and signature", async () => {
    failTwiceWith503('{"content":[]}');
    const client = new NcloudClient({
      endpoint: api.url,
      region: "KR",
      credentials: { accessKey: "ak", secretKey: "sk" },
      transport: apiTransport({}),
      clock: steppingClock(),
    });
    expect(await client.listCaIdentities(1, "ca1")).toEqual({ identities: [], anomalies: [] });
    const start = Date.UTC(2026, 0, 1);
    expect(api.requests.map((r) => r.headers["x-ncp-apigw-timestamp"])).toEqual(
      [0, 1, 2].map((m) => String(start + m * 60_000)),
    );
    expect(new Set(api.requests.map((r) => r.headers["x-ncp-apigw-signature-v2"])).size).toBe(3);
  });
});
