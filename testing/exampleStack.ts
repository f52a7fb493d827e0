import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { engineBin } from "./engineBin";

/** The repository root, whether this runs from TypeScript sources or from dist/. */
const repo = dirname(require.resolve("pulumi-bcs/package.json"));

export interface ExampleStackOptions {
  /** An empty directory: the program's Pulumi.yaml, the local backend and PULUMI_HOME go in it. */
  scratch: string;
  stackName: string;
  /** The state's passphrase. */
  passphrase: string;
  /** Added to the engine's environment (the settings the provider reads from it, such as BCS_NCLOUD_ENDPOINT). */
  envVars?: Record<string, string>;
}

/** How one compiled-language example runs from a scratch directory. */
export interface ExampleProgram {
  /** The directory under examples/. */
  example: string;
  /** Its Pulumi.yaml's runtime, as written there, and what it becomes (the prebuilt program, the venv). */
  runtime?: [from: string, to: string];
  /** The directory of its language host, put on PATH beside the engine. */
  languageHostBin: string;
  /** Files of the example copied beside the Pulumi.yaml (a Python program's source). */
  files?: string[];
  /** Added to the engine's environment (a Python program's PYTHONPATH). */
  envVars?: Record<string, string>;
}

/**
 * A stack of examples/<example> run from `opts.scratch`: its Pulumi.yaml copied there with the plugin
 * named by an absolute path and the runtime edited as `program` says. The stack has no config yet.
 */
export async function createExampleStack(opts: ExampleStackOptions, program: ExampleProgram): Promise<Stack> {
  const source = join(repo, "examples", program.example);
  const workDir = join(opts.scratch, `${program.example}-program`);
  mkdirSync(workDir);
  writeFileSync(join(workDir, "Pulumi.yaml"), exampleProject(program));
  for (const file of program.files ?? []) copyFileSync(join(source, file), join(workDir, file));
  mkdirSync(join(opts.scratch, "state"), { recursive: true });
  const bin = engineBin();
  return LocalWorkspace.createOrSelectStack(
    { stackName: opts.stackName, workDir },
    {
      pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
      pulumiHome: join(opts.scratch, "home"),
      envVars: {
        // The engine, the language host and the plugin's `node` (the first on PATH, as this process's).
        PATH: `${bin}:${program.languageHostBin}:${process.env.PATH}`,
        PULUMI_BACKEND_URL: `file://${join(opts.scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: opts.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...program.envVars,
        ...opts.envVars,
      },
    },
  );
}

/** examples/<example>/Pulumi.yaml, run from elsewhere: the plugin's absolute path, the runtime edited. */
function exampleProject(program: ExampleProgram): string {
  const file = `examples/${program.example}/Pulumi.yaml`;
  const edits: [string, string][] = [
    ...(program.runtime ? [program.runtime] : []),
    ["path: ../../package/bin", `path: ${join(repo, "package/bin")}`],
  ];
  return edits.reduce(
    (text, [from, to]) => {
      if (!text.includes(from)) throw new Error(`${file} no longer has "${from.trim()}"`);
      return text.replace(from, to);
    },
    readFileSync(join(repo, file), "utf8"),
  );
}
