import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { engineBin } from "./engineBin";
import { goProgramBin, languageGoBin } from "./languageGoBin";

/** The repository root, whether this runs from TypeScript sources or from dist/. */
const repo = dirname(require.resolve("pulumi-bcs/package.json"));

export interface GoStackOptions {
  /** An empty directory: the program's Pulumi.yaml, the local backend and PULUMI_HOME go in it. */
  scratch: string;
  stackName: string;
  /** The state's passphrase. */
  passphrase: string;
  /** Added to the engine's environment (the settings the provider reads from it, such as BCS_NCLOUD_ENDPOINT). */
  envVars?: Record<string, string>;
}

/**
 * A stack of examples/go, the Go face of the `bcs` package: its Pulumi.yaml copied into the scratch
 * directory with the plugin named by an absolute path and the program's prebuilt binary as the Go
 * host's `binary` runtime option (scripts/go-program.sh builds it once; otherwise the host would
 * compile the program on every run). The stack has no config yet.
 */
export async function createGoStack(opts: GoStackOptions): Promise<Stack> {
  const workDir = join(opts.scratch, "go-program");
  mkdirSync(workDir);
  writeFileSync(join(workDir, "Pulumi.yaml"), goProject(join(goProgramBin(), "bcs-go-example")));
  mkdirSync(join(opts.scratch, "state"), { recursive: true });
  const bin = engineBin();
  return LocalWorkspace.createOrSelectStack(
    { stackName: opts.stackName, workDir },
    {
      pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
      pulumiHome: join(opts.scratch, "home"),
      envVars: {
        // The engine, the Go host and the plugin's `node` (the first on PATH, as this process's).
        PATH: `${bin}:${languageGoBin()}:${process.env.PATH}`,
        PULUMI_BACKEND_URL: `file://${join(opts.scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: opts.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...opts.envVars,
      },
    },
  );
}

/** examples/go/Pulumi.yaml, run from elsewhere: the plugin's absolute path, the prebuilt program. */
function goProject(binary: string): string {
  const project = readFileSync(join(repo, "examples/go/Pulumi.yaml"), "utf8");
  const edits: [string, string][] = [
    ["runtime: go\n", `runtime:\n  name: go\n  options:\n    binary: ${binary}\n`],
    ["path: ../../package/bin", `path: ${join(repo, "package/bin")}`],
  ];
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`examples/go/Pulumi.yaml no longer has "${from.trim()}"`);
    return text.replace(from, to);
  }, project);
}
