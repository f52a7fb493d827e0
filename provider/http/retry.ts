import { isIdempotent, TransportError, type HttpResponse, type Middleware } from "./transport";

/** How hard to try. Defaults suit a `pulumi up` in CI: a minute of patience per request at most. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step; doubles each retry (full jitter). */
  baseDelayMs: number;
  /** Cap of one wait, including a server's Retry-After. */
  maxDelayMs: number;
  /** No retry starts after this much time has passed since the first attempt. */
  totalMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  totalMs: 60_000,
};

/** Answers worth another try: throttling and the server-side failures that are usually passing. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Of those, the ones that say the server did not act, so a non-idempotent request may be re-sent. */
const NOT_ACTED_STATUS = new Set([429, 503]);

/** Raised when a non-idempotent request may have been carried out although its answer was lost. */
export class AmbiguousOutcomeError extends TransportError {
  constructor(cause: TransportError) {
    super(
      `${cause.message}; the server may have carried out the request before the answer was lost`,
      cause.url,
      true,
    );
    this.name = "AmbiguousOutcomeError";
  }
}

/** Seconds (`Retry-After: 3`) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(response: HttpResponse, now: number): number | undefined {
  const value = response.headers["retry-after"];
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Retries with capped exponential backoff and jitter, honouring Retry-After, within a total time.
 * Never retries a 4xx other than 429. A non-idempotent request is re-sent only when the server
 * cannot have acted on it (not delivered, 429, 503); otherwise the caller learns the outcome is unknown.
 */
export function retrying(policy: RetryPolicy = DEFAULT_RETRY_POLICY): Middleware {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = policy.random ?? Math.random;
  const now = policy.now ?? Date.now;
  return (next) => async (request) => {
    const started = now();
    const idempotent = isIdempotent(request);
    let lostAnswers = 0;
    const answer = (response: HttpResponse) => (lostAnswers > 0 ? { ...response, lostAnswers } : response);
    for (let attempt = 0; ; attempt++) {
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * random();
      const budgetLeft = (wait: number) =>
        attempt < policy.maxRetries && now() - started + wait <= policy.totalMs;
      let response: HttpResponse;
      try {
        response = await next({ ...request, attempt: attempt + 1 });
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        if (err.sent && !idempotent) throw new AmbiguousOutcomeError(err);
        if (!budgetLeft(backoff))
          throw !idempotent && (lostAnswers > 0 || err.sent) ? new AmbiguousOutcomeError(err) : err;
        if (err.sent) lostAnswers++;
        await sleep(backoff);
        continue;
      }
      if (!RETRYABLE_STATUS.has(response.status)) return answer(response);
      if (!idempotent && !NOT_ACTED_STATUS.has(response.status)) return answer(response);
      const wait = Math.min(policy.maxDelayMs, retryAfterMs(response, now()) ?? backoff);
      if (!budgetLeft(wait)) return answer(response);
      if (!NOT_ACTED_STATUS.has(response.status)) lostAnswers++; // a 500, 502 or 504 may follow the work
      await sleep(wait);
    }
  };
}
