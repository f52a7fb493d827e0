import { backendSection } from "./backendReport";
import { packageFaceSection } from "./packageFace";
import type { Operation, Results, RequestStats } from "./results";

const LABELS: Record<Operation, string> = {
  preview: "preview (N creates)",
  up: "up",
  previewNoChange: "preview (no change)",
  refresh: "refresh",
  destroy: "destroy",
};

const s = (ms?: number) => (ms === undefined ? "–" : (ms / 1000).toFixed(2));
const kb = (b?: number) => (b === undefined ? "–" : (b / 1024).toFixed(1));
const reqs = (r: RequestStats) => `${r.token} / ${r.create} / ${r.freeze}`;

/** latest.md: the tables of one run. */
export function markdown(r: Results): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `# pulumi-bcs bench — ${String(m.date).slice(0, 10)}`,
    "",
    `${m.nproc} CPU (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, pulumi ${m.pulumi} ` +
      `(@pulumi/pulumi ${m.pulumiNodejsSdk}), code ${m.code}, \`--parallel ${r.settings.parallel}\` for the engine and raw. ` +
      `Whole bench: ${(r.totalMs / 60000).toFixed(1)} min. Repeats per N: ` +
      r.settings.ns.map((n, i) => `${n}: ${r.settings.repeats[i]}`).join(", ") +
      " (median shown; with 1 repeat it is that single run).",
    "",
    "Wall time in seconds. **ratio** is ours / (noop + raw) for up and destroy, ours / noop otherwise " +
      "(1.00 = no overhead above the floors). Provider peak is the highest VmHWM of the dynamic-provider " +
      "node process (MiB), noop / ours. Requests are what the emulator saw in the first repeat: IAM token / " +
      "create / freeze (raw first, then ours).",
    "",
    "| N | operation | raw | noop | ours | ratio | provider peak MiB | requests raw → ours |",
    "| --: | --- | --: | --: | --: | --: | --: | --- |",
  );
  for (const n of r.settings.ns) {
    const sum = r.summary[String(n)];
    if (!sum) continue;
    for (const op of ["preview", "up", "previewNoChange", "refresh", "destroy"] as Operation[]) {
      // Not run at this N (BENCH_UP_DESTROY_FROM_N).
      if (sum.medianMs.noop[op] === undefined && sum.medianMs.ours[op] === undefined) continue;
      const ratio = sum.ratios[op as keyof typeof sum.ratios];
      const peak = `${sum.providerPeakMiB.noop[op] ?? "–"} / ${sum.providerPeakMiB.ours[op] ?? "–"}`;
      const requests =
        op === "up"
          ? `${reqs(sum.requests.rawUp)} → ${reqs(sum.requests.oursUp)}`
          : op === "destroy"
            ? `${reqs(sum.requests.rawDestroy)} → ${reqs(sum.requests.oursDestroy)}`
            : "";
      lines.push(
        `| ${n} | ${LABELS[op]} | ${s(sum.medianMs.raw[op])} | ${s(sum.medianMs.noop[op])} | ` +
          `${s(sum.medianMs.ours[op])} | ${ratio?.toFixed(2) ?? "–"} | ${peak} | ${requests} |`,
      );
    }
  }

  lines.push(...backendSection(r));

  lines.push(
    "",
    "## Where the CPU goes (median CPU seconds per run, by process)",
    "",
    "*engine* is the pulumi CLI (Go: planning, gRPC, checkpointing the state after every step), *program* " +
      "the Node.js program, *provider* the dynamic-provider process, *emulator+raw* this process (the " +
      "in-process emulator, and the raw client in the raw rows), *foreign* everything else the machine ran " +
      "meanwhile (other users' jobs: a noise indicator), *load* the 1-minute load average at the end.",
    "",
    "| N | series | operation | wall s | engine | program | provider | emulator+raw | foreign | load |",
    "| --: | --- | --- | --: | --: | --: | --: | --: | --: | --: |",
  );
  for (const n of r.settings.ns) {
    const sum = r.summary[String(n)];
    if (!sum) continue;
    for (const op of ["up", "destroy"] as Operation[])
      for (const series of ["raw", "noop", "ours"] as const) {
        const c = sum.cpuS[series][op];
        if (!c) continue;
        const f = (x: number) => x.toFixed(1);
        lines.push(
          `| ${n} | ${series} | ${op} | ${s(sum.medianMs[series][op])} | ${f(c.engine)} | ${f(c.program)} | ` +
            `${f(c.provider)} | ${f(c.bench)} | ${f(c.foreign)} | ${sum.load1[series][op]?.toFixed(1) ?? "–"} |`,
        );
      }
  }

  lines.push(
    "",
    "## State per certificate (`pulumi stack export` of the ours stack after up)",
    "",
    "KiB per resource. *entry* is one resource's compact JSON; `__provider` counts its copies in inputs " +
      "and outputs; *material* is what holds the certificate and key: mspPublic + mspSecret (secret), or in " +
      "results from before issue 13 certificatePem + caCertificatePem + privateKeyPem + archive; *rest* is entry − `__provider` − material (URN, type, inputs, other outputs, metadata).",
    "",
    "| N | export KiB / resource | state file KiB / resource | entry | `__provider` (copies) | material | rest | emulator state.json after up, MiB |",
    "| --: | --: | --: | --: | --: | --: | --: | --: |",
  );
  for (const key of r.settings.ns.flatMap((n) => [String(n), `noop-${n}`])) {
    const z = r.stateSize[key];
    if (!z) continue;
    const n = Number(key.replace("noop-", ""));
    lines.push(
      `| ${key.startsWith("noop") ? `${n} (noop)` : n} | ${kb(z.exportBytesPerResource)} | ${kb(z.stateFileBytes !== undefined ? z.stateFileBytes / n : undefined)} | ` +
        `${kb(z.entryBytes)} | ${kb(z.providerBytes)} (${z.providerCopies}) | ${kb(z.materialBytes)} | ${kb(z.restBytes)} | ` +
        `${key.startsWith("noop") ? "–" : ((r.emulatorStateBytes[key] ?? 0) / 2 ** 20).toFixed(1)} |`,
    );
  }
  const any = r.stateSize[String(r.settings.ns[0])];
  if (any) {
    lines.push(
      "",
      "Material per field (bytes, JSON-encoded): " +
        Object.entries(any.materialFields)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") +
        `. Of the rest, the engine's \`stackTrace\` + \`sourcePosition\` take ${any.stackTraceBytes} bytes.`,
    );
  }

  lines.push(...packageFaceSection(r));

  if (r.skipCheckpoints) {
    const d = r.skipCheckpoints;
    const sum = r.summary[String(d.n)];
    lines.push(
      "",
      `## Diagnostic: ours at N=${d.n} with \`PULUMI_SKIP_CHECKPOINTS=true\` (one run, not in the table)`,
      "",
      `up ${s(d.upMs)} s (engine CPU ${d.upEngineCpuS} s) against ${s(sum?.medianMs.ours.up)} s ` +
        `(engine CPU ${sum?.cpuS.ours.up?.engine.toFixed(1) ?? "–"} s) with checkpoints; destroy ${s(d.destroyMs)} s ` +
        `(engine CPU ${d.destroyEngineCpuS} s) against ${s(sum?.medianMs.ours.destroy)} s ` +
        `(engine CPU ${sum?.cpuS.ours.destroy?.engine.toFixed(1) ?? "–"} s). The difference is the cost of ` +
        "rewriting the whole state file after every step, which grows with the bytes stored per resource.",
    );
  }

  if (r.profile) {
    const p = r.profile;
    lines.push(
      "",
      `## CPU profile: one ours up at N=${p.n} with a V8 profiler preload (bench/cpuProfilePreload.ts; ${s(p.upMs)} s, not in the table)`,
      "",
    );
    const preview = p.previewNoChange;
    for (const [kind, profiles] of [
      ["dynamic provider", p.provider],
      ["program", p.program],
      ...(preview
        ? ([
            [`program of ours, no-change preview (${s(preview.oursMs)} s)`, preview.ours],
            [`program of noop, no-change preview (${s(preview.noopMs)} s)`, preview.noop],
          ] as const)
        : []),
      ...(p.destroy
        ? ([[`dynamic provider of ours destroy (${s(p.destroy.ms)} s)`, p.destroy.provider]] as const)
        : []),
    ] as const) {
      for (const prof of profiles) {
        lines.push(
          `**${kind}** (${prof.file.split("/").pop()}): ${s(prof.totalMs)} s profiled, ${s(prof.totalMs - prof.idleMs)} s busy.`,
          "",
          "| self ms | % of busy | function |",
          "| --: | --: | --- |",
          ...prof.top.map((e) => `| ${e.selfMs} | ${e.percent} | \`${e.name.replace(/\|/g, "\\|")}\` |`),
          "",
          "By origin: " +
            prof.byOrigin.map((e) => `${e.name} ${e.selfMs} ms (${e.percent}%)`).join(", ") +
            ".",
          "",
        );
      }
      if (profiles.length === 0) lines.push(`**${kind}**: no profile was written.`, "");
    }
  }

  lines.push(
    "",
    "Chart: `latest.png` (and `latest.svg`; Vega-Lite, bench/charts/) — median wall time per certificate " +
      "(ms, y) against N (log scale, x) for raw (green), noop (blue) and ours (red), solid on the file " +
      "backend and dashed on S3, left `pulumi up`, right `pulumi destroy`; below, the MiB the engine " +
      "uploaded to the S3 backend per `pulumi up` (log scale).",
    "",
  );
  return lines.join("\n");
}
