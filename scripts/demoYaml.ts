import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type OutputMap } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator/server";
import { emulatorStackConfig } from "../emulator/stackConfig";
import { engineBin } from "./engineBin";
import { startFabricCaServer } from "./fabricCaServer";
import { languageYamlBin } from "./languageYamlBin";
import { printTable } from "./printDemo";
import { copyYamlExample } from "./yamlExample";

/**
 * The YAML demo (`npm run demo:yaml`): examples/yaml, a Pulumi YAML program of the bcs package, `pulumi
 * up` against a fresh emulator and a fresh local fabric-ca-server; prints the outputs (secrets as
 * [secret]), then destroys the stack (which freezes and revokes) and stops both servers.
 */
async function main(): Promise<void> {
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  const bin = engineBin();
  const yamlBin = languageYamlBin();
  const state = join(repo, ".state/yaml-demo");
  mkdirSync(join(state, "backend"), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-yaml-demo-"));
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  console.log(`demo: emulator at ${emulator.url}`);
  try {
    const ca = await startFabricCaServer();
    console.log(`demo: fabric-ca-server at ${ca.url}`);
    try {
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "demo", workDir: copyYamlExample(join(scratch, "program")) },
        {
          pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
          pulumiHome: join(state, "home"),
          envVars: {
            // The YAML language host beside the engine; the plugin runs on the first `node` on PATH.
            PATH: `${bin}:${yamlBin}:${process.env.PATH}`,
            PULUMI_BACKEND_URL: `file://${join(state, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-bcs-demo",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          },
        },
      );
      await stack.setAllConfig({
        ...Object.fromEntries(
          emulatorStackConfig(emulator.url).map(([kind, key, value]) => [
            key,
            { value, secret: kind === "secret" },
          ]),
        ),
        caUrl: { value: ca.url },
        "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
        "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      });
      const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
      printOutputs(up.outputs);
      console.log("\ndemo: destroy freezes the Huawei certificate and revokes the Fabric CA one");
      await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
      await stack.workspace.removeStack("demo");
    } finally {
      await ca.stop();
    }
  } finally {
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The stack outputs, one a row; a secret one as `[secret]`, as `pulumi stack output` shows it. */
function printOutputs(outputs: OutputMap): void {
  printTable(
    "Stack outputs (examples/yaml)",
    ["output", "value"],
    Object.entries(outputs).map(([name, { value, secret }]) => [
      name,
      secret ? "[secret]" : typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
