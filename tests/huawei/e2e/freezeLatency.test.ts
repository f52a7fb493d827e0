import type { OutputMap } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates, setFreezeLatency } from "../../support/emulatorInspection";
import {
  certificatesConfig,
  setClock,
  startE2e,
  type E2eContext,
  type LifecycleResult,
} from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const DAY = 86_400_000;
/** A few seconds: the documented 30 to 60 s, shortened so the suite does not wait minutes. */
const LATENCY_MS = 3000;
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };
const results = (o: OutputMap) => o.results.value as Record<string, LifecycleResult>;

/**
 * FreezeCert: "It takes 0.5 minutes to 1 minute for the freezing to take effect." In safe mode the name
 * stays taken until then, so every path that freezes and then issues the same name meets a refusal
 * first: the renewal (a replacement that freezes the old certificate first) and freezeUntracked here,
 * through the real engine, with the emulator's freezes taking effect a few seconds late.
 */
describe("safe mode survives the freeze latency, through the real Pulumi engine", () => {
  let ctx: E2eContext;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);
  const certificates = (over: Record<string, Record<string, unknown>> = {}) =>
    certificatesConfig({
      safe: { ...base, userName: "latesafe01", securityMode: true, renewBefore: "30d" },
      ...over,
    });

  beforeAll(async () => {
    ctx = await startE2e("freeze-latency", certificates());
    await setFreezeLatency(ctx.emulator.url, LATENCY_MS);
  });
  afterAll(async () => ctx?.close());

  let first: Record<string, LifecycleResult>;

  it("renews a safe-mode certificate: waits for the freeze of the old one, then issues the new one", async () => {
    first = results((await ctx.stack.up({ onOutput: log })).outputs);
    await setClock(ctx, new Date(Date.parse(first.safe.notAfter) - 9.5 * DAY));
    const up = await ctx.stack.up({ onOutput: log });
    const renewed = results(up.outputs);
    expect(renewed.safe.serialNumber).not.toBe(first.safe.serialNumber);
    expect(printed.join("")).toContain(
      `waiting up to 90 s for the freeze of ${first.safe.serialNumber} to take effect`,
    );
    const own = await emulatorCertificates(ctx.emulator.url, { userName: "latesafe01" });
    expect(own.map((c) => [c.serialNumber, c.frozen]).sort()).toEqual(
      [
        [first.safe.serialNumber, true],
        [renewed.safe.serialNumber, false],
      ].sort(),
    );
    first = renewed;
  });

  it("when the wait runs out, says what exists and what to do; the next up issues once", async () => {
    await setFreezeLatency(ctx.emulator.url, 600_000);
    await ctx.stack.setConfig("bcs:freezeSettleMs", { value: "1000" });
    await setClock(ctx, new Date(Date.parse(first.safe.notAfter) - 9.5 * DAY));
    const error = (await ctx.stack.up({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      `${first.safe.serialNumber} was frozen, but after 1 s BCS still counts it as active`,
    );
    expect(error.message).toContain("Nothing new was issued, and the frozen certificate stays frozen");
    expect(error.message).toContain("raise bcs:freezeSettleMs");
    const own = () => emulatorCertificates(ctx.emulator.url, { userName: "latesafe01" });
    expect((await own()).filter((c) => !c.frozen)).toEqual([]);
    // The freeze takes effect; the next run issues the one certificate that was missing.
    await setFreezeLatency(ctx.emulator.url, 0);
    const after = results((await ctx.stack.up({ onOutput: log })).outputs);
    expect((await own()).filter((c) => !c.frozen).map((c) => c.serialNumber)).toEqual([
      after.safe.serialNumber,
    ]);
    expect(await own()).toHaveLength(3);
    await ctx.stack.removeConfig("bcs:freezeSettleMs");
    await setClock(ctx, undefined);
  });

  it("freezeUntracked freezes the name's untracked certificate and waits for it before issuing", async () => {
    await setFreezeLatency(ctx.emulator.url, LATENCY_MS);
    const held = results(await ctx.stack.outputs()).safe;
    // The state forgets the certificate, as after an interrupted run: BCS still holds it.
    const exported = JSON.parse(ctx.cli(["stack", "export"])) as {
      deployment: { resources: { urn: string }[] };
    };
    const urn = exported.deployment.resources.find((r) => r.urn.endsWith("::safe"))!.urn;
    ctx.cli(["state", "delete", urn, "--yes"]);
    await ctx.stack.setAllConfig(
      certificates({ safe: { ...base, userName: "latesafe01", securityMode: true, freezeUntracked: true } }),
    );
    printed.length = 0;
    const issued = results((await ctx.stack.up({ onOutput: log })).outputs).safe;
    expect(printed.join("")).toContain("froze the untracked safe-mode certificate of latesafe01");
    expect(printed.join("")).toContain(
      "waiting up to 90 s for the freeze of the certificate latesafe01 held to take effect",
    );
    const own = await emulatorCertificates(ctx.emulator.url, { userName: "latesafe01" });
    expect(own.find((c) => c.serialNumber === held.serialNumber)?.frozen).toBe(true);
    expect(own.filter((c) => !c.frozen).map((c) => c.serialNumber)).toEqual([issued.serialNumber]);
    await ctx.stack.destroy({ onOutput: log });
  });

  it("printed no private key", () => {
    expect(printed.join("")).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
  });
});
