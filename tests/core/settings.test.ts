import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../provider/huawei/userCertificateProvider";
import { resolveSettings, secretValues } from "../../provider/settings";
import { huaweiCredentials } from "../../provider/huawei/connect";
import { lookupCaIdentities } from "../../provider/lookups/caIdentities";

const none = () => undefined;

describe("settings", () => {
  it("prefers Pulumi config to the environment, and the first listed variable", () => {
    const s = resolveSettings((k) => ({ "bcs:huaweiAccessKey": "from-config" })[k], {
      HW_ACCESS_KEY: "hw",
      OS_ACCESS_KEY: "os",
      HW_SECRET_KEY: "sk-hw",
      OS_SECRET_KEY: "sk-os",
      NCLOUD_ACCESS_KEY: "old",
      NCLOUD_ACCESS_KEY_ID: "new",
    });
    expect(s.huaweiAccessKey).toBe("from-config");
    expect(s.huaweiSecretKey).toBe("sk-hw");
    expect(s.ncloudAccessKey).toBe("new");
    expect(s.huaweiRegion).toBe("cn-north-4");
    expect(s.ncloudRegion).toBe("KR");
  });

  it("lists the secret values only", () => {
    const s = resolveSettings(none, {
      HW_ACCESS_KEY: "akvalue",
      HW_SECRET_KEY: "skvalue",
      HW_USER_NAME: "someone",
    });
    expect(secretValues(s).sort()).toEqual(["akvalue", "skvalue"]);
  });

  it("picks AK/SK first, then a token, then a password", () => {
    expect(huaweiCredentials({ huaweiAccessKey: "a", huaweiSecretKey: "b", huaweiAuthToken: "t" }).kind).toBe(
      "aksk",
    );
    expect(
      huaweiCredentials({
        huaweiAuthToken: "t",
        huaweiUserName: "u",
        huaweiPassword: "p",
        huaweiDomainName: "d",
      }).kind,
    ).toBe("token");
    expect(
      huaweiCredentials({
        huaweiUserName: "u",
        huaweiPassword: "p",
        huaweiDomainName: "d",
        huaweiRegion: "cn-north-4",
      }),
    ).toMatchObject({ kind: "password", iamEndpoint: "https://iam.cn-north-4.myhuaweicloud.com" });
    expect(() => huaweiCredentials({ huaweiAccessKey: "only-half" })).toThrow(/no Huawei Cloud credentials/);
  });
});

describe("getCaIdentities input rules", () => {
  // The endpoint is unroutable: a request that was sent would fail differently.
  const env = {
    BCS_NCLOUD_ENDPOINT: "http://127.0.0.1:9",
    NCLOUD_ACCESS_KEY_ID: "a",
    NCLOUD_SECRET_ACCESS_KEY: "b",
  };
  it.each([
    [{ networkId: 0, caId: "1" }, /networkId must be a positive whole number/],
    [{ networkId: 1.5, caId: "1" }, /networkId must be a positive whole number/],
    [
      { networkId: "1630", caId: "1" },
      /networkId must be a positive whole number \(got a string of 4 characters\)/,
    ],
    [{ networkId: 1, caId: "../x" }, /caId must be 1 to 64 letters/],
    [{ networkId: 1, caId: "" }, /caId must be 1 to 64 letters/],
    [
      { networkId: 1, caId: "1", identityType: "client" },
      /identityType must be one of ADMIN, PEER, ORDERER, CLIENT/,
    ],
  ])("refuses %j before any request", async (query, message) => {
    await expect(lookupCaIdentities(query as never, none, env)).rejects.toThrow(message);
  });

  it("refuses an unknown region", async () => {
    await expect(
      lookupCaIdentities({ networkId: 1, caId: "1" }, none, { ...env, NCLOUD_REGION: "US" }),
    ).rejects.toThrow(/bcs:ncloudRegion \(from NCLOUD_REGION\) must be one of KR, SGN \(got "US"\)/);
  });
});

describe("settings validation", () => {
  const fromConfig = (values: Record<string, string>) => (key: string) => values[key];
  const resolve =
    (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    () =>
      resolveSettings(fromConfig(values), env);

  it.each([
    [
      { "bcs:requestTimeoutMs": "99999999999" },
      /bcs:requestTimeoutMs \(or BCS_REQUEST_TIMEOUT_MS\) must be a whole number of milliseconds from 1000 to 600000 \(got "99999999999"\)/,
    ],
    [{ "bcs:requestTimeoutMs": "abc" }, /bcs:requestTimeoutMs .*must be a whole number/],
    [{ "bcs:requestTimeoutMs": "1.5" }, /bcs:requestTimeoutMs .*must be a whole number/],
    [{ "bcs:maxRetries": "-1" }, /bcs:maxRetries .*from 0 to 20/],
    [{ "bcs:retryTotalMs": "1e9" }, /bcs:retryTotalMs .*from 0 to 3600000/],
    [{ "bcs:freezeSettleMs": "90s" }, /bcs:freezeSettleMs .*from 0 to 600000/],
    [{ "bcs:maxConcurrentRequests": "0" }, /bcs:maxConcurrentRequests .*from 1 to 256/],
    [{ "bcs:huaweiRegion": "x@127.0.0.1:8080/" }, /bcs:huaweiRegion .*must be a Huawei Cloud region id/],
    [{ "bcs:huaweiRegion": "cn-north-4.evil.example" }, /bcs:huaweiRegion .*region id/],
    [
      { "bcs:huaweiEndpoint": "https://user:pw@bcs.example.com" },
      /bcs:huaweiEndpoint .*must not carry credentials/,
    ],
    [
      { "bcs:huaweiIamEndpoint": "https://iam.example.com/?x=1" },
      /bcs:huaweiIamEndpoint .*must not have a query/,
    ],
    [{ "bcs:ncloudEndpoint": "ftp://ncp.example.com" }, /bcs:ncloudEndpoint .*must use https/],
    [
      { "bcs:huaweiEndpoint": "http://bcs.example.com" },
      /bcs:huaweiEndpoint .*must use https.*bcs:allowInsecureHttp/,
    ],
    [{ "bcs:allowInsecureHttp": "yes" }, /bcs:allowInsecureHttp .*must be true or false \(got "yes"\)/],
    [{ "bcs:ncloudRegion": "kr" }, /bcs:ncloudRegion .*must be one of KR, SGN/],
    [{ "bcs:fabricCaRegistrarId": "ad:min" }, /bcs:fabricCaRegistrarId .*must not contain ':'/],
    [{ "bcs:caBundle": "not a pem" }, /bcs:caBundle .*must be PEM certificates/],
  ])("refuses %j, naming the setting and the rule", (values, message) => {
    expect(resolve(values)).toThrow(message);
  });

  it("names the environment variable a bad value came from", () => {
    expect(resolve({}, { BCS_REQUEST_TIMEOUT_MS: "abc" })).toThrow(
      /bcs:requestTimeoutMs \(from BCS_REQUEST_TIMEOUT_MS\) must be a whole number/,
    );
    expect(resolve({}, { OS_REGION_NAME: "RegionOne" })).toThrow(/bcs:huaweiRegion \(from OS_REGION_NAME\)/);
  });

  it("lists every bad setting at once", () => {
    expect(resolve({ "bcs:maxRetries": "many", "bcs:allowInsecureHttp": "1" })).toThrow(
      /bcs:maxRetries.*; bcs:allowInsecureHttp/,
    );
  });

  it("never repeats a secret's value", () => {
    const password = "pass\nword-secret";
    let message = "";
    try {
      resolveSettings(
        fromConfig({ "bcs:huaweiPassword": password, "bcs:huaweiAccessKey": "AK with space" }),
        {},
      );
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/bcs:huaweiPassword .*without control characters/);
    expect(message).toMatch(/bcs:huaweiAccessKey .*printable ASCII/);
    expect(message).not.toContain("word-secret");
    expect(message).not.toContain("with space");
  });

  it("accepts the defaults, remote http with allowInsecureHttp, and real-looking values", () => {
    expect(resolve({})).not.toThrow();
    expect(
      resolve({
        "bcs:huaweiRegion": "ap-southeast-1",
        "bcs:huaweiEndpoint": "http://bcs.internal:8080/prefix",
        "bcs:allowInsecureHttp": "true",
        "bcs:requestTimeoutMs": "600000",
        "bcs:maxRetries": "0",
        "bcs:huaweiUserName": "Dev User",
        "bcs:huaweiPassword": "pässwörd with spaces",
      }),
    ).not.toThrow();
  });
});

describe("a provider whose settings are refused", () => {
  it("refuses every later operation too, instead of running without settings", async () => {
    const provider = new UserCertificateProvider({});
    const config: Record<string, string> = { "bcs:requestTimeoutMs": "99999999999" };
    expect(() => provider.configureFrom((key) => config[key])).toThrow(/bcs:requestTimeoutMs/);
    const inputs = {
      projectId: "0123456789abcdef0123456789abcdef",
      blockchainId: "chain",
      orgName: "org1",
      userName: "user01",
    } as UserCertificateInputs;
    await expect(provider.create(inputs)).rejects.toThrow(/bcs:requestTimeoutMs .*must be a whole number/);
  });
});
