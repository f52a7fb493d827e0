import { Agent } from "node:https";
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
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export type Handler = (request: HttpRequest) => Promise<HttpResponse>;
export type Middleware = (next: Handler) => Handler;

/** Raised when no HTTP answer came back at all (refused, reset, timed out). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface TransportOptions {
  /** PEM certificates trusted for https instead of Node's bundled roots (a private CA). */
  caPem?: string;
}

export function fetchTransport(timeoutMs: number, options: TransportOptions = {}): Handler {
  const httpsAgent = options.caPem !== undefined ? new Agent({ ca: options.caPem }) : undefined;
  return async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const where = `${request.method} ${new URL(request.url).origin}${new URL(request.url).pathname}`;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        agent: (url) => (url.protocol === "https:" ? httpsAgent : undefined),
      });
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { status: response.status, headers, body };
    } catch (err) {
      const aborted = (err as { name?: string }).name === "AbortError";
      throw new TransportError(
        aborted
          ? `${where}: no answer within ${timeoutMs} ms (setting requestTimeoutMs)`
          : `${where}: ${(err as Error).message}`,
        request.url,
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
