import { X509Certificate } from "node:crypto";
import { DAY_MS, isoSeconds } from "./clock";
import { parseDuration } from "./duration";
import { PEM_CERTIFICATE } from "./certificateRules";

/**
 * The issuing CA expires too (hyperledger/fabric #4573, #5168: root and TLS CA certificates expired
 * with nothing watching them). A chain is only as good as the first of its certificates to expire, so
 * the CA's expiry is the earliest notAfter in the chain the certificate came with.
 */

export interface CaExpiry {
  /** The CA certificate of the chain that expires first, one-line subject. */
  subject: string;
  notAfter: string;
}

/** The certificate of `chainPem` that expires first; null when the chain holds none. */
export function caExpiry(chainPem: string | null | undefined): CaExpiry | null {
  let first: X509Certificate | undefined;
  for (const pem of chainPem?.match(PEM_CERTIFICATE) ?? []) {
    try {
      const cert = new X509Certificate(pem);
      if (!first || Date.parse(cert.validTo) < Date.parse(first.validTo)) first = cert;
    } catch {
      // not a certificate: nothing to expire
    }
  }
  if (!first) return null;
  return {
    subject: first.subject.split("\n").filter(Boolean).reverse().join(","),
    notAfter: isoSeconds(new Date(first.validTo)),
  };
}

export interface CaExpiryOutputs {
  caNotAfter: string | null;
  caExpiresInDays: number | null;
}

/** The outputs: when the CA chain stops being valid, and the whole days left as of `now`. */
export function caExpiryOutputs(chainPem: string | null | undefined, now: Date): CaExpiryOutputs {
  const ca = caExpiry(chainPem);
  return ca
    ? {
        caNotAfter: ca.notAfter,
        caExpiresInDays: Math.floor((Date.parse(ca.notAfter) - now.getTime()) / DAY_MS),
      }
    : { caNotAfter: null, caExpiresInDays: null };
}

/**
 * What preview says when the CA expires before the identity would next be renewed (its renewBefore
 * window opens, or, without one, its own notAfter), or within its renewBefore from now: renewing the
 * identity then cannot help, the CA must be renewed first. Undefined when nothing is due.
 */
export function caExpiryWarning(
  identity: string,
  chainPem: string | null | undefined,
  certificate: { notAfter: string; renewBefore: string | null | undefined },
  now: Date,
): string | undefined {
  const ca = caExpiry(chainPem);
  if (!ca) return undefined;
  const caEnd = Date.parse(ca.notAfter);
  const window = certificate.renewBefore ? parseDuration(certificate.renewBefore) : undefined;
  const nextRenewal = Date.parse(certificate.notAfter) - (window ?? 0);
  const left = caEnd - now.getTime();
  const when =
    left < 0
      ? `expired ${Math.floor(-left / DAY_MS)} days ago (${ca.notAfter})`
      : `expires ${ca.notAfter}, in ${Math.floor(left / DAY_MS)} days`;
  if (left <= 0)
    return `${identity}: the issuing CA ${ca.subject} ${when}: no certificate it issued is trusted; renew the CA`;
  if (window !== undefined && left <= window)
    return `${identity}: the issuing CA ${ca.subject} ${when}, within renewBefore ${certificate.renewBefore}: renew the CA before the identity`;
  if (caEnd <= nextRenewal)
    return `${identity}: the issuing CA ${ca.subject} ${when}, before this identity's next renewal (${isoSeconds(new Date(nextRenewal))}): renew the CA first`;
  return undefined;
}
