import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";

/** One request as it reached the server: nothing the client library says about it, only the wire. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** A node:http server on 127.0.0.1 that records every request and answers as `answer` says. */
export async function startRecorder(answer: (request: RecordedRequest) => CannedAnswer): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        target: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const reply = answer(recorded);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
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
