import { FABRIC_REPLACE_ON_CHANGE, REPLACE_ON_CHANGE, settingSources } from "../provider";
import { FUNCTION_TYPES, FUNCTIONS } from "./functions";
import {
  fabricCaCertificateInputs,
  fabricCaCertificateOutputs,
  userCertificateInputs,
  userCertificateOutputs,
  type PropertySpec,
} from "./properties";

/** The plugin's version: the schema's, and what the engine records for the provider. */
export const PACKAGE_VERSION = "0.1.0";

/** Each resource of the package, its properties and the inputs whose change replaces it. */
export const RESOURCES = {
  "bcs:index:UserCertificate": {
    description:
      "A user certificate of a Hyperledger Fabric organization on Huawei Cloud Blockchain Service.",
    inputs: userCertificateInputs,
    requiredInputs: ["projectId", "blockchainId", "orgName", "userName"],
    outputs: userCertificateOutputs,
    replaceOnChange: REPLACE_ON_CHANGE as readonly string[],
  },
  "bcs:index:FabricCaUserCertificate": {
    description: "An identity registered and enrolled at a Hyperledger Fabric CA: its certificate and key.",
    inputs: fabricCaCertificateInputs,
    requiredInputs: ["caUrl", "enrollmentId"],
    outputs: fabricCaCertificateOutputs,
    replaceOnChange: FABRIC_REPLACE_ON_CHANGE as readonly string[],
  },
} as const;

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
      Object.entries(RESOURCES).map(([token, r]) => [
        token,
        {
          description: r.description,
          inputProperties: properties(r.inputs, r.replaceOnChange),
          requiredInputs: r.requiredInputs,
          properties: properties(r.outputs, []),
        },
      ]),
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

function properties(
  table: Record<string, PropertySpec>,
  replaceOnChange: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      {
        ...typeOf(spec),
        description: spec.enum
          ? `${spec.description} One of: ${spec.enum.map((v) => JSON.stringify(v)).join(", ")}.`
          : spec.description,
        ...(spec.secret ? { secret: true } : {}),
        ...(replaceOnChange.includes(name) ? { replaceOnChanges: true } : {}),
      },
    ]),
  );
}

function typeOf(spec: PropertySpec): Record<string, unknown> {
  switch (spec.type) {
    case "stringMap":
      return { type: "object", additionalProperties: { type: "string" } };
    case "gatewayIdentity":
      return { $ref: `#/types/${GATEWAY_IDENTITY}` };
    default:
      return { type: spec.type };
  }
}
