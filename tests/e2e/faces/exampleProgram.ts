import type { Stack } from "@pulumi/pulumi/automation";
import type { ExampleStackOptions } from "../../../testing/exampleStack";
import { createGoStack } from "../../../testing/goStack";
import { createJavaStack } from "../../../testing/javaStack";
import { createPythonStack } from "../../../testing/pythonStack";
import { PASSPHRASE } from "../harness";
import type { CreateStack } from "./context";

/** A face whose program is one of the package examples run from a scratch copy (testing/exampleStack.ts). */
function exampleFace(create: (opts: ExampleStackOptions) => Promise<Stack>): CreateStack {
  return async (ctx) => {
    const stack = await create({
      scratch: ctx.scratch,
      stackName: ctx.stackName,
      passphrase: PASSPHRASE,
      envVars: ctx.env,
    });
    await stack.setAllConfig(ctx.config);
    return stack;
  };
}

/** The Go face: examples/go, prebuilt (scripts/go-program.sh), through the Go host and the bcs plugin. */
export const createGoFaceStack = exampleFace(createGoStack);

/** The Python face: examples/python on its virtual environment, through the Python host and the bcs plugin. */
export const createPythonFaceStack = exampleFace(createPythonStack);

/** The Java face: examples/java, prebuilt (scripts/java-program.sh), through the Java host and the bcs plugin. */
export const createJavaFaceStack = exampleFace(createJavaStack);
