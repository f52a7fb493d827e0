import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import {
  UserCertificateProvider,
  type UserCertificateInputs,
} from "../../provider/huawei/userCertificateProvider";
import { lookupCaIdentities } from "../../provider/lookups/caIdentities";
import { fixtureCredentials as fx } from "../../testing/fixture";
import { startHostileServer, type HostileServer } from "../support/hostileServer";
import { certificateProxy, type AnswerRewrite } from "../support/certificateProxy";

/**
 * BCS_TRACE=1 / bcs:traceRequests: one line per attempt on stderr, and nothing a credential could be
 * read from. The requests go through a recording proxy in front of the emulator, so that the test
 * knows every token and signature that was sent, and can look for each in the trace.
 */
let emulator: RunningEmulator;
let proxy: HostileServer;
let dataDir: string;
const rewrites = new Map<string, AnswerRewrite>();
const UNAVAILABLE = {
  status: 503,
  headers: { "content-type": "application/json", "x-request-id": "req-503-a" },
  body: Buffer.from('{"error_code":"APIG.0202","error_msg":"Backend unavailable"}'),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "trace-"));
  emulator = await startEmulator({ port: 0, dataDir });
  proxy = await startHostileServer(certificateProxy(emulator.url, rewrites));
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the code under test writes to stderr while `work` runs. */
async function stderrOf(work: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await work().catch(() => undefined);
  } finally {
    spy.mockRestore();
  }
  return written;
}

const inputs = (userName: string, orgName = "org1"): UserCertificateInputs => ({
  projectId: fx.huawei.projectId,
  blockchainId: fx.huawei.blockchainId,
  orgName,
  userName,
  securityMode: false,
});

it("prints one line per attempt, and no credential, token, query or body", async () => {
  const env = { BCS_TRACE: "1", BCS_HUAWEI_ENDPOINT: proxy.url, BCS_HUAWEI_IAM_ENDPOINT: proxy.url };
  const password = new UserCertificateProvider({
    ...env,
    HW_USER_NAME: fx.huawei.userName,
    HW_USER_PASSWORD: fx.huawei.password,
    HW_DOMAIN_NAME: fx.huawei.domainName,
  });
  password.configureFrom(() => undefined);
  // AK/SK straight to the emulator: the signature covers the host, which a proxy changes.
  const aksk = new UserCertificateProvider({
    BCS_TRACE: "1",
    BCS_HUAWEI_ENDPOINT: emulator.url,
    HW_ACCESS_KEY: fx.huawei.accessKey,
    HW_SECRET_KEY: fx.huawei.secretKey,
  });
  aksk.configureFrom(() => undefined);
  rewrites.set("traced01", (answer, nth) => (nth === 1 ? UNAVAILABLE : answer));

  const lines = (
    await stderrOf(async () => {
      await password.create(inputs("traced01"));
      await password.create(inputs("traced02", "org9")).catch(() => undefined);
      const { outs } = await aksk.create(inputs("traced03"));
      await aksk.delete(outs!.userName, outs!);
      await lookupCaIdentities({ networkId: fx.ncloud.networkId, caId: fx.ncloud.caId }, () => undefined, {
        BCS_TRACE: "1",
        BCS_NCLOUD_ENDPOINT: emulator.url,
        NCLOUD_ACCESS_KEY_ID: fx.ncloud.accessKey,
        NCLOUD_SECRET_ACCESS_KEY: fx.ncloud.secretKey,
      });
    })
  )
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("pulumi-bcs trace: "));

  const cert = `/v2/${fx.huawei.projectId}/blockchains/${fx.huawei.blockchainId}/orgs`;
  const line = (what: string) => new RegExp(`^pulumi-bcs trace: ${what} attempt=\\d+ \\d+ms$`);
  expect(lines[0]).toMatch(line("POST /v3/auth/tokens 201 request-id=[0-9a-f]{32} code=-"));
  expect(lines[1]).toMatch(
    line(`POST ${cert}/org1/usercert/traced01 503 request-id=req-503-a code=APIG.0202`),
  );
  expect(lines[1]).toContain("attempt=1 ");
  expect(lines[2]).toMatch(
    line(`POST ${cert}/org1/usercert/traced01 2\\d\\d request-id=[0-9a-f]{32} code=-`),
  );
  expect(lines[2]).toContain("attempt=2 ");
  expect(lines[3]).toMatch(
    line(`POST ${cert}/org9/usercert/traced02 400 request-id=[0-9a-f]{32} code=BCS.4001051`),
  );
  expect(lines[4]).toMatch(line(`POST ${cert}/org1/usercert/traced03 2\\d\\d request-id=\\S+ code=-`));
  expect(lines[5]).toMatch(line(`POST ${cert}/org1/usercert/traced03/freeze 200 request-id=\\S+ code=-`));
  expect(lines[6]).toMatch(
    line(
      `GET /api/v1/networks/${fx.ncloud.networkId}/cas/${fx.ncloud.caId}/identity 200 request-id=\\S+ code=-`,
    ),
  );
  expect(lines).toHaveLength(7);

  // Everything secret that went over the wire, as the proxy saw it.
  const sent = proxy.requests.map((r) => String(r.headers["x-auth-token"] ?? ""));
  const secrets = [fx.huawei.password, fx.huawei.secretKey, fx.ncloud.secretKey, ...sent].filter(
    (s) => s.length > 8,
  );
  expect(secrets.length).toBeGreaterThanOrEqual(6); // three configured, the token sent three times
  const trace = lines.join("\n");
  for (const secret of secrets) expect(trace).not.toContain(secret);
  expect(trace).not.toMatch(/nocatalog|\?|MII|PK|msp\//);
});

it("is off unless asked for", async () => {
  const quiet = new UserCertificateProvider({
    BCS_HUAWEI_ENDPOINT: emulator.url,
    HW_ACCESS_KEY: fx.huawei.accessKey,
    HW_SECRET_KEY: fx.huawei.secretKey,
  });
  quiet.configureFrom(() => undefined);
  const written = await stderrOf(() => quiet.create(inputs("quiet01")));
  expect(written.join("")).not.toContain("pulumi-bcs trace:");
});

it("refuses a value that is not a switch, naming both spellings", () => {
  const p = new UserCertificateProvider({ BCS_TRACE: "yes" });
  expect(() => p.configureFrom(() => undefined)).toThrow(
    /bcs:traceRequests \(from BCS_TRACE\) must be true, false, 1 or 0/,
  );
});
