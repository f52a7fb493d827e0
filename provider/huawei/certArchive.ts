import { unzipSync } from "fflate";

/**
 * The zip that "generate user certificate" returns: a Fabric MSP folder. Huawei's docs show the
 * folders (msp/keystore, msp/signcerts) but not the file names, so entries are found by folder.
 */
export interface CertificateArchive {
  certificatePem: string;
  privateKeyPem: string;
  caCertificatePem: string;
  /** Every entry, path to text, for users who want the whole MSP folder. */
  entries: Record<string, string>;
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(`the certificate archive from Huawei BCS is unusable: ${message}`);
    this.name = "ArchiveError";
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*/;
const PEM_KEY =
  /-----BEGIN (EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (EC |ENCRYPTED )?PRIVATE KEY-----\s*/;

export function readCertificateArchive(zip: Uint8Array): CertificateArchive {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (err) {
    throw new ArchiveError(`not a readable zip (${(err as Error).message})`);
  }
  const entries: Record<string, string> = {};
  for (const [path, data] of Object.entries(files)) {
    if (!path.endsWith("/")) entries[path.replace(/^\.?\/+/, "")] = Buffer.from(data).toString("utf8");
  }
  const pick = (folder: string, pattern: RegExp, what: string): string => {
    const inFolder = Object.keys(entries)
      .filter((p) => p.includes(`${folder}/`))
      .sort();
    const found = inFolder.map((p) => pattern.exec(entries[p])?.[0]).find((v) => v !== undefined);
    if (!found)
      throw new ArchiveError(
        `no ${what} under ${folder}/ (entries: ${Object.keys(entries).join(", ") || "none"})`,
      );
    return found.trim() + "\n";
  };
  return {
    certificatePem: pick("signcerts", PEM_CERT, "PEM certificate"),
    privateKeyPem: pick("keystore", PEM_KEY, "PEM private key"),
    caCertificatePem: pick("cacerts", PEM_CERT, "PEM CA certificate"),
    entries,
  };
}
