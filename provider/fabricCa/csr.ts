import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { bitString, objectIdentifier, pem, sequence, set, tlv, unsignedInteger, utf8String } from "./der";

/**
 * PKCS#10 certificate requests for enrollment: subject `CN=<enrollment id>` and nothing else, since the
 * server replaces the OUs and takes the SANs from the enroll request's `hosts`.
 */

const OID_COMMON_NAME = "2.5.4.3";
const OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
/** The server refuses a longer CN (400, code 80), so a longer id can be registered but never enrolled. */
export const MAX_ENROLLMENT_ID_LENGTH = 64;

/** A CSR signed by `privateKey` (EC) for `enrollmentId`, as PEM `CERTIFICATE REQUEST`. */
export function createCsr(enrollmentId: string, privateKey: KeyObject): string {
  if (enrollmentId.length === 0 || [...enrollmentId].length > MAX_ENROLLMENT_ID_LENGTH) {
    throw new Error(
      `enrollment id must be 1–${MAX_ENROLLMENT_ID_LENGTH} characters: the certificate's CN is the id`,
    );
  }
  if (privateKey.asymmetricKeyType !== "ec") throw new Error("the enrollment key must be an EC key");
  const subject = sequence(set(sequence(objectIdentifier(OID_COMMON_NAME), utf8String(enrollmentId))));
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const info = sequence(unsignedInteger(Buffer.from([0])), subject, spki, tlv(0xa0));
  const signature = sign("sha256", info, privateKey);
  return pem(
    "CERTIFICATE REQUEST",
    sequence(info, sequence(objectIdentifier(OID_ECDSA_WITH_SHA256)), bitString(signature)),
  );
}

export interface EnrollmentRequest {
  csrPem: string;
  privateKey: KeyObject;
  /** PKCS#8, as `fabric-ca-client` writes it to `msp/keystore`. */
  privateKeyPem: string;
}

/** A fresh EC P-256 key and its CSR for `enrollmentId`. */
export function newEnrollmentRequest(enrollmentId: string): EnrollmentRequest {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    csrPem: createCsr(enrollmentId, privateKey),
    privateKey,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** A CSR for the key the identity already has (keyPolicy "reuse"). */
export function enrollmentRequestFor(enrollmentId: string, privateKeyPem: string): EnrollmentRequest {
  const privateKey = createPrivateKey(privateKeyPem);
  return { csrPem: createCsr(enrollmentId, privateKey), privateKey, privateKeyPem };
}
