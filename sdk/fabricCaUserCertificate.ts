import type * as pulumi from "@pulumi/pulumi";
import type { CertificateStatus, FabricIdentityType, KeyPolicy, RevocationReason } from "../provider";
import {
  FabricCaUserCertificateOutputs,
  fabricCaUserCertificateProperties,
  type FabricCaUserCertificateArgs,
} from "./generated/fabricCaUserCertificate";
/** What the engine serializes into the state as `__provider`: see sdk/shims/userCertificate.ts. */
import shim = require("./shims/fabricCaCertificate");
export { shim };

export type {
  CertificateStatus,
  FabricCaUserCertificateArgs,
  FabricIdentityType,
  KeyPolicy,
  RevocationReason,
};

/**
 * A user certificate from a self-hosted Hyperledger Fabric CA.
 *
 * Create registers the identity if it does not exist yet, then enrolls it with an EC P-256 key
 * generated locally: the private key never travels. Outputs have the same names and meaning as
 * {@link UserCertificate}'s, plus `msp`, the MSP folder as a map of path to content. Changing the
 * attributes or the enrollment limit re-enrolls the same identity; changing the CA, the enrollment
 * ID, the type or the affiliation replaces it. Destroy revokes the certificate (`onDelete`), and
 * `pulumi refresh` asks the CA whether it is still valid. There is no `frozen`: Fabric CA cannot
 * suspend a certificate and lift the suspension later. Its arguments and outputs are the model's
 * (provider/fabricCa/model.ts; ./generated/fabricCaUserCertificate.ts).
 */
export class FabricCaUserCertificate extends FabricCaUserCertificateOutputs {
  /**
   * With the `import` resource option (`<caUrl>|<caName>|<enrollmentId>|<serial hex>`), the certificate
   * is read from the CA and adopted (the plan shows a create) when the arguments match what the CA
   * holds. Pulumi cannot import into a dynamic resource (pulumi/pulumi#16175), so the option is handed
   * to the provider as an input instead. The CA never holds the private key: `hasPrivateKey` is false.
   */
  constructor(name: string, args: FabricCaUserCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const { import: importId, ...options } = opts ?? {};
    super(shim, name, fabricCaUserCertificateProperties({ ...args, importId }), options);
  }
}
