import type { BackendName } from "./backends";
import type { Operation, Results, Summary } from "./results";

const OPS: [Operation, string][] = [
  ["preview", "preview (N creates)"],
  ["up", "up"],
  ["previewNoChange", "preview (no change)"],
  ["refresh", "refresh"],
  ["destroy", "destroy"],
];

/** The targets (issue 13): ratio bounds per operation at an N, on every backend. */
export const TARGETS: { n: number; op: "up" | "destroy" | "previewNoChange"; max: number }[] = [
  { n: 100, op: "up", max: 1.15 },
  { n: 100, op: "destroy", max: 1.15 },
  { n: 500, op: "up", max: 1.3 },
  { n: 500, op: "destroy", max: 1.3 },
  { n: 100, op: "previewNoChange", max: 1.2 },
];

const s = (ms?: number) => (ms === undefined ? "–" : (ms / 1000).toFixed(2));
const mib = (bytes?: number) => (bytes === undefined ? "–" : (bytes / 2 ** 20).toFixed(2));

function summaries(r: Results): [BackendName, Record<string, Summary>][] {
  return [
    ["file", r.summary],
    ...(Object.entries(r.backendSummary ?? {}) as [BackendName, Record<string, Summary>][]),
  ];
}

/** The S3 backend's table (wall time, ratios, bytes uploaded) and the targets on every backend. */
export function backendSection(r: Results): string[] {
  const lines: string[] = [];
  const s3 = r.backendSummary?.s3;
  if (s3) {
    lines.push(
      "",
      "## The S3 backend (MinIO)",
      "",
      "The same runs with the state in a MinIO bucket (`testing/minioServer.ts`), the engine talking to it through a " +
        "counting proxy on 127.0.0.1 (`bench/backends.ts`). raw is the same API floor as above. **uploaded** is the " +
        "median of the bytes of the PUT bodies the engine sent during the operation (MiB, noop / ours) and the PUTs of ours.",
      "",
      "| N | operation | raw | noop | ours | ratio | uploaded MiB noop / ours | PUTs ours |",
      "| --: | --- | --: | --: | --: | --: | --: | --: |",
    );
    for (const n of r.settings.ns) {
      const sum = s3[String(n)];
      if (!sum) continue;
      const up = r.uploads?.[String(n)];
      for (const [op, label] of OPS) {
        if (sum.medianMs.noop[op] === undefined && sum.medianMs.ours[op] === undefined) continue;
        const ratio = sum.ratios[op as keyof typeof sum.ratios];
        lines.push(
          `| ${n} | ${label} | ${s(sum.medianMs.raw[op])} | ${s(sum.medianMs.noop[op])} | ${s(sum.medianMs.ours[op])} | ` +
            `${ratio?.toFixed(2) ?? "–"} | ${mib(up?.noop[op]?.bytes)} / ${mib(up?.ours[op]?.bytes)} | ${up?.ours[op]?.puts ?? "–"} |`,
        );
      }
    }
  }
  lines.push(
    "",
    "## Targets (issue 13)",
    "",
    "up and destroy ≤ 1.15 × (noop + raw) at N = 100 and ≤ 1.3 × at N = 500; a no-change preview ≤ 1.2 × noop at N = 100.",
    "",
    "| backend | N | operation | target | measured | |",
    "| --- | --: | --- | --: | --: | --- |",
  );
  for (const [backend, byN] of summaries(r)) {
    for (const t of TARGETS) {
      const ratio = byN[String(t.n)]?.ratios[t.op];
      if (ratio === undefined) continue;
      const verdict = ratio <= t.max ? "met" : `missed by ${Math.round((ratio / t.max - 1) * 100)} %`;
      lines.push(`| ${backend} | ${t.n} | ${t.op} | ${t.max} | ${ratio.toFixed(2)} | ${verdict} |`);
    }
  }
  return lines;
}
