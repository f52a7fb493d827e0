import type { ResultBody, UserCertPathParams } from "../../provider/huawei/api";
import { huaweiRefusal } from "../errors";
import { jsonReply, Refusal, type HandlerContext, type Reply } from "../http";
import { filled } from "../variants";
import type { CertificateRecord } from "../state";
import { readFreezeTarget, type FreezeTarget } from "./freezeUpload";
import { certificatesOf, checkSafeModeRoom, validateUserCertPath } from "./ledger";

/**
 * POST …/usercert/{user_name}/freeze. Marked frozen at once; safe mode's rules still count it as
 * active for `timing.freezeLatencyMs` (the real service takes 0.5 to 1 minute: FreezeCert).
 */
export function freezeCert(ctx: HandlerContext): Promise<Reply> {
  return setFrozen(ctx, true);
}

/** POST …/usercert/{user_name}/unfreeze. */
export function unfreezeCert(ctx: HandlerContext): Promise<Reply> {
  return setFrozen(ctx, false);
}

async function setFrozen(ctx: HandlerContext, frozen: boolean): Promise<Reply> {
  const params = ctx.params as unknown as UserCertPathParams;
  validateUserCertPath(ctx.store, params);
  const target = await readFreezeTarget(ctx.request);
  const certificate = pickCertificate(ctx, params, target, frozen);
  const result = ctx.variants.freezeResult;
  const success: Partial<ResultBody> = result === undefined ? {} : { result };
  const refusal = ctx.variants.repeatedFreeze;
  if (certificate.frozen === frozen) {
    // A repeat changes nothing; whether a repeated freeze is refused is a variant (emulator/variants.ts).
    if (!frozen || refusal === null) return jsonReply(200, success);
    const message = filled(refusal.message, { user: params.user_name });
    throw new Refusal(jsonReply(refusal.status, { error_code: refusal.code, error_msg: message }));
  }
  if (!frozen && certificate.securityMode) {
    checkSafeModeRoom(ctx, params.blockchain_id, params.org_name, params.user_name, certificate);
  }
  certificate.frozen = frozen;
  if (frozen) certificate.frozenAt = ctx.clock().toISOString();
  await ctx.store.save(ctx.clock());
  return jsonReply(200, success);
}

/**
 * The certificate a request acts on. Without a zip: the user's active safe-mode certificate for a
 * freeze, the latest frozen one for an unfreeze; when that is missing but the other state exists, the
 * request is a repeat and is answered with success.
 */
function pickCertificate(
  ctx: HandlerContext,
  params: UserCertPathParams,
  target: FreezeTarget,
  frozen: boolean,
): CertificateRecord {
  const own = certificatesOf(ctx.store, params.blockchain_id, params.org_name, params.user_name);
  let found: CertificateRecord | undefined;
  if (target.kind === "serials" && ctx.variants.freezeMatch === "bytes") {
    // A record of an emulator that did not yet keep the hash (a seeded old state) is matched by serial.
    found =
      own.find((c) => c.zipSha256 === target.sha256) ??
      own.find((c) => c.zipSha256 === undefined && target.serials.includes(c.serialNumber));
    if (!found)
      throw huaweiRefusal(
        "badRequest",
        `file is not the zip of a certificate of user ${params.user_name} (matched by its bytes)`,
      );
  } else if (target.kind === "serials") {
    found = own.find((c) => target.serials.includes(c.serialNumber));
  } else {
    const hosted = own.filter((c) => c.securityMode).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    found = hosted.find((c) => c.frozen !== frozen) ?? hosted.find((c) => c.frozen === frozen);
  }
  if (!found) {
    throw huaweiRefusal(
      "certNotFound",
      `Not Found:no certificate of user ${params.user_name} in org ${params.org_name}`,
    );
  }
  return found;
}
