import * as pulumi from "@pulumi/pulumi";
import { gatewayIdentity, type GatewayIdentity } from "./derivedOutputs";

/**
 * Outputs computed in the program from stored outputs (see ./derivedOutputs.ts), built on
 * first read: every Output costs the program promise bookkeeping, and most programs read few of them.
 * Kept off the resource object, so exporting a resource as a stack output shows only its outputs.
 */
const made = new WeakMap<object, Map<string, unknown>>();

export function derived<T>(owner: object, name: string, make: () => T): T {
  let outputs = made.get(owner);
  if (!outputs) made.set(owner, (outputs = new Map()));
  if (!outputs.has(name)) outputs.set(name, make());
  return outputs.get(name) as T;
}

/** The Gateway identity of a certificate resource (either backend), secret. */
export function derivedGatewayIdentity(cert: {
  mspId: pulumi.Output<string | null>;
  certificatePem: pulumi.Output<string>;
  privateKeyPem: pulumi.Output<string>;
}): pulumi.Output<GatewayIdentity | null> {
  return derived(cert, "gatewayIdentity", () =>
    pulumi.secret(
      pulumi
        .all([cert.mspId, cert.certificatePem, cert.privateKeyPem])
        .apply(([m, c, k]) => gatewayIdentity(m, c, k)),
    ),
  );
}
