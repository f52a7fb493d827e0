import type { Stack } from "@pulumi/pulumi/automation";
import { createExampleStack, type ExampleStackOptions } from "./exampleStack";
import { javaProgramBin } from "./languageJavaBin";

/**
 * A stack of examples/java, the Java face of the `bcs` package, run from its prebuilt jar: the Java
 * host on PATH is scripts/java-program.sh's wrapper, which starts it with `-binary <the jar>`, so that
 * it runs `java -jar` (without the pom.xml beside the Pulumi.yaml, it would otherwise run Maven at
 * every run, twice). The stack has no config yet.
 */
export function createJavaStack(opts: ExampleStackOptions): Promise<Stack> {
  return createExampleStack(opts, { example: "java", languageHostBin: `${javaProgramBin()}/host` });
}
