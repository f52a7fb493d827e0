import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";

/**
 * The directory of the Pulumi engine binaries: PULUMI_BCS_ENGINE_BIN (set by `npm test`), or what
 * scripts/engine.sh builds or finds in its cache.
 */
export function engineBin(): string {
  if (process.env.PULUMI_BCS_ENGINE_BIN) return process.env.PULUMI_BCS_ENGINE_BIN;
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  return execFileSync("bash", [join(repo, "scripts/engine.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}
