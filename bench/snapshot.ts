import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installPackageCopy } from "../testing/installedPackage";
import { languageYamlBin } from "../testing/languageYamlBin";
import { minioBin } from "../testing/minioServer";
import { engineBin } from "./engine";
import { repo, resultsDir } from "./output";

/**
 * Other people may rebuild dist/ while the bench runs, which would mix code versions within one run
 * (or let a provider process read a half-written file). So the bench runs from a snapshot: a copy of
 * dist/ with node_modules linked beside it and `pulumi-bcs` installed there from the copy.
 */
export async function inSnapshot(): Promise<number> {
  const snap = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-snapshot-"));
  try {
    cpSync(join(repo, "dist"), join(snap, "dist"), { recursive: true });
    copyFileSync(join(repo, "package.json"), join(snap, "package.json"));
    // The package's other files (CHANGELOG.md), which installPackageCopy copies from the snapshot too.
    const { files } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { files: string[] };
    for (const path of files.filter((file) => !file.startsWith("dist/")))
      cpSync(join(repo, path), join(snap, path), { recursive: true });
    for (const program of ["program", "noop"]) {
      mkdirSync(join(snap, "bench", program), { recursive: true });
      copyFileSync(join(repo, "bench", program, "Pulumi.yaml"), join(snap, "bench", program, "Pulumi.yaml"));
    }
    // The package series' plugin launcher, which runs the snapshot's dist/package/main.js.
    cpSync(join(repo, "package/bin"), join(snap, "package/bin"), { recursive: true });
    // Measure what users get: pulumi-bcs installed in node_modules (see testing/installedPackage.ts).
    installPackageCopy(snap, snap, repo);
    // Left at the root, a package.json named pulumi-bcs would make the programs below it resolve
    // `pulumi-bcs` to the snapshot itself (Node's package self-reference), not to node_modules.
    rmSync(join(snap, "package.json"));
    const git = (args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
    let code = "unknown";
    try {
      const dirty = git(["status", "--porcelain", "--", "sdk", "provider", "emulator"])
        .split("\n")
        .filter(Boolean);
      code = `${git(["rev-parse", "--short", "HEAD"])}${dirty.length ? ` + ${dirty.length} uncommitted file(s) in sdk/provider/emulator` : ""}`;
    } catch {
      // Not a git checkout.
    }
    const child = spawn(process.execPath, [join(snap, "dist/bench/run.js")], {
      stdio: "inherit",
      env: {
        ...process.env,
        BENCH_SNAPSHOT: snap,
        BENCH_RESULTS_DIR: resultsDir,
        BENCH_CODE_VERSION: code,
        PULUMI_BCS_ENGINE_BIN: engineBin(),
        PULUMI_BCS_MINIO_BIN: minioBin(),
        // The package series' YAML host: the installed copy of pulumi-bcs has no scripts/ to build it.
        ...(process.env.BENCH_PACKAGE_NS !== "0" && { PULUMI_BCS_LANGUAGE_YAML_BIN: languageYamlBin() }),
      },
    });
    return await new Promise<number>((done) => child.on("close", (status) => done(status ?? 1)));
  } finally {
    rmSync(snap, { recursive: true, force: true });
  }
}
