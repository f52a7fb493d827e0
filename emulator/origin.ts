import type { IncomingHttpHeaders } from "node:http";
import { header } from "./http";
import { jsonReply, type Reply } from "./reply";

/** The names and addresses of this machine's loopback interface a client may call the emulator by. */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** Fetch Metadata values a browser sends for a request a page of another site started. */
const SAME_SITE_FETCHES = new Set(["same-origin", "none"]);

/**
 * The emulator listens on 127.0.0.1 only, but a web page the developer visits can still reach it: by
 * DNS rebinding (its own name resolving to 127.0.0.1, so the browser sends `Host: <its name>`), or by
 * a cross-origin "simple" request (a form POST, `text/plain`), which the browser sends without asking.
 * So it answers only requests that name it by a loopback name with its own port, refuses any request
 * a browser marks as coming from another origin, and takes only JSON bodies on its control routes
 * (`/_emulator/…`: faults, the clock, the freeze). SDK clients send none of these browser headers.
 * See https://fetch.spec.whatwg.org/#http-origin and https://www.w3.org/TR/fetch-metadata/.
 */
export function foreignRequestReply(
  headers: IncomingHttpHeaders,
  port: number,
  control: boolean,
  hasBody: boolean,
): Reply | undefined {
  const own = LOOPBACK_HOSTS.map((host) => `${host}:${port}`);
  const host = header(headers, "host")?.toLowerCase();
  if (host === undefined || !own.includes(host))
    return refusal(421, `Host must be one of ${own.join(", ")}: the emulator answers only on loopback`);
  const origin = header(headers, "origin");
  if (origin !== undefined && !own.some((name) => origin.toLowerCase() === `http://${name}`))
    return refusal(403, "requests from another origin are refused: the emulator is for local clients only");
  const fetchSite = header(headers, "sec-fetch-site")?.toLowerCase();
  if (fetchSite !== undefined && !SAME_SITE_FETCHES.has(fetchSite))
    return refusal(403, `Sec-Fetch-Site ${fetchSite}: requests a page of another site started are refused`);
  if (control && hasBody && !isJson(header(headers, "content-type")))
    return refusal(415, "Content-Type must be application/json on the emulator's control routes");
  return undefined;
}

/** `application/json`, with parameters (`; charset=utf-8`) or not. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0].trim().toLowerCase() === "application/json";
}

const refusal = (status: number, error: string): Reply => jsonReply(status, { error });
