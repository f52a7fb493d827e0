import type { Stack } from "@pulumi/pulumi/automation";
import { createGoStack } from "../../../scripts/goStack";
import { PASSPHRASE } from "../harness";
import type { FaceContext } from "./context";

/** The Go face: examples/go, prebuilt (scripts/go-program.sh), through the Go host and the bcs plugin. */
export async function createGoFaceStack(ctx: FaceContext): Promise<Stack> {
  const stack = await createGoStack({
    scratch: ctx.scratch,
    stackName: ctx.stackName,
    passphrase: PASSPHRASE,
    envVars: ctx.env,
  });
  await stack.setAllConfig(ctx.config);
  return stack;
}
