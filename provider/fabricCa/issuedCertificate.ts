import { X509Certificate } from "node:crypto";
import { isOnlyCommonName, issuerAmong, keyBelongsTo } from "../common/certificateRules";
import { serverText } from "../http/serverText";
import { authorityKeyId } from "./certificateFields";

/** What a certificate from Fabric CA is checked against before anything of it is kept. */
export interface IssuedCertificateExpectation {
  /** The identity it must be for: its subject's one CN. */
  enrollmentId: string;
  /** The CA chain it must be signed by (the answer's ServerInfo.CAChain, or GET /cainfo's). */
  caChainPem: string;
  /** The key whose CSR was sent (enroll, re-enroll); the import has none. */
  privateKeyPem?: string;
  /** CSR mode: the SubjectPublicKeyInfo (DER) of the request that was sent. */
  publicKeySpki?: Buffer;
  /** The serial asked for (import), as Fabric CA stores it (see caSerial). */
  serial?: string;
}

/** Serials as Fabric CA stores them: lower-case hex without leading zeros. */
export function caSerial(serialNumber: string): string {
  return serialNumber.toLowerCase().replace(/^0+(?=.)/, "");
}

/**
 * One rule for every certificate Fabric CA hands over (enrollment, re-enrollment, the registrar's own,
 * import): why it cannot be kept, as "is …" after "the CA's answer"; undefined when it can.
 */
export function issuedCertificateProblem(
  pem: string,
  expected: IssuedCertificateExpectation,
): string | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return "is not a PEM X.509 certificate";
  }
  if (expected.serial !== undefined && caSerial(cert.serialNumber) !== expected.serial)
    return "is a certificate with another serial";
  if (!isOnlyCommonName(cert, expected.enrollmentId))
    return `is a certificate of another subject (${serverText(cert.subject.replace(/\n/g, ","), 200)}), not CN=${expected.enrollmentId}`;
  if (expected.privateKeyPem !== undefined && !keyBelongsTo(cert, expected.privateKeyPem))
    return "is a certificate for another key than the one whose request was sent";
  if (
    expected.publicKeySpki !== undefined &&
    !cert.publicKey.export({ type: "spki", format: "der" }).equals(expected.publicKeySpki)
  )
    return "is a certificate for another key than the one in certificateSigningRequestPem";
  if (!authorityKeyId(pem))
    return "is a certificate without an authority key identifier: it could not be revoked";
  if (!issuerAmong(cert, expected.caChainPem)) return "is a certificate not signed by the CA's chain";
  return undefined;
}
