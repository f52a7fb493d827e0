import type { Stack } from "@pulumi/pulumi/automation";
import { createExampleStack, type ExampleStackOptions } from "./exampleStack";
import { languagePythonBin, pythonEnv, pythonSdk } from "./languagePythonBin";

/** examples/python's runtime as written there: its `virtualenv` option names a venv beside it. */
const RUNTIME = "    virtualenv: venv\n";

/**
 * A stack of examples/python, the Python face of the `bcs` package: the program runs on the virtual
 * environment of scripts/python-env.sh, with the SDK generated from the schema (scripts/python-sdk.sh)
 * on PYTHONPATH. The stack has no config yet.
 */
export function createPythonStack(opts: ExampleStackOptions): Promise<Stack> {
  return createExampleStack(opts, {
    example: "python",
    runtime: [RUNTIME, `    virtualenv: ${pythonEnv()}\n`],
    languageHostBin: languagePythonBin(),
    files: ["__main__.py"],
    envVars: { PYTHONPATH: pythonSdk() },
  });
}
