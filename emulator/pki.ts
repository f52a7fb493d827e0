import { createHash, getRandomValues, webcrypto, X509Certificate as NodeX509Certificate } from "node:crypto";
import "reflect-metadata"; // @peculiar/x509 resolves algorithms through tsyringe, which needs it
import * as x509 from "@peculiar/x509";
import { DAY_MS } from "../provider/common/clock";

x509.cryptoProvider.set(webcrypto);

const subtle = webcrypto.subtle;
const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;
const MINUTE_MS = 60 * 1000;

/** A CA (or any certificate) with its private key, both PEM. */
export interface KeyedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssuedCertificate extends KeyedCertificate {
  /** Upper-case hex, as Node's X509Certificate prints it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Hex SHA-256 of the public point: the Fabric convention for key file names and the SKI extension. */
  subjectKeyId: string;
}

export function caSubject(blockchainId: string, orgName: string): string {
  return `C=CN, O=${orgName}, CN=ca.${orgName}.${blockchainId}.bcs.example.com`;
}

/** A self-signed EC P-256 CA for one organization of one blockchain, valid 10 years. */
export async function createOrgCa(
  blockchainId: string,
  orgName: string,
  now: Date,
): Promise<KeyedCertificate> {
  const keys = await generateKeyPair();
  const keyId = await subjectKeyId(keys.publicKey);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: caSubject(blockchainId, orgName),
    notBefore: now,
    notAfter,
    signingAlgorithm: ECDSA_SHA256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.SubjectKeyIdentifierExtension(keyId),
    ],
  });
  return { certificatePem: pem(certificate), privateKeyPem: await privateKeyPem(keys.privateKey) };
}

/** A client certificate for `userName` in `orgName`, signed by the organization's CA, valid 365 days. */
export async function issueUserCertificate(
  ca: KeyedCertificate,
  userName: string,
  orgName: string,
  now: Date,
): Promise<IssuedCertificate> {
  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const caKey = await subtle.importKey("pkcs8", pemBody(ca.privateKeyPem), EC_P256, false, ["sign"]);
  const caKeyId = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (!caKeyId) throw new Error("the CA certificate has no subject key identifier");

  const keys = await generateKeyPair();
  const keyId = await subjectKeyId(keys.publicKey);
  const notBefore = new Date(now.getTime() - MINUTE_MS);
  const notAfter = new Date(now.getTime() + 365 * DAY_MS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    // Written in encoding order, country first, as Fabric CA encodes its subjects.
    subject: `C=CN, O=${orgName}, OU=client, CN=${userName}`,
    issuer: caCertificate.subjectName,
    notBefore,
    notAfter,
    signingAlgorithm: ECDSA_SHA256,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.AuthorityKeyIdentifierExtension(caKeyId),
      new x509.SubjectKeyIdentifierExtension(keyId),
    ],
  });
  const certificatePem = pem(certificate);
  return {
    certificatePem,
    privateKeyPem: await privateKeyPem(keys.privateKey),
    serialNumber: serialOf(certificatePem),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    subjectKeyId: keyId,
  };
}

/** The serial number exactly as Node prints it (upper-case hex, no colons). */
export function serialOf(certificatePem: string): string {
  return new NodeX509Certificate(certificatePem).serialNumber.toUpperCase();
}

function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return subtle.generateKey(EC_P256, true, ["sign", "verify"]);
}

async function subjectKeyId(publicKey: webcrypto.CryptoKey): Promise<string> {
  const point = Buffer.from(await subtle.exportKey("raw", publicKey));
  return createHash("sha256").update(point).digest("hex");
}

/** 16 random bytes with the first in 0x01–0x7f: positive, and exactly 16 bytes once DER-encoded. */
function randomSerial(): string {
  const bytes = getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return Buffer.from(bytes).toString("hex");
}

function pem(certificate: x509.X509Certificate): string {
  return certificate.toString("pem").trim() + "\n";
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY").trim() + "\n";
}

function pemBody(text: string): ArrayBuffer {
  return x509.PemConverter.decode(text)[0];
}
