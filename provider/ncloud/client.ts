import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import { fillPath } from "../http/pathTemplate";
import {
  ANSWER_LIMITS,
  sendingThrough,
  type ApiTransport,
  type Handler,
  type Middleware,
} from "../http/transport";
import {
  IDENTITY_TYPES,
  ncloudRegionPrefixes,
  ncloudRoutes,
  type CaIdentityWire,
  type IdentityType,
  type NcloudErrorBody,
  type NcloudRegion,
} from "./api";
import { ncloudDateToIso } from "./dates";
import { ncloudSignedHeaders } from "./signer";

const SERVICE = "NAVER Cloud Blockchain Service";

/** One NAVER CA identity: the wire fields, dates in ISO 8601 (UTC). */
export interface NcloudIdentity {
  networkId: number;
  caId: string;
  identityName: string;
  identityType: IdentityType;
  expireDate: string;
  creator: number;
  createDate: string;
  updateDate: string;
}

export interface NcloudClientOptions {
  endpoint: string;
  region: NcloudRegion;
  credentials: { accessKey: string; secretKey: string };
  transport: ApiTransport;
  clock?: () => Date;
}

/** Signs with signature v2 over the path the gateway sees (region prefix included). */
export function ncloudSigning(
  credentials: { accessKey: string; secretKey: string },
  clock: () => Date,
): Middleware {
  return (next) => (request) => {
    const url = new URL(request.url);
    const signed = ncloudSignedHeaders(request.method, url.pathname + url.search, credentials, clock());
    return next({ ...request, headers: { ...request.headers, ...signed } });
  };
}

export class NcloudClient {
  private readonly send: Handler;
  private readonly base: string;

  constructor(options: NcloudClientOptions) {
    this.send = sendingThrough(
      options.transport,
      ncloudSigning(options.credentials, options.clock ?? (() => new Date())),
    );
    this.base = options.endpoint.replace(/\/+$/, "") + ncloudRegionPrefixes[options.region];
  }

  /** GET /networks/{networkId}/cas/{caId}/identity */
  async listCaIdentities(networkId: number, caId: string): Promise<NcloudIdentity[]> {
    const response = await this.send({
      method: ncloudRoutes.listCaIdentities.method,
      url: this.base + fillPath(ncloudRoutes.listCaIdentities.path, { networkId: String(networkId), caId }),
      headers: { "Content-Type": "application/json" },
      maxAnswerBytes: ANSWER_LIMITS.listing,
    });
    const body = jsonBody(response);
    if (response.status !== 200) throw ncloudError(response.status, body, bodyExcerpt(response));
    const content = (body as { content?: unknown } | undefined)?.content;
    if (!Array.isArray(content)) {
      throw new ApiError(SERVICE, 200, "UNEXPECTED_BODY", bodyExcerpt(response), "expected {content: [...]}");
    }
    return content.map((item, i) => toIdentity(item, i));
  }
}

/** Validates one wire identity completely before anything is returned, so nothing is half-applied. */
function toIdentity(item: unknown, index: number): NcloudIdentity {
  const w = item as Partial<CaIdentityWire>;
  const fail = (field: string, rule: string): never => {
    throw new ApiError(
      SERVICE,
      200,
      "UNEXPECTED_BODY",
      `content[${index}].${field} ${rule}`,
      "the answer does not match the documented shape",
    );
  };
  if (typeof w?.networkId !== "number") fail("networkId", "is not a number");
  if (typeof w.caId !== "string") fail("caId", "is not a string");
  if (typeof w.identityName !== "string") fail("identityName", "is not a string");
  if (!IDENTITY_TYPES.includes(w.identityType as IdentityType))
    fail("identityType", `is not one of ${IDENTITY_TYPES.join(", ")}`);
  if (typeof w.creator !== "number") fail("creator", "is not a number");
  const date = (field: "expireDate" | "createDate" | "updateDate"): string =>
    (typeof w[field] === "string" ? ncloudDateToIso(w[field]) : undefined) ?? fail(field, "is not a date");
  return {
    networkId: w.networkId!,
    caId: w.caId!,
    identityName: w.identityName!,
    identityType: w.identityType!,
    expireDate: date("expireDate"),
    creator: w.creator!,
    createDate: date("createDate"),
    updateDate: date("updateDate"),
  };
}

const hints: Record<number, string> = {
  400: "the request was refused as invalid: check networkId and caId",
  401: "authentication failed: check bcs:ncloudAccessKey / bcs:ncloudSecretKey and this machine's clock (5-minute window)",
  404: "not found: check networkId, caId and bcs:ncloudRegion",
  429: "the API is throttling requests: retry later",
};

function ncloudError(status: number, body: unknown, excerpt: string): ApiError {
  const e = (body as Partial<NcloudErrorBody> | undefined)?.error;
  if (
    e &&
    (typeof e.errorCode === "string" || typeof e.errorCode === "number") &&
    typeof e.message === "string"
  ) {
    const detail = e.details ? `${e.message} (${e.details})` : e.message;
    return new ApiError(SERVICE, status, String(e.errorCode), detail, hints[status] ?? "");
  }
  return new ApiError(SERVICE, status, "UNEXPECTED_BODY", excerpt, hints[status] ?? "");
}
