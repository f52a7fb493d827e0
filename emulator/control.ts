import { parseIsoInstant, type MovableClock } from "./clock";
import { FaultConfigError, type FaultConfig } from "./faults/config";
import type { FaultInjector } from "./faults/injector";
import { MAX_FREEZE_LATENCY_MS, type EmulatorTiming, type HandlerContext } from "./http";
import { jsonReply, Refusal, type Reply } from "./reply";

/** Emulator-only routes that switch fault injection, read the request counters and move the clock. Never faulted. */

/**
 * What the emulator's own routes (`/_emulator/…`) get: a cloud handler's context plus the controls
 * that only they may reach. Cloud handlers never see the fault injector or the clock's controls.
 */
export interface ControlContext extends HandlerContext {
  /** The clock behind `clock`, which the `/_emulator/clock` routes move. */
  movableClock: MovableClock;
  /** The fault injector and request counters, for the `/_emulator/faults` and `/stats` routes. */
  faults: FaultInjector;
}

export type ControlHandler = (ctx: ControlContext) => Promise<Reply>;

/** POST /_emulator/faults: replaces the config (body: FaultConfig) and reseeds; answers with the config in force. */
export async function setFaults(ctx: ControlContext): Promise<Reply> {
  let config: unknown;
  try {
    config = JSON.parse(ctx.request.body.toString("utf8"));
  } catch (err) {
    throw new Refusal(jsonReply(400, { error: `fault config is not JSON: ${(err as Error).message}` }));
  }
  try {
    return jsonReply(200, { faults: ctx.faults.configure(config as FaultConfig) });
  } catch (err) {
    if (err instanceof FaultConfigError) throw new Refusal(jsonReply(400, { error: err.message }));
    throw err;
  }
}

/** DELETE /_emulator/faults: faults off. */
export async function clearFaults(ctx: ControlContext): Promise<Reply> {
  ctx.faults.configure(undefined);
  return jsonReply(200, { faults: null });
}

/** GET /_emulator/faults */
export async function getFaults(ctx: ControlContext): Promise<Reply> {
  return jsonReply(200, { faults: ctx.faults.current() ?? null });
}

/** GET /_emulator/stats */
export async function getStats(ctx: ControlContext): Promise<Reply> {
  return jsonReply(200, ctx.faults.stats());
}

/** DELETE /_emulator/stats */
export async function resetStats(ctx: ControlContext): Promise<Reply> {
  ctx.faults.resetStats();
  return jsonReply(200, ctx.faults.stats());
}

const NOW_RULE = "now must be an ISO 8601 date with a time and a zone, such as 2030-01-01T00:00:00Z";

/**
 * The body of a control route: a JSON object with one field, `field`; anything else is refused with a
 * 400 naming the route's `what` and `rule`.
 */
function oneFieldBody(ctx: ControlContext, what: string, field: string, rule: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(ctx.request.body.toString("utf8"));
  } catch (err) {
    throw new Refusal(jsonReply(400, { error: `${what} body is not JSON: ${(err as Error).message}` }));
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new Refusal(jsonReply(400, { error: `must be a JSON object; ${rule}` }));
  const unknown = Object.keys(body).find((key) => key !== field);
  if (unknown !== undefined)
    throw new Refusal(jsonReply(400, { error: `${unknown}: unknown field; ${field}` }));
  return (body as Record<string, unknown>)[field];
}

/** POST /_emulator/clock: body `{"now": "<ISO 8601>"}`; the emulator's time runs on from there. */
export async function setClock(ctx: ControlContext): Promise<Reply> {
  const now = oneFieldBody(ctx, "clock", "now", NOW_RULE);
  const instant = typeof now === "string" ? parseIsoInstant(now) : undefined;
  if (!instant) throw new Refusal(jsonReply(400, { error: NOW_RULE }));
  ctx.movableClock.set(instant);
  return getClock(ctx);
}

/** DELETE /_emulator/clock: back to the base clock. */
export async function resetClock(ctx: ControlContext): Promise<Reply> {
  ctx.movableClock.reset();
  return getClock(ctx);
}

/** GET /_emulator/clock */
export async function getClock(ctx: ControlContext): Promise<Reply> {
  return jsonReply(200, { now: ctx.clock().toISOString(), offsetMs: ctx.movableClock.offsetMs });
}

const TIMING_RULE = `freezeLatencyMs must be a whole number of milliseconds from 0 to ${MAX_FREEZE_LATENCY_MS}`;

/** The timing checked (startEmulator, the CLI and the route share it); throws with the rule. */
export function checkTiming(timing: { freezeLatencyMs?: unknown }): EmulatorTiming {
  const ms = timing.freezeLatencyMs;
  if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0 || ms > MAX_FREEZE_LATENCY_MS)
    throw new Error(`${TIMING_RULE} (got ${JSON.stringify(ms)})`);
  return { freezeLatencyMs: ms };
}

/** POST /_emulator/timing: body `{"freezeLatencyMs": n}`; applies to freezes already made too. */
export async function setTiming(ctx: ControlContext): Promise<Reply> {
  const freezeLatencyMs = oneFieldBody(ctx, "timing", "freezeLatencyMs", TIMING_RULE);
  try {
    Object.assign(ctx.timing, checkTiming({ freezeLatencyMs }));
  } catch (err) {
    throw new Refusal(jsonReply(400, { error: (err as Error).message }));
  }
  return getTiming(ctx);
}

/** GET /_emulator/timing */
export async function getTiming(ctx: ControlContext): Promise<Reply> {
  return jsonReply(200, { ...ctx.timing });
}
