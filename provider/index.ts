/**
 * The provider side of pulumi-bcs: what the dynamic providers stored in Pulumi state call at run time.
 * Serialized providers reach this module as `require("pulumi-bcs/provider")`, so its exports are a
 * stable contract: state written by an older version must still find them.
 */
import { FabricCaCertificateProvider } from "./fabricCaCertificate";
import { UserCertificateProvider } from "./userCertificate";

/** The one provider instance that serves every UserCertificate in the provider process. */
export const userCertificate = new UserCertificateProvider();
/** The one provider instance that serves every FabricCaUserCertificate. */
export const fabricCaCertificate = new FabricCaCertificateProvider();

export { UserCertificateProvider, certificateId, REPLACE_ON_CHANGE } from "./userCertificate";
export type { UserCertificateInputs, UserCertificateOutputs } from "./userCertificate";
export { lookupCaIdentities } from "./caIdentities";
export type { CaIdentitiesQuery } from "./caIdentities";
export type { CaIdentity, CaIdentitiesSummary, NcloudCaQuery, FabricCaQuery } from "./caIdentities";
export { IDENTITY_TYPES } from "./ncloud/api";
export type { IdentityType } from "./ncloud/api";
export { UNKNOWN } from "./validation";
export type { DeletePolicy } from "./deletePolicy";
export type { CertificateStatus } from "./drift";
export type { GatewayIdentity } from "./derivedOutputs";
export { FabricCaCertificateProvider, FABRIC_IDENTITY_TYPES } from "./fabricCaCertificate";
export type {
  FabricCaCertificateInputs,
  FabricCaCertificateOutputs,
  FabricIdentityType,
  RevocationReason,
} from "./fabricCaCertificate";
