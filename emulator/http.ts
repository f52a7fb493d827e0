import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { PathParams } from "../provider/http/pathTemplate";
import type { Reply } from "./reply";
import type { StateStore } from "./state";
import type { Variants } from "./variants";

// Handlers answer with the reply helpers of ./reply; they are re-exported here so that a handler
// takes what it needs from one place.
export { jsonReply, Refusal, textReply, type Reply } from "./reply";

/** A request after its body has been read. */
export interface EmulatorRequest {
  method: string;
  /** The request target exactly as sent: path plus `?query` when there is one. */
  target: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HandlerContext {
  request: EmulatorRequest;
  params: PathParams;
  store: StateStore;
  /** The emulator's time now. */
  clock: () => Date;
  /** How this emulator answers where the official sources leave the answer open (emulator/variants.ts). */
  variants: Variants;
  /** Delays the real service documents, which the emulator models (`POST /_emulator/timing` changes them). */
  timing: EmulatorTiming;
}

export interface EmulatorTiming {
  /**
   * How long a frozen certificate still counts as active for safe mode's rules, in milliseconds of the
   * emulator's clock: FreezeCert says a freeze takes 0.5 to 1 minute to take effect. Default 0.
   */
  freezeLatencyMs: number;
}

/** Whole milliseconds up to one hour: more than any documented delay, and below Node's timer limit. */
export const MAX_FREEZE_LATENCY_MS = 3_600_000;

export type RouteHandler = (ctx: HandlerContext) => Promise<Reply>;

/** One header value; repeated headers are joined with a comma. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

/** Request bodies larger than this are refused (the freeze zip is at most 30 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body; `tooLarge` is set (and the rest discarded) past {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
    req.on("error", reject);
  });
}
