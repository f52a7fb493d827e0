import { jsonBody } from "./errors";
import { requestIdOf } from "./requestId";
import { serverText } from "./serverText";
import type { HttpResponse, Middleware } from "./transport";

/** Settings values that turn tracing on: `bcs:traceRequests true`, or `BCS_TRACE=1`. */
export const TRACE_ON = new Set(["true", "1"]);

/** The error code of an answer in any of the clouds' shapes; "-" when there is none. */
function errorCodeOf(response: HttpResponse): string {
  if (response.status < 400) return "-";
  const body = jsonBody(response) as
    { error_code?: unknown; code?: unknown; error?: { errorCode?: unknown; code?: unknown } } | undefined;
  const code = body?.error_code ?? body?.error?.errorCode ?? body?.error?.code ?? body?.code;
  return typeof code === "string" || typeof code === "number" ? serverText(String(code), 40) : "-";
}

/**
 * One line per attempt to stderr, for a first run against a real cloud:
 * `pulumi-bcs trace: POST /v2/…/usercert/alice 400 request-id=… code=BCS.4006005 attempt=2 37ms`.
 * Only the method, the path (never the query: a token may travel there), the status, the cloud's
 * request id and error code, the attempt number and the time: never a header, a body or a host's
 * userinfo. Placed per attempt, inside the retry layer, after the concurrency queue.
 */
export function tracing(write: (line: string) => void = (line) => process.stderr.write(line)): Middleware {
  return (next) => async (request) => {
    const started = performance.now();
    const url = new URL(request.url);
    const what = `${request.method} ${serverText(url.pathname, 200)}`;
    const took = () => `attempt=${request.attempt ?? 1} ${Math.round(performance.now() - started)}ms`;
    try {
      const response = await next(request);
      const id = requestIdOf(response, jsonBody(response)) ?? "-";
      write(
        `pulumi-bcs trace: ${what} ${response.status} request-id=${id} code=${errorCodeOf(response)} ${took()}\n`,
      );
      return response;
    } catch (err) {
      write(`pulumi-bcs trace: ${what} no answer (${(err as Error).name}) ${took()}\n`);
      throw err;
    }
  };
}
