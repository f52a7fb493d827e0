import { createHash, timingSafeEqual } from "node:crypto";
import { huaweiErrors, SDK_DATE_WINDOW_MS } from "../../provider/huawei/api";
import {
  canonicalRequest,
  parseAuthorization,
  parseSdkDate,
  signature,
  UNSIGNED_PAYLOAD,
} from "../../provider/huawei/signer";
import { huaweiRefusal } from "../errors";
import { header, jsonReply, Refusal, type HandlerContext } from "../http";
import { filled } from "../variants";

const BAD_SIGNATURE = "Incorrect IAM authentication information: verify aksk signature fail";

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Authenticates a BCS call by `X-Auth-Token` or by an `SDK-HMAC-SHA256` signature, and checks that the
 * credential belongs to the project in the path. Throws a Refusal; returns nothing on success.
 */
export function authenticateBcs(ctx: HandlerContext): void {
  const projectId = ctx.params.project_id;
  const token = header(ctx.request.headers, "x-auth-token");
  const authorization = header(ctx.request.headers, "authorization");
  let credentialProject: string;
  if (token !== undefined) credentialProject = projectOfToken(ctx, token);
  else if (authorization !== undefined) credentialProject = projectOfSignature(ctx, authorization);
  else throw tokenRefusal(ctx);

  const headerProject = header(ctx.request.headers, "x-project-id");
  if (credentialProject !== projectId || (headerProject !== undefined && headerProject !== projectId)) {
    throw policyDenial(ctx, projectId);
  }
}

/**
 * The credentials are not allowed on the project in the path. In the `encoded` variant the body also
 * carries `encoded_authorization_message`, as the Go SDK reads it (core/sdkerr/errors.go
 * processServiceResponseError): here base64 of what was denied, where IAM's is opaque.
 */
function policyDenial(ctx: HandlerContext, projectId: string): Refusal {
  const { status, code } = huaweiErrors.forbiddenProject;
  const body: Record<string, string> = { error_code: code, error_msg: `forbidden to project [${projectId}]` };
  if (ctx.variants.policyDenial === "encoded") {
    const denied = { decision: "deny", action: `bcs:${ctx.request.method}`, resource: projectId };
    body.encoded_authorization_message = Buffer.from(JSON.stringify(denied)).toString("base64");
  }
  return new Refusal(jsonReply(status, body));
}

/** A date outside the window, answered with the code and message of the variant in force. */
function clockSkewRefusal(ctx: HandlerContext, signed: string | undefined): Refusal {
  const { code, message } = ctx.variants.clockSkew;
  const now = ctx
    .clock()
    .toISOString()
    .replace(/[-:]|\.\d{3}/g, "");
  const text = filled(message, { signed: signed?.trim() ?? "", now });
  return new Refusal(jsonReply(huaweiErrors.clockSkew.status, { error_code: code, error_msg: text }));
}

function projectOfToken(ctx: HandlerContext, token: string): string {
  const digest = sha256Hex(token);
  const record = ctx.store.state.tokens.find((t) => t.tokenSha256 === digest);
  if (!record || Date.parse(record.expiresAt) <= ctx.clock().getTime()) throw tokenRefusal(ctx);
  return record.projectId;
}

/** A missing, unknown or expired token, answered with the code of the variant in force. */
function tokenRefusal(ctx: HandlerContext): Refusal {
  const { status, code, message } = ctx.variants.tokenError;
  return new Refusal(jsonReply(status, { error_code: code, error_msg: message }));
}

function projectOfSignature(ctx: HandlerContext, authorization: string): string {
  const { request } = ctx;
  const parsed = parseAuthorization(authorization);
  if (!parsed) throw huaweiRefusal("badSignature", BAD_SIGNATURE);

  const dateValue = header(request.headers, "x-sdk-date");
  const signedAt = dateValue === undefined ? undefined : parseSdkDate(dateValue);
  if (
    dateValue === undefined ||
    !signedAt ||
    Math.abs(signedAt.getTime() - ctx.clock().getTime()) > SDK_DATE_WINDOW_MS
  ) {
    throw clockSkewRefusal(ctx, dateValue);
  }

  const key = ctx.store.state.fixture.huawei.accessKeys.find((k) => k.accessKey === parsed.accessKey);
  const names = parsed.signedHeaders;
  // `host` need not be signed: Huawei's Go SDK never signs it (core/auth/signer/signer.go,
  // extractSignedHeaders: the request's header params, where it puts no Host), and the service takes
  // what the official client sends (tests/contract/officialClient.test.ts).
  if (!key || !names.includes("x-sdk-date")) {
    throw huaweiRefusal("badSignature", BAD_SIGNATURE);
  }

  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(request.headers, name);
    if (value === undefined) throw huaweiRefusal("badSignature", BAD_SIGNATURE);
    headers[name] = value;
  }
  // The signer takes X-Sdk-Content-Sha256 as the body hash. UNSIGNED-PAYLOAD is an explicit opt-out;
  // any other value must be the real hash, or the body would go unchecked.
  const contentSha = header(request.headers, "x-sdk-content-sha256");
  if (contentSha !== undefined) {
    if (contentSha.trim() !== UNSIGNED_PAYLOAD && contentSha.trim() !== sha256Hex(request.body)) {
      throw huaweiRefusal("badSignature", BAD_SIGNATURE);
    }
    headers["x-sdk-content-sha256"] = contentSha;
  }

  let canonical: string;
  try {
    canonical = canonicalRequest(
      { method: request.method, url: `http://emulator${request.target}`, headers, body: request.body },
      names,
    );
  } catch {
    throw huaweiRefusal("badSignature", BAD_SIGNATURE);
  }
  const expected = Buffer.from(signature(key.secretKey, dateValue.trim(), canonical), "hex");
  const given = Buffer.from(parsed.signature, "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw huaweiRefusal("badSignature", BAD_SIGNATURE);
  }
  return key.projectId;
}
