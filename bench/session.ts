import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { resolveSettings } from "../provider/settings";
import { fixtureCredentials } from "../testing/fixture";
import { fileBackend, s3Backend, type Backend, type BackendName } from "./backends";
import { Engine, engineBin, programDir } from "./engine";
import { log } from "./log";
import { PACKAGE_PROJECT, packageProgramDir } from "./packageProgram";
import { rawDestroy, rawUp, type RawTarget } from "./raw";
import { RequestCounter } from "./requestCounter";
import { OPERATIONS, type Operation, type Results, type Run, type RunSeries } from "./results";
import { MemorySampler, type Window } from "./sampler";
import { stateSize } from "./stateSize";
import { languageYamlBin } from "../testing/languageYamlBin";

export type EngineSeries = "noop" | "ours" | "package";

const projects: Record<EngineSeries, string> = {
  noop: "pulumi-bcs-bench-noop",
  ours: "pulumi-bcs-bench",
  package: PACKAGE_PROJECT,
};
/** What a series' stack holds: the type of its resources in `pulumi stack export`. */
const resourceTypes: Record<EngineSeries, string> = {
  noop: "pulumi-nodejs:dynamic",
  ours: "pulumi-nodejs:dynamic",
  package: "bcs:index:UserCertificate",
};
const creds = fixtureCredentials.huawei;

/**
 * What the bench runs against, for the whole run: one engine per backend (one PULUMI_HOME; a file
 * backend in a scratch dir, and MinIO: see ./backends.ts), one in-process emulator, a memory/CPU
 * sampler and the emulator's request counter; and what it measures with them: one cycle of a series
 * at a given N on a backend, recorded as {@link Run}s.
 */
export class BenchSession {
  readonly runs: Run[] = [];
  readonly stateSizes: Results["stateSize"] = {};
  readonly emulatorStateBytes: Record<string, number> = {};
  readonly dirs: Record<"noop" | "ours", string> = { noop: programDir("noop"), ours: programDir("program") };
  /** The PATH of the engine's runs: the YAML language host is found there once the package series is on. */
  private readonly path: { PATH?: string } = {};
  private readonly stacks = new Set<string>();

  private constructor(
    readonly bin: string,
    readonly scratch: string,
    readonly pulumiVersion: string,
    readonly parallel: number,
    /** Replaced by a fresh one before every repeat ({@link freshEmulator}), on the same port. */
    public emulator: RunningEmulator,
    /** The backends, the first one the primary: its engine runs the diagnostic and the profile. */
    readonly backends: Backend[],
    private readonly engines: Map<BackendName, Engine>,
    readonly sampler: MemorySampler,
    readonly counter: RequestCounter,
    private readonly target: RawTarget,
  ) {}

  /** The primary backend's engine. */
  get engine(): Engine {
    return this.engines.get(this.backends[0].name)!;
  }

  static async start(parallel: number, backendNames: BackendName[]): Promise<BenchSession> {
    const bin = engineBin();
    const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-bench-"));
    mkdirSync(join(scratch, "state"));
    const pulumiVersion = execFileSync(join(bin, "pulumi"), ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: join(scratch, "home") },
    }).trim();
    process.env.BCS_EMULATOR_LOG = "1";
    const counter = new RequestCounter();
    counter.install();
    const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
    const backends: Backend[] = [];
    const engines = new Map<BackendName, Engine>();
    for (const name of backendNames) {
      const backend = name === "s3" ? await s3Backend("bench-state") : fileBackend(scratch);
      backends.push(backend);
      engines.set(name, new Engine(bin, scratch, "bench-passphrase-not-secret", backend));
    }
    const engine = engines.get(backendNames[0])!;
    // Only processes with our PULUMI_HOME count: the machine may be running other people's pulumi.
    const sampler = new MemorySampler(`PULUMI_HOME=${engine.env.PULUMI_HOME}`, 200);
    await sampler.start();
    // The Huawei settings of the raw series, as the stacks have them: password login against the emulator.
    const bcsConfig: Record<string, string> = {
      huaweiEndpoint: emulator.url,
      huaweiIamEndpoint: emulator.url,
      huaweiUserName: creds.userName,
      huaweiDomainName: creds.domainName,
      huaweiPassword: creds.password,
    };
    const target: RawTarget = {
      settings: resolveSettings((key) => bcsConfig[key.replace(/^bcs:/, "")], {}),
      projectId: creds.projectId,
      blockchainId: creds.blockchainId,
    };
    return new BenchSession(
      bin,
      scratch,
      pulumiVersion,
      parallel,
      emulator,
      backends,
      engines,
      sampler,
      counter,
      target,
    );
  }

  async close(): Promise<void> {
    this.sampler.stop();
    await this.emulator.close();
    for (const backend of this.backends) await backend.close();
    if (!process.env.BENCH_KEEP_SCRATCH) rmSync(this.scratch, { recursive: true, force: true });
    else log(`scratch kept in ${this.scratch}`);
  }

  /**
   * A new emulator on the same port (the stacks' config and the raw client keep its URL) with an empty
   * data dir. It rewrites its whole state.json on every change, one change at a time, so the
   * certificates earlier runs left there would make every later request slower: at N = 500 after the
   * runs at N = 100, by tens of milliseconds each. Called before every repeat: each then starts empty.
   */
  async freshEmulator(): Promise<void> {
    const port = Number(new URL(this.emulator.url).port);
    await this.emulator.close();
    const dataDir = join(this.scratch, "emulator");
    rmSync(dataDir, { recursive: true, force: true });
    this.emulator = await startEmulator({ port, dataDir });
  }

  /** The program of a series at N: the package series' YAML program is written per N. */
  dirOf(series: EngineSeries, n: number): string {
    if (series !== "package") return this.dirs[series];
    this.path.PATH ??= `${languageYamlBin()}:${process.env.PATH}`;
    return packageProgramDir(n);
  }

  /** Runs the pulumi CLI on a series' program at N on a backend (default the primary). */
  run(
    series: EngineSeries,
    n: number,
    args: string[],
    extraEnv: Record<string, string> = {},
    backend?: Backend,
  ) {
    const engine = backend ? this.engines.get(backend.name)! : this.engine;
    return engine.run(this.dirOf(series, n), args, { ...this.path, ...extraEnv });
  }

  /** The stack of a series at N on a backend (default the primary), created (with its config) on first use. */
  async stackFor(series: EngineSeries, n: number, backend = this.backends[0]): Promise<string> {
    const name = `${series}-n${n}${backend === this.backends[0] ? "" : `-${backend.name}`}`;
    if (this.stacks.has(name)) return name;
    const url = this.emulator.url;
    await this.engines.get(backend.name)!.stack(name, this.dirOf(series, n), {
      // The YAML program has its N written in (bench/packageProgram.ts).
      ...(series !== "package" && { [`${projects[series]}:count`]: { value: String(n) } }),
      [`${projects[series]}:projectId`]: { value: creds.projectId },
      [`${projects[series]}:blockchainId`]: { value: creds.blockchainId },
      "bcs:huaweiEndpoint": { value: url },
      "bcs:huaweiIamEndpoint": { value: url },
      "bcs:huaweiUserName": { value: creds.userName },
      "bcs:huaweiDomainName": { value: creds.domainName },
      "bcs:huaweiPassword": { value: creds.password, secret: true },
    });
    this.stacks.add(name);
    return name;
  }

  /** The pulumi CLI's arguments for an operation on a stack. */
  argsOf(op: Operation, stack: string): string[] {
    const common = ["--stack", stack, "--parallel", String(this.parallel)];
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
  }

  /** raw: up then destroy of N certificates with the provider's own client; recorded unless `keep` is false. */
  async rawCycle(n: number, rep: number, keep = true): Promise<void> {
    await this.sampler.take();
    this.counter.take();
    let t = process.hrtime.bigint();
    const certs = await rawUp(this.target, n, this.parallel);
    if (keep) await this.record(n, "raw", "up", rep, Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await rawDestroy(this.target, certs, this.parallel);
    if (keep) await this.record(n, "raw", "destroy", rep, Number(process.hrtime.bigint() - t) / 1e6);
  }

  /**
   * noop, ours or package on a backend: the operations in order (default every one); after the first
   * recorded up at N on the primary backend, the state's size (the same on every backend).
   */
  async engineCycle(
    series: EngineSeries,
    n: number,
    rep: number,
    keep = true,
    backend = this.backends[0],
    operations: Operation[] = OPERATIONS,
  ): Promise<void> {
    const stack = await this.stackFor(series, n, backend);
    for (const op of operations) {
      await this.sampler.take();
      this.counter.take();
      backend.takeUploads();
      const { ms } = await this.run(series, n, this.argsOf(op, stack), {}, backend);
      if (keep) await this.record(n, series, op, rep, ms, backend);
      if (op === "up" && keep && backend === this.backends[0]) await this.measureState(series, n, stack);
    }
  }

  private async measureState(series: EngineSeries, n: number, stack: string): Promise<void> {
    if (series === "ours")
      this.emulatorStateBytes[String(n)] = statSync(join(this.scratch, "emulator", "state.json")).size;
    const key = series === "ours" ? String(n) : `${series}-${n}`;
    if (this.stateSizes[key]) return;
    const { stdout } = await this.run(series, n, ["stack", "export", "--stack", stack]);
    const file = join(this.scratch, "state/.pulumi/stacks", projects[series], `${stack}.json`);
    const size = stateSize(stdout, resourceTypes[series]);
    if (size.resources !== n)
      throw new Error(`expected ${n} resources in the ${series} state, found ${size.resources}`);
    this.stateSizes[key] = { ...size, stateFileBytes: existsSync(file) ? statSync(file).size : undefined };
  }

  private async record(
    n: number,
    series: RunSeries,
    op: Operation,
    rep: number,
    ms: number,
    backend?: Backend,
  ): Promise<void> {
    const w: Window = await this.sampler.take();
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
      requests: this.counter.take(),
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
    this.runs.push(run);
    const req = run.requests;
    log(
      `N=${n} ${series}${backend ? ` (${backend.name})` : ""} ${op} #${rep + 1}: ${(ms / 1000).toFixed(2)} s` +
        (uploads ? `, uploaded ${uploads.bytes} bytes in ${uploads.puts} PUTs` : "") +
        (req.token + req.create + req.freeze
          ? `, requests token ${req.token} create ${req.create} freeze ${req.freeze}`
          : "") +
        (k.provider.hwmKiB ? `, provider peak ${(k.provider.hwmKiB / 1024).toFixed(0)} MiB` : "") +
        `, CPU s engine ${run.cpuS.engine} program ${run.cpuS.program} provider ${run.cpuS.provider} emulator+raw ${run.cpuS.bench} foreign ${run.cpuS.foreign}`,
    );
  }
}
