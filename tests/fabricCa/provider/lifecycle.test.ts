import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import {
  FabricCaCertificateProvider,
  type FabricCaCertificateInputs,
} from "../../../provider/fabricCa/certificateProvider";
import { FabricCaClient } from "../../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../../provider/fabricCa/csr";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";

jest.setTimeout(120000);

let ca: RunningFabricCa;
beforeAll(async () => {
  ca = await startFabricCaServer({ allowRemove: true });
});
afterAll(async () => ca?.stop());

const registrarConfig = (): Record<string, string> => ({
  "bcs:fabricCaUrl": ca.url,
  "bcs:fabricCaRegistrarId": ca.bootstrap.id,
  "bcs:fabricCaRegistrarSecret": ca.bootstrap.secret,
});

function provider(env: NodeJS.ProcessEnv = {}): FabricCaCertificateProvider {
  const p = new FabricCaCertificateProvider(env);
  p.configureFrom((key) => registrarConfig()[key]);
  return p;
}

const inputs = (enrollmentId: string, over: Partial<FabricCaCertificateInputs> = {}) => ({
  caUrl: ca.url,
  enrollmentId,
  affiliation: "org1",
  ...over,
});

/** The bootstrap admin as a registrar, for changes made at the CA behind Pulumi's back. */
async function registrar() {
  const request = newEnrollmentRequest(ca.bootstrap.id);
  const client = new FabricCaClient({ url: ca.url });
  const enrolled = await client.enroll(ca.bootstrap.id, ca.bootstrap.secret, request.csrPem);
  return { client, identity: { certificatePem: enrolled.certificatePem, privateKey: request.privateKeyPem } };
}

const crlText = (pem: string) =>
  execFileSync("openssl", ["crl", "-noout", "-text"], { input: pem, encoding: "utf8" }).toUpperCase();
const crlSerial = (serial: string) => serial.replace(/^0+/, "");
const publicKey = (pem: string) => new X509Certificate(pem).publicKey.export({ type: "spki", format: "pem" });

describe("onDelete on Fabric CA", () => {
  it("refuses freeze at check, naming the field, the backend and the choices", async () => {
    const { failures } = await provider().check({}, inputs("policy01", { onDelete: "freeze" }));
    expect(failures).toEqual([
      {
        property: "",
        reason: expect.stringMatching(
          /^onDelete "freeze" is not possible on Fabric CA: it cannot suspend .*; use "retain" or "revoke" \(the default\)$/,
        ),
      },
    ]);
  });

  it("retain leaves the certificate valid at the CA", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs("retain01", { onDelete: "retain" }));
    await p.delete(id, outs!);
    const { client, identity } = await registrar();
    const serial = outs!.serialNumber.toLowerCase().replace(/^0+/, "");
    expect(await client.certificates(identity, { id: "retain01", serial, notrevoked: true })).toHaveLength(1);
  });

  it("revoke (the default) revokes and prints the CA's new CRL, which lists the serial", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs("revoke01"));
    expect(outs!.onDelete).toBe("revoke");
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    await p.delete(id, outs!);
    const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
    log.mockRestore();
    const crl = /-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/.exec(printed)?.[0];
    expect(crl).toBeDefined();
    expect(crlText(crl!)).toContain(crlSerial(outs!.serialNumber));
  });

  it("a re-enrollment revokes the superseded certificate and outputs the CRL; retain keeps it valid", async () => {
    const p = provider();
    const revoking = await p.create(inputs("supersede01", { attributes: { a: "1" } }));
    const renewed = (
      await p.update(revoking.id, revoking.outs!, inputs("supersede01", { attributes: { a: "2" } }))
    ).outs!;
    expect(crlText(renewed.crlPem!)).toContain(crlSerial(revoking.outs!.serialNumber));

    const retaining = await p.create(inputs("supersede02", { attributes: { a: "1" }, onDelete: "retain" }));
    const kept = (
      await p.update(
        retaining.id,
        retaining.outs!,
        inputs("supersede02", { attributes: { a: "2" }, onDelete: "retain" }),
      )
    ).outs!;
    expect(kept.crlPem).toBeNull();
    const { client, identity } = await registrar();
    const serial = retaining.outs!.serialNumber.toLowerCase().replace(/^0+/, "");
    expect(await client.certificates(identity, { id: "supersede02", serial, notrevoked: true })).toHaveLength(
      1,
    );
  });
});

describe("refresh asks the CA", () => {
  it("finds a revocation made at the CA; the next update enrolls again with a new key", async () => {
    const p = provider();
    const args = inputs("drift01", { keyPolicy: "reuse" });
    const { id, outs } = await p.create(args);
    expect((await p.read(id, outs!)).props!.status).toBe("valid");
    const { client, identity } = await registrar();
    await client.revoke(identity, {
      serial: outs!.serialNumber,
      aki: outs!.authorityKeyId,
      reason: "keycompromise",
    });

    const refreshed = (await p.read(id, outs!)).props!;
    expect(refreshed.status).toBe("revoked");
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await p.diff(id, refreshed, args)).changes).toBe(true);
    expect(log).toHaveBeenCalledWith(
      "pulumi-bcs: drift01: revoked at the CA (found by refresh): enroll the identity again with a new secret (new certificate, key rotated)",
    );
    log.mockRestore();
    const fixed = (await p.update(id, refreshed, args)).outs!;
    expect(fixed.status).toBe("valid");
    expect(publicKey(fixed.certificatePem)).not.toEqual(publicKey(outs!.certificatePem));
    expect((await p.read(id, fixed)).props!.status).toBe("valid");
  });

  it("finds an identity removed at the CA; the next update registers it again", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs("drift02"));
    const { client, identity } = await registrar();
    await client.removeIdentity(identity, "drift02", { force: true });
    const refreshed = (await p.read(id, outs!)).props!;
    expect(refreshed.status).toBe("removed");
    const fixed = (await p.update(id, refreshed, inputs("drift02"))).outs!;
    expect(fixed.serialNumber).not.toBe(outs!.serialNumber);
    expect(await client.getIdentity(identity, "drift02")).toBeDefined();
  });

  it("says expired from the clock when the CA still lists the certificate", async () => {
    const { id, outs } = await provider().create(inputs("drift03"));
    const later = provider({
      PULUMI_BCS_NOW: new Date(Date.parse(outs!.notAfter) + 86_400_000).toISOString(),
    });
    expect((await later.read(id, outs!)).props!.status).toBe("expired");
  });
});

describe("outputs people use directly", () => {
  it("mspId is a state-only change: the certificate stays", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs("gateway01"));
    expect((await p.diff(id, outs!, inputs("gateway01", { mspId: "Org1MSP" }))).replaces).toEqual([]);
    const withMsp = (await p.update(id, outs!, inputs("gateway01", { mspId: "Org1MSP" }))).outs!;
    expect(withMsp).toMatchObject({ mspId: "Org1MSP", serialNumber: outs!.serialNumber });
  });

  it("refuses an MSP ID that channel configuration could not hold", async () => {
    const { failures } = await provider().check({}, inputs("gateway02", { mspId: "Org 1" }));
    expect(failures?.map((f) => f.reason.split(" ")[0])).toEqual(["mspId"]);
  });
});
