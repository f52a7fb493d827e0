import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The project name of the package series' program; its config keys are `<this>:projectId` etc. */
export const PACKAGE_PROJECT = "pulumi-bcs-bench-package";

const repo = resolve(__dirname, "../..");

/**
 * The package series' program at N: a Pulumi YAML project declaring N `bcs:index:UserCertificate`s
 * through the `bcs` plugin at `pluginDir` (package/bin), with the same inputs as bench/program (non-safe
 * mode, org1/org2 alternating, user names bench0000…). Pulumi YAML has no loop, so the program is
 * written out per N; JSON is YAML, so it is written as JSON.
 */
export function packageProgram(n: number, pluginDir: string): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    resources[`cert-${i}`] = {
      type: "bcs:index:UserCertificate",
      properties: {
        projectId: "${projectId}",
        blockchainId: "${blockchainId}",
        orgName: i % 2 === 0 ? "org1" : "org2",
        userName: `bench${String(i).padStart(4, "0")}`,
      },
    };
  }
  const project = {
    name: PACKAGE_PROJECT,
    runtime: "yaml",
    description:
      "The benchmark's package series: N UserCertificates of the bcs package (bench/packageProgram.ts).",
    plugins: { providers: [{ name: "bcs", path: pluginDir }] },
    config: { projectId: { type: "string" }, blockchainId: { type: "string" } },
    resources,
  };
  return JSON.stringify(project, null, 2) + "\n";
}

/** Writes the program at N into dist/bench/package-n<N>/ and returns that directory. */
export function packageProgramDir(n: number): string {
  const dir = join(repo, "dist/bench", `package-n${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Pulumi.yaml"), packageProgram(n, join(repo, "package/bin")));
  return dir;
}
