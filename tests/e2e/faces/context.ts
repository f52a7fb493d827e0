import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  PulumiCommand,
  type ConfigMap,
  type LocalWorkspaceOptions,
  type Stack,
} from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { startFabricCaServer, type RunningFabricCa } from "../../../testing/fabricCaServer";
import { killProcessTree, leftoverProcesses } from "../../../testing/processTree";
import { enrolledFabricCaCli, type FabricCaCli } from "../../support/fabricCaCli";
import { fixtureCredentials as fx } from "../../../testing/fixture";
import { engineBin, PASSPHRASE, RUN_MARKER } from "../harness";

/**
 * What every face's stack shares: the servers it talks to, where its state lives, its environment and
 * its config (the keys of the shared contract of the package examples, plus the `bcs:` settings).
 */
export interface FaceContext {
  stackName: string;
  /** A fresh directory of this face's run: state backend, Pulumi home, program copies. */
  scratch: string;
  emulator: RunningEmulator;
  ca: RunningFabricCa;
  /** fabric-ca-client enrolled as the CA's registrar: looks at the CA behind Pulumi's back. */
  caCli: FabricCaCli;
  /** The engine's directory (pulumi and its nodejs language host). */
  engineBin: string;
  /** The environment of every engine command, PATH aside (a driver puts its language host on it). */
  env: Record<string, string>;
  config: ConfigMap;
  /** The contract's config values, as the scenarios expect them. */
  userName: string;
  enrollmentId: string;
}

/** The `mspId` every face's stack sets as a secret; both of the contract's certificates take it. */
export const SECRET_MSP_ID = "Org1FaceSecretMSP";

/** Creates the Automation API stack of one face's program in `ctx` (its driver). */
export type CreateStack = (ctx: FaceContext) => Promise<Stack>;

export async function startFaceContext(stackName: string): Promise<FaceContext> {
  const scratch = mkdtempSync(join(tmpdir(), `pulumi-bcs-faces-${stackName}-`));
  mkdirSync(join(scratch, "state"));
  const emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
  let ca: RunningFabricCa | undefined;
  try {
    ca = await startFabricCaServer();
    const bin = engineBin();
    const userName = "faceuser01";
    const enrollmentId = "faceapp01";
    return {
      stackName,
      scratch,
      emulator,
      ca,
      caCli: enrolledFabricCaCli(ca),
      engineBin: bin,
      userName,
      enrollmentId,
      env: {
        // Marks every process the engine starts for this face, so that closing finds any left behind.
        [RUN_MARKER]: scratch,
        PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // NAVER's settings from the environment, Huawei's and the registrar from `bcs:` config: both paths.
        BCS_NCLOUD_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
        NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
        BCS_FABRIC_CA_REGISTRAR_CACHE_DIR: join(scratch, "registrar-cache"),
      },
      config: {
        projectId: { value: fx.huawei.projectId },
        blockchainId: { value: fx.huawei.blockchainId },
        userName: { value: userName },
        networkId: { value: String(fx.ncloud.networkId) },
        caUrl: { value: ca.url },
        enrollmentId: { value: enrollmentId },
        // Declared secret by the stack: every face must keep it secret (secretInputs.ts).
        mspId: { value: SECRET_MSP_ID, secret: true },
        "bcs:huaweiEndpoint": { value: emulator.url },
        "bcs:huaweiIamEndpoint": { value: emulator.url },
        "bcs:huaweiAccessKey": { value: fx.huawei.accessKey, secret: true },
        "bcs:huaweiSecretKey": { value: fx.huawei.secretKey, secret: true },
        "bcs:fabricCaUrl": { value: ca.url },
        "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
        "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
      },
    };
  } catch (err) {
    await ca?.stop();
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The Automation API's options for a program in `ctx`. PATH: `path` (a language host), the engine, then
 * this process's PATH, whose first `node` runs the plugins and the program (as jest's).
 */
export async function workspaceOptions(
  ctx: FaceContext,
  path: string[] = [],
): Promise<LocalWorkspaceOptions> {
  return {
    pulumiCommand: await PulumiCommand.get({ root: resolve(ctx.engineBin, "..") }),
    pulumiHome: join(ctx.scratch, "home"),
    envVars: { ...ctx.env, PATH: [...path, ctx.engineBin, process.env.PATH].join(":") },
  };
}

/** `pulumi stack export` as a user runs it: secrets stay encrypted (the Automation API's export decrypts). */
export function exportState(ctx: FaceContext, stack: Stack): string {
  return execFileSync(
    join(ctx.engineBin, "pulumi"),
    ["stack", "export", "--stack", stack.name, "--non-interactive"],
    {
      cwd: stack.workspace.workDir,
      encoding: "utf8",
      env: { ...process.env, ...stack.workspace.envVars, PULUMI_HOME: join(ctx.scratch, "home") },
    },
  );
}

/** Removes the stack, stops the servers, and fails if an engine process of this face outlived its run. */
export async function closeFaceContext(ctx: FaceContext, stack: Stack | undefined): Promise<void> {
  await stack?.workspace.removeStack(ctx.stackName, { force: true }).catch(() => undefined);
  await ctx.emulator.close();
  await ctx.ca.stop();
  rmSync(ctx.scratch, { recursive: true, force: true });
  rmSync(ctx.caCli.home, { recursive: true, force: true });
  const left = await leftoverProcesses(RUN_MARKER, ctx.scratch);
  for (const { pid } of left) killProcessTree(pid);
  if (left.length > 0)
    throw new Error(
      `${ctx.stackName}: processes of its engine runs were still running (killed now):\n` +
        left.map(({ pid, command }) => `  ${pid} ${command}`).join("\n"),
    );
}
