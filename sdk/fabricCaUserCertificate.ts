import * as pulumi from "@pulumi/pulumi";
import type { FabricIdentityType, KeyPolicy, RevocationReason, CertificateStatus } from "../provider";
import { fabricMsp } from "./derivedOutputs";
import { CERTIFICATE_FACTS, CertificateResource } from "./certificateResource";
import { derived } from "./derived";
/** What the engine serializes into the state as `__provider`: see sdk/shims/userCertificate.ts. */
import shim = require("./shims/fabricCaCertificate");
export { shim };

export type { FabricIdentityType, KeyPolicy, RevocationReason };

/**
 * Arguments of {@link FabricCaUserCertificate}. There is no `frozen`: Fabric CA cannot suspend a
 * certificate and lift the suspension later (revocation is final), so the input does not exist here.
 */
export interface FabricCaUserCertificateArgs {
  /** Base URL of the Fabric CA server, e.g. `https://ca.org1.example.com:7054`. */
  caUrl: pulumi.Input<string>;
  /** Name of the CA on a multi-CA server; the server's default CA when omitted. */
  caName?: pulumi.Input<string>;
  /** The identity's enrollment ID (at most 64 characters; no `:` or `/`). It becomes the certificate's CN. */
  enrollmentId: pulumi.Input<string>;
  /** Identity type, stamped into the certificate as an OU. Default `client`. */
  identityType?: pulumi.Input<FabricIdentityType>;
  /** Affiliation such as `org1.department1`; must exist on the CA. Default: the root affiliation. */
  affiliation?: pulumi.Input<string>;
  /** Attributes registered for the identity and put into the certificate (`ecert`). */
  attributes?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** How many times the identity may enroll; default the CA's limit. */
  maxEnrollments?: pulumi.Input<number>;
  /** RFC 5280 reason recorded when destroy revokes the certificate. Default `cessationofoperation`. */
  revocationReason?: pulumi.Input<RevocationReason>;
  /**
   * Re-enroll when the certificate expires within this duration (`30d`, `720h`). Compared with the
   * clock during diff, so a plain `pulumi preview` shows the renewal and why. Default: never.
   */
  renewBefore?: pulumi.Input<string>;
  /** On re-enrollment: `rotate` (default) makes a new key; `reuse` keeps it, e.g. for a node whose key is in channel config. */
  keyPolicy?: pulumi.Input<KeyPolicy>;
  /**
   * What happens to the certificate when Pulumi lets go of it (destroy, replacement, the certificate a
   * re-enrollment supersedes): `"revoke"` (default) or `"retain"`. `"freeze"` is refused at preview:
   * Fabric CA cannot suspend a certificate. The policy recorded by the last `pulumi up` is the one applied.
   */
  onDelete?: pulumi.Input<"retain" | "revoke">;
  /** The organization's MSP ID (e.g. `Org1MSP`; the CA does not know it); when set, `gatewayIdentity` is filled. */
  mspId?: pulumi.Input<string>;
}

/**
 * A user certificate from a self-hosted Hyperledger Fabric CA.
 *
 * Create registers the identity if it does not exist yet, then enrolls it with an EC P-256 key
 * generated locally: the private key never travels. Outputs have the same names and meaning as
 * {@link UserCertificate}'s, plus `msp`, the MSP folder as a map of path to content. Changing the
 * attributes or the enrollment limit re-enrolls the same identity; changing the CA, the enrollment
 * ID, the type or the affiliation replaces it. Destroy revokes the certificate (`onDelete`), and
 * `pulumi refresh` asks the CA whether it is still valid.
 */
export class FabricCaUserCertificate extends CertificateResource {
  /** The CA URL. */
  declare readonly caUrl: pulumi.Output<string>;
  /** The CA of a multi-CA server, or null. */
  declare readonly caName: pulumi.Output<string | null>;
  /** The enrollment ID. */
  declare readonly enrollmentId: pulumi.Output<string>;
  /** Identity type. */
  declare readonly identityType: pulumi.Output<FabricIdentityType>;
  /** The user's X.509 certificate, PEM. */
  declare readonly certificatePem: pulumi.Output<string>;
  /** The user's private key, PKCS#8 PEM. Secret. Empty when hasPrivateKey is false. */
  declare readonly privateKeyPem: pulumi.Output<string>;
  /** The CA chain, PEM. */
  declare readonly caCertificatePem: pulumi.Output<string>;
  /**
   * False for a certificate brought in by `pulumi import`: the CA never holds the private key, so
   * privateKeyPem is empty (msp has no keystore, gatewayIdentity is null) until the next enrollment makes one.
   */
  declare readonly hasPrivateKey: pulumi.Output<boolean>;
  /**
   * What the last `pulumi refresh` found at the CA: `"valid"`, `"revoked"`, `"removed"` (the identity or
   * the certificate) or `"expired"`. Anything but valid makes the next `pulumi up` enroll again.
   */
  declare readonly status: pulumi.Output<CertificateStatus>;
  /**
   * The CA's CRL (PEM) after this resource last revoked a superseded certificate, or null. Revocation
   * does nothing on a Fabric network until the CRL is in the channel config.
   */
  declare readonly crlPem: pulumi.Output<string | null>;

  /**
   * The MSP folder as fabric-ca-client writes it (`signcerts/cert.pem`, `keystore/<ski>_sk`,
   * `cacerts/<host>-<port>.pem`): path to content. Secret. Computed in the program, not stored again.
   */
  get msp(): pulumi.Output<Record<string, string>> {
    return derived(this, "msp", () =>
      pulumi.secret(
        pulumi
          .all([this.certificatePem, this.privateKeyPem, this.caCertificatePem, this.caUrl, this.caName])
          .apply(([c, k, chain, url, caName]) => fabricMsp(c, k, chain, url, caName)),
      ),
    );
  }

  /**
   * With the `import` resource option (`<caUrl>|<caName>|<enrollmentId>|<serial hex>`), the certificate
   * is read from the CA and adopted (the plan shows a create) when the arguments match what the CA
   * holds. Pulumi cannot import into a dynamic resource (pulumi/pulumi#16175), so the option is handed
   * to the provider as an input instead. The CA never holds the private key: `hasPrivateKey` is false.
   */
  constructor(name: string, args: FabricCaUserCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const { import: importId, ...options } = opts ?? {};
    super(
      shim,
      name,
      {
        ...args,
        importId,
        identityType: args.identityType,
        caName: args.caName,
        certificatePem: undefined,
        privateKeyPem: undefined,
        hasPrivateKey: undefined,
        caCertificatePem: undefined,
        userName: undefined,
        ...CERTIFICATE_FACTS,
        onDelete: args.onDelete,
        mspId: args.mspId,
        crlPem: undefined,
      },
      pulumi.mergeOptions(options, { additionalSecretOutputs: ["privateKeyPem"] }),
      "bcs",
      "FabricCaUserCertificate",
    );
  }
}
