/**
 * `npm run bench`: raw API floor, engine floor (noop dynamic resources) and UserCertificate, for N
 * certificates, against one in-process emulator. See bench/README.md.
 *
 * Environment (all optional): BENCH_NS="10,100,500", BENCH_REPEATS="3,3,1" (per N), BENCH_PARALLEL=16,
 * BENCH_PROFILE_N=100 (0 skips the CPU profile run), BENCH_BACKENDS=file,s3, BENCH_WARMUP=0 (skips
 * the N=1 warm-up), PULUMI_BCS_ENGINE_BIN (else scripts/engine.sh).
 */
import { execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator } from "../emulator/server";
import { resolveSettings } from "../provider/settings";
import { fixtureCredentials } from "../tests/support/fixture";
import { BACKENDS, fileBackend, s3Backend, type Backend, type BackendName, type Uploads } from "./backends";
import { backendSummaries, uploadSummary, type UploadSummary } from "./backendSummary";
import { writeCharts } from "./charts/write";
import { summarize, type ProfileSummary } from "./cpuProfile";
import { Engine, engineBin, programDir } from "./engine";
import { rawDestroy, rawUp, type RawTarget } from "./raw";
import { markdown } from "./report";
import { MemorySampler, type PeakMemory, type Window } from "./sampler";
import { stateSize, type StateSize } from "./stateSize";
import { installPackageCopy } from "../scripts/installedPackage";
import { minioBin } from "../scripts/minioServer";

export type Series = "raw" | "noop" | "ours";
export type Operation = "preview" | "up" | "previewNoChange" | "refresh" | "destroy";
export const OPERATIONS: Operation[] = ["preview", "up", "previewNoChange", "refresh", "destroy"];

export interface RequestStats {
  token: number;
  create: number;
  freeze: number;
  other: number;
  /** Sum of the emulator's own handling time (from its request log), ms. */
  serverMs: number;
}

export interface Run {
  n: number;
  series: Series;
  /** The state store of noop and ours runs; undefined for raw (and in results from before issue 13: file). */
  backend?: BackendName;
  /** What the engine uploaded to the S3 backend during the run. */
  uploads?: Uploads;
  op: Operation;
  rep: number;
  ms: number;
  requests: RequestStats;
  /** The dynamic provider process(es): peak memory, pids, CPU seconds. */
  provider: PeakMemory;
  /** The program process. */
  program: PeakMemory;
  /** CPU seconds by process: the pulumi CLI (engine), language host, others (launcher sh, node -e), this process (emulator, raw client), and everyone else's on the machine. */
  cpuS: {
    engine: number;
    program: number;
    provider: number;
    languageHost: number;
    other: number;
    bench: number;
    foreign: number;
  };
  /** Peak memory of the pulumi CLI, KiB. */
  engineHwmKiB: number;
  /** 1-minute load average at the end of the run. */
  load1: number;
}

export interface Results {
  machine: Record<string, string | number>;
  settings: { ns: number[]; repeats: number[]; parallel: number; sampleIntervalMs: number };
  runs: Run[];
  /** Per N: medians (ms) per series and operation, and the ratios, on the file backend. */
  summary: Record<string, Summary>;
  /** The backends measured; absent in results from before issue 13 (file only). */
  backends?: BackendName[];
  /** As `summary`, per backend other than file (raw is the same API floor for every backend). */
  backendSummary?: Partial<Record<BackendName, Record<string, Summary>>>;
  /** Per N: median bytes uploaded to the S3 backend per series and operation. */
  uploads?: Record<string, UploadSummary>;
  stateSize: Record<string, StateSize & { stateFileBytes?: number }>;
  emulatorStateBytes: Record<string, number>;
  skipCheckpoints?: {
    n: number;
    upMs: number;
    destroyMs: number;
    upEngineCpuS: number;
    destroyEngineCpuS: number;
  };
  profile?: {
    n: number;
    upMs: number;
    provider: ProfileSummary[];
    program: ProfileSummary[];
    /** The program of a no-change preview, ours and noop side by side (that preview's cost is the program's). */
    previewNoChange?: { oursMs: number; noopMs: number; ours: ProfileSummary[]; noop: ProfileSummary[] };
  };
  totalMs: number;
}

export interface Summary {
  medianMs: Record<Series, Partial<Record<Operation, number>>>;
  ratios: { up?: number; destroy?: number; preview?: number; previewNoChange?: number; refresh?: number };
  /** Highest peak of the dynamic provider process over the repeats, MiB. */
  providerPeakMiB: Record<"noop" | "ours", Partial<Record<Operation, number>>>;
  /** Median CPU seconds by process, per series and operation. */
  cpuS: Record<Series, Partial<Record<Operation, Run["cpuS"]>>>;
  /** Median 1-minute load average at the end of the runs, per series and operation. */
  load1: Record<Series, Partial<Record<Operation, number>>>;
  /** Requests the emulator saw in one `ours` up and destroy (first repeat). */
  requests: Record<"rawUp" | "oursUp" | "rawDestroy" | "oursDestroy", RequestStats>;
}

const repo = resolve(__dirname, "../..");
const outDir = process.env.BENCH_RESULTS_DIR ?? join(repo, "bench/results");

function numbers(value: string | undefined, fallback: number[]): number[] {
  return value ? value.split(",").map((v) => Number(v.trim())) : fallback;
}

/** Counts the emulator's requests by reading its request log (BCS_EMULATOR_LOG=1) off stderr. */
class RequestCounter {
  private stats = RequestCounter.empty();

  static empty(): RequestStats {
    return { token: 0, create: 0, freeze: 0, other: 0, serverMs: 0 };
  }

  install(): void {
    const write = process.stderr.write.bind(process.stderr);
    const pattern = /^(GET|POST|PUT|DELETE|PATCH) (\S+) (\S+) (\d+)ms$/;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const lines = text.split("\n").filter(Boolean);
      if (lines.length > 0 && lines.every((l) => pattern.test(l))) {
        for (const line of lines) {
          const [, , path, , ms] = pattern.exec(line)!;
          if (path === "/v3/auth/tokens") this.stats.token++;
          else if (/\/usercert\/[^/]+\/(un)?freeze$/.test(path)) this.stats.freeze++;
          else if (/\/usercert\/[^/]+$/.test(path)) this.stats.create++;
          else this.stats.other++;
          this.stats.serverMs += Number(ms);
        }
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
  }

  take(): RequestStats {
    const s = this.stats;
    this.stats = RequestCounter.empty();
    return s;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (msg: string) =>
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const ns = numbers(process.env.BENCH_NS, [10, 100, 500]);
  const repeats = numbers(process.env.BENCH_REPEATS, [3, 3, 1]);
  const parallel = Number(process.env.BENCH_PARALLEL ?? 16);
  const profileN = Number(process.env.BENCH_PROFILE_N ?? 100);
  const bin = engineBin();
  const backendNames = (process.env.BENCH_BACKENDS?.split(",") ?? BACKENDS) as BackendName[];
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-"));
  mkdirSync(join(scratch, "state"));
  const pulumiVersion = execFileSync(join(bin, "pulumi"), ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: join(scratch, "home") },
  }).trim();
  process.env.BCS_EMULATOR_LOG = "1";
  const counter = new RequestCounter();
  counter.install();
  const emulatorDir = join(scratch, "emulator");
  const emulator = await startEmulator({ port: 0, dataDir: emulatorDir });
  const backends: Backend[] = [];
  const engines = new Map<BackendName, Engine>();
  for (const name of backendNames) {
    const backend = name === "s3" ? await s3Backend("bench-state") : fileBackend(scratch);
    backends.push(backend);
    engines.set(name, new Engine(bin, scratch, "bench-passphrase-not-secret", backend));
  }
  // The file backend's engine runs the diagnostic and the profile (as before issue 13).
  const engine = engines.get("file") ?? engines.get(backendNames[0])!;
  // Only processes with our PULUMI_HOME count: the machine may be running other people's pulumi.
  const sampler = new MemorySampler(`PULUMI_HOME=${engine.env.PULUMI_HOME}`, 200);
  await sampler.start();
  const creds = fixtureCredentials.huawei;

  // The Huawei settings of both the stacks and the raw series: password login against the emulator.
  const bcsConfig = {
    huaweiEndpoint: emulator.url,
    huaweiIamEndpoint: emulator.url,
    huaweiUserName: creds.userName,
    huaweiDomainName: creds.domainName,
    huaweiPassword: creds.password,
  };
  const target: RawTarget = {
    settings: resolveSettings((key) => (bcsConfig as Record<string, string>)[key.replace(/^bcs:/, "")], {}),
    projectId: creds.projectId,
    blockchainId: creds.blockchainId,
  };
  const dirs = { noop: programDir("noop"), ours: programDir("program") };
  const projects = { noop: "pulumi-bcs-bench-noop", ours: "pulumi-bcs-bench" };

  const stacks = new Set<string>();
  const stackFor = async (series: "noop" | "ours", n: number, on = engine): Promise<string> => {
    const name = `${series}-n${n}${on === engine ? "" : "-s3"}`;
    if (stacks.has(name)) return name;
    await on.stack(name, dirs[series], {
      [`${projects[series]}:count`]: { value: String(n) },
      [`${projects[series]}:projectId`]: { value: creds.projectId },
      [`${projects[series]}:blockchainId`]: { value: creds.blockchainId },
      "bcs:huaweiEndpoint": { value: emulator.url },
      "bcs:huaweiIamEndpoint": { value: emulator.url },
      "bcs:huaweiUserName": { value: creds.userName },
      "bcs:huaweiDomainName": { value: creds.domainName },
      "bcs:huaweiPassword": { value: creds.password, secret: true },
    });
    stacks.add(name);
    return name;
  };
  const argsOf = (op: Operation, stack: string): string[] => {
    const common = ["--stack", stack, "--parallel", String(parallel)];
    switch (op) {
      case "preview":
      case "previewNoChange":
        return ["preview", ...common];
      case "up":
        return ["up", "--yes", "--skip-preview", ...common];
      case "refresh":
        return ["refresh", "--yes", "--skip-preview", ...common];
      case "destroy":
        return ["destroy", "--yes", "--skip-preview", ...common];
    }
  };

  const runs: Run[] = [];
  const record = async (
    n: number,
    series: Series,
    op: Operation,
    rep: number,
    ms: number,
    backend?: Backend,
  ) => {
    const w: Window = await sampler.take();
    const k = w.byKind;
    const uploads = backend?.takeUploads();
    const run: Run = {
      n,
      series,
      backend: backend?.name,
      ...(uploads && { uploads }),
      op,
      rep,
      ms: Math.round(ms),
      requests: counter.take(),
      provider: k.provider,
      program: k.program,
      cpuS: {
        engine: k.engine.cpuS,
        program: k.program.cpuS,
        provider: k.provider.cpuS,
        languageHost: k.languageHost.cpuS,
        other: k.other.cpuS,
        bench: w.benchCpuS,
        foreign: w.foreignCpuS,
      },
      engineHwmKiB: k.engine.hwmKiB,
      load1: Math.round(loadavg()[0] * 100) / 100,
    };
    runs.push(run);
    const mem = k;
    const req = run.requests;
    log(
      `N=${n} ${series}${backend ? ` (${backend.name})` : ""} ${op} #${rep + 1}: ${(ms / 1000).toFixed(2)} s` +
        (uploads ? `, uploaded ${uploads.bytes} bytes in ${uploads.puts} PUTs` : "") +
        (req.token + req.create + req.freeze
          ? `, requests token ${req.token} create ${req.create} freeze ${req.freeze}`
          : "") +
        (mem.provider.hwmKiB ? `, provider peak ${(mem.provider.hwmKiB / 1024).toFixed(0)} MiB` : "") +
        `, CPU s engine ${run.cpuS.engine} program ${run.cpuS.program} provider ${run.cpuS.provider} emulator+raw ${run.cpuS.bench} foreign ${run.cpuS.foreign}`,
    );
  };

  const rawCycle = async (n: number, rep: number, keep = true) => {
    await sampler.take();
    counter.take();
    let t = process.hrtime.bigint();
    const certs = await rawUp(target, n, parallel);
    if (keep) await record(n, "raw", "up", rep, Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await rawDestroy(target, certs, parallel);
    if (keep) await record(n, "raw", "destroy", rep, Number(process.hrtime.bigint() - t) / 1e6);
  };

  const stateSizes: Results["stateSize"] = {};
  const emulatorStateBytes: Record<string, number> = {};
  const engineCycle = async (
    series: "noop" | "ours",
    n: number,
    rep: number,
    keep = true,
    backend: Backend = backends[0],
  ) => {
    const on = engines.get(backend.name)!;
    const stack = await stackFor(series, n, on);
    for (const op of OPERATIONS) {
      await sampler.take();
      counter.take();
      backend.takeUploads();
      const { ms } = await on.run(dirs[series], argsOf(op, stack));
      if (keep) await record(n, series, op, rep, ms, backend);
      if (op === "up" && keep && on === engine) {
        if (series === "ours") emulatorStateBytes[String(n)] = statSync(join(emulatorDir, "state.json")).size;
        const key = series === "ours" ? String(n) : `noop-${n}`;
        if (!stateSizes[key]) {
          const { stdout } = await engine.run(dirs[series], ["stack", "export", "--stack", stack]);
          const file = join(scratch, "state/.pulumi/stacks", projects[series], `${stack}.json`);
          const size = stateSize(stdout);
          if (size.resources !== n)
            throw new Error(`expected ${n} resources in the ${series} state, found ${size.resources}`);
          stateSizes[key] = { ...size, stateFileBytes: existsSync(file) ? statSync(file).size : undefined };
        }
      }
    }
  };

  /** The results of the Ns done so far: written after each N, so that a bench cut short leaves them. */
  const resultsOf = (done: number[], extra: Pick<Results, "skipCheckpoints" | "profile"> = {}): Results => ({
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      pulumi: pulumiVersion,
      pulumiNodejsSdk: require("@pulumi/pulumi/package.json").version,
      platform: `${process.platform} ${process.arch}`,
      date: new Date().toISOString(),
      code: process.env.BENCH_CODE_VERSION ?? "unknown",
    },
    settings: {
      ns: done,
      repeats: done.map((_, i) => repeats[Math.min(i, repeats.length - 1)]),
      parallel,
      sampleIntervalMs: 200,
    },
    runs,
    summary: summarizeRuns(
      runs.filter((r) => (r.backend ?? "file") === "file" || r.series === "raw"),
      done,
    ),
    backends: backendNames,
    backendSummary: backendSummaries(runs, backendNames, (of) => summarizeRuns(of, done)),
    uploads: uploadSummary(runs, done),
    stateSize: stateSizes,
    emulatorStateBytes,
    ...extra,
    totalMs: Date.now() - benchStarted,
  });

  try {
    log(`engine ${bin} (pulumi ${pulumiVersion}), emulator ${emulator.url}, --parallel ${parallel}`);
    if (process.env.BENCH_WARMUP !== "0") {
      log("warm-up: N=1 of each series (not recorded)");
      await rawCycle(1, 0, false);
      for (const backend of backends) {
        await engineCycle("noop", 1, 0, false, backend);
        await engineCycle("ours", 1, 0, false, backend);
      }
    }

    for (const [i, n] of ns.entries()) {
      const reps = repeats[Math.min(i, repeats.length - 1)];
      for (let rep = 0; rep < reps; rep++) {
        // Interleaved, so that each series meets the emulator at about the same state size.
        await rawCycle(n, rep);
        for (const backend of backends) {
          await engineCycle("noop", n, rep, true, backend);
          await engineCycle("ours", n, rep, true, backend);
        }
      }
      await write(resultsOf(ns.slice(0, i + 1)));
    }

    // Diagnostic: how much of ours' up and destroy is the engine writing a checkpoint of the whole state
    // after every step (the file backend's behaviour; PULUMI_SKIP_CHECKPOINTS=true turns it off).
    const diagN = Number(process.env.BENCH_DIAG_N ?? 100);
    let skipCheckpoints: Results["skipCheckpoints"];
    if (diagN > 0) {
      log(
        `diagnostic: ours up and destroy at N=${diagN} with PULUMI_SKIP_CHECKPOINTS=true (not in the table)`,
      );
      const stack = await stackFor("ours", diagN);
      await sampler.take();
      const up = await engine.run(dirs.ours, argsOf("up", stack), { PULUMI_SKIP_CHECKPOINTS: "true" });
      const upEngineCpuS = (await sampler.take()).byKind.engine.cpuS;
      const destroy = await engine.run(dirs.ours, argsOf("destroy", stack), {
        PULUMI_SKIP_CHECKPOINTS: "true",
      });
      const destroyEngineCpuS = (await sampler.take()).byKind.engine.cpuS;
      counter.take();
      skipCheckpoints = {
        n: diagN,
        upMs: Math.round(up.ms),
        destroyMs: Math.round(destroy.ms),
        upEngineCpuS,
        destroyEngineCpuS,
      };
      log(
        `  up ${(up.ms / 1000).toFixed(2)} s (engine CPU ${upEngineCpuS} s), ` +
          `destroy ${(destroy.ms / 1000).toFixed(2)} s (engine CPU ${destroyEngineCpuS} s)`,
      );
    }

    let profile: Results["profile"];
    if (profileN > 0) {
      log(
        `CPU profile: one ours up at N=${profileN} with a profiling preload in NODE_OPTIONS (not in the table)`,
      );
      // Kept after the run (outside the scratch dir) for a closer look, e.g. in Chrome DevTools.
      const profDir = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-cpuprof-"));
      const stack = await stackFor("ours", profileN);
      const profiled = (dir: string) => ({
        NODE_OPTIONS: `--require ${join(__dirname, "cpuProfilePreload.js")}`,
        BENCH_CPU_PROF_DIR: dir,
      });
      const profilesOf = (dir: string, pids: number[]) =>
        readdirSync(dir)
          .filter((f) => f.endsWith(".cpuprofile") && pids.includes(Number(f.split(".")[1])))
          .map((f) => summarize(join(dir, f)));
      await sampler.take();
      const { ms } = await engine.run(dirs.ours, argsOf("up", stack), profiled(profDir));
      const mem = (await sampler.take()).byKind;
      const previewOf = async (series: "ours" | "noop") => {
        const dir = mkdtempSync(join(tmpdir(), `pulumi-bcs-bench-cpuprof-preview-${series}-`));
        const seriesStack = await stackFor(series, profileN);
        if (series === "noop") await engine.run(dirs.noop, argsOf("up", seriesStack));
        await sampler.take();
        const run = await engine.run(dirs[series], argsOf("previewNoChange", seriesStack), profiled(dir));
        const pids = (await sampler.take()).byKind.program.pids;
        if (series === "noop") await engine.run(dirs.noop, argsOf("destroy", seriesStack));
        return { ms: Math.round(run.ms), profiles: profilesOf(dir, pids) };
      };
      const oursPreview = await previewOf("ours");
      const noopPreview = await previewOf("noop");
      await engine.run(dirs.ours, argsOf("destroy", stack));
      const files = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
      const pick = (pids: number[]) => profilesOf(profDir, pids);
      profile = {
        n: profileN,
        upMs: Math.round(ms),
        provider: pick(mem.provider.pids),
        program: pick(mem.program.pids),
        previewNoChange: {
          oursMs: oursPreview.ms,
          noopMs: noopPreview.ms,
          ours: oursPreview.profiles,
          noop: noopPreview.profiles,
        },
      };
      if (profile.provider.length === 0)
        log(`no provider profile written (files: ${files.join(", ") || "none"})`);
      log(
        `profiles in ${profDir} (provider pids ${mem.provider.pids.join(", ")}, program pids ${mem.program.pids.join(", ")})`,
      );
    }

    await write(resultsOf(ns, { skipCheckpoints, profile }));
  } finally {
    sampler.stop();
    await emulator.close();
    for (const backend of backends) await backend.close();
    if (!process.env.BENCH_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
    else log(`scratch kept in ${scratch}`);
  }
}

function summarizeRuns(runs: Run[], ns: number[]): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  for (const n of ns) {
    const of = (series: Series, op: Operation) =>
      runs.filter((r) => r.n === n && r.series === series && r.op === op);
    const med = (series: Series, op: Operation) => {
      const rs = of(series, op);
      return rs.length ? median(rs.map((r) => r.ms)) : undefined;
    };
    const medianMs = { raw: {}, noop: {}, ours: {} } as Summary["medianMs"];
    for (const series of ["raw", "noop", "ours"] as Series[])
      for (const op of OPERATIONS) {
        const m = med(series, op);
        if (m !== undefined) medianMs[series][op] = m;
      }
    const ratio = (a?: number, b?: number) =>
      a !== undefined && b ? Math.round((a / b) * 100) / 100 : undefined;
    const peak = (series: "noop" | "ours") =>
      Object.fromEntries(
        OPERATIONS.map((op) => [
          op,
          Math.round(Math.max(0, ...of(series, op).map((r) => r.provider.hwmKiB)) / 102.4) / 10,
        ]),
      );
    const cpuS = { raw: {}, noop: {}, ours: {} } as Summary["cpuS"];
    const load1 = { raw: {}, noop: {}, ours: {} } as Summary["load1"];
    for (const series of ["raw", "noop", "ours"] as Series[])
      for (const op of OPERATIONS) {
        const rs = of(series, op);
        if (!rs.length) continue;
        const keys = Object.keys(rs[0].cpuS) as (keyof Run["cpuS"])[];
        cpuS[series][op] = Object.fromEntries(
          keys.map((key) => [key, median(rs.map((r) => r.cpuS[key]))]),
        ) as Run["cpuS"];
        load1[series][op] = median(rs.map((r) => r.load1));
      }
    const first = (series: Series, op: Operation) => of(series, op)[0]?.requests ?? RequestCounter.empty();
    out[String(n)] = {
      medianMs,
      ratios: {
        up: ratio(medianMs.ours.up, (medianMs.noop.up ?? 0) + (medianMs.raw.up ?? 0)),
        destroy: ratio(medianMs.ours.destroy, (medianMs.noop.destroy ?? 0) + (medianMs.raw.destroy ?? 0)),
        preview: ratio(medianMs.ours.preview, medianMs.noop.preview),
        previewNoChange: ratio(medianMs.ours.previewNoChange, medianMs.noop.previewNoChange),
        refresh: ratio(medianMs.ours.refresh, medianMs.noop.refresh),
      },
      providerPeakMiB: { noop: peak("noop"), ours: peak("ours") },
      cpuS,
      load1,
      requests: {
        rawUp: first("raw", "up"),
        oursUp: first("ours", "up"),
        rawDestroy: first("raw", "destroy"),
        oursDestroy: first("ours", "destroy"),
      },
    };
  }
  return out;
}

async function write(results: Results): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, "latest.json");
  writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
  // The repository's `prettier --check .` covers bench/results/latest.json.
  execFileSync(join(repo, "node_modules/.bin/prettier"), ["--write", json], { stdio: "ignore" });
  const md = markdown(results);
  writeFileSync(join(outDir, "latest.md"), md);
  await writeCharts(join(outDir, "latest"), {
    ns: results.settings.ns,
    summaries: { file: results.summary, ...results.backendSummary },
    uploads: results.uploads,
    subtitle: `median of the repeats, --parallel ${results.settings.parallel}, ${results.machine.nproc} CPU, ${String(results.machine.date).slice(0, 10)}`,
  });
  process.stdout.write("\n" + md);
}

/**
 * Other people may rebuild dist/ while the bench runs, which would mix code versions within one run
 * (or let a provider process read a half-written file). So the bench runs from a snapshot: a copy of
 * dist/ with node_modules linked beside it and `pulumi-bcs` installed there from the copy.
 */
async function inSnapshot(): Promise<number> {
  const snap = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-snapshot-"));
  try {
    cpSync(join(repo, "dist"), join(snap, "dist"), { recursive: true });
    copyFileSync(join(repo, "package.json"), join(snap, "package.json"));
    // The package's other files (CHANGELOG.md), which installPackageCopy copies with dist/.
    const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { files: string[] };
    for (const path of manifest.files.filter((f) => !f.startsWith("dist")))
      cpSync(join(repo, path), join(snap, path), { recursive: true });
    for (const program of ["program", "noop"]) {
      mkdirSync(join(snap, "bench", program), { recursive: true });
      copyFileSync(join(repo, "bench", program, "Pulumi.yaml"), join(snap, "bench", program, "Pulumi.yaml"));
    }
    // Measure what users get: pulumi-bcs installed in node_modules (see scripts/installedPackage.ts).
    installPackageCopy(snap, snap, repo);
    // Left at the root, a package.json named pulumi-bcs would make the programs below it resolve
    // `pulumi-bcs` to the snapshot itself (Node's package self-reference), not to node_modules.
    rmSync(join(snap, "package.json"));
    const git = (args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
    let code = "unknown";
    try {
      const dirty = git(["status", "--porcelain", "--", "sdk", "provider", "emulator"])
        .split("\n")
        .filter(Boolean);
      code = `${git(["rev-parse", "--short", "HEAD"])}${dirty.length ? ` + ${dirty.length} uncommitted file(s) in sdk/provider/emulator` : ""}`;
    } catch {
      // Not a git checkout.
    }
    const child = spawn(process.execPath, [join(snap, "dist/bench/run.js")], {
      stdio: "inherit",
      env: {
        ...process.env,
        BENCH_SNAPSHOT: snap,
        BENCH_RESULTS_DIR: outDir,
        BENCH_CODE_VERSION: code,
        PULUMI_BCS_ENGINE_BIN: engineBin(),
        PULUMI_BCS_MINIO_BIN: minioBin(),
      },
    });
    return await new Promise<number>((done) => child.on("close", (status) => done(status ?? 1)));
  } finally {
    rmSync(snap, { recursive: true, force: true });
  }
}

/** `node dist/bench/run.js --render`: rebuilds latest.md and latest.png from latest.json. */
function render(): Promise<void> {
  return write(JSON.parse(readFileSync(join(outDir, "latest.json"), "utf8")) as Results);
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
