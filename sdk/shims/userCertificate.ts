import { providerShim } from "../providerShim";

/**
 * The UserCertificate provider as a module of its own. When pulumi-bcs is installed in node_modules,
 * Pulumi serializes a value that is a whole module's exports as `require("<its path>")`, so
 * `__provider` in the state is that one line instead of the shim's code. The path is therefore part
 * of the state format: keep this file where it is.
 */
export = providerShim("userCertificate");
