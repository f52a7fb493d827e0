import { X509Certificate } from "node:crypto";
import { isSignedBy } from "./certificateSignature";
import { isoSeconds } from "./clock";

/** The facts about a certificate that become resource outputs. */
export interface CertificateInfo {
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

/**
 * Distinguished names as one line, most specific first as RFC 4514 writes them:
 * `CN=appuser01,OU=client,O=org1,C=CN`. Node lists the RDNs in encoded order (C first).
 */
function oneLine(dn: string): string {
  return dn.split("\n").filter(Boolean).reverse().join(",");
}

export function certificateInfo(pem: string): CertificateInfo {
  const cert = new X509Certificate(pem);
  return {
    serialNumber: cert.serialNumber.toUpperCase(),
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: isoSeconds(new Date(cert.validFrom)),
    notAfter: isoSeconds(new Date(cert.validTo)),
    fingerprintSha256: cert.fingerprint256,
  };
}

/** The certificate's public key, SubjectPublicKeyInfo PEM. */
export function publicKeyPem(certificatePem: string): string {
  return new X509Certificate(certificatePem).publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** True when `cert` is signed by `ca`'s key (ECDSA, RSA or SM2) and names it as issuer. */
export function isIssuedBy(certPem: string, caPem: string): boolean {
  const cert = new X509Certificate(certPem);
  const ca = new X509Certificate(caPem);
  return cert.checkIssued(ca) && isSignedBy(cert, ca);
}
