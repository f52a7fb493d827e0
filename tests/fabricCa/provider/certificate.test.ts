import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
} from "../../../provider/fabricCa/certificateProvider";
import { lookupCaIdentities } from "../../../provider/lookups/caIdentities";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

let ca: RunningFabricCa;
beforeAll(async () => {
  ca = await startFabricCaServer();
});
afterAll(async () => ca?.stop());

const registrarConfig = () => ({
  "bcs:fabricCaUrl": ca.url,
  "bcs:fabricCaRegistrarId": ca.bootstrap.id,
  "bcs:fabricCaRegistrarSecret": ca.bootstrap.secret,
});

function provider(config: Record<string, string> = registrarConfig()): FabricCaCertificateProvider {
  const p = new FabricCaCertificateProvider({});
  p.configureFrom((key) => config[key]);
  return p;
}

const inputs = (over: Partial<FabricCaCertificateInputs> = {}): FabricCaCertificateInputs => ({
  caUrl: ca.url,
  enrollmentId: "fabuser01",
  identityType: "client",
  affiliation: "org1.department1",
  ...over,
});

function openssl(args: string[], files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "openssl-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return execFileSync(
    "openssl",
    args.map((a) => (a in files ? join(dir, a) : a)),
    { encoding: "utf8" },
  );
}

describe("check", () => {
  const p = provider({ "bcs:fabricCaUrl": "https://ca.example.com:7054" });
  it.each([
    [{ enrollmentId: "a".repeat(65) }, "enrollmentId", "1 to 64 characters"],
    [{ enrollmentId: "bad:id" }, "enrollmentId", "without ':'"],
    [{ enrollmentId: "../x" }, "enrollmentId", "without ':', '/'"],
    [{ identityType: "root" as never }, "identityType", "client, peer, orderer, admin"],
    [{ affiliation: "org1..x" }, "affiliation", "dot-separated"],
    [{ attributes: { "hf.Revoker": "true" } }, "attributes", "reserved"],
    [{ maxEnrollments: 0 }, "maxEnrollments", "-1 (unlimited) or a positive"],
    [{ caUrl: "http://ca.example.com:7054" }, "caUrl", "must use https"],
    [{ caUrl: "https://admin:pw@ca.example.com" }, "caUrl", "must not carry credentials"],
    [{ revocationReason: "oops" as never }, "revocationReason", "keycompromise"],
    [{ frozen: true } as never, "frozen", "not supported on Fabric CA"],
  ])("refuses %j naming %s", async (over, property, rule) => {
    const { failures } = await p.check({}, { ...inputs(), caUrl: "https://ca.example.com:7054", ...over });
    // check names the field in the reason, not as a property path (see forEngine in provider/common/validation.ts)
    expect(failures).toEqual([{ property: "", reason: expect.stringContaining(rule) }]);
    expect(failures![0].reason.startsWith(property)).toBe(true);
  });
});

describe("against a real fabric-ca-server", () => {
  let created: FabricCaCertificateOutputs;
  let id: string;

  it("registers and enrolls; the certificate chains to the CA and the real client lists the identity", async () => {
    const p = provider();
    const result = await p.create(inputs({ attributes: { role: "auditor" }, maxEnrollments: 5 }));
    created = result.outs!;
    id = result.id;
    expect(created.subject).toMatch(/^CN=fabuser01,/);
    expect(created.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(
      openssl(["verify", "-CAfile", "ca.pem", "cert.pem"], {
        "ca.pem": ca.caCertPem,
        "cert.pem": created.certificatePem,
      }),
    ).toContain("OK");
    const text = openssl(["x509", "-in", "cert.pem", "-noout", "-text"], {
      "cert.pem": created.certificatePem,
    });
    expect(text).toContain('"role":"auditor"');
    const home = mkdtempSync(join(tmpdir(), "fabric-client-"));
    const url = new URL(ca.url);
    const client = join(ca.bin, "fabric-ca-client");
    execFileSync(
      client,
      ["enroll", "-H", home, "-u", `http://${ca.bootstrap.id}:${ca.bootstrap.secret}@${url.host}`],
      { stdio: "ignore" },
    );
    const listed = execFileSync(client, ["identity", "list", "-H", home, "-u", ca.url], { encoding: "utf8" });
    expect(listed).toMatch(
      /Name: fabuser01, Type: client, Affiliation: org1\.department1, Max Enrollments: 5/,
    );
  });

  it("re-enrolls the same identity when attributes change, revoking the old certificate", async () => {
    const p = provider();
    const news = inputs({ attributes: { role: "operator" }, maxEnrollments: 5 });
    expect(await p.diff(id, created, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const { outs } = await p.update(id, created, news);
    expect(outs!.serialNumber).not.toBe(created.serialNumber);
    expect(outs!.privateKeyPem).not.toBe(created.privateKeyPem);
    expect(openssl(["x509", "-in", "c.pem", "-noout", "-text"], { "c.pem": outs!.certificatePem })).toContain(
      '"role":"operator"',
    );
    created = outs!;
  });

  it("replaces on a type change", async () => {
    expect(
      (
        await provider().diff(
          id,
          created,
          inputs({ identityType: "peer", attributes: { role: "operator" }, maxEnrollments: 5 }),
        )
      ).replaces,
    ).toEqual(["identityType"]);
  });

  it("destroy revokes; the CA's CRL lists the serial", async () => {
    const p = provider();
    await p.delete(id, created);
    await p.delete(id, created); // a second revoke of the same certificate is not an error
    const home = mkdtempSync(join(tmpdir(), "fabric-client-"));
    const url = new URL(ca.url);
    const client = join(ca.bin, "fabric-ca-client");
    execFileSync(
      client,
      ["enroll", "-H", home, "-u", `http://${ca.bootstrap.id}:${ca.bootstrap.secret}@${url.host}`],
      { stdio: "ignore" },
    );
    execFileSync(client, ["gencrl", "-H", home, "-u", ca.url], { stdio: "ignore" });
    const crl = execFileSync("openssl", ["crl", "-in", join(home, "msp/crls/crl.pem"), "-noout", "-text"], {
      encoding: "utf8",
    });
    expect(crl.toUpperCase()).toContain(created.serialNumber.replace(/^0+/, ""));
  });

  it("takes over an identity left registered by an earlier failed run, without a duplicate", async () => {
    const p = provider();
    const first = await p.create(inputs({ enrollmentId: "takeover01" }));
    const again = await p.create(inputs({ enrollmentId: "takeover01" }));
    expect(again.outs!.serialNumber).not.toBe(first.outs!.serialNumber);
    const ids = await lookupCaIdentities(
      { fabricCa: { url: ca.url } },
      (k) => registrarConfig()[k as keyof ReturnType<typeof registrarConfig>],
      {},
    );
    expect(ids.identities.filter((i) => i.identityName === "takeover01")).toHaveLength(1);
  });

  it("refuses an identity registered with another type", async () => {
    const p = provider();
    await p.create(inputs({ enrollmentId: "typed01", identityType: "peer" }));
    await expect(p.create(inputs({ enrollmentId: "typed01", identityType: "client" }))).rejects.toThrow(
      /already has an identity "typed01" with type peer, not client/,
    );
  });

  it("reports an unknown affiliation as the CA's authorization failure", async () => {
    await expect(provider().create(inputs({ enrollmentId: "noaff01", affiliation: "org9" }))).rejects.toThrow(
      /403 71/,
    );
  });

  it("reports a wrong registrar secret without printing it", async () => {
    const error = (await provider({
      "bcs:fabricCaUrl": ca.url,
      "bcs:fabricCaRegistrarId": "admin",
      "bcs:fabricCaRegistrarSecret": "not-the-secret-9",
    })
      .create(inputs({ enrollmentId: "nobody01" }))
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/401 20/);
    expect(error.message).not.toContain("not-the-secret-9");
  });

  it.each([
    ["reuse", true],
    ["rotate", false],
  ] as const)("renews by re-enrolling inside renewBefore, keyPolicy %s", async (keyPolicy, sameKey) => {
    const args = inputs({ enrollmentId: `renew${keyPolicy}`, renewBefore: "30d", keyPolicy });
    const { id, outs } = await provider().create(args);
    const later = new FabricCaCertificateProvider({
      PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) - 9 * 86_400_000).toISOString(),
    });
    later.configureFrom((key) => registrarConfig()[key as keyof ReturnType<typeof registrarConfig>]);
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await later.diff(id, outs!, args)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining(`expires in 9 days, renewBefore 30d: re-enroll`),
    );
    log.mockRestore();
    const renewed = (await later.update(id, outs!, args)).outs!;
    expect(renewed.serialNumber).not.toBe(outs!.serialNumber);
    const publicKey = (pem: string) =>
      new X509Certificate(pem).publicKey.export({ type: "spki", format: "pem" });
    expect(publicKey(renewed.certificatePem) === publicKey(outs!.certificatePem)).toBe(sameKey);
    expect((await provider().diff(id, outs!, args)).changes).toBe(false);
  });

  it("uses a given registrar certificate and key instead of enrolling one", async () => {
    const request = newEnrollmentRequest(ca.bootstrap.id);
    const enrolled = await new FabricCaClient({ url: ca.url }).enroll(
      ca.bootstrap.id,
      ca.bootstrap.secret,
      request.csrPem,
    );
    const p = provider({
      "bcs:fabricCaUrl": ca.url,
      "bcs:fabricCaRegistrarCertificate": enrolled.certificatePem,
      "bcs:fabricCaRegistrarKey": request.privateKeyPem,
    });
    const { outs } = await p.create(inputs({ enrollmentId: "bykey01" }));
    expect(outs!.subject).toMatch(/^CN=bykey01,/);
  });

  it("reports a server that is down with its URL", async () => {
    await expect(
      provider({ ...registrarConfig(), "bcs:fabricCaUrl": "http://127.0.0.1:9" }).create(
        inputs({ caUrl: "http://127.0.0.1:9", enrollmentId: "down01" }),
      ),
    ).rejects.toThrow(/127\.0\.0\.1:9/);
  });

  it("lists identities with NAVER's shape, types mapped and filtered, with expiry dates", async () => {
    const read = (k: string) => registrarConfig()[k as keyof ReturnType<typeof registrarConfig>];
    const { identities: all } = await lookupCaIdentities({ fabricCa: { url: ca.url } }, read, {});
    const peer = all.find((i) => i.identityName === "typed01")!;
    expect(peer).toMatchObject({ identityType: "PEER", sourceType: "peer", networkId: null, caId: "" });
    expect(peer.expireDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(peer.daysLeft).toBeGreaterThan(360);
    const { identities: clients } = await lookupCaIdentities(
      { fabricCa: { url: ca.url }, identityType: "CLIENT" },
      read,
      {},
    );
    expect(clients.map((i) => i.identityName)).toEqual(expect.arrayContaining(["admin", "takeover01"]));
    expect(clients.every((i) => i.identityType === "CLIENT")).toBe(true);
  });
});
