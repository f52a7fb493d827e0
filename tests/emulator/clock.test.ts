import { X509Certificate } from "node:crypto";
import { inspectionRoutes } from "../../emulator/routes";
import { emulatorCertificates, setEmulatorClock } from "../support/emulatorInspection";
import {
  createCert,
  errorCode,
  obtainToken,
  requestToken,
  send,
  startTestEmulator,
  tokenBody,
  zipEntries,
  type Answer,
  type TestEmulator,
} from "./helpers";

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60 * 1000;

let emu: TestEmulator;
afterEach(() => emu.stop());

interface ClockAnswer {
  now: string;
  offsetMs: number;
}

function setClock(body: unknown): Promise<Answer> {
  return send(emu.url + inspectionRoutes.setClock.path, {
    method: inspectionRoutes.setClock.method,
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function moveClock(to: Date): Promise<ClockAnswer> {
  const response = await setClock({ now: to.toISOString() });
  expect(response.status).toBe(200);
  return response.json<ClockAnswer>();
}

async function readClock(): Promise<ClockAnswer> {
  const response = await send(emu.url + inspectionRoutes.getClock.path, {
    method: inspectionRoutes.getClock.method,
  });
  expect(response.status).toBe(200);
  return response.json<ClockAnswer>();
}

async function resetClock(): Promise<ClockAnswer> {
  const response = await send(emu.url + inspectionRoutes.resetClock.path, {
    method: inspectionRoutes.resetClock.method,
  });
  expect(response.status).toBe(200);
  return response.json<ClockAnswer>();
}

function daysAhead(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

describe("the emulator clock routes", () => {
  beforeEach(async () => (emu = await startTestEmulator()));

  it("moves the clock, reports the offset, and returns to real time", async () => {
    const target = daysAhead(300);
    const moved = await moveClock(target);
    expect(Math.abs(Date.parse(moved.now) - target.getTime())).toBeLessThan(5000);
    expect(Math.abs(moved.offsetMs - 300 * DAY_MS)).toBeLessThan(5000);

    const read = await readClock();
    expect(Date.parse(read.now)).toBeGreaterThanOrEqual(target.getTime());
    expect(Date.parse(read.now) - target.getTime()).toBeLessThan(5000);
    expect(read.offsetMs).toBe(moved.offsetMs);

    const reset = await resetClock();
    expect(reset.offsetMs).toBe(0);
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(5000);
    expect((await readClock()).offsetMs).toBe(0);
  });

  it("moves through the tests' helper, back too", async () => {
    await setEmulatorClock(emu.url, daysAhead(-30));
    expect(Math.abs((await readClock()).offsetMs + 30 * DAY_MS)).toBeLessThan(5000);
    await setEmulatorClock(emu.url, undefined);
    expect((await readClock()).offsetMs).toBe(0);
  });

  it.each([
    ["no now", {}],
    ["a number", { now: 1893456000000 }],
    ["a date in words", { now: "January 1, 2030" }],
    ["a date without a time", { now: "2030-01-01" }],
    ["a time without a zone", { now: "2030-01-01T00:00:00" }],
    ["a day out of range", { now: "2030-02-31T00:00:00Z" }],
    ["an hour out of range", { now: "2030-01-01T24:00:00Z" }],
    ["an array", [{ now: "2030-01-01T00:00:00Z" }]],
  ])("answers 400 naming now for %s, and keeps the clock", async (_what, body) => {
    const response = await setClock(body);
    expect(response.status).toBe(400);
    expect(response.json<{ error: string }>().error).toMatch(/\bnow must be an ISO 8601 date\b/);
    expect((await readClock()).offsetMs).toBe(0);
  });

  it("answers 400 for a body that is not JSON or has another field", async () => {
    const notJson = await setClock("{now");
    expect(notJson.status).toBe(400);
    expect(notJson.json<{ error: string }>().error).toMatch(/^clock body is not JSON: /);
    const extra = await setClock({ now: "2030-01-01T00:00:00Z", later: true });
    expect(extra.status).toBe(400);
    expect(extra.json()).toEqual({ error: "later: unknown field; now" });
    expect((await readClock()).offsetMs).toBe(0);
  });

  it("accepts an offset zone", async () => {
    const moved = await moveClock(new Date("2030-01-01T09:00:00+09:00"));
    expect(Date.parse(moved.now) - Date.parse("2030-01-01T00:00:00Z")).toBeLessThan(5000);
  });
});

describe("the moved clock", () => {
  it("keeps ticking from the instant it was moved to", async () => {
    let base = Date.parse("2026-03-01T00:00:00Z");
    emu = await startTestEmulator(() => new Date(base));
    await moveClock(new Date("2027-01-01T00:00:00Z"));
    base += 90 * 1000;
    expect(await readClock()).toEqual({ now: "2027-01-01T00:01:30.000Z", offsetMs: 306 * DAY_MS });
    base += 1000;
    expect(await resetClock()).toEqual({ now: "2026-03-01T00:01:31.000Z", offsetMs: 0 });
  });

  it("dates IAM tokens, and expires the ones issued before the move", async () => {
    emu = await startTestEmulator();
    const before = await obtainToken(emu.url);
    const target = daysAhead(300);
    await moveClock(target);

    const response = await requestToken(emu.url, tokenBody());
    expect(response.status).toBe(201);
    const { token } = response.json<{ token: { issued_at: string; expires_at: string } }>();
    const issuedAt = Date.parse(token.issued_at);
    expect(issuedAt).toBeGreaterThanOrEqual(target.getTime());
    expect(issuedAt - target.getTime()).toBeLessThan(5000);
    expect(Date.parse(token.expires_at) - issuedAt).toBe(DAY_MS);

    const stale = await createCert(emu.url, { kind: "token", token: before }, {});
    expect(stale.status).toBe(401);
    expect(errorCode(stale)).toBe("BCS.4010401");
  });

  it("dates user certificates", async () => {
    emu = await startTestEmulator();
    const target = daysAhead(300);
    await moveClock(target);
    const token = await obtainToken(emu.url);

    const response = await createCert(emu.url, { kind: "token", token }, { user_name: "later01" });
    expect(response.status).toBe(200);
    const cert = new X509Certificate(zipEntries(response.body)["msp/signcerts/later01@org1-cert.pem"]);
    const notBefore = Date.parse(cert.validFrom);
    // The emulator backdates notBefore by one minute; validFrom has whole seconds.
    expect(notBefore).toBeGreaterThanOrEqual(target.getTime() - MINUTE_MS - 1000);
    expect(notBefore).toBeLessThanOrEqual(target.getTime());
    expect(Date.parse(cert.validTo) - notBefore).toBe(365 * DAY_MS + MINUTE_MS);

    const [listed] = await emulatorCertificates(emu.url, { userName: "later01" });
    expect(Date.parse(listed.notBefore)).toBe(notBefore);
  });

  it("checks AK/SK signing dates against it", async () => {
    emu = await startTestEmulator();
    const target = daysAhead(300);
    const { offsetMs } = await moveClock(target);

    const signedNow = await createCert(emu.url, { kind: "aksk" }, {});
    expect(signedNow.status).toBe(401);
    expect(signedNow.json()).toEqual({
      error_code: "APIGW.0303",
      error_msg: "Incorrect IAM authentication information: the X-Sdk-Date is not in the allowed time range",
    });

    const signedMoved = await createCert(emu.url, { kind: "aksk", at: new Date(Date.now() + offsetMs) }, {});
    expect(signedMoved.status).toBe(200);

    await resetClock();
    expect((await createCert(emu.url, { kind: "aksk" }, {})).status).toBe(200);
  });

  it("is moved even while every cloud route is faulted", async () => {
    emu = await startTestEmulator(undefined, { routes: { "*": { shares: { error503: 1 } } } });
    await moveClock(daysAhead(300));
    expect((await readClock()).offsetMs).toBeGreaterThan(0);
    expect(await resetClock()).toMatchObject({ offsetMs: 0 });
  });
});
