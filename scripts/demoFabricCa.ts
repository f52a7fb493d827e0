import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { engineBin } from "../testing/engineBin";
import { startFabricCaServer } from "../testing/fabricCaServer";
import { printTable } from "./printDemo";

/**
 * The Fabric CA demo: start a local fabric-ca-server, `pulumi up` examples/fabric-ca, print the
 * certificates and the CA's identities, then destroy (which revokes) and stop the server.
 */
async function main(): Promise<void> {
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  const bin = engineBin();
  const workDir = join(repo, "dist/examples/fabric-ca");
  copyFileSync(join(repo, "examples/fabric-ca/Pulumi.yaml"), join(workDir, "Pulumi.yaml"));
  const state = join(repo, ".state/fabric-ca-demo");
  mkdirSync(join(state, "backend"), { recursive: true });

  const ca = await startFabricCaServer();
  console.log(`demo: fabric-ca-server at ${ca.url}`);
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", workDir },
      {
        pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
        pulumiHome: join(state, "home"),
        envVars: {
          PULUMI_BACKEND_URL: `file://${join(state, "backend")}`,
          PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-bcs-demo",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
      },
    );
    await stack.setAllConfig({
      "pulumi-bcs-fabric-ca:caUrl": { value: ca.url },
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
    const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
    const certs = up.outputs.certificates.value as Record<string, string>[];
    printTable(
      "Certificates (Fabric CA)",
      ["user", "type", "subject", "expires", "serial"],
      certs.map((c) => [c.userName, c.identityType, c.subject, c.notAfter, c.serialNumber]),
    );
    const ids = up.outputs.identityTable.value as Record<string, string | null>[];
    printTable(
      "CA identities",
      ["name", "type", "expires"],
      ids.map((i) => [String(i.identityName), String(i.identityType), String(i.expireDate)]),
    );
    console.log("\ndemo: destroy revokes the certificates");
    await stack.destroy({ onOutput: (s) => process.stdout.write(s) });
    await stack.workspace.removeStack("demo");
  } finally {
    await ca.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
