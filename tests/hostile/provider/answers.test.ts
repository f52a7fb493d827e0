import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../../provider/huawei/userCertificateProvider";
import { ARCHIVE_LIMITS } from "../../../provider/huawei/certArchive";
import { storedArchive, storedSerialNumber } from "../../../provider/huawei/stateShape";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import {
  certificateProxy,
  edited,
  INTERNAL_ERROR,
  mismatchedKey,
  otherUsersZip,
  type AnswerRewrite,
} from "../../support/certificateProxy";
import { filesOf, zipOf } from "../../support/mspZip";

/**
 * UserCertificate's create against a hostile server in front of the emulator: the emulator really
 * issues each certificate, and the server in between spoils the answer the way each case says.
 */
let emulator: RunningEmulator;
let hostile: HostileServer;
let dataDir: string;
const rewrites = new Map<string, AnswerRewrite>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "hostile-answers-"));
  emulator = await startEmulator({ port: 0, dataDir });
  hostile = await startHostileServer(certificateProxy(emulator.url, rewrites));
});
afterAll(async () => {
  await hostile.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function provider(): UserCertificateProvider {
  const p = new UserCertificateProvider({});
  const config: Record<string, string> = {
    "bcs:huaweiEndpoint": hostile.url,
    "bcs:huaweiIamEndpoint": emulator.url,
    "bcs:huaweiUserName": fx.huawei.userName,
    "bcs:huaweiPassword": fx.huawei.password,
    "bcs:huaweiDomainName": fx.huawei.domainName,
  };
  p.configureFrom((key) => config[key]);
  return p;
}

const inputs = (userName: string, securityMode: boolean): UserCertificateInputs => ({
  projectId: fx.huawei.projectId,
  blockchainId: fx.huawei.blockchainId,
  orgName: "org1",
  userName,
  securityMode,
});

const certificatesOf = (userName: string) => emulatorCertificates(emulator.url, { userName });

describe("a certificate zip that fails its checks", () => {
  it("non-safe mode: another user's certificate is not kept, and the error says a certificate exists", async () => {
    rewrites.set("hostile01", otherUsersZip(emulator.url, "victim01"));
    const error = await provider()
      .create(inputs("hostile01", false))
      .catch((e: Error) => e);
    expect(String(error)).toMatch(/not for hostile01/);
    expect(String(error)).toMatch(/A certificate for hostile01 .* was issued but cannot be used/);
    expect(String(error)).toMatch(/freeze it in the Huawei Cloud console/);
    expect(await certificatesOf("hostile01")).toMatchObject([{ frozen: false }]);
  });

  it("non-safe mode: entry names that leave the folder are refused", async () => {
    rewrites.set("hostile02", (answer) => edited(answer, (files) => (files["msp/../../../etc/evil"] = "x")));
    const error = await provider()
      .create(inputs("hostile02", false))
      .catch((e: Error) => e);
    expect(String(error)).toMatch(/not a safe relative path.*was issued but cannot be used/);
  });

  it("non-safe mode: a zip bomb is refused by its declared size, before it is inflated", async () => {
    rewrites.set("hostile03", (answer) => {
      const zip = zipOf({ ...filesOf(answer.body), "msp/bomb": "0" });
      // The central directory's uncompressed size of the last entry: 300 MB.
      const at = zip.lastIndexOf(Buffer.from("msp/bomb")) - 46;
      zip.writeUInt32LE(300 * 1024 * 1024, at + 24);
      return { ...answer, body: zip };
    });
    const error = await provider()
      .create(inputs("hostile03", false))
      .catch((e: Error) => e);
    expect(String(error)).toMatch(new RegExp(`larger than ${ARCHIVE_LIMITS.maxEntryBytes} bytes`));
  });

  it("safe mode: a key that does not belong to the certificate is frozen and another certificate issued", async () => {
    const spoilFirst = mismatchedKey(emulator.url, "stranger");
    rewrites.set("hostile04", (answer, nth, request) =>
      nth === 1 ? spoilFirst(answer, nth, request) : answer,
    );
    const { outs } = await provider().create(inputs("hostile04", true));
    const certificates = await certificatesOf("hostile04");
    expect(certificates.map((c) => c.frozen)).toEqual([true, false]);
    expect(storedSerialNumber(outs!)).toBe(certificates[1].serialNumber);
  });

  it("safe mode: when the second answer is spoiled too, that certificate is frozen as well and the error says so", async () => {
    rewrites.set("hostile05", mismatchedKey(emulator.url, "stranger05"));
    const error = await provider()
      .create(inputs("hostile05", true))
      .catch((e: Error) => e);
    expect(String(error)).toMatch(
      /A certificate for hostile05 .* was issued but cannot be used and was frozen\.$/,
    );
    expect((await certificatesOf("hostile05")).map((c) => c.frozen)).toEqual([true, true]);
  });

  it("safe mode: a certificate for another name is frozen and no second one issued (every one would be refused)", async () => {
    rewrites.set("hostile10", otherUsersZip(emulator.url, "victim10"));
    const error = await provider()
      .create(inputs("hostile10", true))
      .catch((e: Error) => e);
    expect(String(error)).toMatch(/not for hostile10/);
    expect(String(error)).toMatch(
      /was frozen; no other was issued, since every certificate of this blockchain/,
    );
    expect((await certificatesOf("hostile10")).map((c) => c.frozen)).toEqual([true]);
  });
});

describe("what is stored", () => {
  it("is the zip as answered, byte for byte; one over the 30 KB freeze limit is never sent", async () => {
    const padding = randomBytes(48 * 1024)
      .toString("base64")
      .slice(0, 60 * 1024);
    let answered: Buffer | undefined;
    rewrites.set("hostile06", (answer) => {
      const padded = edited(answer, (files) => (files["tls/padding.bin"] = padding));
      answered = padded.body;
      return padded;
    });
    const p = provider();
    const { outs } = await p.create(inputs("hostile06", false));
    const stored = storedArchive(outs!).zip;
    expect(stored.equals(answered!)).toBe(true);
    expect(stored.length).toBeGreaterThan(30 * 1024);
    await expect(p.update("id", outs!, { ...inputs("hostile06", false), frozen: true })).rejects.toThrow(
      /the certificate's zip is \d+ bytes, and BCS takes at most 30720 \(30 KB\) in a freeze or unfreeze upload, so it was not sent/,
    );
    expect((await certificatesOf("hostile06")).map((c) => c.frozen)).toEqual([false]);
  });

  it("still identifies the certificate when it is frozen (freeze uploads the stored zip)", async () => {
    rewrites.delete("hostile07");
    const p = provider();
    const { outs } = await p.create(inputs("hostile07", false));
    await p.update("id", outs!, { ...inputs("hostile07", false), frozen: true });
    expect(await certificatesOf("hostile07")).toMatchObject([
      { serialNumber: storedSerialNumber(outs!), frozen: true },
    ]);
  });
});

describe("a 5xx answer to the certificate POST", () => {
  it.each([500, 502, 504])(
    "non-safe mode: %i after the certificate was issued says a certificate may exist, not 'retry later'",
    async (status) => {
      const user = `lost${status}x`;
      rewrites.set(user, () => ({ ...INTERNAL_ERROR, status }));
      const error = await provider()
        .create(inputs(user, false))
        .catch((e: Error) => e);
      expect(String(error)).toMatch(
        new RegExp(`may have issued a certificate for ${user}.*answered ${status}`),
      );
      expect(String(error)).toMatch(/freeze it in the Huawei Cloud console/);
      expect(String(error)).not.toMatch(/retry later/);
      expect(await certificatesOf(user)).toHaveLength(1);
    },
  );

  it("safe mode: this run's lost certificate is frozen and another issued, as after a timeout", async () => {
    rewrites.set("lostsafe5", (answer, nth) => (nth === 1 ? INTERNAL_ERROR : answer));
    const { outs } = await provider().create(inputs("lostsafe5", true));
    const certificates = await certificatesOf("lostsafe5");
    expect(certificates.map((c) => c.frozen)).toEqual([true, false]);
    expect(storedSerialNumber(outs!)).toBe(certificates[1].serialNumber);
  });
});
