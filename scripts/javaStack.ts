import type { Stack } from "@pulumi/pulumi/automation";
import { createExampleStack, type ExampleStackOptions } from "./exampleStack";
import { javaProgramBin, languageJavaBin } from "./languageJavaBin";

/**
 * A stack of examples/java, the Java face of the `bcs` package, with the program's prebuilt jar as the
 * Java host's `binary` runtime option (scripts/java-program.sh builds it once with Maven offline; the
 * host runs it with `java -jar`, where otherwise it would run Maven on every run). The stack has no
 * config yet.
 */
export function createJavaStack(opts: ExampleStackOptions): Promise<Stack> {
  return createExampleStack(opts, {
    example: "java",
    runtime: ["binary: target/bcs-java-example.jar\n", `binary: ${javaProgramBin()}/bcs-java-example.jar\n`],
    languageHostBin: languageJavaBin(),
  });
}
