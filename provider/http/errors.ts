import type { HttpResponse } from "./transport";

/**
 * An error answer from a cloud API, with the API's own code and message and a hint of what to do.
 * Messages are built from the response only, never from request headers, so no credential can leak.
 */
export class ApiError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly hint: string,
  ) {
    super(`${service} answered ${status} ${code}: ${apiMessage}${hint ? `. ${hint}` : ""}`);
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

/** A short, printable excerpt of a body that is not what the API documents. */
export function bodyExcerpt(response: HttpResponse): string {
  const text = response.body.toString("utf8").replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || "(empty body)";
}

/** Replaces every occurrence of the given secrets with `[secret]`. */
export function scrub(message: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join("[secret]"), message);
}
