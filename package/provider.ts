import type * as provider from "@pulumi/pulumi/provider";
import { specialSecretSig, specialSigKey, unwrapRpcSecret } from "@pulumi/pulumi/runtime";
import {
  FabricCaCertificateProvider,
  lookupCaIdentities,
  UserCertificateProvider,
  type CaIdentitiesQuery,
  type ConfiguredProvider,
} from "../provider";
import { deriveFrom, inputNames } from "../provider/models";
import { shapeOf, withDeclaredStrings, type StringShape } from "./declaredStrings";
import { FUNCTION_TYPES, FUNCTIONS, GET_CA_IDENTITIES } from "../provider/lookups/model";
import { PACKAGE_VERSION, packageOutputs, packageSchema, RESOURCES, type ResourceToken } from "./schema";

type Props = Record<string, unknown>;

/** What a dynamic provider of this repository offers; both faces call exactly these. */
interface Implementation {
  check(olds: unknown, news: unknown): Promise<{ inputs?: unknown; failures?: provider.CheckFailure[] }>;
  diff(id: string, olds: unknown, news: unknown): Promise<provider.DiffResult>;
  create(inputs: unknown): Promise<{ id: string; outs?: unknown }>;
  read(id: string, props?: unknown): Promise<{ id?: string; props?: unknown; inputs?: unknown }>;
  update(id: string, olds: unknown, news: unknown): Promise<{ outs?: unknown }>;
  delete(id: string, props: unknown): Promise<void>;
}

/**
 * The `bcs` resource provider plugin: the second face of the dynamic providers in provider/. Each call
 * is handed to the same provider class the dynamic resources use; this face only adds the derived
 * outputs its model says the package stores (computed by the model's derive(), as the TypeScript face
 * computes them in the program), leaves out the rest, and marks the secret outputs as secrets. The inputs a user declared secret are the engine's to keep: the
 * plugin answers Configure with `acceptSecrets: false` (./configure.ts), as the dynamic face does.
 *
 * Settings come from the stack's `bcs:` config (see ./configure.ts), then from the environment
 * variables each setting names (provider/common/settings.ts), as in the dynamic face.
 */
export class BcsPackageProvider implements provider.Provider {
  readonly version = PACKAGE_VERSION;
  private readConfig: (key: string) => string | undefined = () => undefined;
  private readonly implementations: Record<ResourceToken, ConfiguredProvider & Implementation>;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.implementations = {
      "bcs:index:UserCertificate": new UserCertificateProvider(env) as ConfiguredProvider & Implementation,
      "bcs:index:FabricCaUserCertificate": new FabricCaCertificateProvider(env) as ConfiguredProvider &
        Implementation,
    };
    for (const implementation of Object.values(this.implementations)) {
      try {
        implementation.configureFrom(() => undefined);
      } catch {
        // Kept by the provider and raised by every operation (ConfiguredProvider.guard), naming the setting.
      }
    }
  }

  /** The stack's `bcs:` config (package/configure.ts), over the environment as in the dynamic face. */
  configure(readConfig: (key: string) => string | undefined): void {
    this.readConfig = readConfig;
    for (const implementation of Object.values(this.implementations))
      implementation.configureFrom(readConfig);
  }

  async getSchema(): Promise<string> {
    return JSON.stringify(packageSchema());
  }

  async check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
    return this.of(urn).check(plain(olds), withDeclaredStrings(plain(news), INPUT_STRINGS[tokenOf(urn)]));
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
    return this.of(urn).diff(id, plain(olds), plain(news));
  }

  async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
    const token = tokenOf(urn);
    try {
      const { id, outs } = await this.of(urn).create(plain(inputs));
      return { id, outs: withDerived(token, outs as Props) };
    } catch (err) {
      // A partial create (common/partialCreate.ts) carries the properties to record: mark their secrets too.
      const partial = err as { properties?: Props };
      if (partial.properties) partial.properties = withDerived(token, partial.properties);
      throw err;
    }
  }

  async read(id: string, urn: string, props?: Props): Promise<provider.ReadResult> {
    const result = await this.of(urn).read(id, props && plain(props));
    // An import also answers the inputs that declare what was read.
    return {
      id: result.id,
      props: withDerived(tokenOf(urn), result.props as Props),
      ...(result.inputs ? { inputs: result.inputs } : {}),
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    const { outs } = await this.of(urn).update(id, plain(olds), plain(news));
    return { outs: withDerived(tokenOf(urn), outs as Props) };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    await this.of(urn).delete(id, plain(props));
  }

  /** getCaIdentities: the lookup the TypeScript SDK runs in the program, run here as it is. */
  async invoke(token: string, inputs: Props): Promise<provider.InvokeResult> {
    if (token !== GET_CA_IDENTITIES) throw new Error(`pulumi-bcs: unknown function ${JSON.stringify(token)}`);
    const query = withDeclaredStrings(plain(inputs), LOOKUP_STRINGS) as unknown as CaIdentitiesQuery;
    return { outputs: await lookupCaIdentities(query, this.readConfig, this.env) };
  }

  private of(urn: string): Implementation {
    return this.implementations[tokenOf(urn)];
  }
}

/** The inputs each resource and the lookup type as strings (a number there is turned back: ./declaredStrings.ts). */
const INPUT_STRINGS = Object.fromEntries(
  Object.entries(RESOURCES).map(([token, model]) => [
    token,
    shapeOf(Object.fromEntries(inputNames(model, "package").map((name) => [name, model.inputs[name]!]))),
  ]),
) as Record<ResourceToken, StringShape>;
const LOOKUP_STRINGS = shapeOf(FUNCTIONS[GET_CA_IDENTITIES].inputs.properties, {
  fabricCa: shapeOf(FUNCTION_TYPES["bcs:index:FabricCaRef"].properties),
});

/** `urn:pulumi:<stack>::<project>::<parent$…$>type::<name>` → the resource's type token. */
function tokenOf(urn: string): ResourceToken {
  const type = urn.split("::")[2]?.split("$").pop() ?? "";
  if (!(type in RESOURCES)) throw new Error(`pulumi-bcs: unknown resource type ${JSON.stringify(type)}`);
  return type as ResourceToken;
}

/**
 * The engine's values without secret wrappers, should one arrive: the implementation works on plain
 * values, and the engine, told the plugin takes no secrets, marks them again (./configure.ts).
 */
function plain(value: unknown): Props {
  const unwrapped = unwrapRpcSecret(value);
  if (Array.isArray(unwrapped)) return unwrapped.map(plain) as unknown as Props;
  if (unwrapped === null || typeof unwrapped !== "object") return unwrapped as Props;
  return Object.fromEntries(Object.entries(unwrapped as Props).map(([k, v]) => [k, plain(v)]));
}

/**
 * Stored outputs plus the derived ones the package stores, without those it does not (an earlier
 * release's state may hold them), each secret output wrapped as one.
 */
function withDerived(token: ResourceToken, outs: Props): Props {
  const model = RESOURCES[token];
  const specs = packageOutputs(model);
  const notStored = (k: string) => k in model.derived && !(k in specs) && !model.derived[k]!.storedBefore;
  const all: Props = { ...outs, ...deriveFrom(model, outs) };
  return Object.fromEntries(
    Object.entries(all)
      .filter(([k]) => k in specs || (k in outs && !notStored(k)))
      .map(([k, v]) => [k, specs[k]?.secret || model.derived[k]?.secret ? secret(v) : v]),
  );
}

function secret(value: unknown): Props {
  return { [specialSigKey]: specialSecretSig, value };
}
