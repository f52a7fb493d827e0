import * as rules from "../common/settingRules";
import type { SettingsOf, SettingTable, sharedSettingSources } from "../common/settings";
import { ncloudRegionPrefixes, ncloudSiteDomains } from "./api";

/** NAVER Cloud's rows of the settings table (provider/settings.ts). */
export const ncloudSettingSources = {
  ncloudRegion: {
    env: ["NCLOUD_REGION"],
    default: "KR",
    rule: rules.oneOf(Object.keys(ncloudRegionPrefixes)),
  },
  /** The Terraform ncloud provider's site (public, gov, fin): picks the default endpoint's domain. */
  ncloudSite: { env: ["NCLOUD_SITE"], default: "public", rule: rules.oneOf(Object.keys(ncloudSiteDomains)) },
  ncloudEndpoint: { env: ["BCS_NCLOUD_ENDPOINT"], rule: rules.endpoint },
  ncloudAccessKey: {
    env: ["NCLOUD_ACCESS_KEY_ID", "NCLOUD_ACCESS_KEY"],
    secret: true,
    rule: rules.headerToken(256),
  },
  ncloudSecretKey: {
    env: ["NCLOUD_SECRET_ACCESS_KEY", "NCLOUD_SECRET_KEY"],
    secret: true,
    rule: rules.headerToken(256),
  },
} as const satisfies SettingTable;

export type NcloudSettings = SettingsOf<typeof ncloudSettingSources>;

/** What this backend reads: its own rows and the shared ones. */
export type Settings = SettingsOf<typeof ncloudSettingSources & typeof sharedSettingSources>;
