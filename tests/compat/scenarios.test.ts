import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { secretHits } from "../support/secretHits";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { emulatorCertificates } from "../support/emulatorInspection";
import {
  certificatesConfig,
  fabricCertificatesConfig,
  legPath,
  lookupsConfig,
  startE2e,
  type E2eContext,
} from "../e2e/harness";
import { obtainToken } from "../emulator/helpers";
import { legUnderTest } from "./legs";

jest.setTimeout(15 * 60 * 1000);

const leg = legUnderTest();
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId };

interface StateResource {
  urn: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/**
 * What a user meets after `npm install pulumi-bcs @pulumi/pulumi`: the packed package installed by
 * npm into a fresh project, run by this leg's Node.js and Pulumi engine, through every operation.
 */
describe(`${leg.name}: the packed package installed into a fresh project`, () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  const printed: string[] = [];
  const events: EngineEvent[] = [];
  const exports: string[] = [];
  const secrets = new Map<string, string>([
    ["IAM password", fx.huawei.password],
    ["NAVER secret key", fx.ncloud.secretKey],
  ]);
  const opts = { onOutput: (s: string) => printed.push(s), onEvent: (e: EngineEvent) => events.push(e) };

  const certificates = (safe: { frozen?: boolean; renewBefore?: string }, hostedUser: string) => ({
    ...certificatesConfig({
      safe: { ...base, orgName: "org1", userName: "compat01", securityMode: true, ...safe },
      hosted: { ...base, orgName: "org2", userName: hostedUser, securityMode: false },
    }),
    ...fabricCertificatesConfig({ fabric: { caUrl: ca.url, enrollmentId: "compat03", affiliation: "org1" } }),
    ...lookupsConfig({ naver: { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId } }),
  });
  const resources = async () =>
    ((await ctx.stack.exportStack()).deployment.resources ?? []) as StateResource[];
  const outputs = async () =>
    (await ctx.stack.outputs()).results.value as Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    ca = await startFabricCaServer({ bootstrap: { id: "admin", secret: "compat-registrar-S3cret" } });
    ctx = await startE2e(
      "compat",
      {
        "bcs:fabricCaUrl": { value: ca.url },
        "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
        "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
        ...certificates({ renewBefore: "30d" }, "compat02"),
      },
      "tests/e2e/program",
      { leg },
    );
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  /** Keeps what must never be printed or stored in plain text, as this run produced it. */
  async function recordKeys(): Promise<void> {
    for (const [name, r] of Object.entries(await outputs())) {
      if (typeof r.privateKeyPem === "string")
        secrets.set(`private key of ${name} (${secrets.size})`, r.privateKeyPem.split("\n")[1]);
      if (typeof r.archive === "string")
        secrets.set(`archive of ${name} (${secrets.size})`, r.archive.slice(100, 164));
    }
    exports.push(ctx.cli(["stack", "export"]));
  }

  it("runs up with this leg's engine, Node.js and SDK", async () => {
    expect(execFileSync(join(leg.engineBin, "pulumi"), ["version"], { encoding: "utf8" }).trim()).toBe(
      `v${leg.pulumi}`,
    );
    const up = await ctx.stack.up(opts);
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    const runtime = up.outputs.runtime.value as { node: string; pulumi: string };
    expect(runtime.node).toMatch(new RegExp(`^v${leg.node}\\.`));
    expect(runtime.pulumi).toBe(leg.pulumi);
    await recordKeys();
  });

  it("stores each provider as a one-line require of its shim module, and the lookup answers", async () => {
    for (const [name, module] of [
      ["safe", "userCertificate"],
      ["hosted", "userCertificate"],
      ["fabric", "fabricCaCertificate"],
    ]) {
      const r = (await resources()).find((x) => x.urn.endsWith(`::${name}`))!;
      expect(r.outputs.__provider).toContain(`require("pulumi-bcs/dist/sdk/shims/${module}.js")`);
      expect((r.outputs.__provider as string).length).toBeLessThan(400);
    }
    const naver = (await outputs()).naver as { identities: { identityName: string }[] };
    expect(naver.identities.length).toBeGreaterThan(0);
  });

  it("previews no change, then updates in place (freeze) and replaces (new user name)", async () => {
    const same = await ctx.stack.preview({ ...opts, expectNoChanges: true });
    expect(same.changeSummary.same).toBe(4);
    await ctx.stack.setAllConfig(certificates({ renewBefore: "30d", frozen: true }, "compat04"));
    const preview = await ctx.stack.preview(opts);
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.changeSummary.replace).toBe(1);
    const up = await ctx.stack.up(opts);
    expect(up.summary.resourceChanges).toMatchObject({ update: 1, replace: 1 });
    const results = await outputs();
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.find((c) => c.serialNumber === results.safe.serialNumber)?.frozen).toBe(true);
    expect(results.hosted.userName).toBe("compat04");
    await recordKeys();
  });

  it("a plain preview shows the renewal due within renewBefore", async () => {
    await ctx.stack.setAllConfig(certificates({ renewBefore: "30d" }, "compat04"));
    await ctx.stack.up(opts);
    const notAfter = Date.parse((await outputs()).safe.notAfter as string);
    ctx.stack.workspace.envVars.PULUMI_BCS_NOW = new Date(notAfter - 10 * 86_400_000).toISOString();
    try {
      const inside = await ctx.stack.preview(opts);
      expect(inside.changeSummary.replace).toBe(1);
      expect(inside.stdout + inside.stderr).toMatch(
        /compat01: expires in (9|10) days, renewBefore 30d: replace/,
      );
    } finally {
      delete ctx.stack.workspace.envVars.PULUMI_BCS_NOW;
    }
  });

  it("refreshes with no drift, then destroys", async () => {
    const refresh = await ctx.stack.refresh(opts);
    expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
    await recordKeys();
    await ctx.stack.destroy(opts);
    expect(await resources()).toHaveLength(0);
  });

  it("leaves no secret in the state, the event log or the output", () => {
    secrets.set("Fabric CA registrar secret", ca.bootstrap.secret);
    const haystacks = {
      "state export": exports.join("\n"),
      "event log": JSON.stringify(events),
      "printed output": printed.join(""),
    };
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(events.length).toBeGreaterThan(20);
    expect(secretHits(secrets, haystacks)).toEqual([]);
  });

  it("`npx pulumi-bcs emulator` runs the emulator from the installed package", async () => {
    const data = mkdtempSync(join(tmpdir(), "pulumi-bcs-emulator-"));
    const child = spawn(
      join(leg.project, "node_modules/.bin/pulumi-bcs"),
      ["emulator", "--port", "0", "--data", data],
      {
        cwd: leg.project,
        env: { ...process.env, ...legPath(leg) },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    try {
      let out = "";
      // Everything up to the last config line the command prints: the URL and how to use it.
      await new Promise<void>((ready, failed) => {
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("bcs:ncloudSecretKey")) ready();
        });
        child.once("exit", (code) => failed(new Error(`the emulator exited with ${code}: ${out}`)));
      });
      const url = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
      expect(out).toContain(`pulumi config set bcs:huaweiEndpoint ${url}`);
      expect(out).toContain("pulumi config set --secret bcs:huaweiPassword ");
      expect(await obtainToken(url)).toMatch(/\S{20,}/);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      rmSync(data, { recursive: true, force: true });
    }
  });
});
