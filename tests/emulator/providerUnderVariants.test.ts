import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { VARIANT_NAMES, variantChoices, type VariantPicks } from "../../emulator/variants";
import { lookupCaIdentities } from "../../provider/lookups/caIdentities";
import { storedArchive, storedSerialNumber } from "../../provider/huawei/stateShape";
import { signatureAlgorithmOf, SM2_WITH_SM3 } from "../../provider/common/certificateSignature";
import { opensslVerifyChain } from "../support/opensslChain";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../provider/huawei/userCertificateProvider";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { fillPath } from "../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../emulator/routes";
import { emulatorCertificates, setEmulatorClock, setFreezeLatency } from "../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../support/hostileServer";
import { certificateProxy, INTERNAL_ERROR, type AnswerRewrite } from "../support/certificateProxy";
import { createCert } from "./helpers";
import { runCheckCli } from "../../cli/check";

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

  it("Huawei: delete uploads the zip as BCS answered it, and a certificate frozen in the console counts as frozen", async () => {
    const p = provider();
    const plain = await p.create(inputs({ userName: `variant${k}del`, securityMode: false }));
    const frozenAlready = await p.create(inputs({ userName: `variant${k}con`, securityMode: false }));
    const serial = storedSerialNumber(frozenAlready.outs!);
    const route = inspectionRoutes.freezeCertificate;
    await fetch(emulator.url + fillPath(route.path, { serial }), { method: route.method });
    await p.delete(plain.id, plain.outs!);
    await p.delete(frozenAlready.id, frozenAlready.outs!);
    const held = await emulatorCertificates(emulator.url);
    for (const outs of [plain.outs!, frozenAlready.outs!])
      expect(held.find((c) => c.serialNumber === storedSerialNumber(outs))?.frozen).toBe(true);
  });

  it("Huawei: a safe-mode replacement waits for the freeze of the old certificate to take effect", async () => {
    await setFreezeLatency(emulator.url, 1500);
    try {
      const p = provider();
      const name = inputs({ userName: `variant${k}late` });
      const old = await p.create(name);
      await p.delete(old.id, old.outs!);
      const renewed = await p.create(name);
      const held = await emulatorCertificates(emulator.url, { userName: name.userName });
      expect(held.filter((c) => !c.frozen).map((c) => c.serialNumber)).toEqual([
        storedSerialNumber(renewed.outs!),
      ]);
    } finally {
      await setFreezeLatency(emulator.url, 0);
    }
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
      expect(answer.status).toBe(emulator.variants.values.certificateStatus);
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

  /** AK/SK mode, which signs with X-Sdk-Date (the password mode of the other cases sends a token). */
  function signingProvider(): UserCertificateProvider {
    const p = new UserCertificateProvider({
      BCS_HUAWEI_ENDPOINT: emulator.url,
      HW_ACCESS_KEY: fx.huawei.accessKey,
      HW_SECRET_KEY: fx.huawei.secretKey,
      BCS_MAX_RETRIES: "0",
    });
    p.configureFrom(() => undefined);
    return p;
  }

  it("Huawei: the certificate is kept whatever 2xx carries the zip", async () => {
    const { outs } = await provider().create(inputs({ userName: `variant${k}ok`, securityMode: false }));
    expect(emulator.variants.values.certificateStatus).toBe([200, 201, 202][Math.min(k, 2)]);
    expect(
      (await emulatorCertificates(emulator.url, { userName: `variant${k}ok` })).map((c) => c.serialNumber),
    ).toEqual([storedSerialNumber(outs!)]);
  });

  it("Huawei: a clock an hour off gets the clock hint, whatever code the gateway answers it with", async () => {
    await setEmulatorClock(emulator.url, new Date(Date.now() + 3600_000));
    try {
      const error = (await signingProvider()
        .create(inputs({ userName: `variant${k}clk`, securityMode: false }))
        .catch((e: Error) => e)) as Error;
      expect(error.message).toContain(`answered 401 ${emulator.variants.values.clockSkew.code}`);
      expect(error.message).toMatch(/more than 15 minutes from the server's clock: fix this machine's clock/);
    } finally {
      await setEmulatorClock(emulator.url, undefined);
    }
  });

  it("Huawei: a policy denial keeps encoded_authorization_message, with how to decode it", async () => {
    const error = (await signingProvider()
      .create(inputs({ projectId: fx.huawei.otherProjectId, userName: `variant${k}deny` }))
      .catch((e: Error) => e)) as Error;
    expect(error.message).toContain("answered 403 BCS.4030403");
    if (emulator.variants.values.policyDenial === "encoded") {
      expect(error.message).toMatch(
        /encoded_authorization_message: [A-Za-z0-9+/=]{20,} — decode it with IAM's DecodeAuthorizationMessage/,
      );
    } else {
      expect(error.message).not.toContain("encoded_authorization_message");
    }
  });

  it("check: an unknown project in password mode fails the project, not the password, whatever IAM answers", async () => {
    const printed: string[] = [];
    const env = {
      BCS_HUAWEI_ENDPOINT: emulator.url,
      BCS_HUAWEI_IAM_ENDPOINT: emulator.url,
      HW_USER_NAME: fx.huawei.userName,
      HW_USER_PASSWORD: fx.huawei.password,
      HW_DOMAIN_NAME: fx.huawei.domainName,
      HW_PROJECT_ID: "00000000000000000000000000000000",
    };
    const code = await runCheckCli([], env, (text) => printed.push(text), tmpdir());
    const out = printed.join("\n");
    expect(out).toMatch(/^Huawei BCS +credentials accepted +ok /m);
    expect(out).toMatch(
      /^Huawei BCS +project id known +FAIL +IAM refused a token for this project: .*answered 40[01]/m,
    );
    expect(out).toMatch(/fix \(Huawei BCS, project id known\): check the project id 0{32}/);
    expect(out).not.toContain(fx.huawei.password);
    expect(code).toBe(1);
    // And a wrong password is still the password's, under the same variant.
    const wrong: string[] = [];
    await runCheckCli([], { ...env, HW_USER_PASSWORD: "wrong-password-9" }, (t) => wrong.push(t), tmpdir());
    expect(wrong.join("\n")).toMatch(/^Huawei BCS +credentials accepted +FAIL /m);
    expect(wrong.join("\n")).not.toMatch(/project id known/);
  });

  const naverLookup = () =>
    lookupCaIdentities({ networkId: fx.ncloud.networkId, caId: fx.ncloud.caId }, () => undefined, {
      BCS_NCLOUD_ENDPOINT: emulator.url,
      NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
      NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
    });

  it("NAVER: identity types are read whatever their case", async () => {
    const { identities, summary } = await naverLookup();
    const lower = emulator.variants.values.ncloudTypeCase === "lower";
    expect(
      identities.every(
        (i) => i.sourceType === (lower ? i.sourceType.toLowerCase() : i.sourceType.toUpperCase()),
      ),
    ).toBe(true);
    expect(identities.map((i) => i.identityType)).not.toContain("OTHER");
    expect(summary.countByType.CLIENT).toBeGreaterThan(0);
  });

  it("NAVER: the lookup reads the creation and update dates under either field name", async () => {
    const { identities, anomalies } = await naverLookup();
    expect(anomalies).toEqual([]);
    expect(identities.length).toBeGreaterThan(0);
    for (const identity of identities) {
      expect(identity.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(identity.updateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });
});
