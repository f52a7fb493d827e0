import { X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import { sm2 } from "sm-crypto-v2";

/**
 * Whether a certificate is signed by an issuer's key, for the signature algorithms Fabric networks use:
 * ECDSA (and RSA) through Node's OpenSSL, and SM2-with-SM3 (国密, BCS's `sign_algorithm: sm2`) as well.
 *
 * OpenSSL 3 (Node 20's 3.0 and Node 22/24's 3.5 alike) verifies SM2 with an empty distinguishing ID
 * unless one is set, and Node cannot set one; GM/T 0009-2012 (§10) and GM/T 0015 give
 * "1234567812345678" as the default ID for certificates. So an SM2 signature is checked with the
 * default ID through sm-crypto-v2 (GM/T 0003 over @noble/curves), and with the empty ID through Node.
 */
export function isSignedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (verifiesInOpenSsl(cert, issuer)) return true;
  const signed = signedParts(cert);
  if (signed?.algorithm !== SM2_WITH_SM3) return false;
  const point = sm2PublicPoint(issuer);
  if (point === undefined) return false;
  return sm2.doVerifySignature(signed.tbs, Buffer.from(signed.signature).toString("hex"), point, {
    der: true,
    hash: true,
    userId: SM2_DEFAULT_ID,
  });
}

/** SM2-with-SM3 (GM/T 0006). */
export const SM2_WITH_SM3 = "1.2.156.10197.1.501";
/** The SM2 curve (GM/T 0006), named in an id-ecPublicKey's parameters. */
const SM2_CURVE = "1.2.156.10197.1.301";
/** GM/T 0009-2012 §10: the ID signers use when none was agreed. */
export const SM2_DEFAULT_ID = "1234567812345678";

/** The signature algorithm's OID, or undefined for a certificate Node reads but this parser does not. */
export function signatureAlgorithmOf(cert: X509Certificate): string | undefined {
  return signedParts(cert)?.algorithm;
}

function verifiesInOpenSsl(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

interface SignedParts {
  tbs: Uint8Array;
  algorithm: string;
  signature: Uint8Array;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING } (RFC 5280 §4.1). */
function signedParts(cert: X509Certificate): SignedParts | undefined {
  const [tbs, algorithm, signature] = sequenceOf(cert.raw) ?? [];
  if (!(algorithm instanceof asn1js.Sequence) || !(signature instanceof asn1js.BitString)) return undefined;
  const oid = algorithm.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier) || signature.valueBlock.unusedBits !== 0) return undefined;
  return {
    tbs: new Uint8Array(tbs.valueBeforeDecodeView),
    algorithm: oid.valueBlock.toString(),
    signature: new Uint8Array(signature.valueBlock.valueHexView),
  };
}

/** The uncompressed point of an SM2 public key, hex (SubjectPublicKeyInfo, RFC 5480 §2). */
function sm2PublicPoint(issuer: X509Certificate): string | undefined {
  const spki = issuer.publicKey.export({ type: "spki", format: "der" });
  const [algorithm, key] = sequenceOf(spki) ?? [];
  if (!(algorithm instanceof asn1js.Sequence) || !(key instanceof asn1js.BitString)) return undefined;
  const curve = algorithm.valueBlock.value[1];
  if (!(curve instanceof asn1js.ObjectIdentifier) || curve.valueBlock.toString() !== SM2_CURVE)
    return undefined;
  const point = Buffer.from(key.valueBlock.valueHexView);
  return point.length === 65 && point[0] === 0x04 ? point.toString("hex") : undefined;
}

function sequenceOf(der: Uint8Array): asn1js.AsnType[] | undefined {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.length || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  return parsed.result.valueBlock.value;
}
