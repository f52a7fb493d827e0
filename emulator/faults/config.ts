import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { huaweiRoutes } from "../../provider/huawei/api";
import { ncloudRoutes } from "../../provider/ncloud/api";

/**
 * Fault injection, in the spirit of Let's Encrypt's Pebble: added latency, 5xx / 429 answers, reset
 * connections, mangled zip and JSON bodies and dripped bodies, per route and seeded so that a failing
 * run replays exactly. Off unless configured. See "Fault injection" in emulator/README.md.
 *
 * This module: the fault kinds and the config (its schema, checks and CLI loading). The injector
 * (./injector.ts) applies it; ./mangle.ts spoils the answers; ./stats.ts counts the requests.
 */

/** What can happen to one request instead of (or on top of) its normal answer. */
export const FAULT_KINDS = [
  /** Before the work: 500 in the API's own error body. */
  "error500",
  /** Before the work: 502 (Huawei gateway `APIG.0202`, NAVER `500` "Endpoint Error"). */
  "error502",
  /** Before the work: 503 (same bodies as 502). */
  "error503",
  /** Before the work: 429 with `Retry-After` (Huawei `APIG.0308`, NAVER `410`). */
  "throttle",
  /** Before the work: the socket is destroyed without an answer; state is unchanged. */
  "resetBefore",
  /** After the work (state changed and saved): the socket is destroyed without an answer. */
  "resetAfter",
  /** After the work: a 2xx zip answer is cut short (Content-Length matches the cut body). */
  "truncatedZip",
  /** After the work: a 2xx zip answer has flipped bytes (same length). */
  "corruptZip",
  /** After the work: a 2xx JSON answer keeps its status and headers but its body is not JSON. */
  "malformedJson",
  /** After the work: headers at once, then the body `dripBytes` bytes every `dripMs` ms. */
  "drip",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults of one route (or of every route, under "*"). */
export interface RouteFaults {
  /** Added to every request of the route before anything else; default 0. */
  latencyMs?: number;
  /** Plus a uniformly drawn 0..jitterMs (integer ms); default 0. */
  jitterMs?: number;
  /** Share (0..1) of the route's requests that get each fault; the shares of a route add up to at most 1. */
  shares?: Partial<Record<FaultKind, number>>;
  /** `Retry-After` of a `throttle` answer, in seconds; default 1. */
  retryAfterSeconds?: number;
  /** `drip`: milliseconds between chunks; default 100. */
  dripMs?: number;
  /** `drip`: bytes per chunk; default 4. */
  dripBytes?: number;
  /** `corruptZip`: bytes flipped at random positions, on top of the end-of-central-directory signature; default 8. */
  corruptBytes?: number;
}

export interface FaultConfig {
  /** A 32-bit unsigned integer; drawn at random (and reported) when missing. */
  seed?: number;
  /** Route name (a key of huaweiRoutes / ncloudRoutes) or "*" → faults. A route's own entry overrides "*" field by field (and share by share). */
  routes: Record<string, RouteFaults>;
}

/** The routes faults apply to: the cloud routes. Inspection routes (`/_emulator/…`) are never faulted. */
export const FAULTABLE_ROUTES = [
  ...Object.keys(huaweiRoutes),
  ...Object.keys(ncloudRoutes),
] as readonly string[];
/** Routes whose success answer is a zip; `malformedJson` cannot be set on them, zip faults only on them. */
const ZIP_ROUTES: readonly string[] = ["createUserCert"];
const ZIP_KINDS: readonly FaultKind[] = ["truncatedZip", "corruptZip"];
const RULE_KEYS = [
  "latencyMs",
  "jitterMs",
  "shares",
  "retryAfterSeconds",
  "dripMs",
  "dripBytes",
  "corruptBytes",
] as const;

const DEFAULTS = { retryAfterSeconds: 1, dripMs: 100, dripBytes: 4, corruptBytes: 8 };

export type ResolvedFaults = Required<Omit<RouteFaults, "shares">> & {
  shares: Partial<Record<FaultKind, number>>;
};

export class FaultConfigError extends Error {
  constructor(message: string) {
    super(`fault config: ${message}`);
    this.name = "FaultConfigError";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkNumber(
  where: string,
  value: unknown,
  opts: { integer?: boolean; min: number; max?: number },
): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new FaultConfigError(`${where} must be a number`);
  if (opts.integer && !Number.isInteger(value)) throw new FaultConfigError(`${where} must be an integer`);
  if (value < opts.min || (opts.max !== undefined && value > opts.max))
    throw new FaultConfigError(`${where} must be in ${opts.min}..${opts.max ?? "∞"}`);
  return value;
}

function checkRule(route: string, value: unknown): RouteFaults {
  if (!isObject(value)) throw new FaultConfigError(`routes.${route} must be an object`);
  const rule: RouteFaults = {};
  for (const [key, field] of Object.entries(value)) {
    const where = `routes.${route}.${key}`;
    switch (key as (typeof RULE_KEYS)[number]) {
      case "latencyMs":
      case "jitterMs":
        rule[key as "latencyMs"] = checkNumber(where, field, { integer: true, min: 0, max: 600_000 });
        break;
      case "retryAfterSeconds":
        rule.retryAfterSeconds = checkNumber(where, field, { integer: true, min: 0, max: 86_400 });
        break;
      case "dripMs":
        rule.dripMs = checkNumber(where, field, { integer: true, min: 1, max: 600_000 });
        break;
      case "dripBytes":
        rule.dripBytes = checkNumber(where, field, { integer: true, min: 1 });
        break;
      case "corruptBytes":
        rule.corruptBytes = checkNumber(where, field, { integer: true, min: 0 });
        break;
      case "shares": {
        if (!isObject(field)) throw new FaultConfigError(`${where} must be an object`);
        const shares: Partial<Record<FaultKind, number>> = {};
        for (const [kind, share] of Object.entries(field)) {
          if (!(FAULT_KINDS as readonly string[]).includes(kind))
            throw new FaultConfigError(`${where}.${kind}: unknown fault; one of ${FAULT_KINDS.join(", ")}`);
          const value = checkNumber(`${where}.${kind}`, share, { min: 0, max: 1 });
          // A route's own entry may only name the faults it can get (0 is allowed, to undo a "*" share).
          if (
            route !== "*" &&
            value > 0 &&
            ZIP_KINDS.includes(kind as FaultKind) &&
            !ZIP_ROUTES.includes(route)
          )
            throw new FaultConfigError(`${where}.${kind}: ${route} does not answer with a zip`);
          if (route !== "*" && value > 0 && kind === "malformedJson" && ZIP_ROUTES.includes(route))
            throw new FaultConfigError(`${where}.${kind}: ${route} does not answer with JSON`);
          shares[kind as FaultKind] = value;
        }
        rule.shares = shares;
        break;
      }
      default:
        throw new FaultConfigError(`${where}: unknown field; one of ${RULE_KEYS.join(", ")}`);
    }
  }
  return rule;
}

/** Checks a config (from JSON or code) and fills in the seed; throws {@link FaultConfigError}. */
export function normalizeFaultConfig(value: unknown): Required<FaultConfig> {
  if (!isObject(value)) throw new FaultConfigError("must be a JSON object");
  for (const key of Object.keys(value))
    if (key !== "seed" && key !== "routes") throw new FaultConfigError(`${key}: unknown field; seed, routes`);
  const seed =
    value.seed === undefined
      ? randomInt(2 ** 32 - 1)
      : checkNumber("seed", value.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  if (!isObject(value.routes)) throw new FaultConfigError("routes must be an object");
  const routes: Record<string, RouteFaults> = {};
  for (const [route, rule] of Object.entries(value.routes)) {
    if (route !== "*" && !FAULTABLE_ROUTES.includes(route))
      throw new FaultConfigError(
        `routes.${route}: unknown route; "*" or one of ${FAULTABLE_ROUTES.join(", ")}`,
      );
    routes[route] = checkRule(route, rule);
  }
  for (const route of FAULTABLE_ROUTES) {
    const total = Object.values(resolveRouteFaults(routes, route).shares).reduce(
      (sum, share) => sum + share,
      0,
    );
    if (total > 1 + 1e-9)
      throw new FaultConfigError(`the shares of ${route} add up to ${total}, more than 1`);
  }
  return { seed, routes };
}

/** The rule in force for one route: its own entry over "*", over the defaults. */
export function resolveRouteFaults(routes: Record<string, RouteFaults>, route: string): ResolvedFaults {
  const all = routes["*"] ?? {};
  const own = routes[route] ?? {};
  return {
    latencyMs: own.latencyMs ?? all.latencyMs ?? 0,
    jitterMs: own.jitterMs ?? all.jitterMs ?? 0,
    retryAfterSeconds: own.retryAfterSeconds ?? all.retryAfterSeconds ?? DEFAULTS.retryAfterSeconds,
    dripMs: own.dripMs ?? all.dripMs ?? DEFAULTS.dripMs,
    dripBytes: own.dripBytes ?? all.dripBytes ?? DEFAULTS.dripBytes,
    corruptBytes: own.corruptBytes ?? all.corruptBytes ?? DEFAULTS.corruptBytes,
    shares: { ...all.shares, ...own.shares },
  };
}

/**
 * The CLI's config: `--faults <file.json>` when given, else the env `BCS_EMULATOR_FAULTS` (JSON text),
 * else none (faults off).
 */
export function faultConfigFromCli(
  file: string | undefined,
  env: string | undefined,
): FaultConfig | undefined {
  let text: string;
  let source: string;
  if (file !== undefined) {
    text = readFileSync(file, "utf8");
    source = file;
  } else if (env !== undefined && env.trim() !== "") {
    text = env;
    source = "BCS_EMULATOR_FAULTS";
  } else return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new FaultConfigError(`${source} is not JSON: ${(err as Error).message}`);
  }
  return normalizeFaultConfig(parsed);
}
