import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { s3BackendUrl, startMinio } from "../testing/minioServer";

/** Where the engine keeps the bench's stacks. */
export type BackendName = "file" | "s3";
export const BACKENDS: BackendName[] = ["file", "s3"];

/** What the engine uploaded to the state store during one operation. */
export interface Uploads {
  /** Request bodies of PUT requests (object uploads), bytes on the wire. */
  bytes: number;
  /** PUT requests. */
  puts: number;
}

export interface Backend {
  name: BackendName;
  /** PULUMI_BACKEND_URL. */
  url: string;
  /** What the CLI needs besides (S3 credentials and region). */
  env: Record<string, string>;
  /** Uploads since the last call (undefined for the file backend: nothing goes over a network). */
  takeUploads(): Uploads | undefined;
  close(): Promise<void>;
}

export function fileBackend(scratch: string): Backend {
  return {
    name: "file",
    url: `file://${join(scratch, "state")}`,
    env: {},
    takeUploads: () => undefined,
    close: async () => undefined,
  };
}

/**
 * MinIO (testing/minioServer.ts) behind a counting proxy on 127.0.0.1: the engine talks to the proxy,
 * which forwards every request unchanged (the Host header too, which the S3 signature covers) and
 * counts the bytes of each PUT body.
 */
export async function s3Backend(bucket: string): Promise<Backend> {
  const minio = await startMinio({ bucket });
  const target = new URL(minio.endpoint);
  let uploads: Uploads = { bytes: 0, puts: 0 };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const put = req.method === "PUT";
    if (put) uploads.puts++;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    if (put) req.on("data", (chunk: Buffer) => (uploads.bytes += chunk.length));
    req.pipe(upstream);
  };
  const proxy = createServer(forward);
  await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    name: "s3",
    url: s3BackendUrl(bucket, proxyUrl, minio.region),
    env: minio.cliEnv,
    takeUploads() {
      const taken = uploads;
      uploads = { bytes: 0, puts: 0 };
      return taken;
    },
    async close() {
      proxy.closeAllConnections();
      await new Promise<void>((done) => proxy.close(() => done()));
      await minio.stop();
    },
  };
}
