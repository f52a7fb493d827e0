/**
 * Hyperledger Fabric CA REST API v1 (fabric-ca v1.5): routes, bodies and the error codes clients see.
 * Every route is also served without `/api/v1`; the long form is used throughout.
 */

export const fabricCaRoutes = {
  cainfo: { method: "GET", path: "/api/v1/cainfo" },
  enroll: { method: "POST", path: "/api/v1/enroll" },
  reenroll: { method: "POST", path: "/api/v1/reenroll" },
  register: { method: "POST", path: "/api/v1/register" },
  revoke: { method: "POST", path: "/api/v1/revoke" },
  listIdentities: { method: "GET", path: "/api/v1/identities" },
  getIdentity: { method: "GET", path: "/api/v1/identities/{id}" },
  modifyIdentity: { method: "PUT", path: "/api/v1/identities/{id}" },
  removeIdentity: { method: "DELETE", path: "/api/v1/identities/{id}" },
  certificates: { method: "GET", path: "/api/v1/certificates" },
  gencrl: { method: "POST", path: "/api/v1/gencrl" },
} as const;

export type FabricCaRoute = (typeof fabricCaRoutes)[keyof typeof fabricCaRoutes];

/** Every answer, success or not. At most one error; `result` is `""` on failure. */
export interface FabricCaEnvelope<T> {
  result: T | "";
  errors: FabricCaMessage[];
  messages: FabricCaMessage[];
  success: boolean;
}

export interface FabricCaMessage {
  code: number;
  message: string;
}

/** `/cainfo`, and `ServerInfo` in enroll answers (where `Version` is empty). Binary fields are base64. */
export interface CaInfoWire {
  CAName: string;
  /** Base64 of the PEM chain (just the root for a root CA). */
  CAChain: string;
  /** Base64 of Idemix protobuf bytes. */
  IssuerPublicKey: string;
  /** Base64 of a PEM public key. */
  IssuerRevocationPublicKey: string;
  Version: string;
}

export interface AttributeRequest {
  name: string;
  /** When true, an attribute the identity lacks is skipped instead of failing the enrollment. */
  optional?: boolean;
}

/** Body of enroll and reenroll. */
export interface EnrollRequestBody {
  certificate_request: string;
  /** `""` (default ECert), `tls` or `ca`. */
  profile?: string;
  label?: string;
  caname?: string;
  /** Omitted: every attribute registered with `ecert: true`; `[]`: none. */
  attr_reqs?: AttributeRequest[];
  /** Replaces the CSR's SANs. */
  hosts?: string[];
}

export interface EnrollResultWire {
  /** Base64 of the PEM certificate. */
  Cert: string;
  ServerInfo: CaInfoWire;
}

export interface IdentityAttribute {
  name: string;
  value: string;
  /** Put into enrollment certificates by default; omitted by the server when false. */
  ecert?: boolean;
}

export interface RegisterRequestBody {
  id: string;
  /** Missing: the registrar's own type, so pass it. */
  type?: string;
  /** Missing: the server generates one and returns it. */
  secret?: string;
  /** 0 or missing: the CA's limit; −1: unlimited. */
  max_enrollments?: number;
  /** Missing: the registrar's affiliation; `"."`: the root. */
  affiliation?: string;
  attrs?: IdentityAttribute[];
  caname?: string;
}

export interface RegisterResultWire {
  /** Plain text, not base64. */
  secret: string;
}

export const REVOCATION_REASONS = [
  "unspecified",
  "keycompromise",
  "cacompromise",
  "affiliationchanged",
  "superseded",
  "cessationofoperation",
  "certificatehold",
  "removefromcrl",
  "privilegewithdrawn",
  "aacompromise",
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** `serial` + `aki` revoke one certificate; `id` alone revokes the identity and all its certificates. */
export interface RevokeRequestBody {
  id?: string;
  /** Hex; case, leading zeros and `:` are ignored. */
  serial?: string;
  aki?: string;
  reason?: RevocationReason;
  gencrl?: boolean;
  caname?: string;
}

export interface RevokeResultWire {
  /** Lowercase hex without leading zeros. */
  RevokedCerts: { Serial: string; AKI: string }[] | null;
  /** Base64 of a PEM `X509 CRL` when `gencrl` was asked, else `""`. */
  CRL: string;
}

export interface IdentityInfoWire {
  id: string;
  type: string;
  affiliation: string;
  attrs: IdentityAttribute[] | null;
  max_enrollments: number;
  secret?: string;
  caname?: string;
}

export interface IdentityListResultWire {
  identities: IdentityInfoWire[] | null;
  caname: string;
}

/** Only the fields given change; attributes merge by name and an empty value deletes one. */
export interface ModifyIdentityRequestBody {
  type?: string;
  affiliation?: string;
  attrs?: IdentityAttribute[];
  /** 0: unchanged; −2: the CA's limit. */
  max_enrollments?: number;
  secret?: string;
  caname?: string;
}

/** Query of GET /certificates; times as RFC 3339, `YYYY-MM-DD` or relative (`-30d`, `+2h`). */
export interface CertificatesQuery {
  id?: string;
  aki?: string;
  serial?: string;
  revoked_start?: string;
  revoked_end?: string;
  expired_start?: string;
  expired_end?: string;
  notrevoked?: boolean;
  notexpired?: boolean;
}

export interface CertificatesResultWire {
  /** `PEM` is plain PEM text here, not base64. */
  certs: { PEM: string }[] | null;
  caname: string;
}

export interface GenCrlRequestBody {
  revokedafter?: string;
  revokedbefore?: string;
  expireafter?: string;
  expirebefore?: string;
  caname?: string;
}

export interface GenCrlResultWire {
  /** Base64 of a PEM `X509 CRL`. */
  CRL: string;
}

/**
 * Error codes a client sees. The server collapses every authentication problem into 20 and every
 * permission problem into 71; only its log has the precise local reason.
 */
export const fabricCaErrorCodes = {
  unclassified: {
    code: 0,
    hint: "the server log has the reason (e.g. a required attr_reqs attribute is missing)",
  },
  methodNotAllowed: { code: 1, hint: "the route does not take this method" },
  noAuthorization: { code: 2, hint: "the request carried no Authorization header" },
  emptyBody: { code: 4, hint: "the request needs a JSON body" },
  invalidBody: { code: 5, hint: "the body is not valid JSON for this route" },
  certificateNotFound: { code: 8, hint: "no certificate with this serial and AKI was issued by this CA" },
  caNotFound: {
    code: 19,
    hint: "no CA of that name on this server: check the CA name, or leave it out for the default CA",
  },
  authentication: {
    code: 20,
    hint:
      "authentication failed: a wrong or unknown id or secret, max enrollments reached, a revoked identity, " +
      "or a certificate this CA did not issue or no longer knows; the server log names the reason",
  },
  removalDisabled: {
    code: 56,
    hint: "the server refuses to remove identities unless it runs with --cfg.identities.allowremove",
  },
  notFound: { code: 63, hint: "no such identity or record on this CA" },
  alreadyRevoked: { code: 66, hint: "the certificate is already revoked" },
  authorization: {
    code: 71,
    hint:
      "authorization failed: the caller lacks the registrar rights (hf.Registrar.Roles, hf.Revoker, hf.GenCRL, …) " +
      "for this type, attribute or affiliation, or the affiliation does not exist on the server",
  },
  passwordAttempts: {
    code: 73,
    hint: "too many wrong secrets: a registrar must set a new secret (modify the identity) before it can enroll",
  },
  alreadyRegistered: {
    code: 74,
    hint: "the id is taken (revoked identities keep theirs); remove it first or pick another id",
  },
  cnMismatch: { code: 77, hint: "the CSR's CN must equal the enrollment id" },
  csrFieldTooLong: {
    code: 80,
    hint: "a CSR field is too long (the CN, i.e. the id, is at most 64 characters)",
  },
  invalidMaxEnrollments: {
    code: 82,
    hint: "max_enrollments exceeds the CA's limit, or −1 where the CA has one",
  },
} as const;

export const fabricCaHints: ReadonlyMap<number, string> = new Map(
  Object.values(fabricCaErrorCodes).map(({ code, hint }) => [code, hint]),
);
