import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ConfigReader } from "../provider/common/settings";

/** Where the settings come from: the selected stack's config, else only the environment. */
export interface ConfigSource {
  readConfig: ConfigReader;
  /** One line for the user: which stack was read, or why none was. */
  note: string;
}

const NO_STACK: ConfigReader = () => undefined;

/**
 * The `bcs:` config of a stack, read the way the provider gets it: through the Pulumi CLI
 * (`pulumi config --json --show-secrets`, which decrypts secrets with the stack's own secrets
 * provider and the environment the user set up for `pulumi up`). Only in a Pulumi project (a
 * `Pulumi.yaml` in `cwd`) or when a stack is named; otherwise, and when the CLI fails, the
 * environment alone, with a note saying so.
 */
export async function stackConfig(
  cwd: string,
  env: NodeJS.ProcessEnv,
  stack?: string,
): Promise<ConfigSource> {
  if (!stack && !existsSync(join(cwd, "Pulumi.yaml")))
    return { readConfig: NO_STACK, note: "not in a Pulumi project: the environment only" };
  const args = ["config", "--json", "--show-secrets", ...(stack ? ["--stack", stack] : [])];
  try {
    const { stdout } = await promisify(execFile)("pulumi", args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    const config = JSON.parse(stdout) as Record<string, { value?: unknown }>;
    const readConfig: ConfigReader = (key) => {
      const value = config[key]?.value;
      return typeof value === "string" ? value : undefined;
    };
    return { readConfig, note: `the bcs: config of stack ${stack ?? "(selected)"}, then the environment` };
  } catch (err) {
    // The CLI's message may hold anything it read; only its first line is shown, and it is scrubbed later.
    const why = String((err as { stderr?: string }).stderr || (err as Error).message).split("\n")[0];
    return {
      readConfig: NO_STACK,
      note: `the stack's config could not be read (${why}): the environment only`,
    };
  }
}
