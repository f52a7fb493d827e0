import { caExpiryOutputs, type CaExpiryOutputs } from "../common/caExpiry";
import { publicKeyPem } from "../common/certificateInfo";
import { clockFrom } from "../common/clock";
import {
  CERTIFICATE_OUTPUTS as C,
  gatewayIdentity,
  type GatewayIdentity,
} from "../common/certificateOutputs";
import type { ResourceModel } from "../common/model";
import { REVOCATION_REASONS } from "./api";
import { caFileName, keystoreFileName } from "./certificateFields";
import {
  FABRIC_IDENTITY_TYPES,
  upgradeOutputs,
  type FabricCaCertificateInputs,
  type FabricCaCertificateOutputs,
} from "./inputs";
import { ENROLLMENT_PROFILES, tlsFolder } from "./tls";

/** The outputs derived from the stored certificate and key, in the core: both faces call derive(). */
export interface FabricCaCertificateDerived extends CaExpiryOutputs {
  publicKeyPem: string;
  tls: Record<string, string> | null;
  msp: Record<string, string>;
  gatewayIdentity: GatewayIdentity | null;
}

/** The MSP folder as fabric-ca-client writes it for an enrollment; no keystore when no key is held. */
export function fabricMsp(
  certificatePem: string,
  privateKeyPem: string,
  caChainPem: string,
  caUrl: string,
  caName: string | null | undefined,
  enrollmentProfile?: string | null,
): Record<string, string> {
  // As fabric-ca-client stores a `--enrollment.profile tls` enrollment: the chain as a TLS root.
  const chainFolder = enrollmentProfile === "tls" ? "tlscacerts" : "cacerts";
  return {
    "signcerts/cert.pem": certificatePem,
    ...(privateKeyPem ? { [`keystore/${keystoreFileName(certificatePem)}`]: privateKeyPem } : {}),
    [`${chainFolder}/${caFileName(caUrl, caName ?? undefined)}`]: caChainPem,
  };
}

const DELETE_POLICIES = ["revoke", "retain"] as const;
const KEY_POLICIES = ["reuse", "rotate"] as const;

/** FabricCaUserCertificate, described once: both faces and the schema are built from it. */
export const fabricCaCertificateModel: ResourceModel<
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  FabricCaCertificateOutputs,
  FabricCaCertificateDerived
> = {
  token: "bcs:index:FabricCaUserCertificate",
  doc: "An identity registered and enrolled at a Hyperledger Fabric CA: its certificate and key.",
  inputs: {
    caUrl: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "Base URL of the Fabric CA server, e.g. `https://ca.org1.example.com:7054`.",
    },
    caName: {
      type: "string",
      onChange: "replace",
      doc: "Name of the CA on a multi-CA server; the server's default CA when omitted.",
    },
    enrollmentId: {
      type: "string",
      required: true,
      onChange: "replace",
      doc: "The identity's enrollment ID (at most 64 characters; no `:` or `/`). It becomes the certificate's CN.",
    },
    identityType: {
      type: "string",
      enum: FABRIC_IDENTITY_TYPES,
      onChange: "replace",
      doc: "Identity type, stamped into the certificate as an OU. Default `client`.",
    },
    affiliation: {
      type: "string",
      onChange: "replace",
      doc: "Affiliation such as `org1.department1`; must exist on the CA. Default: the root affiliation.",
    },
    attributes: {
      type: "stringMap",
      onChange: "inPlace",
      doc: "Attributes registered for the identity and put into the certificate (`ecert`); a change re-enrolls.",
    },
    maxEnrollments: {
      type: "integer",
      onChange: "inPlace",
      doc: "How many times the identity may enroll; default the CA's limit. A change re-enrolls.",
    },
    revocationReason: {
      type: "string",
      enum: REVOCATION_REASONS,
      onChange: "inPlace",
      doc: "RFC 5280 reason recorded when destroy revokes the certificate. Default `cessationofoperation`.",
    },
    renewBefore: {
      type: "string",
      onChange: "inPlace",
      doc: "Re-enroll when the certificate expires within this duration (`30d`, `720h`). Compared with the clock during diff, so a plain `pulumi preview` shows the renewal and why. Default: never.",
    },
    keyPolicy: {
      type: "string",
      enum: KEY_POLICIES,
      onChange: "inPlace",
      doc: "On re-enrollment: `rotate` (default) makes a new key; `reuse` keeps it, e.g. for a node whose key is in channel config.",
    },
    onDelete: {
      type: "string",
      enum: DELETE_POLICIES,
      onChange: "inPlace",
      doc: 'What happens to the certificate when Pulumi lets go of it (destroy, replacement, the certificate a re-enrollment supersedes): `"revoke"` (default) or `"retain"`. `"freeze"` is refused at preview: Fabric CA cannot suspend a certificate. The policy recorded by the last `pulumi up` is the one applied.',
    },
    mspId: {
      type: "string",
      onChange: "inPlace",
      doc: "The organization's MSP ID (e.g. `Org1MSP`; the CA does not know it); when set, `gatewayIdentity` is filled.",
    },
    importId: {
      type: "string",
      onChange: "inPlace",
      dynamicOnly: true,
      doc: "The `import` resource option, moved here by the TypeScript class: Pulumi cannot import into a dynamic resource (pulumi/pulumi#16175), so create adopts this certificate instead of enrolling.",
    },
    enrollmentProfile: {
      type: "string",
      enum: ENROLLMENT_PROFILES,
      onChange: "replace",
      doc: '`"tls"`: a TLS certificate from Fabric CA\'s `tls` signing profile (server and client auth), for a peer, orderer or mTLS client; name the TLS CA in caUrl/caName. Omitted: an enrollment certificate.',
    },
    hosts: {
      type: "stringList",
      onChange: "inPlace",
      doc: 'DNS names and IP addresses the TLS certificate is for (its SANs); only with enrollmentProfile "tls". A change re-enrolls.',
    },
    certificateSigningRequestPem: {
      type: "string",
      onChange: "inPlace",
      doc: "CSR mode: a PKCS#10 request (PEM; CN = enrollmentId, EC P-256/P-384) enrolled instead of a key made here, so no private key is stored; a new CSR re-enrolls (key rotation). Not with keyPolicy.",
    },
  },
  outputs: {
    caUrl: { type: "string", doc: "The CA URL." },
    caName: { type: "string", nullable: true, doc: "The CA of a multi-CA server, or null." },
    enrollmentId: { type: "string", doc: "The enrollment ID." },
    userName: C.userName,
    identityType: { type: "string", enum: FABRIC_IDENTITY_TYPES, doc: "Identity type." },
    affiliation: { type: "string", doc: "The affiliation; empty for the root affiliation." },
    attributes: { type: "stringMap", doc: "The attributes registered for the identity." },
    maxEnrollments: {
      type: "integer",
      nullable: true,
      doc: "The enrollment limit given, or null (the CA's limit).",
    },
    revocationReason: { type: "string", enum: REVOCATION_REASONS, doc: "The revocation reason in effect." },
    renewBefore: C.renewBefore,
    keyPolicy: { type: "string", enum: KEY_POLICIES, doc: "The key policy in effect." },
    onDelete: { type: "string", enum: DELETE_POLICIES, doc: "The delete policy in effect." },
    mspId: C.mspId,
    status: {
      ...C.status,
      doc: 'What the last `pulumi refresh` found at the CA: `"valid"`, `"revoked"`, `"removed"` (the identity or the certificate) or `"expired"`. Anything but valid makes the next `pulumi up` enroll again.',
    },
    crlPem: {
      type: "string",
      nullable: true,
      doc: "The CA's CRL (PEM) after this resource last revoked a superseded certificate, or null. Revocation does nothing on a Fabric network until the CRL is in the channel config.",
    },
    certificatePem: C.certificatePem,
    privateKeyPem: {
      ...C.privateKeyPem,
      doc: "The user's private key, PKCS#8 PEM. Secret. Empty when hasPrivateKey is false.",
    },
    hasPrivateKey: {
      type: "boolean",
      doc: "False in CSR mode (the key stays with the CSR's maker) and for a certificate brought in by `pulumi import` (the CA never holds the private key; the next enrollment makes one): privateKeyPem is empty, msp has no keystore, gatewayIdentity is null.",
    },
    caCertificatePem: { ...C.caCertificatePem, doc: "The CA chain, PEM." },
    authorityKeyId: {
      type: "string",
      doc: "Authority key identifier, lower-case hex: with the serial it names the certificate to revoke.",
    },
    certificateSigningRequestPem: {
      type: "string",
      nullable: true,
      doc: "The CSR the certificate was enrolled with (CSR mode), or null when the key was made here.",
    },
    serialNumber: C.serialNumber,
    subject: C.subject,
    issuer: C.issuer,
    notBefore: C.notBefore,
    notAfter: C.notAfter,
    fingerprintSha256: C.fingerprintSha256,
    expiresInDays: C.expiresInDays,
    readyForRenewal: C.readyForRenewal,
    enrollmentProfile: {
      type: "string",
      enum: ENROLLMENT_PROFILES,
      nullable: true,
      doc: "The enrollment profile, or null (an enrollment certificate).",
    },
    hosts: { type: "stringList", doc: "The host names given (the TLS certificate's SANs); empty when none." },
  },
  derived: {
    publicKeyPem: { ...C.publicKeyPem, package: true },
    msp: {
      ...C.msp,
      package: false,
      doc: "The MSP folder as fabric-ca-client writes it (`signcerts/cert.pem`, `keystore/<ski>_sk`, `cacerts/<host>-<port>.pem`): path to content. Secret.",
    },
    gatewayIdentity: { ...C.gatewayIdentity, package: false },
    tls: {
      type: "stringMap",
      secret: true,
      nullable: true,
      package: true,
      doc: "A TLS certificate's `tls` folder as Fabric nodes read it (`server.crt`, `server.key`, `ca.crt`): file name to content; null for an enrollment certificate. Secret.",
    },
    caNotAfter: { ...C.caNotAfter, package: true },
    caExpiresInDays: { ...C.caExpiresInDays, package: true },
  },
  derivedFrom: [
    "certificatePem",
    "privateKeyPem",
    "caCertificatePem",
    "caUrl",
    "caName",
    "mspId",
    "enrollmentProfile",
  ],
  upgrade: upgradeOutputs,
  derive: (stored) => ({
    publicKeyPem: publicKeyPem(stored.certificatePem),
    msp: fabricMsp(
      stored.certificatePem,
      stored.privateKeyPem,
      stored.caCertificatePem,
      stored.caUrl,
      stored.caName,
      stored.enrollmentProfile,
    ),
    gatewayIdentity: gatewayIdentity(stored.mspId, stored.certificatePem, stored.privateKeyPem),
    tls: tlsFolder(
      stored.enrollmentProfile,
      stored.certificatePem,
      stored.privateKeyPem,
      stored.caCertificatePem,
    ),
    ...caExpiryOutputs(stored.caCertificatePem, clockFrom(process.env)()),
  }),
};
