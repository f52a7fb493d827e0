import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { installPackageCopy } from "../../testing/installedPackage";
import { javaMaven, languageJavaBin } from "../../testing/languageJavaBin";
import { packageStackConfig } from "../../testing/packageStackConfig";
import { engineBin, PASSPHRASE } from "./harness";

/**
 * A Java program outside this repository, set up as the README says: pulumi-bcs installed from npm,
 * the Java SDK generated from the installed plugin with `pulumi package gen-sdk`, built with a pom like
 * tools/java/pom.xml and `mvn install`ed, and a Maven program (examples/java's pom and source) whose
 * Pulumi.yaml says `runtime: java`: the Java host runs it with `mvn compile exec:java`. Maven Central
 * is stood in for by a copy of the Java face's filled repository, offline (.mvn/maven.config), so
 * that nothing is downloaded. It runs `pulumi up` against the emulator and a real fabric-ca-server.
 */
jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
let dir: string;
let emulator: RunningEmulator;
let ca: RunningFabricCa;
let stack: Stack;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pulumi-bcs-java-user-"));
  emulator = await startEmulator({ port: 0, dataDir: join(dir, "emulator") });
  ca = await startFabricCaServer();
  const program = join(dir, "program");
  mkdirSync(program);
  installPackageCopy(program, repo, repo);
  // The user's Maven repository, as Maven Central would fill it, and Maven told to use it offline.
  const m2 = join(dir, "m2");
  cpSync(javaMaven(), m2, { recursive: true });
  const offline = (project: string) => {
    mkdirSync(join(project, ".mvn"), { recursive: true });
    writeFileSync(join(project, ".mvn/maven.config"), `-o\n-Dmaven.repo.local=${m2}\n`);
  };
  const env = {
    ...process.env,
    // The CLI and its Java language host, as a Pulumi install has them; the plugin's `node`.
    PATH: `${engineBin()}:${languageJavaBin()}:${process.env.PATH}`,
    PULUMI_HOME: join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  const run = (command: string, args: string[], cwd = program) =>
    execFileSync(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  // The README's steps.
  run(
    "pulumi",
    ["package", "gen-sdk", "node_modules/pulumi-bcs/package/bin/pulumi-resource-bcs"].concat([
      "--language",
      "java",
      "--out",
      "sdk",
    ]),
  );
  const sdk = join(program, "sdk/java");
  copyFileSync(join(repo, "tools/java/pom.xml"), join(sdk, "pom.xml"));
  const resources = join(sdk, "src/main/resources/com/pulumi/bcs");
  mkdirSync(resources, { recursive: true });
  writeFileSync(join(resources, "version.txt"), "0.1.0\n");
  writeFileSync(join(resources, "plugin.json"), '{"resource": true, "name": "bcs", "version": "0.1.0"}\n');
  offline(sdk);
  run("mvn", ["-B", "-q", "install"], sdk);
  copyFileSync(join(repo, "examples/java/pom.xml"), join(program, "pom.xml"));
  cpSync(join(repo, "examples/java/src"), join(program, "src"), { recursive: true });
  offline(program);
  writeFileSync(
    join(program, "Pulumi.yaml"),
    [
      "name: my-identities",
      "runtime: java",
      "plugins:",
      "  providers:",
      "    - name: bcs",
      "      path: node_modules/pulumi-bcs/package/bin",
      "config:",
      "  projectId: { type: string, default: 0123456789abcdef0123456789abcdef }",
      "  blockchainId: { type: string, default: bcs-demo-0001 }",
      "  userName: { type: string, default: javauser02 }",
      "  networkId: { type: integer, default: 1630 }",
      "  caUrl: { type: string }",
      "  enrollmentId: { type: string, default: javaapp02 }",
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

it("pulumi up runs the Maven program on the SDK generated from the installed plugin", async () => {
  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
  const { subject, key, fabricSubject, fabricKey, clientsByType } = up.outputs;
  expect(subject.value).toBe("CN=javauser02,OU=client,O=org1,C=CN");
  expect(fabricSubject.value).toMatch(/^CN=javaapp02,/);
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
  expect(new X509Certificate(fabric.outputs.certificatePem as string).subject).toMatch(/CN=javaapp02/);
});
