import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { retrying } from "../../../provider/http/retry";
import { compose, fetchTransport, type Middleware } from "../../../provider/http/transport";
import { BcsClient, IssuedWithoutAnswerError } from "../../../provider/huawei/bcsClient";
import { AmbiguousOutcomeError } from "../../../provider/http/retry";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates, setEmulatorFaults } from "../../support/emulatorInspection";

/**
 * The certificate POST when BCS issues the certificate and the answer is lost (the emulator's
 * `resetAfter` fault on the first request only).
 */
let emulator: RunningEmulator;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lost-answers-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Turns the faults off once the first request has been sent. */
const faultsOnlyOnce: Middleware = (next) => {
  let first = true;
  return async (request) => {
    try {
      return await next(request);
    } finally {
      if (first) {
        first = false;
        await setEmulatorFaults(emulator.url, undefined);
      }
    }
  };
};

function client(): BcsClient {
  const transport = {
    attempt: compose(fetchTransport(5000), faultsOnlyOnce),
    retry: retrying({ maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, totalMs: 5000 }),
  };
  return new BcsClient(
    {
      endpoint: emulator.url,
      credentials: { kind: "aksk", accessKey: fx.huawei.accessKey, secretKey: fx.huawei.secretKey },
      transport,
    },
    fx.huawei.projectId,
  );
}

const path = (user: string) => ({ blockchain_id: "bcs-demo-0002", org_name: "org1", user_name: user });

it("safe mode: the repeat is refused because the lost answer's certificate exists, and says so", async () => {
  await setEmulatorFaults(emulator.url, {
    seed: 1,
    routes: { createUserCert: { shares: { resetAfter: 1 } } },
  });
  const error = await client()
    .createUserCert(path("lostsafe01"), { security_mode: true })
    .catch((e: Error) => e);
  expect(error).toBeInstanceOf(IssuedWithoutAnswerError);
  expect(await emulatorCertificates(emulator.url, { userName: "lostsafe01" })).toHaveLength(1);
});

it("non-safe mode: the POST is not repeated; the outcome is reported as unknown", async () => {
  await setEmulatorFaults(emulator.url, {
    seed: 1,
    routes: { createUserCert: { shares: { resetAfter: 1 } } },
  });
  const error = await client()
    .createUserCert(path("lostfree01"), { security_mode: false })
    .catch((e: Error) => e);
  expect(error).toBeInstanceOf(AmbiguousOutcomeError);
  expect(await emulatorCertificates(emulator.url, { userName: "lostfree01" })).toHaveLength(1);
});

it("safe mode: a reset before the work is simply retried, and the certificate is issued once", async () => {
  await setEmulatorFaults(emulator.url, {
    seed: 1,
    routes: { createUserCert: { shares: { resetBefore: 1 } } },
  });
  const zip = await client().createUserCert(path("resetsafe01"), { security_mode: true });
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(await emulatorCertificates(emulator.url, { userName: "resetsafe01" })).toHaveLength(1);
});
