import { createPublicKey, verify, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";
import { serverText } from "../http/serverText";

/**
 * A certificate signing request the user brings (CSR mode: the key stays where it was made), read
 * and checked as Fabric CA would before it signs: PKCS#10 (RFC 2986), subject CN = the enrollment
 * ID (403/77 otherwise), an EC key on a curve Fabric MSPs take, and a self-signature that verifies.
 */

const PEM =
  /^-----BEGIN (NEW )?CERTIFICATE REQUEST-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END \1?CERTIFICATE REQUEST-----\s*$/;
const OID_COMMON_NAME = "2.5.4.3";
/** ecdsa-with-SHA256/384/512 (RFC 5758 §3.2). */
const ECDSA_HASHES: Record<string, string> = {
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
};
/** What Fabric CA's default signer and Fabric MSPs take: ECDSA on P-256 or P-384. */
const CURVES: Record<string, string> = { prime256v1: "P-256", secp384r1: "P-384" };

export interface SigningRequest {
  /** The subject's CN values, in order. */
  commonNames: string[];
  publicKey: KeyObject;
  /** The request's SubjectPublicKeyInfo, DER: what the issued certificate's key must equal. */
  spki: Buffer;
}

/** Why `value` cannot be enrolled for `enrollmentId`, naming `field`; undefined when it can. */
export function signingRequestProblem(
  field: string,
  value: unknown,
  enrollmentId: unknown,
): string | undefined {
  if (typeof value !== "string") return `${field} must be a PEM "CERTIFICATE REQUEST" (PKCS#10) string`;
  const parsed = parseSigningRequest(value);
  if (typeof parsed === "string") return `${field} ${parsed}`;
  const { commonNames, publicKey } = parsed.request;
  if (typeof enrollmentId === "string" && (commonNames.length !== 1 || commonNames[0] !== enrollmentId))
    return (
      `${field}'s subject CN must be the enrollmentId ${JSON.stringify(enrollmentId)} (Fabric CA refuses any other), ` +
      `not ${commonNames.length === 0 ? "absent" : commonNames.map((cn) => JSON.stringify(serverText(cn, 64))).join(" and ")}`
    );
  const curve = publicKey.asymmetricKeyDetails?.namedCurve;
  if (publicKey.asymmetricKeyType !== "ec" || !curve || !CURVES[curve])
    return (
      `${field}'s key is ${publicKey.asymmetricKeyType === "ec" ? `EC on ${curve ?? "an unnamed curve"}` : publicKey.asymmetricKeyType?.toUpperCase()}: ` +
      "Fabric CA signs and Fabric MSPs take EC keys on P-256 or P-384 (openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256)"
    );
  if (!parsed.hash) return `${field} is not signed with ECDSA and SHA-256, SHA-384 or SHA-512`;
  if (!parsed.signatureValid)
    return `${field}'s signature does not verify with its own key: the request was altered or signed by another key`;
  return undefined;
}

/** The request in `pem`, assumed checked by signingRequestProblem. */
export function signingRequest(pem: string): SigningRequest {
  const parsed = parseSigningRequest(pem);
  if (typeof parsed === "string") throw new Error(`certificateSigningRequestPem ${parsed}`);
  return parsed.request;
}

interface Parsed {
  request: SigningRequest;
  hash: string | undefined;
  signatureValid: boolean;
}

/** The parts of a PKCS#10 request, or what is wrong with it (after the field's name). */
function parseSigningRequest(pem: string): Parsed | string {
  const match = PEM.exec(pem.trim() + "\n");
  if (!match)
    return 'is not a PEM "CERTIFICATE REQUEST" (PKCS#10): expected one -----BEGIN CERTIFICATE REQUEST----- block';
  const der = Buffer.from(match[2].replace(/\s+/g, ""), "base64");
  const decoded = asn1js.fromBER(new Uint8Array(der));
  const notPkcs10 = "is not a PKCS#10 certificate request (CertificationRequest, RFC 2986)";
  if (decoded.offset !== der.length || !(decoded.result instanceof asn1js.Sequence)) return notPkcs10;
  const [info, algorithm, signature] = decoded.result.valueBlock.value;
  if (!(info instanceof asn1js.Sequence) || !(algorithm instanceof asn1js.Sequence)) return notPkcs10;
  if (!(signature instanceof asn1js.BitString) || signature.valueBlock.unusedBits !== 0) return notPkcs10;
  const [version, subject, spkiNode] = info.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || !(subject instanceof asn1js.Sequence)) return notPkcs10;
  if (!(spkiNode instanceof asn1js.Sequence)) return notPkcs10;
  const oid = algorithm.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier)) return notPkcs10;
  const spki = Buffer.from(spkiNode.valueBeforeDecodeView);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: spki, format: "der", type: "spki" });
  } catch {
    return "has a public key Node cannot read";
  }
  const hash = ECDSA_HASHES[oid.valueBlock.toString()];
  let signatureValid = false;
  try {
    signatureValid =
      hash !== undefined &&
      verify(
        hash,
        Buffer.from(info.valueBeforeDecodeView),
        publicKey,
        Buffer.from(signature.valueBlock.valueHexView),
      );
  } catch {
    signatureValid = false;
  }
  return { request: { commonNames: commonNamesOf(subject), publicKey, spki }, hash, signatureValid };
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue). */
function commonNamesOf(name: asn1js.Sequence): string[] {
  return name.valueBlock.value.flatMap((rdn) =>
    rdn instanceof asn1js.Set
      ? rdn.valueBlock.value.flatMap((attribute) => {
          if (!(attribute instanceof asn1js.Sequence)) return [];
          const [type, value] = attribute.valueBlock.value;
          if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID_COMMON_NAME)
            return [];
          const text = (value as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
          return typeof text === "string" ? [text] : [];
        })
      : [],
  );
}
