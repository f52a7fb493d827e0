import * as rules from "../common/settingRules";
import { shown, type SettingRule } from "../common/settingRules";
import type { SettingsOf, SettingTable, sharedSettingSources } from "../common/settings";

/** IAM tokens run to several kB (a PKI token with a catalogue up to about 16 kB); room to spare. */
const TOKEN_MAX_LENGTH = 64 * 1024;

/** Spliced into the default endpoints' host names, so nothing but a region id may pass. */
const huaweiRegion: SettingRule = (field, value, { secret }) =>
  value.length <= 32 && /^[a-z]{2}(-[a-z0-9]+){1,3}$/.test(value)
    ? undefined
    : `${field} must be a Huawei Cloud region id such as cn-north-4 (lowercase letters, digits and '-')${shown(value, secret)}`;

/**
 * The regions the Huawei SDKs give a BCS endpoint: huaweicloud-sdk-go-v3
 * services/bcs/v2/region/region.go (staticFields), with those the Java and Python SDKs add
 * (BcsRegion.java, bcs_region.py: cn-north-5, cn-north-6, la-south-2).
 */
export const BCS_REGIONS = [
  "cn-north-1",
  "cn-north-4",
  "cn-north-5",
  "cn-north-6",
  "cn-south-1",
  "cn-east-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "la-south-2",
] as const;

/**
 * Why the settings cannot reach BCS in their region, or undefined. As the Go SDK's region.ValueOf
 * (which takes any region only with an endpoint of its own), a region outside {@link BCS_REGIONS} is
 * refused unless bcs:huaweiEndpoint names the endpoint.
 */
export function bcsRegionProblem(settings: {
  huaweiRegion?: string;
  huaweiEndpoint?: string;
}): string | undefined {
  const region = settings.huaweiRegion;
  if (settings.huaweiEndpoint || region === undefined || (BCS_REGIONS as readonly string[]).includes(region))
    return undefined;
  return (
    `BCS is not offered in ${region} (bcs:huaweiRegion, or HW_REGION_NAME/OS_REGION_NAME): the regions with BCS are ` +
    `${BCS_REGIONS.join(", ")}; pick one of them, or set bcs:huaweiEndpoint to the BCS endpoint of your region`
  );
}

/** A project id goes into the URL path: the rule UserCertificate's projectId follows. */
const huaweiProjectId: SettingRule = (field, value, { secret }) =>
  /^[0-9a-f]{32}$/.test(value)
    ? undefined
    : `${field} must be a Huawei Cloud project id: 32 lowercase hexadecimal characters${shown(value, secret)}`;

/** Huawei Cloud's rows of the settings table (provider/settings.ts). */
export const huaweiSettingSources = {
  huaweiRegion: {
    env: ["HW_REGION_NAME", "OS_REGION_NAME"],
    default: "cn-north-4",
    rule: huaweiRegion,
  },
  huaweiEndpoint: { env: ["BCS_HUAWEI_ENDPOINT"], rule: rules.endpoint },
  /** With or without the trailing `/v3` of the Terraform provider's `auth_url` (HW_AUTH_URL, OS_AUTH_URL). */
  huaweiIamEndpoint: { env: ["BCS_HUAWEI_IAM_ENDPOINT", "HW_AUTH_URL", "OS_AUTH_URL"], rule: rules.endpoint },
  huaweiAccessKey: {
    env: ["HW_ACCESS_KEY", "OS_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"],
    secret: true,
    rule: rules.headerToken(256),
  },
  huaweiSecretKey: {
    env: ["HW_SECRET_KEY", "OS_SECRET_KEY", "HUAWEICLOUD_SDK_SK"],
    secret: true,
    rule: rules.headerToken(256),
  },
  huaweiSecurityToken: {
    env: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"],
    secret: true,
    rule: rules.headerToken(TOKEN_MAX_LENGTH),
  },
  huaweiAuthToken: {
    env: ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"],
    secret: true,
    rule: rules.headerToken(TOKEN_MAX_LENGTH),
  },
  huaweiUserName: { env: ["HW_USER_NAME", "OS_USERNAME"], rule: rules.text(256) },
  huaweiPassword: { env: ["HW_USER_PASSWORD", "OS_PASSWORD"], secret: true, rule: rules.text(1024) },
  /** The account (domain) name; the OS_*_DOMAIN_NAME forms are those the Terraform provider also reads. */
  huaweiDomainName: {
    env: ["HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME"],
    rule: rules.text(256),
  },
  /**
   * The project `pulumi-bcs check` runs its credentials check against (resources name their own
   * projectId): the Terraform provider's project_id (HW_PROJECT_ID, OS_PROJECT_ID) and the Go SDK's.
   */
  huaweiProjectId: {
    env: ["HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    rule: huaweiProjectId,
  },
  /**
   * Safe mode: how long a certificate POST that follows a freeze of the same user name is retried while
   * BCS refuses it, because a freeze takes 0.5 to 1 minute to take effect (FreezeCert). 0 never waits.
   */
  freezeSettleMs: {
    env: ["BCS_FREEZE_SETTLE_MS"],
    default: "90000",
    rule: rules.wholeNumber(0, 600_000, "milliseconds"),
  },
} as const satisfies SettingTable;

export type HuaweiSettings = SettingsOf<typeof huaweiSettingSources>;

/** bcs:freezeSettleMs, or its default. */
export const freezeSettleMs = (settings: HuaweiSettings): number =>
  Number(settings.freezeSettleMs ?? huaweiSettingSources.freezeSettleMs.default);

/** What this backend reads: its own rows and the shared ones. */
export type Settings = SettingsOf<typeof huaweiSettingSources & typeof sharedSettingSources>;
