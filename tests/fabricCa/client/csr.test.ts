import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCsr, newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { openssl, scratchFile } from "../helpers";

describe("enrollment CSRs", () => {
  const ctx = { scratch: "" };
  beforeAll(() => (ctx.scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-csr-"))));
  afterAll(() => rmSync(ctx.scratch, { recursive: true, force: true }));

  it.each(["appuser01", "user@org1", "名前 with space", "x".repeat(64)])(
    "verifies with openssl and names %s as the only subject field",
    (id) => {
      const { csrPem } = newEnrollmentRequest(id);
      expect(csrPem).toMatch(
        /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/,
      );
      const file = scratchFile(ctx, "req.pem", csrPem);
      expect(openssl(["req", "-in", file, "-verify", "-noout"])).toMatch(/verify OK/i);
      const text = openssl(["req", "-in", file, "-noout", "-text", "-nameopt", "utf8,sep_multiline"]);
      expect(text).toContain(`CN=${id}`);
      expect(text).toMatch(/ASN1 OID: prime256v1/);
      expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
      expect(openssl(["req", "-in", file, "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"]).trim()).toBe(
        `subject=CN=${id}`,
      );
    },
  );

  it("signs with the given key", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const file = scratchFile(ctx, "given.pem", createCsr("given", privateKey));
    const fromCsr = openssl(["req", "-in", file, "-noout", "-pubkey"]);
    expect(fromCsr.trim()).toBe(publicKey.export({ type: "spki", format: "pem" }).toString().trim());
  });

  it("refuses ids the server could never enroll", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    expect(() => createCsr("x".repeat(65), privateKey)).toThrow(/1–64 characters/);
    expect(() => createCsr("", privateKey)).toThrow(/1–64 characters/);
  });
});
