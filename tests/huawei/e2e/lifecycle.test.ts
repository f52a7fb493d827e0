import type { OutputMap } from "@pulumi/pulumi/automation";
import { fillPath } from "../../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../../emulator/routes";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import {
  certificatesConfig,
  setClock,
  startE2e,
  type E2eContext,
  type LifecycleResult,
} from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const DAY = 86_400_000;
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };

interface CertResult extends LifecycleResult {
  msp: Record<string, string>;
}

const results = (o: OutputMap) => o.results.value as Record<string, CertResult>;

/**
 * Renewal, the delete policy and refresh on Huawei BCS, through the real engine, with time moved on
 * the provider and the emulator together (never slept).
 */
describe("Huawei BCS certificate lifecycle through the real Pulumi engine", () => {
  let ctx: E2eContext;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);

  const certificates = (over: Record<string, Record<string, unknown>> = {}) =>
    certificatesConfig({
      safe: { ...base, userName: "renewsafe01", securityMode: true, renewBefore: "30d", mspId: "org1MSP" },
      open: { ...base, userName: "renewopen01", renewBefore: "30d" },
      kept: { ...base, userName: "retained01", onDelete: "retain" },
      ...over,
    });

  beforeAll(async () => {
    ctx = await startE2e("huawei-lifecycle", certificates());
  });
  afterAll(async () => ctx?.close());

  let first: Record<string, CertResult>;

  it("up records the renewal facts, the delete policy, the MSP folder and the Gateway identity", async () => {
    first = results((await ctx.stack.up({ onOutput: log })).outputs);
    expect(first.safe).toMatchObject({ readyForRenewal: false, onDelete: "freeze", status: "valid" });
    expect(first.safe.expiresInDays).toBeGreaterThanOrEqual(364);
    expect(first.kept.onDelete).toBe("retain");
    expect(first.safe.gatewayIdentity).toMatchObject({
      mspId: "org1MSP",
      privateKey: first.safe.privateKeyPem,
    });
    expect(first.open.gatewayIdentity).toBeNull();
    expect(Object.keys(first.safe.msp).some((p) => p.startsWith("keystore/"))).toBe(true);
  });

  it("keeps the Gateway identity and the MSP folder encrypted in the state", () => {
    const state = ctx.cli(["stack", "export"]);
    expect(state).not.toContain(first.safe.privateKeyPem.split("\n")[1]);
  });

  it("refuses onDelete revoke at preview, naming the field and the reason", async () => {
    await ctx.stack.setAllConfig(
      certificates({ kept: { ...base, userName: "retained01", onDelete: "revoke" } }),
    );
    const error = (await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      'onDelete "revoke" is not possible on Huawei BCS: it has no call that revokes a user certificate',
    );
    await ctx.stack.setAllConfig(certificates());
  });

  it("inside renewBefore, a plain preview says what renews, why and in which order; up does it", async () => {
    await setClock(ctx, new Date(Date.parse(first.safe.notAfter) - 9.5 * DAY));
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.replace).toBe(2);
    expect(preview.stderr).toContain(
      "renewsafe01: expires in 9 days, renewBefore 30d: replace: freeze the old one, then issue a new one (safe mode: one certificate per user name)",
    );
    expect(preview.stderr).toContain(
      "renewopen01: expires in 9 days, renewBefore 30d: replace: issue a new one, then freeze the old one",
    );
    expect(preview.stdout).not.toMatch(/retained01/);

    const renewed = results((await ctx.stack.up({ onOutput: log })).outputs);
    for (const name of ["safe", "open"]) {
      expect(renewed[name].serialNumber).not.toBe(first[name].serialNumber);
      expect(renewed[name].expiresInDays).toBeGreaterThanOrEqual(364);
    }
    const onServer = await emulatorCertificates(ctx.emulator.url);
    const frozen = (serial: string) => onServer.find((c) => c.serialNumber === serial)?.frozen;
    expect(frozen(first.safe.serialNumber)).toBe(true);
    expect(frozen(first.open.serialNumber)).toBe(true);
    expect(frozen(renewed.safe.serialNumber)).toBe(false);
    // Renewed from the moved clock, so the same clock sees nothing left to do.
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    first = renewed;
  });

  it("refresh falls back to the clock: past notAfter it reports the certificate expired, and up replaces it", async () => {
    await setClock(ctx, new Date(Date.parse(first.kept.notAfter) + DAY));
    const refresh = await ctx.stack.refresh({ onOutput: log });
    expect(refresh.summary.resourceChanges?.update).toBeGreaterThanOrEqual(1);
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.stderr).toMatch(
      /retained01: expired on \S+ \(found by refresh\): replace: issue a new one, then retain the old one/,
    );
    await ctx.stack.up({ onOutput: log });
    const after = results(await ctx.stack.outputs());
    expect(after.kept.serialNumber).not.toBe(first.kept.serialNumber);
    expect(after.kept.status).toBe("valid");
    const old = (await emulatorCertificates(ctx.emulator.url)).find(
      (c) => c.serialNumber === first.kept.serialNumber,
    );
    expect(old?.frozen).toBe(false); // onDelete "retain"
    first = after;
  });

  it("cannot see a freeze made directly on the emulator: Huawei BCS has no read call (docs/lifecycle.md, Drift)", async () => {
    const route = inspectionRoutes.freezeCertificate;
    await fetch(ctx.emulator.url + fillPath(route.path, { serial: first.open.serialNumber }), {
      method: route.method,
    });
    const refresh = await ctx.stack.refresh({ onOutput: log });
    expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
  });

  it("destroy follows each onDelete: freeze freezes, retain leaves active", async () => {
    await ctx.stack.destroy({ onOutput: log });
    const onServer = await emulatorCertificates(ctx.emulator.url);
    const frozen = (serial: string) => onServer.find((c) => c.serialNumber === serial)?.frozen;
    expect(frozen(first.safe.serialNumber)).toBe(true);
    expect(frozen(first.kept.serialNumber)).toBe(false);
    expect(printed.join("")).toContain(
      `retained01: onDelete "retain": certificate ${first.kept.serialNumber} left active`,
    );
    await setClock(ctx, undefined);
  });

  it("printed no private key", () => {
    expect(printed.join("")).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
  });
});
