import { join } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { languageYamlBin } from "../../../testing/languageYamlBin";
import { copyYamlExample } from "../../../testing/yamlExample";
import { workspaceOptions, type FaceContext } from "./context";

/** The package face: examples/yaml through pulumi-language-yaml and the bcs plugin (package/). */
export async function createYamlStack(ctx: FaceContext): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: ctx.stackName, workDir: copyYamlExample(join(ctx.scratch, "yaml")) },
    await workspaceOptions(ctx, [languageYamlBin()]),
  );
  await stack.setAllConfig(ctx.config);
  return stack;
}
