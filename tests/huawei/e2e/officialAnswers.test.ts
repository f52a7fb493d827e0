import type { ServerResponse } from "node:http";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import { certificateProxy, type AnswerRewrite } from "../../support/certificateProxy";
import {
  certificatesConfig,
  lookupsConfig,
  startE2e,
  type E2eContext,
  type LifecycleResult,
} from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const NOW = "2025-07-20T00:00:00Z";
const ca = { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId };
const identity = (identityName: string, expireDate: string, extra: Record<string, unknown> = {}) => ({
  ...ca,
  identityName,
  identityType: "CLIENT",
  expireDate,
  creator: 1,
  createDate: "2025-01-01T00:00:00+0000",
  updateDate: "2025-01-01T00:00:00+0000",
  ...extra,
});
/**
 * One identity of the CA asked about, its type in lower case (as NAVER's certAndKey answer writes
 * types), and four items a CA listing must not count: another network, numbers no NAVER id can be.
 */
const LISTING = JSON.stringify({
  content: [
    identity("appclient01", "2025-07-30T00:00:00+0000", { identityType: "client" }),
    identity("foreign01", "2025-07-25T00:00:00+0000", { networkId: 9999 }),
    identity("foreign02", "2025-07-25T00:00:00+0000", { networkId: 1e308 }),
    identity("foreign03", "2025-07-25T00:00:00+0000", { networkId: -1 }),
    identity("foreign04", "2025-07-25T00:00:00+0000", { creator: 1.5e300 }),
  ],
});

function naverListing(_req: unknown, res: ServerResponse): void {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(LISTING);
}

/** What the official SDKs accept, through the real engine where a user meets it. */
describe("answers the official SDKs accept, through the real Pulumi engine", () => {
  let ctx: E2eContext;
  let proxy: HostileServer;
  let naver: HostileServer;
  const rewrites = new Map<string, AnswerRewrite>();
  const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };

  beforeAll(async () => {
    ctx = await startE2e("official");
    proxy = await startHostileServer(certificateProxy(ctx.emulator.url, rewrites));
    naver = await startHostileServer(naverListing);
    await ctx.stack.setConfig("bcs:huaweiEndpoint", { value: proxy.url });
  });
  afterAll(async () => {
    await proxy?.close();
    await naver?.close();
    await ctx?.close();
  });

  it("a certificate POST answered 201 with the zip: up keeps the certificate (Go SDK: any status below 400)", async () => {
    rewrites.set("created201", (answer) => ({ ...answer, status: 201 }));
    await ctx.stack.setAllConfig(
      certificatesConfig({ created: { ...base, userName: "created201", securityMode: true } }),
    );
    const { outputs } = await ctx.stack.up({ onOutput: (s) => ctx.printed.push(s) });
    const { created } = (outputs as OutputMap).results.value as Record<string, LifecycleResult>;
    expect(await emulatorCertificates(ctx.emulator.url, { userName: "created201" })).toMatchObject([
      { serialNumber: created.serialNumber, frozen: false },
    ]);
  });

  it("a NAVER listing: items of another network and out-of-range numbers are left out and reported; lower-case types read", async () => {
    await ctx.stack.setConfig("bcs:ncloudEndpoint", { value: naver.url });
    await ctx.stack.setAllConfig(lookupsConfig({ ids: { ...ca } }));
    const { outputs } = await ctx.stack.up({ onOutput: (s) => ctx.printed.push(s) });
    const ids = (outputs as OutputMap).results.value.ids as {
      identities: { identityName: string; identityType: string }[];
      summary: { countByType: Record<string, number> };
      anomalies: string[];
    };
    expect(ids.identities.map((i) => [i.identityName, i.identityType])).toEqual([["appclient01", "CLIENT"]]);
    expect(ids.summary.countByType).toEqual({ CLIENT: 1 });
    expect(ids.anomalies).toEqual([
      `content[1] (foreign01): left out, it belongs to network 9999, not ${ca.networkId}`,
      "content[2] (foreign02): left out, its networkId 1e+308 is not a whole number from 1 to 2^53 − 1",
      "content[3] (foreign03): left out, its networkId -1 is not a whole number from 1 to 2^53 − 1",
      "content[4] (foreign04): left out, its creator 1.5e+300 is not a whole number from 1 to 2^53 − 1",
    ]);
  });

  it("a region without BCS: preview fails naming the regions that have BCS", async () => {
    await ctx.stack.removeConfig("bcs:huaweiEndpoint");
    await ctx.stack.setConfig("bcs:huaweiRegion", { value: "eu-west-101" });
    const error = (await ctx.stack.preview({}).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      /BCS is not offered in eu-west-101 \(bcs:huaweiRegion, or HW_REGION_NAME\/OS_REGION_NAME\): the regions with BCS are cn-north-1, cn-north-4, .*ap-southeast-4/,
    );
    await ctx.stack.removeConfig("bcs:huaweiRegion");
    await ctx.stack.setConfig("bcs:huaweiEndpoint", { value: proxy.url });
  });
});

/** examples/expiry-gate, the CI gate, against the same listing: only the CA's own identity counts. */
describe("the expiry gate over a listing with items of other networks", () => {
  let ctx: E2eContext;
  let naver: HostileServer;
  beforeAll(async () => {
    naver = await startHostileServer(naverListing);
    ctx = await startE2e(
      "official-gate",
      { "pulumi-bcs-expiry-gate:window": { value: "30d" }, "bcs:ncloudEndpoint": { value: naver.url } },
      "examples/expiry-gate",
    );
    ctx.stack.workspace.envVars.PULUMI_BCS_NOW = NOW;
  });
  afterAll(async () => {
    await ctx?.close();
    await naver?.close();
  });

  it("fails the preview naming the CA's identity with its type, and none of the foreign items", async () => {
    const error = (await ctx.stack.preview({}).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      `error: 1 identities of CA ${ca.caId} in network ${ca.networkId} expire within 30d: appclient01 (CLIENT, 10 days)`,
    );
    // The foreign items are named only in the lookup's warning, as left out, never in the gate's error.
    expect(error.message).not.toMatch(/error: .*foreign0/);
    expect(error.message).toMatch(
      /warning: getCaIdentities: 4 item\(s\) of the CA's answer were odd .*content\[1\] \(foreign01\): left out, it belongs to network 9999/,
    );
  });
});
