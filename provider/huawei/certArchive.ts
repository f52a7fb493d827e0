import { createPrivateKey, X509Certificate } from "node:crypto";
import { unzipSync, zipSync, type UnzipFileInfo } from "fflate";
import { isSignedBy } from "../common/certificateSignature";
import { isOnlyCommonName } from "../common/certificateRules";

/**
 * The zip that "generate user certificate" returns: a Fabric MSP folder. Huawei's docs show the
 * folders (msp/keystore, msp/signcerts) but not the file names, so entries are found by folder. The
 * zip comes from a server, so it is bounded and checked before anything of it is kept.
 */
export interface CertificateArchive {
  certificatePem: string;
  privateKeyPem: string;
  /** The chain that issued the certificate: its issuer first, up to the CA under `cacerts/`. */
  caCertificatePem: string;
  /** The `msp/` folder's text files: path relative to `msp/` to text (binary files only in the zip). */
  msp: Record<string, string>;
}

/** Real archives hold a handful of entries of a few kB each. */
export const ARCHIVE_LIMITS = {
  /** Entries of the zip, folders included. */
  maxEntries: 64,
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: 64 * 1024,
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: 256 * 1024,
} as const;

/** Deflate never grows data by more than a few bytes per block: anything beyond is not a real entry. */
const MAX_COMPRESSED_ENTRY_BYTES = ARCHIVE_LIMITS.maxEntryBytes + 1024;

export class ArchiveError extends Error {
  /**
   * True when the refusal is about this one archive's bytes (an unreadable zip, a key that is not the
   * certificate's): another issuance may well be usable. False for a layout or algorithm this client
   * does not accept, which every certificate of the blockchain would meet again.
   */
  readonly spoiled: boolean;
  constructor(message: string, spoiled = false) {
    super(`the certificate archive from Huawei BCS is unusable: ${message}`);
    this.name = "ArchiveError";
    this.spoiled = spoiled;
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/** PKCS#8, SEC1 (`EC`, or `SM2` as OpenSSL labels an SM2 key) and encrypted PKCS#8 (refused when read). */
const PEM_KEY =
  /-----BEGIN (?:EC |SM2 |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:EC |SM2 |ENCRYPTED )?PRIVATE KEY-----/g;
/** Links from the user's certificate to the CA under `cacerts/`: Fabric CA chains are 1–3 deep. */
const MAX_CHAIN = 8;

/**
 * Checks the zip BCS answered for `userName` and returns what may be kept: one certificate whose
 * subject CN is `userName`, the private key that belongs to it, the chain that signed it (through
 * `intermediatecerts/` up to a CA under `cacerts/`, as Fabric's MSP reads them), and the `msp/`
 * folder's text files. ECDSA and SM2 alike.
 */
export function acceptCertificateArchive(zip: Uint8Array, userName: string): CertificateArchive {
  const archive = fromMspFiles(mspFiles(unzipWithinLimits(zip)));
  const cert = new X509Certificate(archive.certificatePem);
  if (!isOnlyCommonName(cert, userName))
    throw new ArchiveError(
      `the certificate under signcerts/ is not for ${userName} (its subject CN differs)`,
    );
  let key;
  try {
    key = createPrivateKey(archive.privateKeyPem);
  } catch {
    throw new ArchiveError("the private key under keystore/ is not a readable unencrypted key");
  }
  if (!cert.checkPrivateKey(key))
    throw new ArchiveError("the private key under keystore/ does not belong to the certificate", true);
  let signed = cert;
  for (const pem of archive.caCertificatePem.match(PEM_CERT) ?? []) {
    const issuer = new X509Certificate(pem);
    if (!issuer.ca || !isSignedBy(signed, issuer))
      throw new ArchiveError(
        `the ${signed === cert ? "certificate" : "intermediate CA certificate"} is not signed by the CA certificate ` +
          "that it names as its issuer under msp/cacerts/ or msp/intermediatecerts/",
      );
    signed = issuer;
  }
  return archive;
}

/**
 * Reads a certificate archive within {@link ARCHIVE_LIMITS}: safe entry names, one `msp/` folder
 * with exactly one certificate under `signcerts/` and one key under `keystore/`, and the certificate
 * under `cacerts/` that names itself the issuer. The SDK reads stored archives with it.
 */
export function readCertificateArchive(zip: Uint8Array): CertificateArchive {
  return fromMspFiles(mspFiles(unzipWithinLimits(zip)));
}

function fromMspFiles(files: Record<string, Uint8Array>): CertificateArchive {
  return certificateArchiveOf(textFiles(files));
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text files of a folder, by path: a file that is not UTF-8 (or holds a NUL) is binary, and left
 * out rather than corrupted (it stays, byte for byte, in the zip the state keeps).
 */
function textFiles(files: Record<string, Uint8Array>): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [path, data] of Object.entries(files)) {
    try {
      const text = UTF8.decode(data);
      if (!text.includes("\u0000")) texts[path] = text;
    } catch {
      // binary
    }
  }
  return texts;
}

/** The text files of the `msp/` folder among a zip's entries (full entry name → bytes), by path inside it. */
export function mspTextFiles(entries: Record<string, Uint8Array>): Record<string, string> {
  return textFiles(mspFiles(entries));
}

/** The certificate, key and CA certificate of an `msp/` folder already read (path inside `msp/` → text). */
export function certificateArchiveOf(msp: Record<string, string>): CertificateArchive {
  const certificatePem = signcertPem(msp);
  const privateKeyPem = onlyPem(msp, "keystore", PEM_KEY, "private key");
  return { certificatePem, privateKeyPem, caCertificatePem: issuingChain(msp, certificatePem), msp };
}

function unzipWithinLimits(zip: Uint8Array): Record<string, Uint8Array> {
  const seen = new Set<string>();
  let total = 0;
  // The declared sizes are checked before anything is inflated; fflate then inflates each entry into
  // a buffer of its declared size, so an entry that lies about its size cannot grow past it.
  const filter = (entry: UnzipFileInfo): boolean => {
    if (seen.size >= ARCHIVE_LIMITS.maxEntries)
      throw new ArchiveError(`more than ${ARCHIVE_LIMITS.maxEntries} entries`);
    if (!isSafeEntryName(entry.name))
      throw new ArchiveError(
        "an entry name is not a safe relative path (absolute, `..`, `\\` or control characters)",
      );
    const folded = entry.name.toLowerCase();
    if (seen.has(folded)) throw new ArchiveError("two entries have the same name");
    seen.add(folded);
    if (entry.originalSize > ARCHIVE_LIMITS.maxEntryBytes || entry.size > MAX_COMPRESSED_ENTRY_BYTES)
      throw new ArchiveError(`an entry is larger than ${ARCHIVE_LIMITS.maxEntryBytes} bytes`);
    total += entry.originalSize;
    if (total > ARCHIVE_LIMITS.maxTotalBytes)
      throw new ArchiveError(`the entries add up to more than ${ARCHIVE_LIMITS.maxTotalBytes} bytes`);
    return !entry.name.endsWith("/");
  };
  try {
    return unzipSync(zip, { filter });
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(`not a readable zip (${(err as Error).message})`, true);
  }
}

/** Relative, `/`-separated, no `.`/`..`/empty segments (a trailing `/` marks a folder), no `\`, `:` or control characters. */
function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  const segments = (name.endsWith("/") ? name.slice(0, -1) : name).split("/");
  return segments.every(
    // eslint-disable-next-line no-control-regex
    (s) => s !== "" && s !== "." && s !== ".." && !/[\u0000-\u001f\u007f\\:]/.test(s),
  );
}

/**
 * The files of the one `msp/` folder, by path inside it. It may sit at any depth (a wrapper folder such
 * as `user01/msp/`, as Fabric CA's client home or cryptogen's `users/<name>/msp` lay it out); its
 * siblings (`tls/`…) are not part of it. Two `msp/` folders are ambiguous (whose identity?).
 */
function mspFiles(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  const roots = new Set<string>();
  const msp: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(files)) {
    const match = /^((?:[^/]+\/)*?msp\/)(.+)$/.exec(path);
    if (!match) continue;
    roots.add(match[1]);
    msp[match[2]] = data;
  }
  if (roots.size > 1)
    throw new ArchiveError(`it holds more than one msp/ folder (${[...roots].sort().join(", ")})`);
  return msp;
}

function inFolder(msp: Record<string, string>, folder: string): string[] {
  return Object.keys(msp)
    .filter((path) => path.startsWith(`${folder}/`))
    .sort();
}

/** The one PEM block of the one file under `folder`: more than one is ambiguous (whose identity?). */
function onlyPem(msp: Record<string, string>, folder: string, pattern: RegExp, what: string): string {
  const files = inFolder(msp, folder);
  if (files.length !== 1)
    throw new ArchiveError(`expected one file under msp/${folder}/, found ${files.length}`);
  const blocks = msp[files[0]].match(pattern) ?? [];
  if (blocks.length !== 1)
    throw new ArchiveError(
      `expected one PEM ${what} in the file under msp/${folder}/, found ${blocks.length}`,
    );
  return blocks[0] + "\n";
}

/**
 * The chain that issued `certificatePem`, by name (checked, not yet verified): its issuer first, through
 * `intermediatecerts/`, ending at a certificate under `cacerts/` (Fabric's MSP: RootCerts from
 * `cacerts/`, IntermediateCerts from `intermediatecerts/`; Fabric CA's client stores a chain so).
 */
function issuingChain(msp: Record<string, string>, certificatePem: string): string {
  const pems = (folder: string) => inFolder(msp, folder).flatMap((path) => msp[path].match(PEM_CERT) ?? []);
  const roots = pems("cacerts").map((pem) => ({ pem, cert: parse(pem, "a certificate under msp/cacerts/") }));
  const intermediates = pems("intermediatecerts").map((pem) => ({
    pem,
    cert: parse(pem, "a certificate under msp/intermediatecerts/"),
  }));
  const chain: string[] = [];
  let cert = parse(certificatePem, "the certificate under msp/signcerts/");
  while (chain.length < MAX_CHAIN) {
    const root = roots.find((c) => cert.checkIssued(c.cert));
    if (root) return [...chain, root.pem].map((pem) => pem + "\n").join("");
    const intermediate = intermediates.find((c) => cert.checkIssued(c.cert) && !chain.includes(c.pem));
    if (!intermediate) break;
    chain.push(intermediate.pem);
    cert = intermediate.cert;
  }
  throw new ArchiveError(
    chain.length === 0
      ? "no certificate under msp/cacerts/ or msp/intermediatecerts/ issued the user's certificate"
      : "the chain under msp/intermediatecerts/ does not end at a certificate under msp/cacerts/",
  );
}

function parse(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ArchiveError(`${what} is not a readable X.509 certificate`);
  }
}

/** A fixed time: the same folder gives the same bytes, whatever the clock or time zone. */
const ENTRY_TIME = new Date(2000, 0, 1);

/** The one certificate PEM under `signcerts/` of an `msp/` folder. */
export function signcertPem(msp: Record<string, string>): string {
  return onlyPem(msp, "signcerts", PEM_CERT, "certificate");
}

/**
 * The `msp/` folder as a zip of its own, entries sorted: what freeze uploads for a state of issue 13's
 * shape, which kept only the folder (this release keeps the zip BCS answered: ./stateShape.ts).
 * Text files are taken as UTF-8, as they are read. Entries are stored, not deflated: a destroy
 * rebuilds one zip per certificate, and fflate's deflate cost about 7 ms of the provider's CPU per
 * zip (bench profile of a destroy at N = 100) to save 0.7 KB of a 3 KB upload (the limit is 30 KB).
 */
export function mspZip(files: Record<string, Uint8Array | string>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const path of Object.keys(files).sort()) {
    const data = files[path];
    entries[`msp/${path}`] = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  }
  return Buffer.from(zipSync(entries, { level: 0, mtime: ENTRY_TIME }));
}
