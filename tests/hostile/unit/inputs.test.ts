import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../../provider/huawei/userCertificateProvider";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
} from "../../../provider/fabricCa/certificateProvider";
import { lookupCaIdentities } from "../../../provider/lookups/caIdentities";

/**
 * Hostile and malformed input, as an untyped JavaScript caller could pass it. Every case must be
 * refused by `check` (which runs at preview) or by the lookup's own validation, with a message that
 * names the field and the rule, and before any request: `check` has no network path at all, and the
 * lookup below points at an endpoint whose use would fail differently.
 */
type Case = [string, Record<string, unknown>, string, RegExp];

const huge = "a".repeat(1_000_000);
const huaweiBase: UserCertificateInputs = {
  projectId: "0123456789abcdef0123456789abcdef",
  blockchainId: "bcs-demo-0001",
  orgName: "org1",
  userName: "appuser01",
};
const fabricBase: FabricCaCertificateInputs = {
  caUrl: "https://ca.example.com:7054",
  enrollmentId: "user01",
};

const huaweiCases: Case[] = [
  ["userName too short", { userName: "abc" }, "userName", /4 to 24 characters/],
  ["userName too long", { userName: "a".repeat(25) }, "userName", /4 to 24 characters/],
  ["userName huge", { userName: huge }, "userName", /4 to 24 characters long \(got 1000000\)/],
  ["userName leading digit", { userName: "1appuser" }, "userName", /must start with a lowercase letter/],
  ["userName upper case", { userName: "AppUser01" }, "userName", /only lowercase letters a-z and digits/],
  ["userName path separator", { userName: "app/user1" }, "userName", /only lowercase letters/],
  ["userName dot-dot", { userName: "..appuser" }, "userName", /only lowercase letters/],
  ["userName percent", { userName: "app%2fuser" }, "userName", /only lowercase letters/],
  ["userName cyrillic look-alike", { userName: "аppuser01" }, "userName", /only lowercase letters/],
  ["userName control character", { userName: "appuser\u0000" }, "userName", /only lowercase letters/],
  ["userName newline", { userName: "appuser\n01" }, "userName", /only lowercase letters/],
  ["userName number", { userName: 12345 }, "userName", /must be a string \(got number\)/],
  ["userName object", { userName: { toString: "x" } }, "userName", /must be a string \(got object\)/],
  ["userName array", { userName: ["appuser01"] }, "userName", /must be a string \(got an array\)/],
  ["userName null", { userName: null }, "userName", /must be a string \(got null\)/],
  ["projectId short", { projectId: "0123" }, "projectId", /32-character lowercase hexadecimal/],
  [
    "projectId upper case",
    { projectId: "0123456789ABCDEF0123456789ABCDEF" },
    "projectId",
    /32-character lowercase hexadecimal/,
  ],
  ["projectId traversal", { projectId: "../../../../../../../../etc/pass" }, "projectId", /32-character/],
  ["projectId number", { projectId: 123 }, "projectId", /must be a string/],
  ["blockchainId slash", { blockchainId: "bcs/../x" }, "blockchainId", /letters, digits, '-' or '_'/],
  ["blockchainId percent", { blockchainId: "bcs%2e%2e" }, "blockchainId", /letters, digits/],
  ["blockchainId huge", { blockchainId: huge }, "blockchainId", /1 to 64/],
  ["orgName empty", { orgName: "" }, "orgName", /must not be empty/],
  ["orgName dot-dot", { orgName: ".." }, "orgName", /letters, digits/],
  ["orgName unicode", { orgName: "оrg1" }, "orgName", /letters, digits/],
  ["orgName space", { orgName: "org 1" }, "orgName", /letters, digits/],
  ["securityMode string", { securityMode: "true" }, "securityMode", /true or false/],
  ["frozen number", { frozen: 0 }, "frozen", /true or false/],
  ["freezeUntracked string", { freezeUntracked: "yes" }, "freezeUntracked", /true or false/],
];

const fabricCases: Case[] = [
  ["enrollmentId too long", { enrollmentId: "u".repeat(65) }, "enrollmentId", /1 to 64 characters/],
  ["enrollmentId empty", { enrollmentId: "" }, "enrollmentId", /1 to 64 characters/],
  ["enrollmentId colon", { enrollmentId: "user:01" }, "enrollmentId", /without ':'/],
  ["enrollmentId slash", { enrollmentId: "../admin" }, "enrollmentId", /without ':', '\/'/],
  ["enrollmentId percent", { enrollmentId: "user%00" }, "enrollmentId", /'%'/],
  ["enrollmentId space", { enrollmentId: "user 01" }, "enrollmentId", /spaces/],
  ["enrollmentId look-alike", { enrollmentId: "аdmin" }, "enrollmentId", /look-alike/],
  ["enrollmentId control", { enrollmentId: "admin\u001b[31m" }, "enrollmentId", /control/],
  ["enrollmentId number", { enrollmentId: 7 }, "enrollmentId", /must be a string/],
  ["caUrl not a URL", { caUrl: "ca.example.com" }, "caUrl", /absolute URL/],
  ["caUrl plain http remote", { caUrl: "http://ca.example.com:7054" }, "caUrl", /must use https/],
  ["caUrl ftp", { caUrl: "ftp://ca.example.com" }, "caUrl", /must use https/],
  [
    "caUrl with credentials",
    { caUrl: "https://admin:adminpw@ca.example.com" },
    "caUrl",
    /must not carry credentials/,
  ],
  ["identityType unknown", { identityType: "superuser" }, "identityType", /client, peer, orderer, admin/],
  ["identityType upper case", { identityType: "PEER" }, "identityType", /client, peer, orderer, admin/],
  ["affiliation traversal", { affiliation: "../org1" }, "affiliation", /dot-separated/],
  ["affiliation empty label", { affiliation: "org1..dept" }, "affiliation", /dot-separated/],
  ["attributes array", { attributes: ["a"] }, "attributes", /map of attribute name/],
  [
    "attributes reserved",
    { attributes: { "hf.Registrar.Roles": "*" } },
    "attributes",
    /reserved by Fabric CA/,
  ],
  ["attribute value huge", { attributes: { role: huge } }, "attributes", /at most 1024 characters/],
  ["attribute value control", { attributes: { role: "a\u0007b" } }, "attributes", /control characters/],
  ["attribute name symbols", { attributes: { "a b": "x" } }, "attributes", /attribute name/],
  ["maxEnrollments zero", { maxEnrollments: 0 }, "maxEnrollments", /-1 \(unlimited\) or a positive/],
  ["maxEnrollments fraction", { maxEnrollments: 1.5 }, "maxEnrollments", /whole number/],
  ["maxEnrollments string", { maxEnrollments: "5" }, "maxEnrollments", /whole number/],
  ["revocationReason unknown", { revocationReason: "because" }, "revocationReason", /keycompromise/],
  ["frozen given", { frozen: true }, "frozen", /not supported on Fabric CA/],
];

const lookupCases: [string, Record<string, unknown>, RegExp][] = [
  ["networkId zero", { networkId: 0, caId: "1" }, /networkId must be a positive whole number/],
  ["networkId negative", { networkId: -5, caId: "1" }, /networkId must be a positive whole number/],
  ["networkId string", { networkId: "1630", caId: "1" }, /networkId must be a positive whole number/],
  ["networkId huge", { networkId: 2 ** 60, caId: "1" }, /networkId must be a positive whole number/],
  ["caId traversal", { networkId: 1, caId: "../../networks" }, /caId must be 1 to 64/],
  ["caId percent", { networkId: 1, caId: "25%2F00" }, /caId must be 1 to 64/],
  ["caId huge", { networkId: 1, caId: huge }, /caId must be 1 to 64/],
  [
    "identityType lower case",
    { networkId: 1, caId: "1", identityType: "admin" },
    /identityType must be one of/,
  ],
  [
    "both backends",
    { networkId: 1, caId: "1", fabricCa: { url: "https://ca.example.com" } },
    /cannot be combined/,
  ],
  ["fabricCa without url", { fabricCa: {} }, /fabricCa\.url must be/],
];

describe("hostile input is refused before any request", () => {
  it.each(huaweiCases)("UserCertificate: %s", async (_name, over, field, rule) => {
    const { failures } = await new UserCertificateProvider({}).check(huaweiBase, {
      ...huaweiBase,
      ...over,
    } as UserCertificateInputs);
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(rule) }]);
    expect(failures![0].reason).toContain(field);
    expect(failures![0].reason.length).toBeLessThan(300);
  });

  it.each(fabricCases)("FabricCaUserCertificate: %s", async (_name, over, field, rule) => {
    const provider = new FabricCaCertificateProvider({ BCS_FABRIC_CA_URL: fabricBase.caUrl });
    provider.configureFrom(() => undefined);
    const { failures } = await provider.check({}, {
      ...fabricBase,
      ...over,
    } as FabricCaCertificateInputs);
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(rule) }]);
    expect(failures![0].reason).toContain(field);
  });

  const env = {
    BCS_NCLOUD_ENDPOINT: "http://127.0.0.1:9",
    NCLOUD_ACCESS_KEY_ID: "a",
    NCLOUD_SECRET_ACCESS_KEY: "b",
  };
  it.each(lookupCases)("getCaIdentities: %s", async (_name, query, rule) => {
    const error = (await lookupCaIdentities(query as never, () => undefined, env).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(rule);
  });

  it("covers at least 40 cases", () => {
    expect(huaweiCases.length + fabricCases.length + lookupCases.length).toBeGreaterThanOrEqual(40);
  });
});
