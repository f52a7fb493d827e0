/**
 * The provider side of pulumi-bcs: what the dynamic providers stored in Pulumi state call at run time.
 * Serialized providers reach this module as `require("pulumi-bcs/provider")`, so its path and the two
 * provider instances below are a stable contract: state written by an older version must still find
 * them. The folders beside it:
 *   huawei/    UserCertificate (Huawei Cloud BCS): provider, inputs, lost-answer recovery, API client
 *   fabricCa/  FabricCaUserCertificate: provider, inputs, identity operations, Fabric CA client
 *   ncloud/    the NAVER Cloud Blockchain Service client (used by the lookup; NAVER has no resource)
 *   common/    what both certificate resources share: configured provider, settings, clock,
 *              durations, certificate facts, renewal, drift, delete policy, validation, notices
 *   http/      the transport every client uses and the one endpoint (URL) policy
 *   models.ts  each resource described once (huawei/model.ts, fabricCa/model.ts): both faces are built from it
 * What runs in the Pulumi program instead lives outside: lookups/ (getCaIdentities) and sdk/.
 */
import { FabricCaCertificateProvider } from "./fabricCa/certificateProvider";
import { UserCertificateProvider } from "./huawei/userCertificateProvider";

/** The one provider instance that serves every UserCertificate in the provider process. */
export const userCertificate = new UserCertificateProvider();
/** The one provider instance that serves every FabricCaUserCertificate. */
export const fabricCaCertificate = new FabricCaCertificateProvider();

export { UserCertificateProvider, certificateId, REPLACE_ON_CHANGE } from "./huawei/userCertificateProvider";
export type { UserCertificateInputs, UserCertificateOutputs } from "./huawei/userCertificateProvider";
export { HUAWEI_IMPORT_REFUSAL } from "./huawei/importRefusal";
export type { GatewayIdentity } from "./common/certificateOutputs";
export { IDENTITY_TYPES } from "./ncloud/api";
export type { IdentityType } from "./ncloud/api";
export { UNKNOWN } from "./common/validation";
export type { DeletePolicy } from "./common/deletePolicy";
export type { CertificateStatus } from "./common/drift";
export { FabricCaCertificateProvider, FABRIC_IDENTITY_TYPES } from "./fabricCa/certificateProvider";
export type {
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  FabricIdentityType,
  KeyPolicy,
  RevocationReason,
} from "./fabricCa/certificateProvider";
