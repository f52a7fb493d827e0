import type {
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  PreviousShape,
  UserCertificateInputs,
  UserCertificateOutputs,
} from "../provider";
import { SDK_DOCS } from "./descriptions.generated";

/** A property's description: the TSDoc of the SDK member it mirrors (scripts/schemaDescriptions.ts). */
const doc = (member: keyof typeof SDK_DOCS): string => SDK_DOCS[member];

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
  certificatePem: { type: "string", description: doc("CertificateResource.certificatePem") },
  privateKeyPem: { type: "string", description: doc("CertificateResource.privateKeyPem"), secret: true },
  caCertificatePem: { type: "string", description: doc("CertificateResource.caCertificatePem") },
  msp: {
    type: "stringMap",
    description: doc("CertificateResource.msp"),
    secret: true,
  },
  gatewayIdentity: {
    type: "gatewayIdentity",
    description: doc("CertificateResource.gatewayIdentity"),
    secret: true,
  },
} as const satisfies Record<string, PropertySpec>;

export type DerivedOutputName = keyof typeof DERIVED_OUTPUTS;

/** The outputs both certificate resources share. */
const CERTIFICATE_FACTS = {
  userName: { type: "string", description: doc("CertificateResource.userName") },
  serialNumber: { type: "string", description: doc("CertificateResource.serialNumber") },
  subject: {
    type: "string",
    description: doc("CertificateResource.subject"),
  },
  issuer: { type: "string", description: doc("CertificateResource.issuer") },
  notBefore: { type: "string", description: doc("CertificateResource.notBefore") },
  notAfter: { type: "string", description: doc("CertificateResource.notAfter") },
  fingerprintSha256: { type: "string", description: doc("CertificateResource.fingerprintSha256") },
  expiresInDays: { type: "integer", description: doc("CertificateResource.expiresInDays") },
  readyForRenewal: {
    type: "boolean",
    description: doc("CertificateResource.readyForRenewal"),
  },
  status: {
    type: "string",
    enum: ["valid", "revoked", "removed", "expired"],
    description: doc("CertificateResource.status"),
  },
} as const satisfies Record<string, PropertySpec>;

function omit<T extends object, K extends keyof T>(table: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => k !== key)) as Omit<T, K>;
}

export const userCertificateInputs: Record<keyof UserCertificateInputs, PropertySpec> = {
  projectId: { type: "string", description: doc("UserCertificateArgs.projectId") },
  blockchainId: { type: "string", description: doc("UserCertificateArgs.blockchainId") },
  orgName: { type: "string", description: doc("UserCertificateArgs.orgName") },
  userName: {
    type: "string",
    description: doc("UserCertificateArgs.userName"),
  },
  securityMode: {
    type: "boolean",
    description: doc("UserCertificateArgs.securityMode"),
  },
  frozen: {
    type: "boolean",
    description: doc("UserCertificateArgs.frozen"),
  },
  freezeUntracked: {
    type: "boolean",
    description: doc("UserCertificateArgs.freezeUntracked"),
  },
  renewBefore: {
    type: "string",
    description: doc("UserCertificateArgs.renewBefore"),
  },
  onDelete: {
    type: "string",
    enum: ["freeze", "retain"],
    description: doc("UserCertificateArgs.onDelete"),
  },
  mspId: {
    type: "string",
    description: doc("UserCertificateArgs.mspId"),
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
    description: doc("UserCertificate.securityMode"),
  },
  frozen: { type: "boolean", description: doc("UserCertificate.frozen") },
  mspPublic: {
    type: "string",
    description: doc("UserCertificate.mspPublic"),
  },
  mspSecret: {
    type: "string",
    description: doc("UserCertificate.mspSecret"),
    secret: true,
  },
  archive: {
    type: "string",
    description: doc("UserCertificate.archive"),
    secret: true,
  },
};

/** `importId` is the TypeScript SDK's form of the `import` option; the package's resources import natively. */
export const fabricCaCertificateInputs: Record<
  keyof Omit<FabricCaCertificateInputs, "importId">,
  PropertySpec
> = {
  caUrl: { type: "string", description: doc("FabricCaUserCertificateArgs.caUrl") },
  caName: { type: "string", description: doc("FabricCaUserCertificateArgs.caName") },
  enrollmentId: { type: "string", description: doc("FabricCaUserCertificateArgs.enrollmentId") },
  identityType: {
    type: "string",
    enum: ["client", "peer", "orderer", "admin"],
    description: doc("FabricCaUserCertificateArgs.identityType"),
  },
  affiliation: { type: "string", description: doc("FabricCaUserCertificateArgs.affiliation") },
  attributes: {
    type: "stringMap",
    description: doc("FabricCaUserCertificateArgs.attributes"),
  },
  maxEnrollments: { type: "integer", description: doc("FabricCaUserCertificateArgs.maxEnrollments") },
  revocationReason: {
    type: "string",
    description: doc("FabricCaUserCertificateArgs.revocationReason"),
  },
  renewBefore: {
    type: "string",
    description: doc("FabricCaUserCertificateArgs.renewBefore"),
  },
  keyPolicy: {
    type: "string",
    enum: ["reuse", "rotate"],
    description: doc("FabricCaUserCertificateArgs.keyPolicy"),
  },
  onDelete: {
    type: "string",
    enum: ["revoke", "retain"],
    description: doc("FabricCaUserCertificateArgs.onDelete"),
  },
  mspId: {
    type: "string",
    description: doc("FabricCaUserCertificateArgs.mspId"),
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
    description: doc("FabricCaUserCertificate.crlPem"),
  },
  authorityKeyId: {
    type: "string",
    description: doc("FabricCaCertificateOutputs.authorityKeyId"),
  },
  hasPrivateKey: {
    type: "boolean",
    description: doc("FabricCaUserCertificate.hasPrivateKey"),
  },
};
