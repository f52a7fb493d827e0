import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type * as provider from "@pulumi/pulumi/provider";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import { routeNotices } from "../provider";

/** Where each resource operation of a provider takes the URN of the resource it is about. */
const URN_ARGUMENT: Partial<Record<keyof provider.Provider, number>> = {
  check: 0,
  diff: 1,
  create: 0,
  read: 1,
  update: 1,
  delete: 1,
};

/** The notices of the operation under way: the resource they are about, and their sends to await. */
interface Operation {
  urn: string;
  sends: Promise<void>[];
}

/**
 * Routes the providers' notices (provider/common/notice.ts) to the engine's log service, each attached
 * to the resource of the operation that said it, and returns `target` with its resource operations
 * answering only once their notices are delivered. The engine hides a resource plugin's stderr (it
 * shows only the dynamic provider's), so this is how YAML and Go programs see why a certificate
 * renews. `args` are the plugin's: the first that is not a flag is the engine's address; without one
 * (run by hand), notices stay on stderr.
 */
export function noticesToEngine<P extends provider.Provider>(target: P, args: string[]): P {
  const address = engineAddress(args);
  if (!address) return target;
  const log = engineLog(address);
  const operations = new AsyncLocalStorage<Operation>();
  routeNotices((line) => {
    const operation = operations.getStore();
    const sent = log(operation?.urn ?? "", line);
    operation?.sends.push(sent);
  });
  const about = async <T>(urn: string, body: () => Promise<T>): Promise<T> => {
    const operation: Operation = { urn, sends: [] };
    try {
      return await operations.run(operation, body);
    } finally {
      await Promise.all(operation.sends);
    }
  };
  return new Proxy(target, {
    get(t, key, receiver) {
      const value: unknown = Reflect.get(t, key, receiver);
      const at = URN_ARGUMENT[key as keyof provider.Provider];
      if (at === undefined || typeof value !== "function") return value;
      return (...callArgs: unknown[]) =>
        about(String(callArgs[at]), () =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(t, callArgs),
        );
    },
  });
}

/** The engine's address among a plugin's arguments, past the flags the engine may put first. */
function engineAddress(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--tracing") i++;
    else if (arg !== "--logtostderr" && !arg.startsWith("-v=")) return arg;
  }
  return undefined;
}

/**
 * Sends one line at a time, in order, as an info message (what the dynamic face's stderr line is);
 * a line the engine did not take goes to stderr, which the engine keeps in its debug log.
 */
function engineLog(address: string): (urn: string, line: string) => Promise<void> {
  // The grpc-js instance @pulumi/pulumi's generated client is built on (see ./configure.ts).
  const grpc = createRequire(require.resolve("@pulumi/pulumi"))(
    "@grpc/grpc-js",
  ) as typeof import("@grpc/grpc-js");
  const engine = new EngineClient(address, grpc.credentials.createInsecure());
  let last = Promise.resolve();
  return (urn, line) => {
    const request = new LogRequest().setSeverity(LogSeverity.INFO).setUrn(urn).setMessage(line);
    last = last.then(
      () =>
        new Promise<void>((resolve) =>
          engine.log(request, (err) => {
            if (err) console.error(line);
            resolve();
          }),
        ),
    );
    return last;
  };
}
