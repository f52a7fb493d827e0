import { ApiError, bodyExcerpt, jsonBody } from "../http/errors";
import { fillPath } from "../http/pathTemplate";
import { requestIdOf } from "../http/requestId";
import {
  ANSWER_LIMITS,
  sendingThrough,
  type ApiTransport,
  type Handler,
  type Middleware,
} from "../http/transport";
import { ncloudRegionPrefixes, ncloudRoutes, type NcloudErrorBody, type NcloudRegion } from "./api";
import { readIdentities, type NcloudListing } from "./identityItems";
import { ncloudSignedHeaders } from "./signer";

const SERVICE = "NAVER Cloud Blockchain Service";

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
  async listCaIdentities(networkId: number, caId: string): Promise<NcloudListing> {
    const response = await this.send({
      method: ncloudRoutes.listCaIdentities.method,
      url: this.base + fillPath(ncloudRoutes.listCaIdentities.path, { networkId: String(networkId), caId }),
      headers: { "Content-Type": "application/json" },
      maxAnswerBytes: ANSWER_LIMITS.listing,
    });
    const body = jsonBody(response);
    if (response.status !== 200)
      throw ncloudError(response.status, body, bodyExcerpt(response), requestIdOf(response, body));
    const content = (body as { content?: unknown } | undefined)?.content;
    if (!Array.isArray(content)) {
      throw new ApiError(SERVICE, 200, "UNEXPECTED_BODY", bodyExcerpt(response), "expected {content: [...]}");
    }
    return readIdentities(content, { networkId, caId });
  }
}

const hints: Record<number, string> = {
  400: "the request was refused as invalid: check networkId and caId",
  401: "authentication failed: check bcs:ncloudAccessKey / bcs:ncloudSecretKey and this machine's clock (5-minute window)",
  404: "not found: check networkId, caId and bcs:ncloudRegion",
  429: "the API is throttling requests: retry later",
};

function ncloudError(status: number, body: unknown, excerpt: string, requestId?: string): ApiError {
  const e = (body as Partial<NcloudErrorBody> | undefined)?.error;
  if (
    e &&
    (typeof e.errorCode === "string" || typeof e.errorCode === "number") &&
    typeof e.message === "string"
  ) {
    const detail = e.details ? `${e.message} (${e.details})` : e.message;
    return new ApiError(SERVICE, status, String(e.errorCode), detail, hints[status] ?? "", requestId);
  }
  return new ApiError(SERVICE, status, "UNEXPECTED_BODY", excerpt, hints[status] ?? "", requestId);
}
