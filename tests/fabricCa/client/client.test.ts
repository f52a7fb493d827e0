import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { ApiError } from "../../../provider/http/errors";
import { TransportError } from "../../../provider/http/transport";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { freePort } from "../../../testing/fabricCaServer";
import {
  clientFor,
  enrollAs,
  expectApiError,
  fabricCaClientCli,
  openssl,
  registerAndEnroll,
  scratchFile,
  serialAndAki,
  startCa,
  uniqueId,
  type CaContext,
} from "../helpers";

/** The attribute extension (OID 1.2.3.4.5.6.7.8.1) holds `{"attrs":{…}}` as plain JSON bytes. */
function certAttributes(pem: string): Record<string, string> | undefined {
  const match = /\{"attrs":\{[^}]*\}\}/.exec(Buffer.from(new X509Certificate(pem).raw).toString("latin1"));
  return match ? (JSON.parse(match[0]) as { attrs: Record<string, string> }).attrs : undefined;
}

/** Serials a CRL file lists, lowercase without leading zeros (the form /revoke returns). */
function crlSerials(file: string): string[] {
  const text = openssl(["crl", "-in", file, "-noout", "-text"]);
  return [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1].toLowerCase().replace(/^0+/, ""));
}

describe("FabricCaClient against a real fabric-ca-server", () => {
  let ctx: CaContext;
  beforeAll(async () => {
    ctx = await startCa({ allowRemove: true });
  }, 600000);
  afterAll(() => ctx?.close());

  it("reads the CA info", async () => {
    const info = await ctx.client.cainfo();
    expect(info).toMatchObject({ caName: "", version: "1.5.15" });
    expect(info.caChainPem.trim()).toBe(ctx.server.caCertPem.trim());
    expect(info.issuerRevocationPublicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it("enrolled the bootstrap admin, whose secret the server log does not show", () => {
    const cert = new X509Certificate(ctx.admin.certificatePem);
    expect(cert.subject).toContain("CN=admin");
    expect(ctx.admin.enrollment.caChainPem.trim()).toBe(ctx.server.caCertPem.trim());
    expect(ctx.server.logs()).not.toContain(ctx.server.bootstrap.secret);
  });

  it("registers and enrolls an identity with attributes and a maximum of enrollments", async () => {
    const id = uniqueId("peer");
    const { secret } = await ctx.client.register(ctx.admin, {
      id,
      type: "peer",
      affiliation: "org1.department1",
      maxEnrollments: 2,
      attrs: [
        { name: "app.role", value: "auditor", ecert: true },
        { name: "app.region", value: "eu" },
      ],
    });
    const first = await enrollAs(ctx.client, id, secret);
    const cert = new X509Certificate(first.certificatePem);
    expect(cert.subject).toContain(`CN=${id}`);
    expect(cert.subject).toMatch(/OU=peer/);
    expect(certAttributes(first.certificatePem)).toEqual({
      "app.role": "auditor",
      "hf.Affiliation": "org1.department1",
      "hf.EnrollmentID": id,
      "hf.Type": "peer",
    });
    const second = await enrollAs(ctx.client, id, secret, { attrReqs: [{ name: "app.region" }] });
    expect(certAttributes(second.certificatePem)).toEqual({ "app.region": "eu" });
    // The third enrollment exceeds max_enrollments: the server says only "authentication failure".
    await expectApiError(enrollAs(ctx.client, id, secret), 401, 20);

    expect(await ctx.client.getIdentity(ctx.admin, id)).toEqual({
      id,
      type: "peer",
      affiliation: "org1.department1",
      maxEnrollments: 2,
      attrs: expect.arrayContaining([
        { name: "app.role", value: "auditor", ecert: true },
        { name: "app.region", value: "eu" },
        { name: "hf.EnrollmentID", value: id, ecert: true },
      ]),
    });
  });

  it("issues certificates that verify against the CA chain with openssl", async () => {
    const user = await registerAndEnroll(ctx);
    const chain = scratchFile(ctx, "chain.pem", user.enrollment.caChainPem);
    const leaf = scratchFile(ctx, "leaf.pem", user.certificatePem);
    expect(openssl(["verify", "-CAfile", chain, leaf])).toContain(`${leaf}: OK`);
    const key = scratchFile(ctx, "leaf.key", user.privateKeyPem);
    expect(openssl(["pkey", "-in", key, "-pubout"])).toBe(
      openssl(["x509", "-in", leaf, "-noout", "-pubkey"]),
    );
  });

  it("registers identities the real fabric-ca-client lists", async () => {
    const user = await registerAndEnroll(ctx, { maxEnrollments: 3 });
    const home = join(ctx.scratch, "cli-home");
    const host = new URL(ctx.server.url).host;
    const { id, secret } = ctx.server.bootstrap;
    fabricCaClientCli(ctx.server, home, ["enroll", "-u", `http://${id}:${secret}@${host}`]);
    const listed = fabricCaClientCli(ctx.server, home, ["identity", "list", "-u", `http://${host}`]);
    expect(listed).toMatch(
      new RegExp(`Name: ${user.id}, Type: client, Affiliation: org1, Max Enrollments: 3`),
    );
    // And the other way round: what the CLI registers, the client reads.
    const cliUser = uniqueId("cli");
    fabricCaClientCli(ctx.server, home, [
      "register",
      "-u",
      `http://${host}`,
      "--id.name",
      cliUser,
      "--id.type",
      "orderer",
    ]);
    expect(await ctx.client.getIdentity(ctx.admin, cliUser)).toMatchObject({ id: cliUser, type: "orderer" });
  });

  it("lists, modifies and removes identities", async () => {
    const user = await registerAndEnroll(ctx);
    expect((await ctx.client.listIdentities(ctx.admin)).map((i) => i.id)).toEqual(
      expect.arrayContaining(["admin", user.id]),
    );
    const changed = await ctx.client.modifyIdentity(ctx.admin, user.id, {
      affiliation: "org2",
      attrs: [{ name: "team", value: "blue" }],
    });
    expect(changed).toMatchObject({ id: user.id, affiliation: "org2" });
    expect(changed.attrs).toContainEqual({ name: "team", value: "blue" });
    const removed = await ctx.client.removeIdentity(ctx.admin, user.id);
    expect(removed.id).toBe(user.id);
    expect(await ctx.client.getIdentity(ctx.admin, user.id)).toBeUndefined();
  });

  it("reenrolls with the identity's own token, without using up an enrollment", async () => {
    const user = await registerAndEnroll(ctx, { maxEnrollments: 1 });
    const next = newEnrollmentRequest(user.id);
    const renewed = await ctx.client.reenroll(user, next.csrPem);
    expect(renewed.certificatePem).not.toBe(user.certificatePem);
    expect(new X509Certificate(renewed.certificatePem).checkPrivateKey(next.privateKey)).toBe(true);
  });

  it("finds an identity's certificates", async () => {
    const user = await registerAndEnroll(ctx, { maxEnrollments: 2 });
    const again = await enrollAs(ctx.client, user.id, user.secret);
    const certs = await ctx.client.certificates(ctx.admin, { id: user.id });
    expect(certs.sort()).toEqual([user.certificatePem, again.certificatePem].sort());
  });

  it("revokes a certificate and returns a CRL that lists it", async () => {
    const user = await registerAndEnroll(ctx);
    const { serial, aki } = serialAndAki(ctx, user.certificatePem);
    const result = await ctx.client.revoke(ctx.admin, { serial, aki, reason: "keycompromise", gencrl: true });
    expect(result.revoked).toEqual([{ serial, aki }]);
    // fabric-ca writes no reason code into CRL entries, so only the serial is checked.
    expect(crlSerials(scratchFile(ctx, "revoke.crl", result.crlPem!))).toContain(serial);

    const gencrl = scratchFile(ctx, "gencrl.crl", await ctx.client.gencrl(ctx.admin));
    expect(crlSerials(gencrl)).toContain(serial);
    expect(
      openssl(["crl", "-in", gencrl, "-noout", "-CAfile", scratchFile(ctx, "ca.pem", ctx.server.caCertPem)]),
    ).toMatch(/verify OK/);

    await expectApiError(ctx.client.revoke(ctx.admin, { serial, aki }), 404, 66);
    // A revoked certificate no longer authenticates.
    await expectApiError(ctx.client.reenroll(user, newEnrollmentRequest(user.id).csrPem), 401, 20);
  });

  it("revokes a whole identity, which can then never enroll again", async () => {
    const user = await registerAndEnroll(ctx, { maxEnrollments: -1 });
    const result = await ctx.client.revoke(ctx.admin, { id: user.id });
    expect(result.revoked).toEqual([serialAndAki(ctx, user.certificatePem)]);
    expect(result.crlPem).toBeUndefined();
    await expectApiError(enrollAs(ctx.client, user.id, user.secret), 401, 20);
    await expectApiError(ctx.client.register(ctx.admin, { id: user.id, type: "client" }), 409, 74);
  });

  describe("errors", () => {
    it("an unknown affiliation is an authorization failure, 403/71", async () => {
      const err = await expectApiError(
        ctx.client.register(ctx.admin, { id: uniqueId("x"), type: "client", affiliation: "no.such.org" }),
        403,
        71,
      );
      expect(err.hint).toMatch(/affiliation does not exist/);
    });

    it("a taken id is 409/74 with the server's message and a hint", async () => {
      const user = await registerAndEnroll(ctx);
      const err = await expectApiError(
        ctx.client.register(ctx.admin, { id: user.id, type: "client", secret: "fresh-secret-1" }),
        409,
        74,
      );
      expect(err.message).toBe(
        `Fabric CA answered 409 74: Identity '${user.id}' is already registered. ` +
          "the id is taken (revoked identities keep theirs); remove it first or pick another id",
      );
    });

    it("a wrong bootstrap secret is 401/20 and the message does not repeat it", async () => {
      const wrong = "not-the-secret-42";
      const err = await expectApiError(
        ctx.client.enroll("admin", wrong, newEnrollmentRequest("admin").csrPem),
        401,
        20,
      );
      expect(err.message).not.toContain(wrong);
      expect(err.message).not.toContain("PRIVATE KEY");
    });

    it("a plain client may not list identities: 403/71", async () => {
      const user = await registerAndEnroll(ctx);
      await expectApiError(ctx.client.listIdentities(user), 403, 71);
    });

    it("an unknown identity is undefined, an unknown CA name 404/19", async () => {
      expect(await ctx.client.getIdentity(ctx.admin, "nobody-here")).toBeUndefined();
      const other = clientFor(ctx.server, { caName: "no-such-ca" });
      await expectApiError(other.getIdentity(ctx.admin, "admin"), 404, 19);
      await expectApiError(
        other.enroll("admin", ctx.server.bootstrap.secret, newEnrollmentRequest("admin").csrPem),
        404,
        19,
      );
    });

    it("a CSR for another id is refused: 403/77", async () => {
      const user = await registerAndEnroll(ctx, { maxEnrollments: 2 });
      await expectApiError(
        ctx.client.enroll(user.id, user.secret, newEnrollmentRequest("someone-else").csrPem),
        403,
        77,
      );
    });

    it("a server that is down is a TransportError naming the URL", async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      const down = new FabricCaClient({ url, timeoutMs: 2000 });
      const err = await down.cainfo().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as TransportError).url).toBe(`${url}/api/v1/cainfo`);
      expect((err as Error).message).toContain(`GET ${url}/api/v1/cainfo`);
      expect((err as Error).message).toMatch(/ECONNREFUSED/);
    });

    it("an answer that is not a Fabric CA envelope says so", async () => {
      const fake = new FabricCaClient({
        url: "http://fabric-ca.invalid",
        transport: {
          attempt: async () => ({ status: 200, headers: {}, body: Buffer.from("<html>proxy login</html>") }),
        },
      });
      const err = (await fake.cainfo().catch((e: unknown) => e)) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.code).toBe("UNEXPECTED_BODY");
      expect(err.message).toMatch(/is this URL a Fabric CA server/);
    });
  });
});
