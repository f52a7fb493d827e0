import type { EngineEvent } from "@pulumi/pulumi/automation";
import { secretHits } from "../support/secretHits";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { obtainToken } from "../emulator/helpers";
import {
  certificatesConfig,
  fabricCertificatesConfig,
  lookupsConfig,
  startE2e,
  type E2eContext,
} from "./harness";

jest.setTimeout(10 * 60 * 1000);

/**
 * One sweep over a full up / update / failed update / destroy cycle: every secret used in the run must
 * be absent from the state export, the engine's event log, everything printed and every error message.
 */
describe("no secret anywhere", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  const printed: string[] = [];
  const events: EngineEvent[] = [];
  const errors: string[] = [];
  const exports: string[] = [];
  const secrets = new Map<string, string>();
  const opts = { onOutput: (s: string) => printed.push(s), onEvent: (e: EngineEvent) => events.push(e) };

  const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId };
  const huawei = (frozen: boolean) =>
    certificatesConfig({
      safe: { ...base, orgName: "org1", userName: "sweep01", securityMode: true },
      hosted: { ...base, orgName: "org2", userName: "sweep02", securityMode: false, frozen },
    });
  const fabric = (role: string, affiliation = "org1") =>
    fabricCertificatesConfig({
      fab: { caUrl: ca.url, enrollmentId: "sweepfab01", affiliation, attributes: { role } },
    });

  beforeAll(async () => {
    ca = await startFabricCaServer({ bootstrap: { id: "admin", secret: "sweep-registrar-S3cret" } });
    ctx = await startE2e("sweep", {});
    // A token from the emulator's IAM, given to the provider as config: the sweep knows its value.
    const token = await obtainToken(ctx.emulator.url);
    secrets.set("IAM token", token);
    secrets.set("IAM password", fx.huawei.password);
    secrets.set("NAVER secret key", fx.ncloud.secretKey);
    secrets.set("Fabric CA registrar secret", ca.bootstrap.secret);
    await ctx.stack.removeAllConfig(["bcs:huaweiUserName", "bcs:huaweiDomainName", "bcs:huaweiPassword"]);
    await ctx.stack.setAllConfig({
      "bcs:huaweiAuthToken": { value: token, secret: true },
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      // The request trace is printed too (issue 10): it must carry none of these secrets.
      "bcs:traceRequests": { value: "true" },
      ...huawei(false),
      ...fabric("reader"),
      ...lookupsConfig({
        naver: { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId },
        fabricIds: { fabricCa: { url: ca.url } },
      }),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  async function recordKeys(): Promise<void> {
    const results = (await ctx.stack.outputs()).results.value as Record<
      string,
      { privateKeyPem?: string; archive?: string }
    >;
    for (const [name, r] of Object.entries(results)) {
      if (r.privateKeyPem)
        secrets.set(`private key of ${name} (${secrets.size})`, r.privateKeyPem.split("\n")[1]);
      if (r.archive) secrets.set(`archive of ${name} (${secrets.size})`, r.archive.slice(100, 164));
    }
    exports.push(ctx.cli(["stack", "export"]));
  }

  it("runs up, an update that freezes and re-enrolls, a failing update and destroy", async () => {
    await ctx.stack.preview(opts);
    await ctx.stack.up(opts);
    await recordKeys();
    await ctx.stack.setAllConfig({ ...huawei(true), ...fabric("writer") });
    await ctx.stack.up(opts);
    await recordKeys();
    await ctx.stack.setAllConfig(
      fabricCertificatesConfig({
        fab2: { caUrl: ca.url, enrollmentId: "sweepfab02", affiliation: "nowhere" },
      }),
    );
    errors.push(String(await ctx.stack.up(opts).catch((e: Error) => e.message)));
    await ctx.stack.refresh(opts);
    await ctx.stack.destroy(opts);
    exports.push(ctx.cli(["stack", "export"]));
    expect(errors[0]).toMatch(/403 71/);
  });

  it("finds zero hits in the state, the event log, the output and the errors", () => {
    const haystacks = {
      "state export": exports.join("\n"),
      "event log": JSON.stringify(events),
      "printed output": printed.join(""),
      "error messages": errors.join("\n"),
    };
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    // Any 2xx: the emulator's variants answer a create with 200, 201 or 202, as BCS may (issue 20).
    expect(printed.join("")).toMatch(/pulumi-bcs trace: POST \/v2\/\S+\/usercert\/sweep01 2\d\d /);
    expect(printed.join("")).toMatch(
      /pulumi-bcs trace: GET \/api\/v1\/networks\/\d+\/cas\/\S+\/identity 200 /,
    );
    expect(events.length).toBeGreaterThan(20);
    expect(secretHits(secrets, haystacks)).toEqual([]);
  });
});
