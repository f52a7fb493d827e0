import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fetchTransport } from "../provider/http/transport";

/** The repository root, whether this runs from TypeScript sources or from dist/. */
const repo = dirname(require.resolve("pulumi-bcs/package.json"));
const READY_TIMEOUT_MS = 30000;

export interface FabricCaServerOptions {
  /** Serve https with a certificate the CA issues itself for localhost and 127.0.0.1. */
  tls?: boolean;
  /** The bootstrap registrar; default admin/adminpw. */
  bootstrap?: { id: string; secret: string };
  /** Start with `--cfg.identities.allowremove`. */
  allowRemove?: boolean;
}

export interface RunningFabricCa {
  /** `http(s)://127.0.0.1:<port>` */
  url: string;
  home: string;
  /** The root CA certificate (`ca-cert.pem`), also the trust anchor of the TLS certificate. */
  caCertPem: string;
  /** The directory of fabric-ca-server and fabric-ca-client. */
  bin: string;
  bootstrap: { id: string; secret: string };
  /** Everything the server printed so far (it logs to stderr). */
  logs(): string;
  stop(): Promise<void>;
}

let binDir: string | undefined;

/** PULUMI_BCS_FABRIC_CA_BIN, or the cached build of scripts/fabric-ca.sh (built on first use). */
export function fabricCaBin(): string {
  binDir ??=
    process.env.PULUMI_BCS_FABRIC_CA_BIN ||
    execFileSync("bash", [join(repo, "scripts/fabric-ca.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }).trim();
  return binDir;
}

/** A free TCP port on 127.0.0.1: fabric-ca treats port 0 as its default 7054, not as "any". */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts a fresh fabric-ca-server on loopback, in its own temporary home with its own SQLite DB. */
export async function startFabricCaServer(opts: FabricCaServerOptions = {}): Promise<RunningFabricCa> {
  const bin = fabricCaBin();
  const bootstrap = opts.bootstrap ?? { id: "admin", secret: "adminpw" };
  // Another process may take a port between our probe and the server's bind; try again then.
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(bin, bootstrap, opts);
    if (started.kind === "running") return started.server;
    if (!started.portTaken || attempt === 3) throw started.error;
  }
}

type Attempt =
  { kind: "running"; server: RunningFabricCa } | { kind: "failed"; error: Error; portTaken: boolean };

async function startOnce(
  bin: string,
  bootstrap: { id: string; secret: string },
  opts: FabricCaServerOptions,
): Promise<Attempt> {
  const home = mkdtempSync(join(tmpdir(), "pulumi-bcs-fabric-ca-"));
  const port = await freePort();
  const operationsPort = await freePort();
  const args = [
    "start",
    "--home",
    home,
    "--address",
    "127.0.0.1",
    "--port",
    String(port),
    "--csr.hosts",
    "localhost,127.0.0.1",
    "-b",
    `${bootstrap.id}:${bootstrap.secret}`,
  ];
  if (opts.tls) args.push("--tls.enabled");
  if (opts.allowRemove) args.push("--cfg.identities.allowremove");
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(FABRIC_CA_|CA_CFG_PATH$)/.test(name)) env[name] = value;
  }
  env.FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS = `127.0.0.1:${operationsPort}`;

  const child = spawn(join(bin, "fabric-ca-server"), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const logs = () => output.join("");

  const scheme = opts.tls ? "https" : "http";
  const url = `${scheme}://127.0.0.1:${port}`;
  const stop = async () => {
    await kill(child, exited);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, home, child, opts.tls === true);
  } catch (err) {
    await stop();
    const text = logs();
    return {
      kind: "failed",
      error: new Error(
        `fabric-ca-server did not start: ${(err as Error).message}\n--- server log ---\n${text}`,
      ),
      portTaken: /address already in use/.test(text),
    };
  }
  const caCertPem = readFileSync(join(home, "ca-cert.pem"), "utf8");
  return { kind: "running", server: { url, home, caCertPem, bin, bootstrap, logs, stop } };
}

async function waitUntilReady(url: string, home: string, child: ChildProcess, tls: boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    }
    const caCert = join(home, "ca-cert.pem");
    // With TLS the probe can only trust the server once the CA has written its certificate.
    if (!tls || existsSync(caCert)) {
      const transport = fetchTransport(2000, tls ? { caPem: readFileSync(caCert, "utf8") } : {});
      try {
        const response = await transport({ method: "GET", url: `${url}/cainfo`, headers: {} });
        if (response.status === 200) return;
        last = `GET /cainfo answered ${response.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`GET ${url}/cainfo not ready within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

export async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
