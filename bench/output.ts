import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { drawChart } from "./chart";
import { markdown } from "./report";
import type { Operation, Results, Series } from "./results";

export const repo = resolve(__dirname, "../..");
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(repo, "bench/results");

/** Writes latest.json, latest.md and latest.png into {@link resultsDir}, and prints the Markdown. */
export function writeResults(results: Results): void {
  mkdirSync(resultsDir, { recursive: true });
  const json = join(resultsDir, "latest.json");
  writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
  // The repository's `prettier --check .` covers bench/results/latest.json.
  execFileSync(join(repo, "node_modules/.bin/prettier"), ["--write", json], { stdio: "ignore" });
  const md = markdown(results);
  writeFileSync(join(resultsDir, "latest.md"), md);
  const secondsOf = (series: Series, op: Operation) =>
    results.settings.ns.map((n): [number, number | undefined] => {
      const ms = results.summary[String(n)]?.medianMs[series][op];
      return [n, ms === undefined ? undefined : ms / 1000];
    });
  const colors = { raw: [44, 160, 44], noop: [31, 119, 180], ours: [214, 39, 40] } as const;
  const panel = (op: "up" | "destroy") => ({
    title: `PULUMI ${op.toUpperCase()}: WALL TIME`,
    xLabel: "N CERTIFICATES (LOG)",
    yLabel: "S",
    series: (["raw", "noop", "ours"] as Series[]).map((s) => ({
      label: s.toUpperCase(),
      color: [...colors[s]] as [number, number, number],
      points: secondsOf(s, op),
    })),
  });
  drawChart(
    join(resultsDir, "latest.png"),
    [panel("up"), panel("destroy")],
    `MEDIAN WALL TIME IN S. --PARALLEL ${results.settings.parallel}. ${results.machine.nproc} CPU`,
  );
  process.stdout.write("\n" + md);
}
