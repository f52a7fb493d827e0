/**
 * The provider side of pulumi-bcs: what the dynamic providers stored in Pulumi state call at run time.
 * Serialized providers reach this module as `require("pulumi-bcs/provider")`, so its path and the two
 * provider instances below are a stable contract: state written by an older version must still find
 * them. The folders beside it:
 *   huawei/    UserCertificate (Huawei Cloud BCS): provider, inputs, lost-answer recovery, API client
 *   fabricCa/  FabricCaUserCertificate: provider, inputs, identity operations, Fabric CA client
 *   ncloud/    the NAVER Cloud Blockchain Service client (used by the lookup; NAVER has no resource)
 *   lookups/   getCaIdentities' implementation (run by the program for sdk/, by the plugin for package/)
 *   common/    what every backend shares: settings machinery, clock, durations, certificate facts,
 *              renewal, drift, delete policy, validation, notices; it knows no backend
 *   http/      the transport every client uses and the one endpoint (URL) policy; it imports nothing above
 *   settings.ts, configuredProvider.ts: the one settings table (every backend's rows) and the provider
 *              base that resolves it
 *   models.ts  each resource described once (huawei/model.ts, fabricCa/model.ts, lookups/model.ts):
 *              both faces are built from it
 * The faces (sdk/, package/) import the core only from here and from the models (models.ts, model.ts,
 * provider/<backend>/model.ts): .dependency-cruiser.cjs, docs/decisions/0035-layers-and-rooms.md.
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

// What the faces (sdk/, package/) use of the core besides the resources above.
export type { ConfiguredProvider } from "./configuredProvider";
export { settingSources } from "./settings";
export { routeNotices } from "./common/notice";
export { ValidationError } from "./common/validation";
export { certificateInfo, type CertificateInfo } from "./common/certificateInfo";
export { ApiError } from "./http/errors";
export { TransportError } from "./http/transport";
export type { CertificateArchive } from "./huawei/certArchive";
export {
  storedArchive,
  storedCertificateInfo,
  type PreviousShape,
  type StoredMsp,
} from "./huawei/stateShape";
export { FABRIC_REPLACE_ON_CHANGE } from "./fabricCa/inputs";
export { caFileName, keystoreFileName } from "./fabricCa/certificateFields";
export { lookupCaIdentities } from "./lookups/caIdentities";
export type {
  CaIdentitiesQuery,
  CaIdentitiesResult,
  CaIdentitiesSummary,
  CaIdentity,
  FabricCaQuery,
  IdentityType as CaIdentityType,
  NcloudCaQuery,
} from "./lookups/caIdentities";
export { CA_ROLES } from "./lookups/caRoles";
