import { fixtureCredentials as fx } from "../../testing/fixture";
import { emulatorCertificates, emulatorStats, setEmulatorFaults } from "../support/emulatorInspection";
import { certificatesConfig, startE2e, type E2eContext } from "./harness";

jest.setTimeout(15 * 60 * 1000);

const N = 200;
// Safe mode (one certificate per name, 100 per organization): spread over two organizations (and a third for the late ones).
const orgs = [
  { blockchainId: "bcs-demo-0001", orgName: "org1" },
  { blockchainId: "bcs-demo-0001", orgName: "org2" },
];
const certs = (count: number, prefix = "load", where = orgs) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `${prefix}-${i}`,
      {
        projectId: fx.huawei.projectId,
        ...where[i % where.length],
        securityMode: true,
        userName: `${prefix}user${String(i).padStart(3, "0")}`,
      },
    ]),
  );
const patientRetries = { "bcs:maxRetries": { value: "8" } };
const late = () => certs(5, "late", [{ blockchainId: "bcs-demo-0002", orgName: "org1" }]);

/**
 * 200 certificates through the real engine while the emulator fails one request in five with
 * faults that a client can survive (429 with Retry-After, 503, connection refused before the work),
 * then an API that is down.
 */
describe(`pulumi up of ${N} certificates under injected faults`, () => {
  let ctx: E2eContext;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);

  beforeAll(async () => {
    // Eight retries: with one request in five faulted, a request fails nine times in a row once in
    // two million, so the test does not flake; the default (5) is exercised by the unit tests.
    ctx = await startE2e("load", { ...certificatesConfig(certs(N)), ...patientRetries });
  });
  afterAll(async () => ctx?.close());

  it("converges with every certificate issued exactly once", async () => {
    await setEmulatorFaults(ctx.emulator.url, {
      seed: 20261123,
      routes: {
        createToken: { shares: { throttle: 0.1, error503: 0.1 }, retryAfterSeconds: 1 },
        createUserCert: {
          shares: { throttle: 0.08, error503: 0.07, resetBefore: 0.05 },
          retryAfterSeconds: 1,
          latencyMs: 5,
          jitterMs: 20,
        },
      },
    });
    const up = await ctx.stack.up({ onOutput: log });
    expect(up.summary.resourceChanges?.create).toBe(N + 1);
    const stats = await emulatorStats(ctx.emulator.url);
    const faulted = Object.values(stats.requests.createUserCert.faulted).reduce((a, b) => a + b, 0);
    expect(faulted).toBeGreaterThan(N * 0.1); // the faults really happened
    const issued = await emulatorCertificates(ctx.emulator.url);
    const names = issued.map((c) => c.userName);
    expect(names).toHaveLength(N);
    expect(new Set(names).size).toBe(N);
    // Every request that was not turned away by a fault issued one certificate.
    const { received, faulted: f } = stats.requests.createUserCert;
    expect(received - (f.throttle ?? 0) - (f.error503 ?? 0) - (f.resetBefore ?? 0)).toBe(N);
  });

  it("fails cleanly while the API is down, and a later up converges without duplicates", async () => {
    await ctx.stack.setAllConfig({
      ...certificatesConfig({ ...certs(N), ...late() }),
      "bcs:maxRetries": { value: "2" },
      "bcs:retryTotalMs": { value: "2000" },
    });
    await setEmulatorFaults(ctx.emulator.url, { seed: 1, routes: { "*": { shares: { resetBefore: 1 } } } });
    const error = (await ctx.stack.up({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/127\.0\.0\.1:\d+/);
    await setEmulatorFaults(ctx.emulator.url, undefined);
    const up = await ctx.stack.up({ onOutput: log });
    expect(up.summary.resourceChanges?.create ?? 0).toBeLessThanOrEqual(5);
    expect((await emulatorCertificates(ctx.emulator.url)).filter((c) => !c.frozen)).toHaveLength(N + 5);
    const lateOnes = (await emulatorCertificates(ctx.emulator.url)).filter((c) =>
      c.userName.startsWith("lateuser"),
    );
    expect(lateOnes.map((c) => c.userName).sort()).toEqual([
      "lateuser000",
      "lateuser001",
      "lateuser002",
      "lateuser003",
      "lateuser004",
    ]);
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    // A destroy uses the provider configuration recorded by the last update, so record the budget.
    await ctx.stack.removeAllConfig(["bcs:retryTotalMs"]);
    await ctx.stack.setAllConfig(patientRetries);
    await ctx.stack.up({ onOutput: log });
  });

  it("destroy freezes every certificate despite faults on freeze", async () => {
    await setEmulatorFaults(ctx.emulator.url, {
      seed: 7,
      routes: {
        freezeCert: { shares: { error500: 0.1, error502: 0.05, resetAfter: 0.05 }, retryAfterSeconds: 1 },
      },
    });
    await ctx.stack.destroy({ onOutput: log });
    const all = await emulatorCertificates(ctx.emulator.url);
    expect(all).toHaveLength(N + 5);
    expect(all.filter((c) => !c.frozen)).toEqual([]);
  });
});
