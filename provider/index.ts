/**
 * The provider side of pulumi-bcs: what the dynamic providers stored in Pulumi state call at run time.
 * Serialized providers reach this module as `require("pulumi-bcs/provider")`, so its exports are a
 * stable contract: state written by an older version must still find them.
 */
import { FabricCaCertificateProvider } from "./fabricCa/certificateProvider";
import { UserCertificateProvider } from "./huawei/userCertificateProvider";

/** The one provider instance that serves every UserCertificate in the provider process. */
export const userCertificate = new UserCertificateProvider();
/** The one provider instance that serves every FabricCaUserCertificate. */
export const fabricCaCertificate = new FabricCaCertificateProvider();

export { UserCertificateProvider, certificateId, REPLACE_ON_CHANGE } from "./huawei/userCertificateProvider";
export type { UserCertificateInputs, UserCertificateOutputs } from "./huawei/userCertificateProvider";
export { lookupCaIdentities } from "../lookups/caIdentities";
export type { CaIdentitiesQuery } from "../lookups/caIdentities";
export type { CaIdentity, CaIdentitiesSummary, NcloudCaQuery, FabricCaQuery } from "../lookups/caIdentities";
export { IDENTITY_TYPES } from "./ncloud/api";
export type { IdentityType } from "./ncloud/api";
export { UNKNOWN } from "./common/validation";
export type { DeletePolicy } from "./common/deletePolicy";
export type { CertificateStatus } from "./common/drift";
export type { GatewayIdentity } from "../sdk/derivedOutputs";
export { FabricCaCertificateProvider, FABRIC_IDENTITY_TYPES } from "./fabricCa/certificateProvider";
export type {
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  FabricIdentityType,
  RevocationReason,
} from "./fabricCa/certificateProvider";
