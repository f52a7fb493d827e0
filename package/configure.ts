import { createRequire } from "node:module";

interface ConfigureCall {
  request: { getVariablesMap(): { get(key: string): string | undefined } };
}
interface ConfigureAnswer {
  setAcceptsecrets(accept: boolean): void;
}
type Handler = (call: ConfigureCall, callback: (err: Error | null, value?: ConfigureAnswer) => void) => void;

/**
 * `@pulumi/pulumi/provider`'s server answers Configure without handing the stack's `bcs:` config to
 * the provider (its Provider interface has no configure). This routes the variables of each Configure
 * call to `configure` before the server's own answer, by wrapping the handler when the server is
 * registered with the same grpc-js instance @pulumi/pulumi uses.
 *
 * The answer says `acceptSecrets: false`, as Pulumi's own dynamic-provider plugin does
 * (@pulumi/pulumi cmd/dynamic-provider): the engine then sends plain values and marks secret again
 * every check input and every output whose property (by name, into objects) was secret in what it
 * sent (pkg/resource/plugin/provider_plugin.go, annotateSecrets). The providers unwrap every value
 * they are given, so a secret input answered `true` came back in plain text (issue 21).
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
        original.call(implementation, call, (err, answer) => {
          answer?.setAcceptsecrets(false);
          callback(err, answer);
        });
      };
      implementation.configure = wrapped;
    }
    addService.call(this, service, implementation);
  };
}
