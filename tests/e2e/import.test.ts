import { execFile, execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { startFabricCaServer, type RunningFabricCa } from "../../testing/fabricCaServer";
import { installPackageCopy } from "../../testing/installedPackage";
import { languageYamlBin } from "../../testing/languageYamlBin";
import { pythonEnv } from "../../testing/languagePythonBin";
import { createPythonStack } from "../../testing/pythonStack";
import { enrolledFabricCaCli, type FabricCaCli } from "../support/fabricCaCli";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { startHostileServer } from "../support/hostileServer";
import {
  certificatesConfig,
  engineBin,
  fabricCertificatesConfig,
  PASSPHRASE,
  startE2e,
  type E2eContext,
} from "./harness";

/**
 * `pulumi import` through the real engine, on both faces: a FabricCaUserCertificate enrolled with the
 * real fabric-ca-client behind Pulumi's back is read from a real fabric-ca-server; a Huawei
 * UserCertificate, which no API reads back, is refused with a message that says why and what to do.
 */
jest.setTimeout(10 * 60 * 1000);

const repo = resolve(__dirname, "../..");
const HUAWEI_REFUSAL =
  /UserCertificate cannot be imported: Huawei BCS has no API call that reads a user certificate back/;

let ca: RunningFabricCa;
let cli: FabricCaCli;
let scratch: string;

/** Registers `id` in org1 with role=reader, enrolls it with the real client; the certificate's serial. */
function enrolledOutsidePulumi(id: string): string {
  cli.run(
    ["register", "--id.name", id, "--id.secret", `${id}pw`, "--id.type", "client"].concat([
      "--id.affiliation",
      "org1",
      "--id.attrs",
      "role=reader:ecert",
    ]),
  );
  const home = join(scratch, id);
  const { host } = new URL(ca.url);
  execFileSync(
    join(ca.bin, "fabric-ca-client"),
    ["enroll", "-H", home, "-u", `http://${id}:${id}pw@${host}`],
    {
      stdio: "ignore",
    },
  );
  return new X509Certificate(readFileSync(join(home, "msp/signcerts/cert.pem"))).serialNumber;
}

const importId = (enrollmentId: string, serial: string) => `${ca.url}||${enrollmentId}|${serial}`;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-import-"));
  ca = await startFabricCaServer();
  cli = enrolledFabricCaCli(ca);
}, 300_000);

afterAll(async () => {
  await ca?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the dynamic face: the `import` resource option", () => {
  let ctx: E2eContext;
  const registrar = () => ({
    "bcs:fabricCaUrl": { value: ca.url },
    "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
    "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
  });

  beforeAll(async () => {
    ctx = await startE2e("import", registrar());
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("imports a Fabric CA certificate with no key, then previews no change", async () => {
    const serial = enrolledOutsidePulumi("dynimport01");
    const declared = {
      caUrl: ca.url,
      enrollmentId: "dynimport01",
      affiliation: "org1",
      attributes: { role: "reader" },
    };
    const importing = (over: Record<string, unknown>) =>
      fabricCertificatesConfig({
        fabricUser: { ...declared, ...over, importId: importId("dynimport01", serial) },
      });
    // Inputs that do not match what the CA holds are refused, naming each difference.
    await ctx.stack.setAllConfig({ ...registrar(), ...importing({ affiliation: "org1.department1" }) });
    const mismatch = (await ctx.stack.up().catch((e: Error) => e)) as Error;
    expect(mismatch.message).toMatch(
      /the program's inputs do not match the certificate: affiliation is "org1" at the CA, "org1.department1" in the program/,
    );
    await ctx.stack.setAllConfig(importing({}));
    const up = await ctx.stack.up();
    // Pulumi cannot import into a dynamic resource (pulumi/pulumi#16175): the provider adopts it at create.
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(up.summary.resourceChanges).not.toHaveProperty("import");
    const user = (up.outputs.results.value as Record<string, Record<string, unknown>>).fabricUser;
    expect(user).toMatchObject({
      serialNumber: serial,
      hasPrivateKey: false,
      privateKeyPem: "",
      status: "valid",
      subject: expect.stringMatching(/^CN=dynimport01,/),
      gatewayIdentity: null,
    });
    expect(Object.keys(user.msp as object).some((path) => path.startsWith("keystore/"))).toBe(false);
    expect(up.stderr + up.stdout).not.toContain(ca.bootstrap.secret);
    expect(up.stderr + up.stdout).toMatch(
      /dynimport01: imported certificate .*the CA never holds the private key/,
    );

    await ctx.stack.setAllConfig(fabricCertificatesConfig({ fabricUser: declared }));
    const preview = await ctx.stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  it("the next enrollment of an imported certificate makes a key", async () => {
    await ctx.stack.setAllConfig(
      fabricCertificatesConfig({
        fabricUser: {
          caUrl: ca.url,
          enrollmentId: "dynimport01",
          affiliation: "org1",
          attributes: { role: "writer" },
        },
      }),
    );
    const up = await ctx.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    const user = (up.outputs.results.value as Record<string, Record<string, unknown>>).fabricUser;
    expect(user.hasPrivateKey).toBe(true);
    expect(user.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("refuses to import a Huawei UserCertificate, saying why and what to do", async () => {
    await ctx.stack.setAllConfig(
      certificatesConfig({
        appUser: {
          projectId: fx.huawei.projectId,
          blockchainId: fx.huawei.blockchainId,
          orgName: "org1",
          userName: "importme01",
          importId: "anything",
        },
      }),
    );
    const error = (await ctx.stack.up().catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(HUAWEI_REFUSAL);
    expect(error.message).toMatch(
      /Let the stack create a new certificate .* freeze the old one in the BCS console/,
    );
  });
});

describe("the package face: `pulumi import` of the bcs plugin installed from npm, the generated YAML program", () => {
  let stack: Stack;
  let workDir: string;
  let pulumi: (args: string[]) => string;
  /** The same, without blocking this process (a server of the test must answer meanwhile). */
  let pulumiAsync: (args: string[]) => Promise<{ stdout: string; stderr: string }>;

  beforeAll(async () => {
    const bin = engineBin();
    workDir = join(scratch, "yaml");
    mkdirSync(workDir);
    installPackageCopy(workDir, repo, repo);
    writeFileSync(
      join(workDir, "Pulumi.yaml"),
      [
        "name: bcs-import",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: bcs",
        // As a user of the npm package names it (docs/languages.md), in a copy installed as npm would.
        "      path: node_modules/pulumi-bcs/package/bin",
        "resources: {}",
        "",
      ].join("\n"),
    );
    const pulumiHome = join(scratch, "home");
    const envVars = {
      PATH: `${bin}:${languageYamlBin()}:${process.env.PATH}`,
      PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      BCS_FABRIC_CA_REGISTRAR_CACHE_DIR: join(scratch, "registrar-cache"),
    };
    mkdirSync(join(scratch, "state"));
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "yamlimport", workDir },
      { pulumiCommand: await PulumiCommand.get({ root: resolve(bin, "..") }), pulumiHome, envVars },
    );
    await stack.setAllConfig({
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
    pulumiAsync = (args) =>
      promisify(execFile)(join(bin, "pulumi"), [...args, "--stack", "yamlimport", "--non-interactive"], {
        cwd: workDir,
        encoding: "utf8",
        env: { ...process.env, ...envVars, PULUMI_HOME: pulumiHome },
      });
    pulumi = (args) =>
      execFileSync(join(bin, "pulumi"), [...args, "--stack", "yamlimport", "--non-interactive"], {
        cwd: workDir,
        encoding: "utf8",
        env: { ...process.env, ...envVars, PULUMI_HOME: pulumiHome },
        stdio: ["ignore", "pipe", "pipe"],
      });
  }, 300_000);

  it("imports a Fabric CA certificate; the program it writes previews no change", () => {
    const serial = enrolledOutsidePulumi("yamlimport01");
    pulumi(
      ["import", "bcs:index:FabricCaUserCertificate", "fabricUser", importId("yamlimport01", serial)].concat([
        "--yes",
        "--out",
        join(scratch, "generated.yaml"),
      ]),
    );
    const state = JSON.parse(pulumi(["stack", "export"])) as {
      deployment: { resources: { type: string; outputs: Record<string, unknown> }[] };
    };
    const imported = state.deployment.resources.find((r) => r.type === "bcs:index:FabricCaUserCertificate")!;
    expect(imported.outputs).toMatchObject({
      serialNumber: serial,
      hasPrivateKey: false,
    });
    expect(imported.outputs.privateKeyPem).toHaveProperty("ciphertext");
    expect(JSON.stringify(state)).not.toContain(ca.bootstrap.secret);

    const program = readFileSync(join(scratch, "generated.yaml"), "utf8");
    expect(program).toMatch(/enrollmentId: yamlimport01/);
    expect(program).toMatch(/role: reader/);
    // The generated program is a program of its own: the project's plugin path goes in front of it.
    writeFileSync(
      join(workDir, "Pulumi.yaml"),
      readFileSync(join(workDir, "Pulumi.yaml"), "utf8").replace("resources: {}\n", program),
    );
    const preview = pulumi(["preview", "--expect-no-changes", "--diff"]);
    expect(preview).toMatch(/1 unchanged|2 unchanged/);
  });

  it("refuses an id naming a CA that bcs:fabricCaUrl does not name; that CA is sent nothing", async () => {
    const elsewhere = await startHostileServer();
    try {
      const failed = (await pulumiAsync([
        "import",
        "bcs:index:FabricCaUserCertificate",
        "stray",
        `${elsewhere.url}||victim01|abc`,
        "--yes",
      ]).catch((e: Error) => e)) as { stdout?: string; stderr?: string };
      expect(`${failed.stdout}${failed.stderr}`).toMatch(
        /is not a CA the registrar may be used at: bcs:fabricCaUrl \(BCS_FABRIC_CA_URL\) names http:\/\/127\.0\.0\.1:\d+\. Nothing was sent to it/,
      );
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("refuses to import a Huawei UserCertificate, saying why and what to do", () => {
    let message = "";
    try {
      pulumi(["import", "bcs:index:UserCertificate", "appUser", "anything", "--yes"]);
    } catch (err) {
      message = String((err as { stdout?: string }).stdout) + String((err as { stderr?: string }).stderr);
    }
    expect(message).toMatch(HUAWEI_REFUSAL);
  });
});

describe("the Python face: `pulumi import` writes a Python program on the generated SDK", () => {
  let stack: Stack;
  let pulumi: (args: string[]) => string;

  beforeAll(async () => {
    const pyScratch = join(scratch, "python");
    mkdirSync(pyScratch);
    stack = await createPythonStack({ scratch: pyScratch, stackName: "pyimport", passphrase: PASSPHRASE });
    // A program that declares nothing yet: the import writes what it should declare.
    writeFileSync(join(stack.workspace.workDir, "__main__.py"), "import pulumi\n");
    await stack.setAllConfig({
      caUrl: { value: ca.url },
      "bcs:fabricCaUrl": { value: ca.url },
      "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
      "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
    });
    pulumi = (args) =>
      execFileSync(join(engineBin(), "pulumi"), [...args, "--stack", "pyimport", "--non-interactive"], {
        cwd: stack.workspace.workDir,
        encoding: "utf8",
        env: { ...process.env, ...stack.workspace.envVars, PULUMI_HOME: join(pyScratch, "home") },
        stdio: ["ignore", "pipe", "pipe"],
      });
  }, 300_000);

  it("imports a Fabric CA certificate; the program it writes type-checks and previews no change", () => {
    const serial = enrolledOutsidePulumi("pyimport01");
    const generated = join(scratch, "generated.py");
    pulumi(
      ["import", "bcs:index:FabricCaUserCertificate", "fabricUser", importId("pyimport01", serial)].concat([
        "--yes",
        "--out",
        generated,
      ]),
    );
    const state = JSON.parse(pulumi(["stack", "export"])) as {
      deployment: { resources: { type: string; outputs: Record<string, unknown> }[] };
    };
    const imported = state.deployment.resources.find((r) => r.type === "bcs:index:FabricCaUserCertificate")!;
    expect(imported.outputs).toMatchObject({ serialNumber: serial, hasPrivateKey: false });
    expect(imported.outputs.privateKeyPem).toHaveProperty("ciphertext");
    expect(JSON.stringify(state)).not.toContain(ca.bootstrap.secret);

    const program = readFileSync(generated, "utf8");
    expect(program).toMatch(/import pulumi_bcs as bcs/);
    expect(program).toMatch(/bcs\.FabricCaUserCertificate\("fabricUser"/);
    expect(program).toMatch(/enrollment_id="pyimport01"/);
    expect(program).toMatch(/"role": "reader"/);
    const main = join(stack.workspace.workDir, "__main__.py");
    writeFileSync(main, program);
    // The written program is typed against the generated SDK as examples/python is.
    execFileSync(
      join(pythonEnv(), "bin/mypy"),
      ["--config-file", join(repo, "examples/python/mypy.ini"), "--cache-dir", join(scratch, "mypy"), main],
      {
        env: { ...process.env, MYPYPATH: stack.workspace.envVars.PYTHONPATH },
        stdio: "pipe",
      },
    );
    const preview = pulumi(["preview", "--expect-no-changes", "--diff"]);
    expect(preview).toMatch(/2 unchanged/);
  });
});
