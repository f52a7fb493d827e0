import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import fetch from "node-fetch";

/**
 * One HTTP transport (node-fetch with a timeout) and the middleware shape that signing and
 * authentication layers wrap around it, in the manner of the AWS SDK v3's middleware stack.
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /**
   * Whether sending the request twice has the effect of sending it once. Defaults by method (GET,
   * HEAD, PUT, DELETE are); the retry layer re-sends a non-idempotent request only when the server
   * cannot have acted on it.
   */
  idempotent?: boolean;
  /** The most bytes read from the answer; default {@link ANSWER_LIMITS.single}. */
  maxAnswerBytes?: number;
  /** Which attempt this is (1 for the first), set by the retry layer; for the trace. */
  attempt?: number;
}

/**
 * The most bytes read from an answer (after content decoding, so a compressed bomb stops there too).
 * Real answers are a few kB; a listing of thousands of identities or certificates, or a CRL, a few MB.
 */
export const ANSWER_LIMITS = {
  /** One object: a token, a certificate zip, an enrollment, a freeze result, an error. */
  single: 1024 * 1024,
  /** A listing: NAVER or Fabric CA identities, Fabric CA certificates, a CRL. */
  listing: 16 * 1024 * 1024,
} as const;

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Set by the retry layer: earlier attempts that reached the server but whose answer was lost. */
  lostAnswers?: number;
}

export type Handler = (request: HttpRequest) => Promise<HttpResponse>;
export type Middleware = (next: Handler) => Handler;

/** Raised when no HTTP answer came back at all (refused, reset, timed out). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** False when the request never reached the server (refused, unknown host): it cannot have acted. */
    readonly sent: boolean,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** Raised for any 3xx: the cloud APIs do not redirect, and a redirect would carry the credentials elsewhere. */
export class RedirectRefusedError extends Error {
  constructor(where: string, status: number, location: string | undefined, base: string) {
    let target = "no usable Location";
    try {
      if (location) target = new URL(location, base).origin;
    } catch {
      // keep "no usable Location": the server's text is not repeated
    }
    super(
      `${where}: the server answered ${status}, a redirect to ${target}; pulumi-bcs follows no redirect ` +
        `(the APIs it calls do not redirect, and following would send the credentials there): check the endpoint`,
    );
    this.name = "RedirectRefusedError";
  }
}

/** Raised when an answer is larger than the limit: nothing of it is used. */
export class AnswerTooLargeError extends Error {
  constructor(where: string, limit: number) {
    super(`${where}: the answer is larger than ${limit} bytes, the most pulumi-bcs reads; it was dropped`);
    this.name = "AnswerTooLargeError";
  }
}

/** Connection errors that happen before any byte of the request is delivered. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

export function isIdempotent(request: HttpRequest): boolean {
  return request.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(request.method.toUpperCase());
}

export interface TransportOptions {
  /** PEM certificates trusted for https instead of Node's bundled roots (a private CA). */
  caPem?: string;
}

const transports = new Map<string, Handler>();

/**
 * One transport per timeout and trust bundle for the whole process, so that every client shares
 * its keep-alive connections (a stack with hundreds of certificates opens a handful of sockets).
 */
export function fetchTransport(timeoutMs: number, options: TransportOptions = {}): Handler {
  const key = `${timeoutMs}|${options.caPem ?? ""}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = newFetchTransport(timeoutMs, options);
    transports.set(key, transport);
  }
  return transport;
}

function newFetchTransport(timeoutMs: number, options: TransportOptions): Handler {
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    ...(options.caPem !== undefined ? { ca: options.caPem } : {}),
  });
  return async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const where = `${request.method} ${new URL(request.url).origin}${new URL(request.url).pathname}`;
    const limit = request.maxAnswerBytes ?? ANSWER_LIMITS.single;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        agent: (url) => (url.protocol === "https:" ? httpsAgent : httpAgent),
        redirect: "manual",
        size: limit,
      });
      if (response.status >= 300 && response.status < 400) {
        controller.abort(); // drops the connection instead of reading what the redirect carries
        throw new RedirectRefusedError(
          where,
          response.status,
          response.headers.get("location") ?? undefined,
          request.url,
        );
      }
      if (Number(response.headers.get("content-length")) > limit) {
        controller.abort();
        throw new AnswerTooLargeError(where, limit);
      }
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { status: response.status, headers, body };
    } catch (err) {
      if (err instanceof RedirectRefusedError || err instanceof AnswerTooLargeError) throw err;
      if ((err as { type?: string }).type === "max-size") {
        controller.abort(); // node-fetch stops keeping the bytes but not the connection
        throw new AnswerTooLargeError(where, limit);
      }
      const aborted = (err as { name?: string }).name === "AbortError";
      const code = (err as { code?: string }).code ?? "";
      throw new TransportError(
        aborted
          ? `${where}: no answer within ${timeoutMs} ms (setting requestTimeoutMs)`
          : `${where}: ${(err as Error).message}`,
        request.url,
        !NOT_SENT.has(code),
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

/** `compose(transport, a, b)` sends a request through a, then b, then the transport. */
export function compose(transport: Handler, ...middlewares: Middleware[]): Handler {
  return middlewares.reduceRight<Handler>((next, middleware) => middleware(next), transport);
}

/**
 * What a client is given to send with: one attempt, and the retry layer around attempts. The client
 * puts its signing or authentication between them with {@link sendingThrough}, so every attempt is
 * signed anew (a fresh timestamp) and a retry never replays an old signature — as in smithy's stack,
 * where signing sits inside retry.
 */
export interface ApiTransport {
  /** Sends one attempt (concurrency limit, then the wire). */
  attempt: Handler;
  /** Decides on further attempts; none when omitted. */
  retry?: Middleware;
}

/** Retry outside, then the given per-attempt layers (auth, signing), then one attempt. */
export function sendingThrough(transport: ApiTransport, ...perAttempt: Middleware[]): Handler {
  return compose(transport.attempt, ...(transport.retry ? [transport.retry] : []), ...perAttempt);
}
