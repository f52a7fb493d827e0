import type { ServerResponse } from "node:http";

/** What every route answers with, and how it is written: a leaf module, imported by all the others. */

/** What a handler answers with. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

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

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(reply.body.length) });
  res.end(reply.body);
}
