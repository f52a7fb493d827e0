/**
 * `npm run bench`: raw API floor, engine floor (noop dynamic resources) and UserCertificate, for N
 * certificates, against one in-process emulator. See bench/README.md.
 *
 * Environment (all optional): BENCH_NS="10,100,500", BENCH_REPEATS="3,3,1" (per N), BENCH_PARALLEL=16,
 * BENCH_PROFILE_N=100 (0 skips the CPU profile run), BENCH_BACKENDS=file,s3 (the first is the
 * primary: the diagnostic, the profile and the state size run on it), BENCH_PACKAGE_NS=100 (the Ns of
 * BENCH_NS at which the package series runs, on the primary backend; 0 skips it), BENCH_WARMUP=0 (skips
 * the N=1 warm-up), BENCH_UP_DESTROY_FROM_N=500 (from this N on, noop and ours run only up and destroy,
 * the operations with targets there; unset runs every operation at every N), PULUMI_BCS_ENGINE_BIN
 * (else scripts/engine.sh).
 */
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { BACKENDS, type BackendName } from "./backends";
import { backendSummaries, runsOn, uploadSummary } from "./backendSummary";
import { cpuProfileRun, skipCheckpointsRun } from "./diagnostics";
import { log } from "./log";
import { resultsDir, writeResults } from "./output";
import { packageFaceSummary } from "./packageFace";
import { OPERATIONS, type Operation, type Results } from "./results";
import { BenchSession } from "./session";
import { inSnapshot } from "./snapshot";
import { summarizeRuns } from "./summary";

/** What to run, from the environment. */
interface BenchPlan {
  ns: number[];
  /** Repeats per N (the last value holds for the N past the list's end). */
  repeats: number[];
  parallel: number;
  /** N of the PULUMI_SKIP_CHECKPOINTS diagnostic; 0 skips it. */
  diagN: number;
  /** N of the CPU profile run; 0 skips it. */
  profileN: number;
  backends: BackendName[];
  /** The Ns at which the package series runs beside ours (on the primary backend). */
  packageNs: number[];
  /** From this N on, noop and ours run only up and destroy. */
  upDestroyFromN: number;
  warmUp: boolean;
}

/**
 * The package series' operations (issue 14 compares up's time and state, and destroy), and those of
 * noop and ours from BENCH_UP_DESTROY_FROM_N on (the targets at N = 500 are on up and destroy).
 */
const UP_DESTROY: Operation[] = ["up", "destroy"];

function numbers(value: string | undefined, fallback: number[]): number[] {
  return value ? value.split(",").map((v) => Number(v.trim())) : fallback;
}

function planFromEnv(): BenchPlan {
  const ns = numbers(process.env.BENCH_NS, [10, 100, 500]);
  const repeats = numbers(process.env.BENCH_REPEATS, [3, 3, 1]);
  return {
    ns,
    repeats: ns.map((_, i) => repeats[Math.min(i, repeats.length - 1)]),
    parallel: Number(process.env.BENCH_PARALLEL ?? 16),
    diagN: Number(process.env.BENCH_DIAG_N ?? 100),
    profileN: Number(process.env.BENCH_PROFILE_N ?? 100),
    backends: (process.env.BENCH_BACKENDS?.split(",") as BackendName[] | undefined) ?? BACKENDS,
    packageNs: numbers(process.env.BENCH_PACKAGE_NS, [100]).filter((n) => n > 0 && ns.includes(n)),
    upDestroyFromN: Number(process.env.BENCH_UP_DESTROY_FROM_N ?? Infinity),
    warmUp: process.env.BENCH_WARMUP !== "0",
  };
}

async function warmUp(bench: BenchSession, plan: BenchPlan): Promise<void> {
  log("warm-up: N=1 of each series (not recorded)");
  await bench.rawCycle(1, 0, false);
  for (const backend of bench.backends) {
    await bench.engineCycle("noop", 1, 0, false, backend);
    await bench.engineCycle("ours", 1, 0, false, backend);
  }
  if (plan.packageNs.length) await bench.engineCycle("package", 1, 0, false, undefined, UP_DESTROY);
}

/**
 * The runs of the tables: every N, every repeat, the series and backends interleaved. After each N,
 * `done` gets the Ns finished (the results are written then, so a bench cut short keeps them).
 */
async function measure(
  bench: BenchSession,
  plan: BenchPlan,
  done: (ns: number[]) => Promise<void>,
): Promise<void> {
  for (const [i, n] of plan.ns.entries()) {
    const operations = n >= plan.upDestroyFromN ? UP_DESTROY : OPERATIONS;
    for (let rep = 0; rep < plan.repeats[i]; rep++) {
      await bench.freshEmulator();
      // Interleaved, so that each series meets the emulator at about the same state size.
      await bench.rawCycle(n, rep);
      for (const backend of bench.backends) {
        await bench.engineCycle("noop", n, rep, true, backend, operations);
        await bench.engineCycle("ours", n, rep, true, backend, operations);
      }
      if (plan.packageNs.includes(n)) await bench.engineCycle("package", n, rep, true, undefined, UP_DESTROY);
    }
    await done(plan.ns.slice(0, i + 1));
  }
}

function machine(pulumiVersion: string): Results["machine"] {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    pulumi: pulumiVersion,
    pulumiNodejsSdk: require("@pulumi/pulumi/package.json").version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    code: process.env.BENCH_CODE_VERSION ?? "unknown",
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const plan = planFromEnv();
  const bench = await BenchSession.start(plan.parallel, plan.backends);
  const resultsOf = (ns: number[], extra: Pick<Results, "skipCheckpoints" | "profile"> = {}): Results => ({
    machine: machine(bench.pulumiVersion),
    settings: {
      ns,
      repeats: plan.repeats.slice(0, ns.length),
      parallel: plan.parallel,
      sampleIntervalMs: 200,
    },
    runs: bench.runs,
    summary: summarizeRuns(runsOn(bench.runs, "file"), ns),
    backends: plan.backends,
    backendSummary: backendSummaries(bench.runs, plan.backends, (runs) => summarizeRuns(runs, ns)),
    uploads: uploadSummary(bench.runs, ns),
    stateSize: bench.stateSizes,
    emulatorStateBytes: bench.emulatorStateBytes,
    packageFace: packageFaceSummary(bench.runs, plan.backends[0]),
    ...extra,
    totalMs: Date.now() - started,
  });
  try {
    log(
      `engine ${bench.bin} (pulumi ${bench.pulumiVersion}), emulator ${bench.emulator.url}, --parallel ${plan.parallel}`,
    );
    if (plan.warmUp) await warmUp(bench, plan);
    await measure(bench, plan, (ns) => writeResults(resultsOf(ns)));
    const skipCheckpoints = await skipCheckpointsRun(bench, plan.diagN);
    const profile = await cpuProfileRun(bench, plan.profileN);
    await writeResults(resultsOf(plan.ns, { skipCheckpoints, profile }));
  } finally {
    await bench.close();
  }
}

/** `node dist/bench/run.js --render`: rebuilds latest.md and the charts from latest.json. */
function render(): Promise<void> {
  return writeResults(JSON.parse(readFileSync(join(resultsDir, "latest.json"), "utf8")) as Results);
}

const entry = process.argv.includes("--render")
  ? render()
  : process.env.BENCH_SNAPSHOT
    ? main()
    : inSnapshot().then((status) => process.exit(status));
entry.catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
