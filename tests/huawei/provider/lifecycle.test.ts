import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fillPath } from "../../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../../emulator/routes";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../../provider/huawei/userCertificateProvider";
import { storedArchive, storedSerialNumber } from "../../../provider/huawei/stateShape";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";

let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "provider-lifecycle-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function provider(env: NodeJS.ProcessEnv = {}): UserCertificateProvider {
  const p = new UserCertificateProvider(env);
  const config: Record<string, string> = {
    "bcs:huaweiEndpoint": emulator.url,
    "bcs:huaweiIamEndpoint": emulator.url,
    "bcs:huaweiAccessKey": fx.huawei.accessKey,
    "bcs:huaweiSecretKey": fx.huawei.secretKey,
  };
  p.configureFrom((key) => config[key]);
  return p;
}

const inputs = (userName: string, over: Partial<UserCertificateInputs> = {}): UserCertificateInputs => ({
  projectId: fx.huawei.projectId,
  blockchainId: fx.huawei.blockchainId,
  orgName: "org1",
  userName,
  ...over,
});

const onServer = async (serialNumber: string) =>
  (await emulatorCertificates(emulator.url)).find((c) => c.serialNumber === serialNumber);

describe("onDelete on Huawei BCS", () => {
  it("refuses revoke at check, naming the field, the backend and the choices", async () => {
    const { failures } = await provider().check(
      inputs("policy01"),
      inputs("policy01", { onDelete: "revoke" }),
    );
    expect(failures).toEqual([
      {
        property: "",
        reason:
          'onDelete "revoke" is not possible on Huawei BCS: it has no call that revokes a user certificate ' +
          '(freezing is the closest); use "retain" or "freeze" (the default)',
      },
    ]);
  });

  it("freeze (the default) freezes on delete; retain leaves the certificate active", async () => {
    const p = provider();
    const frozen = await p.create(inputs("freeze01"));
    expect(frozen.outs!.onDelete).toBe("freeze");
    await p.delete(frozen.id, frozen.outs!);
    expect((await onServer(storedSerialNumber(frozen.outs!)))?.frozen).toBe(true);

    const kept = await p.create(inputs("retain01", { onDelete: "retain" }));
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    await p.delete(kept.id, kept.outs!);
    log.mockRestore();
    expect((await onServer(storedSerialNumber(kept.outs!)))?.frozen).toBe(false);
  });

  it("a safe-mode replacement under retain fails at preview: the old certificate must be frozen first", async () => {
    const args = inputs("retain02", { securityMode: true, onDelete: "retain", renewBefore: "30d" });
    const { id, outs } = await provider().create(args);
    const later = provider({
      PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) - 9 * 86_400_000).toISOString(),
    });
    await expect(later.diff(id, outs!, args)).rejects.toThrow(
      /retain02: replacing this certificate needs the old one frozen first .* but onDelete is "retain"/,
    );
  });

  it("says the replacement order in non-safe mode", async () => {
    const args = inputs("order01", { renewBefore: "30d", onDelete: "retain" });
    const { id, outs } = await provider().create(args);
    const later = provider({
      PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) - 9 * 86_400_000).toISOString(),
    });
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await later.diff(id, outs!, args)).toEqual({
      changes: true,
      replaces: ["notAfter"],
      deleteBeforeReplace: false,
    });
    expect(log).toHaveBeenCalledWith(
      "pulumi-bcs: order01: expires in 9 days, renewBefore 30d: replace: issue a new one, then retain the old one",
    );
    log.mockRestore();
  });
});

describe("refresh on Huawei BCS: the clock only", () => {
  it("marks an expired certificate, which the next diff replaces with the reason", async () => {
    const args = inputs("expired01");
    const { id, outs } = await provider().create(args);
    expect((await provider().read(id, outs!)).props!.status).toBe("valid");
    const later = provider({ PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) + 1000).toISOString() });
    const refreshed = (await later.read(id, outs!)).props!;
    expect(refreshed.status).toBe("expired");
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await later.diff(id, refreshed, args)).replaces).toEqual(["notAfter"]);
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining(`expired01: expired on ${outs!.notAfter} (found by refresh): replace`),
    );
    log.mockRestore();
  });

  it("cannot see a freeze made outside Pulumi (no read call): the state is left as it was", async () => {
    const { id, outs } = await provider().create(inputs("outside01"));
    await fetch(
      emulator.url + fillPath(inspectionRoutes.freezeCertificate.path, { serial: storedSerialNumber(outs!) }),
      { method: inspectionRoutes.freezeCertificate.method },
    );
    expect((await onServer(storedSerialNumber(outs!)))?.frozen).toBe(true);
    const refreshed = (await provider().read(id, outs!)).props!;
    expect(refreshed).toEqual(outs);
  });
});

describe("outputs people use directly", () => {
  it("the packed folder holds the MSP folder, which the SDK derives msp from", async () => {
    const { outs } = await provider().create(inputs("gateway01", { mspId: "org1MSP" }));
    expect(outs!.mspId).toBe("org1MSP");
    const msp = storedArchive(outs!).msp;
    expect(Object.keys(msp).some((p) => p.startsWith("signcerts/"))).toBe(true);
    expect(Object.entries(msp).find(([p]) => p.startsWith("keystore/"))?.[1]).toMatch(/BEGIN PRIVATE KEY/);
  });
});
