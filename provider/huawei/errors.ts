import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import type { HttpResponse } from "../http/transport";
import type { HuaweiErrorBody } from "./api";

/** What a user can do about each error code; codes not listed get a hint by HTTP status. */
const hintsByCode: Record<string, string> = {
  "BCS.4010401":
    "the IAM token is wrong or expired: check bcs:huaweiAuthToken, or configure AK/SK or a user/password",
  "BCS.4030403":
    "the credentials are not allowed on this project: check projectId and the credentials' project",
  "BCS.4001051": "orgName must be a peer organization of the blockchain (see ShowBlockchainDetail peer_info)",
  "BCS.4006020":
    "safe mode holds one active certificate per user name: freeze the old one or pick another userName",
  "BCS.4006021":
    "safe mode allows 100 certificates per organization: freeze unused ones or use securityMode: false",
  "BCS.4040404": "check projectId, blockchainId and orgName, and bcs:huaweiEndpoint",
  "APIG.0301": "the AK/SK signature was refused: check bcs:huaweiAccessKey and bcs:huaweiSecretKey",
  "APIGW.0303": "the request date is more than 15 minutes from the server's clock: fix this machine's clock",
  "APIG.0308": "the API is throttling requests: retry later or lower the parallelism",
  "IAM.0001": "check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName",
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

export function huaweiError(service: string, response: HttpResponse): ApiError {
  const body = jsonBody(response);
  if (isHuaweiError(body)) {
    const hint = hintsByCode[body.error_code] ?? hintsByStatus[response.status] ?? "";
    return new ApiError(service, response.status, body.error_code, body.error_msg, hint);
  }
  if (isIamError(body)) {
    const hint =
      response.status === 401 ? "check bcs:huaweiUserName, bcs:huaweiPassword and bcs:huaweiDomainName" : "";
    return new ApiError(service, response.status, String(body.error.code), body.error.message, hint);
  }
  return new ApiError(
    service,
    response.status,
    "UNEXPECTED_BODY",
    bodyExcerpt(response),
    hintsByStatus[response.status] ?? "the answer is not in the documented error shape",
  );
}
