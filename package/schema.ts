import { readFileSync } from "node:fs";
import { settingSources } from "../provider";
import { MODELS, inputNames, type PropertySpec } from "../provider/models";
import { FUNCTION_TYPES, FUNCTIONS } from "../provider/lookups/model";

/**
 * The plugin's version, the schema's and what the engine records for the provider: package.json's
 * (by the package's own name, which resolves from the sources, dist/ and an installed copy alike).
 */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(require.resolve("pulumi-bcs/package.json"), "utf8")) as { version: string }
).version;

export const RESOURCES = MODELS;

/** The outputs the plugin returns, so the engine stores them: the stored ones and the derived it keeps. */
export function packageOutputs(model: (typeof MODELS)[ResourceToken]): Record<string, PropertySpec> {
  const derived = Object.entries(model.derived).filter(([, spec]) => spec.package);
  return { ...model.outputs, ...Object.fromEntries(derived) };
}

export type ResourceToken = keyof typeof RESOURCES;

const GATEWAY_IDENTITY = "bcs:index:GatewayIdentity";

/** Not fetched from anywhere: a Go program replaces it by the generated SDK (see examples/go/go.mod). */
const GO_IMPORT_BASE_PATH = "pulumi-bcs.internal/sdk/go/bcs";

/** The Pulumi package schema of `bcs` (https://www.pulumi.com/docs/iac/extending-pulumi/schema/). */
export function packageSchema(): Record<string, unknown> {
  return {
    name: "bcs",
    displayName: "pulumi-bcs",
    version: PACKAGE_VERSION,
    description:
      "Hyperledger Fabric user certificates on Huawei Cloud BCS and a self-hosted Fabric CA, as code.",
    license: "Apache-2.0",
    // The Go SDK's import path (scripts/go-sdk.sh generates it; examples/go replaces it by that copy).
    // The Python SDK says the plugin's version (gen-sdk writes 0.0.0 otherwise, and `pulumi import`
    // then asks for a bcs@0.0.0 the plugin is not).
    language: {
      go: { importBasePath: GO_IMPORT_BASE_PATH },
      python: { respectSchemaVersion: true },
    },
    config: { variables: configVariables() },
    provider: { description: "The bcs provider.", inputProperties: configVariables() },
    types: {
      [GATEWAY_IDENTITY]: {
        type: "object",
        description: "The identity object Fabric Gateway clients take.",
        properties: {
          mspId: { type: "string" },
          certificate: { type: "string", description: "PEM." },
          privateKey: { type: "string", description: "PKCS#8 PEM.", secret: true },
        },
        required: ["mspId", "certificate", "privateKey"],
      },
      ...FUNCTION_TYPES,
    },
    functions: FUNCTIONS,
    resources: Object.fromEntries(
      Object.values(MODELS).map((model) => {
        const inputs = inputNames(model, "package");
        const spec = (name: string) => model.inputs[name]!;
        return [
          model.token,
          {
            description: model.doc,
            inputProperties: Object.fromEntries(
              inputs.map((name) => [
                name,
                {
                  ...property(spec(name)),
                  ...(spec(name).onChange === "replace" ? { replaceOnChanges: true } : {}),
                },
              ]),
            ),
            requiredInputs: inputs.filter((name) => spec(name).required),
            properties: Object.fromEntries(
              Object.entries(packageOutputs(model)).map(([name, spec]) => [name, property(spec)]),
            ),
          },
        ];
      }),
    ),
  };
}

/** Today's `bcs:` config keys, secret where the settings table says so. */
function configVariables(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settingSources).map(([name, source]) => [
      name,
      {
        type: "string",
        description: `Also read from ${source.env.join(", ")}.`,
        ...("default" in source ? { default: source.default } : {}),
        ...("secret" in source ? { secret: true } : {}),
      },
    ]),
  );
}

function property(spec: PropertySpec): Record<string, unknown> {
  return {
    ...typeOf(spec),
    description: spec.enum
      ? `${spec.doc} One of: ${spec.enum.map((v) => JSON.stringify(v)).join(", ")}.`
      : spec.doc,
    ...(spec.secret ? { secret: true } : {}),
  };
}

function typeOf(spec: PropertySpec): Record<string, unknown> {
  switch (spec.type) {
    case "stringMap":
      return { type: "object", additionalProperties: { type: "string" } };
    case "stringList":
      return { type: "array", items: { type: "string" } };
    case "gatewayIdentity":
      return { $ref: `#/types/${GATEWAY_IDENTITY}` };
    default:
      return { type: spec.type };
  }
}
