import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Lays out `<dir>/node_modules` as `npm install pulumi-bcs` would: the package's own files copied from
 * `packageRoot` (package.json and its "files"), every other module linked from `<modulesRoot>/node_modules`. Programs run
 * below `<dir>` load pulumi-bcs from node_modules as users' programs do, which changes how Pulumi
 * serializes the providers (a `require` of the shim module instead of its code). In this repository
 * the self-dependency is a symlink, so programs here take the other path.
 */
export function installPackageCopy(dir: string, packageRoot: string, modulesRoot: string): void {
  const modules = join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(join(modulesRoot, "node_modules")))
    if (entry !== "pulumi-bcs") symlinkSync(join(modulesRoot, "node_modules", entry), join(modules, entry));
  const target = join(modules, "pulumi-bcs");
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { files: string[] };
  mkdirSync(target);
  cpSync(join(packageRoot, "package.json"), join(target, "package.json"));
  for (const path of manifest.files.flatMap((entry) => expandStar(packageRoot, entry)))
    cpSync(join(packageRoot, path), join(target, path), { recursive: true });
}

/** A "files" entry as paths: `dir/*.md` names each matching file of `dir`; any other entry is itself. */
function expandStar(root: string, entry: string): string[] {
  const name = basename(entry);
  if (!name.includes("*")) return [entry];
  const [prefix, suffix] = name.split("*", 2);
  const dir = dirname(entry);
  return readdirSync(join(root, dir))
    .filter((file) => file.startsWith(prefix) && file.endsWith(suffix))
    .map((file) => join(dir, file));
}
