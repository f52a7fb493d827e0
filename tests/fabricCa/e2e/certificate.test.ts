import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { enrolledFabricCaCli, type FabricCaCli } from "../../support/fabricCaCli";
import { fabricCertificatesConfig, lookupsConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

interface FabricResult {
  id: string;
  userName: string;
  identityType: string;
  certificatePem: string;
  privateKeyPem: string;
  caCertificatePem: string;
  msp: Record<string, string>;
  serialNumber: string;
  subject: string;
}

const results = (o: OutputMap) => o.results.value as Record<string, unknown>;

describe("FabricCaUserCertificate through the real Pulumi engine and a real fabric-ca-server", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  let cli: FabricCaCli;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);

  const fabricCa = (over: Record<string, unknown> = {}) =>
    fabricCertificatesConfig({
      "peer-admin": {
        caUrl: ca.url,
        enrollmentId: "peeradmin01",
        identityType: "admin",
        affiliation: "org1",
      },
      "app-client": {
        caUrl: ca.url,
        enrollmentId: "appclient01",
        affiliation: "org1.department1",
        attributes: { role: "reader" },
        ...over,
      },
    });

  const fabricClient = (args: string[]) => cli.run(args);

  beforeAll(async () => {
    ca = await startFabricCaServer();
    cli = enrolledFabricCaCli(ca);
    ctx = await startE2e("fabric", {
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      ...fabricCa(),
      ...lookupsConfig({ fabricIdentities: { fabricCa: { url: ca.url } } }),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  it("up registers and enrolls; the real client lists the identities; certificates chain to the CA", async () => {
    const up = await ctx.stack.up({ onOutput: log });
    expect(up.summary.resourceChanges?.create).toBe(3);
    const app = results(up.outputs)["app-client"] as FabricResult;
    expect(app.subject).toMatch(/^CN=appclient01,/);
    const dir = mkdtempSync(join(tmpdir(), "verify-"));
    writeFileSync(join(dir, "ca.pem"), ca.caCertPem);
    writeFileSync(join(dir, "cert.pem"), app.certificatePem);
    expect(
      execFileSync("openssl", ["verify", "-CAfile", join(dir, "ca.pem"), join(dir, "cert.pem")], {
        encoding: "utf8",
      }),
    ).toContain("OK");
    const listed = fabricClient(["identity", "list"]);
    expect(listed).toMatch(/Name: peeradmin01, Type: admin, Affiliation: org1,/);
    expect(listed).toMatch(/Name: appclient01, Type: client, Affiliation: org1\.department1,/);
  });

  it("the identities lookup sees what the program created", async () => {
    // The lookup runs in the program alongside the creates, so the next run is the one that sees them.
    await ctx.stack.up({ onOutput: log });
    const { identities } = results(await ctx.stack.outputs()).fabricIdentities as {
      identities: { identityName: string; identityType: string }[];
    };
    expect(identities.map((i) => i.identityName)).toEqual(
      expect.arrayContaining(["admin", "peeradmin01", "appclient01"]),
    );
    expect(identities.find((i) => i.identityName === "peeradmin01")?.identityType).toBe("ADMIN");
  });

  it("a second preview is empty", async () => {
    const preview = await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    expect(preview.changeSummary.same).toBe(3);
  });

  it("an attribute change previews as an update that re-enrolls, and does that", async () => {
    const before = results(await ctx.stack.outputs())["app-client"] as FabricResult;
    await ctx.stack.setAllConfig(fabricCa({ attributes: { role: "writer" } }));
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.update).toBe(1);
    // The provider's own line (the engine prints provider output on stderr) says what the update does.
    expect(preview.stderr).toMatch(/appclient01: attributes changed: re-enroll the same identity/);
    await ctx.stack.up({ onOutput: log });
    const after = results(await ctx.stack.outputs())["app-client"] as FabricResult;
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(after.id).toBe(before.id);
    expect(fabricClient(["certificate", "list", "--id", "appclient01", "--notrevoked"])).toContain(
      after.serialNumber.toLowerCase().replace(/^0+/, ""),
    );
  });

  it("a type change previews as a replacement", async () => {
    await ctx.stack.setAllConfig(
      fabricCa({ attributes: { role: "writer" }, enrollmentId: "appclient02", identityType: "peer" }),
    );
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.replace).toBe(1);
    await ctx.stack.up({ onOutput: log });
    expect(fabricClient(["identity", "list"])).toMatch(/Name: appclient02, Type: peer,/);
  });

  it("an unknown affiliation fails clearly, and a fixed second up converges without a duplicate", async () => {
    await ctx.stack.setAllConfig(
      fabricCa({ attributes: { role: "writer" }, enrollmentId: "appclient03", affiliation: "org9" }),
    );
    const error = (await ctx.stack.up({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/Fabric CA answered 403 71: Authorization failure/);
    await ctx.stack.setAllConfig(
      fabricCa({
        attributes: { role: "writer" },
        enrollmentId: "appclient03",
        affiliation: "org1.department1",
      }),
    );
    await ctx.stack.up({ onOutput: log });
    const names = fabricClient(["identity", "list"]).match(/Name: appclient03,/g);
    expect(names).toHaveLength(1);
  });

  it("keeps no private key and no registrar secret in the state", async () => {
    const state = ctx.cli(["stack", "export"]);
    const r = results(await ctx.stack.outputs());
    for (const name of ["peer-admin", "app-client"]) {
      const cert = r[name] as FabricResult;
      expect(state).not.toContain(cert.privateKeyPem.split("\n")[1]);
      expect(state).toContain(cert.serialNumber);
    }
    expect(state).not.toContain(ca.bootstrap.secret);
  });

  it("destroy revokes the certificates: the CA's CRL lists them", async () => {
    const r = results(await ctx.stack.outputs());
    const serials = ["peer-admin", "app-client"].map((n) =>
      (r[n] as FabricResult).serialNumber.replace(/^0+/, ""),
    );
    await ctx.stack.destroy({ onOutput: log });
    fabricClient(["gencrl"]);
    const crl = execFileSync(
      "openssl",
      ["crl", "-in", join(cli.home, "msp/crls/crl.pem"), "-noout", "-text"],
      {
        encoding: "utf8",
      },
    ).toUpperCase();
    for (const serial of serials) expect(crl).toContain(serial);
  });

  it("printed no secret", () => {
    const text = printed.join("");
    expect(text).not.toContain(ca.bootstrap.secret);
    expect(text).not.toMatch(/BEGIN PRIVATE KEY/);
  });
});
