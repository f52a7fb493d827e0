import type { Handler, HttpResponse } from "../../provider/http/transport";
import { BcsClient } from "../../provider/huawei/bcsClient";
import { NcloudClient } from "../../provider/ncloud/client";
import { scrub } from "../../provider/http/scrub";

/** A transport that answers every request with one canned response: error mapping is pure. */
const answer =
  (
    status: number,
    body: string,
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
      await huawei(answer(200, JSON.stringify({ result: "ok\u001b[2J\nforged line" }))).freeze(params);
      expect(log).toHaveBeenCalledWith(
        'pulumi-bcs: user01: freeze answered 200 with result "ok\\u001b[2J\\nforged line"',
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
  it("rejects a 200 whose identities do not match the documented shape, naming the field", async () => {
    const body = JSON.stringify({
      content: [{ networkId: 1, caId: "2", identityName: "x", identityType: "ROOT", creator: 1 }],
    });
    await expect(ncloud(answer(200, body)).listCaIdentities(1, "2")).rejects.toThrow(
      /content\[0\]\.identityType is not one of/,
    );
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
