import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import {
  cachedBuild,
  environmentWithout,
  freePort,
  startServerProcess,
  waitUntilReady,
} from "./serverProcess";

const READY_TIMEOUT_MS = 60000;
/** MinIO's default region; the backend URL and the S3 client name it, as a client of a real store must. */
export const MINIO_REGION = "us-east-1";

export interface MinioOptions {
  /** The bucket to create (kept if it already exists). */
  bucket: string;
  /** Where MinIO keeps its objects; default a fresh temporary directory, removed by `stop()`. */
  dataDir?: string;
  /** The root user; default a random one. A data directory made with one user must be reopened with it. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface RunningMinio {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** What `pulumi login` takes for this bucket (PULUMI_BACKEND_URL). */
  backendUrl: string;
  /** The environment the Pulumi CLI reads the S3 credentials and region from. */
  cliEnv: Record<string, string>;
  pid: number;
  /** An S3 client for this server, as the bucket's owner. */
  client(): S3Client;
  /** Everything the server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/** PULUMI_BCS_MINIO_BIN, or the cached build of scripts/minio.sh (built on first use). */
export const minioBin = cachedBuild("PULUMI_BCS_MINIO_BIN", "minio.sh");

/**
 * The `pulumi login` URL of a bucket on an S3-compatible store. `s3ForcePathStyle` (path-style
 * addressing: the bucket in the path, not in the host name) is the name every Pulumi CLI accepts; the
 * region is named because the AWS SDK refuses to sign without one.
 */
export function s3BackendUrl(bucket: string, endpoint: string, region: string): string {
  return `s3://${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=${region}&s3ForcePathStyle=true`;
}

/** Starts MinIO on a free loopback port and creates the bucket. */
export async function startMinio(opts: MinioOptions): Promise<RunningMinio> {
  const bin = minioBin();
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "pulumi-bcs-minio-"));
  mkdirSync(dataDir, { recursive: true });
  const credentials = opts.credentials ?? {
    accessKeyId: `bcs${randomBytes(6).toString("hex")}`,
    secretAccessKey: randomBytes(24).toString("base64url"),
  };
  const port = await freePort();
  const consolePort = await freePort();
  const env = environmentWithout(/^MINIO_/);
  Object.assign(env, {
    MINIO_ROOT_USER: credentials.accessKeyId,
    MINIO_ROOT_PASSWORD: credentials.secretAccessKey,
    MINIO_BROWSER: "off",
    MINIO_UPDATE: "off",
  });
  const args = [
    "server",
    "--quiet",
    "--address",
    `127.0.0.1:${port}`,
    "--console-address",
    `127.0.0.1:${consolePort}`,
  ];
  const server = startServerProcess(join(bin, "minio"), [...args, dataDir], env);
  const logs = server.logs;
  const stop = async () => {
    await server.stop();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = () => new S3Client({ endpoint, region: MINIO_REGION, forcePathStyle: true, credentials });
  try {
    await waitUntilReady(server, `${endpoint}/minio/health/live`, READY_TIMEOUT_MS, async () => {
      const response = await fetch(`${endpoint}/minio/health/live`, { signal: AbortSignal.timeout(2000) });
      return response.ok ? undefined : `the health check answered ${response.status}`;
    });
    await createBucket(client(), opts.bucket);
  } catch (err) {
    await stop();
    throw new Error(`minio did not start: ${(err as Error).message}\n--- server log ---\n${logs()}`);
  }
  return {
    endpoint,
    bucket: opts.bucket,
    region: MINIO_REGION,
    credentials,
    backendUrl: s3BackendUrl(opts.bucket, endpoint, MINIO_REGION),
    cliEnv: {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: MINIO_REGION,
    },
    pid: server.child.pid!,
    client,
    logs,
    stop,
  };
}

async function createBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (!(err instanceof S3ServiceException && err.name === "BucketAlreadyOwnedByYou")) throw err;
  } finally {
    client.destroy();
  }
}

/**
 * `node dist/testing/minioServer.js --data <dir> --bucket <name>`: runs MinIO with the root user from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY until SIGTERM or SIGINT, then stops it. Prints the
 * backend URL on a line `backend: s3://…` once the bucket exists (scripts/demo.sh waits for it).
 */
async function main(argv: string[]): Promise<void> {
  const option = (name: string) => {
    const at = argv.indexOf(name);
    if (at < 0 || !argv[at + 1]) throw new Error(`minioServer: ${name} <value> is required`);
    return argv[at + 1];
  };
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error("minioServer: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (MinIO's root user)");
  const minio = await startMinio({
    bucket: option("--bucket"),
    dataDir: resolve(option("--data")),
    credentials: { accessKeyId, secretAccessKey },
  });
  console.log(`minio: ${minio.endpoint} (pid ${minio.pid}), bucket ${minio.bucket}`);
  console.log(`backend: ${minio.backendUrl}`);
  const shutdown = () => void minio.stop().then(() => process.exit(0));
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
