/**
 * `npm run bench`: raw API floor, engine floor (noop dynamic resources) and UserCertificate, for N
 * certificates, against one in-process emulator. See bench/README.md.
 *
 * Environment (all optional): BENCH_NS="10,100,500", BENCH_REPEATS="3,3,1" (per N), BENCH_PARALLEL=16,
 * BENCH_PROFILE_N=100 (0 skips the CPU profile run), PULUMI_BCS_ENGINE_BIN (else scripts/engine.sh).
 */
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { cpuProfileRun, skipCheckpointsRun } from "./diagnostics";
import { log } from "./log";
import { resultsDir, writeResults } from "./output";
import type { Results } from "./results";
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
}

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
  };
}

async function warmUp(bench: BenchSession): Promise<void> {
  log("warm-up: N=1 of each series (not recorded)");
  await bench.rawCycle(1, 0, false);
  await bench.engineCycle("noop", 1, 0, false);
  await bench.engineCycle("ours", 1, 0, false);
}

/** The runs of the tables: every N, every repeat, the series interleaved. */
async function measure(bench: BenchSession, plan: BenchPlan): Promise<void> {
  for (const [i, n] of plan.ns.entries()) {
    for (let rep = 0; rep < plan.repeats[i]; rep++) {
      // Interleaved, so that each series meets the emulator at about the same state size.
      await bench.rawCycle(n, rep);
      await bench.engineCycle("noop", n, rep);
      await bench.engineCycle("ours", n, rep);
    }
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
  const bench = await BenchSession.start(plan.parallel);
  try {
    log(
      `engine ${bench.bin} (pulumi ${bench.pulumiVersion}), emulator ${bench.emulator.url}, --parallel ${plan.parallel}`,
    );
    await warmUp(bench);
    await measure(bench, plan);
    const skipCheckpoints = await skipCheckpointsRun(bench, plan.diagN);
    const profile = await cpuProfileRun(bench, plan.profileN);
    writeResults({
      machine: machine(bench.pulumiVersion),
      settings: { ns: plan.ns, repeats: plan.repeats, parallel: plan.parallel, sampleIntervalMs: 200 },
      runs: bench.runs,
      summary: summarizeRuns(bench.runs, plan.ns),
      stateSize: bench.stateSizes,
      emulatorStateBytes: bench.emulatorStateBytes,
      skipCheckpoints,
      profile,
      totalMs: Date.now() - started,
    });
  } finally {
    await bench.close();
  }
}

/** `node dist/bench/run.js --render`: rebuilds latest.md and latest.png from latest.json. */
function render(): void {
  writeResults(JSON.parse(readFileSync(join(resultsDir, "latest.json"), "utf8")) as Results);
}

const entry = process.argv.includes("--render")
  ? Promise.resolve().then(render)
  : process.env.BENCH_SNAPSHOT
    ? main()
    : inSnapshot().then((status) => process.exit(status));
entry.catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
