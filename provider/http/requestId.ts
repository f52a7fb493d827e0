import { serverText } from "./serverText";
import type { HttpResponse } from "./transport";

/**
 * The id a cloud gave this request, which its support asks for first: the `X-Request-Id` header (read
 * by Huawei's Go SDK, `core/sdkerr/errors.go`) or the API gateway's `request_id` body field. Neutralised
 * like every other server text; undefined when the answer carries none.
 */
export function requestIdOf(response: Pick<HttpResponse, "headers">, body?: unknown): string | undefined {
  const fromBody = (body as { request_id?: unknown } | undefined)?.request_id;
  const raw = response.headers["x-request-id"] ?? (typeof fromBody === "string" ? fromBody : undefined);
  return raw?.trim() ? serverText(raw.trim(), 100) : undefined;
}
