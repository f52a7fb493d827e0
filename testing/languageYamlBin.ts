import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";

/**
 * The directory of pulumi-language-yaml: PULUMI_BCS_LANGUAGE_YAML_BIN (set by `npm test`), or what
 * scripts/language-host.sh yaml builds or finds in its cache.
 */
export function languageYamlBin(): string {
  if (process.env.PULUMI_BCS_LANGUAGE_YAML_BIN) return process.env.PULUMI_BCS_LANGUAGE_YAML_BIN;
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  return execFileSync("bash", [join(repo, "scripts/language-host.sh"), "yaml"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}
