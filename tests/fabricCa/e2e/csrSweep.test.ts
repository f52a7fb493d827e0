import { execFileSync } from "node:child_process";
import { createPublicKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { secretHits } from "../../support/secretHits";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { certificatesConfig, fabricCertificatesConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

/**
 * CSR mode through the real engine: the key is made by openssl beside the test and never given to
 * Pulumi, so no private key may appear in the state export, the event log, the printed output or the
 * outputs, across a create, a renewal, an attribute change and a key rotation, each of which
 * re-enrolls without a key.
 */
describe("CSR mode: the key never enters Pulumi", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  let scratch: string;
  const printed: string[] = [];
  const events: EngineEvent[] = [];
  const exports: string[] = [];
  const outputs: string[] = [];
  const keys = new Map<string, string>();
  const opts = { onOutput: (s: string) => printed.push(s), onEvent: (e: EngineEvent) => events.push(e) };

  /** A key and CSR as a user would make them: `openssl req -new -newkey ec …`; the key stays here. */
  function userCsr(cn: string): { csrPem: string; keyPem: string } {
    const base = join(scratch, `${cn}-${keys.size}`);
    execFileSync(
      "openssl",
      ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
        "-keyout",
        `${base}.key`,
        "-subj",
        `/CN=${cn}`,
        "-out",
        `${base}.csr`,
      ]),
      { stdio: "pipe" },
    );
    const keyPem = readFileSync(`${base}.key`, "utf8");
    keys.set(`the CSR's private key ${keys.size}`, keyPem.split("\n")[1]);
    return { csrPem: readFileSync(`${base}.csr`, "utf8"), keyPem };
  }
  const fabric = (csrPem: string, over: Record<string, unknown> = {}) =>
    fabricCertificatesConfig({
      csr: {
        caUrl: ca.url,
        enrollmentId: "csrfab01",
        affiliation: "org1",
        certificateSigningRequestPem: csrPem,
        ...over,
      },
    });

  async function result(): Promise<Record<string, unknown>> {
    const all = (await ctx.stack.outputs()).results.value as Record<string, Record<string, unknown>>;
    outputs.push(JSON.stringify(all));
    exports.push(ctx.cli(["stack", "export", "--show-secrets"]));
    return all.csr;
  }
  /** What the provider printed during a preview: its stderr, or the engine's diagnostic events. */
  const said = (run: { stdout: string; stderr: string }) =>
    [run.stdout, run.stderr, ...events.map((e) => e.diagnosticEvent?.message ?? "")].join("\n");
  const publicKeyOf = (pem: string) =>
    (pem.includes("CERTIFICATE") ? new X509Certificate(pem).publicKey : createPublicKey(pem))
      .export({ type: "spki", format: "pem" })
      .toString();

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-csr-e2e-"));
    ca = await startFabricCaServer({});
    ctx = await startE2e("csr", {});
    await ctx.stack.setAllConfig({
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("refuses a CSR for another identity, and a CSR on a Huawei certificate, at preview", async () => {
    await ctx.stack.setAllConfig(fabric(userCsr("someoneelse").csrPem));
    const wrongCn = await ctx.stack.preview(opts).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(wrongCn).toMatch(/certificateSigningRequestPem's subject CN must be the enrollmentId "csrfab01"/);
    await ctx.stack.setAllConfig({
      ...fabricCertificatesConfig({}),
      ...certificatesConfig({
        huawei: {
          projectId: fx.huawei.projectId,
          blockchainId: fx.huawei.blockchainId,
          orgName: "org1",
          userName: "csruser01",
          certificateSigningRequestPem: userCsr("csruser01").csrPem,
        },
      }),
    });
    const onHuawei = await ctx.stack.preview(opts).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(onHuawei).toMatch(
      /certificateSigningRequestPem is not possible on UserCertificate: Huawei Cloud BCS makes the key/,
    );
    await ctx.stack.setAllConfig(certificatesConfig({}));
  });

  it("enrolls the CSR, renews and re-attributes with the same key, rotates to a new CSR, and destroys", async () => {
    const first = userCsr("csrfab01");
    await ctx.stack.setAllConfig(fabric(first.csrPem));
    printed.push((await ctx.stack.up(opts)).stderr);
    const created = await result();
    expect(created.privateKeyPem).toBe("");
    expect(created.hasPrivateKey).toBe(false);
    expect(Object.keys(created.msp as object).filter((p) => p.startsWith("keystore/"))).toEqual([]);
    expect(created.gatewayIdentity).toBeNull();
    expect(publicKeyOf(created.certificatePem as string)).toBe(publicKeyOf(first.keyPem));
    // openssl agrees: the certificate's key is the one whose CSR was given.
    const certFile = join(scratch, "cert.pem");
    execFileSync("sh", ["-c", `cat > ${certFile}`], { input: created.certificatePem as string });
    const fromCert = execFileSync("openssl", ["x509", "-in", certFile, "-noout", "-pubkey"], {
      encoding: "utf8",
    });
    expect(fromCert).toBe(publicKeyOf(first.keyPem));

    // Renewal due: a window longer than the certificate's life; the preview says what happens.
    await ctx.stack.setAllConfig(fabric(first.csrPem, { renewBefore: "87600h" }));
    const preview = await ctx.stack.preview(opts);
    printed.push(preview.stderr);
    expect(preview.changeSummary.update).toBe(1);
    expect(said(preview)).toMatch(
      /reset the identity's secret and enroll certificateSigningRequestPem \(new certificate, the CSR's key kept/,
    );
    printed.push((await ctx.stack.up(opts)).stderr);
    const renewed = await result();
    expect(renewed.serialNumber).not.toBe(created.serialNumber);
    expect(publicKeyOf(renewed.certificatePem as string)).toBe(publicKeyOf(first.keyPem));

    await ctx.stack.setAllConfig(fabric(first.csrPem, { attributes: { role: "auditor" } }));
    printed.push((await ctx.stack.up(opts)).stderr);
    const reattributed = await result();
    expect(reattributed.serialNumber).not.toBe(renewed.serialNumber);
    // Fabric CA's attribute extension (OID 1.2.3.4.5.6.7.8.1) holds JSON.
    expect(new X509Certificate(reattributed.certificatePem as string).raw.toString("latin1")).toContain(
      '"role":"auditor"',
    );
    expect(reattributed.privateKeyPem).toBe("");

    const second = userCsr("csrfab01");
    await ctx.stack.setAllConfig(fabric(second.csrPem, { attributes: { role: "auditor" } }));
    const rotation = await ctx.stack.preview(opts);
    printed.push(rotation.stderr);
    expect(rotation.changeSummary.update).toBe(1);
    expect(rotation.changeSummary.replace ?? 0).toBe(0);
    expect(said(rotation)).toMatch(
      /certificateSigningRequestPem changed \(a new key\).*key rotated to the new CSR's/,
    );
    printed.push((await ctx.stack.up(opts)).stderr);
    const rotated = await result();
    expect(publicKeyOf(rotated.certificatePem as string)).toBe(publicKeyOf(second.keyPem));
    expect(rotated.hasPrivateKey).toBe(false);

    printed.push((await ctx.stack.destroy(opts)).stderr);
    exports.push(ctx.cli(["stack", "export", "--show-secrets"]));
  });

  it("finds no private key in the state, the event log, the printed output or the outputs", () => {
    expect(keys.size).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeGreaterThan(20);
    expect(exports.join("\n")).toContain("CERTIFICATE REQUEST");
    expect(
      secretHits(keys, {
        "state export": exports.join("\n"),
        "event log": JSON.stringify(events),
        "printed output": printed.join(""),
        outputs: outputs.join("\n"),
      }),
    ).toEqual([]);
  });
});
