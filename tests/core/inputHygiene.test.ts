import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../provider/huawei/userCertificateProvider";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
} from "../../provider/fabricCa/certificateProvider";
import { lookupCaIdentities } from "../../provider/lookups/caIdentities";
import { ApiError, bodyExcerpt } from "../../provider/http/errors";
import { holdSecret, scrub } from "../../provider/http/scrub";
import { serverText } from "../../provider/http/serverText";

/**
 * Careless inputs (issue 11): a misspelt or missing property, a secret given where a plain value was
 * expected, and a nameRegex RE2 cannot run. Each is refused by `check` (or the lookup's validation)
 * with a message that names the property and never repeats the value.
 */
const huawei: UserCertificateInputs = {
  projectId: "0123456789abcdef0123456789abcdef",
  blockchainId: "bcs-demo-0001",
  orgName: "org1",
  userName: "appuser01",
};
const fabric: FabricCaCertificateInputs = { caUrl: "https://ca.example.com:7054", enrollmentId: "user01" };
const checkHuawei = (news: Record<string, unknown>) =>
  new UserCertificateProvider({}).check(huawei, news as unknown as UserCertificateInputs);
/** A provider configured with the registrar's CA being the inputs' one, so only the rule tested fails. */
function fabricProvider(): FabricCaCertificateProvider {
  const provider = new FabricCaCertificateProvider({ BCS_FABRIC_CA_URL: fabric.caUrl });
  provider.configureFrom(() => undefined);
  return provider;
}
const checkFabric = (news: Record<string, unknown>) =>
  fabricProvider().check({}, news as unknown as FabricCaCertificateInputs);
const lookup = (query: Record<string, unknown>) =>
  lookupCaIdentities(query as never, () => undefined, {
    BCS_NCLOUD_ENDPOINT: "http://127.0.0.1:9",
    NCLOUD_ACCESS_KEY_ID: "a",
    NCLOUD_SECRET_ACCESS_KEY: "b",
  }).catch((e: Error) => e);

describe("unknown properties", () => {
  it("refuses a misspelt securityMode on UserCertificate, naming the right one", async () => {
    const { failures } = await checkHuawei({ ...huawei, securitymode: true });
    expect(failures).toEqual([
      { property: "", reason: 'unknown property "securitymode": did you mean securityMode?' },
    ]);
  });

  it.each([
    [{ ...huawei, userNmae: "appuser01" }, "userNmae", /did you mean userName\?/],
    [{ ...huawei, frozn: true }, "frozn", /did you mean frozen\?/],
    [{ ...huawei, caUrl: "https://ca" }, "caUrl", /the known ones are projectId, blockchainId/],
  ])("UserCertificate: %#", async (news, property, reason) => {
    const { failures } = await checkHuawei(news);
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(reason) }]);
    expect(failures![0].reason).toContain(`"${property}"`);
  });

  it.each([
    [{ ...fabric, enrolmentId: "x" }, "enrolmentId", /did you mean enrollmentId\?/],
    [{ ...fabric, attributs: { a: "b" } }, "attributs", /did you mean attributes\?/],
    [{ ...fabric, securityMode: true }, "securityMode", /the known ones are caUrl/],
  ])("FabricCaUserCertificate: %#", async (news, property, reason) => {
    const { failures } = await checkFabric(news);
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(reason) }]);
    expect(failures![0].reason).toContain(`"${property}"`);
  });

  it("lets the engine's own keys and undefined properties through", async () => {
    const provider = { __provider: "exports.handler = …" };
    expect((await checkHuawei({ ...huawei, ...provider, mspId: undefined })).failures).toEqual([]);
    expect((await checkFabric({ ...fabric, ...provider })).failures).toEqual([]);
  });

  it("refuses a misspelt lookup argument, also inside fabricCa", async () => {
    expect(String(await lookup({ networkId: 1, caId: "1", nameregex: "^app" }))).toMatch(
      /getCaIdentities: unknown argument "nameregex": did you mean nameRegex\?/,
    );
    expect(String(await lookup({ fabricCa: { url: "https://ca", caname: "ca1" } }))).toMatch(
      /unknown argument "fabricCa.caname": did you mean fabricCa.caName\?/,
    );
  });

  it("shows a hostile property name escaped", async () => {
    const { failures } = await checkHuawei({ ...huawei, "x\u001b[32m": 1 });
    expect(failures![0].reason).toContain("x\\u001b[32m");
    expect(failures![0].reason).not.toContain("\u001b");
  });
});

describe("missing required inputs", () => {
  it.each([
    ["projectId", checkHuawei, { ...huawei, projectId: undefined }],
    ["userName", checkHuawei, { ...huawei, userName: undefined }],
    ["caUrl", checkFabric, { ...fabric, caUrl: undefined }],
    ["enrollmentId", checkFabric, { ...fabric, enrollmentId: undefined }],
  ] as const)("names %s, and returns inputs the engine can encode", async (field, check, news) => {
    const { inputs, failures } = await check(news);
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(`^${field} is required`) }]);
    // What the engine's dynamic-provider host does with the inputs; undefined members made it throw
    // "Unexpected struct type." before any failure was shown.
    expect(() => Struct.fromJavaScript(inputs as never)).not.toThrow();
  });

  it("names every required input of an empty object", async () => {
    const huaweiCheck = await checkHuawei({});
    expect(huaweiCheck.failures!.map((f) => f.reason.split(" ")[0])).toEqual([
      "projectId",
      "blockchainId",
      "orgName",
      "userName",
    ]);
    expect(huaweiCheck.inputs).toEqual({});
    expect((await checkFabric({})).failures!.map((f) => f.reason.split(" ")[0])).toEqual([
      "caUrl",
      "enrollmentId",
    ]);
    expect(String(await lookup({}))).toMatch(/networkId is required.*caId is required/);
  });
});

describe("a secret given as an input", () => {
  const secret = "Sup3r-Secret+Value/42";
  it.each([
    [checkHuawei, { ...huawei, userName: secret }],
    [checkHuawei, { ...huawei, projectId: secret }],
    [checkHuawei, { ...huawei, onDelete: secret }],
    [checkHuawei, { ...huawei, renewBefore: secret }],
    [checkFabric, { ...fabric, caUrl: secret }],
    [checkFabric, { ...fabric, enrollmentId: `${secret} ` }],
  ])("is never repeated by a check failure (%#)", async (check, news) => {
    const { failures } = await check(news);
    expect(failures).toHaveLength(1);
    expect(failures![0].reason).not.toContain(secret.slice(0, 8));
  });

  it("is never repeated by the lookup", async () => {
    expect(String(await lookup({ networkId: 1, caId: secret }))).not.toContain(secret.slice(0, 8));
  });
});

describe("nameRegex runs on RE2", () => {
  it.each([
    ["(a)\\1", "backreference"],
    ["(?=admin)", "lookahead"],
    ["(?<!x)y", "lookbehind"],
  ])("refuses %s (%s) naming nameRegex and RE2", async (nameRegex) => {
    const error = await lookup({ networkId: 1, caId: "1", nameRegex });
    expect(String(error)).toMatch(/nameRegex is not a regular expression in RE2 syntax/);
  });

  it("still refuses more than 256 characters", async () => {
    expect(String(await lookup({ networkId: 1, caId: "1", nameRegex: "a".repeat(257) }))).toMatch(
      /nameRegex must be a regular expression of at most 256 characters/,
    );
  });
});

describe("scrub", () => {
  const password = 'pa"ss\\wo/rd<&>é-42';
  const forms: [string, string][] = [
    ["raw", password],
    ["JSON-escaped", JSON.stringify(password).slice(1, -1)],
    ["JSON-escaped as Go writes it", 'pa\\"ss\\\\wo/rd\\u003c\\u0026\\u003eé-42'],
    ["JSON-escaped, ASCII only", 'pa\\"ss\\\\wo/rd<&>\\u00e9-42'],
    ["URL-encoded", encodeURIComponent(password)],
    ["form-encoded", new URLSearchParams({ p: password }).toString().slice(2)],
    ["base64", Buffer.from(password).toString("base64")],
    ["base64url", Buffer.from(password).toString("base64url")],
    ["base64 inside Basic auth", Buffer.from(`admin:${password}`).toString("base64")],
    ["base64 at another offset", Buffer.from(`id=${password};`).toString("base64")],
  ];
  it.each(forms)("removes the %s form", (_name, form) => {
    const scrubbed = scrub(`echo: ${form} :end`, [password]);
    expect(scrubbed).toContain("[secret]");
    expect(scrubbed).not.toContain(form);
  });

  it("removes credentials held by the process without being told", () => {
    holdSecret("iam-token-obtained-at-run-time");
    expect(scrub('{"X-Auth-Token":"iam-token-obtained-at-run-time"}')).toBe('{"X-Auth-Token":"[secret]"}');
  });
});

describe("server text", () => {
  it("is cut at 500 characters, saying so", () => {
    const shown = serverText("x".repeat(10_000_000));
    expect(shown.length).toBeLessThan(560);
    expect(shown).toMatch(/^x{500}… \(cut: 10000000 characters in all\)$/);
  });

  it.each([
    ["ESC (ANSI colour)", "\u001b[32mcreated\u001b[0m", "\\u001b[32mcreated\\u001b[0m"],
    ["OSC title", "\u001b]0;pwned\u0007", "\\u001b]0;pwned\\u0007"],
    ["CR and LF", "fail\r + created\n", "fail\\u000d + created\\u000a"],
    ["C1 CSI", "\u009b31m", "\\u009b31m"],
    ["DEL", "a\u007fb", "a\\u007fb"],
    ["bidi override", "user\u202eexe.txt", "user\\u202eexe.txt"],
    ["an engine colour tag", "<{%fg 1%}>fail<{%reset%}>", "\\u003c{%fg 1%}>fail\\u003c{%reset%}>"],
  ])("shows %s escaped", (_name, text, shown) => expect(serverText(text)).toBe(shown));

  it("is scrubbed before it is cut, so no part of a credential survives at the cut", () => {
    holdSecret("0123456789-held-credential");
    const shown = serverText(`${"x".repeat(495)}0123456789-held-credential`);
    expect(shown).not.toContain("01234");
  });

  it("reaches an API error only neutralised and cut", () => {
    const error = new ApiError(
      "Huawei BCS",
      400,
      "BCS.\u001b[2K",
      `\r\u001b[32m+ created\n${"m".repeat(10e6)}`,
      "",
    );
    expect(error.message.length).toBeLessThan(700);
    expect(error.message).not.toMatch(/\p{Cc}/u);
    expect(error.code).toBe("BCS.\\u001b[2K");
  });

  it("never quotes a body that holds key material or binary data", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n";
    const excerpt = (body: string) => bodyExcerpt({ status: 200, headers: {}, body: Buffer.from(body) });
    expect(excerpt(`{"key":"${key}"}`)).not.toContain("MIGHAgEA");
    expect(excerpt("PK\u0003\u0004 certificate zip")).toMatch(/bytes that are not text, not shown/);
  });
});
