import * as pulumi from "@pulumi/pulumi";
import { deriveFrom, type AnyModel } from "../provider/models";

/**
 * Outputs computed in the program from stored outputs by the model's derive() (the core's, the same
 * the plugin face calls), built on first read: every Output costs the program promise bookkeeping, and
 * most programs read few of them. Kept off the resource's enumerable keys (but for those an earlier
 * release stored), so exporting a resource as a stack output shows the same outputs as before.
 */
const made = new WeakMap<object, Map<string, unknown>>();

function once<T>(owner: object, name: string, make: () => T): T {
  let outputs = made.get(owner);
  if (!outputs) made.set(owner, (outputs = new Map()));
  if (!outputs.has(name)) outputs.set(name, make());
  return outputs.get(name) as T;
}

/** Defines each of the model's derived outputs on `resource`, after the engine's outputs are set. */
export function defineDerived(resource: pulumi.dynamic.Resource, model: AnyModel): void {
  const self = resource as unknown as Record<string, pulumi.Output<unknown>>;
  const sources = model.derivedFrom.map((key) => self[key]);
  const all = () =>
    once(resource, "", () =>
      pulumi
        .all(sources)
        .apply((values) =>
          deriveFrom(model, Object.fromEntries(model.derivedFrom.map((key, i) => [key, values[i]]))),
        ),
    );
  for (const [key, spec] of Object.entries(model.derived)) {
    Object.defineProperty(resource, key, {
      configurable: true,
      enumerable: spec.storedBefore === true,
      get: () =>
        once(resource, key, () => {
          const value = all().apply((d) => d[key]);
          return spec.secret ? pulumi.secret(value) : pulumi.unsecret(value);
        }),
    });
  }
}
