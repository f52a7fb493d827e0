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
