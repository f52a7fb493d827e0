import { createHash } from "node:crypto";
import type { CreateUserCertBody, UserCertPathParams } from "../../provider/huawei/api";
import { huaweiRefusal, parseHuaweiJsonObject } from "../errors";
import type { HandlerContext, Reply } from "../http";
import { issueUserCertificate } from "../pki";
import type { CertificateRecord } from "../state";
import { checkSafeModeRoom, ensureOrgCa, signingOf, validateUserCertPath } from "./ledger";
import { mspArchive } from "./mspArchive";

/** POST …/usercert/{user_name}: issues a certificate and answers with the Fabric MSP zip. */
export async function createUserCert(ctx: HandlerContext): Promise<Reply> {
  const params = ctx.params as unknown as UserCertPathParams;
  const blockchain = validateUserCertPath(ctx.store, params);
  const body = parseCreateBody(ctx.request.body);
  const securityMode = body.security_mode === true;
  const { blockchain_id: blockchainId, org_name: orgName, user_name: userName } = params;
  if (securityMode) checkSafeModeRoom(ctx, blockchainId, orgName, userName);

  const now = ctx.clock();
  const { variants } = ctx;
  const ca = await ensureOrgCa(
    ctx.store,
    blockchainId,
    orgName,
    now,
    signingOf(blockchain, variants),
    variants.caChain,
  );
  const intermediate = variants.caChain === "intermediate" ? ca.intermediate : undefined;
  const issuer = intermediate ?? ca;
  const issued = await issueUserCertificate(issuer, userName, orgName, now);
  const tls = variants.archiveTls ? await issueUserCertificate(issuer, userName, orgName, now) : undefined;
  const zip = Buffer.from(mspArchive({ issued, ca, intermediate, tls, userName, orgName }, variants));
  const record: CertificateRecord = {
    projectId: params.project_id,
    blockchainId,
    orgName,
    userName,
    securityMode,
    serialNumber: issued.serialNumber,
    notBefore: issued.notBefore.toISOString(),
    notAfter: issued.notAfter.toISOString(),
    frozen: false,
    certificatePem: issued.certificatePem,
    issuedAt: now.toISOString(),
    zipSha256: createHash("sha256").update(zip).digest("hex"),
  };
  ctx.store.state.certificates.push(record);
  await ctx.store.save(now);
  const contentType = variants.downloadContentType;

  return {
    status: ctx.variants.certificateStatus,
    headers: {
      ...(contentType === null ? {} : { "Content-Type": contentType }),
      "Content-Disposition": `attachment; filename="${userName}@${orgName}.zip"`,
    },
    body: zip,
  };
}

function parseCreateBody(raw: Buffer): CreateUserCertBody {
  const text = raw.toString("utf8");
  if (text.trim() === "") return {};
  const parsed = parseHuaweiJsonObject(text);
  const mode = (parsed as { security_mode?: unknown }).security_mode;
  if (mode !== undefined && typeof mode !== "boolean")
    throw huaweiRefusal("badRequest", "security_mode must be a boolean");
  return parsed as CreateUserCertBody;
}
