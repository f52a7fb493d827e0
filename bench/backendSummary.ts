import type { BackendName, Uploads } from "./backends";

/** The fields of a bench run these summaries read (bench/run.ts's Run has them). */
interface BackendRun {
  n: number;
  series: "raw" | "noop" | "ours";
  op: string;
  backend?: BackendName;
  uploads?: Uploads;
}

/** Median bytes and PUTs uploaded per series and operation, at one N. */
export type UploadSummary = Record<"noop" | "ours", Record<string, Uploads>>;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Per N, the median uploads of the runs that measured them (the S3 backend's). */
export function uploadSummary(runs: BackendRun[], ns: number[]): Record<string, UploadSummary> {
  const out: Record<string, UploadSummary> = {};
  for (const n of ns) {
    const summary: UploadSummary = { noop: {}, ours: {} };
    for (const series of ["noop", "ours"] as const) {
      const measured = runs.filter((r) => r.n === n && r.series === series && r.uploads);
      for (const op of new Set(measured.map((r) => r.op))) {
        const of = measured.filter((r) => r.op === op).map((r) => r.uploads!);
        summary[series][op] = {
          bytes: median(of.map((u) => u.bytes)),
          puts: median(of.map((u) => u.puts)),
        };
      }
    }
    if (Object.keys(summary.noop).length + Object.keys(summary.ours).length > 0) out[String(n)] = summary;
  }
  return out;
}

/** `summarize` applied to each backend but file, with the raw runs (the same API floor for all). */
export function backendSummaries<R extends BackendRun, S>(
  runs: R[],
  backends: BackendName[],
  summarize: (runs: R[]) => S,
): Partial<Record<BackendName, S>> {
  const out: Partial<Record<BackendName, S>> = {};
  for (const backend of backends) {
    if (backend === "file") continue;
    out[backend] = summarize(runs.filter((r) => r.series === "raw" || r.backend === backend));
  }
  return out;
}
