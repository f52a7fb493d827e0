/**
 * pulumi-bcs: Hyperledger Fabric identities as code on Huawei Cloud BCS and NAVER Cloud Blockchain Service.
 */
import "./redactRpcDebug";
export { UserCertificate } from "./userCertificate";
export type {
  CertificateStatus,
  DeletePolicy,
  GatewayIdentity,
  UserCertificateArgs,
} from "./userCertificate";
export { FabricCaUserCertificate } from "./fabricCaUserCertificate";
export type {
  FabricCaUserCertificateArgs,
  FabricIdentityType,
  KeyPolicy,
  RevocationReason,
} from "./fabricCaUserCertificate";
export { getCaIdentities, getCaIdentitiesOutput } from "./caIdentities";
export type {
  CaIdentitiesSummary,
  CaIdentity,
  GetCaIdentitiesArgs,
  GetCaIdentitiesOutputArgs,
  GetCaIdentitiesOutputOptions,
  GetCaIdentitiesResult,
  IdentityType,
} from "./caIdentities";
