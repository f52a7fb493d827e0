import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { huaweiErrors, huaweiRoutes, type HuaweiErrorBody } from "../../provider/huawei/api";
import { ncloudErrors, ncloudRoutes, type NcloudErrorBody } from "../../provider/ncloud/api";
import type { ApiFamily } from "../errors";
import { jsonReply, send, type Reply } from "../reply";

/**
 * Fault injection, in the spirit of Let's Encrypt's Pebble: added latency, 5xx / 429 answers, reset
 * connections, mangled zip and JSON bodies and dripped bodies, per route and seeded so that a failing
 * run replays exactly. Off unless configured. See "Fault injection" in emulator/README.md.
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

type ResolvedFaults = Required<Omit<RouteFaults, "shares">> & { shares: Partial<Record<FaultKind, number>> };

export class FaultConfigError extends Error {
  constructor(message: string) {
    super(`fault config: ${message}`);
    this.name = "FaultConfigError";
  }
}

/** mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
    const total = Object.values(resolve(routes, route).shares).reduce((sum, share) => sum + share, 0);
    if (total > 1 + 1e-9)
      throw new FaultConfigError(`the shares of ${route} add up to ${total}, more than 1`);
  }
  return { seed, routes };
}

function resolve(routes: Record<string, RouteFaults>, route: string): ResolvedFaults {
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

// ---- statistics ----

export interface RouteStats {
  /** Requests matched to the route (counted once the request body has been read). */
  received: number;
  /** Requests whose answer was written completely. */
  answered: number;
  /** Faults applied, by kind (`latency` when a delay was added). Drawn faults that did not apply (a zip fault on an error answer, say) are not counted. */
  faulted: Partial<Record<FaultKind | "latency", number>>;
}

export interface EmulatorStats {
  /** By route name; `(unmatched)` counts requests that matched no route. Inspection routes are not counted. */
  requests: Record<string, RouteStats>;
}

/** Requests that matched no route are counted under this name. */
export const UNMATCHED = "(unmatched)";

// ---- the injector ----

/** What was drawn for one request, before anything is done. */
interface FaultPlan {
  route: string;
  kind: FaultKind | undefined;
  delayMs: number;
  /** A number in [0, 1) that decides the cut of a truncated zip and the flips of a corrupt one. */
  param: number;
  rule: ResolvedFaults;
}

/**
 * One per emulator: the config, its PRNG stream and the request counters.
 *
 * Replay: while faults are on, every request to a cloud route takes exactly three numbers from the
 * stream (fault, jitter, mangling), in the order the emulator finishes reading request bodies. The same
 * seed, config and sequence of requests therefore give the same faults; the stream's position does not
 * depend on which routes have rules.
 */
export class FaultInjector {
  private config: Required<FaultConfig> | undefined;
  private rules = new Map<string, ResolvedFaults>();
  private random: () => number = () => 0;
  private counters: Record<string, RouteStats> = {};

  constructor(config?: FaultConfig) {
    this.configure(config);
  }

  /** Replaces the config and reseeds the stream; `undefined` turns faults off. Returns the config in force. */
  configure(config: FaultConfig | undefined): Required<FaultConfig> | undefined {
    if (config === undefined) {
      this.config = undefined;
      this.rules.clear();
      return undefined;
    }
    const normalized = normalizeFaultConfig(config);
    this.config = normalized;
    this.rules = new Map(FAULTABLE_ROUTES.map((route) => [route, resolve(normalized.routes, route)]));
    this.random = mulberry32(normalized.seed);
    return structuredClone(normalized);
  }

  current(): Required<FaultConfig> | undefined {
    return this.config && structuredClone(this.config);
  }

  stats(): EmulatorStats {
    return { requests: structuredClone(this.counters) };
  }

  resetStats(): void {
    this.counters = {};
  }

  private counter(route: string): RouteStats {
    return (this.counters[route] ??= { received: 0, answered: 0, faulted: {} });
  }

  private count(route: string, kind: FaultKind | "latency"): void {
    const faulted = this.counter(route).faulted;
    faulted[kind] = (faulted[kind] ?? 0) + 1;
  }

  private plan(route: string): FaultPlan | undefined {
    const rule = this.rules.get(route);
    if (!this.config || !rule) return undefined;
    const [roll, jitter, param] = [this.random(), this.random(), this.random()];
    let kind: FaultKind | undefined;
    let cumulative = 0;
    for (const candidate of FAULT_KINDS) {
      cumulative += rule.shares[candidate] ?? 0;
      if (roll < cumulative) {
        kind = candidate;
        break;
      }
    }
    const delayMs = rule.latencyMs + Math.floor(jitter * (rule.jitterMs + 1));
    return { route, kind, delayMs, param, rule };
  }

  /** Sends an answer to a request that matched no route (counted, never faulted). */
  unmatched(res: ServerResponse, reply: Reply): string {
    this.track(UNMATCHED, res);
    send(res, reply);
    return String(reply.status);
  }

  private track(route: string, res: ServerResponse): void {
    this.counter(route).received += 1;
    res.once("finish", () => (this.counter(route).answered += 1));
  }

  /**
   * The one place faults are applied: around the dispatch of a cloud route. `work` is the route's real
   * handling (auth, handler, state persistence); it runs unless a "before" fault is drawn. Resolves
   * with a short outcome for the request log.
   */
  async serve(
    route: string,
    family: ApiFamily,
    req: IncomingMessage,
    res: ServerResponse,
    work: () => Promise<Reply>,
  ): Promise<string> {
    this.track(route, res);
    const plan = this.plan(route);
    if (!plan) {
      const reply = await work();
      send(res, reply);
      return String(reply.status);
    }
    if (plan.delayMs > 0) {
      this.count(route, "latency");
      await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    }
    const before = plan.kind && beforeReply(plan.kind, family, plan.rule);
    if (before) {
      this.count(route, plan.kind as FaultKind);
      send(res, before);
      return `${before.status} ${plan.kind}`;
    }
    if (plan.kind === "resetBefore") {
      this.count(route, plan.kind);
      req.socket.destroy();
      return "reset before";
    }
    const reply = await work();
    const kind = plan.kind && applies(plan.kind, reply) ? plan.kind : undefined;
    if (kind) this.count(route, kind);
    switch (kind) {
      case "resetAfter":
        req.socket.destroy();
        return `reset after ${reply.status}`;
      case "truncatedZip":
        send(res, { ...reply, body: truncate(reply.body, plan.param) });
        break;
      case "corruptZip":
        send(res, { ...reply, body: corrupt(reply.body, plan.param, plan.rule.corruptBytes) });
        break;
      case "malformedJson":
        send(res, { ...reply, body: malform(reply.body) });
        break;
      case "drip":
        drip(res, reply, plan.rule.dripBytes, plan.rule.dripMs);
        break;
      default:
        send(res, reply);
    }
    return kind ? `${reply.status} ${kind}` : String(reply.status);
  }
}

// ---- the faults themselves ----

/** Huawei's API gateway in front of BCS and IAM, when its backend is unavailable (assumed for 503). */
const HUAWEI_BACKEND_UNAVAILABLE = { code: "APIG.0202", message: "Backend unavailable" };
/** NAVER's API gateway when the endpoint fails (its code 500, sent with 502 and 503). */
const NCLOUD_ENDPOINT_ERROR = { code: "500", message: "Endpoint Error" };

/** The answer sent instead of doing the work, for the "before" faults that answer; undefined for the rest. */
function beforeReply(kind: FaultKind, family: ApiFamily, rule: ResolvedFaults): Reply | undefined {
  switch (kind) {
    case "error500":
      return family === "ncloud"
        ? ncloudBody(500, ncloudErrors.unexpected)
        : huaweiBody(500, huaweiErrors.internal.code, "Internal Server Error");
    case "error502":
    case "error503": {
      const status = kind === "error502" ? 502 : 503;
      return family === "ncloud"
        ? ncloudBody(status, NCLOUD_ENDPOINT_ERROR)
        : huaweiBody(status, HUAWEI_BACKEND_UNAVAILABLE.code, HUAWEI_BACKEND_UNAVAILABLE.message);
    }
    case "throttle": {
      const headers = { "Retry-After": String(rule.retryAfterSeconds) };
      return family === "ncloud"
        ? ncloudBody(429, ncloudErrors.throttled, headers)
        : huaweiBody(429, huaweiErrors.throttled.code, "The throttling threshold has been reached", headers);
    }
    default:
      return undefined;
  }
}

function huaweiBody(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  const body: HuaweiErrorBody = { error_code: code, error_msg: message };
  return jsonReply(status, body, headers);
}

function ncloudBody(
  status: number,
  error: { code: string; message: string },
  headers: Record<string, string> = {},
): Reply {
  const body: NcloudErrorBody = { error: { errorCode: error.code, message: error.message } };
  return jsonReply(status, body, headers);
}

function contentType(reply: Reply): string {
  const entry = Object.entries(reply.headers).find(([name]) => name.toLowerCase() === "content-type");
  return entry?.[1].toLowerCase() ?? "";
}

/** Whether an "after" fault can be applied to this answer (zip and JSON faults only touch 2xx answers of that type). */
function applies(kind: FaultKind, reply: Reply): boolean {
  const ok = reply.status >= 200 && reply.status < 300;
  switch (kind) {
    case "truncatedZip":
    case "corruptZip":
      return ok && contentType(reply).startsWith("application/zip") && reply.body.length > 0;
    case "malformedJson":
      return ok && contentType(reply).startsWith("application/json");
    default:
      return true;
  }
}

/** Zip's end-of-central-directory record is the last 22 bytes (there is no comment): cut before it. */
const EOCD_LENGTH = 22;
const EOCD_SIGNATURE = 0x06054b50;

function truncate(body: Buffer, param: number): Buffer {
  const room = body.length - EOCD_LENGTH;
  const length = room > 1 ? 1 + Math.floor(param * (room - 1)) : Math.floor(body.length / 2);
  return Buffer.from(body.subarray(0, length));
}

/**
 * Flips `count` bytes at seeded positions, and always the first byte of the end-of-central-directory
 * signature, so that every zip reader refuses the body (fflate, for one, does not check CRC-32).
 */
function corrupt(body: Buffer, param: number, count: number): Buffer {
  const out = Buffer.from(body);
  const random = mulberry32(Math.floor(param * 2 ** 32));
  for (let i = 0; i < count; i++) out[Math.floor(random() * out.length)] ^= 0xff;
  for (let at = body.length - EOCD_LENGTH; at >= 0; at--) {
    if (body.readUInt32LE(at) === EOCD_SIGNATURE) {
      out[at] = body[at] ^ 0xff;
      break;
    }
  }
  return out;
}

/** The first half of the JSON text followed by an HTML fragment, as a confused proxy might send. */
function malform(body: Buffer): Buffer {
  return Buffer.concat([
    body.subarray(0, Math.floor(body.length / 2)),
    Buffer.from("<html><body>upstream error</body></html>"),
  ]);
}

/** Headers (with the full Content-Length) at once, then the body a few bytes at a time. */
function drip(res: ServerResponse, reply: Reply, bytes: number, everyMs: number): void {
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(reply.body.length) });
  res.flushHeaders();
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    const chunk = reply.body.subarray(offset, offset + bytes);
    offset += bytes;
    if (offset >= reply.body.length) {
      clearInterval(timer);
      res.end(chunk);
    } else res.write(chunk);
  }, everyMs);
  res.once("close", () => clearInterval(timer));
}
