import { readFile, readdir } from "node:fs/promises";
import { basename } from "node:path";

/**
 * The processes of one engine run, told apart by command line: the dynamic provider (or the bcs
 * plugin), the Pulumi program (run by the language host), the pulumi CLI itself, the language host
 * (Node.js or YAML), anything else.
 */
export type ProcessKind = "provider" | "program" | "engine" | "languageHost" | "other";
export const KINDS: ProcessKind[] = ["provider", "program", "engine", "languageHost", "other"];

export interface PeakMemory {
  /** Highest VmHWM (the kernel's peak resident set) seen, in KiB; 0 when no process was seen. */
  hwmKiB: number;
  /** Highest VmRSS seen, in KiB. */
  rssKiB: number;
  /** Distinct pids seen. */
  pids: number[];
  /** CPU seconds (user + system) these processes used, as last sampled. */
  cpuS: number;
}

export interface Window {
  byKind: Record<ProcessKind, PeakMemory>;
  /** CPU seconds of this process (the emulator and the raw client). */
  benchCpuS: number;
  /** Busy CPU seconds of the whole machine (/proc/stat) in the window. */
  machineCpuS: number;
  /** machineCpuS minus ours and the bench process: other people's work on a shared machine. */
  foreignCpuS: number;
}

const TICK_HZ = 100;

function classify(cmdline: string): ProcessKind {
  const argv = cmdline.split("\0").filter(Boolean);
  const exe = basename(argv[0] ?? "");
  if (exe === "node" && argv.length >= 2) {
    // `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js …` (the launcher's `node -e` probe has argv[1] = -e).
    if (/cmd\/dynamic-provider(\/index\.js)?$/.test(argv[1])) return "provider";
    // The bcs plugin of the package series (package/bin/pulumi-resource-bcs runs it).
    if (/dist\/package\/main\.js$/.test(argv[1])) return "provider";
    if (argv.some((a) => /cmd\/run(\/index\.js)?$/.test(a))) return "program";
  }
  if (exe === "pulumi") return "engine";
  if (exe === "pulumi-language-nodejs" || exe === "pulumi-language-yaml") return "languageHost";
  return "other";
}

function statusKiB(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) : 0;
}

/** utime + stime of /proc/<pid>/stat, in seconds. */
function cpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICK_HZ;
}

async function machineBusyS(): Promise<number> {
  const line = (await readFile("/proc/stat", "utf8")).split("\n")[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) / TICK_HZ;
}

/**
 * Polls /proc every `intervalMs` for the processes of our engine runs — those whose environment holds
 * `marker` (e.g. `PULUMI_HOME=<scratch>/home`), so that other users' pulumi processes on a shared
 * machine are not counted — and keeps, per kind, the highest VmHWM/VmRSS and the CPU time seen since
 * the last `take()`. VmHWM is the kernel's own peak, so the only loss is growth (and CPU time) in the
 * last interval before a process exits.
 */
export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private busy?: Promise<void>;
  private peaks = new Map<ProcessKind, PeakMemory>();
  /** CPU seconds per pid as last sampled, and at the start of the current window. */
  private lastCpu = new Map<number, number>();
  private baseCpu = new Map<number, number>();
  private ours = new Map<number, { mine: boolean; looks: number }>();
  private readonly self = process.pid;
  private benchCpu = process.cpuUsage();
  private machine = 0;

  constructor(
    private readonly marker: string,
    private readonly intervalMs = 200,
  ) {}

  async start(): Promise<void> {
    this.machine = await machineBusyS();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns the figures since the last call and starts a new window. */
  async take(): Promise<Window> {
    await this.tick();
    const empty = (): PeakMemory => ({ hwmKiB: 0, rssKiB: 0, pids: [], cpuS: 0 });
    const byKind = Object.fromEntries(
      KINDS.map((k) => [k, this.peaks.get(k) ?? empty()]),
    ) as Window["byKind"];
    for (const peak of Object.values(byKind))
      peak.cpuS = peak.pids.reduce(
        (sum, pid) => sum + (this.lastCpu.get(pid) ?? 0) - (this.baseCpu.get(pid) ?? 0),
        0,
      );
    const bench = process.cpuUsage(this.benchCpu);
    this.benchCpu = process.cpuUsage();
    const machineNow = await machineBusyS();
    const machineCpuS = machineNow - this.machine;
    this.machine = machineNow;
    const benchCpuS = (bench.user + bench.system) / 1e6;
    const oursS = Object.values(byKind).reduce((sum, p) => sum + p.cpuS, 0);
    // A process that lives on into the next window counts there only what it uses from now on.
    this.peaks = new Map();
    this.baseCpu = new Map(this.lastCpu);
    const r = (x: number) => Math.round(x * 100) / 100;
    for (const peak of Object.values(byKind)) peak.cpuS = r(peak.cpuS);
    return {
      byKind,
      benchCpuS: r(benchCpuS),
      machineCpuS: r(machineCpuS),
      foreignCpuS: r(Math.max(0, machineCpuS - benchCpuS - oursS)),
    };
  }

  private tick(): Promise<void> {
    if (!this.busy) this.busy = this.scan().finally(() => (this.busy = undefined));
    return this.busy;
  }

  private async scan(): Promise<void> {
    try {
      const entries = await readdir("/proc");
      await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => this.sample(Number(e))));
    } catch {
      // /proc unavailable: no samples.
    }
  }

  private async sample(pid: number): Promise<void> {
    if (pid === this.self) return;
    let known = this.ours.get(pid);
    // A freshly forked process shows its parent's environment until it execs: look a few times
    // before deciding it is not ours.
    if (!known || (!known.mine && known.looks < 3)) {
      let environ: string;
      try {
        environ = await readFile(`/proc/${pid}/environ`, "latin1");
      } catch {
        return;
      }
      known = { mine: environ.split("\0").includes(this.marker), looks: (known?.looks ?? 0) + 1 };
      this.ours.set(pid, known);
    }
    if (!known.mine) return;
    let cmdline: string, status: string, stat: string;
    try {
      [cmdline, status, stat] = await Promise.all([
        readFile(`/proc/${pid}/cmdline`, "utf8"),
        readFile(`/proc/${pid}/status`, "utf8"),
        readFile(`/proc/${pid}/stat`, "utf8"),
      ]);
    } catch {
      return;
    }
    const kind = classify(cmdline);
    const peak = this.peaks.get(kind) ?? { hwmKiB: 0, rssKiB: 0, pids: [], cpuS: 0 };
    peak.hwmKiB = Math.max(peak.hwmKiB, statusKiB(status, "VmHWM"));
    peak.rssKiB = Math.max(peak.rssKiB, statusKiB(status, "VmRSS"));
    if (!peak.pids.includes(pid)) peak.pids.push(pid);
    this.peaks.set(kind, peak);
    this.lastCpu.set(pid, cpuSeconds(stat));
  }
}
