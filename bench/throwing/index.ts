import * as pulumi from "@pulumi/pulumi";

/**
 * Fails the way `failWith` says, in an apply like the expiry gate, without pulumi-bcs:
 * `error` throws a plain Error (what the gate did before), `runError` a RunError without a stack
 * (what it does now), `none` passes.
 */
const failWith = new pulumi.Config().require("failWith");

export const checked = pulumi.output(failWith).apply((how) => {
  const message = "2 identities expire within 30d";
  if (how === "error") throw new Error(message);
  if (how === "runError") {
    const failure = new pulumi.RunError(message);
    failure.stack = undefined;
    throw failure;
  }
  return "passed";
});
