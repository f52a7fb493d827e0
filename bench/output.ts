import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeCharts } from "./charts/write";
import { markdown } from "./report";
import type { Results } from "./results";

export const repo = resolve(__dirname, "../..");
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(repo, "bench/results");

/** Writes latest.json, latest.md, latest.svg and latest.png into {@link resultsDir}, and prints the Markdown. */
export async function writeResults(results: Results): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const json = join(resultsDir, "latest.json");
  writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
  // The repository's `prettier --check .` covers bench/results/latest.json.
  execFileSync(join(repo, "node_modules/.bin/prettier"), ["--write", json], { stdio: "ignore" });
  const md = markdown(results);
  writeFileSync(join(resultsDir, "latest.md"), md);
  await writeCharts(join(resultsDir, "latest"), {
    ns: results.settings.ns,
    summaries: { file: results.summary, ...results.backendSummary },
    uploads: results.uploads,
    subtitle: `median of the repeats, --parallel ${results.settings.parallel}, ${results.machine.nproc} CPU, ${String(results.machine.date).slice(0, 10)}`,
  });
  process.stdout.write("\n" + md);
}
