import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
  type UserCertificateOutputs,
} from "../../../provider/huawei/userCertificateProvider";
import { isIssuedBy } from "../../../provider/common/certificateInfo";
import {
  storedArchive,
  storedCertificateInfo,
  storedSerialNumber,
} from "../../../provider/huawei/stateShape";
import { UNKNOWN } from "../../../provider/common/validation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { obtainToken } from "../../emulator/helpers";
import { emulatorCertificates } from "../../support/emulatorInspection";

let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "provider-test-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function providerWith(config: Record<string, string>): UserCertificateProvider {
  const provider = new UserCertificateProvider({});
  provider.configureFrom(
    (key) => ({ "bcs:huaweiEndpoint": emulator.url, "bcs:huaweiIamEndpoint": emulator.url, ...config })[key],
  );
  return provider;
}

const aksk = { "bcs:huaweiAccessKey": fx.huawei.accessKey, "bcs:huaweiSecretKey": fx.huawei.secretKey };
const password = {
  "bcs:huaweiUserName": fx.huawei.userName,
  "bcs:huaweiPassword": fx.huawei.password,
  "bcs:huaweiDomainName": fx.huawei.domainName,
};

const inputs = (over: Partial<UserCertificateInputs> = {}): UserCertificateInputs => ({
  projectId: fx.huawei.projectId,
  blockchainId: fx.huawei.blockchainId,
  orgName: "org1",
  userName: "provuser01",
  ...over,
});

describe("check", () => {
  const provider = new UserCertificateProvider({});
  it.each([
    [{ userName: "abc" }, "userName", "4 to 24 characters"],
    [{ userName: "a".repeat(25) }, "userName", "4 to 24 characters"],
    [{ userName: "AppUser01" }, "userName", "lowercase letters"],
    [{ userName: "1appuser" }, "userName", "must start with a lowercase letter"],
    [{ userName: "app_user" }, "userName", "lowercase letters"],
    [{ projectId: "not-a-project" }, "projectId", "32-character"],
    [{ orgName: "" }, "orgName", "must not be empty"],
    [{ orgName: "../org1" }, "orgName", "letters, digits"],
    [{ blockchainId: "a/b" }, "blockchainId", "letters, digits"],
    [{ securityMode: "yes" as unknown as boolean }, "securityMode", "true or false"],
    [{ frozen: 1 as unknown as boolean }, "frozen", "true or false"],
    [{ userName: 42 as unknown as string }, "userName", "must be a string"],
  ])("refuses %j naming %s", async (over, property, rule) => {
    const { failures } = await provider.check(inputs(), inputs(over));
    expect(failures).toHaveLength(1);
    expect(failures![0].property).toBe(""); // see forEngine: the reason names it
    expect(failures![0].reason).toContain(property);
    expect(failures![0].reason).toContain(rule);
  });

  it("skips values that are unknown during preview", async () => {
    const { failures } = await provider.check(inputs(), inputs({ userName: UNKNOWN, orgName: UNKNOWN }));
    expect(failures).toEqual([]);
  });

  it("keeps only the known inputs", async () => {
    const news = { ...inputs({ securityMode: true }), extra: "x" } as UserCertificateInputs;
    expect((await provider.check(inputs(), news)).inputs).toEqual(inputs({ securityMode: true }));
  });
});

describe("diff", () => {
  const provider = new UserCertificateProvider({});
  const olds = {
    ...inputs({ securityMode: true }),
    frozen: false,
    securityMode: true,
  } as UserCertificateOutputs;
  it("replaces when the user name changes, creating first", async () => {
    expect(await provider.diff("id", olds, inputs({ userName: "other01", securityMode: true }))).toEqual({
      changes: true,
      replaces: ["userName"],
      deleteBeforeReplace: false,
    });
  });
  it("updates in place when only frozen changes", async () => {
    expect(await provider.diff("id", olds, inputs({ securityMode: true, frozen: true }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("freezes first when safe mode would keep the same user name", async () => {
    const nonSafe = { ...olds, securityMode: false };
    expect(await provider.diff("id", nonSafe, inputs({ securityMode: true }))).toMatchObject({
      replaces: ["securityMode"],
      deleteBeforeReplace: true,
    });
  });
  it("sees no change when nothing changed", async () => {
    expect((await provider.diff("id", olds, inputs({ securityMode: true }))).changes).toBe(false);
  });
});

describe("against the emulator", () => {
  it.each([
    ["AK/SK", aksk, "akskuser01"],
    ["an IAM password", password, "pwuser01"],
  ])("creates a certificate with %s", async (_mode, config, userName) => {
    const provider = providerWith(config);
    const { id, outs } = await provider.create(inputs({ userName, securityMode: true }));
    const facts = storedCertificateInfo(outs!.mspPublic);
    expect(id).toBe(
      `${fx.huawei.projectId}/${fx.huawei.blockchainId}/org1/${userName}/${facts.serialNumber}`,
    );
    expect(facts.subject).toBe(`CN=${userName},OU=client,O=org1,C=CN`);
    expect(facts.issuer).toBe(`CN=ca.org1.${fx.huawei.blockchainId}.bcs.example.com,O=org1,C=CN`);
    const pems = storedArchive(outs!);
    expect(isIssuedBy(pems.certificatePem, pems.caCertificatePem)).toBe(true);
    expect(outs!.notAfter).toBe(facts.notAfter);
    expect(outs!.notAfter > facts.notBefore).toBe(true);
  });

  it("creates with a given IAM token", async () => {
    const token = await obtainToken(emulator.url);
    const provider = providerWith({ "bcs:huaweiAuthToken": token });
    const { outs } = await provider.create(inputs({ userName: "tokenuser01" }));
    expect(outs!.securityMode).toBeNull();
  });

  it("freezes and unfreezes in place, and delete freezes", async () => {
    const provider = providerWith(aksk);
    const { id, outs } = await provider.create(inputs({ userName: "freezeme01", securityMode: false }));
    const frozen = await provider.update(
      id,
      outs!,
      inputs({ userName: "freezeme01", securityMode: false, frozen: true }),
    );
    const state = async () =>
      (await emulatorCertificates(emulator.url)).find((c) => c.serialNumber === storedSerialNumber(outs!));
    expect(frozen.outs!.frozen).toBe(true);
    expect((await state())?.frozen).toBe(true);
    const thawed = await provider.update(
      id,
      frozen.outs!,
      inputs({ userName: "freezeme01", securityMode: false, frozen: false }),
    );
    expect((await state())?.frozen).toBe(false);
    await provider.delete(id, thawed.outs!);
    expect((await state())?.frozen).toBe(true);
  });

  it("reports the API's error code and a hint for an unknown organization", async () => {
    const provider = providerWith(aksk);
    await expect(provider.create(inputs({ orgName: "orderer" }))).rejects.toThrow(
      /Huawei BCS answered 400 BCS\.4001051: .*orderer.*peer organization/,
    );
  });

  it("never puts a secret into an error message", async () => {
    const provider = providerWith({ ...password, "bcs:huaweiPassword": "wrong-password-123" });
    const error = await provider.create(inputs({ userName: "nobody01" })).catch((e: Error) => e);
    expect(String((error as Error).message)).toMatch(
      /Huawei IAM answered 401 IAM\.0001: .*check bcs:huaweiUserName, bcs:huaweiPassword/,
    );
    expect(String((error as Error).message)).not.toContain("wrong-password-123");
    const badKey = providerWith({ ...aksk, "bcs:huaweiSecretKey": "not-the-secret-key" });
    const error2 = (await badKey.create(inputs({ userName: "nobody02" })).catch((e: Error) => e)) as Error;
    expect(error2.message).toMatch(/APIG\.0301/);
    expect(error2.message).not.toContain("not-the-secret-key");
  });

  it("says what to configure when there are no credentials", async () => {
    await expect(providerWith({}).create(inputs({ userName: "nocreds01" }))).rejects.toThrow(
      /bcs:huaweiAccessKey/,
    );
  });

  it("renews in a plain preview once renewBefore is reached: a replacement that freezes first in safe mode", async () => {
    const { id, outs } = await providerWith(aksk).create(
      inputs({ userName: "renew01", securityMode: true, renewBefore: "30d" }),
    );
    expect(outs!.readyForRenewal).toBe(false);
    expect(outs!.expiresInDays).toBeGreaterThanOrEqual(364);
    const at = (days: number) => {
      const later = new UserCertificateProvider({
        PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) - days * 86_400_000).toISOString(),
      });
      return later.diff(id, outs!, inputs({ userName: "renew01", securityMode: true, renewBefore: "30d" }));
    };
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await at(40)).toMatchObject({ changes: false, replaces: [] });
    expect(await at(9)).toEqual({ changes: true, replaces: ["notAfter"], deleteBeforeReplace: true });
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining("renew01: expires in 9 days, renewBefore 30d: replace"),
    );
    log.mockRestore();
  });
});
