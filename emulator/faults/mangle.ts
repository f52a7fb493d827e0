import type { ServerResponse } from "node:http";
import type { Reply } from "../reply";
import type { FaultKind } from "./config";
import { mulberry32 } from "./random";

/** The "after" faults that spoil a real answer: cut or flipped zips, broken JSON, a dripped body. */

function contentType(reply: Reply): string {
  const entry = Object.entries(reply.headers).find(([name]) => name.toLowerCase() === "content-type");
  return entry?.[1].toLowerCase() ?? "";
}

/** Whether an "after" fault can be applied to this answer (zip and JSON faults only touch 2xx answers of that type). */
export function applies(kind: FaultKind, reply: Reply): boolean {
  const ok = reply.status >= 200 && reply.status < 300;
  switch (kind) {
    case "truncatedZip":
    case "corruptZip":
      return ok && contentType(reply).startsWith("application/zip") && reply.body.length > 0;
    case "malformedJson":
      return ok && contentType(reply).startsWith("application/json");
    default:
      return true;
  }
}

/** Zip's end-of-central-directory record is the last 22 bytes (there is no comment): cut before it. */
const EOCD_LENGTH = 22;
const EOCD_SIGNATURE = 0x06054b50;

export function truncate(body: Buffer, param: number): Buffer {
  const room = body.length - EOCD_LENGTH;
  const length = room > 1 ? 1 + Math.floor(param * (room - 1)) : Math.floor(body.length / 2);
  return Buffer.from(body.subarray(0, length));
}

/**
 * Flips `count` bytes at seeded positions, and always the first byte of the end-of-central-directory
 * signature, so that every zip reader refuses the body (fflate, for one, does not check CRC-32).
 */
export function corrupt(body: Buffer, param: number, count: number): Buffer {
  const out = Buffer.from(body);
  const random = mulberry32(Math.floor(param * 2 ** 32));
  for (let i = 0; i < count; i++) out[Math.floor(random() * out.length)] ^= 0xff;
  for (let at = body.length - EOCD_LENGTH; at >= 0; at--) {
    if (body.readUInt32LE(at) === EOCD_SIGNATURE) {
      out[at] = body[at] ^ 0xff;
      break;
    }
  }
  return out;
}

/** The first half of the JSON text followed by an HTML fragment, as a confused proxy might send. */
export function malform(body: Buffer): Buffer {
  return Buffer.concat([
    body.subarray(0, Math.floor(body.length / 2)),
    Buffer.from("<html><body>upstream error</body></html>"),
  ]);
}

/** Headers (with the full Content-Length) at once, then the body a few bytes at a time. */
export function drip(res: ServerResponse, reply: Reply, bytes: number, everyMs: number): void {
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(reply.body.length) });
  res.flushHeaders();
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    const chunk = reply.body.subarray(offset, offset + bytes);
    offset += bytes;
    if (offset >= reply.body.length) {
      clearInterval(timer);
      res.end(chunk);
    } else res.write(chunk);
  }, everyMs);
  res.once("close", () => clearInterval(timer));
}
