import type * as pulumi from "@pulumi/pulumi";
import { HUAWEI_IMPORT_REFUSAL } from "../provider";
import type { CertificateStatus, DeletePolicy, GatewayIdentity } from "../provider";
import {
  UserCertificateOutputs,
  userCertificateProperties,
  type UserCertificateArgs,
} from "./generated/userCertificate";
/** What the engine serializes into the state as `__provider`: see sdk/shims/userCertificate.ts. */
import shim = require("./shims/userCertificate");
export { shim };

export type { CertificateStatus, DeletePolicy, GatewayIdentity, UserCertificateArgs };

/**
 * A user certificate of a Hyperledger Fabric organization on Huawei Cloud Blockchain Service.
 *
 * Creating it issues the certificate (`POST …/usercert/{user_name}`). The returned MSP archive is
 * checked, stored byte for byte (its keys secret) and unpacked into outputs in the program, the private
 * key as a secret. Destroying it freezes the certificate, the closest the API has to revoking it;
 * `onDelete: "retain"` keeps it active. `renewBefore` renews it, visibly in a plain `pulumi preview`.
 * Its arguments and outputs are the model's (provider/huawei/model.ts; ./generated/userCertificate.ts).
 *
 * ```ts
 * const cert = new bcs.UserCertificate("app-user", {
 *     projectId: "0123456789abcdef0123456789abcdef", blockchainId: "bcs-demo-0001",
 *     orgName: "org1", userName: "appuser01", securityMode: true,
 * });
 * export const subject = cert.subject;
 * ```
 */
export class UserCertificate extends UserCertificateOutputs {
  constructor(name: string, args: UserCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    // Said here, in the program: the engine's import of a dynamic resource fails before any provider
    // code runs (pulumi/pulumi#16175), with a message about the provider's serialized code.
    if (opts?.import !== undefined) throw new Error(`${name}: ${HUAWEI_IMPORT_REFUSAL}`);
    super(shim, name, userCertificateProperties(args), opts);
  }
}
