import type { OutputMap } from "@pulumi/pulumi/automation";
import { variantChoices, type VariantPicks } from "../../../emulator/variants";
import {
  SM2_DEFAULT_ID,
  signatureAlgorithmOf,
  SM2_WITH_SM3,
} from "../../../provider/common/certificateSignature";
import { X509Certificate } from "node:crypto";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import { certificateProxy, edited, type AnswerRewrite } from "../../support/certificateProxy";
import { opensslVerifyChain } from "../../support/opensslChain";
import { certificatesConfig, startE2e, type E2eContext, type LifecycleResult } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };
type Result = LifecycleResult & { caCertificatePem: string; msp: Record<string, string> };
const results = (o: OutputMap) => o.results.value as Record<string, Result>;
const index = <K extends keyof typeof variantChoices>(name: K, value: (typeof variantChoices)[K][number]) =>
  (variantChoices[name] as readonly unknown[]).indexOf(value);

/**
 * A blockchain that signs with SM2 (国密) or ECDSA, answering each of Fabric's MSP layouts, through the
 * real Pulumi engine: up, the outputs checked with `openssl`, destroy (which freezes).
 */
describe.each<[string, Partial<VariantPicks>, string | undefined]>([
  [
    // A layout the client read before: only the SM2 signature is new.
    "an SM2 blockchain (GM/T default ID), msp/ in a wrapper folder",
    {
      signAlgorithm: index("signAlgorithm", "SM2"),
      sm2DistinguishingId: index("sm2DistinguishingId", SM2_DEFAULT_ID),
      archiveFolder: 1,
      archiveTls: 0,
      caChain: index("caChain", "root"),
      keyEncoding: index("keyEncoding", "pkcs8"),
      binaryEntry: 0,
    },
    SM2_DEFAULT_ID,
  ],
  [
    "an SM2 blockchain (empty ID) in cryptogen's users/<name>/msp, with tls/, an intermediate CA, a SEC1 key and a binary entry",
    {
      signAlgorithm: index("signAlgorithm", "SM2"),
      sm2DistinguishingId: index("sm2DistinguishingId", ""),
      archiveFolder: 2,
      archiveTls: 1,
      caChain: index("caChain", "intermediate"),
      keyEncoding: index("keyEncoding", "sec1"),
      binaryEntry: 1,
    },
    undefined,
  ],
])("%s, through the real Pulumi engine", (_name, pick, sm2Id) => {
  let ctx: E2eContext;
  let hostile: HostileServer;
  const rewrites = new Map<string, AnswerRewrite>();
  const sm2 = pick.signAlgorithm === index("signAlgorithm", "SM2");

  beforeAll(async () => {
    const certs = {
      safe: { ...base, userName: "layoutsafe01", securityMode: true },
      open: { ...base, userName: "layoutopen01" },
    };
    ctx = await startE2e(
      `archive-${sm2Id === undefined ? "empty" : "gmt"}`,
      certificatesConfig(certs),
      undefined,
      { pick },
    );
    hostile = await startHostileServer(certificateProxy(ctx.emulator.url, rewrites));
  });
  afterAll(async () => {
    await hostile?.close();
    await ctx?.close();
  });

  it("up issues each certificate once, with its chain in caCertificatePem, and openssl verifies it", async () => {
    const out = results((await ctx.stack.up()).outputs);
    for (const [key, userName] of [
      ["safe", "layoutsafe01"],
      ["open", "layoutopen01"],
    ] as const) {
      const result = out[key];
      expect(await emulatorCertificates(ctx.emulator.url, { userName })).toHaveLength(1);
      const cert = new X509Certificate(result.certificatePem);
      expect(signatureAlgorithmOf(cert)).toBe(sm2 ? SM2_WITH_SM3 : "1.2.840.10045.4.3.2");
      expect(result.serialNumber).toBe(cert.serialNumber.toUpperCase());
      const links = pick.caChain === index("caChain", "intermediate") ? 2 : 1;
      expect(result.caCertificatePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(links);
      expect(opensslVerifyChain(result.caCertificatePem, result.certificatePem, sm2Id)).toHaveLength(links);
      expect(Object.keys(result.msp).filter((p) => p.startsWith("signcerts/"))).toHaveLength(1);
      // Binary entries stay out of the text-only msp output; the archive output carries them as bytes (i20-freeze).
      if (pick.binaryEntry) expect(Object.keys(result.msp)).not.toContain("IssuerPublicKey");
    }
  });

  it("a safe-mode archive in a layout the client refuses is frozen, and no second certificate is issued", async () => {
    // Through a server that drops cacerts/: every certificate of such a blockchain would be refused alike.
    await ctx.stack.setConfig("bcs:huaweiEndpoint", { value: hostile.url });
    rewrites.set("layoutbad01", (answer) =>
      edited(answer, (files) => {
        for (const path of Object.keys(files)) if (path.includes("/cacerts/")) delete files[path];
      }),
    );
    await ctx.stack.setConfig("pulumi-bcs-e2e:certificates", {
      value: JSON.stringify({
        safe: { ...base, userName: "layoutsafe01", securityMode: true },
        open: { ...base, userName: "layoutopen01" },
        bad: { ...base, userName: "layoutbad01", securityMode: true },
      }),
    });
    const error = String(await ctx.stack.up().catch((e: Error) => e));
    expect(error).toMatch(/was issued but cannot be used and was frozen; no other was issued/);
    expect(await emulatorCertificates(ctx.emulator.url, { userName: "layoutbad01" })).toMatchObject([
      { frozen: true },
    ]);
    await ctx.stack.setConfig("bcs:huaweiEndpoint", { value: ctx.emulator.url });
  });

  it("destroy freezes the safe-mode certificate", async () => {
    await ctx.stack.destroy();
    expect(await emulatorCertificates(ctx.emulator.url, { userName: "layoutsafe01" })).toMatchObject([
      { frozen: true },
    ]);
  });
});
