import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError } from "../../provider/http/errors";
import {
  type EnrollOptions,
  type Enrollment,
  FabricCaClient,
  type RegisterRequest,
} from "../../provider/fabricCa/client";
import { newEnrollmentRequest } from "../../provider/fabricCa/csr";
import type { FabricCaIdentity } from "../../provider/fabricCa/token";
import {
  startFabricCaServer,
  type FabricCaServerOptions,
  type RunningFabricCa,
} from "../../testing/fabricCaServer";

/** A running server, a client for it and its bootstrap registrar, enrolled. */
export interface CaContext {
  server: RunningFabricCa;
  client: FabricCaClient;
  admin: EnrolledIdentity;
  /** A scratch directory for openssl and fabric-ca-client files, removed by close(). */
  scratch: string;
  close(): Promise<void>;
}

export interface EnrolledIdentity extends FabricCaIdentity {
  id: string;
  secret: string;
  privateKeyPem: string;
  enrollment: Enrollment;
}

export async function startCa(opts: FabricCaServerOptions = {}): Promise<CaContext> {
  const server = await startFabricCaServer(opts);
  const scratch = mkdtempSync(join(tmpdir(), "pulumi-bcs-fabric-ca-test-"));
  try {
    const client = clientFor(server);
    const admin = await enrollAs(client, server.bootstrap.id, server.bootstrap.secret);
    return {
      server,
      client,
      admin,
      scratch,
      close: async () => {
        rmSync(scratch, { recursive: true, force: true });
        await server.stop();
      },
    };
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    await server.stop();
    throw err;
  }
}

export function clientFor(
  server: RunningFabricCa,
  extra: Partial<ConstructorParameters<typeof FabricCaClient>[0]> = {},
) {
  return new FabricCaClient({ url: server.url, caPem: server.caCertPem, timeoutMs: 10000, ...extra });
}

/** A fresh key and CSR for `id`, enrolled with `secret`. */
export async function enrollAs(
  client: FabricCaClient,
  id: string,
  secret: string,
  opts?: EnrollOptions,
): Promise<EnrolledIdentity> {
  const request = newEnrollmentRequest(id);
  const enrollment = await client.enroll(id, secret, request.csrPem, opts);
  return {
    id,
    secret,
    certificatePem: enrollment.certificatePem,
    privateKey: request.privateKey,
    privateKeyPem: request.privateKeyPem,
    enrollment,
  };
}

let counter = 0;
/** An id no other test uses, so tests share one server without colliding. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`;
}

/** Registers a client identity (under org1 unless told otherwise) and enrolls it. */
export async function registerAndEnroll(
  ctx: CaContext,
  req: Partial<RegisterRequest> = {},
  opts?: EnrollOptions,
): Promise<EnrolledIdentity> {
  const id = req.id ?? uniqueId("user");
  const { secret } = await ctx.client.register(ctx.admin, {
    type: "client",
    affiliation: "org1",
    ...req,
    id,
  });
  return enrollAs(ctx.client, id, secret, opts);
}

/** Awaits a rejection and checks it is the Fabric CA error with this HTTP status and code. */
export async function expectApiError(
  promise: Promise<unknown>,
  status: number,
  code: number,
): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect({ status: (err as ApiError).status, code: (err as ApiError).code }).toEqual({
    status,
    code: String(code),
  });
  return err as ApiError;
}

/** The server logs a request after answering it: waits (up to 5 s) for a log line matching `pattern`. */
export async function logLine(server: RunningFabricCa, pattern: RegExp): Promise<string> {
  for (const deadline = Date.now() + 5000; ; await new Promise((done) => setTimeout(done, 50))) {
    const line = server
      .logs()
      .split("\n")
      .find((l) => pattern.test(l));
    if (line !== undefined || Date.now() > deadline) return line ?? `(no log line matches ${pattern})`;
  }
}

/** Writes `content` to `scratch/name` and returns the path. */
export function scratchFile(ctx: { scratch: string }, name: string, content: string): string {
  const path = join(ctx.scratch, name);
  writeFileSync(path, content);
  return path;
}

/** Runs a command; returns stdout and stderr together, throws with both when it fails. */
function run(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed (${result.status}):\n${output}`);
  return output;
}

/** Runs openssl; stdout and stderr together (it reports "verify OK" on either). */
export function openssl(args: string[]): string {
  return run("openssl", args);
}

/** Serial and AKI of a certificate as lowercase hex without leading zeros, the form /revoke returns. */
export function serialAndAki(
  ctx: { scratch: string },
  certificatePem: string,
): { serial: string; aki: string } {
  const file = scratchFile(ctx, `cert-${randomBytes(4).toString("hex")}.pem`, certificatePem);
  const text = openssl(["x509", "-in", file, "-noout", "-serial", "-ext", "authorityKeyIdentifier"]);
  const serial = /serial=([0-9A-F]+)/i.exec(text)![1].toLowerCase().replace(/^0+/, "");
  const aki = /([0-9A-F]{2}(?::[0-9A-F]{2})+)/i.exec(text.split("\n").slice(1).join("\n"))![1];
  return { serial, aki: aki.replace(/:/g, "").toLowerCase().replace(/^0+/, "") };
}

/** Runs the real fabric-ca-client with its own home; returns stdout and stderr. */
export function fabricCaClientCli(server: RunningFabricCa, home: string, args: string[]): string {
  return run(join(server.bin, "fabric-ca-client"), [...args, "--home", home], {
    PATH: process.env.PATH,
    HOME: home,
  });
}
