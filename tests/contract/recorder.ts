import type { IncomingHttpHeaders } from "node:http";
import busboy from "busboy";
import { startHostileServer, type HostileServer, type RecordedRequest } from "../support/hostileServer";

export type { RecordedRequest };
export type Recorder = HostileServer;

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** A node:http server on 127.0.0.1 that records every request as it reached the wire and answers as `answer` says. */
export function startRecorder(answer: (request: RecordedRequest) => CannedAnswer): Promise<Recorder> {
  return startHostileServer((request, response) => {
    const reply = answer(request);
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? "");
  });
}

/** The media type of a Content-Type header, lower-case, without parameters. */
export function mediaType(headers: IncomingHttpHeaders): string | undefined {
  return headers["content-type"]?.split(";")[0].trim().toLowerCase();
}

/** Every key path of a JSON value (`a.b.c`); arrays and scalars are leaves. */
export function jsonFieldPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([key, inner]) =>
    jsonFieldPaths(inner, prefix ? `${prefix}.${key}` : key),
  );
}

export interface FormPart {
  name: string;
  filename?: string;
  bytes: number;
}

/** The parts of a multipart/form-data body, by name (busboy, the parser the emulator uses). */
export function formParts(request: RecordedRequest): Promise<FormPart[]> {
  return new Promise((resolve, reject) => {
    const parts: FormPart[] = [];
    const parser = busboy({ headers: { "content-type": request.headers["content-type"] ?? "" } });
    parser.on("field", (name) => parts.push({ name, bytes: 0 }));
    parser.on("file", (name, stream, info) => {
      const part: FormPart = { name, filename: info.filename, bytes: 0 };
      parts.push(part);
      stream.on("data", (chunk: Buffer) => (part.bytes += chunk.length));
    });
    parser.on("error", reject);
    parser.on("close", () => resolve(parts));
    parser.end(request.body);
  });
}
