/**
 * What the last `pulumi refresh` learned about a certificate: from its issuer where the API can be
 * asked (Fabric CA), from the clock where it cannot (Huawei BCS has no read call for user certificates).
 */
export const CERTIFICATE_STATUSES = ["valid", "revoked", "removed", "expired"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** A certificate found expired, revoked or removed needs a new one; undefined when it is fine. */
export function driftReason(
  status: CertificateStatus | undefined,
  notAfter: string,
  where: string,
): string | undefined {
  switch (status) {
    case "revoked":
      return `revoked at ${where} (found by refresh)`;
    case "removed":
      return `removed from ${where} (found by refresh)`;
    case "expired":
      return `expired on ${notAfter} (found by refresh)`;
    default:
      return undefined;
  }
}

/** The clock's answer, for backends that cannot be asked: expired or as last known. */
export function statusByClock(
  status: CertificateStatus | undefined,
  notAfter: string,
  now: Date,
): CertificateStatus {
  if (Date.parse(notAfter) <= now.getTime()) return "expired";
  return status === "expired" ? "valid" : (status ?? "valid");
}
