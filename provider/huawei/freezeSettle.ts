import { notice } from "../common/notice";
import { ApiError } from "../http/errors";
import type { UserCertPathParams } from "./api";
import { mayMeanIssued } from "./recovery";

type Path = Omit<UserCertPathParams, "project_id">;

/** A freeze this process made: when it was answered, and the serial when the caller knew it. */
export interface RecentFreeze {
  at: number;
  serial?: string;
}

/**
 * The freezes a BcsClient made, by user name. Huawei documents that a freeze takes 0.5 to 1 minute to
 * take effect (FreezeCert), and in safe mode the name stays taken until it has: a POST of the same
 * name right after is refused. No call reads whether a freeze has taken effect, so the refused POST
 * is the only probe there is.
 */
export class RecentFreezes {
  private readonly byName = new Map<string, RecentFreeze>();

  constructor(private readonly now: () => number = Date.now) {}

  record(path: Path, serial?: string): void {
    this.byName.set(nameKey(path), { at: this.now(), serial });
  }

  /** The freeze of this name still inside `settleMs`, if any. */
  settling(path: Path, settleMs: number): RecentFreeze | undefined {
    const freeze = this.byName.get(nameKey(path));
    return freeze && this.now() < freeze.at + settleMs ? freeze : undefined;
  }
}

const nameKey = (p: Path) => `${p.blockchain_id}/${p.org_name}/${p.user_name}`;

export interface SettleOptions {
  settleMs: number;
  freezes: RecentFreezes;
  /** Real time: the service's delay is not the program's clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const FIRST_WAIT_MS = 500;
const MAX_WAIT_MS = 5000;

/** The refusal after the wait ran out: it says what exists, and what to do. */
export class FreezeNotSettledError extends Error {
  constructor(refusal: ApiError, what: string, settleMs: number) {
    super(
      `${refusal.message}. ${what} was frozen, but after ${Math.round(settleMs / 1000)} s BCS still counts it as ` +
        "active (a freeze takes 0.5 to 1 minute to take effect). Nothing new was issued, and the frozen " +
        "certificate stays frozen: run `pulumi up` again in a minute, or raise bcs:freezeSettleMs (BCS_FREEZE_SETTLE_MS)",
    );
    this.name = "FreezeNotSettledError";
  }
}

/**
 * Safe mode: sends `post` and, while a freeze of the same name made by this process may not have
 * taken effect yet, retries a refusal that can mean "the name still holds a certificate" with backoff,
 * until the freeze is `settleMs` old. A notice says that it waits. A refusal of another kind, or one
 * after the window, is thrown as it came (the caller reads it as before).
 */
export async function afterFreezeSettles<T>(
  path: Path,
  post: () => Promise<T>,
  options: SettleOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let wait = FIRST_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      return await post();
    } catch (err) {
      const freeze = options.freezes.settling(path, options.settleMs);
      if (!(err instanceof ApiError) || !mayMeanIssued(err) || !freeze) {
        const lastFreeze = options.freezes.settling(path, Number.POSITIVE_INFINITY);
        if (told && err instanceof ApiError && mayMeanIssued(err) && lastFreeze)
          throw new FreezeNotSettledError(
            err,
            lastFreeze.serial ? `Certificate ${lastFreeze.serial}` : `The certificate ${path.user_name} held`,
            options.settleMs,
          );
        throw err;
      }
      if (!told) {
        notice(
          `waiting up to ${Math.round(options.settleMs / 1000)} s for the freeze of ${frozenOne(path, freeze)} to take effect`,
        );
        told = true;
      }
      await sleep(Math.max(0, Math.min(wait, freeze.at + options.settleMs - now())));
      wait = Math.min(wait * 1.5, MAX_WAIT_MS);
    }
  }
}

function frozenOne(path: Path, freeze: RecentFreeze): string {
  return freeze.serial ?? `the certificate ${path.user_name} held`;
}
