import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it, body included. */
export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Answers one request; `index` counts the requests this server has received, from 0. */
export type HostileHandler = (request: RecordedRequest, response: ServerResponse, index: number) => void;

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Replaces the handler (one server, several cases). */
  answer(handler: HostileHandler): void;
  close(): Promise<void>;
}

/**
 * A small HTTP server on 127.0.0.1 (port chosen by the system) that answers the way a test says: the
 * misbehaving API of the hostile-server tests. It records what it receives.
 */
export async function startHostileServer(
  handler: HostileHandler = (_req, res) => res.end(),
): Promise<HostileServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      res.on("error", () => undefined); // the client may hang up mid-answer: that is the point of some tests
      current(recorded, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (next) => (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
