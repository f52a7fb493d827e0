import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { installPackageCopy } from "../../testing/installedPackage";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { runCheckCli } from "../../cli/check";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { pulumiProject } from "../support/pulumiProject";

/** `pulumi-bcs check` against the emulator: what each misconfiguration prints, and the exit code. */
let emulator: RunningEmulator;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "preflight-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const aksk = () => ({
  BCS_HUAWEI_ENDPOINT: emulator.url,
  HW_ACCESS_KEY: fx.huawei.accessKey,
  HW_SECRET_KEY: fx.huawei.secretKey,
});
const naver = () => ({
  BCS_NCLOUD_ENDPOINT: emulator.url,
  NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
  NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
});

async function check(env: NodeJS.ProcessEnv, args = ["--huawei-project", fx.huawei.projectId]) {
  const printed: string[] = [];
  // Outside any Pulumi project (this repository has a Pulumi.yaml): the environment only.
  const code = await runCheckCli(args, env, (text) => printed.push(text), tmpdir());
  return { code, out: printed.join("\n") };
}

const row = (cloud: string, what: string, outcome: string) =>
  new RegExp(`^${cloud} +${what} +${outcome} `, "m");

it("passes, with a table per cloud, when everything is right; creates nothing", async () => {
  const { code, out } = await check({ ...aksk(), ...naver() });
  expect(out).toMatch(row("Huawei BCS", "endpoint reachable", "ok"));
  expect(out).toMatch(row("Huawei BCS", "clock skew", "ok"));
  expect(out).toMatch(row("Huawei BCS", "credentials accepted", "ok"));
  expect(out).toMatch(row("Huawei BCS", "project id known", "ok"));
  expect(out).toMatch(row("NAVER Cloud", "credentials accepted", "ok"));
  expect(out).toMatch(/^settings: not in a Pulumi project: the environment only$/m);
  expect(out).not.toMatch(/FAIL/);
  expect(code).toBe(0);
  const certificates = await fetch(`${emulator.url}/_emulator/huawei/certificates`).then((r) => r.json());
  expect(certificates).toEqual({ certificates: [] });
});

it("wrong keys: fails, names the check and the fix, prints no secret", async () => {
  const { code, out } = await check({
    ...aksk(),
    HW_SECRET_KEY: "wrong-secret-key-123",
    ...naver(),
    NCLOUD_SECRET_ACCESS_KEY: "wrong-ncp-secret-456",
  });
  expect(out).toMatch(row("Huawei BCS", "credentials accepted", "FAIL"));
  expect(out).toMatch(
    /fix \(Huawei BCS, credentials accepted\): .*bcs:huaweiAccessKey and bcs:huaweiSecretKey/,
  );
  expect(out).toMatch(row("NAVER Cloud", "credentials accepted", "FAIL"));
  expect(out).toMatch(/fix \(NAVER Cloud, credentials accepted\): check bcs:ncloudAccessKey/);
  expect(out).not.toMatch(/wrong-secret-key-123|wrong-ncp-secret-456/);
  expect(code).toBe(1);
});

it("a skewed clock: fails the clock check with the NTP fix", async () => {
  const skewed = new Date(Date.now() + 60 * 60_000).toISOString();
  const { code, out } = await check({ ...aksk(), ...naver(), PULUMI_BCS_NOW: skewed });
  expect(out).toMatch(/^Huawei BCS +clock skew +FAIL +\+3\d{3} s against the server's Date/m);
  expect(out).toMatch(/^NAVER Cloud +clock skew +FAIL /m);
  expect(out).toMatch(
    /fix \(Huawei BCS, clock skew\): signatures are refused beyond ±15 minutes: synchronise/,
  );
  expect(code).toBe(1);
});

it("an unreachable endpoint: fails reachability with the fix", async () => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((done) => closed.close(() => done()));
  const { code, out } = await check({ ...aksk(), BCS_HUAWEI_ENDPOINT: `http://127.0.0.1:${port}` });
  expect(out).toMatch(row("Huawei BCS", "endpoint reachable", "FAIL"));
  expect(out).toMatch(/ECONNREFUSED/);
  expect(out).toMatch(/fix \(Huawei BCS, endpoint reachable\): check the endpoint setting/);
  expect(code).toBe(1);
});

it("a wrong project id: fails the project check, with AK/SK and with a password", async () => {
  const wrong = ["--huawei-project", fx.huawei.otherProjectId];
  const signed = await check(aksk(), wrong);
  expect(signed.out).toMatch(row("Huawei BCS", "project id known", "FAIL"));
  expect(signed.out).toMatch(/fix \(Huawei BCS, project id known\): check the project id fedcba98/);
  const password = await check(
    {
      BCS_HUAWEI_ENDPOINT: emulator.url,
      BCS_HUAWEI_IAM_ENDPOINT: emulator.url,
      HW_USER_NAME: fx.huawei.userName,
      HW_USER_PASSWORD: fx.huawei.password,
      HW_DOMAIN_NAME: fx.huawei.domainName,
    },
    ["--huawei-project", "00000000000000000000000000000000"],
  );
  expect(password.out).toMatch(row("Huawei BCS", "project id known", "FAIL"));
  expect(password.out).not.toContain(fx.huawei.password);
  expect([signed.code, password.code]).toEqual([1, 1]);
});

it("nothing configured: says what to set", async () => {
  const { code, out } = await check({}, []);
  expect(out).toMatch(/no cloud is configured: set the Huawei .* or NAVER/);
  expect(code).toBe(1);
});

it("`pulumi-bcs check` runs from an installed copy of the package, outside this repository", async () => {
  const repo = resolve(__dirname, "../..");
  const app = mkdtempSync(join(tmpdir(), "preflight-installed-"));
  try {
    installPackageCopy(app, repo, repo);
    const bin = join(app, "node_modules/pulumi-bcs/dist/cli/bin.js");
    const run = (env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, [bin, "check", "--huawei-project", fx.huawei.projectId], {
        cwd: app,
        env: { PATH: process.env.PATH, ...env },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
      );
    const good = await run({ ...aksk(), ...naver() });
    expect(good.stdout).toMatch(row("Huawei BCS", "project id known", "ok"));
    expect(good.code).toBe(0);
    const bad = await run({ ...aksk(), HW_SECRET_KEY: "wrong-secret-key-789" });
    expect(bad.stdout).toMatch(row("Huawei BCS", "credentials accepted", "FAIL"));
    expect(bad.code).toBe(1);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

it("in a Pulumi project, reads the stack's bcs: config (secrets included) through the pulumi CLI", async () => {
  const scratch = mkdtempSync(join(tmpdir(), "preflight-stack-"));
  try {
    const { project, env, pulumi } = pulumiProject(scratch);
    pulumi("config", "set", "bcs:huaweiEndpoint", emulator.url);
    pulumi("config", "set", "--secret", "bcs:huaweiAccessKey", fx.huawei.accessKey);
    pulumi("config", "set", "--secret", "bcs:huaweiSecretKey", fx.huawei.secretKey);
    const args = ["--huawei-project", fx.huawei.projectId];
    const printed: string[] = [];
    const code = await runCheckCli(args, env, (text) => printed.push(text), project);
    expect(printed.join("\n")).toMatch(
      /^settings: the bcs: config of stack \(selected\), then the environment$/m,
    );
    expect(printed.join("\n")).toMatch(row("Huawei BCS", "credentials accepted", "ok"));
    expect(code).toBe(0);

    pulumi("config", "set", "--secret", "bcs:huaweiSecretKey", "wrong-stack-secret-321");
    const wrong: string[] = [];
    expect(await runCheckCli(args, env, (text) => wrong.push(text), project)).toBe(1);
    expect(wrong.join("\n")).toMatch(row("Huawei BCS", "credentials accepted", "FAIL"));
    expect(wrong.join("\n")).not.toContain("wrong-stack-secret-321");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
