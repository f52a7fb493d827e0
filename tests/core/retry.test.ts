import { AmbiguousOutcomeError, retrying, type RetryPolicy } from "../../provider/http/retry";
import { limitConcurrency } from "../../provider/http/concurrency";
import { checkEndpoint } from "../../provider/http/endpoint";
import {
  compose,
  TransportError,
  type Handler,
  type HttpRequest,
  type HttpResponse,
} from "../../provider/http/transport";

const reply = (status: number, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: Buffer.from(""),
});

/** A scripted server: each call takes the next outcome. */
function scripted(outcomes: (HttpResponse | TransportError)[]): Handler & { calls: number } {
  const handler = (async () => {
    handler.calls++;
    const next = outcomes.shift()!;
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as Handler & { calls: number };
  handler.calls = 0;
  return handler;
}

function policy(waits: number[], over: Partial<RetryPolicy> = {}): RetryPolicy {
  let clock = 0;
  return {
    maxRetries: 5,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    totalMs: 10_000,
    random: () => 1,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    ...over,
  };
}

const get: HttpRequest = { method: "GET", url: "https://api.test/x", headers: {} };
const post: HttpRequest = { method: "POST", url: "https://api.test/x", headers: {} };
const reset = () => new TransportError("socket hang up", "https://api.test/x", true);
const refused = () => new TransportError("connect ECONNREFUSED", "https://api.test/x", false);

describe("retrying", () => {
  it("retries 5xx with exponential backoff and returns the first success", async () => {
    const waits: number[] = [];
    const server = scripted([reply(500), reply(502), reply(503), reply(200)]);
    const response = await retrying(policy(waits))(server)(get);
    expect(response.status).toBe(200);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("honours Retry-After on 429, capped by maxDelayMs", async () => {
    const waits: number[] = [];
    const server = scripted([
      reply(429, { "retry-after": "3" }),
      reply(429, { "retry-after": "60" }),
      reply(200),
    ]);
    await retrying(policy(waits))(server)(post);
    expect(waits).toEqual([1000, 1000]);
    const waits2: number[] = [];
    await retrying(policy(waits2, { maxDelayMs: 5000 }))(
      scripted([reply(429, { "retry-after": "3" }), reply(200)]),
    )(get);
    expect(waits2).toEqual([3000]);
  });

  it("never retries a 4xx other than 429", async () => {
    const server = scripted([reply(400), reply(200)]);
    expect((await retrying(policy([]))(server)(get)).status).toBe(400);
    expect(server.calls).toBe(1);
  });

  it("gives up after maxRetries and returns the last answer", async () => {
    const server = scripted(Array.from({ length: 10 }, () => reply(503)));
    expect((await retrying(policy([], { maxRetries: 3 }))(server)(get)).status).toBe(503);
    expect(server.calls).toBe(4);
  });

  it("stays within the total time", async () => {
    const waits: number[] = [];
    const server = scripted(Array.from({ length: 10 }, () => reply(503)));
    await retrying(policy(waits, { totalMs: 350 }))(server)(get);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(350);
  });

  it("re-sends a non-idempotent POST only when the server cannot have acted", async () => {
    const refusedThenOk = scripted([refused(), reply(503), reply(429), reply(200)]);
    expect((await retrying(policy([]))(refusedThenOk)(post)).status).toBe(200);
    expect(refusedThenOk.calls).toBe(4);
    const fiveHundred = scripted([reply(500), reply(200)]);
    expect((await retrying(policy([]))(fiveHundred)(post)).status).toBe(500);
    expect(fiveHundred.calls).toBe(1);
  });

  it("reports a lost answer to a POST as an ambiguous outcome, without re-sending", async () => {
    const server = scripted([reset(), reply(200)]);
    await expect(retrying(policy([]))(server)(post)).rejects.toBeInstanceOf(AmbiguousOutcomeError);
    expect(server.calls).toBe(1);
  });

  it("retries a lost answer to an idempotent request", async () => {
    const server = scripted([reset(), reply(200)]);
    expect((await retrying(policy([]))(server)({ ...post, idempotent: true })).status).toBe(200);
  });

  it("uses full jitter", async () => {
    const waits: number[] = [];
    await retrying(policy(waits, { random: () => 0.25 }))(scripted([reply(503), reply(503), reply(200)]))(
      get,
    );
    expect(waits).toEqual([25, 50]);
  });
});

describe("limitConcurrency", () => {
  it("keeps at most N requests in flight per endpoint", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow: Handler = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return reply(200);
    };
    const send = compose(slow, limitConcurrency(3));
    await Promise.all(Array.from({ length: 20 }, (_, i) => send({ ...get, url: `https://limit.test/${i}` })));
    expect(peak).toBe(3);
  });
});

describe("checkEndpoint", () => {
  it("allows https and loopback http, refuses remote http unless opted in", () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(checkEndpoint("bcs:x", "https://bcs.cn-north-4.myhuaweicloud.com", {}, warn)).toBeDefined();
    expect(checkEndpoint("bcs:x", "http://127.0.0.1:8787", {}, warn)).toBeDefined();
    expect(() => checkEndpoint("bcs:huaweiEndpoint", "http://bcs.example.com", {}, warn)).toThrow(
      /bcs:huaweiEndpoint must use https .*bcs:allowInsecureHttp=true/,
    );
    expect(warnings).toEqual([]);
    expect(
      checkEndpoint("bcs:x", "http://bcs.example.com", { allowInsecureHttp: "true" }, warn),
    ).toBeDefined();
    expect(warnings).toEqual([expect.stringContaining("plain http")]);
  });
});
