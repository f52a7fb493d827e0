import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { routeNotices } from "../../../provider/common/notice";
import { userCertificateModel } from "../../../provider/huawei/model";
import {
  UserCertificateProvider,
  type UserCertificateOutputs,
} from "../../../provider/huawei/userCertificateProvider";
import { fixtureCredentials as fx } from "../../../testing/fixture";

/** CAs expire too (issue 24, point 3), for a Huawei BCS certificate: the emulator's CA, seen near its end. */

let emulator: RunningEmulator;
let dataDir: string;
const notices: string[] = [];
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "provider-test-"));
  emulator = await startEmulator({ port: 0, dataDir });
  routeNotices((line) => notices.push(line));
});
afterAll(async () => {
  routeNotices(undefined);
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

const inputs = {
  projectId: fx.huawei.projectId,
  blockchainId: fx.huawei.blockchainId,
  orgName: "org1",
  userName: "caexpiry01",
};

it("gives the CA's expiry as outputs, and the preview warns, naming the CA, once it is within renewBefore", async () => {
  const outs = (await provider().create(inputs)).outs as UserCertificateOutputs;
  const derived = userCertificateModel.derive(userCertificateModel.upgrade(outs));
  const ca = new X509Certificate(
    derived.caCertificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0],
  );
  expect(Date.parse(derived.caNotAfter!)).toBe(Date.parse(ca.validTo));
  expect(derived.caExpiresInDays).toBeGreaterThan(3000); // the emulator's CA: 10 years

  notices.length = 0;
  await provider().diff("id", outs, { ...inputs, renewBefore: "30d" });
  expect(notices.filter((n) => n.includes("issuing CA"))).toEqual([]);

  const nearTheEnd = new Date(Date.parse(ca.validTo) - 10 * 86_400_000).toISOString();
  await provider({ PULUMI_BCS_NOW: nearTheEnd }).diff("id", outs, { ...inputs, renewBefore: "30d" });
  expect(notices.join("\n")).toMatch(
    /caexpiry01: the issuing CA CN=ca\.org1\..* expires .*, in 10 days, within renewBefore 30d: renew the CA before the identity/,
  );
});
