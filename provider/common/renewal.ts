import { DAY_MS } from "./clock";
import { parseDuration } from "./duration";

/** Renewal facts recorded with a certificate at each apply. */
export interface RenewalFacts {
  /** Whole days from the apply until notAfter. */
  expiresInDays: number;
  /** Whether renewBefore had been reached at the apply. */
  readyForRenewal: boolean;
}

export function renewalFacts(
  notAfter: string,
  renewBefore: string | null | undefined,
  now: Date,
): RenewalFacts {
  const left = Date.parse(notAfter) - now.getTime();
  const window = renewBefore ? parseDuration(renewBefore) : undefined;
  return {
    expiresInDays: Math.floor(left / DAY_MS),
    readyForRenewal: window !== undefined && left <= window,
  };
}

/**
 * Compared during diff, so a plain `pulumi preview` (no refresh) already says that a certificate will
 * be renewed and why. Undefined when no renewal is due.
 */
export function renewalDue(
  notAfter: string,
  renewBefore: string | null | undefined,
  now: Date,
): string | undefined {
  const { expiresInDays, readyForRenewal } = renewalFacts(notAfter, renewBefore, now);
  if (!readyForRenewal) return undefined;
  return expiresInDays < 0
    ? `expired ${-expiresInDays} days ago, renewBefore ${renewBefore}`
    : `expires in ${expiresInDays} days, renewBefore ${renewBefore}`;
}
