import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import { sm2 } from "sm-crypto-v2";
import { SM2_DEFAULT_ID, SM2_WITH_SM3 } from "../provider/common/certificateSignature";

/**
 * SM2 certificates (国密), which WebCrypto and @peculiar/x509 cannot sign: the certificate is laid out
 * here (RFC 5280 §4.1) and signed with SM2-with-SM3, with the distinguishing ID `id`: GM/T 0009's
 * default through sm-crypto-v2, or the empty ID that OpenSSL 3 (and so Node) uses when none is set.
 */
export interface Sm2Signing {
  algorithm: "SM2";
  id: typeof SM2_DEFAULT_ID | "";
}

export interface Sm2KeyPair {
  privateKeyPem: string;
  /** The same key as SEC1 (`EC PRIVATE KEY`), exported here: Node aborts exporting SEC1 from an SM2 key it read. */
  sec1Pem: string;
  spki: Buffer;
  /** The uncompressed point (0x04 ‖ x ‖ y). */
  publicPoint: Buffer;
}

export function sm2KeyPair(): Sm2KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "SM2" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    sec1Pem: privateKey.export({ type: "sec1", format: "pem" }).toString(),
    spki,
    publicPoint: spki.subarray(spki.length - 65),
  };
}

export interface Sm2CertificateFields {
  serialNumber: string;
  subject: string;
  issuer: x509.Name;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  extensions: x509.Extension[];
  signingKeyPem: string;
}

export function sm2SignedCertificate(signing: Sm2Signing, fields: Sm2CertificateFields): string {
  const algorithm = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: SM2_WITH_SM3 })] });
  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Integer({ value: 2 })],
      }),
      new asn1js.Integer({ valueHex: Buffer.from(fields.serialNumber, "hex") }),
      algorithm,
      der(fields.issuer.toArrayBuffer()),
      new asn1js.Sequence({
        value: [
          new asn1js.UTCTime({ valueDate: fields.notBefore }),
          new asn1js.UTCTime({ valueDate: fields.notAfter }),
        ],
      }),
      der(new x509.Name(fields.subject).toArrayBuffer()),
      der(fields.spki),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 3 },
        value: [new asn1js.Sequence({ value: fields.extensions.map((e) => der(e.rawData)) })],
      }),
    ],
  });
  const tbsDer = Buffer.from(tbs.toBER());
  const signature = sm2Sign(signing, tbsDer, fields.signingKeyPem);
  const certificate = new asn1js.Sequence({
    value: [der(tbsDer), algorithm, new asn1js.BitString({ valueHex: signature })],
  });
  return x509.PemConverter.encode(certificate.toBER(), "CERTIFICATE").trim() + "\n";
}

function sm2Sign(signing: Sm2Signing, data: Buffer, keyPem: string): Buffer {
  const key = createPrivateKey(keyPem);
  if (signing.id === "") return sign("sm3", data, key);
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const point = spki.subarray(spki.length - 65).toString("hex");
  return Buffer.from(
    sm2.doSignature(data, pkcs8Secret(keyPem), {
      der: true,
      hash: true,
      publicKey: point,
      userId: signing.id,
    }),
    "hex",
  );
}

/**
 * The private scalar, hex: PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING }
 * (RFC 5208) holding ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, … } (RFC 5915).
 */
function pkcs8Secret(keyPem: string): string {
  const info = der(x509.PemConverter.decode(keyPem)[0]) as asn1js.Sequence;
  const inner = der(
    (info.valueBlock.value[2] as asn1js.OctetString).valueBlock.valueHexView,
  ) as asn1js.Sequence;
  return Buffer.from((inner.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView).toString(
    "hex",
  );
}

function der(data: ArrayBuffer | Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(data);
  if (parsed.offset === -1) throw new Error("not DER");
  return parsed.result;
}
