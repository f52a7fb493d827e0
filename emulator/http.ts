import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { PathParams } from "../provider/http/pathTemplate";
import type { Reply } from "./reply";
import type { StateStore } from "./state";

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
}

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
