import * as pulumi from "@pulumi/pulumi";
import {
  storedArchive,
  storedCertificateInfo,
  type CertificateArchive,
  type CertificateInfo,
  type StoredMsp,
} from "../provider";
import { derived } from "./derived";

/** The facts a state of this release no longer stores: read from the certificate in `mspPublic`. */
const FACTS_FROM_CERTIFICATE = [
  "serialNumber",
  "subject",
  "issuer",
  "notBefore",
  "fingerprintSha256",
] as const;

/** The outputs of a UserCertificate as registered: either shape of the state fills them. */
type StoredOutputs = Record<"archive" | "mspPublic" | "mspSecret" | keyof CertificateInfo, unknown>;
type Stored = pulumi.Output<string | undefined>;

function stored(
  archive: string | undefined,
  mspPublic: string | undefined,
  mspSecret: string | undefined,
): StoredMsp {
  return archive !== undefined ? { archive } : { mspPublic: mspPublic ?? "", mspSecret: mspSecret ?? "" };
}

/**
 * Makes `archive` and the certificate facts read the stored value when the state holds one (written
 * by the previous release), and derive it from the packed folder otherwise. Each is built on first
 * read, like every derived output (see ./derived.ts); `archive` stays secret. Returns the unpacked
 * folder (certificate, key, CA certificate, msp), built on first read too.
 */
export function deriveFromPackedFolder(cert: StoredOutputs): () => pulumi.Output<CertificateArchive> {
  const archive = cert.archive as Stored;
  const mspPublic = cert.mspPublic as Stored;
  const mspSecret = cert.mspSecret as Stored;
  const lazily = (key: string, make: () => unknown) =>
    Object.defineProperty(cert, key, {
      enumerable: true,
      configurable: true,
      get: () => derived(cert, key, make),
    });
  for (const key of FACTS_FROM_CERTIFICATE) {
    const value = cert[key] as Stored;
    lazily(key, () =>
      pulumi.all([value, mspPublic]).apply(([v, p]) => v ?? storedCertificateInfo(p ?? "")[key]),
    );
  }
  lazily("archive", () =>
    pulumi.secret(
      pulumi
        .all([archive, mspPublic, mspSecret])
        .apply(([a, p, s]) => a ?? storedArchive(stored(a, p, s)).zip.toString("base64")),
    ),
  );
  return () =>
    derived(cert, "unpacked", () =>
      pulumi.all([archive, mspPublic, mspSecret]).apply(([a, p, s]): CertificateArchive => {
        const { certificatePem, privateKeyPem, caCertificatePem, msp } = storedArchive(stored(a, p, s));
        return { certificatePem, privateKeyPem, caCertificatePem, msp };
      }),
    );
}
