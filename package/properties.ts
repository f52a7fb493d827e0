import type { UserCertificateInputs, UserCertificateOutputs } from "../provider/huawei/inputs";
import type { PreviousShape } from "../provider/huawei/stateShape";
import type { FabricCaCertificateInputs, FabricCaCertificateOutputs } from "../provider/fabricCa/inputs";

/**
 * The properties of the package's resources, written once: the schema (./schema.ts) is built from
 * these tables, and each table is typed by the provider's own input or output interface, so a property
 * added to or removed from the provider and not here (or the reverse) fails to compile.
 */

export type PropertyType = "string" | "boolean" | "integer" | "stringMap" | "gatewayIdentity";

export interface PropertySpec {
  type: PropertyType;
  description: string;
  secret?: boolean;
  enum?: readonly string[];
}

/** Outputs the package computes from stored ones after each operation (the TypeScript SDK does it in the program). */
export const DERIVED_OUTPUTS = {
  certificatePem: { type: "string", description: "The user's X.509 certificate, PEM." },
  privateKeyPem: { type: "string", description: "The user's private key, PKCS#8 PEM.", secret: true },
  caCertificatePem: { type: "string", description: "The issuing CA's certificate (chain), PEM." },
  msp: {
    type: "stringMap",
    description: "The MSP folder: path (`signcerts/…`, `keystore/…`, `cacerts/…`) to content.",
    secret: true,
  },
  gatewayIdentity: {
    type: "gatewayIdentity",
    description: "`{ mspId, certificate, privateKey }` for Fabric Gateway clients; null without mspId.",
    secret: true,
  },
} as const satisfies Record<string, PropertySpec>;

export type DerivedOutputName = keyof typeof DERIVED_OUTPUTS;

/** The outputs both certificate resources share. */
const CERTIFICATE_FACTS = {
  userName: { type: "string", description: "The user name (Fabric CA: the enrollment ID)." },
  serialNumber: { type: "string", description: "Serial number, upper-case hexadecimal." },
  subject: {
    type: "string",
    description: "Subject distinguished name, e.g. `CN=appuser01,OU=client,O=org1,C=CN`.",
  },
  issuer: { type: "string", description: "Issuer distinguished name." },
  notBefore: { type: "string", description: "Start of validity, ISO 8601." },
  notAfter: { type: "string", description: "End of validity, ISO 8601." },
  fingerprintSha256: { type: "string", description: "SHA-256 fingerprint, colon-separated upper-case hex." },
  expiresInDays: { type: "integer", description: "Whole days until notAfter, as of the last apply." },
  readyForRenewal: {
    type: "boolean",
    description: "Whether renewBefore had been reached at the last apply.",
  },
  status: {
    type: "string",
    enum: ["valid", "revoked", "removed", "expired"],
    description:
      'What the last `pulumi refresh` found; anything but "valid" makes the next `pulumi up` issue anew.',
  },
} as const satisfies Record<string, PropertySpec>;

function omit<T extends object, K extends keyof T>(table: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => k !== key)) as Omit<T, K>;
}

export const userCertificateInputs: Record<keyof UserCertificateInputs, PropertySpec> = {
  projectId: { type: "string", description: "IAM project id (32 hexadecimal characters)." },
  blockchainId: { type: "string", description: "Id of the BCS instance (blockchain)." },
  orgName: { type: "string", description: "Name of a peer organization of the blockchain." },
  userName: {
    type: "string",
    description: "4-24 characters, lowercase letters and digits, starting with a letter.",
  },
  securityMode: {
    type: "boolean",
    description:
      "Safe mode: the certificate is hosted by the service, one active certificate per user name. " +
      "Omitted means the API's default (non-safe mode).",
  },
  frozen: {
    type: "boolean",
    description: "`true` freezes the certificate, `false` (default) unfreezes it; changes apply in place.",
  },
  freezeUntracked: {
    type: "boolean",
    description:
      "Safe mode recovery: freeze an active certificate of this user name that no Pulumi state tracks, " +
      "then issue. Only consulted at create.",
  },
  renewBefore: {
    type: "string",
    description: "Renew (replace) when the certificate expires within this duration (`30d`, `720h`).",
  },
  onDelete: {
    type: "string",
    enum: ["freeze", "retain"],
    description: 'What destroy and replacement do with the certificate: "freeze" (default) or "retain".',
  },
  mspId: {
    type: "string",
    description: "The organization's MSP ID (e.g. `org1MSP`); when set, gatewayIdentity is filled.",
  },
};

/**
 * UserCertificate's outputs: what the provider stores (the folder packed, see
 * provider/huawei/stateShape.ts), plus the zip and the facts the package derives from it, as the
 * TypeScript SDK does in the program.
 */
export const userCertificateOutputs: Record<
  keyof UserCertificateOutputs | keyof PreviousShape | DerivedOutputName,
  PropertySpec
> = {
  ...omit(userCertificateInputs, "freezeUntracked"),
  ...CERTIFICATE_FACTS,
  ...DERIVED_OUTPUTS,
  securityMode: {
    type: "boolean",
    description: "Safe mode as requested; null when the input was omitted.",
  },
  frozen: { type: "boolean", description: "Whether the certificate is frozen." },
  mspPublic: {
    type: "string",
    description: "The `msp/` folder's certificates as stored in state, packed, base64.",
  },
  mspSecret: {
    type: "string",
    description: "The `msp/keystore/` folder as stored in state, packed, base64.",
    secret: true,
  },
  archive: {
    type: "string",
    description: "The checked `msp/` folder of the API's zip, rebuilt as a zip, base64 (it holds the key).",
    secret: true,
  },
};

/** `importId` is the TypeScript SDK's form of the `import` option; the package's resources import natively. */
export const fabricCaCertificateInputs: Record<
  keyof Omit<FabricCaCertificateInputs, "importId">,
  PropertySpec
> = {
  caUrl: { type: "string", description: "The CA's URL, such as https://ca.org1.example.com:7054." },
  caName: { type: "string", description: "The CA's name on a server that hosts several (`--caname`)." },
  enrollmentId: { type: "string", description: "The identity's enrollment ID, registered if missing." },
  identityType: {
    type: "string",
    enum: ["client", "peer", "orderer", "admin"],
    description: 'The identity type registered (default "client").',
  },
  affiliation: { type: "string", description: "The identity's affiliation (default: the root)." },
  attributes: {
    type: "stringMap",
    description: "Attributes registered with the identity and enrolled into the certificate.",
  },
  maxEnrollments: { type: "integer", description: "How often the identity may enroll (default: the CA's)." },
  revocationReason: {
    type: "string",
    description: 'The reason given when the certificate is revoked (default "cessationofoperation").',
  },
  renewBefore: {
    type: "string",
    description: "Re-enroll when the certificate expires within this duration (`30d`, `720h`).",
  },
  keyPolicy: {
    type: "string",
    enum: ["reuse", "rotate"],
    description: "On re-enrollment: keep the key (`reuse`) or make a new one (`rotate`, default).",
  },
  onDelete: {
    type: "string",
    enum: ["revoke", "retain"],
    description: 'What destroy and re-enrollment do with the certificate: "revoke" (default) or "retain".',
  },
  mspId: {
    type: "string",
    description: "The MSP ID of the identity's organization; when set, gatewayIdentity is filled.",
  },
};

export const fabricCaCertificateOutputs: Record<
  keyof FabricCaCertificateOutputs | DerivedOutputName,
  PropertySpec
> = {
  ...fabricCaCertificateInputs,
  ...CERTIFICATE_FACTS,
  ...DERIVED_OUTPUTS,
  crlPem: {
    type: "string",
    description: "The CA's CRL (PEM) after this resource's last revocation of a superseded certificate.",
  },
  authorityKeyId: {
    type: "string",
    description: "Authority key identifier, lower-case hex: with the serial it names the certificate.",
  },
  hasPrivateKey: {
    type: "boolean",
    description:
      "False for a certificate brought in by `pulumi import`: the CA never holds the private key, so " +
      "privateKeyPem is empty (msp has no keystore, gatewayIdentity is null) until the next enrollment makes one.",
  },
};
