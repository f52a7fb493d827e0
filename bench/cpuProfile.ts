import { readFileSync } from "node:fs";

/** A V8 .cpuprofile as written by `node --cpu-prof`. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time of (idle): the process waiting for I/O or the engine. */
  idleMs: number;
  /** Top functions by self time, excluding (idle). */
  top: ProfileEntry[];
  /** Self time grouped by where the code lives (package, node internals, GC, our code). */
  byOrigin: ProfileEntry[];
}

function origin(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native/V8)";
  if (url.startsWith("node:")) return "node internals";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm && nm[1] !== "pulumi-bcs") return nm[1];
  if (url.includes("/dist/")) return "pulumi-bcs (dist)";
  if (url.startsWith("file://") || url.startsWith("/")) return "other files";
  return "(eval / requireFromString)";
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/dist\//, "dist/");
}

export function summarize(file: string, topN = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const origins = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const f = byId.get(p.samples[i]);
    if (!f) continue;
    if (f.functionName === "(idle)") {
      idle += ms;
      continue;
    }
    const name = `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    self.set(name, (self.get(name) ?? 0) + ms);
    const o = origin(f.url, f.functionName);
    origins.set(o, (origins.get(o) ?? 0) + ms);
  }
  const busy = total - idle || 1;
  const entries = (m: Map<string, number>, limit: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, selfMs: Math.round(ms), percent: Math.round((ms / busy) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(total),
    idleMs: Math.round(idle),
    top: entries(self, topN),
    byOrigin: entries(origins, 12),
  };
}
