/**
 * Huawei Cloud BCS v2 and IAM v3: the routes, bodies and error codes that both the client and the
 * emulator use. Codes marked "assumed" are not in Huawei's public docs; see docs/decisions/0017-first-contact-with-the-real-clouds.md.
 */

export const huaweiRoutes = {
  /** IAM: obtain a project-scoped token (201, token in the X-Subject-Token header). */
  createToken: { method: "POST", path: "/v3/auth/tokens" },
  /** BCS CreateBlockchainCertByUserName: 200 with the certificate zip. */
  createUserCert: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}",
  },
  /** BCS FreezeCert: 2xx `{"result": string}`. The zip as multipart part `file`, or no body. */
  freezeCert: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/freeze",
  },
  /** BCS ListBlockchains (bcs_meta.go GenReqDefForListBlockchains): read-only, used by `pulumi-bcs check`. */
  listBlockchains: { method: "GET", path: "/v2/{project_id}/blockchains" },
  /** BCS UnfreezeCert: same shape as FreezeCert. */
  unfreezeCert: {
    method: "POST",
    path: "/v2/{project_id}/blockchains/{blockchain_id}/orgs/{org_name}/usercert/{user_name}/unfreeze",
  },
} as const;

export type HuaweiRoute = keyof typeof huaweiRoutes;

export interface UserCertPathParams {
  project_id: string;
  blockchain_id: string;
  org_name: string;
  user_name: string;
}

export interface CreateUserCertBody {
  security_mode?: boolean;
}

export interface ResultBody {
  result: string;
}

/** The error body of BCS, the API gateway and IAM. */
export interface HuaweiErrorBody {
  error_code: string;
  error_msg: string;
}

export interface TokenRequestBody {
  auth: {
    identity: {
      methods: ["password"];
      password: { user: { name: string; password: string; domain: { name: string } } };
    };
    /** A project (every BCS call), or the account (Go SDK services/iam/v3/model AuthScope: domain or project). */
    scope: { project: { id: string } | { name: string } } | { domain: { name: string } };
  };
}

/** The subset of the token body that the client reads. */
export interface TokenResponseBody {
  token: { expires_at: string; issued_at: string; project: { id: string; name: string } };
}

/** Error codes, with the HTTP status each is sent with. */
export const huaweiErrors = {
  badRequest: { status: 400, code: "BCS.4006005" },
  missingParameter: { status: 400, code: "BCS.4006009" },
  malformedBody: { status: 400, code: "BCS.4006003" },
  unknownOrg: { status: 400, code: "BCS.4001051" },
  // The refusals for a safe-mode name that is taken and for the quota are assumptions, kept with the
  // rest of what is assumed about them in provider/huawei/recovery.ts (assumedRefusals).
  /** assumed: freeze/unfreeze found no certificate to act on */
  certNotFound: { status: 404, code: "BCS.4040404" },
  badToken: { status: 401, code: "BCS.4010401" },
  forbiddenProject: { status: 403, code: "BCS.4030403" },
  notFound: { status: 404, code: "BCS.4040404" },
  internal: { status: 500, code: "BCS.5000500" },
  /** API gateway: the AK/SK signature does not verify. */
  badSignature: { status: 401, code: "APIG.0301" },
  /** API gateway: X-Sdk-Date is more than 15 minutes away (or APIG.0301 with a date message: emulator/variants.ts). */
  clockSkew: { status: 401, code: "APIGW.0303" },
  /** API gateway: throttled. */
  throttled: { status: 429, code: "APIG.0308" },
  /** IAM: wrong user name or password ("The request you have made requires authentication."). */
  iamBadCredentials: { status: 401, code: "IAM.0001" },
  /** IAM: the token request body is not a valid password-method request ("Request body is invalid."). */
  iamBadRequest: { status: 400, code: "IAM.0011" },
  /** API gateway: request body too large. */
  bodyTooLarge: { status: 413, code: "APIG.0201" },
} as const;

/** Safe mode: at most this many certificates per organization. */
export const SAFE_MODE_ORG_QUOTA = 100;
/** The freeze/unfreeze upload limit. */
export const FREEZE_FILE_MAX_BYTES = 30 * 1024;
/** AK/SK signatures older or newer than this are refused by the gateway. */
export const SDK_DATE_WINDOW_MS = 15 * 60 * 1000;
