import { numberSetting, type Settings } from "../settings";
import { limitConcurrency } from "./concurrency";
import { DEFAULT_RETRY_POLICY, retrying } from "./retry";
import { TRACE_ON, tracing } from "./trace";
import { compose, fetchTransport, type ApiTransport } from "./transport";

/**
 * The transport every API client uses: retries outside, the client's signing or authentication
 * inside (see {@link ApiTransport}), then the per-endpoint concurrency limit and the shared
 * keep-alive fetch, so each attempt is signed anew.
 */
export function apiTransport(
  settings: Settings,
  caPem: string | undefined = settings.caBundle,
): ApiTransport {
  return {
    attempt: compose(
      fetchTransport(numberSetting(settings, "requestTimeoutMs"), { caPem }),
      limitConcurrency(numberSetting(settings, "maxConcurrentRequests")),
      ...(TRACE_ON.has(settings.traceRequests ?? "") ? [tracing()] : []),
    ),
    retry: retrying({
      ...DEFAULT_RETRY_POLICY,
      maxRetries: numberSetting(settings, "maxRetries"),
      totalMs: numberSetting(settings, "retryTotalMs"),
    }),
  };
}
