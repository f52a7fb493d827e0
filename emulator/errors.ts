import { huaweiErrors, type HuaweiErrorBody } from "../provider/huawei/api";
import { ncloudErrors, type NcloudErrorBody } from "../provider/ncloud/api";
import { jsonReply, Refusal, type Reply } from "./reply";

export type HuaweiErrorKey = keyof typeof huaweiErrors;
export type NcloudErrorKey = keyof typeof ncloudErrors;

/** A BCS / API-gateway / IAM error: `{error_code, error_msg}` with the status the code table gives. */
export function huaweiReply(key: HuaweiErrorKey, message: string): Reply {
  const { status, code } = huaweiErrors[key];
  const body: HuaweiErrorBody = { error_code: code, error_msg: message };
  return jsonReply(status, body);
}

export function huaweiRefusal(key: HuaweiErrorKey, message: string): Refusal {
  return new Refusal(huaweiReply(key, message));
}

/** Parses a BCS request body that must be a JSON object; refuses it the way BCS does otherwise. */
export function parseHuaweiJsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw huaweiRefusal("malformedBody", (err as Error).message);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw huaweiRefusal("malformedBody", "request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** An NCP API-gateway error: `{"error":{"errorCode","message"[,"details"]}}`. */
export function ncloudReply(key: NcloudErrorKey, details?: string): Reply {
  const { status, code, message } = ncloudErrors[key];
  const body: NcloudErrorBody = { error: { errorCode: code, message, ...(details ? { details } : {}) } };
  return jsonReply(status, body);
}

export function ncloudRefusal(key: NcloudErrorKey, details?: string): Refusal {
  return new Refusal(ncloudReply(key, details));
}

/** The Blockchain service's own 404 body (it adds `status` and `resources`). */
export function ncloudCaNotFound(networkId: string, caId: string): Refusal {
  const body: NcloudErrorBody = {
    error: {
      errorCode: ncloudErrors.notFound.code,
      message: `CA ${caId} not found in network ${networkId}`,
      status: "NOT_FOUND",
      resources: [],
    },
  };
  return new Refusal(jsonReply(ncloudErrors.notFound.status, body));
}

/** Which cloud a path belongs to decides the shape of its 404, 413 and 500 bodies. */
export type ApiFamily = "huawei" | "ncloud";

export function familyOf(pathname: string): ApiFamily {
  return pathname.startsWith("/api/") ? "ncloud" : "huawei";
}

export function notFoundReply(family: ApiFamily): Reply {
  return family === "ncloud"
    ? ncloudReply("notFound")
    : huaweiReply("notFound", "Not Found:the url is not found");
}

export function tooLargeReply(family: ApiFamily): Reply {
  return family === "ncloud"
    ? ncloudReply("tooLarge")
    : huaweiReply("bodyTooLarge", "Request entity too large");
}

export function internalErrorReply(family: ApiFamily): Reply {
  return family === "ncloud" ? ncloudReply("unexpected") : huaweiReply("internal", "Internal Server Error");
}

// ---- what the API gateway in front of the API answers (the fault injector's 5xx and 429) ----

/** Huawei's API gateway in front of BCS and IAM, when its backend is unavailable (documented for 502; assumed for 503). */
const HUAWEI_BACKEND_UNAVAILABLE: HuaweiErrorBody = {
  error_code: "APIG.0202",
  error_msg: "Backend unavailable",
};
/** NAVER's API gateway when the endpoint fails (its code 500, sent with 502 and 503). */
const NCLOUD_ENDPOINT_ERROR: NcloudErrorBody = { error: { errorCode: "500", message: "Endpoint Error" } };

export function gatewayErrorReply(family: ApiFamily, status: 502 | 503): Reply {
  return jsonReply(status, family === "ncloud" ? NCLOUD_ENDPOINT_ERROR : HUAWEI_BACKEND_UNAVAILABLE);
}

/** 429 with `Retry-After`: Huawei's gateway `APIG.0308`, NAVER's `410`. */
export function throttledReply(family: ApiFamily, retryAfterSeconds: number): Reply {
  const reply =
    family === "ncloud"
      ? ncloudReply("throttled")
      : huaweiReply("throttled", "The throttling threshold has been reached");
  return { ...reply, headers: { ...reply.headers, "Retry-After": String(retryAfterSeconds) } };
}
