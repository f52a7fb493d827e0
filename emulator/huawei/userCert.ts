import { createHash } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import type { CreateUserCertBody, UserCertPathParams } from "../../provider/huawei/api";
import { huaweiRefusal, parseHuaweiJsonObject } from "../errors";
import type { HandlerContext, Reply } from "../http";
import { issueUserCertificate, type IssuedCertificate } from "../pki";
import type { CertificateRecord } from "../state";
import { checkSafeModeRoom, ensureOrgCa, validateUserCertPath } from "./ledger";

/** POST …/usercert/{user_name}: issues a certificate and answers with the Fabric MSP zip. */
export async function createUserCert(ctx: HandlerContext): Promise<Reply> {
  const params = ctx.params as unknown as UserCertPathParams;
  validateUserCertPath(ctx.store, params);
  const body = parseCreateBody(ctx.request.body);
  const securityMode = body.security_mode === true;
  const { blockchain_id: blockchainId, org_name: orgName, user_name: userName } = params;
  if (securityMode) checkSafeModeRoom(ctx, blockchainId, orgName, userName);

  const now = ctx.clock();
  const ca = await ensureOrgCa(ctx.store, blockchainId, orgName, now);
  const issued = await issueUserCertificate(ca, userName, orgName, now);
  const zip = Buffer.from(mspArchive(issued, ca.certificatePem, userName, orgName));
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
  const contentType = ctx.variants.downloadContentType;

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

/** The Fabric MSP folder layout (an emulator decision: Huawei documents only the folder names). */
function mspArchive(issued: IssuedCertificate, caPem: string, userName: string, orgName: string): Uint8Array {
  return zipSync({
    [`msp/keystore/${issued.subjectKeyId}_sk`]: strToU8(issued.privateKeyPem),
    [`msp/signcerts/${userName}@${orgName}-cert.pem`]: strToU8(issued.certificatePem),
    [`msp/cacerts/ca.${orgName}-cert.pem`]: strToU8(caPem),
    [`msp/tlscacerts/tlsca.${orgName}-cert.pem`]: strToU8(caPem),
  });
}
