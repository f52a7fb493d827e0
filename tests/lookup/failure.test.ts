import * as pulumi from "@pulumi/pulumi";
import { getCaIdentities } from "../../sdk";

describe("a failed getCaIdentities", () => {
  it("rejects with a RunError without a stack, which the Node SDK reports as its message alone", async () => {
    // With a stack, the SDK's report would run util.inspect(err, { colors: true }): minutes on Node 20/22.
    const err = await getCaIdentities({ networkId: 1630, caId: "../x" }).catch((e: unknown) => e);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect((err as Error).message).toMatch(/^getCaIdentities: caId must be 1 to 64 letters/);
    expect((err as Error).stack).toBeUndefined();
  });
});
