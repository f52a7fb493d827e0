import type { IdentityType as NcloudIdentityType } from "../ncloud/api";

/**
 * The roles the lookup reports, Fabric's four NodeOU roles. NAVER's identity types are these same
 * names; a Fabric CA's free-form types are mapped onto them (./fabricCaRoles.ts).
 */
export const CA_ROLES = ["ADMIN", "PEER", "ORDERER", "CLIENT"] as const;
export type CaRole = (typeof CA_ROLES)[number];

/** NAVER's identity types must stay roles the lookup knows (a compile-time check). */
export const ncloudRole = (type: NcloudIdentityType): CaRole => type;
