import type { Stack } from "@pulumi/pulumi/automation";
import { createExampleStack, type ExampleStackOptions } from "./exampleStack";
import { goProgramBin, languageGoBin } from "./languageGoBin";

/**
 * A stack of examples/go, the Go face of the `bcs` package, with the program's prebuilt binary as the
 * Go host's `binary` runtime option (scripts/go-program.sh builds it once; otherwise the host would
 * compile the program on every run). The stack has no config yet.
 */
export function createGoStack(opts: ExampleStackOptions): Promise<Stack> {
  const binary = `${goProgramBin()}/bcs-go-example`;
  return createExampleStack(opts, {
    example: "go",
    runtime: ["runtime: go\n", `runtime:\n  name: go\n  options:\n    binary: ${binary}\n`],
    languageHostBin: languageGoBin(),
  });
}
