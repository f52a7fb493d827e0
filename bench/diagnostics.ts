import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type ProfileSummary } from "./cpuProfile";
import { log } from "./log";
import type { Results } from "./results";
import type { BenchSession } from "./session";

/** The runs after the main ones, not part of the tables: they explain where the time goes. */

/**
 * How much of ours' up and destroy is the engine writing a checkpoint of the whole state after every
 * step (the file backend's behaviour; PULUMI_SKIP_CHECKPOINTS=true turns it off). N = 0 skips it.
 */
export async function skipCheckpointsRun(
  bench: BenchSession,
  n: number,
): Promise<Results["skipCheckpoints"]> {
  if (n <= 0) return undefined;
  const { engine, sampler, dirs } = bench;
  log(`diagnostic: ours up and destroy at N=${n} with PULUMI_SKIP_CHECKPOINTS=true (not in the table)`);
  const stack = await bench.stackFor("ours", n);
  await sampler.take();
  const up = await engine.run(dirs.ours, bench.argsOf("up", stack), { PULUMI_SKIP_CHECKPOINTS: "true" });
  const upEngineCpuS = (await sampler.take()).byKind.engine.cpuS;
  const destroy = await engine.run(dirs.ours, bench.argsOf("destroy", stack), {
    PULUMI_SKIP_CHECKPOINTS: "true",
  });
  const destroyEngineCpuS = (await sampler.take()).byKind.engine.cpuS;
  bench.counter.take();
  log(
    `  up ${(up.ms / 1000).toFixed(2)} s (engine CPU ${upEngineCpuS} s), ` +
      `destroy ${(destroy.ms / 1000).toFixed(2)} s (engine CPU ${destroyEngineCpuS} s)`,
  );
  return { n, upMs: Math.round(up.ms), destroyMs: Math.round(destroy.ms), upEngineCpuS, destroyEngineCpuS };
}

/** Environment that loads the profiling preload into every node process of a run. */
function profiled(dir: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--require ${join(__dirname, "cpuProfilePreload.js")}`,
    BENCH_CPU_PROF_DIR: dir,
  };
}

function profilesOf(dir: string, pids: number[]): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile") && pids.includes(Number(f.split(".")[1])))
    .map((f) => summarize(join(dir, f)));
}

/** The program of a no-change preview at N, profiled (for noop, on a stack brought up for it and destroyed after). */
async function profiledPreview(bench: BenchSession, series: "noop" | "ours", n: number) {
  const { engine, sampler, dirs } = bench;
  const dir = mkdtempSync(join(tmpdir(), `pulumi-bcs-bench-cpuprof-preview-${series}-`));
  const stack = await bench.stackFor(series, n);
  if (series === "noop") await engine.run(dirs.noop, bench.argsOf("up", stack));
  await sampler.take();
  const run = await engine.run(dirs[series], bench.argsOf("previewNoChange", stack), profiled(dir));
  const pids = (await sampler.take()).byKind.program.pids;
  if (series === "noop") await engine.run(dirs.noop, bench.argsOf("destroy", stack));
  return { ms: Math.round(run.ms), profiles: profilesOf(dir, pids) };
}

/**
 * A CPU profile of one ours up at N (provider and program), of the program of a no-change preview,
 * ours and noop, and of the provider of the destroy that follows. The `.cpuprofile` files stay in
 * temporary directories named in the log. N = 0 skips it.
 */
export async function cpuProfileRun(bench: BenchSession, n: number): Promise<Results["profile"]> {
  if (n <= 0) return undefined;
  const { engine, sampler, dirs } = bench;
  log(`CPU profile: one ours up at N=${n} with a profiling preload in NODE_OPTIONS (not in the table)`);
  // Kept after the run (outside the scratch dir) for a closer look, e.g. in Chrome DevTools.
  const profDir = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-cpuprof-"));
  const stack = await bench.stackFor("ours", n);
  await sampler.take();
  const { ms } = await engine.run(dirs.ours, bench.argsOf("up", stack), profiled(profDir));
  const mem = (await sampler.take()).byKind;
  const oursPreview = await profiledPreview(bench, "ours", n);
  const noopPreview = await profiledPreview(bench, "noop", n);
  const destroyDir = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-cpuprof-destroy-"));
  await sampler.take();
  const destroy = await engine.run(dirs.ours, bench.argsOf("destroy", stack), profiled(destroyDir));
  const destroyPids = (await sampler.take()).byKind.provider.pids;
  const files = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
  const profile: Results["profile"] = {
    n,
    upMs: Math.round(ms),
    provider: profilesOf(profDir, mem.provider.pids),
    program: profilesOf(profDir, mem.program.pids),
    previewNoChange: {
      oursMs: oursPreview.ms,
      noopMs: noopPreview.ms,
      ours: oursPreview.profiles,
      noop: noopPreview.profiles,
    },
    destroy: { ms: Math.round(destroy.ms), provider: profilesOf(destroyDir, destroyPids) },
  };
  if (profile.provider.length === 0)
    log(`no provider profile written (files: ${files.join(", ") || "none"})`);
  log(
    `profiles in ${profDir} and ${destroyDir} (provider pids ${mem.provider.pids.join(", ")}, program pids ${mem.program.pids.join(", ")})`,
  );
  return profile;
}
