import { resolveSettings, secretValues } from "../../provider/settings";
import { huaweiCredentials } from "../../provider/huawei/connect";
import { lookupCaIdentities } from "../../provider/caIdentities";

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
    ).rejects.toThrow(/bcs:ncloudRegion must be one of KR, SGN/);
  });
});
