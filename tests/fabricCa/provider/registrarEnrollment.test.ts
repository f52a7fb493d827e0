import { X509Certificate } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FabricCaCertificateProvider } from "../../../provider/fabricCa/certificateProvider";
import { authorityKeyId } from "../../../provider/fabricCa/certificateFields";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { caSerial } from "../../../provider/fabricCa/issuedCertificate";
import type { FabricCaIdentity } from "../../../provider/fabricCa/token";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

const KEEPER = { id: "keeper", secret: "keeper-S3cret" };

let ca: RunningFabricCa;
let client: FabricCaClient;
let bootstrap: FabricCaIdentity;
const cacheDir = mkdtempSync(join(tmpdir(), "registrar-cache-"));

beforeAll(async () => {
  ca = await startFabricCaServer();
  client = new FabricCaClient({ url: ca.url });
  const request = newEnrollmentRequest(ca.bootstrap.id);
  const enrolled = await client.enroll(ca.bootstrap.id, ca.bootstrap.secret, request.csrPem);
  bootstrap = { certificatePem: enrolled.certificatePem, privateKey: request.privateKey };
  await client.register(bootstrap, {
    id: KEEPER.id,
    secret: KEEPER.secret,
    type: "client",
    maxEnrollments: 2,
    attrs: ["hf.Registrar.Roles", "hf.Registrar.Attributes"]
      .map((name) => ({ name, value: "*" }))
      .concat([{ name: "hf.Revoker", value: "true" }]),
  });
});
afterAll(async () => ca?.stop());

/** A provider process as the engine starts one, with its own clock. */
function provider(now?: Date): FabricCaCertificateProvider {
  const p = new FabricCaCertificateProvider(now ? { PULUMI_BCS_NOW: now.toISOString() } : {});
  const config: Record<string, string> = {
    "bcs:fabricCaUrl": ca.url,
    "bcs:fabricCaRegistrarId": KEEPER.id,
    "bcs:fabricCaRegistrarSecret": KEEPER.secret,
    "bcs:fabricCaRegistrarCacheDir": cacheDir,
  };
  p.configureFrom((key) => config[key]);
  return p;
}

const create = (p: FabricCaCertificateProvider, enrollmentId: string) =>
  p.create({ caUrl: ca.url, enrollmentId, affiliation: "org1" });
const validKeeperCertificates = async () =>
  (await client.certificates(bootstrap, { id: KEEPER.id, notrevoked: true })).map(
    (pem) => new X509Certificate(pem).serialNumber,
  );

describe("the id-and-secret registrar's enrollment, kept between provider processes", () => {
  it("is enrolled once: later processes use it, and the CA holds one valid registrar certificate", async () => {
    for (const user of ["kept01", "kept02", "kept03"]) await create(provider(), user);
    expect(await validKeeperCertificates()).toHaveLength(1);
  });

  it("is renewed by re-enrolling 30 days before it expires, the superseded one revoked", async () => {
    const [before] = await validKeeperCertificates();
    const notAfter = Date.parse(
      new X509Certificate((await client.certificates(bootstrap, { id: KEEPER.id }))[0]).validTo,
    );
    await create(provider(new Date(notAfter - 10 * 86_400_000)), "kept04");
    const after = await validKeeperCertificates();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it("is replaced, with one enrollment, once the CA no longer accepts it", async () => {
    const [kept] = await validKeeperCertificates();
    const pem = (await client.certificates(bootstrap, { id: KEEPER.id, notrevoked: true }))[0];
    await client.revoke(bootstrap, {
      serial: caSerial(kept),
      aki: authorityKeyId(pem),
      reason: "keycompromise",
    });
    await create(provider(), "kept05");
    const now = await validKeeperCertificates();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(kept);
  });
});
