import { multipartFile } from "../../provider/http/multipart";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { FaultConfig } from "../../emulator/faults/config";
import { defaultFixture } from "../../emulator/fixture";
import { fillPath, type PathParams } from "../../provider/http/pathTemplate";
import { huaweiRoutes, type TokenRequestBody, type UserCertPathParams } from "../../provider/huawei/api";
import { sdkDate, signRequest } from "../../provider/huawei/signer";
import { ncloudRegionPrefixes, ncloudRoutes, type NcloudRegion } from "../../provider/ncloud/api";
import { ncloudSignedHeaders, NCP_HEADERS } from "../../provider/ncloud/signer";

export const fixture = defaultFixture;
export const hw = {
  projectId: fixture.huawei.projects[0].id,
  otherProjectId: fixture.huawei.projects[1].id,
  user: fixture.huawei.iamUsers[0],
  accessKey: fixture.huawei.accessKeys[0].accessKey,
  secretKey: fixture.huawei.accessKeys[0].secretKey,
  blockchainId: fixture.huawei.blockchains[0].id,
  secondBlockchainId: fixture.huawei.blockchains[1].id,
};
export const ncp = {
  accessKey: fixture.ncloud.apiKeys[0].accessKey,
  secretKey: fixture.ncloud.apiKeys[0].secretKey,
};

/** An emulator on a free port over a fresh data directory; `restart` keeps the directory. */
export interface TestEmulator {
  url: string;
  dataDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestEmulator(clock?: () => Date, faults?: FaultConfig): Promise<TestEmulator> {
  const dataDir = await mkdtemp(join(tmpdir(), "bcs-emulator-test-"));
  let running: RunningEmulator = await startEmulator({ port: 0, dataDir, clock, faults });
  const handle: TestEmulator = {
    url: running.url,
    dataDir,
    async restart() {
      await running.close();
      running = await startEmulator({ port: 0, dataDir, clock, faults });
      handle.url = running.url;
    },
    async stop() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** A response with its body read once, as bytes. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

async function answer(response: Response): Promise<Answer> {
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    body,
    json: <T>() => JSON.parse(body.toString("utf8")) as T,
  };
}

export async function send(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<Answer> {
  return answer(await fetch(url, { method: init.method, headers: init.headers, body: init.body }));
}

// ---- Huawei IAM ----

export function tokenBody(
  overrides: {
    name?: string;
    password?: string;
    domain?: string;
    scope?: { id: string } | { name: string };
  } = {},
): TokenRequestBody {
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: overrides.name ?? hw.user.name,
            password: overrides.password ?? hw.user.password,
            domain: { name: overrides.domain ?? hw.user.domainName },
          },
        },
      },
      scope: { project: overrides.scope ?? { id: hw.projectId } },
    },
  };
}

export function requestToken(base: string, body: unknown): Promise<Answer> {
  return send(base + fillPath(huaweiRoutes.createToken.path, {}), {
    method: huaweiRoutes.createToken.method,
    headers: { "Content-Type": "application/json;charset=utf8" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function obtainToken(base: string, projectId: string = hw.projectId): Promise<string> {
  const response = await requestToken(base, tokenBody({ scope: { id: projectId } }));
  const token = response.headers.get("x-subject-token");
  if (response.status !== 201 || !token) throw new Error(`token request failed: ${response.status}`);
  return token;
}

// ---- Huawei BCS ----

export type BcsRoute = "createUserCert" | "freezeCert" | "unfreezeCert";

export type BcsAuth =
  | { kind: "token"; token: string }
  | {
      kind: "aksk";
      accessKey?: string;
      secretKey?: string;
      /** Signing time; default now. */
      at?: Date;
      projectHeader?: string;
      /** Changes the request after signing. */
      tamper?: (request: { headers: Record<string, string>; body: Buffer }) => void;
    }
  | { kind: "none" };

export interface BcsCall {
  auth: BcsAuth;
  params?: Partial<UserCertPathParams>;
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function userCertParams(overrides: Partial<UserCertPathParams> = {}): UserCertPathParams {
  return {
    project_id: hw.projectId,
    blockchain_id: hw.blockchainId,
    org_name: "org1",
    user_name: "user01",
    ...overrides,
  };
}

export async function bcs(base: string, route: BcsRoute, call: BcsCall): Promise<Answer> {
  const { method, path } = huaweiRoutes[route];
  const url = base + fillPath(path, { ...userCertParams(call.params) } as unknown as PathParams);
  let headers: Record<string, string> = { ...call.headers };
  if (call.contentType) headers["Content-Type"] = call.contentType;
  let body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(call.body);
  const { auth } = call;
  if (auth.kind === "token") headers["X-Auth-Token"] = auth.token;
  if (auth.kind === "aksk") {
    headers["X-Project-Id"] = auth.projectHeader ?? call.params?.project_id ?? hw.projectId;
    headers = signRequest(
      { method, url, headers, body },
      { accessKey: auth.accessKey ?? hw.accessKey, secretKey: auth.secretKey ?? hw.secretKey },
      auth.at ?? new Date(),
    );
    const request = { headers, body };
    auth.tamper?.(request);
    body = request.body;
    // fetch sets Host itself, to the same value that was signed.
    delete headers["Host"];
  }
  return send(url, { method, headers, body: body.length > 0 ? body : undefined });
}

export function createCert(
  base: string,
  auth: BcsAuth,
  params: Partial<UserCertPathParams>,
  securityMode?: boolean,
) {
  return bcs(base, "createUserCert", {
    auth,
    params,
    contentType: "application/json",
    body: JSON.stringify(securityMode === undefined ? {} : { security_mode: securityMode }),
  });
}

/** A one-part multipart/form-data body holding `data` as part `file`, as the client builds it. */
export function multipart(
  filename: string,
  data: Buffer,
  field = "file",
): { contentType: string; body: Buffer } {
  return multipartFile(field, filename, data, "----emulator-test-boundary");
}

export function zipEntries(zip: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, data]) => [path, strFromU8(data)]));
}

export function errorCode(response: Answer): string {
  return response.json<{ error_code: string }>().error_code;
}

export { sdkDate };

// ---- NAVER ----

export interface NcloudCall {
  region?: NcloudRegion;
  networkId?: string;
  caId?: string;
  at?: Date;
  accessKey?: string;
  secretKey?: string;
  /** Changes the signed headers before sending. */
  tamper?: (headers: Record<string, string>) => void;
}

export function ncloudIdentityPath(region: NcloudRegion, networkId: string, caId: string): string {
  return ncloudRegionPrefixes[region] + fillPath(ncloudRoutes.listCaIdentities.path, { networkId, caId });
}

export function listIdentities(base: string, call: NcloudCall = {}): Promise<Answer> {
  const path = ncloudIdentityPath(call.region ?? "KR", call.networkId ?? "1630", call.caId ?? "25728700");
  const headers = ncloudSignedHeaders(
    ncloudRoutes.listCaIdentities.method,
    path,
    { accessKey: call.accessKey ?? ncp.accessKey, secretKey: call.secretKey ?? ncp.secretKey },
    call.at ?? new Date(),
  );
  call.tamper?.(headers);
  return send(base + path, {
    method: ncloudRoutes.listCaIdentities.method,
    headers: { ...headers, "Content-Type": "application/json" },
  });
}

export { NCP_HEADERS };

// ---- openssl ----

/** Runs `openssl verify -CAfile ca.pem user.pem`; returns its output (throws when it fails). */
export async function opensslVerify(caPem: string, certPem: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bcs-emulator-openssl-"));
  try {
    await writeFile(join(dir, "ca.pem"), caPem);
    await writeFile(join(dir, "user.pem"), certPem);
    return execFileSync(
      "/usr/bin/openssl",
      ["verify", "-CAfile", join(dir, "ca.pem"), join(dir, "user.pem")],
      {
        encoding: "utf8",
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function openssl(args: string[], input: string): string {
  return execFileSync("/usr/bin/openssl", args, { input, encoding: "utf8" });
}
