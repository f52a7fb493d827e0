import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import type { EngineEvent, OutputMap } from "@pulumi/pulumi/automation";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { fabricCertificatesConfig, startE2e, type E2eContext } from "../../e2e/harness";
import { secretHits } from "../../support/secretHits";

jest.setTimeout(10 * 60 * 1000);

/** A peer's enrollment and TLS identities side by side, through the real engine (issue 24, point 1). */

interface TlsResult {
  id: string;
  serialNumber: string;
  certificatePem: string;
  privateKeyPem: string;
  msp: Record<string, string>;
  enrollmentProfile: string | null;
  hosts: string[];
  tls: Record<string, string> | null;
  caNotAfter: string;
  caExpiresInDays: number;
}

const results = (o: OutputMap) => o.results.value as Record<string, TlsResult>;

function opensslText(pem: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tls-e2e-"));
  writeFileSync(join(dir, "c.pem"), pem);
  return execFileSync("openssl", ["x509", "-in", join(dir, "c.pem"), "-noout", "-text"], {
    encoding: "utf8",
  });
}

async function handshake(folder: Record<string, string>, servername: string): Promise<string> {
  const server = tls.createServer({ cert: folder["server.crt"], key: folder["server.key"] }, (s) =>
    s.end("ok"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: "127.0.0.1", port, ca: folder["ca.crt"], servername }, () => {
        socket.end();
        resolve("accepted");
      });
      socket.once("error", (err: NodeJS.ErrnoException) => resolve(`refused: ${err.code ?? err.message}`));
    });
  } finally {
    server.close();
  }
}

describe("a peer's enrollment and TLS certificates through the real engine and fabric-ca-server", () => {
  let ca: RunningFabricCa;
  let ctx: E2eContext;
  const log = () => undefined;

  const peer = (hosts: string[]) =>
    fabricCertificatesConfig({
      "peer0-enrollment": { caUrl: ca.url, enrollmentId: "peer0", identityType: "peer", affiliation: "org1" },
      "peer0-tls": {
        caUrl: ca.url,
        enrollmentId: "peer0tls",
        identityType: "peer",
        affiliation: "org1",
        enrollmentProfile: "tls",
        hosts,
        keyPolicy: "reuse",
      },
    });

  beforeAll(async () => {
    ca = await startFabricCaServer();
    ctx = await startE2e("fabrictls", {
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      ...peer(["peer0.org1.example.com", "127.0.0.1"]),
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await ca?.stop();
  });

  it("up enrolls both; the TLS one has the SANs and TLS usages and serves TLS for its host only", async () => {
    const printed: string[] = [];
    const events: EngineEvent[] = [];
    const up = await ctx.stack.up({ onOutput: (t) => printed.push(t), onEvent: (e) => events.push(e) });
    expect(up.summary.resourceChanges?.create).toBe(3); // the stack and the two certificates
    const { "peer0-enrollment": ecert, "peer0-tls": tlsCert } = results(up.outputs);
    expect(ecert!.tls).toBeNull();
    expect(ecert!.enrollmentProfile).toBeNull();
    expect(opensslText(ecert!.certificatePem)).not.toMatch(/TLS Web Server Authentication/);
    const text = opensslText(tlsCert!.certificatePem);
    expect(text).toMatch(/DNS:peer0\.org1\.example\.com/);
    expect(text).toMatch(/IP Address:127\.0\.0\.1/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(Object.keys(tlsCert!.msp).some((k) => k.startsWith("tlscacerts/"))).toBe(true);
    expect(tlsCert!.caExpiresInDays).toBeGreaterThan(5000);
    expect(await handshake(tlsCert!.tls!, "peer0.org1.example.com")).toBe("accepted");
    expect(await handshake(tlsCert!.tls!, "peer1.org1.example.com")).toBe(
      "refused: ERR_TLS_CERT_ALTNAME_INVALID",
    );
    // The TLS key (tls["server.key"]) is a secret like privateKeyPem: in plain text in neither the state,
    // the event log nor what up printed.
    const keyLine = tlsCert!.tls!["server.key"].split("\n")[1];
    expect(keyLine).toMatch(/^[A-Za-z0-9+/]{40,}/);
    const state = ctx.cli(["stack", "export"]);
    const haystacks = {
      "state export": state,
      "event log": JSON.stringify(events),
      "printed output": printed.join(""),
    };
    expect(secretHits(new Map([["the TLS key", keyLine]]), haystacks)).toEqual([]);
  });

  it("a change of hosts previews as an update that re-enrolls, keeps the key, and a second preview is empty", async () => {
    const before = results(await ctx.stack.outputs())["peer0-tls"]!;
    await ctx.stack.setAllConfig(peer(["peer0.org1.example.com", "peer0.internal"]));
    const preview = await ctx.stack.preview({ diff: true, onOutput: log });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stderr).toMatch(
      /peer0tls: hosts changed to peer0\.org1\.example\.com, peer0\.internal: re-enroll the same identity \(new certificate, key reused\)/,
    );
    await ctx.stack.up({ onOutput: log });
    const after = results(await ctx.stack.outputs())["peer0-tls"]!;
    expect(after.id).toBe(before.id);
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(after.privateKeyPem).toBe(before.privateKeyPem);
    expect(opensslText(after.certificatePem)).toMatch(/DNS:peer0\.internal/);
    expect(await handshake(after.tls!, "peer0.internal")).toBe("accepted");
    const again = await ctx.stack.preview({ expectNoChanges: true, onOutput: log });
    expect(again.changeSummary.same).toBe(3);
  });

  it("hosts without the tls profile fails at preview naming the field", async () => {
    await ctx.stack.setAllConfig(
      fabricCertificatesConfig({
        "peer0-enrollment": {
          caUrl: ca.url,
          enrollmentId: "peer0",
          identityType: "peer",
          affiliation: "org1",
          hosts: ["peer0.org1.example.com"],
        },
      }),
    );
    const error = (await ctx.stack.preview({ onOutput: log }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/hosts requires enrollmentProfile: "tls"/);
  });
});
