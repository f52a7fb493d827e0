import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RegistrarCache, type RegistrarBinding } from "../../../provider/fabricCa/registrarCache";

const binding: RegistrarBinding = {
  url: "https://ca.org1.example.com:7054",
  caName: "",
  id: "admin",
  secret: "registrar-S3cret",
};
const enrollment = {
  certificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  privateKeyPem: "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n",
};

describe("the registrar's kept enrollment", () => {
  const dir = mkdtempSync(join(tmpdir(), "registrar-cache-"));
  const cache = new RegistrarCache(dir);

  it("is kept encrypted, readable by its user only, under a name that tells nothing", async () => {
    await cache.write(binding, enrollment);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^[0-9a-f]{64}\.json$/);
    const text = readFileSync(join(dir, file), "utf8");
    for (const secret of ["MIGH", "PRIVATE KEY", binding.secret, binding.url, binding.id])
      expect(text).not.toContain(secret);
    expect(statSync(join(dir, file)).mode & 0o077).toBe(0);
    expect(await cache.read(binding)).toEqual(enrollment);
  });

  it("is another entry for another secret, CA or CA name, and unreadable once changed", async () => {
    expect(await cache.read({ ...binding, secret: "another-secret" })).toBeUndefined();
    expect(await cache.read({ ...binding, url: "https://ca.org2.example.com:7054" })).toBeUndefined();
    expect(await cache.read({ ...binding, caName: "ca2" })).toBeUndefined();
    const [file] = readdirSync(dir);
    const sealed = JSON.parse(readFileSync(join(dir, file), "utf8")) as { data: string };
    const data = Buffer.from(sealed.data, "base64");
    data[0] ^= 1;
    writeFileSync(join(dir, file), JSON.stringify({ ...sealed, data: data.toString("base64") }));
    expect(await cache.read(binding)).toBeUndefined();
  });

  it("lets one holder of the lock at a time enroll", async () => {
    const order: string[] = [];
    const holder = (name: string) =>
      cache.withLock(binding, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(`${name} out`);
      });
    await Promise.all([holder("a"), holder("b")]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
  });
});
