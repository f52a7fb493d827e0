import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ConfigReader } from "../provider/settings";

/** Where the settings come from: the selected stack's config, else only the environment. */
export interface ConfigSource {
  readConfig: ConfigReader;
  /** One line for the user: which stack was read, or why none was. */
  note: string;
  /** True when the CLI was asked and gave no config (it failed, or did not answer in time). */
  failed: boolean;
}

const NO_STACK: ConfigReader = () => undefined;
/** The most `pulumi config --json` may print: a stack's config is a few kB. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** How long `pulumi config` may take by default: a backend on object storage answers in seconds. */
export const STACK_CONFIG_TIMEOUT_MS = 60_000;

/** `PULUMI_BCS_CHECK_CONFIG_TIMEOUT_MS` (1 s to 10 min), else {@link STACK_CONFIG_TIMEOUT_MS}. */
export function stackConfigTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env.PULUMI_BCS_CHECK_CONFIG_TIMEOUT_MS;
  if (text === undefined || text === "") return STACK_CONFIG_TIMEOUT_MS;
  const ms = Number(text);
  if (!/^\d{1,10}$/.test(text) || ms < 1000 || ms > 600_000)
    throw new Error(
      `PULUMI_BCS_CHECK_CONFIG_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 600000 (got ${JSON.stringify(text.slice(0, 40))})`,
    );
  return ms;
}

/**
 * The `bcs:` config of a stack, read the way the provider gets it: through the Pulumi CLI
 * (`pulumi config --json --show-secrets`, which decrypts secrets with the stack's own secrets
 * provider and the environment the user set up for `pulumi up`). Only in a Pulumi project (a
 * `Pulumi.yaml` in `cwd`) or when a stack is named; otherwise, and when the CLI fails or does not
 * answer within `timeoutMs` (a backend that accepts the connection and stays silent), the environment
 * alone, with a note saying so.
 */
export async function stackConfig(
  cwd: string,
  env: NodeJS.ProcessEnv,
  stack: string | undefined,
  timeoutMs = STACK_CONFIG_TIMEOUT_MS,
): Promise<ConfigSource> {
  if (!stack && !existsSync(join(cwd, "Pulumi.yaml")))
    return { readConfig: NO_STACK, note: "not in a Pulumi project: the environment only", failed: false };
  const args = ["config", "--json", "--show-secrets", ...(stack ? ["--stack", stack] : [])];
  try {
    const config = JSON.parse(await runBounded("pulumi", args, cwd, env, timeoutMs)) as Record<
      string,
      { value?: unknown }
    >;
    const readConfig: ConfigReader = (key) => {
      const value = config[key]?.value;
      return typeof value === "string" ? value : undefined;
    };
    return {
      readConfig,
      note: `the bcs: config of stack ${stack ?? "(selected)"}, then the environment`,
      failed: false,
    };
  } catch (err) {
    // The CLI's message may hold anything it read; only its first line is shown, and it is scrubbed later.
    const why = String((err as Error).message).split("\n")[0];
    return {
      readConfig: NO_STACK,
      note: `the stack's config could not be read (${why}): the environment only`,
      failed: true,
    };
  }
}

/**
 * Runs a command in a process group of its own and returns its stdout. On expiry the whole group is
 * killed (the CLI starts helpers, such as a backend's credential process, that would outlive it).
 */
function runBounded(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    let failure: Error | undefined;
    const killGroup = (why: string) => {
      failure ??= new Error(why);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(
      () => killGroup(`pulumi config did not answer within ${timeoutMs / 1000} s; it was stopped`),
      timeoutMs,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_OUTPUT_BYTES) killGroup(`pulumi config printed more than ${MAX_OUTPUT_BYTES} bytes`);
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString("utf8");
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(stderr.trim() || `pulumi config exited with ${code}`));
      else resolve(Buffer.concat(out).toString("utf8"));
    });
  });
}
