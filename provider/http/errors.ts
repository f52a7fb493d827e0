import { serverText } from "./serverText";
import type { HttpResponse } from "./transport";

/**
 * An error answer from a cloud API, with the API's own code and message and a hint of what to do.
 * Messages are built from the response only, never from request headers; the server's code and
 * message are scrubbed, cut and neutralised (serverText) before they are kept.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly apiMessage: string;

  constructor(
    readonly service: string,
    readonly status: number,
    code: string,
    apiMessage: string,
    readonly hint: string,
    /** The cloud's id of the request (already neutralised: requestIdOf), for a support ticket. */
    readonly requestId?: string,
  ) {
    const shownCode = serverText(code, 100);
    const shownMessage = serverText(apiMessage);
    const id = requestId ? ` (request id ${requestId})` : "";
    super(`${service} answered ${status} ${shownCode}: ${shownMessage}${hint ? `. ${hint}` : ""}${id}`);
    this.code = shownCode;
    this.apiMessage = shownMessage;
    this.name = "ApiError";
  }
}

/** Parses a JSON body; undefined when it is not JSON. */
export function jsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * A short, printable excerpt of a body that is not what the API documents. A body that looks like
 * key material or binary data (a zip, a PEM private key) is described, never quoted.
 */
export function bodyExcerpt(response: HttpResponse): string {
  if (!looksLikeText(response.body)) return `(${response.body.length} bytes that are not text, not shown)`;
  const text = response.body.toString("utf8").replace(/\s+/g, " ").trim();
  return text ? serverText(text, 200) : "(empty body)";
}

function looksLikeText(body: Buffer): boolean {
  const start = body.subarray(0, 4096);
  const binary = start.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x1b));
  return !binary && start.toString("latin1", 0, 2) !== "PK" && !body.includes("PRIVATE KEY");
}
