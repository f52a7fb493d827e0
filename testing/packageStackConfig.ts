import type { ConfigMap } from "@pulumi/pulumi/automation";
import { emulatorStackConfig } from "../emulator/stackConfig";
import type { RunningFabricCa } from "./fabricCaServer";

/**
 * The config of a package example's stack against an emulator at `emulatorUrl` and a local Fabric CA:
 * the `bcs:` settings (the secret ones as secrets), the contract's `caUrl` and the CA's registrar.
 */
export function packageStackConfig(emulatorUrl: string, ca: RunningFabricCa): ConfigMap {
  return {
    ...Object.fromEntries(
      emulatorStackConfig(emulatorUrl).map(([kind, key, value]) => [
        key,
        { value, secret: kind === "secret" },
      ]),
    ),
    caUrl: { value: ca.url },
    "bcs:fabricCaUrl": { value: ca.url },
    "bcs:fabricCaRegistrarId": { value: ca.bootstrap.id },
    "bcs:fabricCaRegistrarSecret": { value: ca.bootstrap.secret, secret: true },
  };
}
