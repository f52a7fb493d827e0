import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator/server";
import { startFabricCaServer } from "../testing/fabricCaServer";
import { packageStackConfig } from "../testing/packageStackConfig";
import { printTable } from "./printDemo";

/** Makes the demo's stack in `scratch` (its program, backend and Pulumi home), with no config yet. */
export type CreateDemoStack = (scratch: string, passphrase: string) => Promise<Stack>;

/**
 * A demo of the bcs package (`npm run demo:yaml`, `demo:go`, `demo:python`): start a fresh emulator
 * and a fresh local fabric-ca-server, `pulumi up` the example, print its outputs (the keys as [secret]), then
 * destroy (which freezes and revokes), remove the stack and stop both servers. The state lives only as
 * long as the servers do, like the Fabric CA demo's.
 */
export async function runPackageDemo(example: string, createStack: CreateDemoStack): Promise<void> {
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  const scratch = join(repo, `.state/${example}-demo`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  console.log(`demo: emulator at ${emulator.url}`);
  try {
    const ca = await startFabricCaServer();
    console.log(`demo: fabric-ca-server at ${ca.url}`);
    try {
      const stack = await createStack(scratch, process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-bcs-demo");
      await stack.setAllConfig(packageStackConfig(emulator.url, ca));
      const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
      // As `pulumi stack output` shows them: a secret as [secret].
      printTable(
        `Stack outputs (examples/${example})`,
        ["output", "value"],
        Object.entries(up.outputs).map(([name, { value, secret }]) => [
          name,
          secret ? "[secret]" : typeof value === "string" ? value : JSON.stringify(value),
        ]),
      );
      console.log("\ndemo: destroy freezes the Huawei certificate and revokes the Fabric CA one");
      await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
      await stack.workspace.removeStack("demo");
    } finally {
      await ca.stop();
    }
  } finally {
    await emulator.close();
  }
}
