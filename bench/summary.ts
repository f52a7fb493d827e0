import { noRequests, OPERATIONS, type Operation, type Run, type Series, type Summary } from "./results";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Per N: the medians of the runs per series and operation, their ratios, peaks and request counts. */
export function summarizeRuns(runs: Run[], ns: number[]): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  for (const n of ns) {
    const of = (series: Series, op: Operation) =>
      runs.filter((r) => r.n === n && r.series === series && r.op === op);
    const med = (series: Series, op: Operation) => {
      const rs = of(series, op);
      return rs.length ? median(rs.map((r) => r.ms)) : undefined;
    };
    const medianMs = { raw: {}, noop: {}, ours: {} } as Summary["medianMs"];
    for (const series of ["raw", "noop", "ours"] as Series[])
      for (const op of OPERATIONS) {
        const m = med(series, op);
        if (m !== undefined) medianMs[series][op] = m;
      }
    const ratio = (a?: number, b?: number) =>
      a !== undefined && b ? Math.round((a / b) * 100) / 100 : undefined;
    const peak = (series: "noop" | "ours") =>
      Object.fromEntries(
        OPERATIONS.map((op) => [
          op,
          Math.round(Math.max(0, ...of(series, op).map((r) => r.provider.hwmKiB)) / 102.4) / 10,
        ]),
      );
    const cpuS = { raw: {}, noop: {}, ours: {} } as Summary["cpuS"];
    const load1 = { raw: {}, noop: {}, ours: {} } as Summary["load1"];
    for (const series of ["raw", "noop", "ours"] as Series[])
      for (const op of OPERATIONS) {
        const rs = of(series, op);
        if (!rs.length) continue;
        const keys = Object.keys(rs[0].cpuS) as (keyof Run["cpuS"])[];
        cpuS[series][op] = Object.fromEntries(
          keys.map((key) => [key, median(rs.map((r) => r.cpuS[key]))]),
        ) as Run["cpuS"];
        load1[series][op] = median(rs.map((r) => r.load1));
      }
    const first = (series: Series, op: Operation) => of(series, op)[0]?.requests ?? noRequests();
    out[String(n)] = {
      medianMs,
      ratios: {
        up: ratio(medianMs.ours.up, (medianMs.noop.up ?? 0) + (medianMs.raw.up ?? 0)),
        destroy: ratio(medianMs.ours.destroy, (medianMs.noop.destroy ?? 0) + (medianMs.raw.destroy ?? 0)),
        preview: ratio(medianMs.ours.preview, medianMs.noop.preview),
        previewNoChange: ratio(medianMs.ours.previewNoChange, medianMs.noop.previewNoChange),
        refresh: ratio(medianMs.ours.refresh, medianMs.noop.refresh),
      },
      providerPeakMiB: { noop: peak("noop"), ours: peak("ours") },
      cpuS,
      load1,
      requests: {
        rawUp: first("raw", "up"),
        oursUp: first("ours", "up"),
        rawDestroy: first("raw", "destroy"),
        oursDestroy: first("ours", "destroy"),
      },
    };
  }
  return out;
}
