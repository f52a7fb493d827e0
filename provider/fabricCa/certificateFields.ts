import { createHash, X509Certificate } from "node:crypto";

/**
 * What Node's X509Certificate does not expose: the authority key identifier (Fabric CA's revoke
 * names a certificate by serial + AKI) and the key file name fabric-ca-client uses in `keystore/`.
 */

/** Lower-case hex of the authorityKeyIdentifier's keyIdentifier, or undefined when absent. */
export function authorityKeyId(certPem: string): string | undefined {
  const der = new X509Certificate(certPem).raw;
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]); // 2.5.29.35
  let at = der.indexOf(oid);
  if (at < 0) return undefined;
  at += oid.length;
  if (der[at] === 0x01) at += 2 + der[at + 1]; // the optional `critical` BOOLEAN
  if (der[at] !== 0x04) return undefined; // extnValue OCTET STRING
  at += headerLength(der, at);
  if (der[at] !== 0x30) return undefined; // AuthorityKeyIdentifier SEQUENCE
  at += headerLength(der, at);
  if (der[at] !== 0x80) return undefined; // [0] keyIdentifier
  const length = der[at + 1];
  return der.subarray(at + 2, at + 2 + length).toString("hex");
}

function headerLength(der: Buffer, at: number): number {
  const first = der[at + 1];
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}

/** `<hex SHA-256 of the uncompressed EC point>_sk`, the name fabric-ca-client gives the key file. */
export function keystoreFileName(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return `${createHash("sha256")
    .update(spki.subarray(spki.length - 65))
    .digest("hex")}_sk`;
}

/** `cacerts/<host>-<port>.pem` as fabric-ca-client names the CA file (`:` and `.` become `-`). */
export function caFileName(caUrl: string, caName?: string): string {
  const url = new URL(caUrl);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}-${port}${caName ? `-${caName}` : ""}`.replace(/[.:]/g, "-") + ".pem";
}
