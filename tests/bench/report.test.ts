import { markdown } from "../../bench/report";
import { noRequests, type Operation, type Results, type Run, type Series } from "../../bench/results";
import { summarizeRuns } from "../../bench/summary";

const run = (n: number, series: Series, op: Operation, ms: number): Run => ({
  n,
  series,
  op,
  ms,
  rep: 0,
  backend: series === "raw" ? undefined : "file",
  requests: noRequests(),
  provider: { hwmKiB: 0, rssKiB: 0, pids: [], cpuS: 0 },
  program: { hwmKiB: 0, rssKiB: 0, pids: [], cpuS: 0 },
  cpuS: { engine: 0, program: 0, provider: 0, languageHost: 0, other: 0, bench: 0, foreign: 0 },
  engineHwmKiB: 0,
  load1: 0,
});

describe("the bench report", () => {
  it("leaves out the operations not run at an N (BENCH_UP_DESTROY_FROM_N) and keeps their targets", () => {
    const runs = [
      ...(["raw", "noop", "ours"] as const).flatMap((series) =>
        (series === "raw"
          ? (["up", "destroy"] as const)
          : (["preview", "up", "refresh", "destroy"] as const)
        ).map((op) => run(100, series, op, series === "ours" ? 2000 : 1000)),
      ),
      ...(["raw", "noop", "ours"] as const).flatMap((series) =>
        (["up", "destroy"] as const).map((op) => run(500, series, op, series === "ours" ? 9000 : 4000)),
      ),
    ];
    const md = markdown({
      machine: { date: "2026-11-30" },
      settings: { ns: [100, 500], repeats: [1, 1], parallel: 16, sampleIntervalMs: 200 },
      runs,
      summary: summarizeRuns(runs, [100, 500]),
      stateSize: {},
      emulatorStateBytes: {},
      totalMs: 0,
    } as Results);
    expect(md).toContain("| 100 | refresh | – | 1.00 | 2.00 | 2.00 |");
    expect(md).not.toMatch(/^\| 500 \| (preview|refresh)/m);
    expect(md).toContain("| 500 | up | 4.00 | 4.00 | 9.00 | 1.13 |");
    expect(md).toContain("| file | 500 | destroy | 1.3 | 1.13 | met |");
  });
});
