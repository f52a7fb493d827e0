import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { PathParams } from "../provider/http/pathTemplate";
import type { MovableClock } from "./clock";
import type { FaultInjector } from "./faults";
import type { StateStore } from "./state";
import type { Variants } from "./variants";

/** What a handler answers with. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

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
  /** The emulator's time now: `movableClock.now()`. */
  clock: () => Date;
  /** The clock behind `clock`, for the `/_emulator/clock` routes that move it. */
  movableClock: MovableClock;
  /** The emulator's fault injector and request counters (for the `/_emulator/faults` and `/stats` routes). */
  faults: FaultInjector;
  /** How this emulator answers where the official sources leave the answer open (emulator/variants.ts). */
  variants: Variants;
}

export type RouteHandler = (ctx: HandlerContext) => Promise<Reply>;

/** Thrown anywhere below a handler to answer with an error reply. */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(`refused with ${reply.status}`);
    this.name = "Refusal";
  }
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "Content-Type": "application/json;charset=UTF-8", ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: Buffer.from(text) };
}

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

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    "X-Request-Id": randomUUID().replaceAll("-", ""), // as Huawei's gateway sends one on every answer
    ...reply.headers,
    "Content-Length": String(reply.body.length),
  });
  res.end(reply.body);
}
