import type { BackendName, Uploads } from "./backends";
import type { ProfileSummary } from "./cpuProfile";
import type { PeakMemory } from "./sampler";
import type { StateSize } from "./stateSize";

/** The shape of bench/results/latest.json: what one run of the bench measured, and its summary. */

export type Series = "raw" | "noop" | "ours";
/** The series of a run: those of the tables, and the package face (bench/packageFace.ts). */
export type RunSeries = Series | "package";
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

export function noRequests(): RequestStats {
  return { token: 0, create: 0, freeze: 0, other: 0, serverMs: 0 };
}

export interface Run {
  n: number;
  series: RunSeries;
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
  /** Keyed by N for ours, `noop-<N>` and `package-<N>` for the others. */
  stateSize: Record<string, StateSize & { stateFileBytes?: number }>;
  /** Per N at which the package series ran: it beside ours (issue 14); absent in results from before. */
  packageFace?: Record<string, PackageFaceSummary>;
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
    /** The provider of the ours destroy after those runs (absent in results from before). */
    destroy?: { ms: number; provider: ProfileSummary[] };
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

/** The package face beside the dynamic face at one N, on the primary backend (issue 14). */
export interface PackageFaceSummary {
  /** Median wall time of up and destroy, ms: ours (the dynamic face, Node.js program) and package (YAML program). */
  upMs: { ours?: number; package?: number };
  destroyMs: { ours?: number; package?: number };
  /** Median CPU seconds of up: the pulumi CLI, the program with its language host, the provider. */
  upCpuS: { ours?: FaceCpu; package?: FaceCpu };
  /** Runs of the package series behind the medians. */
  repeats: number;
}

/** CPU seconds of one face's run, by process (a YAML program runs inside its language host). */
export interface FaceCpu {
  engine: number;
  programAndHost: number;
  provider: number;
}

/** Median bytes and PUTs uploaded per series and operation, at one N. */
export type UploadSummary = Record<"noop" | "ours", Partial<Record<Operation, Uploads>>>;
