import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator/server";
import { emulatorStackConfig } from "../emulator/stackConfig";
import { startFabricCaServer } from "./fabricCaServer";
import { createGoStack } from "./goStack";

/**
 * The Go demo (`npm run demo:go`): build what is missing (engine, Go host, Go SDK, program), start the
 * emulator and a local fabric-ca-server, `pulumi up` examples/go, print its outputs (the keys as
 * [secret]), then destroy (which freezes and revokes) and stop both servers. The state lives only as
 * long as the servers do, like the Fabric CA demo's.
 */
async function main(): Promise<void> {
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  const scratch = join(repo, ".state/go-demo");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  console.log(`demo: emulator at ${emulator.url}`);
  const ca = await startFabricCaServer().catch(async (err: unknown) => {
    await emulator.close();
    throw err;
  });
  console.log(`demo: fabric-ca-server at ${ca.url}`);
  try {
    const stack = await createGoStack({
      scratch,
      stackName: "demo",
      passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-bcs-demo",
    });
    const config: ConfigMap = Object.fromEntries(
      emulatorStackConfig(emulator.url).map(([kind, key, value]) => [
        key,
        { value, secret: kind === "secret" },
      ]),
    );
    await stack.setAllConfig({
      ...config,
      caUrl: { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
    const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
    console.log("\nOutputs of examples/go");
    for (const [name, output] of Object.entries(up.outputs))
      console.log(`  ${name}: ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
    console.log("\ndemo: destroy freezes the Huawei certificate and revokes the Fabric CA one");
    await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
    await stack.workspace.removeStack("demo");
  } finally {
    await ca.stop();
    await emulator.close();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
