import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { inspectionRoutes } from "../../emulator/routes";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { VariantPicks } from "../../emulator/variants";
import { emulatorCertificates, setEmulatorClock, setFreezeLatency } from "../support/emulatorInspection";
import { bcs, createCert, multipart, type BcsAuth } from "./helpers";

let emulator: RunningEmulator | undefined;
let dataDir: string;
const auth: BcsAuth = { kind: "aksk" };

async function start(opts: { freezeLatencyMs?: number; pick?: Partial<VariantPicks> } = {}) {
  dataDir = await mkdtemp(join(tmpdir(), "bcs-freeze-timing-"));
  emulator = await startEmulator({
    port: 0,
    dataDir,
    freezeLatencyMs: opts.freezeLatencyMs,
    variants: opts.pick ? { seed: 0, pick: opts.pick } : undefined,
  });
  return emulator.url;
}
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

const freezeHosted = (url: string, user: string) =>
  bcs(url, "freezeCert", { auth, params: { user_name: user }, contentType: "application/json" });
const upload = (url: string, user: string, zip: Uint8Array) => {
  const form = multipart(`${user}.zip`, Buffer.from(zip));
  return bcs(url, "freezeCert", {
    auth,
    params: { user_name: user },
    contentType: form.contentType,
    body: form.body,
  });
};

describe("the freeze latency (FreezeCert: 0.5 to 1 minute to take effect)", () => {
  it("keeps a frozen safe-mode certificate counted as active until the latency has passed on its clock", async () => {
    const url = await start({ freezeLatencyMs: 30_000 });
    expect((await createCert(url, auth, { user_name: "late01" }, true)).status).toBe(200);
    expect((await freezeHosted(url, "late01")).status).toBe(200);
    expect((await emulatorCertificates(url, { userName: "late01" }))[0].frozen).toBe(true);
    const refused = await createCert(url, auth, { user_name: "late01" }, true);
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: "BCS.4006020" });
    // 31 s later for the emulator, never slept: the freeze has taken effect.
    await setEmulatorClock(url, new Date(Date.now() + 31_000));
    expect((await createCert(url, auth, { user_name: "late01" }, true)).status).toBe(200);
  });

  it("is set at run time by POST /_emulator/timing, which checks its body", async () => {
    const url = await start();
    await setFreezeLatency(url, 60_000);
    expect(await (await fetch(url + inspectionRoutes.getTiming.path)).json()).toEqual({
      freezeLatencyMs: 60_000,
    });
    for (const body of ['{"freezeLatencyMs": -1}', '{"freezeLatencyMs": 1.5}', '{"latency": 1}', "[]", "x"]) {
      const response = await fetch(url + inspectionRoutes.setTiming.path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
    }
    expect(await (await fetch(url + inspectionRoutes.getTiming.path)).json()).toEqual({
      freezeLatencyMs: 60_000,
    });
  });
});

describe("the freeze upload variants", () => {
  it("freezeMatch bytes: only the zip the certificate was answered with freezes it", async () => {
    const url = await start({ pick: { freezeMatch: 1 } });
    const answered = (await createCert(url, auth, { user_name: "bytes01" }, false)).body;
    // The same entries in a zip of other bytes (stored, not deflated): what the provider uploaded before.
    const rebuilt = zipSync(unzipSync(answered), { level: 0 });
    const refused = await upload(url, "bytes01", rebuilt);
    expect(refused.status).toBe(400);
    expect((await emulatorCertificates(url, { userName: "bytes01" }))[0].frozen).toBe(false);
    expect((await upload(url, "bytes01", answered)).status).toBe(200);
    expect((await emulatorCertificates(url, { userName: "bytes01" }))[0].frozen).toBe(true);
  });

  it.each([1, 2])(
    "repeatedFreeze %i: a second freeze is refused, saying the certificate is frozen",
    async (pick) => {
      const url = await start({ pick: { repeatedFreeze: pick } });
      const answered = (await createCert(url, auth, { user_name: "again01" }, false)).body;
      expect((await upload(url, "again01", answered)).status).toBe(200);
      const again = await upload(url, "again01", answered);
      expect(again.status).toBe(400);
      expect(String((again.json() as { error_msg: string }).error_msg)).toMatch(/already frozen|已冻结/);
    },
  );
});
