import type { OutputMap } from "@pulumi/pulumi/automation";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { emulatorCertificates, emulatorCaPem } from "../support/emulatorInspection";
import { opensslVerifyChain } from "../support/opensslChain";
import { certificatesConfig, lookupsConfig, startE2e, type E2eContext } from "./harness";

jest.setTimeout(10 * 60 * 1000);

const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId };

interface CertResult {
  id: string;
  userName: string;
  frozen: boolean;
  certificatePem: string;
  privateKeyPem: string;
  caCertificatePem: string;
  archive: string;
  serialNumber: string;
  subject: string;
  issuer: string;
  notAfter: string;
}

function results(outputs: OutputMap): Record<string, unknown> {
  return outputs.results.value as Record<string, unknown>;
}

describe("UserCertificate and getCaIdentities through the real Pulumi engine", () => {
  let ctx: E2eContext;
  const events: string[] = [];

  beforeAll(async () => {
    ctx = await startE2e("lifecycle", {
      ...certificatesConfig({
        "app-user": { ...base, orgName: "org1", userName: "appuser01", securityMode: true },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: false },
      }),
      ...lookupsConfig({
        allIdentities: { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId },
        clients: { networkId: fx.ncloud.networkId, caId: fx.ncloud.caId, identityType: "CLIENT" },
      }),
    });
  });
  afterAll(async () => ctx?.close());

  const log = (s: string) => {
    events.push(s);
    ctx.printed.push(s);
  };

  it("previews two creates and sends nothing to the API", async () => {
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.create).toBe(3); // the stack and two certificates
    expect(await emulatorCertificates(ctx.emulator.url)).toEqual([]);
  });

  it("creates both certificates; they chain to the org CA", async () => {
    const up = await ctx.stack.up({ onOutput: log });
    expect(up.summary.resourceChanges?.create).toBe(3);
    const r = results(up.outputs);
    const app = r["app-user"] as CertResult;
    expect(app.subject).toContain("CN=appuser01");
    // PKCS#8, or SEC1 under the emulator's keyEncoding variant.
    expect(app.privateKeyPem).toMatch(/^-----BEGIN (EC )?PRIVATE KEY-----/);
    // The chain ends at the org CA (an intermediate comes first under the caChain variant).
    const caFromEmulator = await emulatorCaPem(ctx.emulator.url, fx.huawei.blockchainId, "org1");
    expect(app.caCertificatePem.endsWith(caFromEmulator.trim() + "\n")).toBe(true);
    const { signAlgorithm, sm2DistinguishingId } = ctx.emulator.variants.values;
    const sm2Id = signAlgorithm === "SM2" && sm2DistinguishingId !== "" ? sm2DistinguishingId : undefined;
    expect(opensslVerifyChain(app.caCertificatePem, app.certificatePem, sm2Id).join("")).toContain("OK");
    const auditor = r.auditor as CertResult;
    expect(opensslVerifyChain(auditor.caCertificatePem, auditor.certificatePem, sm2Id).join("")).toContain(
      "OK",
    );
    expect(new Date(auditor.notAfter).getTime()).toBeGreaterThan(Date.now());
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.map((c) => c.serialNumber).sort()).toEqual(
      [app.serialNumber, auditor.serialNumber].sort(),
    );
  });

  it("keeps no private key and no credential in plain text in the state", async () => {
    const state = ctx.cli(["stack", "export"]); // without --show-secrets, as a user would look
    const outputs = results(await ctx.stack.outputs()) as Record<string, CertResult>;
    for (const cert of [outputs["app-user"], outputs.auditor]) {
      expect(state).not.toContain(cert.privateKeyPem.split("\n")[1]);
      expect(state).not.toContain(cert.archive.slice(0, 64));
      expect(state).toContain(cert.serialNumber); // the public facts are there
    }
    expect(state).not.toContain(fx.huawei.password);
    expect(state).not.toContain(fx.ncloud.secretKey);
    const resource = JSON.parse(state).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::app-user"),
    );
    // The key is stored once, alone in the encrypted mspSecret; the PEM outputs and the archive are
    // read from the packed folder in the program.
    expect(resource.outputs.privateKeyPem).toBeUndefined();
    expect(resource.outputs.archive).toBeUndefined();
    expect(resource.outputs.mspSecret).toHaveProperty("ciphertext");
    expect(typeof resource.outputs.mspPublic).toBe("string");
    const providerText: string = resource.outputs.__provider;
    expect(providerText).toContain('require("pulumi-bcs/provider")');
    // What Pulumi stores per certificate beyond the certificate itself: see docs/decisions/0003-measured.md.
    console.log(
      `state bytes per certificate: resource ${JSON.stringify(resource).length}, __provider ${providerText.length} (stored twice)`,
    );
  });

  it("returns the fixture's identities and honours the type filter", async () => {
    const r = results(await ctx.stack.outputs());
    const all = (
      r.allIdentities as { identities: { identityName: string; identityType: string; expireDate: string }[] }
    ).identities;
    expect(all.map((i) => i.identityType).sort()).toEqual(["ADMIN", "CLIENT", "CLIENT", "ORDERER", "PEER"]);
    expect(all.every((i) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(i.expireDate))).toBe(true);
    const clients = (r.clients as { identities: { identityType: string }[] }).identities;
    expect(clients).toHaveLength(2);
    expect(clients.every((i) => i.identityType === "CLIENT")).toBe(true);
  });

  it("refresh changes nothing and a second preview is empty", async () => {
    const refresh = await ctx.stack.refresh({ onOutput: log });
    expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
    const preview = await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    expect(preview.changeSummary.same).toBe(3);
  });

  it("rotating or switching credentials causes no diff", async () => {
    await ctx.stack.setAllConfig({
      "bcs:huaweiAccessKey": { value: fx.huawei.accessKey, secret: true },
      "bcs:huaweiSecretKey": { value: fx.huawei.secretKey, secret: true },
    });
    const preview = await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    expect(preview.changeSummary.same).toBe(3);
    await ctx.stack.removeAllConfig(["bcs:huaweiAccessKey", "bcs:huaweiSecretKey"]);
  });

  it("refuses a bad user name at preview, naming the field and the rule, before any request", async () => {
    const before = await emulatorCertificates(ctx.emulator.url);
    await ctx.stack.setAllConfig(
      certificatesConfig({
        "app-user": { ...base, orgName: "org1", userName: "App_User", securityMode: true },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: false },
      }),
    );
    const error = (await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain("userName may contain only lowercase letters a-z and digits 0-9");
    expect(await emulatorCertificates(ctx.emulator.url)).toEqual(before);
  });

  it("freezes in place when frozen becomes true", async () => {
    await ctx.stack.setAllConfig(
      certificatesConfig({
        "app-user": { ...base, orgName: "org1", userName: "appuser01", securityMode: true },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: false, frozen: true },
      }),
    );
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.changeSummary.replace).toBeUndefined();
    const before = results(await ctx.stack.outputs()).auditor as CertResult;
    await ctx.stack.up({ onOutput: log });
    const after = results(await ctx.stack.outputs()).auditor as CertResult;
    expect(after.serialNumber).toBe(before.serialNumber);
    expect(after.frozen).toBe(true);
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.find((c) => c.serialNumber === before.serialNumber)?.frozen).toBe(true);
  });

  it("replaces the certificate when the user name changes", async () => {
    await ctx.stack.setAllConfig(
      certificatesConfig({
        "app-user": { ...base, orgName: "org1", userName: "appuser02", securityMode: true },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: false, frozen: true },
      }),
    );
    const before = results(await ctx.stack.outputs())["app-user"] as CertResult;
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.replace).toBe(1);
    expect(preview.stdout).toMatch(/app-user[\s\S]*replace/);
    await ctx.stack.up({ onOutput: log });
    const after = results(await ctx.stack.outputs())["app-user"] as CertResult;
    expect(after.subject).toContain("CN=appuser02");
    expect(after.serialNumber).not.toBe(before.serialNumber);
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.find((c) => c.serialNumber === before.serialNumber)?.frozen).toBe(true);
    expect(onServer.find((c) => c.serialNumber === after.serialNumber)?.frozen).toBe(false);
  });

  it("replaces in safe mode with the same user name by freezing first", async () => {
    // securityMode false → true keeps the name; safe mode allows one active certificate per name.
    await ctx.stack.setAllConfig(
      certificatesConfig({
        "app-user": { ...base, orgName: "org1", userName: "appuser02", securityMode: true },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: true },
      }),
    );
    const up = await ctx.stack.up({ onOutput: log });
    expect(up.summary.resourceChanges?.replace).toBe(1);
    const auditor = results(up.outputs).auditor as CertResult;
    const active = (await emulatorCertificates(ctx.emulator.url)).filter(
      (c) => c.userName === "auditor01" && !c.frozen,
    );
    expect(active.map((c) => c.serialNumber)).toEqual([auditor.serialNumber]);
  });

  it("a plain preview shows renewals due within renewBefore, and why", async () => {
    await ctx.stack.setAllConfig(
      certificatesConfig({
        "app-user": {
          ...base,
          orgName: "org1",
          userName: "appuser02",
          securityMode: true,
          renewBefore: "30d",
        },
        auditor: { ...base, orgName: "org2", userName: "auditor01", securityMode: true, renewBefore: "30d" },
      }),
    );
    const outside = await ctx.stack.preview({ onOutput: log });
    expect(outside.changeSummary.replace).toBeUndefined();
    ctx.stack.workspace.envVars.PULUMI_BCS_NOW = new Date(Date.now() + 340 * 86_400_000).toISOString();
    try {
      const inside = await ctx.stack.preview({ diff: true, onOutput: log });
      expect(inside.changeSummary.replace).toBe(2);
      expect(inside.stderr).toMatch(/appuser02: expires in 2[0-9] days, renewBefore 30d: replace/);
    } finally {
      delete ctx.stack.workspace.envVars.PULUMI_BCS_NOW;
    }
  });

  it("destroy freezes every certificate", async () => {
    await ctx.stack.destroy({ onOutput: log });
    const onServer = await emulatorCertificates(ctx.emulator.url);
    expect(onServer.length).toBeGreaterThanOrEqual(4);
    expect(onServer.every((c) => c.frozen)).toBe(true);
  });

  it("printed no secret during the whole run", () => {
    const text = events.join("");
    expect(text).not.toContain(fx.huawei.password);
    expect(text).not.toContain(fx.ncloud.secretKey);
    expect(text).not.toMatch(/BEGIN (EC )?PRIVATE KEY/);
  });
});
