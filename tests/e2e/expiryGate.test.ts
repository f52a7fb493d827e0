import { startE2e, type E2eContext } from "./harness";

jest.setTimeout(5 * 60 * 1000);

/** examples/expiry-gate through the real engine, with the clock fixed by PULUMI_BCS_NOW. */
describe("the expiry gate example", () => {
  let ctx: E2eContext;
  beforeAll(async () => {
    ctx = await startE2e(
      "gate",
      { "pulumi-bcs-expiry-gate:window": { value: "30d" } },
      "examples/expiry-gate",
    );
  });
  afterAll(async () => ctx?.close());

  const preview = async (now: string) => {
    ctx.stack.workspace.envVars.PULUMI_BCS_NOW = now;
    return ctx.stack.preview({});
  };

  it("fails the preview with one error line naming what expires, and no stack trace", async () => {
    const error = (await preview("2025-07-20T00:00:00Z").catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /error: 2 identities of CA 25728700 in network 1630 expire within 30d: appuser01 \(CLIENT, 12 days\), appuser02 \(CLIENT, 13 days\)/,
    );
    // Not the Node SDK's unhandled-exception report: it formats the error with
    // util.inspect(err, { colors: true }), which on Node 20/22 loops on the SDK's source-mapped stack
    // frames for minutes and gigabytes (nodejs/node#64011) before falling back.
    expect(error.message).not.toContain("failed with an unhandled exception");
    expect(error.message).not.toMatch(/^\s+at /m);
  });

  it("passes when nothing expires within the window", async () => {
    const result = await preview("2025-06-01T00:00:00Z");
    expect(result.changeSummary.create).toBe(1);
  });

  it("passes when the filter leaves out the identities that expire", async () => {
    await ctx.stack.setConfig("pulumi-bcs-expiry-gate:nameRegex", { value: "^bcsdemo-" });
    const result = await preview("2025-07-20T00:00:00Z");
    expect(result.changeSummary.create).toBe(1);
  });

  it("reports a failed lookup as one error line too, without the unhandled-exception report", async () => {
    await ctx.stack.setConfig("pulumi-bcs-expiry-gate:caId", { value: "99999999" });
    const error = (await preview("2025-07-20T00:00:00Z").catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/error: getCaIdentities: \S.* answered 4\d\d /);
    expect(error.message).not.toContain("failed with an unhandled exception");
    expect(error.message).not.toMatch(/^\s+at /m);
  });
});
