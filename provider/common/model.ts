/**
 * What a resource *is*, written once per resource (./huawei/model.ts, ./fabricCa/model.ts): its token,
 * each property's type, whether it is required, secret, nullable, replaced or updated on change, its
 * one-line documentation, the outputs derived from what is stored, and the state upgrade. Both faces
 * are built from it: the plugin's schema and its outputs (package/), the TypeScript SDK's classes
 * (sdk/generated/, by scripts/sdkModels.ts), and each provider's check() key list. One property per
 * line, as pulumi-go-provider's `infer` tags put type, optionality, replace-on-change and doc on one.
 */

export type PropertyType = "string" | "boolean" | "integer" | "stringMap" | "stringList" | "gatewayIdentity";

export interface PropertySpec {
  type: PropertyType;
  /** One line: the schema's description and the TypeScript SDK's TSDoc. */
  doc: string;
  enum?: readonly string[];
  secret?: true;
  /** Null when the input was omitted (outputs), as the state records it. */
  nullable?: true;
}

export interface InputSpec extends PropertySpec {
  required?: true;
  /** A change replaces the resource, or is applied to it in place (an update, or only the state). */
  onChange: "replace" | "inPlace";
  /** An input of the dynamic face only (Fabric CA's `importId` stands for the `import` option there). */
  dynamicOnly?: true;
}

/** An output this release's provider stores. */
export type StoredSpec = PropertySpec;

/** An output computed from the stored ones by the model's derive(), in the core; both faces call it. */
export interface DerivedSpec extends PropertySpec {
  /**
   * Whether the plugin face returns it, so the engine stores it (a YAML, Go or Python program has no
   * code of ours to compute it); the TypeScript face always computes it in the program instead.
   */
  package: boolean;
  /** Stored by an earlier release: a state of it holds the value (so the TypeScript face registers it). */
  storedBefore?: true;
}

export interface ResourceModel<Inputs, Outputs, Stored, Derived> {
  /** The plugin's type token; the TypeScript class is named after its last part. */
  token: `bcs:index:${string}`;
  /** One line. */
  doc: string;
  inputs: { [K in keyof Inputs]-?: InputSpec };
  outputs: { [K in keyof Outputs]-?: StoredSpec };
  derived: { [K in keyof Derived]-?: DerivedSpec };
  /** The stored outputs derive() reads (the TypeScript face waits for these only). */
  derivedFrom: readonly string[];
  /** Outputs as this version reads them, from a state any earlier version wrote. */
  upgrade(stored: Stored): Stored;
  /** The derived outputs, from upgraded stored outputs. */
  derive(stored: Stored): Derived;
}

/** Any model, as the faces loop over them. */
export interface AnyModel {
  token: `bcs:index:${string}`;
  doc: string;
  inputs: Record<string, InputSpec>;
  outputs: Record<string, StoredSpec>;
  derived: Record<string, DerivedSpec>;
  derivedFrom: readonly string[];
  upgrade(stored: never): unknown;
  derive(stored: never): object;
}

/** The class name of a model's token: `bcs:index:UserCertificate` → `UserCertificate`. */
export const nameOf = (model: Pick<AnyModel, "token">): string => model.token.split(":")[2]!;

/** The inputs of the given face, in the model's order. */
export function inputNames(model: Pick<AnyModel, "inputs">, face: "dynamic" | "package"): string[] {
  return Object.keys(model.inputs).filter((k) => face === "dynamic" || !model.inputs[k]!.dynamicOnly);
}

/** The inputs whose change replaces the resource. */
export const replacedOnChange = (model: Pick<AnyModel, "inputs">): string[] =>
  Object.keys(model.inputs).filter((k) => model.inputs[k]!.onChange === "replace");

/** The derived outputs computed from a state of any release (upgraded first). */
export function deriveFrom(model: AnyModel, stored: object): Record<string, unknown> {
  const derive = model.derive as (s: unknown) => Record<string, unknown>;
  const upgrade = model.upgrade as (s: unknown) => unknown;
  return derive(upgrade(stored));
}

/**
 * The checked inputs check() returns: each input the model knows that was given (not undefined or
 * null), as given; the rules have refused a wrong type already.
 */
export function knownInputs<I>(model: { inputs: { [K in keyof I]-?: InputSpec } }, raw: object): I {
  const given = raw as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(model.inputs)
      .filter((k) => given[k] !== undefined && given[k] !== null)
      .map((k) => [k, given[k]]),
  ) as I;
}
