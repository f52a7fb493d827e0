import { createPrivateKey, X509Certificate } from "node:crypto";

/**
 * What a certificate a server hands over must be before it is kept, whichever backend issued it: for
 * the identity asked for, for the key that was sent (or received with it), signed by a CA it came with.
 */

export const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CNs of a subject as Node prints it: one RDN a line, multi-valued RDNs joined by ` + `, special
 * characters escaped (RFC 2253), so a value cannot forge a separator.
 */
export function commonNames(subject: string): string[] {
  return subject
    .split("\n")
    .flatMap((rdn) => rdn.split(" + "))
    .filter((attribute) => attribute.startsWith("CN="))
    .map((attribute) => attribute.slice(3));
}

/** The subject has one CN, and it is `name`. */
export function isOnlyCommonName(cert: X509Certificate, name: string): boolean {
  const names = commonNames(cert.subject);
  return names.length === 1 && names[0] === name;
}

/** `privateKeyPem` is a readable key, and the one the certificate was issued for. */
export function keyBelongsTo(cert: X509Certificate, privateKeyPem: string): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    return false;
  }
}

/** A certificate of `chainPem` (PEM blocks) that names itself the issuer and whose key signed `cert`. */
export function issuerAmong(cert: X509Certificate, chainPem: string): X509Certificate | undefined {
  for (const pem of chainPem.match(PEM_CERTIFICATE) ?? []) {
    try {
      const ca = new X509Certificate(pem);
      if (cert.checkIssued(ca) && cert.verify(ca.publicKey)) return ca;
    } catch {
      // not a certificate: it cannot be the issuer
    }
  }
  return undefined;
}
