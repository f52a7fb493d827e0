import { SAFE_MODE_ORG_QUOTA, type UserCertPathParams } from "../../provider/huawei/api";
import { huaweiRefusal } from "../errors";
import { jsonReply, Refusal, type HandlerContext } from "../http";
import { filled, type Variants } from "../variants";
import type { HuaweiFixture } from "../fixture";
import { createIntermediateCa, createOrgCa, ECDSA, type KeyedCertificate, type Signing } from "../pki";
import type { CaRecord, CertificateRecord, StateStore } from "../state";

/** The lookups and rules over issued certificates and org CAs that several routes share. */

const USER_NAME = /^[a-z][a-z0-9]{3,23}$/;

export type Blockchain = HuaweiFixture["blockchains"][number];

/** Checks the path of a usercert route in the documented order; returns the blockchain. */
export function validateUserCertPath(store: StateStore, params: UserCertPathParams): Blockchain {
  const blockchain = findBlockchain(store, params.project_id, params.blockchain_id);
  if (!USER_NAME.test(params.user_name)) {
    throw huaweiRefusal(
      "badRequest",
      `Invalid user_name ${params.user_name}: 4 to 24 lowercase letters and digits, starting with a letter`,
    );
  }
  if (!blockchain.peerOrgs.includes(params.org_name)) {
    throw huaweiRefusal("unknownOrg", `Input org ${params.org_name} is not exist`);
  }
  return blockchain;
}

export function findBlockchain(store: StateStore, projectId: string, blockchainId: string): Blockchain {
  const { huawei } = store.state.fixture;
  if (!huawei.projects.some((p) => p.id === projectId)) {
    throw huaweiRefusal("notFound", `Not Found:project ${projectId} is not found`);
  }
  const blockchain = huawei.blockchains.find((b) => b.projectId === projectId && b.id === blockchainId);
  if (!blockchain) throw huaweiRefusal("notFound", `Not Found:blockchain ${blockchainId} is not found`);
  return blockchain;
}

/** How a blockchain signs: its fixture's `signAlgorithm`, else the `signAlgorithm` variant's. */
export function signingOf(blockchain: Blockchain, variants: Variants): Signing {
  const algorithm = blockchain.signAlgorithm ?? variants.signAlgorithm;
  return algorithm === "SM2" ? { algorithm, id: variants.sm2DistinguishingId } : ECDSA;
}

const sameSigning = (a: Signing | undefined, b: Signing) => JSON.stringify(a ?? ECDSA) === JSON.stringify(b);

/**
 * The org's CA for `signing`, created and persisted on first use, with its intermediate when `chain`
 * asks for one. The caller must hold the store's exclusive lock.
 */
export async function ensureOrgCa(
  store: StateStore,
  blockchainId: string,
  orgName: string,
  now: Date,
  signing: Signing = ECDSA,
  chain: Variants["caChain"] = "root",
): Promise<CaRecord> {
  let record = store.state.cas.find(
    (c) => c.blockchainId === blockchainId && c.orgName === orgName && sameSigning(c.signing, signing),
  );
  if (!record) {
    const material: KeyedCertificate = await createOrgCa(blockchainId, orgName, now, signing);
    record = { blockchainId, orgName, ...material };
    store.state.cas.push(record);
    await store.save(now);
  }
  if (chain === "intermediate" && !record.intermediate) {
    record.intermediate = await createIntermediateCa(record, orgName, now);
    await store.save(now);
  }
  return record;
}

export function certificatesOf(
  store: StateStore,
  blockchainId: string,
  orgName: string,
  userName?: string,
): CertificateRecord[] {
  return store.state.certificates.filter(
    (c) =>
      c.blockchainId === blockchainId &&
      c.orgName === orgName &&
      (userName === undefined || c.userName === userName),
  );
}

/**
 * Whether a certificate counts as active for safe mode's rules: not frozen, or frozen so recently that
 * the freeze has not taken effect yet (FreezeCert: 0.5 to 1 minute; here `timing.freezeLatencyMs`).
 */
export function countsAsActive(
  certificate: CertificateRecord,
  { clock, timing }: Pick<HandlerContext, "clock" | "timing">,
): boolean {
  if (!certificate.frozen) return true;
  if (certificate.frozenAt === undefined) return false;
  // A freeze stamped after the clock's now (the clock was moved back since) has taken effect.
  const since = clock().getTime() - Date.parse(certificate.frozenAt);
  return since >= 0 && since < timing.freezeLatencyMs;
}

/**
 * Safe mode allows one active certificate per user name and 100 active per organization; frozen
 * certificates do not count once the freeze has taken effect (an emulator decision). `except` is a
 * certificate about to be reactivated.
 */
export function checkSafeModeRoom(
  ctx: Pick<HandlerContext, "store" | "variants" | "clock" | "timing">,
  blockchainId: string,
  orgName: string,
  userName: string,
  except?: CertificateRecord,
): void {
  const { store, variants } = ctx;
  const active = certificatesOf(store, blockchainId, orgName).filter(
    (c) => c.securityMode && c !== except && countsAsActive(c, ctx),
  );
  const refuse = ({ status, code, message }: { status: number; code: string; message: string }) =>
    new Refusal(
      jsonReply(status, { error_code: code, error_msg: filled(message, { user: userName, org: orgName }) }),
    );
  if (active.some((c) => c.userName === userName)) throw refuse(variants.nameTaken);
  if (active.length >= SAFE_MODE_ORG_QUOTA) throw refuse(variants.quota);
}
