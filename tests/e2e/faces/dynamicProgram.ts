import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { programDir } from "../harness";
import { workspaceOptions, type FaceContext } from "./context";

/** The dynamic face: tests/e2e/faces/program, a TypeScript program of the dynamic resources. */
export async function createDynamicStack(ctx: FaceContext): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: ctx.stackName, workDir: programDir("tests/e2e/faces/program") },
    await workspaceOptions(ctx),
  );
  await stack.setAllConfig(ctx.config);
  return stack;
}
