import * as pulumi from "@pulumi/pulumi";

type Implementation = Record<string, (...args: unknown[]) => Promise<never>>;

/**
 * What the engine serializes into the state, twice per resource, for one resource type: a plain
 * object (no class, so no prototype boilerplate) of one-line methods that hold no data and load the
 * implementation by package path in the provider process. So the stored text stays small, holds no
 * credential, and does not change when the package is updated.
 */
export function providerShim(
  name: "userCertificate" | "fabricCaCertificate",
): pulumi.dynamic.ResourceProvider {
  const impl = (): Implementation => require("pulumi-bcs/provider")[name];
  return {
    configure: (r: pulumi.dynamic.ConfigureRequest) => impl().configure(r),
    check: (o: unknown, n: unknown) => impl().check(o, n),
    diff: (i: unknown, o: unknown, n: unknown) => impl().diff(i, o, n),
    create: (n: unknown) => impl().create(n),
    update: (i: unknown, o: unknown, n: unknown) => impl().update(i, o, n),
    delete: (i: unknown, o: unknown) => impl().delete(i, o),
    read: (i: unknown, o: unknown) => impl().read(i, o),
  };
}
