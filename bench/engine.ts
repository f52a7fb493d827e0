import { spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type ConfigMap } from "@pulumi/pulumi/automation";

const repo = resolve(__dirname, "../..");

export { engineBin } from "../testing/engineBin";

/** A compiled bench program (bench/program or bench/noop) with its Pulumi.yaml beside it. */
export function programDir(name: "program" | "noop"): string {
  const dir = join(repo, "dist/bench", name);
  if (!existsSync(join(dir, "index.js")))
    throw new Error(`dist/bench/${name}/index.js is missing: run \`npx tsc -p tsconfig.json\` first`);
  copyFileSync(join(repo, "bench", name, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  return dir;
}

export interface CliResult {
  ms: number;
  stdout: string;
}

/** One isolated engine: its own PULUMI_HOME, a file backend in `scratch`, no update check, no plugin downloads. */
export class Engine {
  readonly env: Record<string, string>;

  constructor(
    readonly bin: string,
    readonly scratch: string,
    readonly passphrase: string,
    /** The state store: a file backend in `scratch` unless given (see bench/backends.ts). */
    backend: { url: string; env: Record<string, string> } = {
      url: `file://${join(scratch, "state")}`,
      env: {},
    },
  ) {
    this.env = {
      ...backend.env,
      PULUMI_HOME: join(scratch, "home"),
      PULUMI_BACKEND_URL: backend.url,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
  }

  /** Creates (or selects) a stack of the program in `workDir` and sets its config, as tests/e2e/harness.ts does. */
  async stack(stackName: string, workDir: string, config: ConfigMap): Promise<void> {
    const pulumiCommand = await PulumiCommand.get({ root: resolve(this.bin, "..") });
    const { PULUMI_HOME: pulumiHome, ...envVars } = this.env;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, workDir },
      { pulumiCommand, pulumiHome, envVars },
    );
    await stack.setAllConfig(config);
  }

  /**
   * Runs the pulumi CLI asynchronously (the emulator runs in this process and must keep answering)
   * and measures its wall time. `extraEnv` adds to the isolated environment (e.g. NODE_OPTIONS; a PATH
   * there replaces this process's, after the engine's directory).
   */
  async run(workDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    const result = await this.attempt(workDir, args, extraEnv);
    if (result.code === 0) return result;
    throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output.slice(-4000)}`);
  }

  /** As {@link run}, but a failing command resolves too, with its exit code and everything it printed. */
  attempt(
    workDir: string,
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<CliResult & { code: number | null; output: string }> {
    const started = process.hrtime.bigint();
    return new Promise((resolvePromise, reject) => {
      const child = spawn(join(this.bin, "pulumi"), [...args, "--non-interactive"], {
        cwd: workDir,
        env: {
          ...process.env,
          ...this.env,
          ...extraEnv,
          PATH: `${this.bin}:${extraEnv.PATH ?? process.env.PATH}`,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      child.on("error", reject);
      child.on("close", (code) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const stdout = Buffer.concat(out).toString("utf8");
        resolvePromise({ ms, stdout, code, output: stdout + Buffer.concat(err).toString("utf8") });
      });
    });
  }
}
