import { notice } from "../common/notice";
import { ApiError } from "../http/errors";
import type { UserCertPathParams } from "./api";

/**
 * Refusals of the certificate POST that Huawei documents nowhere: no API page or SDK names the code or
 * the words for "this user name already holds a safe-mode certificate" or "the organization's 100
 * safe-mode certificates are used up" (docs/decisions/0017-first-contact-with-the-real-clouds.md).
 * ASSUMPTIONS, matched on the code or on the message, so a first live run that answers otherwise
 * still recovers (see {@link mayMeanIssued}) and only the wording of the advice is less sure.
 */
export const assumedRefusals = {
  nameTaken: {
    codes: ["BCS.4006020"],
    message: /already (has|holds|have|exists?)|exists? already|duplicat|in use|重复|已存在/i,
  },
  quota: {
    codes: ["BCS.4006021"],
    message: /quota|exceed|maximum|upper limit|at most \d+|配额|上限|超过/i,
  },
} as const;

export type AssumedRefusal = keyof typeof assumedRefusals;

/** Which assumed refusal an answer looks like, by code, else by message; undefined when neither. */
export function assumedRefusal(status: number, code: string, message: string): AssumedRefusal | undefined {
  if (status < 400 || status > 499) return undefined;
  const kinds = Object.keys(assumedRefusals) as AssumedRefusal[];
  return (
    kinds.find((kind) => (assumedRefusals[kind].codes as readonly string[]).includes(code)) ??
    kinds.find((kind) => assumedRefusals[kind].message.test(message))
  );
}

/** 4xx answers that say something else than "refused as it stands": authentication, not found, throttling. */
const NOT_A_REFUSAL_OF_THE_REQUEST = new Set([401, 403, 404, 407, 408, 429]);

/**
 * Whether a refusal of a safe-mode certificate POST may mean that the name already holds a
 * certificate: any 4xx but authentication, not found and throttling, whatever its code says. After a
 * lost answer this is how an issued certificate shows, and no code has to be guessed for it.
 */
export function mayMeanIssued(error: ApiError): boolean {
  return error.status >= 400 && error.status <= 499 && !NOT_A_REFUSAL_OF_THE_REQUEST.has(error.status);
}

/**
 * Freezes, without its zip, the active safe-mode certificate a user name holds (the one BCS hosts).
 * Returns undefined when frozen; the refusal when BCS has nothing of that name to freeze (any 4xx),
 * which says the name did not hold a certificate after all. Other failures are thrown.
 */
export async function freezeHeldName(
  client: { freeze(path: Omit<UserCertPathParams, "project_id">): Promise<void> },
  path: Omit<UserCertPathParams, "project_id">,
): Promise<ApiError | undefined> {
  try {
    await client.freeze(path);
    return undefined;
  } catch (err) {
    if (
      err instanceof ApiError &&
      err.status >= 400 &&
      err.status <= 499 &&
      ![401, 403, 429].includes(err.status)
    )
      return err;
    throw err;
  }
}

/** What a caller adds to the original refusal when {@link freezeHeldName} found nothing to freeze. */
export function nothingToFreeze(refused: ApiError): string {
  return ` (no active safe-mode certificate of this user name could be frozen either: ${refused.message})`;
}

/**
 * What BCS answers to a freeze of a certificate already frozen (in the console, say) is documented
 * nowhere: 200 like any freeze, or a refusal. A 4xx whose message says the certificate is frozen is
 * read as done (an ASSUMPTION on the wording; emulator variant `repeatedFreeze`); any other refusal is
 * not, since a destroy that reports success must have frozen the certificate.
 */
export const alreadyFrozenMessage =
  /already (been )?frozen|frozen already|has been frozen|is frozen|已冻结|已经冻结|已被冻结/i;

/**
 * Freezes a certificate by its zip, counting a refusal that says it is frozen already as frozen. A zip
 * rebuilt from a state of issue 13's shape is not the bytes BCS answered: when BCS refuses it and the
 * certificate is a safe-mode one, it is the name's hosted certificate, frozen by name instead.
 */
export async function freezeCertificate(
  client: {
    freeze(path: Omit<UserCertPathParams, "project_id">, archive?: Buffer, serial?: string): Promise<void>;
  },
  path: Omit<UserCertPathParams, "project_id">,
  stored: { zip: Buffer; rebuilt?: true; securityMode: boolean | null },
  serial: string,
): Promise<void> {
  try {
    await client.freeze(path, stored.zip, serial);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status < 400 || err.status > 499) throw err;
    if (alreadyFrozenMessage.test(err.apiMessage)) {
      notice(
        `${path.user_name}: certificate ${serial} was frozen already (${err.message}); counted as frozen`,
      );
      return;
    }
    if (!stored.rebuilt || stored.securityMode !== true || [401, 403, 429].includes(err.status)) throw err;
    notice(
      `${path.user_name}: BCS refused the zip rebuilt from an older state (${err.message}); freezing the name's safe-mode certificate ${serial} without it`,
    );
    await client.freeze(path, undefined, serial);
  }
}
