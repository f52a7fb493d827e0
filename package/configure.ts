import { createRequire } from "node:module";

interface ConfigureCall {
  request: { getVariablesMap(): { get(key: string): string | undefined } };
}
type Handler = (call: ConfigureCall, callback: (err: Error | null, value?: unknown) => void) => void;

/**
 * `@pulumi/pulumi/provider`'s server answers Configure without handing the stack's `bcs:` config to
 * the provider (its Provider interface has no configure). This routes the variables of each Configure
 * call to `configure` before the server's own answer, by wrapping the handler when the server is
 * registered with the same grpc-js instance @pulumi/pulumi uses.
 */
export function routeConfigure(configure: (read: (key: string) => string | undefined) => void): void {
  const grpc = createRequire(require.resolve("@pulumi/pulumi"))("@grpc/grpc-js") as {
    Server: { prototype: { addService(service: unknown, implementation: Record<string, unknown>): void } };
  };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    const original = implementation.configure as Handler | undefined;
    if (original) {
      const wrapped: Handler = (call, callback) => {
        try {
          const variables = call.request.getVariablesMap();
          // The engine names each variable `<package>:config:<key>` (its older form of `<package>:<key>`).
          configure((key) => variables.get(key) ?? variables.get(key.replace(":", ":config:")));
        } catch (err) {
          callback(err as Error);
          return;
        }
        original.call(implementation, call, callback);
      };
      implementation.configure = wrapped;
    }
    addService.call(this, service, implementation);
  };
}
