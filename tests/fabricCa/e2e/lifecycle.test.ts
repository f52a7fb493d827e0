import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { enrolledFabricCaCli, type FabricCaCli } from "../../support/fabricCaCli";
import { fabricCertificatesConfig, startE2e, type E2eContext, type LifecycleResult } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const DAY = 86_400_000;

interface FabricResult extends LifecycleResult {
  crlPem: string | null;
}

const results = (o: OutputMap) => o.results.value as Record<string, FabricResult>;
const publicKey = (pem: string) => new X509Certificate(pem).publicKey.export({ type: "spki", format: "pem" });
const crlText = (pem: string) =>
  execFileSync("openssl", ["crl", "-noout", "-text"], { input: pem, encoding: "utf8" }).toUpperCase();
const crlSerial = (serial: string) => serial.replace(/^0+/, "");

/**
 * Renewal with both key policies, refresh against the CA, and the delete policy, through the real
 * engine and a real fabric-ca-server. Only the provider's clock moves (a real CA keeps real time).
 */
describe("Fabric CA certificate lifecycle through the real Pulumi engine", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  let cli: FabricCaCli;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);

  const certificates = (over: Record<string, Record<string, unknown>> = {}) =>
    fabricCertificatesConfig({
      node: {
        caUrl: ca.url,
        enrollmentId: "peernode01",
        identityType: "peer",
        affiliation: "org1",
        renewBefore: "30d",
        keyPolicy: "reuse",
        mspId: "Org1MSP",
      },
      app: { caUrl: ca.url, enrollmentId: "rotating01", affiliation: "org1", renewBefore: "30d" },
      kept: { caUrl: ca.url, enrollmentId: "retained01", affiliation: "org1", onDelete: "retain" },
      ...over,
    });

  const fabricClient = (args: string[]) => cli.run(args);

  const setProviderClock = (date: Date | undefined) => {
    if (date) ctx.stack.workspace.envVars.PULUMI_BCS_NOW = date.toISOString();
    else delete ctx.stack.workspace.envVars.PULUMI_BCS_NOW;
  };

  beforeAll(async () => {
    ca = await startFabricCaServer();
    cli = enrolledFabricCaCli(ca);
    ctx = await startE2e("fabric-lifecycle", {
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      ...certificates(),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  let first: Record<string, FabricResult>;

  it("up enrolls; the Gateway identity is ready for a Fabric Gateway client", async () => {
    first = results((await ctx.stack.up({ onOutput: log })).outputs);
    expect(first.node.gatewayIdentity).toEqual({
      mspId: "Org1MSP",
      certificate: first.node.certificatePem,
      privateKey: first.node.privateKeyPem,
    });
    expect(first.app).toMatchObject({ onDelete: "revoke", status: "valid", readyForRenewal: false });
    expect(first.kept.onDelete).toBe("retain");
  });

  it("refuses onDelete freeze at preview, naming the field and the reason", async () => {
    await ctx.stack.setAllConfig(
      certificates({
        kept: { caUrl: ca.url, enrollmentId: "retained01", affiliation: "org1", onDelete: "freeze" },
      }),
    );
    const error = (await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(
      'onDelete "freeze" is not possible on Fabric CA: it cannot suspend a certificate',
    );
    await ctx.stack.setAllConfig(certificates());
  });

  it("a plain preview reports the renewal inside renewBefore with the key policy, and nothing outside it", async () => {
    setProviderClock(new Date(Date.parse(first.node.notAfter) - 31 * DAY));
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    setProviderClock(new Date(Date.parse(first.node.notAfter) - 9.5 * DAY));
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.update).toBe(2);
    expect(preview.stdout + preview.stderr).toContain(
      "peernode01: expires in 9 days, renewBefore 30d: re-enroll the same identity (new certificate, key reused)",
    );
    expect(preview.stdout + preview.stderr).toContain(
      "rotating01: expires in 9 days, renewBefore 30d: re-enroll the same identity (new certificate, key rotated)",
    );
  });

  it("up renews: the same public key on reuse, a new one on rotate; the superseded certificates are on the CRL output", async () => {
    const renewed = results((await ctx.stack.up({ onOutput: log })).outputs);
    setProviderClock(undefined);
    for (const name of ["node", "app"]) expect(renewed[name].serialNumber).not.toBe(first[name].serialNumber);
    expect(publicKey(renewed.node.certificatePem)).toEqual(publicKey(first.node.certificatePem));
    expect(publicKey(renewed.app.certificatePem)).not.toEqual(publicKey(first.app.certificatePem));
    expect(renewed.node.gatewayIdentity?.certificate).toBe(renewed.node.certificatePem);
    expect(crlText(renewed.app.crlPem!)).toContain(crlSerial(first.app.serialNumber));
    expect(crlText(renewed.node.crlPem!)).toContain(crlSerial(first.node.serialNumber));
    first = renewed;
  });

  it("refresh sees a revocation made with fabric-ca-client; up enrolls again with the reason in the preview", async () => {
    const serial = first.app.serialNumber.toLowerCase();
    const aki = execFileSync("openssl", ["x509", "-noout", "-ext", "authorityKeyIdentifier"], {
      input: first.app.certificatePem,
      encoding: "utf8",
    })
      .split("\n")
      .map((l) => l.trim().replace(/^keyid:/, ""))
      .find((l) => /^[0-9A-F:]{20,}$/i.test(l))!
      .replace(/:/g, "");
    fabricClient(["revoke", "-s", serial, "-a", aki, "-r", "keycompromise"]);

    const refresh = await ctx.stack.refresh({ onOutput: log });
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    // Refresh does not run the program, so the stack outputs are stale: read the resource's state.
    const app = (await ctx.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::app"),
    );
    expect(app.outputs.status).toBe("revoked");
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout + preview.stderr).toContain(
      "rotating01: revoked at the CA (found by refresh): enroll the identity again with a new secret (new certificate, key rotated)",
    );
    const fixed = results((await ctx.stack.up({ onOutput: log })).outputs);
    expect(fixed.app.status).toBe("valid");
    expect(fixed.app.serialNumber).not.toBe(first.app.serialNumber);
    expect(fabricClient(["certificate", "list", "--id", "rotating01", "--notrevoked"])).toContain(
      crlSerial(fixed.app.serialNumber.toLowerCase()),
    );
    await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    first = fixed;
  });

  it("keeps the Gateway identity encrypted in the state", () => {
    const state = ctx.cli(["stack", "export"]);
    expect(state).not.toContain(first.node.privateKeyPem.split("\n")[1]);
  });

  it("destroy follows each onDelete: revoke prints the CRL listing the serial, retain leaves it valid", async () => {
    const destroy = await ctx.stack.destroy({ onOutput: log });
    // The engine repeats provider output under Diagnostics, one indented line each.
    const diagnostics = destroy.stdout
      .slice(destroy.stdout.indexOf("Diagnostics:"))
      .split("\n")
      .map((l) => l.trim())
      .join("\n");
    const crls = [...diagnostics.matchAll(/-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g)].map(
      (m) => crlText(m[0]),
    );
    expect(crls).toHaveLength(2);
    for (const name of ["app", "node"])
      expect(crls.some((crl) => crl.includes(crlSerial(first[name].serialNumber)))).toBe(true);
    expect(crls.some((crl) => crl.includes(crlSerial(first.kept.serialNumber)))).toBe(false);
    expect(fabricClient(["certificate", "list", "--id", "retained01", "--notrevoked"])).toContain(
      crlSerial(first.kept.serialNumber.toLowerCase()),
    );
  });

  it("printed no secret", () => {
    const text = printed.join("");
    expect(text).not.toContain(ca.bootstrap.secret);
    expect(text).not.toMatch(/BEGIN PRIVATE KEY/);
  });
});
