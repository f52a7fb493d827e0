import { createPrivateKey, X509Certificate } from "node:crypto";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { emulatorCertificates } from "../../support/emulatorInspection";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import {
  certificateProxy,
  INTERNAL_ERROR,
  mismatchedKey,
  otherUsersZip,
  type AnswerRewrite,
} from "../../support/certificateProxy";
import { certificatesConfig, startE2e, type E2eContext, type LifecycleResult } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };
const results = (o: OutputMap) => o.results.value as Record<string, LifecycleResult>;

/**
 * `pulumi up` against a hostile server between the provider and the emulator's BCS API: the emulator
 * really issues each certificate, the server in between spoils the answer (docs/reliability-and-security.md).
 */
describe("hostile answers to the certificate POST, through the real Pulumi engine", () => {
  let ctx: E2eContext;
  let hostile: HostileServer;
  const rewrites = new Map<string, AnswerRewrite>();
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);
  const certificatesOf = (userName: string) => emulatorCertificates(ctx.emulator.url, { userName });
  const storedCertificates = async () =>
    ((await ctx.stack.exportStack()).deployment.resources ?? []).filter((r: { type: string }) =>
      r.type.endsWith("UserCertificate"),
    );

  beforeAll(async () => {
    ctx = await startE2e("hostile-answers", certificatesConfig({}));
    hostile = await startHostileServer(certificateProxy(ctx.emulator.url, rewrites));
    await ctx.stack.setConfig("bcs:huaweiEndpoint", { value: hostile.url });
  });
  afterAll(async () => {
    await hostile?.close();
    await ctx?.close();
  });

  it("another user's certificate: up stores nothing and says a certificate was issued", async () => {
    rewrites.set("wrongcert01", otherUsersZip(ctx.emulator.url, "victim"));
    await ctx.stack.setAllConfig(certificatesConfig({ other: { ...base, userName: "wrongcert01" } }));
    const error = String(await ctx.stack.up({ onOutput: log }).catch((e: Error) => e));
    expect(error).toMatch(/not for wrongcert01/);
    expect(error).toMatch(/A certificate for wrongcert01 .* was issued but cannot be used/);
    expect(error).toMatch(/freeze it in the Huawei Cloud console/);
    expect(await storedCertificates()).toEqual([]);
    expect(await certificatesOf("wrongcert01")).toMatchObject([{ frozen: false }]);
  });

  it("a key that is not the certificate's, in safe mode: that certificate is frozen and another kept", async () => {
    const spoilFirst = mismatchedKey(ctx.emulator.url, "stranger");
    rewrites.set("wrongkey01", (answer, nth, request) =>
      nth === 1 ? spoilFirst(answer, nth, request) : answer,
    );
    await ctx.stack.setAllConfig(
      certificatesConfig({ mismatch: { ...base, userName: "wrongkey01", securityMode: true } }),
    );
    const { mismatch } = results((await ctx.stack.up({ onOutput: log })).outputs);
    const certificates = await certificatesOf("wrongkey01");
    expect(certificates.map((c) => c.frozen)).toEqual([true, false]);
    expect(mismatch.serialNumber).toBe(certificates[1].serialNumber);
    const key = createPrivateKey(mismatch.privateKeyPem);
    expect(new X509Certificate(mismatch.certificatePem).checkPrivateKey(key)).toBe(true);
    expect(printed.join("")).toMatch(/archive for wrongkey01 .* was unusable; froze that certificate/);
  });

  it("a 500 on the POST in safe mode: this run's certificate is frozen and another issued, as after a timeout", async () => {
    rewrites.set("lostsafe500", (answer, nth) => (nth === 1 ? INTERNAL_ERROR : answer));
    await ctx.stack.setAllConfig(
      certificatesConfig({
        mismatch: { ...base, userName: "wrongkey01", securityMode: true },
        lost: { ...base, userName: "lostsafe500", securityMode: true },
      }),
    );
    const { lost } = results((await ctx.stack.up({ onOutput: log })).outputs);
    const certificates = await certificatesOf("lostsafe500");
    expect(certificates.map((c) => c.frozen)).toEqual([true, false]);
    expect(lost.serialNumber).toBe(certificates[1].serialNumber);
    expect(printed.join("")).toMatch(
      /answer for lostsafe500 .* was lost after BCS issued it; froze that certificate/,
    );
    expect(printed.join("")).not.toMatch(/earlier, interrupted run/);
  });
});
