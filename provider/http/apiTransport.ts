import { limitConcurrency } from "./concurrency";
import { DEFAULT_RETRY_POLICY, retrying } from "./retry";
import { compose, fetchTransport, type ApiTransport } from "./transport";

/** How the transport behaves; each backend's `connect` reads these from the settings. */
export interface TransportOptions {
  requestTimeoutMs?: number;
  maxConcurrentRequests?: number;
  maxRetries?: number;
  retryTotalMs?: number;
  /** PEM bundle trusted for https instead of Node's roots. */
  caPem?: string;
}

/** The defaults of {@link TransportOptions}, which are also the defaults of the `bcs:` settings. */
export const TRANSPORT_DEFAULTS = {
  requestTimeoutMs: 30_000,
  maxConcurrentRequests: 8,
  maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
  retryTotalMs: DEFAULT_RETRY_POLICY.totalMs,
} as const;

/**
 * The transport every API client uses: retries outside, the client's signing or authentication
 * inside (see {@link ApiTransport}), then the per-endpoint concurrency limit and the shared
 * keep-alive fetch, so each attempt is signed anew.
 */
export function apiTransport(options: TransportOptions = {}): ApiTransport {
  const o = { ...TRANSPORT_DEFAULTS, ...options };
  return {
    attempt: compose(
      fetchTransport(o.requestTimeoutMs, { caPem: o.caPem }),
      limitConcurrency(o.maxConcurrentRequests),
    ),
    retry: retrying({ ...DEFAULT_RETRY_POLICY, maxRetries: o.maxRetries, totalMs: o.retryTotalMs }),
  };
}
