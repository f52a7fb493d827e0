import type { BackendName } from "./backends";
import type { Run, UploadSummary } from "./results";
import { median } from "./summary";

/** Per N, the median uploads of the runs that measured them (the S3 backend's). */
export function uploadSummary(runs: Run[], ns: number[]): Record<string, UploadSummary> {
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

/** The runs of one backend, with the raw runs (the same API floor for every backend). */
export function runsOn(runs: Run[], backend: BackendName): Run[] {
  return runs.filter((r) => r.series === "raw" || (r.backend ?? "file") === backend);
}

/** `summarize` applied to each backend but file (whose summary is the results' `summary`). */
export function backendSummaries<S>(
  runs: Run[],
  backends: BackendName[],
  summarize: (runs: Run[]) => S,
): Partial<Record<BackendName, S>> {
  const out: Partial<Record<BackendName, S>> = {};
  for (const backend of backends) if (backend !== "file") out[backend] = summarize(runsOn(runs, backend));
  return out;
}
