import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { engineBin } from "../testing/engineBin";
import { languageYamlBin } from "../testing/languageYamlBin";
import { runPackageDemo } from "./packageDemo";
import { copyYamlExample } from "../testing/yamlExample";

/** The YAML demo (`npm run demo:yaml`): examples/yaml through pulumi-language-yaml (scripts/packageDemo.ts). */
runPackageDemo("yaml", async (scratch, passphrase) => {
  const bin = engineBin();
  mkdirSync(join(scratch, "state"));
  return LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir: copyYamlExample(join(scratch, "program")) },
    {
      pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
      pulumiHome: join(scratch, "home"),
      envVars: {
        // The YAML language host beside the engine; the plugin runs on the first `node` on PATH.
        PATH: `${bin}:${languageYamlBin()}:${process.env.PATH}`,
        PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
    },
  );
}).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
