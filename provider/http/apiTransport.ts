import type { Settings } from "../settings";
import { limitConcurrency } from "./concurrency";
import { DEFAULT_RETRY_POLICY, retrying } from "./retry";
import { compose, fetchTransport, type Handler } from "./transport";

/**
 * The transport every API client uses: retries outside, the per-endpoint concurrency limit inside,
 * then the shared keep-alive fetch. Authentication layers wrap this, so each retry is signed anew.
 */
export function apiTransport(settings: Settings, caPem: string | undefined = settings.caBundle): Handler {
  const number = (value: string | undefined, fallback: number) =>
    value && Number.isFinite(Number(value)) ? Number(value) : fallback;
  return compose(
    fetchTransport(number(settings.requestTimeoutMs, 30000), { caPem }),
    retrying({
      ...DEFAULT_RETRY_POLICY,
      maxRetries: number(settings.maxRetries, DEFAULT_RETRY_POLICY.maxRetries),
      totalMs: number(settings.retryTotalMs, DEFAULT_RETRY_POLICY.totalMs),
    }),
    limitConcurrency(number(settings.maxConcurrentRequests, 8)),
  );
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const warned = new Set<string>();

/**
 * https by default. Plain http only for an endpoint on this machine (the emulator, a local CA), or
 * with `bcs:allowInsecureHttp` set, which prints a warning once per endpoint.
 */
export function checkEndpoint(setting: string, url: string, settings: Settings): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${setting} must be an absolute https URL (got ${JSON.stringify(url)})`);
  }
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname)))
    return url;
  if (parsed.protocol === "http:" && settings.allowInsecureHttp === "true") {
    if (!warned.has(parsed.origin)) {
      warned.add(parsed.origin);
      console.error(
        `pulumi-bcs: warning: ${setting} ${parsed.origin} uses plain http; credentials and keys cross the network unencrypted`,
      );
    }
    return url;
  }
  throw new Error(
    `${setting} must use https (got ${parsed.protocol}//${parsed.host}); plain http is allowed only for 127.0.0.1/localhost, or with bcs:allowInsecureHttp=true`,
  );
}
