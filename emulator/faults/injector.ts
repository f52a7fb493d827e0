import type { IncomingMessage, ServerResponse } from "node:http";
import { gatewayErrorReply, internalErrorReply, throttledReply, type ApiFamily } from "../errors";
import { send, type Reply } from "../reply";
import {
  FAULT_KINDS,
  FAULTABLE_ROUTES,
  normalizeFaultConfig,
  resolveRouteFaults,
  type FaultConfig,
  type FaultKind,
  type ResolvedFaults,
} from "./config";
import { applies, corrupt, drip, malform, truncate } from "./mangle";
import { mulberry32 } from "./random";
import { RequestCounters, UNMATCHED, type EmulatorStats } from "./stats";

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
  private readonly counters = new RequestCounters();

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
    this.rules = new Map(
      FAULTABLE_ROUTES.map((route) => [route, resolveRouteFaults(normalized.routes, route)]),
    );
    this.random = mulberry32(normalized.seed);
    return structuredClone(normalized);
  }

  current(): Required<FaultConfig> | undefined {
    return this.config && structuredClone(this.config);
  }

  stats(): EmulatorStats {
    return this.counters.snapshot();
  }

  resetStats(): void {
    this.counters.reset();
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
    this.counters.track(UNMATCHED, res);
    send(res, reply);
    return String(reply.status);
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
    this.counters.track(route, res);
    const plan = this.plan(route);
    if (!plan) {
      const reply = await work();
      send(res, reply);
      return String(reply.status);
    }
    if (plan.delayMs > 0) {
      this.counters.countFault(route, "latency");
      await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    }
    const before = plan.kind && beforeReply(plan.kind, family, plan.rule);
    if (before) {
      this.counters.countFault(route, plan.kind as FaultKind);
      send(res, before);
      return `${before.status} ${plan.kind}`;
    }
    if (plan.kind === "resetBefore") {
      this.counters.countFault(route, plan.kind);
      req.socket.destroy();
      return "reset before";
    }
    const reply = await work();
    const kind = plan.kind && applies(plan.kind, reply) ? plan.kind : undefined;
    if (kind) this.counters.countFault(route, kind);
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

/** The answer sent instead of doing the work, for the "before" faults that answer; undefined for the rest. */
function beforeReply(kind: FaultKind, family: ApiFamily, rule: ResolvedFaults): Reply | undefined {
  switch (kind) {
    case "error500":
      return internalErrorReply(family);
    case "error502":
      return gatewayErrorReply(family, 502);
    case "error503":
      return gatewayErrorReply(family, 503);
    case "throttle":
      return throttledReply(family, rule.retryAfterSeconds);
    default:
      return undefined;
  }
}
