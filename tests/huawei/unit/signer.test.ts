import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import {
  canonicalRequest,
  parseAuthorization,
  parseSdkDate,
  sdkDate,
  signRequest,
} from "../../../provider/huawei/signer";

describe("Huawei SDK-HMAC-SHA256 signing", () => {
  it("reproduces the official signing guide's worked example", () => {
    const headers = signRequest(
      {
        method: "GET",
        url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
      },
      { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" },
      new Date(),
    );
    expect(headers.Authorization).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  it("reproduces the Go SDK's unit-test vector", () => {
    const canonical = canonicalRequest({
      method: "GET",
      url: "https://example.huaweicloud.com/path?limit=1",
      headers: { "X-Sdk-Date": "20060102T150405Z" },
    });
    expect(canonical).toBe(
      "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("equals the official Node.js signer for a BCS certificate request", () => {
    const url =
      "http://127.0.0.1:8787/v2/0123456789abcdef0123456789abcdef/blockchains/bcs-demo-0001/orgs/org1/usercert/appuser01";
    const data = { security_mode: true };
    const base = {
      "Content-Type": "application/json",
      "X-Project-Id": "0123456789abcdef0123456789abcdef",
      "X-Sdk-Date": "20240101T000000Z",
    };
    const credentials = new BasicCredentials()
      .withAk("HWDEMOACCESSKEY0001")
      .withSk("HWDEMOSECRETKEY0001secret");
    const official = AKSKSigner.sign(
      { endpoint: url, method: "POST", headers: { ...base }, data },
      credentials,
    ) as Record<string, string>;
    const ours = signRequest(
      { method: "POST", url, headers: { ...base }, body: Buffer.from(JSON.stringify(data)) },
      { accessKey: "HWDEMOACCESSKEY0001", secretKey: "HWDEMOSECRETKEY0001secret" },
      new Date(),
    );
    expect(ours.Authorization).toBe(official.Authorization);
  });

  it("matches the fact sheet's computed vector for a BCS request", () => {
    const headers = signRequest(
      {
        method: "POST",
        url: "https://bcs.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/blockchains/bcs-test-0001/orgs/org1/usercert/user01",
        headers: {
          "content-type": "application/json",
          "x-project-id": "0123456789abcdef0123456789abcdef",
          "x-sdk-date": "20240101T000000Z",
        },
        body: '{"security_mode":true}',
      },
      { accessKey: "AK", secretKey: "HWSECRETKEYEXAMPLE" },
      new Date(),
    );
    expect(parseAuthorization(headers.Authorization)).toEqual({
      accessKey: "AK",
      signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"],
      signature: "dd0abae1f23ccd54f90a81c21c1bde39abce1528e74bf2d7698651e3327efc9b",
    });
  });

  it("formats and parses X-Sdk-Date", () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(sdkDate(at)).toBe("20240102T030405Z");
    expect(parseSdkDate("20240102T030405Z")).toEqual(at);
    expect(parseSdkDate("2024-01-02T03:04:05Z")).toBeUndefined();
  });

  it("rejects a malformed Authorization header", () => {
    expect(parseAuthorization("Bearer abc")).toBeUndefined();
    expect(parseAuthorization("SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=zz")).toBeUndefined();
  });
});
