import { request } from "node:http";
import { fillPath } from "../../provider/http/pathTemplate";
import { huaweiRoutes } from "../../provider/huawei/api";
import { inspectionRoutes } from "../../emulator/routes";
import { emulatorCertificates } from "../support/emulatorInspection";
import { createCert, obtainToken, startTestEmulator, tokenBody, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let port: number;
beforeEach(async () => {
  emu = await startTestEmulator();
  port = Number(new URL(emu.url).port);
});
afterEach(() => emu.stop());

interface Raw {
  status: number;
  body: string;
}

/** A request to the emulator with exactly these headers (Host included), as a browser could send it. */
function raw(method: string, path: string, headers: Record<string, string>, body = ""): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const own = () => `127.0.0.1:${port}`;
const faultsBody = JSON.stringify({ routes: { "*": { shares: { error500: 1 } } } });
const clockBody = JSON.stringify({ now: "2040-01-01T00:00:00Z" });
const clockNow = async () =>
  JSON.parse((await raw("GET", inspectionRoutes.getClock.path, { Host: own() })).body) as {
    offsetMs: number;
  };
const faultsNow = async () =>
  JSON.parse((await raw("GET", inspectionRoutes.getFaults.path, { Host: own() })).body) as {
    faults: unknown;
  };

describe("the emulator refuses what a web page could send it", () => {
  it("answers its loopback names with its own port", async () => {
    for (const host of [own(), `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect([host, (await raw("GET", inspectionRoutes.health.path, { Host: host })).status]).toEqual([
        host,
        200,
      ]);
  });

  it("refuses a foreign Host (DNS rebinding) on the inspection routes and the cloud routes", async () => {
    const issued = await createCert(
      emu.url,
      { kind: "token", token: await obtainToken(emu.url) },
      { user_name: "rebind01" },
    );
    expect(issued.status).toBe(200);
    for (const host of [
      `attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
      "127.0.0.1",
      `127.0.0.2:${port}`,
    ]) {
      const list = await raw("GET", inspectionRoutes.listCertificates.path, { Host: host });
      expect([host, list.status, list.body]).toEqual([
        host,
        421,
        expect.stringContaining("Host must be one of"),
      ]);
      expect(list.body).not.toContain("rebind01");
      const token = await raw(
        huaweiRoutes.createToken.method,
        fillPath(huaweiRoutes.createToken.path, {}),
        { Host: host, "Content-Type": "application/json" },
        JSON.stringify(tokenBody()),
      );
      expect([host, token.status]).toEqual([host, 421]);
    }
    // No Host at all: Node's server itself answers 400 (HTTP/1.1 requires one).
    expect([400, 421]).toContain((await raw("GET", inspectionRoutes.health.path, {})).status);
    expect((await emulatorCertificates(emu.url)).map((c) => c.userName)).toEqual(["rebind01"]);
  });

  it("refuses cross-origin control requests: faults and the clock stay as they were", async () => {
    const json = { Host: own(), "Content-Type": "application/json" };
    const attempts: [string, string, Record<string, string>, string][] = [
      ["POST", inspectionRoutes.setFaults.path, { ...json, Origin: "http://attacker.example" }, faultsBody],
      ["POST", inspectionRoutes.setClock.path, { ...json, Origin: "https://attacker.example" }, clockBody],
      [
        "POST",
        inspectionRoutes.setClock.path,
        { ...json, Origin: `http://127.0.0.1:${port + 1}` },
        clockBody,
      ],
      ["POST", inspectionRoutes.setClock.path, { ...json, Origin: "null" }, clockBody],
      ["POST", inspectionRoutes.setClock.path, { ...json, "Sec-Fetch-Site": "cross-site" }, clockBody],
      ["DELETE", inspectionRoutes.resetStats.path, { Host: own(), "Sec-Fetch-Site": "same-site" }, ""],
    ];
    for (const [method, path, headers, body] of attempts)
      expect([path, headers, (await raw(method, path, headers, body)).status]).toEqual([path, headers, 403]);
    expect(await faultsNow()).toEqual({ faults: null });
    expect((await clockNow()).offsetMs).toBeLessThan(1000);
  });

  it("refuses a login with the demo password from another origin", async () => {
    const answer = await raw(
      huaweiRoutes.createToken.method,
      fillPath(huaweiRoutes.createToken.path, {}),
      { Host: own(), "Content-Type": "text/plain", Origin: "http://attacker.example" },
      JSON.stringify(tokenBody()),
    );
    expect(answer.status).toBe(403);
  });

  it("takes only JSON bodies on its control routes (a form or text/plain body is refused)", async () => {
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", ""]) {
      const headers: Record<string, string> = { Host: own(), ...(type ? { "Content-Type": type } : {}) };
      const faults = await raw("POST", inspectionRoutes.setFaults.path, headers, faultsBody);
      const clock = await raw("POST", inspectionRoutes.setClock.path, headers, clockBody);
      expect([type, faults.status, clock.status]).toEqual([type, 415, 415]);
    }
    expect(await faultsNow()).toEqual({ faults: null });
    expect((await clockNow()).offsetMs).toBeLessThan(1000);
    const same = { Host: own(), Origin: `http://localhost:${port}`, "Sec-Fetch-Site": "same-origin" };
    const moved = await raw(
      "POST",
      inspectionRoutes.setClock.path,
      { ...same, "Content-Type": "application/json; charset=utf-8" },
      clockBody,
    );
    expect(moved.status).toBe(200);
    expect((await clockNow()).offsetMs).toBeGreaterThan(1000);
  });
});
