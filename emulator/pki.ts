import {
  createHash,
  createPrivateKey,
  getRandomValues,
  webcrypto,
  X509Certificate as NodeX509Certificate,
} from "node:crypto";
import "reflect-metadata"; // @peculiar/x509 resolves algorithms through tsyringe, which needs it
import * as x509 from "@peculiar/x509";
import { DAY_MS } from "../provider/common/clock";
import { sm2KeyPair, sm2SignedCertificate, type Sm2Signing } from "./sm2Pki";

x509.cryptoProvider.set(webcrypto);

const subtle = webcrypto.subtle;
const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;
const MINUTE_MS = 60 * 1000;

/** A CA (or any certificate) with its private key, both PEM. */
export interface KeyedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** How it signs what it issues; absent (as in states saved before SM2) is ECDSA P-256 with SHA-256. */
  signing?: Signing;
}

/** A blockchain's `sign_algorithm` (ECDSA or SM2, Go SDK `CreateRequestBody.SignAlgorithm`) as the emulator signs with it. */
export type Signing = { algorithm: "ECDSA" } | Sm2Signing;
export const ECDSA: Signing = { algorithm: "ECDSA" };

export interface IssuedCertificate extends KeyedCertificate {
  /** The private key as SEC1 (`EC PRIVATE KEY`), which Fabric's tools read as well as PKCS#8. */
  privateKeySec1Pem: string;
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

/** A self-signed CA (EC P-256 or SM2) for one organization of one blockchain, valid 10 years. */
export async function createOrgCa(
  blockchainId: string,
  orgName: string,
  now: Date,
  signing: Signing = ECDSA,
): Promise<KeyedCertificate> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  const name = caSubject(blockchainId, orgName);
  const issued = await issue(signing, undefined, {
    subject: name,
    notBefore: now,
    notAfter,
    extensions: (keyId) => caExtensions(keyId, keyId),
  });
  return { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem, signing };
}

/** An intermediate CA of the organization, signed by its root (Fabric CA's `intermediatecerts/`). */
export async function createIntermediateCa(
  root: KeyedCertificate,
  orgName: string,
  now: Date,
): Promise<KeyedCertificate> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 5);
  const issued = await issue(root.signing ?? ECDSA, root, {
    subject: `C=CN, O=${orgName}, OU=intermediate, CN=ica.${orgName}`,
    notBefore: now,
    notAfter,
    extensions: (keyId, caKeyId) => caExtensions(keyId, caKeyId),
  });
  return {
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
    signing: root.signing,
  };
}

function caExtensions(keyId: string, caKeyId: string): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    new x509.SubjectKeyIdentifierExtension(keyId),
    ...(caKeyId === keyId ? [] : [new x509.AuthorityKeyIdentifierExtension(caKeyId)]),
  ];
}

/** A client certificate for `userName` in `orgName`, signed by `ca` (ECDSA or SM2, as the CA signs), valid 365 days. */
export async function issueUserCertificate(
  ca: KeyedCertificate,
  userName: string,
  orgName: string,
  now: Date,
): Promise<IssuedCertificate> {
  return issue(ca.signing ?? ECDSA, ca, {
    // Written in encoding order, country first, as Fabric CA encodes its subjects.
    subject: `C=CN, O=${orgName}, OU=client, CN=${userName}`,
    notBefore: new Date(now.getTime() - MINUTE_MS),
    notAfter: new Date(now.getTime() + 365 * DAY_MS),
    extensions: (keyId, caKeyId) => [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.AuthorityKeyIdentifierExtension(caKeyId),
      new x509.SubjectKeyIdentifierExtension(keyId),
    ],
  });
}

interface CertificateTemplate {
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** The extensions, given the new key's identifier and the issuer's (the same for a self-signed one). */
  extensions: (keyId: string, caKeyId: string) => x509.Extension[];
}

/** A new key and its certificate, signed by `ca` (self-signed when undefined). */
async function issue(
  signing: Signing,
  ca: KeyedCertificate | undefined,
  template: CertificateTemplate,
): Promise<IssuedCertificate> {
  const caCertificate = ca && new x509.X509Certificate(ca.certificatePem);
  const caKeyIdOf = (keyId: string) => {
    if (!caCertificate) return keyId;
    const caKeyId = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    if (!caKeyId) throw new Error("the CA certificate has no subject key identifier");
    return caKeyId;
  };
  const serialNumber = randomSerial();
  let certificatePem: string;
  let privateKeyPem: string;
  let privateKeySec1Pem: string;
  let keyId: string;
  if (signing.algorithm === "SM2") {
    const keys = sm2KeyPair();
    keyId = createHash("sha256").update(keys.publicPoint).digest("hex");
    privateKeyPem = keys.privateKeyPem;
    privateKeySec1Pem = keys.sec1Pem;
    certificatePem = sm2SignedCertificate(signing, {
      serialNumber,
      subject: template.subject,
      issuer: caCertificate?.subjectName ?? new x509.Name(template.subject),
      notBefore: template.notBefore,
      notAfter: template.notAfter,
      spki: keys.spki,
      extensions: template.extensions(keyId, caKeyIdOf(keyId)),
      signingKeyPem: ca?.privateKeyPem ?? keys.privateKeyPem,
    });
  } else {
    const keys = await generateKeyPair();
    keyId = await subjectKeyId(keys.publicKey);
    const fields = {
      serialNumber,
      notBefore: template.notBefore,
      notAfter: template.notAfter,
      signingAlgorithm: ECDSA_SHA256,
      extensions: template.extensions(keyId, caKeyIdOf(keyId)),
    };
    const certificate = caCertificate
      ? await x509.X509CertificateGenerator.create({
          ...fields,
          subject: template.subject,
          issuer: caCertificate.subjectName,
          publicKey: keys.publicKey,
          signingKey: await subtle.importKey("pkcs8", pemBody(ca.privateKeyPem), EC_P256, false, ["sign"]),
        })
      : await x509.X509CertificateGenerator.createSelfSigned({ ...fields, name: template.subject, keys });
    certificatePem = pem(certificate);
    privateKeyPem = await privateKeyPemOf(keys.privateKey);
    privateKeySec1Pem = createPrivateKey(privateKeyPem).export({ type: "sec1", format: "pem" }).toString();
  }
  const cert = new NodeX509Certificate(certificatePem);
  return {
    certificatePem,
    privateKeyPem,
    privateKeySec1Pem,
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
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

async function privateKeyPemOf(key: webcrypto.CryptoKey): Promise<string> {
  const der = await subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY").trim() + "\n";
}

function pemBody(text: string): ArrayBuffer {
  return x509.PemConverter.decode(text)[0];
}
