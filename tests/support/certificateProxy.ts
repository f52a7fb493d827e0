import type { ServerResponse } from "node:http";
import type { RecordedRequest } from "./hostileServer";
import { filesOf, zipOf } from "./mspZip";

/** An HTTP answer, as the proxy got it from upstream or as a test rewrote it. */
export interface ProxiedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Rewrites the emulator's answer to the n-th (from 1) certificate POST of one user name. */
export type AnswerRewrite = (
  answer: ProxiedAnswer,
  nth: number,
  request: RecordedRequest,
) => ProxiedAnswer | Promise<ProxiedAnswer>;

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "keep-alive", "transfer-encoding"]);

/** Sends a received request on to `upstream` (optionally to another path) and returns its answer. */
export async function forward(
  upstream: string,
  request: RecordedRequest,
  path = request.url,
): Promise<ProxiedAnswer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = String(value);
  }
  const response = await fetch(upstream + path, {
    method: request.method,
    headers,
    body: ["GET", "HEAD"].includes(request.method) ? undefined : request.body,
    redirect: "manual",
  });
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) answerHeaders[name] = value;
  });
  return { status: response.status, headers: answerHeaders, body: Buffer.from(await response.arrayBuffer()) };
}

export function send(res: ServerResponse, answer: ProxiedAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, "content-length": String(answer.body.length) });
  res.end(answer.body);
}

const CERTIFICATE_POST = /\/usercert\/([^/?]+)$/;

/**
 * A handler for a hostile server in front of the emulator's BCS API: every request goes through to
 * `upstream`; the answers to the certificate POSTs of the user names in `rewrites` are rewritten.
 */
export function certificateProxy(upstream: string, rewrites: Map<string, AnswerRewrite>) {
  const posts = new Map<string, number>();
  return (request: RecordedRequest, res: ServerResponse): void => {
    void (async () => {
      const answer = await forward(upstream, request);
      const user = request.method === "POST" ? CERTIFICATE_POST.exec(request.url)?.[1] : undefined;
      const rewrite = user === undefined ? undefined : rewrites.get(user);
      if (!user || !rewrite) return send(res, answer);
      const nth = (posts.get(user) ?? 0) + 1;
      posts.set(user, nth);
      send(res, await rewrite(answer, nth, request));
    })().catch((err: Error) => send(res, { status: 599, headers: {}, body: Buffer.from(err.message) }));
  };
}

/** The 500 Huawei BCS answers when it fails internally, in its own error shape. */
export const INTERNAL_ERROR: ProxiedAnswer = {
  status: 500,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ error_code: "BCS.5000500", error_msg: "Internal Server Error" })),
};

/** The answer's zip with its files changed (path → text). */
export function edited(
  answer: ProxiedAnswer,
  change: (files: Record<string, string>) => void,
): ProxiedAnswer {
  const files = filesOf(answer.body);
  change(files);
  return { ...answer, body: zipOf(files) };
}

/** Upstream's answer to the same request for another user name: a genuine certificate of the same CA. */
const issuedFor = (upstream: string, request: RecordedRequest, userName: string) =>
  forward(upstream, request, request.url.replace(/[^/]+$/, userName));

/** Answers with another user's certificate and key (user `<other><n>` for the n-th POST). */
export const otherUsersZip =
  (upstream: string, other: string): AnswerRewrite =>
  (_answer, nth, request) =>
    issuedFor(upstream, request, `${other}${nth}`);

const keyPath = (files: Record<string, string>) => Object.keys(files).find((p) => p.includes("/keystore/"))!;

/** The answer's certificate with the key of another user's (`<other><n>`). */
export const mismatchedKey =
  (upstream: string, other: string): AnswerRewrite =>
  async (answer, nth, request) => {
    const strangers = filesOf((await issuedFor(upstream, request, `${other}${nth}`)).body);
    return edited(answer, (files) => (files[keyPath(files)] = strangers[keyPath(strangers)]));
  };
