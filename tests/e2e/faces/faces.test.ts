import type { Stack } from "@pulumi/pulumi/automation";
import { closeFaceContext, startFaceContext, type CreateStack, type FaceContext } from "./context";
import { createDynamicStack } from "./dynamicProgram";
import { createGoFaceStack, createJavaFaceStack, createPythonFaceStack } from "./exampleProgram";
import { scenarios, type FaceRun } from "./scenarios";
import { createYamlStack } from "./yamlProgram";

jest.setTimeout(10 * 60 * 1000);

/**
 * One table of scenarios (scenarios.ts), each face of pulumi-bcs a driver: the stack of its program,
 * run through the real engine against the emulator and a real fabric-ca-server (issue 14).
 */
const faces: { name: string; createStack: CreateStack }[] = [
  { name: "dynamic", createStack: createDynamicStack },
  { name: "yaml", createStack: createYamlStack },
  { name: "go", createStack: createGoFaceStack },
  { name: "python", createStack: createPythonFaceStack },
  { name: "java", createStack: createJavaFaceStack },
];

describe.each(faces)("the $name face through the real Pulumi engine", ({ name, createStack }) => {
  let ctx: FaceContext | undefined;
  let stack: Stack | undefined;
  const run = {} as FaceRun;

  beforeAll(async () => {
    ctx = await startFaceContext(name);
    stack = await createStack(ctx);
    const events: FaceRun["events"] = [];
    const printed: string[] = [];
    Object.assign(run, {
      ctx,
      stack,
      createStack,
      events,
      printed,
      said: {},
      watch: { onEvent: (e) => events.push(e), onOutput: (s) => printed.push(s) },
    } satisfies FaceRun);
  });
  afterAll(async () => {
    if (ctx) await closeFaceContext(ctx, stack);
  });

  for (const scenario of scenarios) {
    const cannot = scenario.cannot?.[name];
    // A face that cannot is held to it: once it can, this fails and its reason goes from the table.
    if (cannot)
      it(`${scenario.name}: not on this face (${cannot})`, () => expect(scenario.run(run)).rejects.toThrow());
    else it(scenario.name, () => scenario.run(run));
  }
});
