import { writeFileSync } from "node:fs";

import type { UploadSummary } from "../results";
import { renderChart } from "./render";
import { benchChartSpec, type TimePoint, type UploadPoint } from "./specs";

/** The medians of one backend at one N, as bench/run.ts summarizes them. */
interface Medians {
  medianMs: Record<"raw" | "noop" | "ours", Partial<Record<string, number>>>;
}

/** What the chart reads of the bench results. */
export interface ChartInput {
  ns: number[];
  /** Per backend, per N. */
  summaries: Partial<Record<string, Record<string, Medians>>>;
  uploads?: Record<string, UploadSummary>;
  subtitle: string;
}

export function chartPoints(input: ChartInput): { time: TimePoint[]; uploads: UploadPoint[] } {
  const time: TimePoint[] = [];
  for (const [backend, byN] of Object.entries(input.summaries)) {
    for (const n of input.ns) {
      const medians = byN?.[String(n)]?.medianMs;
      if (!medians) continue;
      for (const op of ["up", "destroy"] as const) {
        for (const series of ["noop", "ours"] as const) {
          const ms = medians[series][op];
          if (ms !== undefined) time.push({ n, series, backend, op, msPerCertificate: ms / n });
        }
        // raw uses no backend: one line, from whichever backend's summary holds it first.
        const raw = medians.raw[op];
        if (raw !== undefined && !time.some((p) => p.series === "raw" && p.n === n && p.op === op))
          time.push({ n, series: "raw", backend: "API", op, msPerCertificate: raw / n });
      }
    }
  }
  const uploads: UploadPoint[] = [];
  for (const n of input.ns) {
    for (const series of ["noop", "ours"] as const) {
      const up = input.uploads?.[String(n)]?.[series].up;
      if (up) uploads.push({ n, series, mebibytes: up.bytes / 2 ** 20 });
    }
  }
  return { time, uploads };
}

/** Writes `<base>.svg` and `<base>.png` (the PNG at twice the SVG's size). */
export async function writeCharts(base: string, input: ChartInput): Promise<void> {
  const { time, uploads } = chartPoints(input);
  const chart = await renderChart(benchChartSpec(time, uploads, input.subtitle));
  writeFileSync(`${base}.svg`, chart.svg);
  writeFileSync(`${base}.png`, chart.png);
}
