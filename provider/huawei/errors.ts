import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import { requestIdOf } from "../http/requestId";
import { assumedRefusal, type AssumedRefusal } from "./recovery";
import type { HttpResponse } from "../http/transport";
import type { HuaweiErrorBody } from "./api";

const TOKEN_HINT =
  "the IAM token is wrong or expired: check bcs:huaweiAuthToken, or configure AK/SK or a user/password";
const SIGNATURE_HINT =
  "the AK/SK signature was refused: check bcs:huaweiAccessKey and bcs:huaweiSecretKey " +
  "(and that this machine's clock is within 15 minutes of the real time)";
const CLOCK_HINT =
  "the request date is more than 15 minutes from the server's clock: fix this machine's clock";

/**
 * The API gateway answers every IAM-authentication failure with the same code (`APIG.0301`: a bad
 * signature, a skewed date, an expired or undecryptable token; Huawei's service FAQs), so what went
 * wrong is read from the message first. Checked in this order.
 */
const hintsByMessage: [RegExp, string][] = [
  // APIGW.0303 names the date; APIG.0301 says "signature expired, signature time:…,server time:…"
  // (the APIG FAQ's wording), which must not read as a bad key.
  [/sdk-date|time range|clock|timestamp|request (has )?expired|signature expired|server time/i, CLOCK_HINT],
  [/token/i, TOKEN_HINT],
  [/signature|aksk|ak\/sk|access ?key/i, SIGNATURE_HINT],
];

/** What a user can do about each error code; codes not listed get a hint by HTTP status. */
const hintsByCode: Record<string, string> = {
  "BCS.4010401": TOKEN_HINT,
  "BCS.4030403":
    "the credentials are not allowed on this project: check projectId and the credentials' project",
  "BCS.4001051": "orgName must be a peer organization of the blockchain (see ShowBlockchainDetail peer_info)",
  "BCS.4040404": "check projectId, blockchainId and orgName, and bcs:huaweiEndpoint",
  "APIG.0301": SIGNATURE_HINT,
  "APIGW.0303": CLOCK_HINT,
  "APIG.0308": "the API is throttling requests: retry later or lower the parallelism",
  "IAM.0001": "check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName",
};

/** Hints for the refusals whose codes are assumed (provider/huawei/recovery.ts). */
const hintsByAssumedRefusal: Record<AssumedRefusal, string> = {
  nameTaken:
    "safe mode holds one active certificate per user name: freeze the old one or pick another userName",
  quota: "safe mode allows 100 certificates per organization: freeze unused ones or use securityMode: false",
};

const hintsByStatus: Record<number, string> = {
  400: "the request was refused as invalid",
  401: "authentication failed: check the Huawei credentials",
  403: "the credentials lack permission for this operation",
  404: "not found: check the identifiers and the endpoint",
  500: "Huawei Cloud failed internally: retry later",
};

function isHuaweiError(body: unknown): body is HuaweiErrorBody {
  const b = body as Partial<HuaweiErrorBody> | undefined;
  return typeof b?.error_code === "string" && typeof b?.error_msg === "string";
}

/** The Keystone shape `{"error":{"code","message"}}` (code a string or a number), accepted besides IAM's documented one. */
function isIamError(body: unknown): body is { error: { code: string | number; message: string } } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return (typeof e?.code === "string" || typeof e?.code === "number") && typeof e?.message === "string";
}

/** The most IAM's DecodeAuthorizationMessage takes (api-iam5 DecodeAuthorizationMessage: 1 to 10240). */
const ENCODED_MESSAGE_MAX = 10240;

/**
 * What to add to the hint of a policy denial that carries `encoded_authorization_message` (kept, as
 * the Go SDK keeps it: core/sdkerr/errors.go processServiceResponseError). It is shown whole, or not
 * at all, since only the whole text decodes: only when it is base64 text of at most the length IAM
 * decodes, so nothing a server chose reaches the terminal but those characters.
 */
function encodedDenial(body: unknown): string {
  const encoded = (body as { encoded_authorization_message?: unknown } | undefined)
    ?.encoded_authorization_message;
  if (typeof encoded !== "string" || encoded === "") return "";
  if (encoded.length > ENCODED_MESSAGE_MAX || !/^[A-Za-z0-9+/=_-]+$/.test(encoded))
    return (
      `; the answer's encoded_authorization_message (${encoded.length} characters) is not the base64 text of at ` +
      `most ${ENCODED_MESSAGE_MAX} characters IAM decodes, so it is not shown`
    );
  return (
    `; IAM says why in encoded_authorization_message: ${encoded} — decode it with IAM's ` +
    'DecodeAuthorizationMessage (POST https://iam.<region>.myhuaweicloud.com/v5/decode-authorization-message, body {"encoded_message": "<that text>"}, ' +
    "allowed by the action sts::decodeAuthorizationMessage)"
  );
}

export function huaweiError(service: string, response: HttpResponse): ApiError {
  const body = jsonBody(response);
  const requestId = requestIdOf(response, body);
  const denial = encodedDenial(body);
  if (isHuaweiError(body)) {
    const byMessage = response.status === 401 || response.status === 403 ? hintsByMessage : [];
    const assumed = assumedRefusal(response.status, body.error_code, body.error_msg);
    const hint =
      byMessage.find(([pattern]) => pattern.test(body.error_msg))?.[1] ??
      hintsByCode[body.error_code] ??
      (assumed && hintsByAssumedRefusal[assumed]) ??
      hintsByStatus[response.status] ??
      "";
    return new ApiError(service, response.status, body.error_code, body.error_msg, hint + denial, requestId);
  }
  if (isIamError(body)) {
    const hint =
      response.status === 401 ? "check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName" : "";
    return new ApiError(
      service,
      response.status,
      String(body.error.code),
      body.error.message,
      hint + denial,
      requestId,
    );
  }
  return new ApiError(
    service,
    response.status,
    "UNEXPECTED_BODY",
    bodyExcerpt(response),
    (hintsByStatus[response.status] ?? "the answer is not in the documented error shape") + denial,
    requestId,
  );
}
