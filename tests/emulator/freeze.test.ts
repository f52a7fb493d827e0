import { emulatorCertificates } from "../support/emulatorInspection";
import { fillPath } from "../../provider/http/pathTemplate";
import { inspectionRoutes } from "../../emulator/routes";
import { zipSync, strToU8 } from "fflate";
import { fetchTransport } from "../../provider/http/transport";
import { BcsClient } from "../../provider/huawei/bcsClient";
import {
  bcs,
  createCert,
  errorCode,
  hw,
  multipart,
  obtainToken,
  send,
  startTestEmulator,
  type BcsAuth,
  type TestEmulator,
} from "./helpers";

let emu: TestEmulator;
let auth: BcsAuth;
beforeEach(async () => {
  emu = await startTestEmulator();
  auth = { kind: "token", token: await obtainToken(emu.url) };
});
afterEach(() => emu.stop());

function certificates(userName: string) {
  return emulatorCertificates(emu.url, { userName });
}

function upload(
  route: "freezeCert" | "unfreezeCert",
  userName: string,
  zip: Buffer,
  filename = `${userName}.zip`,
) {
  const form = multipart(filename, zip);
  return bcs(emu.url, route, {
    auth,
    params: { user_name: userName },
    contentType: form.contentType,
    body: form.body,
  });
}

describe("freeze / unfreeze", () => {
  it("freezes and unfreezes the certificate in an uploaded zip (non-safe mode), idempotently", async () => {
    const zip = (await createCert(emu.url, auth, { user_name: "dave01" }, false)).body;
    await createCert(emu.url, auth, { user_name: "dave01" }, false);

    const frozen = await upload("freezeCert", "dave01", zip);
    expect(frozen.status).toBe(200);
    expect(frozen.json()).toEqual({ result: "success" });
    expect((await certificates("dave01")).map((c) => c.frozen)).toEqual([true, false]);

    expect((await upload("freezeCert", "dave01", zip)).status).toBe(200);
    expect((await upload("unfreezeCert", "dave01", zip)).json()).toEqual({ result: "success" });
    expect((await certificates("dave01")).map((c) => c.frozen)).toEqual([false, false]);
    expect((await upload("unfreezeCert", "dave01", zip)).status).toBe(200);
  });

  it("freezes and unfreezes the hosted safe-mode certificate without a body (the Go SDK's request)", async () => {
    await createCert(emu.url, auth, { user_name: "erin01" }, true);
    const freeze = await bcs(emu.url, "freezeCert", { auth, params: { user_name: "erin01" } });
    expect(freeze.status).toBe(200);
    expect((await certificates("erin01"))[0].frozen).toBe(true);

    // The user name is free again for a new safe-mode certificate...
    expect((await createCert(emu.url, auth, { user_name: "erin01" }, true)).status).toBe(200);
    // ...so the old one cannot come back while the new one is active.
    const json = { auth, params: { user_name: "erin01" }, contentType: "application/json" };
    const blocked = await bcs(emu.url, "unfreezeCert", json);
    expect(blocked.status).toBe(400);
    expect(blocked.json()).toEqual({
      error_code: "BCS.4006020",
      error_msg: "user erin01 already has a certificate in safe mode",
    });

    expect((await bcs(emu.url, "freezeCert", json)).status).toBe(200);
    expect((await certificates("erin01")).map((c) => c.frozen)).toEqual([true, true]);
    expect((await bcs(emu.url, "unfreezeCert", json)).status).toBe(200);
    expect((await certificates("erin01")).filter((c) => !c.frozen)).toHaveLength(1);
  });

  it("refuses a body no official SDK sends: JSON {} or another non-multipart body", async () => {
    await createCert(emu.url, auth, { user_name: "erin02" }, true);
    for (const [contentType, body] of [
      ["application/json", "{}"],
      ["text/plain", "erin02"],
    ]) {
      const refused = await bcs(emu.url, "freezeCert", {
        auth,
        params: { user_name: "erin02" },
        contentType,
        body,
      });
      expect(refused.status).toBe(400);
      expect(refused.json()).toEqual({
        error_code: "BCS.4006005",
        error_msg: "send the zip as the multipart part file, or no body",
      });
    }
    expect((await certificates("erin02"))[0].frozen).toBe(false);
  });

  it("answers 404 when there is nothing to act on", async () => {
    for (const route of ["freezeCert", "unfreezeCert"] as const) {
      const response = await bcs(emu.url, route, { auth, params: { user_name: "nobody1" } });
      expect(response.status).toBe(404);
      expect(response.json()).toEqual({
        error_code: "BCS.4040404",
        error_msg: "Not Found:no certificate of user nobody1 in org org1",
      });
    }
    // A non-safe certificate is not "hosted": without the zip there is nothing to act on.
    await createCert(emu.url, auth, { user_name: "frank01" }, false);
    expect((await bcs(emu.url, "freezeCert", { auth, params: { user_name: "frank01" } })).status).toBe(404);
    // A zip of another user's certificate does not identify one of this user's.
    const other = (await createCert(emu.url, auth, { user_name: "gina01" }, false)).body;
    expect((await upload("freezeCert", "frank01", other)).status).toBe(404);
  });

  it("validates the upload", async () => {
    const zip = (await createCert(emu.url, auth, { user_name: "hank01" }, false)).body;
    const tooBig = await upload("freezeCert", "hank01", Buffer.alloc(30 * 1024 + 1, 1));
    expect(tooBig.status).toBe(400);
    expect(tooBig.json()).toEqual({ error_code: "BCS.4006005", error_msg: "file exceeds 30 KB" });

    const notZipName = await upload("freezeCert", "hank01", zip, "hank01.tar");
    expect(notZipName.json()).toEqual({ error_code: "BCS.4006005", error_msg: "file must be a .zip" });

    const noCert = Buffer.from(zipSync({ "msp/keystore/x_sk": strToU8("key") }));
    const empty = await upload("freezeCert", "hank01", noCert);
    expect(empty.status).toBe(400);
    expect(errorCode(empty)).toBe("BCS.4006005");

    const garbage = await upload("freezeCert", "hank01", Buffer.from("not a zip"));
    expect(garbage.status).toBe(400);
    expect(errorCode(garbage)).toBe("BCS.4006005");
  });

  it("validates the path and auth like create", async () => {
    const orderer = await bcs(emu.url, "freezeCert", { auth, params: { org_name: "orderer" } });
    expect(orderer.status).toBe(400);
    expect(errorCode(orderer)).toBe("BCS.4001051");
    const badName = await bcs(emu.url, "unfreezeCert", { auth, params: { user_name: "X" } });
    expect(errorCode(badName)).toBe("BCS.4006005");
    const noAuth = await bcs(emu.url, "freezeCert", { auth: { kind: "none" } });
    expect(noAuth.status).toBe(401);
  });

  it("verifies AK/SK over the exact multipart bytes", async () => {
    const zip = (await createCert(emu.url, auth, { user_name: "ivan01" }, false)).body;
    const form = multipart("ivan01.zip", zip);
    const params = { user_name: "ivan01" };
    const ok = await bcs(emu.url, "freezeCert", {
      auth: { kind: "aksk" },
      params,
      contentType: form.contentType,
      body: form.body,
    });
    expect(ok.status).toBe(200);
    const tampered = await bcs(emu.url, "unfreezeCert", {
      auth: {
        kind: "aksk",
        tamper: (r) => (r.body = Buffer.concat([r.body.subarray(0, -2), Buffer.from("\n\n")])),
      },
      params,
      contentType: form.contentType,
      body: form.body,
    });
    expect(tampered.status).toBe(401);
    expect(errorCode(tampered)).toBe("APIG.0301");
  });

  it("accepts the client's own requests: the AK/SK upload (UNSIGNED-PAYLOAD) and the call without a zip", async () => {
    const client = new BcsClient(
      {
        endpoint: emu.url,
        credentials: { kind: "aksk", accessKey: hw.accessKey, secretKey: hw.secretKey },
        transport: { attempt: fetchTransport(5000) },
      },
      hw.projectId,
    );
    const path = (user: string) => ({ blockchain_id: hw.blockchainId, org_name: "org1", user_name: user });
    const zip = await client.createUserCert(path("kate01"), { security_mode: false });
    await client.freeze(path("kate01"), zip);
    expect((await certificates("kate01"))[0].frozen).toBe(true);
    await client.unfreeze(path("kate01"), zip);
    expect((await certificates("kate01"))[0].frozen).toBe(false);

    await client.createUserCert(path("kate02"), { security_mode: true });
    await client.freeze(path("kate02"));
    expect((await certificates("kate02"))[0].frozen).toBe(true);
    await client.unfreeze(path("kate02"));
    expect((await certificates("kate02"))[0].frozen).toBe(false);
  });

  it("freezes by serial through the inspection route (a console action)", async () => {
    await createCert(emu.url, auth, { user_name: "judy01" }, true);
    const [cert] = await certificates("judy01");
    const path = fillPath(inspectionRoutes.freezeCertificate.path, { serial: cert.serialNumber });
    expect((await send(emu.url + path, { method: "POST" })).status).toBe(200);
    expect((await certificates("judy01"))[0].frozen).toBe(true);
    const unknown = fillPath(inspectionRoutes.freezeCertificate.path, { serial: "00" });
    expect((await send(emu.url + unknown, { method: "POST" })).status).toBe(404);
  });
});
