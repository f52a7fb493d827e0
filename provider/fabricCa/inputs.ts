import { certificateInfo, type CertificateInfo } from "../common/certificateInfo";
import { deletePolicyRule, type DeletePolicy } from "../common/deletePolicy";
import type { CertificateStatus } from "../common/drift";
import { renewalFacts, type RenewalFacts } from "../common/renewal";
import type { Settings } from "./settings";
import { commonRules, optional, UNKNOWN, type Rule } from "../common/validation";
import { endpointProblem } from "../http/endpoint";
import { REVOCATION_REASONS, type RevocationReason } from "./api";
import { authorityKeyId } from "./certificateFields";
import { MAX_ENROLLMENT_ID_LENGTH } from "./csr";
import { issuedCertificateProblem } from "./issuedCertificate";
import { registrarBindingProblem } from "./registrarBinding";
import { tlsRules, type EnrollmentProfile } from "./tls";
import { signingRequest } from "./signingRequest";

export type { RevocationReason };
export const FABRIC_IDENTITY_TYPES = ["client", "peer", "orderer", "admin"] as const;
export type FabricIdentityType = (typeof FABRIC_IDENTITY_TYPES)[number];

/** The checked inputs of a FabricCaUserCertificate. */
export interface FabricCaCertificateInputs {
  caUrl: string;
  caName?: string;
  enrollmentId: string;
  identityType?: FabricIdentityType;
  affiliation?: string;
  attributes?: Record<string, string>;
  maxEnrollments?: number;
  revocationReason?: RevocationReason;
  /** Re-enroll when the certificate expires within this duration. */
  renewBefore?: string;
  /** On re-enrollment: keep the key (`reuse`, e.g. for a node whose key is in channel config) or make a new one. */
  keyPolicy?: KeyPolicy;
  /** What destroy (and a re-enrollment, for the superseded certificate) does: revoke (default) or retain. */
  onDelete?: DeletePolicy;
  /** The MSP ID of the identity's organization, for the Gateway identity output. */
  mspId?: string;
  /**
   * The dynamic face's `import` resource option (the TypeScript SDK moves it here): Pulumi cannot
   * import into a dynamic resource (pulumi/pulumi#16175), so create adopts this certificate instead of
   * enrolling. Only consulted at create.
   */
  importId?: string;
  /** `tls`: Fabric CA's TLS signing profile (server and client auth); omitted: an enrollment certificate. */
  enrollmentProfile?: EnrollmentProfile;
  /** DNS names and IP addresses, the TLS certificate's SANs; only with enrollmentProfile "tls". */
  hosts?: string[];
  /** CSR mode: the PKCS#10 request (PEM) enrolled instead of a key made here; no private key is stored. */
  certificateSigningRequestPem?: string;
}

export type KeyPolicy = "reuse" | "rotate";

/** What is stored: the inputs in effect, and the certificate. */
export interface FabricCaCertificateOutputs extends CertificateInfo, RenewalFacts {
  caUrl: string;
  caName: string | null;
  enrollmentId: string;
  userName: string;
  identityType: FabricIdentityType;
  affiliation: string;
  attributes: Record<string, string>;
  maxEnrollments: number | null;
  revocationReason: RevocationReason;
  renewBefore: string | null;
  keyPolicy: KeyPolicy;
  onDelete: DeletePolicy;
  mspId: string | null;
  /** As the last refresh found it at the CA; "valid" from create until a refresh says otherwise. */
  status: CertificateStatus;
  /** The CA's CRL (PEM) after this resource's last revocation of a superseded certificate. */
  crlPem: string | null;
  certificatePem: string;
  /** Empty when hasPrivateKey is false. */
  privateKeyPem: string;
  /**
   * False for a certificate brought in by `pulumi import`: the CA never holds the private key, so
   * privateKeyPem is empty until the next enrollment makes one.
   */
  hasPrivateKey: boolean;
  caCertificatePem: string;
  /** Authority key identifier, lower-case hex: with the serial it names the certificate to revoke. */
  authorityKeyId: string;
  enrollmentProfile: EnrollmentProfile | null;
  hosts: string[];
  /** The CSR the certificate was enrolled with (CSR mode), or null when the key was made here. */
  certificateSigningRequestPem: string | null;
}

const DEFAULT_REASON: RevocationReason = "cessationofoperation";
/** Inputs whose change means another identity, hence a new resource. */
export const FABRIC_REPLACE_ON_CHANGE = [
  "caUrl",
  "caName",
  "enrollmentId",
  "identityType",
  "affiliation",
  "enrollmentProfile",
] as const;

/** The endpoint policy every URL the package calls follows (provider/http/endpoint.ts), and a CA the registrar may be sent to. */
export const caUrlRule =
  (settings: Settings): Rule =>
  (field, v) =>
    v === undefined
      ? `${field} is required: the CA's URL, such as https://ca.org1.example.com:7054`
      : typeof v !== "string"
        ? `${field} must be a string URL`
        : (endpointProblem(field, v, settings.allowInsecureHttp === "true") ??
          registrarBindingProblem(settings, field, v));

export const fabricRules: Record<string, Rule> = {
  caName: optional((field, v) =>
    typeof v === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '.', '_' or '-'`,
  ),
  enrollmentId: (field, v) => {
    if (v === undefined) return `${field} is required`;
    if (typeof v !== "string") return `${field} must be a string`;
    if (v.length === 0 || [...v].length > MAX_ENROLLMENT_ID_LENGTH) {
      return `${field} must be 1 to ${MAX_ENROLLMENT_ID_LENGTH} characters (it becomes the certificate's CN)`;
    }
    if (/[:/\\%?#]/.test(v) || !/^[\x21-\x7e]+$/.test(v)) {
      return `${field} must be printable ASCII without ':', '/', '\\', '%', '?', '#', spaces, control or look-alike characters`;
    }
    return undefined;
  },
  identityType: optional((field, v) =>
    (FABRIC_IDENTITY_TYPES as readonly unknown[]).includes(v)
      ? undefined
      : `${field} must be one of ${FABRIC_IDENTITY_TYPES.join(", ")}`,
  ),
  affiliation: optional((field, v) =>
    typeof v === "string" && (v === "" || /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(v))
      ? undefined
      : `${field} must be dot-separated names such as org1.department1 (letters, digits, '_', '-')`,
  ),
  attributes: optional((field, v) => {
    if (typeof v !== "object" || Array.isArray(v))
      return `${field} must be a map of attribute name to string value`;
    for (const [name, value] of Object.entries(v as object)) {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
        return `${field}: attribute name ${JSON.stringify(name)} must be 1 to 64 letters, digits, '.', '_' or '-'`;
      if (name.startsWith("hf.")) return `${field}: ${name} is reserved by Fabric CA (hf.*)`;
      if (typeof value !== "string" && value !== UNKNOWN) return `${field}.${name} must be a string`;
      if (typeof value === "string" && (value.length > 1024 || /\p{Cc}/u.test(value))) {
        return `${field}.${name} must be at most 1024 characters without control characters`;
      }
    }
    return undefined;
  }),
  maxEnrollments: optional((field, v) =>
    typeof v === "number" && Number.isSafeInteger(v) && (v === -1 || v > 0)
      ? undefined
      : `${field} must be -1 (unlimited) or a positive whole number`,
  ),
  revocationReason: optional((field, v) =>
    (REVOCATION_REASONS as readonly unknown[]).includes(v)
      ? undefined
      : `${field} must be one of ${REVOCATION_REASONS.join(", ")}`,
  ),
  renewBefore: commonRules.optionalDuration,
  keyPolicy: optional((field, v) =>
    v === "reuse" || v === "rotate" ? undefined : `${field} must be "reuse" or "rotate"`,
  ),
  onDelete: deletePolicyRule("Fabric CA", "revoke", {
    freeze: "it cannot suspend a certificate and lift the suspension later",
  }),
  mspId: commonRules.optionalMspId,
  ...tlsRules,
  // Not an input of this resource; untyped JavaScript callers get told why at preview.
  frozen: optional(
    (field) =>
      `${field} is not supported on Fabric CA: it cannot suspend a certificate and lift the suspension later. ` +
      'Destroy revokes the certificate; use onDelete: "retain" to keep it',
  ),
};

/** The inputs in effect: each omitted one as its default. */
export const effective = (i: Partial<FabricCaCertificateInputs>) => ({
  caName: i.caName ?? null,
  identityType: i.identityType ?? "client",
  affiliation: i.affiliation ?? "",
  attributes: i.attributes ?? {},
  maxEnrollments: i.maxEnrollments ?? null,
  revocationReason: i.revocationReason ?? DEFAULT_REASON,
  renewBefore: i.renewBefore ?? null,
  keyPolicy: i.keyPolicy ?? "rotate",
  onDelete: i.onDelete ?? "revoke",
  mspId: i.mspId ?? null,
  enrollmentProfile: i.enrollmentProfile ?? null,
  hosts: i.hosts ?? [],
  certificateSigningRequestPem: i.certificateSigningRequestPem ?? null,
});

/** Inputs whose change only updates the state. */
export const STATE_ONLY = ["revocationReason", "renewBefore", "keyPolicy", "onDelete", "mspId"] as const;

/**
 * Outputs as this version reads them, from a state any earlier version wrote: a field added since is
 * given the value the provider acted on while it was missing, so an older state shows no change.
 */
export function upgradeOutputs(olds: FabricCaCertificateOutputs): FabricCaCertificateOutputs {
  const defaults = effective({});
  return {
    ...olds,
    caName: olds.caName ?? defaults.caName,
    attributes: olds.attributes ?? defaults.attributes,
    maxEnrollments: olds.maxEnrollments ?? defaults.maxEnrollments,
    revocationReason: olds.revocationReason ?? defaults.revocationReason,
    renewBefore: olds.renewBefore ?? defaults.renewBefore,
    keyPolicy: olds.keyPolicy ?? defaults.keyPolicy,
    onDelete: olds.onDelete ?? defaults.onDelete,
    mspId: olds.mspId ?? defaults.mspId,
    status: olds.status ?? "valid",
    crlPem: olds.crlPem ?? null,
    hasPrivateKey: olds.hasPrivateKey ?? true,
    enrollmentProfile: olds.enrollmentProfile ?? defaults.enrollmentProfile,
    hosts: olds.hosts ?? defaults.hosts,
    certificateSigningRequestPem: olds.certificateSigningRequestPem ?? null,
  };
}

/** `<caUrl>|<caName>|<enrollmentId>|<serialNumber>`: unique per certificate. */
export function certificateId(
  o: Pick<FabricCaCertificateOutputs, "caUrl" | "enrollmentId" | "serialNumber"> & { caName?: string | null },
): string {
  return `${o.caUrl}|${o.caName ?? ""}|${o.enrollmentId}|${o.serialNumber}`;
}

/** The outputs of a new enrollment. */
export function outputs(
  inputs: FabricCaCertificateInputs,
  certificatePem: string,
  privateKeyPem: string,
  caChainPem: string,
  now: Date,
): FabricCaCertificateOutputs {
  const e = effective(inputs);
  const problem = issuedCertificateProblem(certificatePem, {
    enrollmentId: inputs.enrollmentId,
    caChainPem,
    ...(e.certificateSigningRequestPem
      ? { publicKeySpki: signingRequest(e.certificateSigningRequestPem).spki }
      : { privateKeyPem }),
  });
  if (problem)
    throw new Error(
      `Fabric CA's answer to the enrollment of ${inputs.enrollmentId} was refused: the CA's answer ${problem}. ` +
        "Nothing of it was kept, and the certificate it would have replaced was neither changed nor revoked",
    );
  return {
    caUrl: inputs.caUrl,
    enrollmentId: inputs.enrollmentId,
    userName: inputs.enrollmentId,
    ...e,
    certificatePem,
    privateKeyPem,
    hasPrivateKey: privateKeyPem !== "",
    caCertificatePem: caChainPem,
    authorityKeyId: authorityKeyId(certificatePem)!,
    status: "valid",
    crlPem: null,
    ...certificateInfo(certificatePem),
    ...renewalFacts(certificateInfo(certificatePem).notAfter, e.renewBefore, now),
  };
}
