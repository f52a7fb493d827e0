import { spawn } from "node:child_process";
import { join } from "node:path";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { storedSerialNumber } from "../../provider/huawei/stateShape";
import { emulatorCertificates, setEmulatorFaults } from "../support/emulatorInspection";
import { certificatesConfig, engineBin, startE2e, type E2eContext } from "./harness";

jest.setTimeout(10 * 60 * 1000);

const N = 30;
const certs = (extra: Record<string, unknown> = {}) =>
  Object.fromEntries(
    Array.from({ length: N }, (_, i) => [
      `cut-${i}`,
      {
        projectId: fx.huawei.projectId,
        blockchainId: "bcs-demo-0002",
        orgName: "org1",
        securityMode: true,
        userName: `cutuser${String(i).padStart(2, "0")}`,
        ...extra,
      },
    ]),
  );

/** `pulumi up` killed with SIGKILL while certificates are being issued, then repaired. */
describe("an interrupted pulumi up", () => {
  let ctx: E2eContext;
  const log = () => undefined;

  beforeAll(async () => {
    ctx = await startE2e("interrupted", certificatesConfig(certs()));
  });
  afterAll(async () => ctx?.close());

  it("refresh and a new up converge: every name has one active certificate, tracked in the state", async () => {
    await setEmulatorFaults(ctx.emulator.url, {
      seed: 3,
      routes: { createUserCert: { latencyMs: 400, jitterMs: 200 } },
    });
    const up = spawn(
      join(engineBin(), "pulumi"),
      ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", "interrupted"],
      {
        cwd: ctx.stack.workspace.workDir,
        env: { ...process.env, ...ctx.env, PATH: `${engineBin()}:${process.env.PATH}` },
        stdio: "ignore",
      },
    );
    const exited = new Promise<void>((done) => up.once("exit", () => done()));
    while ((await emulatorCertificates(ctx.emulator.url)).length < 8)
      await new Promise((r) => setTimeout(r, 100));
    up.kill("SIGKILL");
    await exited;
    // Its language host and dynamic-provider plugin outlive it, reparented to init: they go too, as
    // when the machine or CI job that ran the CLI goes away.
    ctx.killEngineProcesses();
    await setEmulatorFaults(ctx.emulator.url, undefined);
    // Whatever was in flight when the engine died is a pending create in the state: drop those
    // entries, and let freezeUntracked deal with certificates whose answer never reached the state.
    ctx.cli(["cancel", "--yes"]); // the killed CLI left its lock behind
    ctx.cli(["refresh", "--yes", "--clear-pending-creates"]);
    await ctx.stack.setAllConfig(certificatesConfig(certs({ freezeUntracked: true })));
    await ctx.stack.up({ onOutput: log });
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });

    const state = JSON.parse(ctx.cli(["stack", "export"]));
    const tracked = new Set<string>(
      state.deployment.resources
        .filter((r: { type: string }) => r.type.endsWith("UserCertificate"))
        .map((r: { outputs: Parameters<typeof storedSerialNumber>[0] }) => storedSerialNumber(r.outputs)),
    );
    const all = await emulatorCertificates(ctx.emulator.url);
    const active = all.filter((c) => !c.frozen);
    expect(active).toHaveLength(N); // nothing lost
    expect(new Set(active.map((c) => c.userName)).size).toBe(N); // nothing duplicated
    expect(active.every((c) => tracked.has(c.serialNumber))).toBe(true); // nothing untracked stays active
  });
});
