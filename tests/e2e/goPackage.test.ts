import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { startFabricCaServer, type RunningFabricCa } from "../../scripts/fabricCaServer";
import { emulatorCertificates } from "../support/emulatorInspection";
import { enrolledFabricCaCli, type FabricCaCli } from "../support/fabricCaCli";
import { fixtureCredentials as fx } from "../support/fixture";
import { secretHits } from "../support/secretHits";
import { createGoStack } from "./faces/goProgram";
import { engineBin, PASSPHRASE } from "./harness";

/**
 * examples/go through the real engine: a Go program (pulumi-language-go, the program prebuilt against
 * the Go SDK generated from the package schema) declares a Huawei UserCertificate and a
 * FabricCaUserCertificate of the `bcs` package and calls its getCaIdentities, all served by the plugin
 * in package/, against the emulator and a real fabric-ca-server (issue 14).
 */
jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
const userName = "gouser01";
const enrollmentId = "goapp01";
const stackName = "go";

let scratch: string;
let emulator: RunningEmulator;
let ca: RunningFabricCa;
let caCli: FabricCaCli;
let stack: Stack;
const events: EngineEvent[] = [];
const onEvent = (event: EngineEvent) => events.push(event);

/** `pulumi stack export` as a user runs it: secrets stay encrypted (the Automation API's export decrypts). */
const exportState = () =>
  execFileSync(join(engineBin(), "pulumi"), ["stack", "export", "--stack", stackName, "--non-interactive"], {
    cwd: stack.workspace.workDir,
    encoding: "utf8",
    env: { ...process.env, ...stack.workspace.envVars, PULUMI_HOME: stack.workspace.pulumiHome },
  });
type Exported = { deployment: { resources: { type: string; outputs: Record<string, unknown> }[] } };
const resourceOf = (state: string, type: string) =>
  (JSON.parse(state) as Exported).deployment.resources.find((r) => r.type === type)!;
const certificates = () => emulatorCertificates(emulator.url, { userName });

beforeAll(
  async () => {
    if (!existsSync(join(repo, "dist/package/main.js")))
      throw new Error("dist/package/main.js is missing: run `npm run build` first");
    scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-go-"));
    emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
    ca = await startFabricCaServer();
    caCli = enrolledFabricCaCli(ca);
    stack = await createGoStack({
      scratch,
      stackName,
      passphrase: PASSPHRASE,
      // NAVER's settings from the environment, Huawei's and the registrar's from `bcs:` config: both paths.
      envVars: {
        BCS_NCLOUD_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
        NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
      },
    });
    // The example's networkId default is the emulator's NAVER network; its caId literal the emulator's CA.
    expect([fx.ncloud.networkId, fx.ncloud.caId]).toEqual([1630, "25728700"]);
    await stack.setAllConfig({
      projectId: { value: fx.huawei.projectId },
      blockchainId: { value: fx.huawei.blockchainId },
      userName: { value: userName },
      caUrl: { value: ca.url },
      enrollmentId: { value: enrollmentId },
      "bcs:huaweiEndpoint": { value: emulator.url },
      "bcs:huaweiIamEndpoint": { value: emulator.url },
      "bcs:huaweiAccessKey": { value: fx.huawei.accessKey, secret: true },
      "bcs:huaweiSecretKey": { value: fx.huawei.secretKey, secret: true },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
  },
  30 * 60 * 1000,
); // a cold cache builds the Go host, generates the SDK and compiles the program

afterAll(async () => {
  await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
  await ca?.stop();
  await emulator?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

it("previews the creates without a request, applies them, then previews no change", async () => {
  const preview = await stack.preview({ onEvent });
  expect(preview.changeSummary).toEqual({ create: 3 });
  expect(await certificates()).toEqual([]);
  expect(caCli.run(["identity", "list"])).not.toContain(enrollmentId);

  const up = await stack.up({ onEvent });
  expect(up.summary.resourceChanges).toEqual({ create: 3 });
  expect(up.outputs.subject).toEqual({ value: `CN=${userName},OU=client,O=org1,C=CN`, secret: false });
  expect(up.outputs.fabricSubject!.value).toMatch(new RegExp(`^CN=${enrollmentId}(,|$)`));
  for (const key of ["key", "fabricKey"]) {
    expect(up.outputs[key]!.secret).toBe(true);
    expect(up.outputs[key]!.value).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  }
  // getCaIdentities ran in the plugin, as a function of the package, called from Go.
  expect(up.outputs.clientsByType!.value).toEqual({ CLIENT: 2 });
  expect(await certificates()).toHaveLength(1);
  expect(caCli.run(["identity", "list"])).toContain(`Name: ${enrollmentId},`);

  const again = await stack.preview({ onEvent });
  expect(again.changeSummary).toEqual({ same: 3 });
});

it("keeps both keys secret in the state and out of the event log", async () => {
  const outputs = await stack.outputs();
  const state = exportState();
  const huawei = resourceOf(state, "bcs:index:UserCertificate");
  const fabric = resourceOf(state, "bcs:index:FabricCaUserCertificate");
  expect(huawei.outputs.privateKeyPem).toHaveProperty("ciphertext");
  expect(fabric.outputs.privateKeyPem).toHaveProperty("ciphertext");
  const keyLine = (name: string) => (outputs[name]!.value as string).split("\n")[1]!;
  const secrets = new Map([
    ["a line of the Huawei key", keyLine("key")],
    ["a line of the Fabric CA key", keyLine("fabricKey")],
    ["the Huawei secret key", fx.huawei.secretKey],
    ["the registrar's secret", ca.bootstrap.secret],
  ]);
  expect(secretHits(secrets, { state, "event log": JSON.stringify(events) })).toEqual([]);
});

it("destroys: the Huawei certificate is frozen, the Fabric CA certificate revoked", async () => {
  const fabric = resourceOf(exportState(), "bcs:index:FabricCaUserCertificate");
  const serial = String(fabric.outputs.serialNumber).toUpperCase().replace(/^0+/, "");
  expect(serial).toMatch(/^[0-9A-F]+$/);
  const destroy = await stack.destroy({ onEvent });
  expect(destroy.summary.resourceChanges).toEqual({ delete: 3 });
  expect((await certificates()).map((c) => c.frozen)).toEqual([true]);
  caCli.run(["gencrl"]);
  const crl = execFileSync(
    "openssl",
    ["crl", "-in", join(caCli.home, "msp/crls/crl.pem"), "-noout", "-text"],
    {
      encoding: "utf8",
    },
  ).toUpperCase();
  expect(crl).toContain(serial);
});
