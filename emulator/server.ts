import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { matchPath, type PathParams } from "../provider/http/pathTemplate";
import { MovableClock } from "./clock";
import { familyOf, internalErrorReply, notFoundReply, tooLargeReply } from "./errors";
import type { FaultConfig } from "./faults/config";
import { FaultInjector } from "./faults/injector";
import { defaultFixture, loadFixture } from "./fixture";
import type { ControlContext } from "./control";
import { checkTiming } from "./control";
import { readBody, type EmulatorRequest, type EmulatorTiming, type HandlerContext } from "./http";
import { foreignRequestReply } from "./origin";
import { authenticateBcs } from "./huawei/auth";
import { authenticateNcloud } from "./ncloud/auth";
import { Refusal, send, type Reply } from "./reply";
import { cloudRoutes, emulatorRoutes, type AuthKind } from "./routes";
import { StateStore } from "./state";
import { chooseVariants, type ChosenVariants, type VariantOptions } from "./variants";

export interface EmulatorOptions {
  /** 0 picks a free port; default 0. */
  port?: number;
  dataDir: string;
  /** A JSON file shaped like `defaultFixture` in emulator/fixture.ts; used only to seed a new dataDir. */
  fixturePath?: string;
  /** The base clock (default: real time); `POST /_emulator/clock` moves the emulator's time from it. */
  clock?: () => Date;
  /** Fault injection (emulator/faults.ts); off when missing. `POST /_emulator/faults` replaces it at run time. */
  faults?: FaultConfig;
  /** Which of the plausible answers to give where the sources leave it open (emulator/variants.ts); the documented defaults when missing. */
  variants?: VariantOptions;
  /** How long a freeze takes to take effect, in ms of the emulator's clock (default 0); `POST /_emulator/timing` changes it. */
  freezeLatencyMs?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The fault config in force now (with its seed, drawn when none was given), or undefined when off. */
  faults: FaultConfig | undefined;
  /** The variants in force, with the seed that chose them. */
  variants: ChosenVariants;
  /** The documented delays in force (POST /_emulator/timing changes them). */
  timing: EmulatorTiming;
  close(): Promise<void>;
}

const authenticators: Record<AuthKind, (ctx: HandlerContext) => void> = {
  none: () => undefined,
  huaweiBcs: authenticateBcs,
  ncloud: authenticateNcloud,
};

/** Starts the Huawei BCS + IAM and NAVER Blockchain Service emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const clock = new MovableClock(options.clock ?? (() => new Date()));
  const fixturePath = options.fixturePath;
  const store = await StateStore.open(options.dataDir, async () =>
    fixturePath ? loadFixture(fixturePath) : structuredClone(defaultFixture),
  );
  const logging = process.env.BCS_EMULATOR_LOG === "1";
  const faults = new FaultInjector(options.faults);
  const variants = chooseVariants(options.variants);
  const timing: EmulatorTiming = checkTiming({ freezeLatencyMs: options.freezeLatencyMs ?? 0 });

  const server = createServer((req, res) => {
    const started = Date.now();
    serve(req, res, { store, clock, faults, variants, timing })
      .then((outcome) => {
        // Only the method, the path and the outcome: never headers, queries or bodies.
        if (logging)
          process.stderr.write(`${req.method} ${pathOf(req)} ${outcome} ${Date.now() - started}ms\n`);
      })
      .catch((err: unknown) => failSafe(res, err));
  });
  // Keep idle connections longer than clients do (cloud gateways keep them about a minute), so a
  // client's pooled socket is never closed under it between two requests.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get faults() {
      return faults.current();
    },
    variants,
    timing,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await store.drain();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The emulator's own routes (emulatorRoutes): inspection and controls, which a browser page must never reach. */
const CONTROL_PREFIX = "/_emulator/";

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0];
}

/** The emulator's parts that live as long as it does. */
interface Emulator {
  store: StateStore;
  clock: MovableClock;
  faults: FaultInjector;
  variants: ChosenVariants;
  timing: EmulatorTiming;
}

/**
 * Reads the request, finds its route and answers. Cloud routes go through the fault injector; the
 * emulator's own routes get a context with its controls and are answered directly.
 */
async function serve(req: IncomingMessage, res: ServerResponse, emulator: Emulator): Promise<string> {
  const { store, clock, faults, variants, timing } = emulator;
  const target = req.url ?? "/";
  const url = new URL(`http://127.0.0.1${target.startsWith("/") ? target : `/${target}`}`);
  const family = familyOf(url.pathname);
  const { body, tooLarge } = await readBody(req);
  const method = (req.method ?? "GET").toUpperCase();
  const control = url.pathname.startsWith(CONTROL_PREFIX);
  const foreign = foreignRequestReply(req.headers, req.socket.localPort ?? 0, control, body.length > 0);
  if (foreign) {
    send(res, foreign);
    return `${foreign.status} (foreign request)`;
  }
  const request: EmulatorRequest = { method, target, url, headers: req.headers, body };
  const context = (params: PathParams): HandlerContext => ({
    request,
    params,
    store,
    clock: () => clock.now(),
    variants: variants.values,
    timing,
  });
  // The answer to a refusal is its reply; any other error is the API's own 500, logged.
  const answer = async (mutates: boolean, handle: () => Promise<Reply>): Promise<Reply> => {
    const run = async (): Promise<Reply> => {
      if (tooLarge) return tooLargeReply(family);
      try {
        return await handle();
      } catch (err) {
        if (err instanceof Refusal) return err.reply;
        process.stderr.write(`emulator: ${method} ${url.pathname} failed: ${(err as Error).message}\n`);
        return internalErrorReply(family);
      }
    };
    return mutates ? store.exclusive(run) : run();
  };

  const cloud = findRoute(cloudRoutes, method, url.pathname);
  if (cloud) {
    const { route, params } = cloud;
    const ctx = context(params);
    return faults.serve(route.name, family, req, res, () =>
      answer(route.mutates, async () => {
        authenticators[route.auth](ctx);
        return route.handler(ctx);
      }),
    );
  }
  const own = findRoute(emulatorRoutes, method, url.pathname);
  if (own) {
    const { route, params } = own;
    const ctx: ControlContext = { ...context(params), movableClock: clock, faults };
    const reply = await answer(route.mutates, () => route.handler(ctx));
    send(res, reply);
    return String(reply.status);
  }
  return faults.unmatched(res, notFoundReply(family));
}

function findRoute<R extends { method: string; path: string }>(
  table: readonly R[],
  method: string,
  pathname: string,
): { route: R; params: PathParams } | undefined {
  for (const route of table) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

function failSafe(res: ServerResponse, err: unknown): void {
  process.stderr.write(`emulator: request failed: ${(err as Error).message}\n`);
  if (!res.headersSent) send(res, internalErrorReply("huawei"));
  else res.destroy();
}
