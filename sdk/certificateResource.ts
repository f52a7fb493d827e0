import * as pulumi from "@pulumi/pulumi";
import type { CertificateStatus, DeletePolicy } from "../provider";
import type { GatewayIdentity } from "./derivedOutputs";
import { derivedGatewayIdentity } from "./derived";

/**
 * The outputs both certificate resources share, with the same names and meaning, so code that
 * consumes a certificate does not change when its source does.
 */
export abstract class CertificateResource extends pulumi.dynamic.Resource {
  /** The user's X.509 certificate, PEM. */
  abstract readonly certificatePem: pulumi.Output<string>;
  /** The user's private key, PKCS#8 PEM. Secret. */
  abstract readonly privateKeyPem: pulumi.Output<string>;
  /** The issuing CA's certificate (chain), PEM. */
  abstract readonly caCertificatePem: pulumi.Output<string>;
  /** The MSP folder: path (`signcerts/…`, `keystore/…`, `cacerts/…`) to content. Secret. */
  abstract readonly msp: pulumi.Output<Record<string, string>>;
  /** The user name (Fabric CA: the enrollment ID). */
  declare readonly userName: pulumi.Output<string>;
  /** Serial number, upper-case hexadecimal. */
  declare readonly serialNumber: pulumi.Output<string>;
  /** Subject distinguished name, e.g. `CN=appuser01,OU=client,O=org1,C=CN`. */
  declare readonly subject: pulumi.Output<string>;
  /** Issuer distinguished name. */
  declare readonly issuer: pulumi.Output<string>;
  /** Start of validity, ISO 8601. */
  declare readonly notBefore: pulumi.Output<string>;
  /** End of validity, ISO 8601. */
  declare readonly notAfter: pulumi.Output<string>;
  /** SHA-256 fingerprint, colon-separated upper-case hexadecimal. */
  declare readonly fingerprintSha256: pulumi.Output<string>;
  /** Whole days until notAfter, as of the last apply. */
  declare readonly expiresInDays: pulumi.Output<number>;
  /** Whether renewBefore had been reached at the last apply. */
  declare readonly readyForRenewal: pulumi.Output<boolean>;
  /** The delete policy in effect. */
  declare readonly onDelete: pulumi.Output<DeletePolicy>;
  /** The MSP ID given, or null. */
  declare readonly mspId: pulumi.Output<string | null>;
  /** What the last `pulumi refresh` found; anything but `"valid"` makes the next `pulumi up` issue anew. */
  declare readonly status: pulumi.Output<CertificateStatus>;

  /**
   * `{ mspId, certificate, privateKey }` for Fabric Gateway clients; null without mspId. Secret.
   *
   * @remarks Computed in the program from the other outputs, not stored again.
   */
  get gatewayIdentity(): pulumi.Output<GatewayIdentity | null> {
    return derivedGatewayIdentity(this);
  }
}

/** The shared outputs the provider fills in, for a subclass's property list (after its inputs). */
export const CERTIFICATE_FACTS = {
  serialNumber: undefined,
  subject: undefined,
  issuer: undefined,
  notBefore: undefined,
  notAfter: undefined,
  fingerprintSha256: undefined,
  expiresInDays: undefined,
  readyForRenewal: undefined,
  status: undefined,
};
