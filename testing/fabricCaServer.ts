import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchTransport } from "../provider/http/transport";
import {
  cachedBuild,
  environmentWithout,
  freePort,
  startServerProcess,
  waitUntilReady,
} from "./serverProcess";

export { freePort };

const READY_TIMEOUT_MS = 30000;

export interface FabricCaServerOptions {
  /** Serve https with a certificate the CA issues itself for localhost and 127.0.0.1. */
  tls?: boolean;
  /** The bootstrap registrar; default admin/adminpw. */
  bootstrap?: { id: string; secret: string };
  /** Start with `--cfg.identities.allowremove`. */
  allowRemove?: boolean;
  /** The CA certificate's lifetime (`csr.ca.expiry`, e.g. `48h`), for a CA that expires soon; default 15 years. */
  caExpiry?: string;
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

/** PULUMI_BCS_FABRIC_CA_BIN, or the cached build of scripts/fabric-ca.sh (built on first use). */
export const fabricCaBin = cachedBuild("PULUMI_BCS_FABRIC_CA_BIN", "fabric-ca.sh");

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
  // fabric-ca reads port 0 as its default 7054, not as "any".
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
  const env = environmentWithout(/^(FABRIC_CA_|CA_CFG_PATH$)/);
  env.FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS = `127.0.0.1:${operationsPort}`;
  if (opts.caExpiry) env.FABRIC_CA_SERVER_CSR_CA_EXPIRY = opts.caExpiry;

  const server = startServerProcess(join(bin, "fabric-ca-server"), args, env);
  const logs = server.logs;
  const scheme = opts.tls ? "https" : "http";
  const url = `${scheme}://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(server, `GET ${url}/cainfo`, READY_TIMEOUT_MS, () =>
      cainfoNotReady(url, home, opts.tls === true),
    );
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

/** Why GET /cainfo does not answer 200 yet; undefined once it does. */
async function cainfoNotReady(url: string, home: string, tls: boolean): Promise<string | undefined> {
  const caCert = join(home, "ca-cert.pem");
  // With TLS the probe can only trust the server once the CA has written its certificate.
  if (tls && !existsSync(caCert)) return "no CA certificate yet";
  const transport = fetchTransport(2000, tls ? { caPem: readFileSync(caCert, "utf8") } : {});
  const response = await transport({ method: "GET", url: `${url}/cainfo`, headers: {} });
  return response.status === 200 ? undefined : `GET /cainfo answered ${response.status}`;
}
