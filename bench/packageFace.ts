import type { FaceCpu, PackageFaceSummary, Results, Run } from "./results";
import type { StateSize } from "./stateSize";
import { median } from "./summary";

/** Per N at which the package series ran: the medians of ours and package, up and destroy, on `backend`. */
export function packageFaceSummary(runs: Run[], backend = "file"): Record<string, PackageFaceSummary> {
  const out: Record<string, PackageFaceSummary> = {};
  const on = runs.filter((r) => (r.backend ?? "file") === backend);
  const ns = [...new Set(on.filter((r) => r.series === "package").map((r) => r.n))].sort((a, b) => a - b);
  for (const n of ns) {
    const of = (series: "ours" | "package", op: "up" | "destroy") =>
      on.filter((r) => r.n === n && r.series === series && r.op === op);
    const med = (series: "ours" | "package", op: "up" | "destroy") => {
      const ms = of(series, op).map((r) => r.ms);
      return ms.length ? median(ms) : undefined;
    };
    const cpu = (series: "ours" | "package"): FaceCpu | undefined => {
      const rs = of(series, "up");
      if (!rs.length) return undefined;
      const m = (f: (c: Run["cpuS"]) => number) => Math.round(median(rs.map((r) => f(r.cpuS))) * 10) / 10;
      return {
        engine: m((c) => c.engine),
        programAndHost: m((c) => c.program + c.languageHost),
        provider: m((c) => c.provider),
      };
    };
    out[String(n)] = {
      upMs: { ours: med("ours", "up"), package: med("package", "up") },
      destroyMs: { ours: med("ours", "destroy"), package: med("package", "destroy") },
      upCpuS: { ours: cpu("ours"), package: cpu("package") },
      repeats: on.filter((r) => r.n === n && r.series === "package" && r.op === "up").length,
    };
  }
  return out;
}

const s = (ms?: number) => (ms === undefined ? "–" : (ms / 1000).toFixed(2));
const kib = (b?: number) => (b === undefined ? "–" : (b / 1024).toFixed(1));
const cpuCell = (c?: FaceCpu) =>
  c ? `${c.engine.toFixed(1)} / ${c.programAndHost.toFixed(1)} / ${c.provider.toFixed(1)}` : "–";
const ratio = (a?: number, b?: number) => (a !== undefined && b ? (a / b).toFixed(2) : "–");

/** The section of latest.md: wall time and state per certificate of both faces, per N. */
export function packageFaceSection(r: Pick<Results, "packageFace" | "stateSize">): string[] {
  const faces = r.packageFace ?? {};
  if (Object.keys(faces).length === 0) return [];
  const lines = [
    "",
    "## The package face beside the dynamic face",
    "",
    "The same N UserCertificates (non-safe mode, the same names) on the file backend: **ours** is the " +
      "dynamic face, a Node.js program (bench/program, `pulumi-language-nodejs`) whose resources carry a " +
      "`__provider`; **package** is the `bcs` plugin (package/) under a generated Pulumi YAML program " +
      "(bench/packageProgram.ts, `pulumi-language-yaml`). The language hosts differ, so the wall times " +
      "compare the two ways a user meets the provider, not the provider alone. Median wall time in " +
      "seconds; state is `pulumi stack export` after the first up, KiB per certificate (*entry*: one " +
      "resource's compact JSON; *material*: the packed folder, and in the package's state also the PEMs, " +
      "which the TypeScript SDK derives in the program instead; see the model's `package` flags). *up CPU s*: " +
      "median CPU seconds of up, the pulumi CLI / the program with its language host (a YAML program runs " +
      "inside `pulumi-language-yaml`) / the provider (the dynamic-provider process, or the plugin's).",
    "",
    "| N | face | language host | up s | destroy s | up CPU s | export KiB / cert | entry | `__provider` | material | rest |",
    "| --: | --- | --- | --: | --: | --- | --: | --: | --: | --: | --: |",
  ];
  for (const [key, f] of Object.entries(faces)) {
    const n = Number(key);
    for (const face of ["ours", "package"] as const) {
      const z: StateSize | undefined = r.stateSize[face === "ours" ? key : `package-${key}`];
      lines.push(
        `| ${n} | ${face === "ours" ? "ours (dynamic)" : `package (${f.repeats} run${f.repeats === 1 ? "" : "s"})`} | ` +
          `${face === "ours" ? "Node.js" : "YAML"} | ${s(f.upMs[face])} | ${s(f.destroyMs[face])} | ${cpuCell(f.upCpuS?.[face])} | ` +
          `${kib(z?.exportBytesPerResource)} | ${kib(z?.entryBytes)} | ${z ? kib(z.providerBytes) : "–"} | ` +
          `${kib(z?.materialBytes)} | ${kib(z?.restBytes)} |`,
      );
    }
    const zo = r.stateSize[key];
    const zp = r.stateSize[`package-${key}`];
    lines.push(
      `| ${n} | package / ours | | ${ratio(f.upMs.package, f.upMs.ours)} | ${ratio(f.destroyMs.package, f.destroyMs.ours)} | | ` +
        `${ratio(zp?.exportBytesPerResource, zo?.exportBytesPerResource)} | ${ratio(zp?.entryBytes, zo?.entryBytes)} | | | |`,
    );
  }
  const first = r.stateSize[`package-${Object.keys(faces)[0]}`];
  if (first)
    lines.push(
      "",
      "Package material per field (bytes, JSON-encoded): " +
        Object.entries(first.materialFields)
          .filter(([, bytes]) => bytes > 0)
          .map(([field, bytes]) => `${field} ${bytes}`)
          .join(", ") +
        ".",
    );
  return lines;
}
