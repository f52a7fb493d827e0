import { huaweiRoutes } from "../provider/huawei/api";
import { ncloudRegionPrefixes, ncloudRoutes } from "../provider/ncloud/api";
import type { RouteHandler } from "./http";
import { freezeCert, unfreezeCert } from "./huawei/freeze";
import { createToken } from "./huawei/iam";
import { createUserCert } from "./huawei/userCert";
import { caCertificate, freezeBySerial, health, listCertificates } from "./inspection";
import { listCaIdentities } from "./ncloud/identities";

/** Emulator-only routes (no cloud has them), for tests and the demo. */
export const inspectionRoutes = {
  health: { method: "GET", path: "/_emulator/health" },
  listCertificates: { method: "GET", path: "/_emulator/huawei/certificates" },
  caCertificate: { method: "GET", path: "/_emulator/huawei/ca/{blockchain_id}/{org_name}" },
  freezeCertificate: { method: "POST", path: "/_emulator/huawei/certificates/{serial}/freeze" },
} as const;

/** How a route authenticates: none, Huawei BCS (token or AK/SK), or NAVER signature v2. */
export type AuthKind = "none" | "huaweiBcs" | "ncloud";

export interface Route {
  method: string;
  path: string;
  auth: AuthKind;
  /** Mutating routes run one at a time, so checks and the changes they guard cannot interleave. */
  mutates: boolean;
  handler: RouteHandler;
}

const ncloudIdentityRoutes: Route[] = Object.values(ncloudRegionPrefixes).map((prefix) => ({
  method: ncloudRoutes.listCaIdentities.method,
  path: prefix + ncloudRoutes.listCaIdentities.path,
  auth: "ncloud",
  mutates: false,
  handler: listCaIdentities,
}));

export const routes: Route[] = [
  { ...huaweiRoutes.createToken, auth: "none", mutates: true, handler: createToken },
  { ...huaweiRoutes.createUserCert, auth: "huaweiBcs", mutates: true, handler: createUserCert },
  { ...huaweiRoutes.freezeCert, auth: "huaweiBcs", mutates: true, handler: freezeCert },
  { ...huaweiRoutes.unfreezeCert, auth: "huaweiBcs", mutates: true, handler: unfreezeCert },
  ...ncloudIdentityRoutes,
  { ...inspectionRoutes.health, auth: "none", mutates: false, handler: health },
  { ...inspectionRoutes.listCertificates, auth: "none", mutates: false, handler: listCertificates },
  { ...inspectionRoutes.caCertificate, auth: "none", mutates: true, handler: caCertificate },
  { ...inspectionRoutes.freezeCertificate, auth: "none", mutates: true, handler: freezeBySerial },
];
