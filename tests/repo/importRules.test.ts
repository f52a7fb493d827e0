import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Each layer rule of .dependency-cruiser.cjs, run by the real depcruise on a small tree that breaks it
 * once (and on the same tree without the offending import), so a rule that stops matching fails here.
 */
const repo = join(__dirname, "../..");
const depcruise = join(repo, "node_modules/.bin/depcruise");

function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "bcs-import-rules-"));
  try {
    const tree: Record<string, string> = {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16" } }),
      ...files,
    };
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const folders = [...new Set(Object.keys(files).map((path) => path.split("/")[0]))];
    const run = spawnSync(
      depcruise,
      ["--config", join(repo, ".dependency-cruiser.cjs"), "--output-type", "json", ...folders],
      { cwd: dir, encoding: "utf8" },
    );
    const summary = JSON.parse(run.stdout).summary as {
      violations: { rule: { name: string }; from: string; to: string }[];
    };
    return summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const leaf = "export const value = 1;\n";
const importing = (from: string) => `import { value } from "${from}";\nexport const again = value;\n`;

describe("the layer rules", () => {
  it.each([
    ["core-imports-no-face", "provider/common/clock.ts", "../../sdk/derived", "sdk/derived.ts"],
    [
      "core-imports-no-face",
      "provider/huawei/inputs.ts",
      "../../testing/serverProcess",
      "testing/serverProcess.ts",
    ],
    [
      "face-through-the-front-door",
      "sdk/userCertificate.ts",
      "../provider/huawei/stateShape",
      "provider/huawei/stateShape.ts",
    ],
    ["face-through-the-front-door", "package/schema.ts", "../provider/settings", "provider/settings.ts"],
    ["common-knows-no-backend", "provider/common/settingRules.ts", "../ncloud/api", "provider/ncloud/api.ts"],
    ["common-knows-no-backend", "provider/common/settings.ts", "../settings", "provider/settings.ts"],
    [
      "http-is-the-ground-floor",
      "provider/http/endpoint.ts",
      "../common/notice",
      "provider/common/notice.ts",
    ],
    [
      "huawei-keeps-to-itself",
      "provider/huawei/connect.ts",
      "../fabricCa/inputs",
      "provider/fabricCa/inputs.ts",
    ],
  ])("%s: %s importing %s is refused", (rule, from, specifier, target) => {
    expect(violations({ [from]: importing(specifier), [target]: leaf })).toEqual([
      `${rule}: ${from} → ${target}`,
    ]);
  });

  it("lets a face through provider/index.ts and the models, and the core down to common/ and http/", () => {
    expect(
      violations({
        "sdk/userCertificate.ts": importing("../provider"),
        "package/schema.ts": importing("../provider/fabricCa/model"),
        "package/provider.ts": importing("../provider/models"),
        "provider/models.ts": leaf,
        "provider/index.ts": importing("./huawei/connect"),
        "provider/fabricCa/model.ts": leaf,
        "provider/huawei/connect.ts": importing("../common/notice"),
        "provider/common/notice.ts": importing("../http/endpoint"),
        "provider/http/endpoint.ts": leaf,
      }),
    ).toEqual([]);
  });
});
