import { createHash, createHmac } from "node:crypto";

/**
 * Huawei Cloud API Gateway "SDK-HMAC-SHA256" request signing (AK/SK), as in Huawei's signing guide and
 * official SDKs. The emulator verifies with the same functions, and a test holds them against the
 * official Node.js signer.
 */

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
/** The `X-Sdk-Content-Sha256` value that leaves the body out of the signature. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SignableRequest {
  method: string;
  /** Absolute URL; host and path are signed. */
  url: string;
  /** Header names in any case; every header given here is signed. */
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-_.~`. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => rfc3986(safeDecode(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function canonicalQuery(search: URLSearchParams): string {
  const pairs: [string, string][] = [...search.entries()];
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1));
  return pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
}

function lowerHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers)
    .map(([k, v]): [string, string] => [k.toLowerCase(), v.trim()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The canonical request text; exported for tests and for the emulator's error messages. */
export function canonicalRequest(req: SignableRequest, signedHeaderNames?: string[]): string {
  const url = new URL(req.url);
  const all = lowerHeaders(req.headers);
  const signed = signedHeaderNames ? all.filter(([k]) => signedHeaderNames.includes(k)) : all;
  const contentSha = all.find(([k]) => k === "x-sdk-content-sha256")?.[1];
  const bodyHash = contentSha ?? (req.body && req.body.length > 0 ? sha256Hex(req.body) : EMPTY_BODY_SHA256);
  return [
    req.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    signed.map(([k, v]) => `${k}:${v}\n`).join(""),
    signed.map(([k]) => k).join(";"),
    bodyHash,
  ].join("\n");
}

/** Formats a date as X-Sdk-Date wants it: `YYYYMMDDTHHMMSSZ`. */
export function sdkDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export function signature(secretKey: string, sdkDateValue: string, canonical: string): string {
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDateValue}\n${sha256Hex(canonical)}`;
  return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(stringToSign).digest("hex");
}

/**
 * Signs a request in place: adds `X-Sdk-Date` and `Host` (when absent) and returns the headers with
 * `Authorization` set. Header names other than those given are not signed.
 */
export function signRequest(
  req: SignableRequest,
  credentials: { accessKey: string; secretKey: string },
  at: Date,
): Record<string, string> {
  const url = new URL(req.url);
  const headers: Record<string, string> = { ...req.headers };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has("x-sdk-date")) headers["X-Sdk-Date"] = sdkDate(at);
  if (!has("host")) headers["Host"] = url.host;
  const dateValue = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-sdk-date")![1];
  const canonical = canonicalRequest({ ...req, headers });
  const names = lowerHeaders(headers).map(([k]) => k);
  headers["Authorization"] =
    `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${names.join(";")}, ` +
    `Signature=${signature(credentials.secretKey, dateValue, canonical)}`;
  return headers;
}

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m =
    /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      value.trim(),
    );
  if (!m) return undefined;
  return { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}
