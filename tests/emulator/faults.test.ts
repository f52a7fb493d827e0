import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import {
  FaultConfigError,
  faultConfigFromCli,
  normalizeFaultConfig,
  type FaultConfig,
  type FaultKind,
} from "../../emulator/faults/config";
import { mulberry32 } from "../../emulator/faults/random";
import type { EmulatorStats } from "../../emulator/faults/stats";
import { inspectionRoutes } from "../../emulator/routes";
import { huaweiRoutes } from "../../provider/huawei/api";
import {
  bcs,
  createCert,
  hw,
  listIdentities,
  obtainToken,
  requestToken,
  send,
  startTestEmulator,
  tokenBody,
  type Answer,
  type TestEmulator,
} from "./helpers";

let emu: TestEmulator;
afterEach(() => emu.stop());

// ---- control and inspection helpers ----

async function setFaults(config: unknown): Promise<Answer> {
  return send(emu.url + inspectionRoutes.setFaults.path, {
    method: inspectionRoutes.setFaults.method,
    headers: { "Content-Type": "application/json" },
    body: typeof config === "string" ? config : JSON.stringify(config),
  });
}

async function faultsOn(config: FaultConfig): Promise<void> {
  const response = await setFaults(config);
  expect(response.status).toBe(200);
}

async function faultsOff(): Promise<void> {
  const response = await send(emu.url + inspectionRoutes.clearFaults.path, {
    method: inspectionRoutes.clearFaults.method,
  });
  expect(response.json()).toEqual({ faults: null });
}

async function currentFaults(): Promise<FaultConfig | null> {
  return (await send(emu.url + inspectionRoutes.getFaults.path, { method: "GET" })).json<{
    faults: FaultConfig | null;
  }>().faults;
}

async function stats(): Promise<EmulatorStats["requests"]> {
  return (await send(emu.url + inspectionRoutes.stats.path, { method: "GET" })).json<EmulatorStats>()
    .requests;
}

async function certificates(): Promise<{ userName: string; frozen: boolean; serialNumber: string }[]> {
  return (await send(emu.url + inspectionRoutes.listCertificates.path, { method: "GET" })).json<{
    certificates: { userName: string; frozen: boolean; serialNumber: string }[];
  }>().certificates;
}

function only(route: string, kind: FaultKind, extra: Omit<FaultConfig["routes"][string], "shares"> = {}) {
  return { seed: 7, routes: { [route]: { shares: { [kind]: 1 }, ...extra } } };
}

function unzips(body: Buffer): boolean {
  try {
    unzipSync(body);
    return true;
  } catch {
    return false;
  }
}

function parses(body: Buffer): boolean {
  try {
    JSON.parse(body.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

/** One request's outcome as a client sees it. */
async function outcome(call: () => Promise<Answer>): Promise<string> {
  let response: Answer;
  try {
    response = await call();
  } catch {
    return "socket error";
  }
  if (response.status >= 300) return String(response.status);
  return parses(response.body) ? "ok" : "not json";
}

const token = (value: string) => ({ kind: "token", token: value }) as const;

// ---- tests ----

describe("fault injection: off by default, switched by the control route", () => {
  beforeEach(async () => (emu = await startTestEmulator()));

  it("injects nothing unless configured, and counts every request", async () => {
    expect(await currentFaults()).toBeNull();
    for (let i = 0; i < 20; i++) expect((await requestToken(emu.url, tokenBody())).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await listIdentities(emu.url)).status).toBe(200);
    expect(await stats()).toEqual({
      createToken: { received: 20, answered: 20, faulted: {} },
      listCaIdentities: { received: 5, answered: 5, faulted: {} },
    });
  });

  it("switches faults on and off without a restart", async () => {
    await faultsOn(only("createToken", "error500"));
    const failed = await requestToken(emu.url, tokenBody());
    expect(failed.status).toBe(500);
    expect(failed.json()).toEqual({ error_code: "BCS.5000500", error_msg: "Internal Server Error" });
    expect(await currentFaults()).toEqual(only("createToken", "error500"));
    await faultsOff();
    expect(await currentFaults()).toBeNull();
    expect((await requestToken(emu.url, tokenBody())).status).toBe(201);
  });

  it("draws a seed when none is given and reports it", async () => {
    const response = await setFaults({ routes: { "*": { latencyMs: 1 } } });
    const { seed } = response.json<{ faults: FaultConfig }>().faults;
    expect(Number.isInteger(seed)).toBe(true);
    expect((await currentFaults())?.seed).toBe(seed);
  });

  it("refuses a bad config with 400 and keeps the one in force", async () => {
    await faultsOn(only("createToken", "error503"));
    const bad: [unknown, RegExp][] = [
      ["{not json", /not JSON/],
      [{ routes: { createCert: {} } }, /unknown route/],
      [{ routes: { "*": { shares: { error500: 0.6, throttle: 0.5 } } } }, /add up to 1\.1/],
      [
        { routes: { createToken: { shares: { error500: 0.6 } }, "*": { shares: { throttle: 0.5 } } } },
        /createToken/,
      ],
      [{ routes: { freezeCert: { shares: { truncatedZip: 0.1 } } } }, /does not answer with a zip/],
      [{ routes: { createUserCert: { shares: { malformedJson: 0.1 } } } }, /does not answer with JSON/],
      [{ routes: { "*": { shares: { timeout: 0.1 } } } }, /unknown fault/],
      [{ routes: { "*": { shares: { error500: 1.5 } } } }, /0\.\.1/],
      [{ routes: { "*": { latency: 10 } } }, /unknown field/],
      [{ routes: { "*": { dripMs: 0 } } }, /dripMs/],
      [{ seed: -1, routes: {} }, /seed/],
      [{ seed: 1 }, /routes/],
      [[], /object/],
    ];
    for (const [config, message] of bad) {
      const response = await setFaults(config);
      expect(response.status).toBe(400);
      expect(response.json<{ error: string }>().error).toMatch(message);
    }
    expect(await currentFaults()).toEqual(only("createToken", "error503"));
    expect((await requestToken(emu.url, tokenBody())).status).toBe(503);
  });

  it("never faults the inspection routes, and does not count them", async () => {
    await faultsOn({ seed: 1, routes: { "*": { shares: { resetBefore: 1 } } } });
    expect((await send(emu.url + inspectionRoutes.health.path, { method: "GET" })).json()).toEqual({
      ok: true,
    });
    expect(await certificates()).toEqual([]);
    expect(await outcome(() => requestToken(emu.url, tokenBody()))).toBe("socket error");
    expect(await stats()).toEqual({ createToken: { received: 1, answered: 0, faulted: { resetBefore: 1 } } });
  });

  it("counts requests that match no route, and resets the counters", async () => {
    await send(emu.url + "/v2/nothing-here", { method: "GET" });
    expect((await stats())["(unmatched)"]).toEqual({ received: 1, answered: 1, faulted: {} });
    const reset = await send(emu.url + inspectionRoutes.resetStats.path, { method: "DELETE" });
    expect(reset.json()).toEqual({ requests: {} });
    expect(await stats()).toEqual({});
  });
});

describe("fault kinds, seen from a plain fetch client", () => {
  let bearer: string;
  beforeEach(async () => {
    emu = await startTestEmulator();
    bearer = await obtainToken(emu.url);
    await send(emu.url + inspectionRoutes.resetStats.path, { method: "DELETE" });
  });

  it("answers 500, 502 and 503 in each API's own error body, without doing the work", async () => {
    const expected: [FaultKind, number, object, object][] = [
      [
        "error500",
        500,
        { error_code: "BCS.5000500", error_msg: "Internal Server Error" },
        { error: { errorCode: "900", message: "Unexpected Error" } },
      ],
      [
        "error502",
        502,
        { error_code: "APIG.0202", error_msg: "Backend unavailable" },
        { error: { errorCode: "500", message: "Endpoint Error" } },
      ],
      [
        "error503",
        503,
        { error_code: "APIG.0202", error_msg: "Backend unavailable" },
        { error: { errorCode: "500", message: "Endpoint Error" } },
      ],
    ];
    for (const [kind, status, huaweiBody, ncloudBody] of expected) {
      await faultsOn({ seed: 3, routes: { "*": { shares: { [kind]: 1 } } } });
      const huawei = await createCert(emu.url, token(bearer), { user_name: "user01" });
      expect([kind, huawei.status, huawei.json()]).toEqual([kind, status, huaweiBody]);
      const ncloud = await listIdentities(emu.url);
      expect([kind, ncloud.status, ncloud.json()]).toEqual([kind, status, ncloudBody]);
      expect(huawei.headers.get("retry-after")).toBeNull();
    }
    expect(await certificates()).toEqual([]);
    const counted = await stats();
    expect(counted.createUserCert).toEqual({
      received: 3,
      answered: 3,
      faulted: { error500: 1, error502: 1, error503: 1 },
    });
  });

  it("throttles with 429 and Retry-After (Huawei APIG.0308, NAVER 410)", async () => {
    await faultsOn({ seed: 3, routes: { "*": { shares: { throttle: 1 }, retryAfterSeconds: 7 } } });
    const huawei = await createCert(emu.url, token(bearer), { user_name: "user01" });
    expect(huawei.status).toBe(429);
    expect(huawei.headers.get("retry-after")).toBe("7");
    expect(huawei.json()).toEqual({
      error_code: "APIG.0308",
      error_msg: "The throttling threshold has been reached",
    });
    const ncloud = await listIdentities(emu.url);
    expect(ncloud.status).toBe(429);
    expect(ncloud.headers.get("retry-after")).toBe("7");
    expect(ncloud.json()).toEqual({ error: { errorCode: "410", message: "Throttle Limited" } });
    expect(await certificates()).toEqual([]);
  });

  it("resets the connection before the work: the client sees a socket error and nothing changed", async () => {
    await faultsOn(only("createUserCert", "resetBefore"));
    await expect(createCert(emu.url, token(bearer), { user_name: "user01" }, true)).rejects.toThrow();
    expect(await certificates()).toEqual([]);
    expect((await stats()).createUserCert).toEqual({ received: 1, answered: 0, faulted: { resetBefore: 1 } });
    await faultsOff();
    expect((await createCert(emu.url, token(bearer), { user_name: "user01" }, true)).status).toBe(200);
  });

  it("resets the connection after the work: the certificate is issued and saved, the client sees a socket error", async () => {
    await faultsOn(only("createUserCert", "resetAfter"));
    await expect(createCert(emu.url, token(bearer), { user_name: "user01" }, true)).rejects.toThrow();
    const issued = await certificates();
    expect(issued).toEqual([expect.objectContaining({ userName: "user01", frozen: false })]);
    expect((await stats()).createUserCert).toEqual({ received: 1, answered: 0, faulted: { resetAfter: 1 } });

    // Saved: it survives a restart (which also turns the runtime faults off).
    await emu.restart();
    expect(await certificates()).toEqual(issued);
    // A retry of a safe-mode issue now meets the certificate the lost answer carried.
    const retry = await createCert(emu.url, token(await obtainToken(emu.url)), { user_name: "user01" }, true);
    expect(retry.status).toBe(400);
  });

  it("resets a freeze after the work: the certificate is frozen", async () => {
    expect((await createCert(emu.url, token(bearer), { user_name: "user01" }, true)).status).toBe(200);
    await faultsOn(only("freezeCert", "resetAfter"));
    await expect(
      bcs(emu.url, "freezeCert", { auth: token(bearer), params: { user_name: "user01" } }),
    ).rejects.toThrow();
    expect(await certificates()).toEqual([expect.objectContaining({ userName: "user01", frozen: true })]);
  });

  it("sends truncated and corrupt zips with status 200 and the right headers; fflate refuses them", async () => {
    for (const kind of ["truncatedZip", "corruptZip"] as const) {
      await faultsOn({ seed: 11, routes: { createUserCert: { shares: { [kind]: 1 } } } });
      for (let i = 0; i < 5; i++) {
        const userName = `${kind.toLowerCase()}${i}`;
        const response = await createCert(emu.url, token(bearer), { user_name: userName });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/zip");
        expect(response.headers.get("content-disposition")).toBe(
          `attachment; filename="${userName}@org1.zip"`,
        );
        expect(response.headers.get("content-length")).toBe(String(response.body.length));
        expect([kind, userName, unzips(response.body)]).toEqual([kind, userName, false]);
      }
    }
    // The work was done every time.
    expect(await certificates()).toHaveLength(10);
    await faultsOff();
    const good = await createCert(emu.url, token(bearer), { user_name: "fine" });
    expect(unzips(good.body)).toBe(true);
    expect((await stats()).createUserCert).toEqual({
      received: 11,
      answered: 11,
      faulted: { truncatedZip: 5, corruptZip: 5 },
    });
  });

  it("leaves error answers alone when a zip fault is drawn", async () => {
    await faultsOn(only("createUserCert", "truncatedZip"));
    const refused = await createCert(emu.url, token(bearer), { user_name: "bad name!" });
    expect(refused.status).toBe(400);
    expect(parses(refused.body)).toBe(true);
    expect((await stats()).createUserCert.faulted).toEqual({});
  });

  it("sends malformed JSON with the real status and headers, after the work", async () => {
    expect((await createCert(emu.url, token(bearer), { user_name: "user01" }, true)).status).toBe(200);
    await faultsOn({
      seed: 5,
      routes: { "*": { shares: { malformedJson: 1 } }, createUserCert: { shares: { malformedJson: 0 } } },
    });
    const tokenAnswer = await requestToken(emu.url, tokenBody());
    expect(tokenAnswer.status).toBe(201);
    expect(tokenAnswer.headers.get("x-subject-token")).toMatch(/^MII/);
    expect(tokenAnswer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(parses(tokenAnswer.body)).toBe(false);

    const identities = await listIdentities(emu.url);
    expect(identities.status).toBe(200);
    expect(parses(identities.body)).toBe(false);

    const frozen = await bcs(emu.url, "freezeCert", { auth: token(bearer), params: { user_name: "user01" } });
    expect(frozen.status).toBe(200);
    expect(parses(frozen.body)).toBe(false);
    expect(await certificates()).toEqual([expect.objectContaining({ frozen: true })]);
  });

  it("drips a body: the headers at once, the body a few bytes at a time, so an impatient client gives up", async () => {
    await faultsOn({ seed: 1, routes: { createToken: { shares: { drip: 1 }, dripMs: 100, dripBytes: 2 } } });
    // A client that gives up once a few bytes of the body have come: no clock in the assertions.
    const answer = await new Promise<{ status?: number; length: number; received: Buffer }>(
      (resolve, reject) => {
        const req = request(
          emu.url + huaweiRoutes.createToken.path,
          { method: huaweiRoutes.createToken.method, headers: { "Content-Type": "application/json" } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("error", () => undefined); // the client itself cuts the body short
            res.on("data", (chunk: Buffer) => {
              chunks.push(chunk);
              const received = Buffer.concat(chunks);
              if (received.length < 8) return;
              req.destroy();
              resolve({ status: res.statusCode, length: Number(res.headers["content-length"]), received });
            });
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(tokenBody()));
      },
    );
    // The status and headers (announcing the whole body) come at once; the body, in order, does not.
    expect(answer.status).toBe(201);
    expect(answer.received.length).toBeLessThan(answer.length);
    expect(answer.received.toString("utf8")).toMatch(/^\{"token"/);
    expect((await stats()).createToken).toEqual({ received: 1, answered: 0, faulted: { drip: 1 } });
  });

  it("drips the whole body to a patient client", async () => {
    await faultsOn({ seed: 1, routes: { createToken: { shares: { drip: 1 }, dripMs: 5, dripBytes: 64 } } });
    const response = await requestToken(emu.url, tokenBody());
    expect(response.status).toBe(201);
    expect(response.json()).toHaveProperty("token.project.id", hw.projectId);
    expect((await stats()).createToken).toEqual({ received: 1, answered: 1, faulted: { drip: 1 } });
  });

  it("adds latency plus jitter", async () => {
    await faultsOn({ seed: 9, routes: { listCaIdentities: { latencyMs: 150, jitterMs: 100 } } });
    // The injector draws (fault, jitter, mangling) per request from the seed: replay that stream to
    // know each delay, so the check needs no upper bound on a noisy machine's wall clock.
    const random = mulberry32(9);
    const delays = [0, 1, 2].map(() => {
      random();
      const delay = 150 + Math.floor(random() * 101);
      random();
      return delay;
    });
    expect(delays.every((delay) => delay > 200)).toBe(true); // seed 9 draws jitter well above 0
    for (const delay of delays) {
      const started = Date.now();
      expect((await listIdentities(emu.url)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(delay - 2);
    }
    expect((await stats()).listCaIdentities).toEqual({ received: 3, answered: 3, faulted: { latency: 3 } });
  });

  it("counts a POST that was sent exactly once", async () => {
    await faultsOn({ seed: 2, routes: { createToken: { shares: { error500: 1 } } } });
    expect((await createCert(emu.url, token(bearer), { user_name: "user01" })).status).toBe(200);
    expect(await stats()).toEqual({ createUserCert: { received: 1, answered: 1, faulted: {} } });
  });
});

describe("shares and replay", () => {
  beforeEach(async () => (emu = await startTestEmulator()));

  const mix: FaultConfig = {
    seed: 20240601,
    routes: {
      listCaIdentities: {
        shares: { error500: 0.15, error503: 0.1, throttle: 0.1, malformedJson: 0.1, resetBefore: 0.05 },
      },
    },
  };

  async function run(count: number): Promise<string[]> {
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) outcomes.push(await outcome(() => listIdentities(emu.url)));
    return outcomes;
  }

  it("honours the shares over 200 requests, and the counters match what the client saw", async () => {
    await faultsOn(mix);
    const outcomes = await run(200);
    const seen = (what: string) => outcomes.filter((o) => o === what).length;
    const expected: [string, number][] = [
      ["500", 0.15],
      ["503", 0.1],
      ["429", 0.1],
      ["not json", 0.1],
      ["socket error", 0.05],
      ["ok", 0.5],
    ];
    for (const [what, share] of expected) {
      expect([what, Math.abs(seen(what) / 200 - share) <= 0.07]).toEqual([what, true]);
    }
    expect((await stats()).listCaIdentities).toEqual({
      received: 200,
      answered: 200 - seen("socket error"),
      faulted: {
        error500: seen("500"),
        error503: seen("503"),
        throttle: seen("429"),
        malformedJson: seen("not json"),
        resetBefore: seen("socket error"),
      },
    });
  });

  it("replays the same outcomes for the same seed; another seed differs", async () => {
    await faultsOn(mix);
    const first = await run(60);
    await faultsOn(mix);
    const second = await run(60);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(3);

    await faultsOn({ ...mix, seed: 1 });
    expect(await run(60)).not.toEqual(first);
  });

  it("replays across emulator instances configured at start", async () => {
    await emu.stop();
    emu = await startTestEmulator(undefined, mix);
    const first = await run(40);
    await emu.stop();
    emu = await startTestEmulator(undefined, mix);
    expect(await run(40)).toEqual(first);
  });
});

describe("CLI config", () => {
  let dir: string;
  beforeEach(async () => {
    emu = await startTestEmulator();
    dir = await mkdtemp(join(tmpdir(), "bcs-emulator-faults-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads --faults <file> first, then BCS_EMULATOR_FAULTS, else none", async () => {
    const file = join(dir, "faults.json");
    await writeFile(file, JSON.stringify(only("createToken", "error502")));
    const fromEnv = JSON.stringify(only("listCaIdentities", "throttle"));
    expect(faultConfigFromCli(file, fromEnv)).toEqual(only("createToken", "error502"));
    expect(faultConfigFromCli(undefined, fromEnv)).toEqual(only("listCaIdentities", "throttle"));
    expect(faultConfigFromCli(undefined, undefined)).toBeUndefined();
    expect(faultConfigFromCli(undefined, " ")).toBeUndefined();
    expect(() => faultConfigFromCli(undefined, "{")).toThrow(FaultConfigError);
    expect(() => faultConfigFromCli(undefined, '{"routes":{"nope":{}}}')).toThrow(/unknown route/);
  });

  it("accepts the example in emulator/README.md", async () => {
    const readme = await readFile(join(__dirname, "../../emulator/README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Fault injection"));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    expect(normalizeFaultConfig(JSON.parse(example as string)).seed).toBe(20240601);
  });
});
