import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime";
import { BcsPackageProvider } from "../../../package/provider";
import { routeNotices } from "../../../provider/common/notice";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
} from "../../../provider/fabricCa/certificateProvider";
import { fabricCaCertificateModel } from "../../../provider/fabricCa/model";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

/** TLS identities (issue 24, point 1) against a real fabric-ca-server and its `tls` signing profile. */

let ca: RunningFabricCa;
beforeAll(async () => {
  ca = await startFabricCaServer();
});
afterAll(async () => ca?.stop());

const notices: string[] = [];
beforeEach(() => {
  notices.length = 0;
  routeNotices((line) => notices.push(line));
});
afterEach(() => routeNotices(undefined));

function provider(at: RunningFabricCa): FabricCaCertificateProvider {
  const config: Record<string, string> = {
    "bcs:fabricCaUrl": at.url,
    "bcs:fabricCaRegistrarId": at.bootstrap.id,
    "bcs:fabricCaRegistrarSecret": at.bootstrap.secret,
    "bcs:allowInsecureHttp": "true",
  };
  const p = new FabricCaCertificateProvider({});
  p.configureFrom((key) => config[key]);
  return p;
}

const HOSTS = ["peer0.org1.example.com", "localhost", "127.0.0.1"];
const tlsInputs = (over: Partial<FabricCaCertificateInputs> = {}): FabricCaCertificateInputs => ({
  caUrl: ca.url,
  enrollmentId: "peer0-tls",
  identityType: "peer",
  enrollmentProfile: "tls",
  hosts: HOSTS,
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

/** A self-signed CA certificate that issued nothing here. */
function otherCa(): string {
  const dir = mkdtempSync(join(tmpdir(), "other-ca-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      "/CN=other",
      "-days",
      "1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  return readFileSync(join(dir, "cert.pem"), "utf8");
}

const derived = (outs: FabricCaCertificateOutputs) => fabricCaCertificateModel.derive(outs);

/** Whether a client trusting only `caPem` completes a handshake with a server holding `cert`/`key`, for `servername`. */
async function handshake(
  certPem: string,
  keyPem: string,
  caPem: string,
  servername: string,
): Promise<string> {
  const server = tls.createServer({ cert: certPem, key: keyPem }, (socket) => socket.end("hello"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: "127.0.0.1", port, ca: caPem, servername }, () => {
        socket.once("data", (d) => {
          socket.end();
          resolve(`accepted: ${d.toString()}`);
        });
      });
      socket.once("error", (err: NodeJS.ErrnoException) => resolve(`refused: ${err.code ?? err.message}`));
    });
  } finally {
    server.close();
  }
}

describe("check", () => {
  const p = () => provider(ca);
  it.each([
    [{ enrollmentProfile: undefined }, 'hosts requires enrollmentProfile: "tls"'],
    [{ enrollmentProfile: "ca" as never }, 'enrollmentProfile must be "tls"'],
    [{ hosts: ["peer0.example.com", "bad host"] }, 'hosts[1] "bad host" is neither a DNS name'],
    [{ hosts: ["999.1.1.1"] }, 'hosts[0] "999.1.1.1" looks like an IPv4 address'],
    [{ hosts: ["a.example.com", "A.example.com"] }, "is listed twice"],
    [{ hosts: "peer0.example.com" as never }, "hosts must be a list"],
    [{ hosts: [] }, "hosts must name at least one host"],
  ])("refuses %j at preview, naming the field", async (over, reason) => {
    const { failures } = await p().check({}, tlsInputs(over));
    expect(failures?.map((f) => f.reason).join("\n")).toContain(reason);
  });

  it("accepts a TLS identity with DNS names, IPv4, IPv6 and a wildcard, and a TLS client without hosts", async () => {
    const hosts = ["peer0.org1.example.com", "*.org1.example.com", "10.0.0.7", "::1"];
    expect((await p().check({}, tlsInputs({ hosts }))).failures).toEqual([]);
    expect((await p().check({}, tlsInputs({ hosts: undefined }))).failures).toEqual([]);
  });
});

describe("a TLS certificate from the tls profile", () => {
  let outs: FabricCaCertificateOutputs;
  beforeAll(async () => {
    const p = provider(ca);
    const inputs = (await p.check({}, tlsInputs())).inputs as FabricCaCertificateInputs;
    outs = (await p.create(inputs)).outs as FabricCaCertificateOutputs;
  });

  it("has the hosts as SANs and the server and client auth usages, chained to the CA", () => {
    const folder = derived(outs).tls!;
    expect(Object.keys(folder).sort()).toEqual(["ca.crt", "server.crt", "server.key"]);
    const text = openssl(["x509", "-in", "server.crt", "-noout", "-text"], folder);
    expect(text).toMatch(/DNS:peer0\.org1\.example\.com/);
    expect(text).toMatch(/DNS:localhost/);
    expect(text).toMatch(/IP Address:127\.0\.0\.1/);
    expect(text).toMatch(/TLS Web Server Authentication/);
    expect(text).toMatch(/TLS Web Client Authentication/);
    expect(openssl(["verify", "-CAfile", "ca.crt", "server.crt"], folder)).toMatch(/server\.crt: OK/);
    expect(outs.enrollmentProfile).toBe("tls");
    expect(outs.hosts).toEqual(HOSTS);
  });

  it("serves TLS to a client that trusts only the CA, for a host in hosts, and not for another name", async () => {
    const folder = derived(outs).tls!;
    const args = [folder["server.crt"]!, folder["server.key"]!, folder["ca.crt"]!] as const;
    expect(await handshake(...args, "peer0.org1.example.com")).toBe("accepted: hello");
    expect(await handshake(...args, "localhost")).toBe("accepted: hello");
    expect(await handshake(...args, "peer1.org1.example.com")).toBe("refused: ERR_TLS_CERT_ALTNAME_INVALID");
    // A client that trusts another CA refuses the same server.
    expect(await handshake(args[0], args[1], otherCa(), "peer0.org1.example.com")).toBe(
      "refused: UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    );
  });

  it("puts the chain under tlscacerts/ in the MSP and tells when the CA expires", () => {
    const d = derived(outs);
    const paths = Object.keys(d.msp);
    expect(paths.some((k) => k.startsWith("tlscacerts/"))).toBe(true);
    expect(paths.some((k) => k.startsWith("cacerts/"))).toBe(false);
    const caCert = new X509Certificate(ca.caCertPem);
    expect(d.caNotAfter).toBe(new Date(caCert.validTo).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(d.caExpiresInDays).toBeGreaterThan(5000); // fabric-ca's default CA lifetime: 15 years
  });

  it("re-enrolls in place when hosts change, says so at preview, and keeps the key with keyPolicy reuse", async () => {
    const p = provider(ca);
    const hosts = ["peer0.org1.example.com", "peer0.internal"];
    const news = (await p.check({}, tlsInputs({ hosts, keyPolicy: "reuse" })))
      .inputs as FabricCaCertificateInputs;
    const diff = await p.diff("id", outs, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    expect(notices.join("\n")).toContain(
      "peer0-tls: hosts changed to peer0.org1.example.com, peer0.internal",
    );
    expect(notices.join("\n")).toContain("key reused");
    const updated = (await p.update("id", outs, news)).outs as FabricCaCertificateOutputs;
    expect(updated.serialNumber).not.toBe(outs.serialNumber);
    expect(updated.privateKeyPem).toBe(outs.privateKeyPem);
    const text = openssl(["x509", "-in", "c.pem", "-noout", "-text"], { "c.pem": updated.certificatePem });
    expect(text).toMatch(/DNS:peer0\.internal/);
    expect(text).not.toMatch(/DNS:localhost/);
    expect(text).toMatch(/TLS Web Server Authentication/);
    expect(updated.hosts).toEqual(hosts);
    // The same hosts in another order are no change.
    const reordered = { ...news, hosts: [...hosts].reverse() };
    expect((await p.diff("id", updated, reordered)).changes).toBe(false);
    await p.delete("id", updated);
  });

  it("replaces the resource when enrollmentProfile is dropped", async () => {
    const p = provider(ca);
    const diff = await p.diff("id", outs, { ...tlsInputs(), enrollmentProfile: undefined, hosts: undefined });
    expect(diff.replaces).toEqual(["enrollmentProfile"]);
  });
});

describe("an enrollment certificate", () => {
  it("has no tls folder, no SANs from hosts and no TLS server usage", async () => {
    const p = provider(ca);
    const outs = (await p.create({ caUrl: ca.url, enrollmentId: "peer0-ecert", identityType: "peer" }))
      .outs as FabricCaCertificateOutputs;
    const d = derived(outs);
    expect(d.tls).toBeNull();
    expect(Object.keys(d.msp).some((k) => k.startsWith("cacerts/"))).toBe(true);
    expect(outs).toMatchObject({ enrollmentProfile: null, hosts: [] });
    const text = openssl(["x509", "-in", "c.pem", "-noout", "-text"], { "c.pem": outs.certificatePem });
    expect(text).not.toMatch(/TLS Web Server Authentication/);
    await p.delete("id", outs);
  });
});

describe("the package face (YAML, Go, Python, Java)", () => {
  it("takes enrollmentProfile and hosts and stores the tls folder, secret, and the CA's expiry", async () => {
    const plugin = new BcsPackageProvider({
      BCS_FABRIC_CA_URL: ca.url,
      BCS_FABRIC_CA_REGISTRAR_ID: ca.bootstrap.id,
      BCS_FABRIC_CA_REGISTRAR_SECRET: ca.bootstrap.secret,
      BCS_ALLOW_INSECURE_HTTP: "true",
    });
    const urn = "urn:pulumi:dev::p::bcs:index:FabricCaUserCertificate::peer0-tls";
    const news = {
      caUrl: ca.url,
      enrollmentId: "pkgpeer0",
      enrollmentProfile: "tls",
      hosts: ["peer0.example.com"],
    };
    const checked = await plugin.check(urn, {}, news);
    expect(checked.failures).toEqual([]);
    const { id, outs } = await plugin.create(urn, checked.inputs);
    expect(outs.tls[specialSigKey]).toBe(specialSecretSig);
    expect(Object.keys(outs.tls.value).sort()).toEqual(["ca.crt", "server.crt", "server.key"]);
    expect(outs.hosts).toEqual(["peer0.example.com"]);
    expect(outs.caExpiresInDays).toBeGreaterThan(5000);
    expect(Date.parse(outs.caNotAfter)).toBe(Date.parse(new X509Certificate(ca.caCertPem).validTo));
    const refused = await plugin.check(
      urn,
      {},
      { caUrl: ca.url, enrollmentId: "pkgpeer1", hosts: ["a.example.com"] },
    );
    expect((refused.failures ?? []).map((f: { reason: string }) => f.reason).join()).toContain(
      'hosts requires enrollmentProfile: "tls"',
    );
    await plugin.delete(id, urn, outs);
  });
});
