import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { languageYamlBin } from "../../scripts/languageYamlBin";
import { emulatorCertificates } from "../support/emulatorInspection";
import { fixtureCredentials as fx } from "../support/fixture";
import { secretHits } from "../support/secretHits";
import { engineBin, PASSPHRASE } from "./harness";

/**
 * examples/yaml through the real engine: a Pulumi YAML program (pulumi-language-yaml) declares a
 * UserCertificate of the `bcs` package and calls its getCaIdentities, both served by the plugin in
 * package/ (issue 14).
 */
const repo = resolve(__dirname, "../..");
const userName = "yamluser01";

let scratch: string;
let emulator: RunningEmulator;
let stack: Stack;
/** `pulumi stack export` as a user runs it: secrets stay encrypted (the Automation API's export decrypts). */
let exportState: () => string;
const events: EngineEvent[] = [];

beforeAll(async () => {
  if (!existsSync(join(repo, "dist/package/main.js")))
    throw new Error("dist/package/main.js is missing: run `npm run build` first");
  scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-yaml-"));
  mkdirSync(join(scratch, "state"));
  emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  // The example names the plugin by a path relative to the repository; the copy runs elsewhere.
  const workDir = join(scratch, "program");
  cpSync(join(repo, "examples/yaml"), workDir, { recursive: true });
  const project = readFileSync(join(workDir, "Pulumi.yaml"), "utf8");
  const pluginPath = "path: ../../package/bin";
  expect(project).toContain(pluginPath);
  writeFileSync(
    join(workDir, "Pulumi.yaml"),
    project.replace(pluginPath, `path: ${join(repo, "package/bin")}`),
  );
  const bin = engineBin();
  const pulumiHome = join(scratch, "home");
  stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "yaml", workDir },
    {
      pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
      pulumiHome,
      envVars: {
        // The engine, the YAML host and the plugin's `node` (the first on PATH, as jest's).
        PATH: `${bin}:${languageYamlBin()}:${process.env.PATH}`,
        PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // NAVER's settings from the environment, Huawei's from `bcs:` config: both paths.
        BCS_NCLOUD_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
        NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
      },
    },
  );
  exportState = () =>
    execFileSync(join(bin, "pulumi"), ["stack", "export", "--stack", "yaml", "--non-interactive"], {
      cwd: workDir,
      encoding: "utf8",
      env: { ...process.env, ...stack.workspace.envVars, PULUMI_HOME: pulumiHome },
    });
  // The example's networkId default and its caId are the emulator's NAVER CA. (caId is written in the
  // program: pulumi-language-yaml v1.25.0 hands a digits-only `type: string` config value on as a number.)
  expect([fx.ncloud.networkId, fx.ncloud.caId]).toEqual([1630, "25728700"]);
  await stack.setAllConfig({
    projectId: { value: fx.huawei.projectId },
    blockchainId: { value: fx.huawei.blockchainId },
    userName: { value: userName },
    "bcs:huaweiEndpoint": { value: emulator.url },
    "bcs:huaweiIamEndpoint": { value: emulator.url },
    "bcs:huaweiAccessKey": { value: fx.huawei.accessKey, secret: true },
    "bcs:huaweiSecretKey": { value: fx.huawei.secretKey, secret: true },
  });
}, 300_000);

afterAll(async () => {
  await emulator?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const onEvent = (event: EngineEvent) => events.push(event);
const certificates = () => emulatorCertificates(emulator.url, { userName });

it("previews the create without a request, applies it, then previews no change", async () => {
  const preview = await stack.preview({ onEvent });
  expect(preview.changeSummary).toEqual({ create: 2 });
  expect(await certificates()).toEqual([]);

  const up = await stack.up({ onEvent });
  expect(up.summary.resourceChanges).toEqual({ create: 2 });
  expect(up.outputs.subject).toEqual({ value: `CN=${userName},OU=client,O=org1,C=CN`, secret: false });
  expect(up.outputs.key!.secret).toBe(true);
  expect(up.outputs.key!.value).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  // getCaIdentities ran in the plugin, as a function of the package.
  expect(up.outputs.clientsByType!.value).toEqual({ CLIENT: 2 });
  expect(await certificates()).toHaveLength(1);

  const again = await stack.preview({ onEvent });
  expect(again.changeSummary).toEqual({ same: 2 });
}, 600_000);

it("previews a userName change as a replace, and refuses a bad one at preview naming the field", async () => {
  await stack.setConfig("userName", { value: "yamluser02" });
  const rename = await stack.preview({ onEvent });
  expect(rename.changeSummary).toEqual({ replace: 1, same: 1 });
  await stack.setConfig("userName", { value: "Yaml_User" });
  await expect(stack.preview({ onEvent })).rejects.toThrow(
    /userName may contain only lowercase letters a-z and digits 0-9/,
  );
  await stack.setConfig("userName", { value: userName });
  expect(await emulatorCertificates(emulator.url, { userName: "yamluser02" })).toEqual([]);
}, 600_000);

it("keeps the key a secret in the state and out of the event log", async () => {
  const key = (await stack.outputs()).key!.value as string;
  const state = exportState();
  const resource = (
    JSON.parse(state) as {
      deployment: { resources: { type: string; outputs: Record<string, Record<string, unknown>> }[] };
    }
  ).deployment.resources.find((r) => r.type === "bcs:index:UserCertificate")!;
  for (const name of ["privateKeyPem", "archive", "msp", "gatewayIdentity"])
    expect(resource.outputs[name]).toHaveProperty("ciphertext");
  const keyLine = key.split("\n")[1]!;
  const secrets = new Map([
    ["a line of the private key", keyLine],
    ["the Huawei secret key", fx.huawei.secretKey],
  ]);
  expect(
    secretHits(secrets, {
      state,
      "event log": JSON.stringify(events),
    }),
  ).toEqual([]);
});

it("destroys: the certificate is frozen", async () => {
  const destroy = await stack.destroy({ onEvent });
  expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
  expect((await certificates()).map((c) => c.frozen)).toEqual([true]);
}, 600_000);
