import { transportOptions } from "../common/settings";
import type { Settings } from "./settings";
import { apiTransport } from "../http/apiTransport";
import { checkEndpoint } from "../http/endpoint";
import { notice } from "../common/notice";
import { ncloudDefaultEndpoint, type NcloudRegion, type NcloudSite } from "./api";
import { NcloudClient } from "./client";

/** A NAVER Cloud Blockchain Service client from the settings: region, endpoint policy, credentials. */
export function ncloudClient(settings: Settings): NcloudClient {
  if (!settings.ncloudAccessKey || !settings.ncloudSecretKey) {
    throw new Error(
      "no NAVER Cloud credentials: set bcs:ncloudAccessKey and bcs:ncloudSecretKey, or NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY",
    );
  }
  return new NcloudClient({
    endpoint: ncloudEndpoint(settings),
    region: settings.ncloudRegion as NcloudRegion, // checked by resolveSettings
    credentials: { accessKey: settings.ncloudAccessKey, secretKey: settings.ncloudSecretKey },
    transport: apiTransport(transportOptions(settings)),
  });
}

/** bcs:ncloudEndpoint, else the Blockchain Service gateway of bcs:ncloudSite (NCLOUD_SITE), checked by the endpoint policy. */
export function ncloudEndpoint(settings: Settings): string {
  const site = (settings.ncloudSite ?? "public") as NcloudSite; // checked by resolveSettings
  return checkEndpoint(
    "bcs:ncloudEndpoint",
    settings.ncloudEndpoint ?? ncloudDefaultEndpoint(site),
    settings,
    notice,
  );
}
