/**
 * The one endpoint policy for every URL pulumi-bcs calls (Huawei BCS and IAM, NAVER, Fabric CA, for
 * the resources and the lookup alike): an absolute http(s) URL without credentials, query or fragment;
 * https, except plain http to this machine, or anywhere with `bcs:allowInsecureHttp` (with a warning).
 */

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Why `url` may not be called, naming `field`; undefined when it may. */
export function endpointProblem(field: string, url: string, allowInsecureHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The value is not repeated: a secret pasted into the wrong field would be printed.
    return `${field} must be an absolute URL such as https://host:port (got ${url.length} characters that do not parse as one)`;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return `${field} must use https (got ${JSON.stringify(parsed.protocol)})`;
  if (parsed.username || parsed.password)
    return `${field} must not carry credentials (user:password@): use the credential settings`;
  if (parsed.search || parsed.hash || url.includes("?") || url.includes("#"))
    return `${field} must not have a query or fragment (got ${parsed.origin}${parsed.pathname}?…)`;
  if (parsed.protocol === "http:" && !LOOPBACK.has(parsed.hostname) && !allowInsecureHttp) {
    return (
      `${field} must use https (got http://${parsed.host}); plain http is allowed only for ` +
      "127.0.0.1/localhost, or with bcs:allowInsecureHttp=true"
    );
  }
  return undefined;
}

const warned = new Set<string>();

/**
 * Returns `url` when the policy allows it, else throws; tells `warn` once per origin of remote plain
 * http (the callers pass common/notice.ts: http/ is the ground floor and calls nothing above it).
 */
export function checkEndpoint(
  field: string,
  url: string,
  settings: { allowInsecureHttp?: string },
  warn: (message: string) => void,
): string {
  const problem = endpointProblem(field, url, settings.allowInsecureHttp === "true");
  if (problem) throw new Error(problem);
  const parsed = new URL(url);
  if (parsed.protocol === "http:" && !LOOPBACK.has(parsed.hostname) && !warned.has(parsed.origin)) {
    warned.add(parsed.origin);
    warn(
      `warning: ${field} ${parsed.origin} uses plain http; credentials and keys cross the network unencrypted`,
    );
  }
  return url;
}
