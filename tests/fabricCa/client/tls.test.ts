import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TransportError } from "../../../provider/http/transport";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { clientFor, openssl, registerAndEnroll, startCa, type CaContext } from "../helpers";

describe("FabricCaClient over TLS with a private CA", () => {
  let ctx: CaContext;
  beforeAll(async () => {
    ctx = await startCa({ tls: true, bootstrap: { id: "tlsadmin", secret: "tls-bootstrap-pw" } });
  }, 600000);
  afterAll(() => ctx?.close());

  it("enrolls, registers and lists over https when given the CA bundle", async () => {
    expect(ctx.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ctx.admin.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const user = await registerAndEnroll(ctx);
    const ids = (await ctx.client.listIdentities(ctx.admin)).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(["tlsadmin", user.id]));
  });

  it("also reaches the server as localhost", async () => {
    const byName = clientFor(ctx.server, { url: ctx.server.url.replace("127.0.0.1", "localhost") });
    await expect(byName.cainfo()).resolves.toMatchObject({ version: "1.5.15" });
  });

  it("fails with a certificate error without the bundle", async () => {
    const untrusting = new FabricCaClient({ url: ctx.server.url, timeoutMs: 5000 });
    const err = await untrusting.cainfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toContain(`GET ${ctx.server.url}/api/v1/cainfo`);
    expect((err as Error).message).toMatch(/certificate/i);
  });

  it("fails when the bundle is another CA's", async () => {
    const key = join(ctx.scratch, "other.key");
    const cert = join(ctx.scratch, "other.pem");
    openssl(
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=other CA",
      ].concat(["-days", "1", "-keyout", key, "-out", cert]),
    );
    const wrongBundle = new FabricCaClient({
      url: ctx.server.url,
      caPem: readFileSync(cert, "utf8"),
      timeoutMs: 5000,
    });
    const err = await wrongBundle.cainfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/certificate/i);
  });
});
