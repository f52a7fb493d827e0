import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { startHostileServer, type HostileServer } from "../../support/hostileServer";
import { fabricCertificatesConfig, lookupsConfig, startE2e, type E2eContext } from "../../e2e/harness";

jest.setTimeout(10 * 60 * 1000);

const NOT_BOUND =
  /is not a CA the registrar may be used at: bcs:fabricCaUrl \(BCS_FABRIC_CA_URL\) names http:\/\/127\.0\.0\.1:\d+\. Nothing was sent to it/;

/**
 * The registrar belongs to the CA that bcs:fabricCaUrl names: a resource or a lookup naming another CA
 * (a typo, a pasted URL) fails with the setting's name, and that CA, a server that records what it
 * receives, gets nothing, with an id-and-secret registrar or a certificate-and-key one.
 */
describe("the registrar goes only to the CAs bcs:fabricCaUrl names, through the real Pulumi engine", () => {
  let ca: RunningFabricCa;
  let elsewhere: HostileServer;
  let ctx: E2eContext;
  const idAndSecret = () => ({
    "bcs:fabricCaUrl": { value: ca.url },
    "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
    "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
  });
  const failure = (run: Promise<unknown>) =>
    run.then(
      () => "succeeded",
      (e: Error) => String(e),
    );

  beforeAll(async () => {
    ca = await startFabricCaServer();
    elsewhere = await startHostileServer();
    ctx = await startE2e("registrar-binding", idAndSecret());
  });
  afterAll(async () => {
    await ctx?.close();
    await elsewhere?.close();
    await ca?.stop();
  });

  it("a resource naming another CA fails at preview and at up; the other CA gets nothing", async () => {
    await ctx.stack.setAllConfig(
      fabricCertificatesConfig({
        typo: { caUrl: elsewhere.url, enrollmentId: "typo01", affiliation: "org1" },
      }),
    );
    expect(await failure(ctx.stack.preview())).toMatch(NOT_BOUND);
    expect(await failure(ctx.stack.up())).toMatch(NOT_BOUND);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a lookup naming another CA fails its preview; the other CA gets nothing", async () => {
    await ctx.stack.setAllConfig({
      ...fabricCertificatesConfig({}),
      ...lookupsConfig({ stray: { fabricCa: { url: elsewhere.url } } }),
    });
    const error = await failure(ctx.stack.preview());
    expect(error).toMatch(NOT_BOUND);
    expect(error).toContain(`getCaIdentities: fabricCa.url ${elsewhere.url} is not a CA`);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a certificate-and-key registrar: the same refusal, and its own CA still answers", async () => {
    const request = newEnrollmentRequest(ca.bootstrap.id);
    const enrolled = await new FabricCaClient({ url: ca.url }).enroll(
      ca.bootstrap.id,
      ca.bootstrap.secret,
      request.csrPem,
    );
    await ctx.stack.removeAllConfig(["bcs:fabricCaRegistrarId", "bcs:fabricCaRegistrarSecret"]);
    await ctx.stack.setAllConfig({
      "bcs:fabricCaRegistrarCertificate": { value: enrolled.certificatePem },
      "bcs:fabricCaRegistrarKey": { value: request.privateKeyPem, secret: true },
      ...lookupsConfig({ stray: { fabricCa: { url: elsewhere.url } } }),
    });
    expect(await failure(ctx.stack.preview())).toMatch(NOT_BOUND);
    expect(elsewhere.requests).toEqual([]);

    await ctx.stack.setAllConfig(lookupsConfig({ own: { fabricCa: { url: ca.url } } }));
    await ctx.stack.up();
    const { identities } = (await ctx.stack.outputs()).results.value.own as {
      identities: { identityName: string }[];
    };
    expect(identities.map((i) => i.identityName)).toContain(ca.bootstrap.id);
  });
});
