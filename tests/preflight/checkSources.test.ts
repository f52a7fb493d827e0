import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { runCheckCli } from "../../cli/check";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { startHostileServer, type HostileServer } from "../support/hostileServer";
import { pulumiProject } from "../support/pulumiProject";

/**
 * `pulumi-bcs check` as a new user runs it: the project id where the official tools keep it, a check
 * that could not run never reported as a pass, NAVER answers that are not NAVER's, an unknown BCS
 * region, and a `pulumi config` that never answers.
 */
let emulator: RunningEmulator;
let dataDir: string;
let scratch: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "preflight-sources-"));
  scratch = mkdtempSync(join(tmpdir(), "preflight-scratch-"));
  emulator = await startEmulator({ port: 0, dataDir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const aksk = (secretKey = fx.huawei.secretKey) => ({
  BCS_HUAWEI_ENDPOINT: emulator.url,
  HW_ACCESS_KEY: fx.huawei.accessKey,
  HW_SECRET_KEY: secretKey,
});

async function check(env: NodeJS.ProcessEnv, args: string[] = [], cwd = tmpdir()) {
  const printed: string[] = [];
  const code = await runCheckCli(args, env, (text) => printed.push(text), cwd);
  return { code, out: printed.join("\n") };
}

const row = (cloud: string, what: string, outcome: string) =>
  new RegExp(`^${cloud} +${what} +${outcome} `, "m");

it.each(["HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"])(
  "reads the project id from %s: a wrong secret key fails, exit 1",
  async (variable) => {
    const { code, out } = await check({ ...aksk("wrong-secret-key-321"), [variable]: fx.huawei.projectId });
    expect(out).toMatch(row("Huawei BCS", "credentials accepted", "FAIL"));
    expect(out).not.toContain("wrong-secret-key-321");
    expect(code).toBe(1);
    const good = await check({ ...aksk(), [variable]: fx.huawei.projectId });
    expect(good.out).toMatch(row("Huawei BCS", "project id known", "ok"));
    expect(good.code).toBe(0);
  },
);

it("without any project id, the credentials check is not a pass: exit 1, naming where to put it", async () => {
  const { code, out } = await check(aksk());
  expect(out).toMatch(row("Huawei BCS", "credentials accepted", "skipped"));
  expect(out).toMatch(
    /fix \(Huawei BCS, credentials accepted\): pass --huawei-project <project id>, or set bcs:huaweiProjectId \(HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID\)/,
  );
  expect(code).toBe(1);
});

it("a region BCS is not offered in fails with the regions that have BCS, before any request", async () => {
  const { code, out } = await check({
    HW_ACCESS_KEY: fx.huawei.accessKey,
    HW_SECRET_KEY: fx.huawei.secretKey,
    HW_REGION_NAME: "eu-west-101",
    HW_PROJECT_ID: fx.huawei.projectId,
  });
  expect(out).toMatch(row("Huawei BCS", "endpoint reachable", "FAIL"));
  expect(out).toMatch(
    /BCS is not offered in eu-west-101 .*: the regions with BCS are cn-north-1, cn-north-4,.* ap-southeast-4/,
  );
  expect(code).toBe(1);
});

describe("NAVER: only the answers NAVER documents count as the keys accepted", () => {
  let naver: HostileServer;
  beforeAll(async () => {
    naver = await startHostileServer();
  });
  afterAll(async () => naver.close());
  const naverEnv = () => ({
    BCS_NCLOUD_ENDPOINT: naver.url,
    NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
    NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
  });

  it.each([
    ["a 502 page", 502, "text/html", "<html><body>502 Bad Gateway</body></html>"],
    ["a captive portal's 200", 200, "text/html", "<html><title>Hotel Wi-Fi: sign in</title></html>"],
    ["a 200 JSON that is not the listing", 200, "application/json", '{"ok":true}'],
    ["a 404 that is not NAVER's error body", 404, "text/plain", "Not Found"],
  ])("%s: fails, exit 1", async (_name, status, type, body) => {
    naver.answer((_req, res) => {
      res.writeHead(status, { "Content-Type": type, Date: new Date().toUTCString() });
      res.end(body);
    });
    const { code, out } = await check(naverEnv());
    expect(out).toMatch(row("NAVER Cloud", "credentials accepted", "FAIL"));
    expect(out).toMatch(/the answer is not one NAVER documents/);
    expect(out).toMatch(/fix \(NAVER Cloud, credentials accepted\): check bcs:ncloudEndpoint and any proxy/);
    expect(code).toBe(1);
  });

  it("NAVER's own 404 for the CA that does not exist: accepted", async () => {
    naver.answer((_req, res) => {
      res.writeHead(404, { "Content-Type": "application/json", Date: new Date().toUTCString() });
      res.end('{"error":{"errorCode":"300","message":"Not Found Exception"}}');
    });
    const { code, out } = await check(naverEnv());
    expect(out).toMatch(row("NAVER Cloud", "credentials accepted", "ok"));
    expect(code).toBe(0);
  });
});

it("reads the project id from the stack's bcs:huaweiProjectId", async () => {
  const { project, env, pulumi } = pulumiProject(scratch);
  pulumi("config", "set", "bcs:huaweiProjectId", fx.huawei.projectId);
  const { code, out } = await check({ ...env, ...aksk("wrong-secret-key-654") }, [], project);
  expect(out).toMatch(/^settings: the bcs: config of stack \(selected\), then the environment$/m);
  expect(out).toMatch(row("Huawei BCS", "credentials accepted", "FAIL"));
  expect(code).toBe(1);
});

it("--stack: a pulumi config that never answers is stopped with its process group, and the check says so", async () => {
  const bin = join(scratch, "silent-bin");
  mkdirSync(bin);
  const childPidFile = join(scratch, "silent-child.pid");
  // Stands in for `pulumi config` on a backend that accepts the connection and stays silent; its
  // child (a helper the CLI would start) must not outlive the check either.
  writeFileSync(join(bin, "pulumi"), `#!/bin/sh\nsleep 600 &\necho $! > ${childPidFile}\nwait\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  const { code, out } = await check(
    {
      ...aksk(),
      HW_PROJECT_ID: fx.huawei.projectId,
      PATH: `${bin}:${process.env.PATH}`,
      PULUMI_BCS_CHECK_CONFIG_TIMEOUT_MS: "1000",
    },
    ["--stack", "dev"],
  );
  expect(out).toMatch(
    /^settings: the stack's config could not be read \(pulumi config did not answer within 1 s; it was stopped\): the environment only$/m,
  );
  expect(code).toBe(1);
  const child = Number(readFileSync(childPidFile, "utf8"));
  // Killed at once; the poll only gives init the moment it takes to reap the orphan.
  for (let i = 0; i < 50 && alive(child); i++) await new Promise((done) => setTimeout(done, 100));
  expect(alive(child)).toBe(false);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
