import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "../..");

interface PackResult {
  name: string;
  files: { path: string; mode: number }[];
}

/** What `npm publish` would ship, from `npm pack --dry-run` on the built package (`npm run build`). */
function packResult(): PackResult {
  if (!existsSync(join(repo, "dist/sdk/index.js")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [result] = JSON.parse(out) as PackResult[];
  return result;
}

describe("npm pack ships the built package and its documents, nothing from the tests", () => {
  const packed = packResult();
  const files = packed.files.map((f) => f.path).sort();
  const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, string | Record<string, string>>;
  };

  it("holds the manifest, README, LICENSE and CHANGELOG", () => {
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]));
  });

  it("holds the documentation pages the README links to", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    const pages = [...readme.matchAll(/\]\((docs\/[\w-]+\.md)[#)]/g)].map((m) => m[1]);
    expect(pages.length).toBeGreaterThan(0);
    expect([...new Set(pages)].filter((page) => !files.includes(page))).toEqual([]);
  });

  it("holds every file package.json points at", () => {
    const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
    for (const target of Object.values(manifest.exports))
      targets.push(...(typeof target === "string" ? [target] : Object.values(target)));
    const missing = targets.map((t) => t.replace(/^\.\//, "")).filter((t) => !files.includes(t));
    expect(missing).toEqual([]);
  });

  it("holds nothing else: no tests, examples, scripts, bench, decision records or TypeScript sources", () => {
    const documents = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"];
    const stray = files.filter(
      (f) =>
        !documents.includes(f) &&
        !/^docs\/[\w-]+\.md$/.test(f) &&
        !/^dist\/(sdk|provider|cli|emulator|preflight|package)\//.test(f) &&
        f !== "package/bin/pulumi-resource-bcs",
    );
    expect(stray).toEqual([]);
    expect(files.filter((f) => /(^|\/)tests?\/|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
  });

  it("ships the emulator's command, runnable by node, and the preflight it dispatches to", () => {
    expect(manifest.bin).toEqual({ "pulumi-bcs": "dist/cli/bin.js" });
    expect(files).toEqual(expect.arrayContaining(["dist/cli/check.js", "dist/preflight/check.js"]));
    expect(readFileSync(join(repo, manifest.bin["pulumi-bcs"]), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("ships the bcs plugin: an executable launcher and the package face it starts", () => {
    // A project names node_modules/pulumi-bcs/package/bin as the plugin's path (docs/languages.md).
    const launcher = packed.files.find((f) => f.path === "package/bin/pulumi-resource-bcs");
    expect(launcher?.mode.toString(8)).toBe("755");
    expect(readFileSync(join(repo, launcher!.path), "utf8")).toContain('"$here/../../dist/package/main.js"');
    expect(files).toEqual(expect.arrayContaining(["dist/package/main.js", "dist/package/provider.js"]));
  });
});
