import { ncloudEndpoint } from "../../provider/ncloud/connect";
import { resolveSettings } from "../../provider/settings";
import { bcsRegionProblem } from "../../provider/huawei/settings";
import { readIdentities } from "../../provider/ncloud/identityItems";

/** What the official SDKs and docs settle, checked on the client alone. */
describe("NCLOUD_SITE (Terraform ncloud provider; ncloud-sdk-go-v2's host rule)", () => {
  it.each([
    [undefined, "https://blockchainservice.apigw.ntruss.com"],
    ["public", "https://blockchainservice.apigw.ntruss.com"],
    ["gov", "https://blockchainservice.apigw.gov-ntruss.com"],
    ["fin", "https://blockchainservice.apigw.fin-ntruss.com"],
  ])("%s: %s", (site, endpoint) => {
    expect(ncloudEndpoint(resolveSettings(() => undefined, site ? { NCLOUD_SITE: site } : {}))).toBe(
      endpoint,
    );
  });
  it("bcs:ncloudEndpoint wins over the site", () => {
    const settings = resolveSettings(() => undefined, {
      NCLOUD_SITE: "gov",
      BCS_NCLOUD_ENDPOINT: "https://nc.example",
    });
    expect(ncloudEndpoint(settings)).toBe("https://nc.example");
  });
  it("another site is refused, naming the setting and the choices", () => {
    expect(() => resolveSettings(() => undefined, { NCLOUD_SITE: "GOV" })).toThrow(
      /bcs:ncloudSite \(from NCLOUD_SITE\) must be one of public, gov, fin \(got "GOV"\)/,
    );
  });
});

describe("BCS regions (Go SDK services/bcs/v2/region/region.go)", () => {
  it.each(["cn-north-4", "ap-southeast-4", "la-south-2"])("%s has BCS", (huaweiRegion) => {
    expect(bcsRegionProblem({ huaweiRegion })).toBeUndefined();
  });
  it("eu-west-101 has not, unless an endpoint is given (as region.ValueOf takes one from the environment)", () => {
    expect(bcsRegionProblem({ huaweiRegion: "eu-west-101" })).toMatch(
      /^BCS is not offered in eu-west-101 .*the regions with BCS are cn-north-1, .*; pick one of them, or set bcs:huaweiEndpoint/,
    );
    expect(
      bcsRegionProblem({ huaweiRegion: "eu-west-101", huaweiEndpoint: "https://bcs.example" }),
    ).toBeUndefined();
  });
});

describe("NAVER items that are not identities of the CA asked about", () => {
  const item = (extra: Record<string, unknown>) => ({
    networkId: 1630,
    caId: "25728700",
    identityName: "x",
    identityType: "CLIENT",
    expireDate: "2027-07-29T07:29:00+0000",
    creator: 7,
    ...extra,
  });
  it("leaves them out and says why in anomalies; keeps a caId sent as a number and a lower-case type", () => {
    const { identities, anomalies } = readIdentities(
      [
        item({ identityName: "other-net", networkId: 9999 }),
        item({ identityName: "huge-net", networkId: 1e308 }),
        item({ identityName: "negative-net", networkId: -1 }),
        item({ identityName: "other-ca", caId: "99" }),
        item({ identityName: "huge-creator", creator: 1.5e300 }),
        item({ identityName: "numeric-ca", caId: 25728700, identityType: "admin" }),
        item({ identityName: "no-ids", networkId: undefined, caId: undefined }),
      ],
      { networkId: 1630, caId: "25728700" },
    );
    expect(
      identities.map((i) => [i.identityName, i.identityType, i.sourceType, i.networkId, i.caId]),
    ).toEqual([
      ["numeric-ca", "ADMIN", "admin", 1630, "25728700"],
      ["no-ids", "CLIENT", "CLIENT", 1630, "25728700"],
    ]);
    expect(anomalies).toEqual([
      "content[0] (other-net): left out, it belongs to network 9999, not 1630",
      "content[1] (huge-net): left out, its networkId 1e+308 is not a whole number from 1 to 2^53 − 1",
      "content[2] (negative-net): left out, its networkId -1 is not a whole number from 1 to 2^53 − 1",
      'content[3] (other-ca): left out, it belongs to CA "99", not 25728700',
      "content[4] (huge-creator): left out, its creator 1.5e+300 is not a whole number from 1 to 2^53 − 1",
    ]);
  });
});
