/**
 * NAVER Cloud Blockchain Service: routes, bodies and error codes shared by the client and the emulator.
 */

/** Base path of each region; the signature covers the full path including it. */
export const ncloudRegionPrefixes = {
  KR: "/api/v1",
  SGN: "/api/sgn-v1",
} as const;

export type NcloudRegion = keyof typeof ncloudRegionPrefixes;

/**
 * The API gateway's domain per NAVER site. The Terraform ncloud provider maps `site` (NCLOUD_SITE) gov
 * and fin to the gateways `ncloud.apigw.gov-ntruss.com` and `fin-ncloud.apigw.fin-ntruss.com`
 * (internal/provider/provider.go ProviderConfigure), and ncloud-sdk-go-v2 makes a service's own host
 * by putting the service's name in place of `ncloud.` or `fin-ncloud.` (services/vnks/configuration.go
 * NewConfiguration): so `blockchainservice.apigw.<domain>`. No page says Blockchain Service is
 * offered on gov or fin; the host follows the SDK's rule.
 */
export const ncloudSiteDomains = {
  public: "ntruss.com",
  gov: "gov-ntruss.com",
  fin: "fin-ntruss.com",
} as const;

export type NcloudSite = keyof typeof ncloudSiteDomains;

/** The Blockchain Service gateway of a site. */
export function ncloudDefaultEndpoint(site: NcloudSite): string {
  return `https://blockchainservice.apigw.${ncloudSiteDomains[site]}`;
}

export const ncloudRoutes = {
  /** Get CA identity: the identities a CA manages. */
  listCaIdentities: { method: "GET", path: "/networks/{networkId}/cas/{caId}/identity" },
} as const;

export const IDENTITY_TYPES = ["ADMIN", "PEER", "ORDERER", "CLIENT"] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** One identity as the API returns it; dates are `YYYY-MM-DDTHH:MM:SS+HHMM`. */
export interface CaIdentityWire {
  networkId: number;
  caId: string;
  identityName: string;
  identityType: IdentityType;
  expireDate: string;
  creator: number;
  createDate: string;
  updateDate: string;
}

export interface CaIdentityListBody {
  content: CaIdentityWire[];
}

export interface NcloudErrorBody {
  error: {
    errorCode: string | number;
    message: string;
    status?: string;
    resources?: unknown[];
    details?: string;
  };
}

export const ncloudErrors = {
  badRequest: { status: 400, code: "100", message: "Bad Request Exception" },
  authFailed: { status: 401, code: "200", message: "Authentication Failed" },
  permissionDenied: { status: 401, code: "210", message: "Permission Denied" },
  notFound: { status: 404, code: "300", message: "Not Found Exception" },
  throttled: { status: 429, code: "410", message: "Throttle Limited" },
  tooLarge: { status: 413, code: "430", message: "Request Entity Too Large" },
  unexpected: { status: 500, code: "900", message: "Unexpected Error" },
} as const;

/** Requests whose x-ncp-apigw-timestamp is this far from the gateway clock are refused. */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;
