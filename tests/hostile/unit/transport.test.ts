import { gzipSync } from "node:zlib";
import { apiTransport } from "../../../provider/http/apiTransport";
import { fetchTransport, sendingThrough, type HttpRequest } from "../../../provider/http/transport";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";

/** The shared transport against a server on 127.0.0.1 that redirects or answers too much. */
let server: HostileServer;
let elsewhere: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
  elsewhere = await startHostileServer((_req, res) => res.end("{}"));
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});
beforeEach(() => {
  server.requests.length = 0;
  elsewhere.requests.length = 0;
});

const request = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "POST",
  url: `${server.url}/v3/auth/tokens`,
  headers: { "X-Auth-Token": "token-that-must-stay-home", "Content-Type": "application/json" },
  body: Buffer.from('{"password":"pw-that-must-stay-home"}'),
  ...over,
});

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])(
    "%i is an error naming the Location's origin, and nothing reaches it",
    async (status) => {
      server.answer((_req, res) => {
        res.writeHead(status, { Location: `${elsewhere.url}/steal?token=abc` });
        res.end("moved");
      });
      const error = await fetchTransport(5000)(request()).catch((e: Error) => e);
      expect((error as Error).message).toContain(`answered ${status}, a redirect to ${elsewhere.url};`);
      expect((error as Error).message).not.toContain("steal");
      expect(elsewhere.requests).toEqual([]);
    },
  );

  it("a relative Location names the same origin, and is not followed either", async () => {
    server.answer((_req, res) => {
      res.writeHead(307, { Location: "/other" });
      res.end();
    });
    await expect(fetchTransport(5000)(request())).rejects.toThrow(`a redirect to ${server.url};`);
    expect(server.requests).toHaveLength(1);
  });

  it("is not retried", async () => {
    server.answer((_req, res) => {
      res.writeHead(307, { Location: elsewhere.url });
      res.end();
    });
    const send = sendingThrough(apiTransport({}));
    await expect(send(request({ idempotent: true }))).rejects.toThrow(/follows no redirect/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("answer size", () => {
  const MiB = 1024 * 1024;

  it("an answer over 1 MiB is refused, naming the limit", async () => {
    server.answer((_req, res) => res.end(Buffer.alloc(MiB + 1, "a")));
    await expect(fetchTransport(5000)(request({ method: "GET", body: undefined }))).rejects.toThrow(
      /larger than 1048576 bytes/,
    );
  });

  it("an endless answer is cut off: the connection is dropped, not drained", async () => {
    const sent = new Promise<number>((resolve) =>
      server.answer((_req, res) => {
        let bytes = 0;
        const chunk = Buffer.alloc(64 * 1024, "a");
        const pump = () => {
          while (bytes < 32 * MiB && !res.destroyed) {
            bytes += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => resolve(bytes));
        pump();
      }),
    );
    await expect(fetchTransport(60_000)(request({ method: "GET", body: undefined }))).rejects.toThrow(
      /larger than 1048576 bytes/,
    );
    expect(await sent).toBeLessThan(32 * MiB);
  });

  it("a Content-Length over the limit is refused before the body", async () => {
    server.answer((_req, res) => {
      res.writeHead(200, { "Content-Length": String(10 * MiB) });
      res.write("x"); // and then nothing: waiting for the rest would hang until the timeout
    });
    await expect(fetchTransport(60_000)(request({ method: "GET", body: undefined }))).rejects.toThrow(
      /larger than 1048576 bytes/,
    );
  });

  it("a compressed bomb is measured after decoding", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MiB));
    expect(bomb.length).toBeLessThan(MiB);
    server.answer((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "gzip" });
      res.end(bomb);
    });
    await expect(fetchTransport(5000)(request({ method: "GET", body: undefined }))).rejects.toThrow(
      /larger than 1048576 bytes/,
    );
  });

  it("a listing may be larger: 16 MiB", async () => {
    server.answer((_req, res) => res.end(Buffer.alloc(2 * MiB, "a")));
    const response = await fetchTransport(5000)(
      request({ method: "GET", body: undefined, maxAnswerBytes: 16 * MiB }),
    );
    expect(response.body.length).toBe(2 * MiB);
  });
});
