import { transportOptions, type Settings } from "../common/settings";
import { apiTransport } from "../http/apiTransport";
import { checkEndpoint } from "../http/endpoint";
import type { NcloudRegion } from "./api";
import { NcloudClient } from "./client";

/** A NAVER Cloud Blockchain Service client from the settings: region, endpoint policy, credentials. */
export function ncloudClient(settings: Settings): NcloudClient {
  if (!settings.ncloudAccessKey || !settings.ncloudSecretKey) {
    throw new Error(
      "no NAVER Cloud credentials: set bcs:ncloudAccessKey and bcs:ncloudSecretKey, or NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY",
    );
  }
  return new NcloudClient({
    endpoint: checkEndpoint(
      "bcs:ncloudEndpoint",
      settings.ncloudEndpoint ?? "https://blockchainservice.apigw.ntruss.com",
      settings,
    ),
    region: settings.ncloudRegion as NcloudRegion, // checked by resolveSettings
    credentials: { accessKey: settings.ncloudAccessKey, secretKey: settings.ncloudSecretKey },
    transport: apiTransport(transportOptions(settings)),
  });
}
