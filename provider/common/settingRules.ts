import { endpointProblem } from "../http/endpoint";
import { ncloudRegionPrefixes, ncloudSiteDomains } from "../ncloud/api";

/**
 * The rule each setting must follow. A rule gets the setting's name as the user should read it (config
 * key and environment variable) and its value; it returns the message when the value breaks it.
 * Messages never repeat a secret's value.
 */
export type SettingRule = (
  field: string,
  value: string,
  context: { secret: boolean; allowInsecureHttp: boolean },
) => string | undefined;

const shown = (value: string, secret: boolean): string =>
  secret ? "" : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;

/** A whole number of `unit` from min to max; the bounds keep timers below Node's 2^31−1 ms limit. */
export const wholeNumber =
  (min: number, max: number, unit: string): SettingRule =>
  (field, value, { secret }) =>
    /^\d{1,10}$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `${field} must be a whole number of ${unit} from ${min} to ${max}${shown(value, secret)}`;

export const trueOrFalse: SettingRule = (field, value, { secret }) =>
  value === "true" || value === "false" ? undefined : `${field} must be true or false${shown(value, secret)}`;

/** A switch that environment variables usually spell `1`/`0`. */
export const trueOrFalseOrDigit: SettingRule = (field, value, context) =>
  value === "1" || value === "0"
    ? undefined
    : trueOrFalse(field, value, context)?.replace("true or false", "true, false, 1 or 0");

/** Spliced into the default endpoints' host names, so nothing but a region id may pass. */
export const huaweiRegion: SettingRule = (field, value, { secret }) =>
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
export const huaweiProjectId: SettingRule = (field, value, { secret }) =>
  /^[0-9a-f]{32}$/.test(value)
    ? undefined
    : `${field} must be a Huawei Cloud project id: 32 lowercase hexadecimal characters${shown(value, secret)}`;

export const ncloudSite: SettingRule = (field, value, { secret }) =>
  value in ncloudSiteDomains
    ? undefined
    : `${field} must be one of ${Object.keys(ncloudSiteDomains).join(", ")}${shown(value, secret)}`;

export const ncloudRegion: SettingRule = (field, value, { secret }) =>
  value in ncloudRegionPrefixes
    ? undefined
    : `${field} must be one of ${Object.keys(ncloudRegionPrefixes).join(", ")}${shown(value, secret)}`;

export const endpoint: SettingRule = (field, value, { allowInsecureHttp }) =>
  endpointProblem(field, value, allowInsecureHttp);

/** One endpoint or several separated by commas, each following the endpoint policy. */
export const endpointList: SettingRule = (field, value, context) =>
  value.split(",").some((url) => url.trim() === "")
    ? `${field} must be one URL or several separated by commas, without empty entries`
    : value
        .split(",")
        .map((url) => endpoint(field, url.trim(), context))
        .find((problem) => problem !== undefined);

/** Keys and tokens travel in headers: printable ASCII without spaces. */
export const headerToken =
  (maxLength: number): SettingRule =>
  (field, value, { secret }) =>
    value.length <= maxLength && /^[\x21-\x7e]+$/.test(value)
      ? undefined
      : `${field} must be at most ${maxLength} printable ASCII characters without spaces${shown(value, secret)}`;

/** Names and passwords: no control characters (a pasted line break is the usual mistake). */
export const text =
  (maxLength: number): SettingRule =>
  (field, value, { secret }) =>
    value.length <= maxLength && !/\p{Cc}/u.test(value)
      ? undefined
      : `${field} must be at most ${maxLength} characters without control characters or line breaks${shown(value, secret)}`;

/** A Fabric CA enrollment id sent with HTTP Basic, which cannot carry ':'. */
export const enrollmentId: SettingRule = (field, value, context) =>
  value.includes(":")
    ? `${field} must not contain ':' (HTTP Basic cannot carry it)`
    : text(256)(field, value, context);

export const pemCertificates: SettingRule = (field, value) =>
  value.length <= 1024 * 1024 && /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(value)
    ? undefined
    : `${field} must be PEM certificates (-----BEGIN CERTIFICATE----- …), at most 1 MiB`;

export const pemPrivateKey: SettingRule = (field, value) =>
  value.length <= 64 * 1024 &&
  /-----BEGIN (EC )?PRIVATE KEY-----[\s\S]+?-----END (EC )?PRIVATE KEY-----/.test(value)
    ? undefined
    : `${field} must be a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)`;

/** fabric-ca-client's comma-separated list of files. */
export const fileList: SettingRule = (field, value, context) =>
  value.split(",").some((file) => file.trim() === "")
    ? `${field} must be a comma-separated list of file paths without empty entries${shown(value, context.secret)}`
    : text(4096)(field, value, context);
