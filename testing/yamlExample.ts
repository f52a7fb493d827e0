import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Copies examples/yaml into `dir` (to run it with its stack files outside the repository), naming the
 * bcs plugin by its absolute path where the example names it relative to the repository.
 */
export function copyYamlExample(dir: string): string {
  const repo = dirname(require.resolve("pulumi-bcs/package.json"));
  if (!existsSync(join(repo, "dist/package/main.js")))
    throw new Error("dist/package/main.js is missing: run `npm run plugin` (or `npm run build`) first");
  cpSync(join(repo, "examples/yaml"), dir, { recursive: true });
  const project = readFileSync(join(dir, "Pulumi.yaml"), "utf8");
  const pluginPath = "path: ../../package/bin";
  if (!project.includes(pluginPath))
    throw new Error(`examples/yaml/Pulumi.yaml no longer says "${pluginPath}"`);
  writeFileSync(join(dir, "Pulumi.yaml"), project.replace(pluginPath, `path: ${join(repo, "package/bin")}`));
  return dir;
}
