import * as log from "@pulumi/pulumi/log";

/**
 * The Node SDK (3.248) logs every resource RPC's full response at debug level, e.g.
 * `RegisterResource RPC finished: …; resp: <urn,id,outputs…>`. Those outputs are decrypted, so the
 * private keys this package returns as secrets would land in plain text in the engine's event log
 * (`--event-log`, which CI systems keep). This keeps the message and drops the response.
 */
const RPC_FINISHED =
  /^((?:RegisterResource|ReadResource|RegisterResourceOutputs|getResource Invoke|Invoke|Call) RPC finished: .*?; err: [^,]*), resp: [\s\S]*$/;

type DebugFn = typeof log.debug;
const patched = Symbol.for("pulumi-bcs.redactRpcDebug");
const logModule = log as unknown as Record<string | symbol, unknown> & { debug: DebugFn };

if (!logModule[patched]) {
  const original = logModule.debug;
  logModule.debug = ((msg: string, ...rest: Parameters<DebugFn> extends [string, ...infer R] ? R : never) =>
    original(
      msg.replace(RPC_FINISHED, "$1, resp: [omitted by pulumi-bcs: may hold secret outputs]"),
      ...rest,
    )) as DebugFn;
  logModule[patched] = true;
}
