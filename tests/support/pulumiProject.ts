import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engineBin } from "../../testing/engineBin";

/**
 * An empty Pulumi project in `<scratch>/project` with a file backend in `<scratch>/state` and one
 * stack, `dev`, selected: what `pulumi-bcs check` finds in a user's project. `pulumi` runs the CLI there.
 */
export function pulumiProject(scratch: string): {
  project: string;
  env: Record<string, string>;
  pulumi: (...args: string[]) => void;
} {
  const project = join(scratch, "project");
  mkdirSync(project);
  mkdirSync(join(scratch, "state"));
  writeFileSync(join(project, "Pulumi.yaml"), "name: preflight\nruntime: nodejs\n");
  const env = {
    PATH: `${engineBin()}:${process.env.PATH}`,
    PULUMI_HOME: join(scratch, "home"),
    PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "preflight-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const pulumi = (...args: string[]) => {
    execFileSync("pulumi", args, { cwd: project, env, stdio: "pipe" });
  };
  pulumi("stack", "init", "dev");
  return { project, env, pulumi };
}
