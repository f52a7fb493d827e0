import { zipSync } from "fflate";
import { iamBaseUrl } from "../../../provider/huawei/auth";
import { huaweiCredentials } from "../../../provider/huawei/connect";
import { resolveSettings } from "../../../provider/settings";
import type { Handler, HttpResponse } from "../../../provider/http/transport";
import { BcsClient } from "../../../provider/huawei/bcsClient";
import { NcloudClient } from "../../../provider/ncloud/client";
import { scrub } from "../../../provider/http/scrub";

/** A transport that answers every request with one canned response: error mapping is pure. */
const answer =
  (
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = { "content-type": "application/json" },
  ): Handler =>
  async (): Promise<HttpResponse> => ({ status, headers, body: Buffer.from(body) });

const huawei = (transport: Handler) =>
  new BcsClient(
    {
      endpoint: "http://bcs.test",
      credentials: { kind: "token", token: "t0ken-value" },
      transport: { attempt: transport },
    },
    "p",
  );
const params = { blockchain_id: "b", org_name: "org1", user_name: "user01" };
const ncloud = (transport: Handler) =>
  new NcloudClient({
    endpoint: "http://ncp.test",
    region: "KR",
    credentials: { accessKey: "ak", secretKey: "sk" },
    transport: { attempt: transport },
  });

describe("Huawei error mapping", () => {
  it.each([
    [
      401,
      '{"error_code":"BCS.4010401","error_msg":"Incorrect token or token resolution failed"}',
      /401 BCS\.4010401: Incorrect token.*IAM token is wrong/,
    ],
    [
      400,
      '{"error_code":"BCS.4001051","error_msg":"Input org org9 is not exist"}',
      /BCS\.4001051.*peer organization/,
    ],
    [
      429,
      '{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}',
      /APIG\.0308.*throttling/,
    ],
    [500, "<html>oops</html>", /500 UNEXPECTED_BODY: <html>oops<\/html>.*failed internally/],
  ])("maps %i %s", async (status, body, expected) => {
    await expect(huawei(answer(status, body)).freeze(params)).rejects.toThrow(expected);
  });

  it("refuses a 200 that is JSON instead of the zip", async () => {
    await expect(huawei(answer(200, '{"result":"success"}')).createUserCert(params, {})).rejects.toThrow(
      /expected the certificate zip/,
    );
  });

  it("takes any 2xx freeze/unfreeze answer as success, logging a result other than success", async () => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await expect(huawei(answer(200, '{"result":"Success"}')).freeze(params)).resolves.toBeUndefined();
      await expect(huawei(answer(202, "")).unfreeze(params)).resolves.toBeUndefined();
      await expect(huawei(answer(200, '{"result":"success"}')).freeze(params)).resolves.toBeUndefined();
      expect(log.mock.calls.map(([line]) => line as string)).toEqual([
        'pulumi-bcs: user01: freeze answered 200 with result "Success"',
        'pulumi-bcs: user01: unfreeze answered 202 with no result ("(empty body)")',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("neutralises control characters of a logged result", async () => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const said = "ok\u001b[2J\nforged line \u202e<{%fg 1%}>red<{%reset%}>";
      await huawei(answer(200, JSON.stringify({ result: said }))).freeze(params);
      expect(log).toHaveBeenCalledWith(
        "pulumi-bcs: user01: freeze answered 200 with result " +
          '"ok\\u001b[2J\\u000aforged line \\u202e\\u003c{%fg 1%}>red\\u003c{%reset%}>"',
      );
    } finally {
      log.mockRestore();
    }
  });
});

describe("Huawei IAM error mapping", () => {
  const iam = (transport: Handler) =>
    new BcsClient(
      {
        endpoint: "http://bcs.test",
        credentials: {
          kind: "password",
          userName: "u",
          password: "p",
          domainName: "d",
          iamEndpoint: "http://iam.test",
        },
        transport: { attempt: transport },
      },
      "p",
    );
  const hint = /check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName/;

  it.each([
    [
      "IAM's documented shape",
      '{"error_code":"IAM.0001","error_msg":"The request you have made requires authentication."}',
      /Huawei IAM answered 401 IAM\.0001: The request you have made/,
    ],
    [
      "the Keystone shape",
      '{"error":{"code":"IAM.0004","message":"The username or password is wrong."}}',
      /Huawei IAM answered 401 IAM\.0004: The username/,
    ],
    [
      "the Keystone shape with a numeric code",
      '{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}',
      /Huawei IAM answered 401 401: The request you have made/,
    ],
  ])("maps a 401 in %s, with the password hint", async (_shape, body, expected) => {
    const error = await iam(answer(401, body))
      .createUserCert(params, {})
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(expected);
    expect((error as Error).message).toMatch(hint);
  });
});

describe("NAVER error mapping", () => {
  it("carries errorCode and message", async () => {
    await expect(
      ncloud(answer(401, '{"error":{"errorCode":"200","message":"Authentication Failed"}}')).listCaIdentities(
        1,
        "2",
      ),
    ).rejects.toThrow(/401 200: Authentication Failed.*5-minute window/);
  });
  it("accepts a numeric errorCode", async () => {
    await expect(
      ncloud(answer(429, '{"error":{"errorCode":410,"message":"Throttle Limited"}}')).listCaIdentities(
        1,
        "2",
      ),
    ).rejects.toThrow(/429 410: Throttle Limited/);
  });
  it("keeps odd identities (unknown type as OTHER, older date names, null for the unreadable) and reports them", async () => {
    const dates = { expireDate: "2027-07-29T07:29:00+0000", creator: 7 };
    const body = JSON.stringify({
      content: [
        { networkId: 1, caId: "2", identityName: "root1", identityType: "ROOT", ...dates },
        {
          networkId: 1,
          caId: "2",
          identityName: "old1",
          identityType: "PEER",
          createDt: "2025-01-02T03:04:05+0000",
          updateDt: "2025-01-03T03:04:05+0000",
          ...dates,
        },
        {
          networkId: 1,
          caId: "2",
          identityName: "bad\u001b[2Jdate",
          identityType: "CLIENT",
          expireDate: "soon",
        },
        { networkId: 1, caId: "2", identityType: "CLIENT", ...dates },
        "not an object",
      ],
    });
    const { identities, anomalies } = await ncloud(answer(200, body)).listCaIdentities(1, "2");
    expect(identities.map((i) => [i.identityName, i.identityType, i.sourceType])).toEqual([
      ["root1", "OTHER", "ROOT"],
      ["old1", "PEER", "PEER"],
      ["bad\u001b[2Jdate", "CLIENT", "CLIENT"],
    ]);
    expect(identities[1]).toMatchObject({
      createDate: "2025-01-02T03:04:05Z",
      updateDate: "2025-01-03T03:04:05Z",
    });
    expect(identities[2]).toMatchObject({ expireDate: null, creator: null });
    expect(anomalies).toEqual([
      "content[2] (bad\\u001b[2Jdate): expireDate is not a date; kept as null",
      "content[3]: left out, it has no identityName",
      "content[4]: left out, it has no identityName",
    ]);
  });
  it("leaves out an item of another network, and says so in anomalies", async () => {
    const item = { networkId: 9999, caId: "2", identityName: "x", identityType: "CLIENT" };
    const body = JSON.stringify({ content: [item] });
    expect(await ncloud(answer(200, body)).listCaIdentities(1, "2")).toEqual({
      identities: [],
      anomalies: ["content[0] (x): left out, it belongs to network 9999, not 1"],
    });
  });
  it("rejects a 200 without content", async () => {
    await expect(ncloud(answer(200, "{}")).listCaIdentities(1, "2")).rejects.toThrow(/expected \{content/);
  });
});

describe("scrub", () => {
  it("removes every occurrence of every secret", () => {
    expect(scrub("a s3cret b s3cret c t0k", ["s3cret", "t0k"])).toBe("a [secret] b [secret] c [secret]");
  });
});

/* Issue 10: what the official sources accept and the client used to refuse. */
const zip = Buffer.from(zipSync({ "msp/signcerts/a.pem": Buffer.from("x") }));

describe("the certificate download (200) is judged by its bytes, not its Content-Type", () => {
  it.each(["application/json;charset=UTF-8", "application/octet-stream", "application/zip", undefined])(
    "a zip labelled %s is taken",
    async (type) => {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      await expect(huawei(answer(200, zip, headers)).createUserCert(params, {})).resolves.toEqual(zip);
    },
  );
  it("a JSON body labelled as a zip is refused, saying a certificate may exist", async () => {
    await expect(
      huawei(answer(200, '{"result":"success"}', { "content-type": "application/zip" })).createUserCert(
        params,
        {},
      ),
    ).rejects.toThrow(/expected the certificate zip.*may have been generated/);
  });
});

describe("the request id is in every API error message, neutralised", () => {
  it("Huawei: from the X-Request-Id header", async () => {
    const body = '{"error_code":"BCS.4001051","error_msg":"Input org org9 is not exist"}';
    await expect(
      huawei(answer(400, body, { "x-request-id": "5f1c\u001b[31mred" })).createUserCert(params, {}),
    ).rejects.toThrow("(request id 5f1c\\u001b[31mred)");
  });
  it("Huawei API gateway: from request_id in the body", async () => {
    const body = '{"error_code":"APIG.0308","error_msg":"throttled","request_id":"b2a0c3d4"}';
    await expect(huawei(answer(429, body)).freeze(params)).rejects.toThrow(
      /APIG\.0308.*\(request id b2a0c3d4\)/,
    );
  });
  it("Huawei: also when the answer is not in the documented shape", async () => {
    await expect(
      huawei(answer(502, "<html>bad gateway</html>", { "x-request-id": "r-502" })).freeze(params),
    ).rejects.toThrow(/UNEXPECTED_BODY.*\(request id r-502\)/);
  });
  it("NAVER: from the X-Request-Id header", async () => {
    const body = '{"error":{"errorCode":"200","message":"Authentication Failed"}}';
    await expect(
      ncloud(answer(401, body, { "x-request-id": "ncp-77" })).listCaIdentities(1, "2"),
    ).rejects.toThrow(/401 200: Authentication Failed.*\(request id ncp-77\)/);
  });
});

describe("hints are read from the message as well as the code", () => {
  it.each([
    ["Incorrect IAM authentication information: decrypt token fail", /IAM token is wrong or expired/],
    ["Incorrect IAM authentication information: x-auth-token not found", /IAM token is wrong or expired/],
    ["Incorrect IAM authentication information: verify aksk signature fail", /AK\/SK signature was refused/],
    [
      "Incorrect IAM authentication information: the X-Sdk-Date is not in the allowed time range",
      /fix this machine's clock/,
    ],
  ])("401 APIG.0301 %s", async (message, hint) => {
    const body = JSON.stringify({ error_code: "APIG.0301", error_msg: message });
    await expect(huawei(answer(401, body)).freeze(params)).rejects.toThrow(hint);
  });
});

describe("the IAM endpoint and the account name as the Terraform provider reads them", () => {
  it.each([
    "https://iam.cn-north-4.myhuaweicloud.com",
    "https://iam.cn-north-4.myhuaweicloud.com/",
    "https://iam.cn-north-4.myhuaweicloud.com/v3",
    "https://iam.cn-north-4.myhuaweicloud.com/v3/",
  ])("%s is the IAM base", (endpoint) => {
    expect(iamBaseUrl(endpoint)).toBe("https://iam.cn-north-4.myhuaweicloud.com");
  });
  it.each([
    ["OS_AUTH_URL", "OS_USER_DOMAIN_NAME"],
    ["OS_AUTH_URL", "OS_PROJECT_DOMAIN_NAME"],
  ])("reads %s and %s", (urlVariable, domainVariable) => {
    const settings = resolveSettings(() => undefined, {
      [urlVariable]: "https://iam.ap-southeast-1.myhuaweicloud.com/v3",
      [domainVariable]: "my-account",
      HW_USER_NAME: "deployer",
      HW_USER_PASSWORD: "pw-123456",
    });
    expect(huaweiCredentials(settings)).toMatchObject({
      kind: "password",
      domainName: "my-account",
      iamEndpoint: "https://iam.ap-southeast-1.myhuaweicloud.com/v3",
    });
  });
});

const denial = (encoded: string) =>
  JSON.stringify({
    error_code: "BCS.4030403",
    error_msg: "forbidden",
    encoded_authorization_message: encoded,
  });

describe("encoded_authorization_message of a policy denial (Go SDK core/sdkerr/errors.go)", () => {
  it("is kept whole, with how to decode it", async () => {
    const encoded = "HY0L8G1lOe3rcfgxfKVP+AK+S33eYp/rHQ4I0kJed9==";
    await expect(huawei(answer(403, denial(encoded))).freeze(params)).rejects.toThrow(
      `encoded_authorization_message: ${encoded} — decode it with IAM's DecodeAuthorizationMessage (POST https://iam.<region>.myhuaweicloud.com/v5/decode-authorization-message`,
    );
  });
  it.each([
    ["terminal escapes", "abc\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007"],
    ["the engine's colour tags", "<{%reset%}>fake"],
    ["more than IAM decodes", "A".repeat(10241)],
  ])("with %s: not shown, only its length", async (_name, encoded) => {
    const error = (await huawei(answer(403, denial(encoded)))
      .freeze(params)
      .catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      `encoded_authorization_message (${encoded.length} characters) is not the base64 text`,
    );
    expect(error.message).not.toContain(encoded.slice(0, 12));
  });
});
