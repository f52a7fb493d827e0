import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LocalWorkspace, PulumiCommand, type ConfigMap, type Stack } from "@pulumi/pulumi/automation";
import { engineBin } from "../../testing/engineBin";
import { installPackageCopy } from "../../testing/installedPackage";
import type { GatewayIdentity } from "../../sdk";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { describeVariants, variantOptionsFrom, type VariantPicks } from "../../emulator/variants";
import { defaultFixture } from "../../emulator/fixture";
import type { CertificateRecord, EmulatorState } from "../../emulator/state";
import { fixtureCredentials } from "../../testing/fixture";
import { setEmulatorClock } from "../support/emulatorInspection";
import { killProcessTree, leftoverProcesses, processesWithEnv } from "../../testing/processTree";
import type { CompatLeg } from "../compat/legs";

const repo = resolve(__dirname, "../..");

export { engineBin };

/** A compiled program, with its Pulumi.yaml copied beside it. */
export function programDir(program: string): string {
  const dir = join(repo, "dist", program);
  if (!existsSync(join(dir, "index.js")))
    throw new Error(`dist/${program}/index.js is missing: run \`npm run build\` first`);
  copyFileSync(join(repo, program, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  return dir;
}

/**
 * The compiled program copied into `dir`, with pulumi-bcs installed beside it: a copy of this
 * repository's package (testing/installedPackage.ts), or the node_modules of a compat leg's project,
 * where the packed package was installed by npm (scripts/compat.sh).
 */
export function installedProgramDir(program: string, dir: string, leg?: CompatLeg): string {
  const compiled = programDir(program);
  mkdirSync(dir);
  if (leg) {
    symlinkSync(join(leg.project, "node_modules"), join(dir, "node_modules"));
    copyFileSync(join(leg.project, "package.json"), join(dir, "package.json"));
  } else installPackageCopy(dir, repo, repo);
  for (const file of ["index.js", "Pulumi.yaml"]) copyFileSync(join(compiled, file), join(dir, file));
  return dir;
}

export const PASSPHRASE = "e2e-passphrase-not-secret";

/** The environment variable that marks the processes of one test's engine runs (its scratch directory). */
export const RUN_MARKER = "PULUMI_BCS_E2E_RUN";

export interface E2eContext {
  emulator: RunningEmulator;
  stack: Stack;
  /** The environment every engine command of this test gets. */
  env: Record<string, string>;
  /** Runs the pulumi CLI on this stack, with the test's environment; returns stdout. */
  cli(args: string[]): string;
  /** Everything printed by the engine during the run, for leak checks. */
  printed: string[];
  /**
   * SIGKILLs every process the engine runs of this test started (a killed CLI's language host and
   * plugins outlive it, reparented to init); returns their pids.
   */
  killEngineProcesses(): number[];
  close(): Promise<void>;
}

/**
 * A fresh emulator, a fresh local backend and a stack of the e2e program configured for the emulator.
 * Huawei credentials come from stack config as secrets, NAVER's from the environment, so both paths
 * are exercised.
 */
export async function startE2e(
  stackName: string,
  config: ConfigMap = {},
  /** The program's source folder, holding its Pulumi.yaml; it runs from dist/. */
  program = "tests/e2e/program",
  /**
   * Run the program beside a copy of pulumi-bcs installed in node_modules, as users' programs run;
   * with a leg, beside that leg's installed package, on its Node.js and engine.
   */
  opts: {
    installed?: boolean;
    leg?: CompatLeg;
    /** Certificates the emulator holds from the start, as an earlier run left them (its state.json). */
    emulatorCertificates?: CertificateRecord[];
    /** Variants pinned on top of the printed seed (emulator/variants.ts), for a test of one of them. */
    pick?: Partial<VariantPicks>;
  } = {},
): Promise<E2eContext> {
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-e2e-"));
  mkdirSync(join(scratch, "state"));
  if (opts.emulatorCertificates) {
    const seeded: EmulatorState = {
      version: 1,
      fixture: structuredClone(defaultFixture),
      tokens: [],
      cas: [],
      certificates: opts.emulatorCertificates,
    };
    mkdirSync(join(scratch, "emulator"));
    writeFileSync(join(scratch, "emulator", "state.json"), JSON.stringify(seeded));
  }
  // scripts/test.sh draws a fresh seed for each run and prints it; the same seed replays the run.
  const seeded = variantOptionsFrom(process.env.BCS_EMULATOR_VARIANT_SEED, "BCS_EMULATOR_VARIANT_SEED");
  const variants = opts.pick ? { seed: seeded?.seed ?? 0, ...seeded, pick: opts.pick } : seeded;
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator"), variants });
  if (variants) process.stderr.write(`${stackName}: ${describeVariants(emulator.variants)}\n`);
  try {
    const workDir =
      opts.installed || opts.leg
        ? installedProgramDir(program, join(scratch, "app"), opts.leg)
        : programDir(program);
    return await configureStack(stackName, config, scratch, emulator, workDir, opts.leg);
  } catch (err) {
    await emulator.close();
    throw err;
  }
}

async function configureStack(
  stackName: string,
  config: ConfigMap,
  scratch: string,
  emulator: RunningEmulator,
  workDir: string,
  leg?: CompatLeg,
): Promise<E2eContext> {
  const bin = leg?.engineBin ?? engineBin();
  const pulumiCommand = await PulumiCommand.get({ root: resolve(bin, "..") });
  const creds = fixtureCredentials;
  const pulumiHome = join(scratch, "home");
  const envVars: Record<string, string> = {
    ...legPath(leg),
    // Marks every process the engine starts for this stack, so close() can tell whether any outlived it.
    [RUN_MARKER]: scratch,
    PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    NCLOUD_ACCESS_KEY_ID: creds.ncloud.accessKey,
    NCLOUD_SECRET_ACCESS_KEY: creds.ncloud.secretKey,
    BCS_NCLOUD_ENDPOINT: emulator.url,
    // The registrar's enrollment is kept per test, not in the developer's home.
    BCS_FABRIC_CA_REGISTRAR_CACHE_DIR: join(scratch, "registrar-cache"),
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir },
    { pulumiCommand, pulumiHome, envVars },
  );
  await stack.setAllConfig({
    "bcs:huaweiEndpoint": { value: emulator.url },
    "bcs:huaweiIamEndpoint": { value: emulator.url },
    "bcs:huaweiUserName": { value: creds.huawei.userName },
    "bcs:huaweiDomainName": { value: creds.huawei.domainName },
    "bcs:huaweiPassword": { value: creds.huawei.password, secret: true },
    ...config,
  });
  const printed: string[] = [];
  return {
    emulator,
    stack,
    printed,
    env: { ...envVars, PULUMI_HOME: pulumiHome },
    killEngineProcesses: () =>
      processesWithEnv(RUN_MARKER, scratch).flatMap(({ pid }) => killProcessTree(pid)),
    cli: (args) =>
      execFileSync(join(bin, "pulumi"), [...args, "--stack", stackName, "--non-interactive"], {
        cwd: workDir,
        encoding: "utf8",
        env: {
          ...process.env,
          ...envVars,
          PULUMI_HOME: pulumiHome,
          PATH: `${bin}:${envVars.PATH ?? process.env.PATH}`,
        },
      }),
    async close() {
      await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      await emulator.close();
      rmSync(scratch, { recursive: true, force: true });
      const left = await leftoverProcesses(RUN_MARKER, scratch);
      if (left.length > 0) {
        for (const { pid } of left) killProcessTree(pid);
        throw new Error(
          `stack ${stackName}: processes of its engine runs were still running after the test (killed now):\n` +
            left.map(({ pid, command }) => `  ${pid} ${command}`).join("\n"),
        );
      }
    },
  };
}

/** A leg's Node.js and engine first on PATH, for the engine and the processes it starts. */
export function legPath(leg: CompatLeg | undefined): Record<string, string> {
  return leg ? { PATH: `${leg.nodeBin}:${leg.engineBin}:${process.env.PATH}` } : {};
}

/** Sets the certificates the program declares (resource name → args). */
export function certificatesConfig(certs: Record<string, Record<string, unknown>>): ConfigMap {
  return { "pulumi-bcs-e2e:certificates": { value: JSON.stringify(certs) } };
}

/** Sets the Fabric CA certificates the program declares (resource name → args). */
export function fabricCertificatesConfig(certs: Record<string, Record<string, unknown>>): ConfigMap {
  return { "pulumi-bcs-e2e:fabricCertificates": { value: JSON.stringify(certs) } };
}

export function lookupsConfig(lookups: Record<string, Record<string, unknown>>): ConfigMap {
  return { "pulumi-bcs-e2e:lookups": { value: JSON.stringify(lookups) } };
}

/**
 * Moves time for the provider (`PULUMI_BCS_NOW` in every later engine command) and the emulator
 * together, so signatures, tokens and newly issued certificates agree; undefined returns to real time.
 */
export async function setClock(ctx: E2eContext, date: Date | undefined): Promise<void> {
  await setEmulatorClock(ctx.emulator.url, date);
  if (date) ctx.stack.workspace.envVars.PULUMI_BCS_NOW = date.toISOString();
  else delete ctx.stack.workspace.envVars.PULUMI_BCS_NOW;
}

/** The lifecycle outputs the e2e program exports for every certificate resource. */
export interface LifecycleResult {
  certificatePem: string;
  privateKeyPem: string;
  serialNumber: string;
  notAfter: string;
  expiresInDays: number;
  readyForRenewal: boolean;
  onDelete: string;
  status: string;
  gatewayIdentity: GatewayIdentity | null;
}
