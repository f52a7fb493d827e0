import * as pulumi from "@pulumi/pulumi";
import { HUAWEI_IMPORT_REFUSAL } from "../provider";
import type { CertificateArchive, CertificateStatus, DeletePolicy } from "../provider";
import type { GatewayIdentity } from "./derivedOutputs";
import { CERTIFICATE_FACTS, CertificateResource } from "./certificateResource";
import { derived } from "./derived";
import { deriveFromPackedFolder } from "./packedOutputs";
/** What the engine serializes into the state as `__provider`: see sdk/shims/userCertificate.ts. */
import shim = require("./shims/userCertificate");
export { shim };

export type { CertificateStatus, DeletePolicy, GatewayIdentity };

/** Arguments of {@link UserCertificate}. Changing any of them but `frozen` issues a new certificate. */
export interface UserCertificateArgs {
  /** IAM project id (32 hexadecimal characters). */
  projectId: pulumi.Input<string>;
  /** Id of the BCS instance (blockchain). */
  blockchainId: pulumi.Input<string>;
  /** Name of a peer organization of the blockchain. */
  orgName: pulumi.Input<string>;
  /** 4-24 characters, lowercase letters and digits, starting with a letter. */
  userName: pulumi.Input<string>;
  /**
   * Safe mode: the certificate is hosted by the service, one active certificate per user name and at
   * most 100 per organization. Omitted means the API's default (non-safe mode).
   */
  securityMode?: pulumi.Input<boolean>;
  /** `true` freezes the certificate, `false` (default) unfreezes it; changes apply in place. */
  frozen?: pulumi.Input<boolean>;
  /**
   * Recovery switch for safe mode: when the user name already holds an active certificate that no
   * Pulumi state tracks (typically one whose answer was lost in an interrupted run), freeze it before
   * issuing. Only consulted when the certificate is created. See docs/reliability-and-security.md.
   */
  freezeUntracked?: pulumi.Input<boolean>;
  /**
   * Renew when the certificate expires within this duration (`30d`, `720h`). Compared with the clock
   * during diff, so a plain `pulumi preview` shows the renewal and why. Huawei renews by replacement
   * (frozen first in safe mode). Default: never.
   */
  renewBefore?: pulumi.Input<string>;
  /**
   * What happens to the certificate when Pulumi lets go of it (destroy, replacement): `"freeze"`
   * (default) or `"retain"` (left active). `"revoke"` is refused at preview: Huawei BCS has no revoke call.
   * The policy recorded by the last `pulumi up` is the one applied, so change it before removing the resource.
   */
  onDelete?: pulumi.Input<"retain" | "freeze">;
  /** The organization's MSP ID (e.g. `org1MSP`); when set, `gatewayIdentity` is filled. */
  mspId?: pulumi.Input<string>;
}

/**
 * A user certificate of a Hyperledger Fabric organization on Huawei Cloud Blockchain Service.
 *
 * Creating it issues the certificate (`POST …/usercert/{user_name}`). The returned MSP archive is
 * checked, stored byte for byte (its keys secret) and unpacked into outputs in the program, the private
 * key as a secret. Destroying it freezes the certificate, the closest the API has to revoking it;
 * `onDelete: "retain"` keeps it active. `renewBefore` renews it, visibly in a plain `pulumi preview`.
 *
 * ```ts
 * const cert = new bcs.UserCertificate("app-user", {
 *     projectId: "0123456789abcdef0123456789abcdef", blockchainId: "bcs-demo-0001",
 *     orgName: "org1", userName: "appuser01", securityMode: true,
 * });
 * export const subject = cert.subject;
 * ```
 */
export class UserCertificate extends CertificateResource {
  /** IAM project id. */
  declare readonly projectId: pulumi.Output<string>;
  /** BCS instance id. */
  declare readonly blockchainId: pulumi.Output<string>;
  /** Peer organization. */
  declare readonly orgName: pulumi.Output<string>;
  /** Safe mode as requested; null when the input was omitted. */
  declare readonly securityMode: pulumi.Output<boolean | null>;
  /** Whether the certificate is frozen. */
  declare readonly frozen: pulumi.Output<boolean>;
  /**
   * The zip exactly as the API answered it, base64: every folder and file, binary ones included.
   * Secret (it holds the key).
   *
   * @remarks Rebuilt in the program from `mspPublic` and `mspSecret` (a state of 0.1.0 stores it; one
   * of the release before holds only its `msp/` folder, rebuilt as a zip).
   */
  declare readonly archive: pulumi.Output<string>;
  /** What the state keeps of the zip: its certificates, packed (see provider/huawei/stateShape.ts). */
  declare readonly mspPublic: pulumi.Output<string>;
  /** What the state keeps of the zip: everything else (keys, other files, its frame), packed. Secret. */
  declare readonly mspSecret: pulumi.Output<string>;

  private readonly unpacked: () => pulumi.Output<CertificateArchive>;

  /** The user's X.509 certificate, PEM (read from `archive` in the program; stored once, in the archive). */
  get certificatePem(): pulumi.Output<string> {
    return derived(this, "certificatePem", () => pulumi.unsecret(this.unpacked().certificatePem));
  }

  /** The user's private key, PKCS#8 PEM. Secret. Read from `archive`. */
  get privateKeyPem(): pulumi.Output<string> {
    return derived(this, "privateKeyPem", () => pulumi.secret(this.unpacked().privateKeyPem));
  }

  /**
   * The chain that issued the certificate, PEM: its issuer first (an intermediate CA, if any), up to
   * the organization CA. Read from `archive`.
   */
  get caCertificatePem(): pulumi.Output<string> {
    return derived(this, "caCertificatePem", () => pulumi.unsecret(this.unpacked().caCertificatePem));
  }

  /**
   * The archive's MSP folder (`signcerts/…`, `keystore/…`, `cacerts/…`): path to content, text files
   * only (a binary file is in `archive`). Secret. Computed in the program from `archive`, not stored again.
   */
  get msp(): pulumi.Output<Record<string, string>> {
    return derived(this, "msp", () => pulumi.secret(this.unpacked().msp));
  }

  constructor(name: string, args: UserCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    // Said here, in the program: the engine's import of a dynamic resource fails before any provider
    // code runs (pulumi/pulumi#16175), with a message about the provider's serialized code.
    if (opts?.import !== undefined) throw new Error(`${name}: ${HUAWEI_IMPORT_REFUSAL}`);
    super(
      shim,
      name,
      {
        ...args,
        archive: undefined,
        mspPublic: undefined,
        mspSecret: undefined,
        ...CERTIFICATE_FACTS,
        onDelete: args.onDelete,
        mspId: args.mspId,
        securityMode: args.securityMode,
        frozen: args.frozen,
      },
      pulumi.mergeOptions(opts, {
        additionalSecretOutputs: ["archive", "mspSecret"],
      }),
      "bcs",
      "UserCertificate",
    );
    this.unpacked = deriveFromPackedFolder(this);
  }
}
