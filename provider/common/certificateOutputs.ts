import type { PropertySpec } from "./model";
import { CERTIFICATE_STATUSES } from "./drift";

/**
 * The outputs both certificate resources share, with the same names, types and meaning, so code that
 * consumes a certificate does not change when its source does. Each model says which of them it stores
 * and which it derives.
 */
export const CERTIFICATE_OUTPUTS = {
  certificatePem: { type: "string", doc: "The user's X.509 certificate, PEM." },
  privateKeyPem: { type: "string", doc: "The user's private key, PKCS#8 PEM. Secret.", secret: true },
  publicKeyPem: { type: "string", doc: "The certificate's public key, SubjectPublicKeyInfo PEM." },
  caCertificatePem: {
    type: "string",
    doc: "The chain that issued the certificate, PEM: its issuer first (an intermediate CA, if any), up to the root.",
  },
  msp: {
    type: "stringMap",
    doc: "The MSP folder (`signcerts/…`, `keystore/…`, `cacerts/…`): path to content. Secret.",
    secret: true,
  },
  gatewayIdentity: {
    type: "gatewayIdentity",
    doc: "`{ mspId, certificate, privateKey }` for Fabric Gateway clients; null without mspId or key. Secret.",
    secret: true,
    nullable: true,
  },
  userName: { type: "string", doc: "The user name (Fabric CA: the enrollment ID)." },
  serialNumber: { type: "string", doc: "Serial number, upper-case hexadecimal." },
  subject: { type: "string", doc: "Subject distinguished name, e.g. `CN=appuser01,OU=client,O=org1,C=CN`." },
  issuer: { type: "string", doc: "Issuer distinguished name." },
  notBefore: { type: "string", doc: "Start of validity, ISO 8601." },
  notAfter: { type: "string", doc: "End of validity, ISO 8601." },
  fingerprintSha256: { type: "string", doc: "SHA-256 fingerprint, colon-separated upper-case hexadecimal." },
  expiresInDays: { type: "integer", doc: "Whole days until notAfter, as of the last apply." },
  readyForRenewal: { type: "boolean", doc: "Whether renewBefore had been reached at the last apply." },
  mspId: { type: "string", doc: "The MSP ID given, or null.", nullable: true },
  caNotAfter: {
    type: "string",
    nullable: true,
    doc: "End of validity of the issuing CA chain (its certificate that expires first), ISO 8601; null without a chain.",
  },
  caExpiresInDays: {
    type: "integer",
    nullable: true,
    doc: "Whole days until caNotAfter, as of when it was computed (the program's run; the plugin's last operation).",
  },
  renewBefore: { type: "string", doc: "The renewal window given, or null.", nullable: true },
  status: {
    type: "string",
    enum: CERTIFICATE_STATUSES,
    doc: 'What the last `pulumi refresh` found; anything but `"valid"` makes the next `pulumi up` issue anew.',
  },
} as const satisfies Record<string, PropertySpec>;

/** The identity object Fabric Gateway clients take (`@hyperledger/fabric-gateway`'s Identity + Signer key). */
export interface GatewayIdentity {
  mspId: string;
  /** PEM. */
  certificate: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

/**
 * null when no MSP ID was given (neither backend can tell which MSP the identity belongs to), or no
 * private key is held (an imported Fabric CA certificate).
 */
export function gatewayIdentity(
  mspId: string | null | undefined,
  certificatePem: string,
  privateKeyPem: string,
): GatewayIdentity | null {
  return mspId && privateKeyPem ? { mspId, certificate: certificatePem, privateKey: privateKeyPem } : null;
}
