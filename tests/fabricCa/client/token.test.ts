import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { compose, fetchTransport, type Middleware } from "../../../provider/http/transport";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { fabricCaToken, lowSDerSignature, P256_ORDER } from "../../../provider/fabricCa/token";
import { expectApiError, logLine, startCa, type CaContext } from "../helpers";

const hex = (n: bigint) => n.toString(16).padStart(64, "0");

/** Reads r and s back from a DER ECDSA signature. */
function derIntegers(der: Buffer): { r: bigint; s: bigint } {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const readInt = (at: number): [bigint, number] => {
    expect(der[at]).toBe(0x02);
    const len = der[at + 1];
    const bytes = der.subarray(at + 2, at + 2 + len);
    // Minimal: no superfluous leading zero, and a leading zero only before a set top bit.
    if (bytes.length > 1 && bytes[0] === 0) expect(bytes[1] & 0x80).toBe(0x80);
    expect(bytes[0] & 0x80).toBe(0);
    return [BigInt(`0x${bytes.toString("hex")}`), at + 2 + len];
  };
  const [r, next] = readInt(2);
  const [s, end] = readInt(next);
  expect(end).toBe(der.length);
  return { r, s };
}

describe("low-S DER signatures", () => {
  it("replaces a high s by n − s", () => {
    const r = 0x80n << 248n; // top bit set: DER needs a leading zero byte
    const raw = Buffer.from(hex(r) + hex(P256_ORDER - 1n), "hex");
    expect(derIntegers(lowSDerSignature(raw))).toEqual({ r, s: 1n });
  });

  it("keeps a low s and strips leading zeros", () => {
    const raw = Buffer.from(hex(5n) + hex(P256_ORDER / 2n), "hex");
    expect(derIntegers(lowSDerSignature(raw))).toEqual({ r: 5n, s: P256_ORDER / 2n });
  });

  it("stays a valid signature after normalising", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    for (let i = 0; i < 20; i++) {
      const data = Buffer.from(`message ${i}`);
      const raw = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
      const der = lowSDerSignature(raw);
      expect(derIntegers(der).s <= P256_ORDER / 2n).toBe(true);
      expect(verify("sha256", data, publicKey, der)).toBe(true);
    }
  });
});

describe("the token format", () => {
  it("is B64(cert).B64(signature over METHOD.B64(uri).B64(body).B64(cert))", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const certificatePem = "-----BEGIN CERTIFICATE-----\nnot parsed here\n-----END CERTIFICATE-----\n";
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const token = fabricCaToken({ certificatePem, privateKey }, "get", "/api/v1/identities?ca=x", undefined);
    const [cert, signature, ...rest] = token.split(".");
    expect(rest).toEqual([]);
    expect(cert).toBe(b64(certificatePem));
    const payload = `GET.${b64("/api/v1/identities?ca=x")}..${b64(certificatePem)}`;
    expect(
      verify("sha256", Buffer.from(payload), createPublicKey(privateKey), Buffer.from(signature, "base64")),
    ).toBe(true);
  });

  it("refuses a key the server cannot check", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    expect(() => fabricCaToken({ certificatePem: "x", privateKey }, "GET", "/", undefined)).toThrow(
      /EC P-256/,
    );
  });
});

describe("token auth against a real fabric-ca-server", () => {
  let ctx: CaContext;
  beforeAll(async () => {
    ctx = await startCa();
  }, 600000);
  afterAll(() => ctx?.close());

  /** A client whose requests pass through `tamper` after they are signed. */
  const tampered = (tamper: Middleware) =>
    new FabricCaClient({
      url: ctx.server.url,
      transport: { attempt: compose(fetchTransport(10000), tamper) },
    });

  it("is accepted for GET, POST with a body, and a signed query", async () => {
    const identities = await ctx.client.listIdentities(ctx.admin);
    expect(identities.map((i) => i.id)).toContain("admin");
    const { secret } = await ctx.client.register(ctx.admin, { id: "token-user", type: "client" });
    expect(secret).toMatch(/^\S+$/);
    const certs = await ctx.client.certificates(ctx.admin, { id: "admin", notrevoked: true });
    expect(certs).toEqual([ctx.admin.certificatePem]);
  });

  it("accepts a key given as PEM", async () => {
    const admin = { certificatePem: ctx.admin.certificatePem, privateKey: ctx.admin.privateKeyPem };
    await expect(ctx.client.getIdentity(admin, "admin")).resolves.toMatchObject({ id: "admin" });
  });

  it("is refused with 401/20 when the signature does not match the request", async () => {
    const otherUri: Middleware = (next) => (request) =>
      next({ ...request, url: request.url.replace("/api/v1/identities", "/identities") });
    await expectApiError(tampered(otherUri).listIdentities(ctx.admin), 401, 20);

    const flipped: Middleware = (next) => (request) => {
      const [cert, signature] = request.headers.Authorization.split(".");
      const bytes = Buffer.from(signature, "base64");
      bytes[bytes.length - 1] ^= 1;
      return next({
        ...request,
        headers: { ...request.headers, Authorization: `${cert}.${bytes.toString("base64")}` },
      });
    };
    const err = await expectApiError(tampered(flipped).listIdentities(ctx.admin), 401, 20);
    expect(err.message).toMatch(/^Fabric CA answered 401 20: Authentication failure\. authentication failed/);
  });

  it("is refused when the same signature is sent in its high-S form", async () => {
    const highS: Middleware = (next) => (request) => {
      const [cert, signature] = request.headers.Authorization.split(".");
      const { r, s } = derIntegers(Buffer.from(signature, "base64"));
      // Re-encode (r, n − s) as DER by hand: both integers are positive and at most 33 bytes.
      const int = (v: bigint) => {
        let h = v.toString(16);
        if (h.length % 2) h = `0${h}`;
        if (parseInt(h.slice(0, 2), 16) & 0x80) h = `00${h}`;
        return Buffer.concat([Buffer.from([2, h.length / 2]), Buffer.from(h, "hex")]);
      };
      const body = Buffer.concat([int(r), int(P256_ORDER - s)]);
      const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
      return next({
        ...request,
        headers: { ...request.headers, Authorization: `${cert}.${der.toString("base64")}` },
      });
    };
    await expectApiError(tampered(highS).listIdentities(ctx.admin), 401, 20);
    expect(await logLine(ctx.server, /Invalid S/)).toMatch(/401 25 .*Invalid S/);
  });
});
