import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { defaultFixture, type Fixture } from "../../emulator/fixture";
import { inspectionRoutes } from "../../emulator/routes";
import { startEmulator } from "../../emulator/server";
import { fillPath } from "../../provider/http/pathTemplate";
import {
  bcs,
  createCert,
  errorCode,
  hw,
  listIdentities,
  obtainToken,
  opensslVerify,
  send,
  startTestEmulator,
  zipEntries,
  type TestEmulator,
} from "./helpers";

let emu: TestEmulator;
beforeEach(async () => (emu = await startTestEmulator()));
afterEach(() => emu.stop());

async function listed(): Promise<{ serialNumber: string; frozen: boolean }[]> {
  return (await send(emu.url + inspectionRoutes.listCertificates.path, { method: "GET" })).json<{
    certificates: { serialNumber: string; frozen: boolean }[];
  }>().certificates;
}

async function caPem(orgName: string): Promise<string> {
  const path = fillPath(inspectionRoutes.caCertificate.path, {
    blockchain_id: hw.blockchainId,
    org_name: orgName,
  });
  return (await send(emu.url + path, { method: "GET" })).body.toString();
}

describe("persistence", () => {
  it("keeps certificates, frozen flags, CA keys and tokens across a restart", async () => {
    const token = await obtainToken(emu.url);
    const auth = { kind: "token", token } as const;
    await createCert(emu.url, auth, { user_name: "kate01" }, true);
    await createCert(emu.url, auth, { user_name: "liam01" }, true);
    expect((await bcs(emu.url, "freezeCert", { auth, params: { user_name: "liam01" } })).status).toBe(200);
    const before = await listed();
    const caBefore = await caPem("org1");

    await emu.restart();

    expect(await listed()).toEqual(before);
    expect(await caPem("org1")).toBe(caBefore);
    // The token still works, the safe-mode rule still sees kate01's certificate...
    const duplicate = await createCert(emu.url, auth, { user_name: "kate01" }, true);
    expect(errorCode(duplicate)).toBe("BCS.4006020");
    // ...and a new certificate is signed by the same CA key.
    const fresh = zipEntries((await createCert(emu.url, auth, { user_name: "mona01" }, true)).body);
    expect((await opensslVerify(caBefore, fresh["msp/signcerts/mona01@org1-cert.pem"])).trim()).toMatch(
      /: OK$/,
    );
  });

  it("writes state.json without plaintext tokens and leaves no temporary files", async () => {
    const token = await obtainToken(emu.url);
    await createCert(emu.url, { kind: "token", token }, { user_name: "nina01" });
    expect(await readdir(emu.dataDir)).toEqual(["state.json"]);
    const text = await readFile(join(emu.dataDir, "state.json"), "utf8");
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      certificates: [expect.objectContaining({ userName: "nina01" })],
    });
  });
});

describe("fixturePath", () => {
  it("seeds a new data directory from a fixture file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bcs-emulator-fixture-"));
    const orphanProject = "a".repeat(32);
    const fixture: Fixture = structuredClone(defaultFixture);
    fixture.huawei.accessKeys.push({
      accessKey: "HWORPHANKEY",
      secretKey: "orphan-secret",
      projectId: orphanProject,
    });
    fixture.ncloud.networks[1].cas[0].identities = [];
    await writeFile(join(dir, "fixture.json"), JSON.stringify(fixture));
    const custom = await startEmulator({
      port: 0,
      dataDir: join(dir, "data"),
      fixturePath: join(dir, "fixture.json"),
    });
    try {
      const response = await createCert(
        custom.url,
        { kind: "aksk", accessKey: "HWORPHANKEY", secretKey: "orphan-secret" },
        { project_id: orphanProject },
      );
      expect(response.status).toBe(404);
      expect(response.json()).toEqual({
        error_code: "BCS.4040404",
        error_msg: `Not Found:project ${orphanProject} is not found`,
      });
      const identities = await listIdentities(custom.url, { networkId: "1631", caId: "25728800" });
      expect(identities.json()).toEqual({ content: [] });
    } finally {
      await custom.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
