import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { startMinio, type RunningMinio } from "../../testing/minioServer";
import { scanBucket } from "../support/bucketScan";
import { emulatorCertificates } from "../support/emulatorInspection";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { startHoldingProxy, type HoldingProxy } from "../support/holdingProxy";
import { obtainToken } from "../emulator/helpers";
import { certificatesConfig, engineBin, installedProgramDir, PASSPHRASE } from "./harness";

jest.setTimeout(15 * 60 * 1000);

const STACK = "team";
const BUCKET = "team-stacks";
const base = { projectId: fx.huawei.projectId, blockchainId: fx.huawei.blockchainId, orgName: "org1" };
const cert = (userName: string) => ({ ...base, userName, securityMode: true });

/** One team member: a working copy of the program, a Pulumi home of their own, the shared backend. */
interface Member {
  dir: string;
  env: Record<string, string>;
  stack: Stack;
}

interface CliRun {
  pid: number;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** The pulumi CLI on the member's working copy, as they would type it. */
function pulumi(member: Member, args: string[]): CliRun {
  const bin = engineBin();
  const child = spawn(join(bin, "pulumi"), [...args, "--stack", STACK, "--non-interactive"], {
    cwd: member.dir,
    env: { ...process.env, ...member.env, PATH: `${bin}:${process.env.PATH}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((settle) =>
    child.once("close", (code) =>
      settle({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    ),
  );
  return { pid: child.pid!, done };
}

type Results = Record<string, { serialNumber: string; privateKeyPem: string; archive: string }>;
const results = async (member: Member) => (await member.stack.outputs()).results.value as Results;

/**
 * Two team members share one stack on an S3-compatible object store (a real MinIO), each from their
 * own working copy, as `pulumi login s3://…` sets a team up: both preview, one's `up` holds the stack
 * lock while the other's is refused, the second sees the first's certificates, and nothing in the
 * bucket is a secret in plain text.
 */
describe("a stack shared on an S3 backend", () => {
  let scratch: string;
  let minio: RunningMinio;
  let emulator: RunningEmulator;
  let proxy: HoldingProxy;
  let token: string;
  let alice: Member;
  let bob: Member;

  /** A new working copy; `configFrom` is another member's stack config file, as version control hands it over. */
  async function member(name: string, configFrom?: Member): Promise<Member> {
    const dir = installedProgramDir("tests/e2e/program", join(scratch, name));
    const configFile = `Pulumi.${STACK}.yaml`;
    if (configFrom) copyFileSync(join(configFrom.dir, configFile), join(dir, configFile));
    const home = join(scratch, `${name}-home`);
    const env = {
      PULUMI_BACKEND_URL: minio.backendUrl,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: home,
      ...minio.cliEnv,
      // Nothing from this machine's AWS setup: only the variables above.
      AWS_CONFIG_FILE: join(scratch, "no-aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, "no-aws-credentials"),
    };
    const pulumiCommand = await PulumiCommand.get({ root: resolve(engineBin(), "..") });
    const workspace = { pulumiCommand, pulumiHome: home, envVars: env };
    const args = { stackName: STACK, workDir: dir };
    const stack = configFrom
      ? await LocalWorkspace.selectStack(args, workspace)
      : await LocalWorkspace.createStack(args, workspace);
    return { dir, env, stack };
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-s3-"));
    minio = await startMinio({ bucket: BUCKET });
    emulator = await startEmulator({ port: 0, dataDir: join(scratch, "emulator") });
    proxy = await startHoldingProxy(emulator.url);
    token = await obtainToken(emulator.url);

    alice = await member("alice");
    await alice.stack.setAllConfig({
      "bcs:huaweiEndpoint": { value: proxy.url },
      "bcs:huaweiIamEndpoint": { value: proxy.url },
      "bcs:huaweiAuthToken": { value: token, secret: true },
      // A held request must not time out in the provider; nothing here waits on a clock.
      "bcs:requestTimeoutMs": { value: "600000" },
      ...certificatesConfig({ teamuser01: cert("teamuser01"), teamuser02: cert("teamuser02") }),
    });
    // Bob gets the stack's config file as a team does, from version control, and adds a user of his own.
    bob = await member("bob", alice);
    await bob.stack.setAllConfig(
      certificatesConfig({
        teamuser01: cert("teamuser01"),
        teamuser02: cert("teamuser02"),
        teamuser03: cert("teamuser03"),
      }),
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
    await minio?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("both working copies preview the shared stack", async () => {
    const previewA = await alice.stack.preview();
    const previewB = await bob.stack.preview();
    expect(previewA.changeSummary).toEqual({ create: 3 });
    expect(previewB.changeSummary).toEqual({ create: 4 });
  });

  let aliceResults: Results;

  it("one member's up holds the stack lock: the other's up is refused, names the holder, then succeeds", async () => {
    const lockKeys = async () =>
      (await minio.client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: ".pulumi/locks/" })))
        .Contents ?? [];
    const held = proxy.holdNext("POST", /\/usercert\/teamuser01$/);
    const aliceUp = pulumi(alice, ["up", "--yes", "--skip-preview"]);
    await held.arrived; // Alice's up is issuing a certificate, so it holds the lock
    expect((await lockKeys()).map((o) => o.Key)).toEqual([
      expect.stringMatching(new RegExp(`^\\.pulumi/locks/.*/${STACK}/[^/]+\\.json$`)),
    ]);

    const refused = await pulumi(bob, ["up", "--yes", "--skip-preview"]).done;
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/the stack is currently locked by 1 lock\(s\)/);
    expect(refused.stderr).toMatch(
      /wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`/,
    );
    expect(refused.stderr).toContain(`(pid ${aliceUp.pid})`);
    expect(proxy.count("POST", /\/usercert\/teamuser03$/)).toBe(0); // Bob's run changed nothing

    held.release();
    const aliceDone = await aliceUp.done;
    expect(aliceDone.code).toBe(0);
    expect(await lockKeys()).toEqual([]);
    aliceResults = await results(alice);

    const bobUp = await bob.stack.up();
    expect(bobUp.summary.resourceChanges).toEqual({ create: 1, same: 3 });
  });

  it("the second working copy sees the first's certificates, keys included", async () => {
    const bobResults = await results(bob);
    for (const name of ["teamuser01", "teamuser02"]) {
      expect(bobResults[name].serialNumber).toBe(aliceResults[name].serialNumber);
      expect(bobResults[name].privateKeyPem).toBe(aliceResults[name].privateKeyPem);
    }
    const active = (await emulatorCertificates(emulator.url)).filter((c) => !c.frozen);
    expect(active.map((c) => [c.userName, c.serialNumber]).sort()).toEqual(
      Object.entries(bobResults)
        .map(([name, r]) => [name, r.serialNumber])
        .sort(),
    );
    // Alice pulls Bob's config change: her working copy agrees with the shared state.
    copyFileSync(join(bob.dir, `Pulumi.${STACK}.yaml`), join(alice.dir, `Pulumi.${STACK}.yaml`));
    await alice.stack.preview({ expectNoChanges: true });
  });

  it("no object in the bucket holds a private key, token or credential in plain text", async () => {
    const secrets = new Map<string, string>([
      ["IAM token", token],
      ["IAM password", fx.huawei.password],
      ["S3 secret key", minio.credentials.secretAccessKey],
      ["stack passphrase", PASSPHRASE],
    ]);
    const stackResults = await results(bob);
    for (const [name, r] of Object.entries(stackResults)) {
      secrets.set(`private key of ${name}`, r.privateKeyPem.split("\n")[1]);
      secrets.set(`archive of ${name}`, r.archive.slice(100, 164));
    }
    // A control object holding a key in plain text proves that the scan reads what it lists.
    const control = "control/planted-key.pem";
    const client = minio.client();
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: control, Body: stackResults.teamuser01.privateKeyPem }),
    );
    const scan = await scanBucket(client, BUCKET, secrets);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: control }));

    expect(scan.keys).toEqual(
      expect.arrayContaining([
        `.pulumi/stacks/pulumi-bcs-e2e/${STACK}.json`,
        expect.stringMatching(new RegExp(`^\\.pulumi/history/pulumi-bcs-e2e/${STACK}/`)),
      ]),
    );
    expect(scan.hits.sort()).toEqual([
      `a PEM private key in ${control}`,
      `private key of teamuser01 in ${control}`,
    ]);
  });
});
