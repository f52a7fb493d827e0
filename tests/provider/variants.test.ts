import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { VARIANT_NAMES, variantChoices, type VariantPicks } from "../../emulator/variants";
import { lookupCaIdentities } from "../../lookups/caIdentities";
import { storedArchive, storedSerialNumber } from "../../provider/huawei/stateShape";
import { signatureAlgorithmOf, SM2_WITH_SM3 } from "../../provider/common/certificateSignature";
import { opensslVerifyChain } from "../support/opensslChain";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../provider/huawei/userCertificateProvider";
import { fixtureCredentials as fx } from "../support/fixture";
import { emulatorCertificates, setEmulatorClock } from "../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../support/hostileServer";
import { certificateProxy, INTERNAL_ERROR, type AnswerRewrite } from "../support/certificateProxy";
import { createCert } from "../emulator/helpers";

/**
 * The Huawei and NAVER scenarios under every variant of what the official sources leave open
 * (emulator/variants.ts): case k picks choice k of every dimension (the last one where a dimension has
 * fewer), so every choice of every dimension is run at least once.
 */
const CASES = Math.max(...VARIANT_NAMES.map((name) => variantChoices[name].length));
const picksOf = (k: number) =>
  Object.fromEntries(
    VARIANT_NAMES.map((name) => [name, Math.min(k, variantChoices[name].length - 1)]),
  ) as VariantPicks;

describe.each([...Array(CASES).keys()])("variant case %i", (k) => {
  let emulator: RunningEmulator;
  let hostile: HostileServer;
  let dataDir: string;
  const rewrites = new Map<string, AnswerRewrite>();
  const userName = `variant${k}user`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "variants-"));
    emulator = await startEmulator({ port: 0, dataDir, variants: { seed: 1, pick: picksOf(k) } });
    hostile = await startHostileServer(certificateProxy(emulator.url, rewrites));
  });
  afterAll(async () => {
    await hostile.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Password mode, with the IAM URL and account name in the Terraform provider's variables. */
  function provider(password = fx.huawei.password): UserCertificateProvider {
    const p = new UserCertificateProvider({
      OS_AUTH_URL: `${emulator.url}/v3`,
      OS_USER_DOMAIN_NAME: fx.huawei.domainName,
      OS_USERNAME: fx.huawei.userName,
      OS_PASSWORD: password,
      BCS_HUAWEI_ENDPOINT: hostile.url,
      BCS_MAX_RETRIES: "2",
    });
    p.configureFrom(() => undefined);
    return p;
  }
  const inputs = (extra: Partial<UserCertificateInputs> = {}): UserCertificateInputs => ({
    projectId: fx.huawei.projectId,
    blockchainId: fx.huawei.blockchainId,
    orgName: "org1",
    userName,
    securityMode: true,
    ...extra,
  });
  const certificates = () => emulatorCertificates(emulator.url, { userName });

  it("the emulator says which variants it answers with", () => {
    expect(emulator.variants.picks).toEqual(picksOf(k));
  });

  it("Huawei: a safe-mode answer lost after issue is recovered whatever the repeat's refusal says", async () => {
    // The first POST is carried out and its answer replaced by a 500: the repeat meets the name taken.
    rewrites.set(userName, (answer, nth) => (nth === 1 ? INTERNAL_ERROR : answer));
    const { outs } = await provider().create(inputs());
    rewrites.delete(userName);
    const held = await certificates();
    expect(held).toHaveLength(2);
    expect(held.find((c) => c.serialNumber === storedSerialNumber(outs!))?.frozen).toBe(false);
    expect(held.filter((c) => c.frozen)).toHaveLength(1);
  });

  it("Huawei: an untracked certificate of the name gets the freezeUntracked advice, and freezeUntracked works", async () => {
    await expect(provider().create(inputs())).rejects.toThrow(/set freezeUntracked: true/);
    const { outs } = await provider().create(inputs({ freezeUntracked: true }));
    const active = (await certificates()).filter((c) => !c.frozen);
    expect(active.map((c) => c.serialNumber)).toEqual([storedSerialNumber(outs!)]);
  });

  it("Huawei: the archive of this case's sign algorithm and layout is accepted, and openssl verifies its chain", async () => {
    const { outs } = await provider().create(inputs({ userName: `variant${k}arc`, securityMode: false }));
    const archive = storedArchive(outs!);
    const { signAlgorithm, sm2DistinguishingId, caChain } = emulator.variants.values;
    expect(signatureAlgorithmOf(new X509Certificate(archive.certificatePem))).toBe(
      signAlgorithm === "SM2" ? SM2_WITH_SM3 : "1.2.840.10045.4.3.2",
    );
    const links = caChain === "intermediate" ? 2 : 1;
    const id = signAlgorithm === "SM2" && sm2DistinguishingId !== "" ? sm2DistinguishingId : undefined;
    expect(opensslVerifyChain(archive.caCertificatePem, archive.certificatePem, id)).toHaveLength(links);
  });

  it("Huawei: a cached token the cloud stops accepting is fetched once more", async () => {
    const p = provider();
    const { outs } = await p.create(inputs({ userName: `variant${k}tok`, securityMode: false }));
    // 25 h later for the emulator: the token the provider holds (kept 23 h by its own clock) has expired.
    await setEmulatorClock(emulator.url, new Date(Date.now() + 25 * 3600_000));
    try {
      await expect(p.update(outs!.userName, outs!, { ...inputs(), frozen: true })).resolves.toBeDefined();
    } finally {
      await setEmulatorClock(emulator.url, undefined);
    }
  });

  it("Huawei: a wrong password is reported with the credentials hint, whatever the IAM error shape", async () => {
    await expect(provider("wrong-password-1").create(inputs({ userName: `variant${k}pw` }))).rejects.toThrow(
      /Huawei IAM answered 401 .*check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName/,
    );
  });

  it("Huawei: the safe-mode quota is reported as such, and freezeUntracked does not hide it", async () => {
    const auth = { kind: "aksk" } as const;
    for (let i = 0; i < 100; i++) {
      const answer = await createCert(
        emulator.url,
        auth,
        { org_name: "org2", user_name: `quota${i}x` },
        true,
      );
      expect(answer.status).toBe(200);
    }
    const quota = variantChoices.quota[emulator.variants.picks.quota];
    const full = inputs({ orgName: "org2", userName: `variant${k}full` });
    const error = (await provider()
      .create(full)
      .catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`answered ${quota.status} ${quota.code}`);
    if (quota.code === "BCS.4006005") {
      // Nothing in a bare "Bad Request" says quota: the advice is worded as a possibility.
      expect(error.message).toMatch(/If this refusal means that the user name already holds a certificate/);
    } else {
      expect(error.message).toMatch(/allows 100 certificates per organization/);
      expect(error.message).not.toMatch(/set freezeUntracked/);
    }
    const untracked = (await provider()
      .create({ ...full, freezeUntracked: true })
      .catch((e: Error) => e)) as Error;
    expect(untracked.message).toMatch(
      /no active safe-mode certificate of this user name could be frozen either: .* 404/,
    );
  });

  it("NAVER: the lookup reads the creation and update dates under either field name", async () => {
    const { identities, anomalies } = await lookupCaIdentities(
      { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId },
      () => undefined,
      {
        BCS_NCLOUD_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
        NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
      },
    );
    expect(anomalies).toEqual([]);
    expect(identities.length).toBeGreaterThan(0);
    for (const identity of identities) {
      expect(identity.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(identity.updateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });
});
