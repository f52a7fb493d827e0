import { createOrgCa, issueUserCertificate, type KeyedCertificate } from "../../../emulator/pki";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { enrolledFabricCaCli, type FabricCaCli } from "../../support/fabricCaCli";
import { fabricCaProxy, type FabricCaProxy } from "../../support/fabricCaProxy";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import { fabricCertificatesConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

interface StoredResource {
  type: string;
  urn: string;
  outputs?: { serialNumber?: string; status?: string };
}

const REFUSED =
  /Nothing of it was kept, and the certificate it would have replaced was neither changed nor revoked/;

/**
 * `pulumi up` against a hostile Fabric CA: a server between the provider and a real fabric-ca-server,
 * which really issues each certificate, answers enrollments with a certificate for another CN, for
 * another key than the CSR's, or signed by a CA that is not in the chain it sends. Each is refused on
 * the path the user takes (enroll at create, re-enroll at update), nothing is stored, nothing revoked.
 */
describe("hostile answers to Fabric CA enrollments, through the real Pulumi engine", () => {
  let ca: RunningFabricCa;
  let cli: FabricCaCli;
  let hostile: HostileServer;
  let proxy: FabricCaProxy;
  let rogue: KeyedCertificate;
  let ctx: E2eContext;
  const printed: string[] = [];
  const log = (s: string) => printed.push(s);
  const fabricResources = async () =>
    ((await ctx.stack.exportStack()).deployment.resources ?? []).filter((r: StoredResource) =>
      r.type.endsWith("FabricCaUserCertificate"),
    ) as StoredResource[];
  const user = (enrollmentId: string, over: Record<string, unknown> = {}) => ({
    caUrl: hostile.url,
    enrollmentId,
    affiliation: "org1",
    ...over,
  });
  const upError = () =>
    ctx.stack.up({ onOutput: log }).then(
      () => "up succeeded",
      (e: Error) => String(e),
    );

  beforeAll(async () => {
    ca = await startFabricCaServer();
    cli = enrolledFabricCaCli(ca);
    proxy = fabricCaProxy(ca.url, ca.bootstrap.id);
    hostile = await startHostileServer(proxy.handler);
    rogue = await createOrgCa("rogue", "org1", new Date());
    ctx = await startE2e("hostile-fabric", {
      "bcs:fabricCaUrl": { value: hostile.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await hostile?.close();
    await ca?.stop();
  });

  it("an enrollment answered with another CN (the registrar's own certificate): up stores nothing", async () => {
    proxy.enroll = (answer) => ({ ...answer, certificatePem: proxy.registrarCertificatePem! });
    await ctx.stack.setAllConfig(fabricCertificatesConfig({ wrongcn: user("wrongcn01") }));
    const error = await upError();
    expect(error).toMatch(
      /enrollment of wrongcn01 was refused: the CA's answer is a certificate of another subject \(.*CN=admin\), not CN=wrongcn01/,
    );
    expect(error).toMatch(REFUSED);
    expect(await fabricResources()).toEqual([]);
  });

  it("an enrollment answered with a certificate the chain it came with did not sign: up stores nothing", async () => {
    proxy.enroll = (answer) => ({ ...answer, caChainPem: rogue.certificatePem });
    await ctx.stack.setAllConfig(fabricCertificatesConfig({ wrongca: user("wrongca01") }));
    const error = await upError();
    expect(error).toMatch(
      /enrollment of wrongca01 was refused: the CA's answer is a certificate not signed by the CA's chain/,
    );
    expect(await fabricResources()).toEqual([]);
  });

  it("a re-enrollment with keyPolicy reuse answered for another key: refused, the good certificate kept and not revoked", async () => {
    proxy.enroll = undefined;
    const kept = (role: string) =>
      fabricCertificatesConfig({ kept: user("keptkey01", { keyPolicy: "reuse", attributes: { role } }) });
    await ctx.stack.setAllConfig(kept("reader"));
    await ctx.stack.up({ onOutput: log });
    const [before] = await fabricResources();
    const serial = before.outputs!.serialNumber!;

    // Another key, the right CN, and a chain that did sign it: only the key rule can refuse it.
    proxy.reenroll = async () => {
      const stranger = await issueUserCertificate(rogue, "keptkey01", "org1", new Date());
      return { certificatePem: stranger.certificatePem, caChainPem: rogue.certificatePem };
    };
    await ctx.stack.setAllConfig(kept("writer"));
    const error = await upError();
    expect(error).toMatch(
      /enrollment of keptkey01 was refused: the CA's answer is a certificate for another key than the one whose request was sent/,
    );
    expect(error).toMatch(REFUSED);
    const [after] = await fabricResources();
    expect(after.outputs).toMatchObject({ serialNumber: serial, status: "valid" });
    const valid = cli.run(["certificate", "list", "--id", "keptkey01", "--notrevoked"]);
    expect(valid).toContain(serial.toLowerCase().replace(/^0+/, ""));
  });

  it("printed no registrar secret and no key", () => {
    const text = printed.join("");
    expect(text).not.toContain(ca.bootstrap.secret);
    expect(text).not.toMatch(/BEGIN PRIVATE KEY/);
  });
});
