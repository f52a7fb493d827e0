import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { installPackageCopy } from "../../testing/installedPackage";
import { packageStackConfig } from "../../testing/packageStackConfig";
import { languagePythonBin } from "../../testing/languagePythonBin";
import { engineBin, PASSPHRASE } from "./harness";

/**
 * A Python program outside this repository, set up as docs/languages.md says: pulumi-bcs installed from npm,
 * the Python SDK generated from the installed plugin with `pulumi package gen-sdk`, a virtual
 * environment with `pulumi` and that SDK pip-installed into it, and a Pulumi.yaml naming the plugin
 * and the environment. It runs `pulumi up` against the emulator and a real fabric-ca-server.
 */
jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
let dir: string;
let emulator: RunningEmulator;
let ca: RunningFabricCa;
let stack: Stack;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pulumi-bcs-python-user-"));
  emulator = await startEmulator({ port: 0, dataDir: join(dir, "emulator") });
  ca = await startFabricCaServer();
  const program = join(dir, "program");
  mkdirSync(program);
  installPackageCopy(program, repo, repo);
  const env = {
    ...process.env,
    // The CLI and its Python language host, as a Pulumi install has them; the plugin's `node`.
    PATH: `${engineBin()}:${languagePythonBin()}:${process.env.PATH}`,
    PULUMI_HOME: join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: program, env, stdio: ["ignore", "pipe", "pipe"] });
  // The steps of docs/languages.md.
  run(
    "pulumi",
    ["package", "gen-sdk", "node_modules/pulumi-bcs/package/bin/pulumi-resource-bcs"].concat([
      "--language",
      "python",
      "--out",
      "sdk",
    ]),
  );
  run("python3", ["-m", "venv", "venv"]);
  // The documented `pip install ./sdk/python` resolves pulumi and the SDK's other requirements from
  // PyPI; here they are the pinned, hashed ones (the same versions), so that the SDK is installed
  // with no build isolation (setuptools from that list) and no other download.
  const pip = (args: string[]) =>
    run(join(program, "venv/bin/python"), [
      "-m",
      "pip",
      "--disable-pip-version-check",
      "--no-input",
      ...args,
    ]);
  pip(["install", "--require-hashes", "--no-deps", "-r", join(repo, "tools/python/requirements.txt")]);
  pip(["install", "--no-deps", "--no-build-isolation", "./sdk/python"]);
  copyFileSync(join(repo, "examples/python/__main__.py"), join(program, "__main__.py"));
  writeFileSync(
    join(program, "Pulumi.yaml"),
    [
      "name: my-identities",
      "runtime:",
      "  name: python",
      "  options:",
      "    virtualenv: venv",
      "plugins:",
      "  providers:",
      "    - name: bcs",
      "      path: node_modules/pulumi-bcs/package/bin",
      "config:",
      "  projectId: { type: string, default: 0123456789abcdef0123456789abcdef }",
      "  blockchainId: { type: string, default: bcs-demo-0001 }",
      "  userName: { type: string, default: pyuser02 }",
      "  networkId: { type: integer, default: 1630 }",
      "  caUrl: { type: string }",
      "  enrollmentId: { type: string, default: pyapp02 }",
      "",
    ].join("\n"),
  );
  mkdirSync(join(dir, "state"));
  const bin = engineBin();
  stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "dev", workDir: program },
    {
      pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }),
      pulumiHome: env.PULUMI_HOME,
      envVars: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
    },
  );
  await stack.setAllConfig(packageStackConfig(emulator.url, ca));
}, 600_000);

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await ca?.stop();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("pulumi up runs the program on the SDK generated from the installed plugin", async () => {
  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
  const { subject, key, fabricSubject, fabricKey, clientsByType } = up.outputs;
  expect(subject.value).toBe("CN=pyuser02,OU=client,O=org1,C=CN");
  expect(fabricSubject.value).toMatch(/^CN=pyapp02,/);
  expect(clientsByType.value).toEqual({ CLIENT: 2 });
  for (const k of [key, fabricKey]) {
    expect(k.secret).toBe(true);
    expect(k.value).toMatch(/^-----BEGIN (EC )?PRIVATE KEY-----/);
  }
  // `pulumi stack export` as a user runs it: the keys are ciphertext in the state.
  const exported = execFileSync(join(engineBin(), "pulumi"), ["stack", "export", "--stack", "dev"], {
    cwd: stack.workspace.workDir,
    encoding: "utf8",
    env: { ...process.env, ...stack.workspace.envVars },
  });
  for (const k of [key, fabricKey]) expect(exported).not.toContain(String(k.value).split("\n")[1]);
  const fabric = (
    JSON.parse(exported) as {
      deployment: { resources: { type: string; outputs: Record<string, unknown> }[] };
    }
  ).deployment.resources.find((r) => r.type === "bcs:index:FabricCaUserCertificate")!;
  expect(fabric.outputs.privateKeyPem).toHaveProperty("ciphertext");
  // The certificate the CA issued is the one the stack holds.
  expect(new X509Certificate(fabric.outputs.certificatePem as string).subject).toMatch(/CN=pyapp02/);
});
