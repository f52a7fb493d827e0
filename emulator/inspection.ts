import type { HandlerContext } from "./http";
import { jsonReply, Refusal, textReply, type Reply } from "./reply";
import { ensureOrgCa, signingOf } from "./huawei/ledger";
import type { CertificateRecord } from "./state";

/** Emulator-only routes for tests and the demo: no auth, and never a private key. */

export type CertificateSummary = Omit<CertificateRecord, "certificatePem" | "issuedAt">;

function summary(c: CertificateRecord): CertificateSummary {
  return {
    projectId: c.projectId,
    blockchainId: c.blockchainId,
    orgName: c.orgName,
    userName: c.userName,
    securityMode: c.securityMode,
    serialNumber: c.serialNumber,
    frozen: c.frozen,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
  };
}

function notFound(message: string): Refusal {
  return new Refusal(jsonReply(404, { error: message }));
}

export async function health(): Promise<Reply> {
  return jsonReply(200, { ok: true });
}

/** Optional query filters: blockchainId, orgName, userName. */
export async function listCertificates(ctx: HandlerContext): Promise<Reply> {
  const query = ctx.request.url.searchParams;
  const filters = (["blockchainId", "orgName", "userName"] as const).flatMap((name) => {
    const value = query.get(name);
    return value ? [[name, value] as const] : [];
  });
  const certificates = ctx.store.state.certificates
    .filter((c) => filters.every(([name, value]) => c[name] === value))
    .map(summary);
  return jsonReply(200, { certificates });
}

/** The org CA certificate (PEM), created on first use like the BCS routes would. */
export async function caCertificate(ctx: HandlerContext): Promise<Reply> {
  const { blockchain_id: blockchainId, org_name: orgName } = ctx.params;
  const blockchain = ctx.store.state.fixture.huawei.blockchains.find((b) => b.id === blockchainId);
  if (!blockchain?.peerOrgs.includes(orgName))
    throw notFound(`no peer org ${orgName} in blockchain ${blockchainId}`);
  const ca = await ensureOrgCa(
    ctx.store,
    blockchainId,
    orgName,
    ctx.clock(),
    signingOf(blockchain, ctx.variants),
  );
  return textReply(200, ca.certificatePem);
}

/** Freezes a certificate as a console action would. */
export async function freezeBySerial(ctx: HandlerContext): Promise<Reply> {
  const serial = ctx.params.serial.toUpperCase();
  const certificate = ctx.store.state.certificates.find((c) => c.serialNumber === serial);
  if (!certificate) throw notFound(`no certificate with serial ${serial}`);
  if (!certificate.frozen) certificate.frozenAt = ctx.clock().toISOString();
  certificate.frozen = true;
  await ctx.store.save(ctx.clock());
  return jsonReply(200, { result: "success", certificate: summary(certificate) });
}
