import { FaultConfigError, type FaultConfig } from "./faults";
import { jsonReply, Refusal, type HandlerContext, type Reply } from "./http";

/** Emulator-only routes that switch fault injection and read the request counters. Never faulted. */

/** POST /_emulator/faults: replaces the config (body: FaultConfig) and reseeds; answers with the config in force. */
export async function setFaults(ctx: HandlerContext): Promise<Reply> {
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
export async function clearFaults(ctx: HandlerContext): Promise<Reply> {
  ctx.faults.configure(undefined);
  return jsonReply(200, { faults: null });
}

/** GET /_emulator/faults */
export async function getFaults(ctx: HandlerContext): Promise<Reply> {
  return jsonReply(200, { faults: ctx.faults.current() ?? null });
}

/** GET /_emulator/stats */
export async function getStats(ctx: HandlerContext): Promise<Reply> {
  return jsonReply(200, ctx.faults.stats());
}

/** DELETE /_emulator/stats */
export async function resetStats(ctx: HandlerContext): Promise<Reply> {
  ctx.faults.resetStats();
  return jsonReply(200, ctx.faults.stats());
}
