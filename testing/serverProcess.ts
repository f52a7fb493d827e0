import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/**
 * What the local servers of the tests and the demo (fabric-ca-server, MinIO) share: their cached build,
 * a free loopback port, the process with its output kept, the wait until it answers, and the stop.
 */

/** The repository root, whether this runs from TypeScript sources or from dist/. */
const repo = dirname(require.resolve("pulumi-bcs/package.json"));

/** `$<envVar>`, or the directory `scripts/<script> <args>` prints (it builds on first use, then caches). */
export function cachedBuild(envVar: string, script: string, ...args: string[]): () => string {
  let dir: string | undefined;
  return () =>
    (dir ??=
      process.env[envVar] ||
      execFileSync("bash", [join(repo, "scripts", script), ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }).trim());
}

/** A free TCP port on 127.0.0.1 (for servers that read port 0 as their default port, not as "any"). */
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

/** This process's environment without the variables a server would read as its own configuration. */
export function environmentWithout(own: RegExp): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !own.test(name)));
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the server printed so far, stdout and stderr. */
  logs(): string;
  /** The exit code or signal once it exited, else null. */
  exitStatus(): number | string | null;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it exited. */
  stop(): Promise<void>;
}

export function startServerProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const exitStatus = () => child.exitCode ?? child.signalCode;
  return {
    child,
    logs: () => output.join(""),
    exitStatus,
    async stop() {
      if (exitStatus() !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Asks `probe` every 200 ms until it answers undefined (ready) or `timeoutMs` passed; the server
 * exiting ends the wait at once. `probe` returns why it is not ready yet, for the error.
 */
export async function waitUntilReady(
  server: ServerProcess,
  what: string,
  timeoutMs: number,
  probe: () => Promise<string | undefined>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    const status = server.exitStatus();
    if (status !== null) throw new Error(`it exited (${status})`);
    const notReady = await probe().catch((err: Error) => err.message);
    if (notReady === undefined) return;
    last = notReady;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${what} not ready within ${timeoutMs / 1000} s (last: ${last})`);
}
