import { endpointProblem } from "../http/endpoint";

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

export const shown = (value: string, secret: boolean): string =>
  secret ? "" : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;

/** A whole number of `unit` from min to max; the bounds keep timers below Node's 2^31−1 ms limit. */
export const wholeNumber =
  (min: number, max: number, unit: string): SettingRule =>
  (field, value, { secret }) =>
    /^\d{1,10}$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `${field} must be a whole number of ${unit} from ${min} to ${max}${shown(value, secret)}`;

/** One of `values` (shown in the message, in their order). */
export const oneOf =
  (values: readonly string[]): SettingRule =>
  (field, value, { secret }) =>
    values.includes(value)
      ? undefined
      : `${field} must be one of ${values.join(", ")}${shown(value, secret)}`;

export const trueOrFalse: SettingRule = (field, value, { secret }) =>
  value === "true" || value === "false" ? undefined : `${field} must be true or false${shown(value, secret)}`;

/** A switch that environment variables usually spell `1`/`0`. */
export const trueOrFalseOrDigit: SettingRule = (field, value, context) =>
  value === "1" || value === "0"
    ? undefined
    : trueOrFalse(field, value, context)?.replace("true or false", "true, false, 1 or 0");

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

export const pemCertificates: SettingRule = (field, value) =>
  value.length <= 1024 * 1024 && /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(value)
    ? undefined
    : `${field} must be PEM certificates (-----BEGIN CERTIFICATE----- …), at most 1 MiB`;

export const pemPrivateKey: SettingRule = (field, value) =>
  value.length <= 64 * 1024 &&
  /-----BEGIN (EC )?PRIVATE KEY-----[\s\S]+?-----END (EC )?PRIVATE KEY-----/.test(value)
    ? undefined
    : `${field} must be a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)`;
