import { iamTokenSource } from "../provider/huawei/auth";
import { type BcsClient } from "../provider/huawei/bcsClient";
import { bcsClient, huaweiCredentials } from "../provider/huawei/connect";
import { fetchTransport } from "../provider/http/transport";
import { type Settings } from "../provider/settings";

/** What the raw series created, so that its destroy can freeze exactly those certificates. */
export interface RawCertificate {
  blockchain_id: string;
  org_name: string;
  user_name: string;
  zip: Buffer;
}

export interface RawTarget {
  settings: Settings;
  projectId: string;
  blockchainId: string;
}

/** Runs `work(i)` for i in [0, n) with at most `parallel` in flight, like the engine's --parallel. */
export async function pool(n: number, parallel: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
}

/**
 * One IAM token (password login, as the stack config of the ours series), then a client that sends it
 * as X-Auth-Token: the same requests as the provider's client, built by the provider's own code.
 */
async function client(target: RawTarget): Promise<BcsClient> {
  const credentials = huaweiCredentials(target.settings);
  if (credentials.kind !== "password") throw new Error("the raw series expects password credentials");
  const transport = { attempt: fetchTransport(Number(target.settings.requestTimeoutMs ?? 30000)) };
  const token = await iamTokenSource(transport, credentials, target.projectId, () => new Date()).get();
  return bcsClient({ ...target.settings, huaweiAuthToken: token }, target.projectId);
}

/** The same inputs as bench/program: alternate org1/org2, user names bench0000…, non-safe mode. */
export function benchPath(blockchainId: string, i: number) {
  return {
    blockchain_id: blockchainId,
    org_name: i % 2 === 0 ? "org1" : "org2",
    user_name: `bench${String(i).padStart(4, "0")}`,
  };
}

/** The API floor of `pulumi up`: token once, then N × POST …/usercert/{user_name}. */
export async function rawUp(target: RawTarget, n: number, parallel: number): Promise<RawCertificate[]> {
  const bcs = await client(target);
  const created: RawCertificate[] = new Array(n);
  await pool(n, parallel, async (i) => {
    const path = benchPath(target.blockchainId, i);
    created[i] = { ...path, zip: await bcs.createUserCert(path, {}) };
  });
  return created;
}

/** The API floor of `pulumi destroy`: token once, then N × POST …/freeze with the certificate's zip. */
export async function rawDestroy(
  target: RawTarget,
  certs: RawCertificate[],
  parallel: number,
): Promise<void> {
  const bcs = await client(target);
  await pool(certs.length, parallel, async (i) => {
    const { zip, ...path } = certs[i];
    await bcs.freeze(path, zip);
  });
}
