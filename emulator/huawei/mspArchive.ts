import { getRandomValues } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import type { IssuedCertificate, KeyedCertificate } from "../pki";
import { filled, type Variants } from "../variants";

/** What one certificate's zip holds besides the certificate: the chain that issued it, and its TLS pair. */
export interface ArchiveContents {
  issued: IssuedCertificate;
  /** The organization's root CA. */
  ca: KeyedCertificate;
  /** The intermediate CA that signed `issued` (only under the `caChain` variant). */
  intermediate?: KeyedCertificate;
  /** A second certificate of the same user for `tls/` (only under the `archiveTls` variant). */
  tls?: IssuedCertificate;
  userName: string;
  orgName: string;
}

/**
 * The Fabric MSP folder as a zip, laid out as the variants say (an emulator decision: Huawei documents
 * only the folder names msp/keystore and msp/signcerts). The folders are Fabric's (`hyperledger/fabric`
 * `msp/configbuilder.go` `getMspConfig`): the root under `cacerts/`, an intermediate under
 * `intermediatecerts/`, the TLS roots under `tlscacerts/`.
 */
export function mspArchive(contents: ArchiveContents, variants: Variants): Uint8Array {
  const { issued, ca, intermediate, tls, userName, orgName } = contents;
  const root = filled(variants.archiveFolder, { user: userName, org: orgName });
  const key = variants.keyEncoding === "sec1" ? issued.privateKeySec1Pem : issued.privateKeyPem;
  const files: Record<string, Uint8Array> = {
    [`${root}msp/keystore/${issued.subjectKeyId}_sk`]: strToU8(key),
    [`${root}msp/signcerts/${userName}@${orgName}-cert.pem`]: strToU8(issued.certificatePem),
    [`${root}msp/cacerts/ca.${orgName}-cert.pem`]: strToU8(ca.certificatePem),
    [`${root}msp/tlscacerts/tlsca.${orgName}-cert.pem`]: strToU8(ca.certificatePem),
  };
  if (intermediate)
    files[`${root}msp/intermediatecerts/ica.${orgName}-cert.pem`] = strToU8(intermediate.certificatePem);
  if (variants.binaryEntry) files[`${root}msp/IssuerPublicKey`] = issuerPublicKey();
  if (tls) {
    files[`${root}tls/ca.crt`] = strToU8(ca.certificatePem);
    files[`${root}tls/client.crt`] = strToU8(tls.certificatePem);
    files[`${root}tls/client.key`] = strToU8(tls.privateKeyPem);
  }
  return zipSync(files);
}

/** Bytes that are not UTF-8 (0xff never is, nor a lone 0xc0) and hold a NUL, as a protobuf key would. */
function issuerPublicKey(): Uint8Array {
  const bytes = getRandomValues(new Uint8Array(96));
  bytes.set([0x0a, 0x00, 0xff, 0xfe, 0xc0], 0);
  return bytes;
}
