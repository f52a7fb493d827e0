import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface HeldRequest {
  /** Settles when a matching request has arrived and is being held. */
  arrived: Promise<void>;
  /** Lets the held request through to the target. */
  release(): void;
}

export interface HoldingProxy {
  /** `http://127.0.0.1:<port>`: give this to the client instead of the target. */
  url: string;
  /** Holds the next request whose method and path match until `release()`; others pass at once. */
  holdNext(method: string, path: RegExp): HeldRequest;
  /** How many requests matching `method` and `path` have arrived so far. */
  count(method: string, path: RegExp): number;
  close(): Promise<void>;
}

/**
 * A forwarding proxy on 127.0.0.1 in front of a local server (the emulator), which can hold one chosen
 * request until the test releases it: a deterministic way to keep a `pulumi up` in flight (and its
 * stack lock taken) for as long as a test needs, with no sleeps.
 */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const targetUrl = new URL(target);
  const seen: { method: string; path: string }[] = [];
  let hold: { method: string; path: RegExp; arrived: () => void; released: Promise<void> } | undefined;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const method = req.method ?? "";
    const path = req.url ?? "";
    seen.push({ method, path });
    const current = hold;
    if (current && current.method === method && current.path.test(path)) {
      hold = undefined;
      current.arrived();
      void current.released.then(() => forward(req, res));
      return;
    }
    forward(req, res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    holdNext(method, path) {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((done) => (arrived = done));
      const released = new Promise<void>((done) => (release = done));
      hold = { method, path, arrived, released };
      return { arrived: arrival, release };
    },
    count: (method, path) => seen.filter((r) => r.method === method && path.test(r.path)).length,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
