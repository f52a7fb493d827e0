import { TRANSPORT_DEFAULTS, type TransportOptions } from "../http/apiTransport";
import { TRACE_ON } from "../http/trace";
import * as rules from "./settingRules";

/** IAM tokens run to several kB (a PKI token with a catalogue up to about 16 kB); room to spare. */
const TOKEN_MAX_LENGTH = 64 * 1024;

/**
 * Where credentials and endpoints come from. Each setting is read from Pulumi config (namespace `bcs`,
 * secrets allowed) first, then from the environment variables that each cloud's own tools read.
 * This table is the single description; docs/reference.md's configuration table mirrors it.
 */
export const settingSources = {
  huaweiRegion: {
    env: ["HW_REGION_NAME", "OS_REGION_NAME"],
    default: "cn-north-4",
    rule: rules.huaweiRegion,
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
    rule: rules.huaweiProjectId,
  },
  ncloudRegion: { env: ["NCLOUD_REGION"], default: "KR", rule: rules.ncloudRegion },
  /** The Terraform ncloud provider's site (public, gov, fin): picks the default endpoint's domain. */
  ncloudSite: { env: ["NCLOUD_SITE"], default: "public", rule: rules.ncloudSite },
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
  /**
   * Where the registrar may be used: the URL of its CA, or several separated by commas. A resource,
   * lookup or import naming another CA is refused before the registrar is sent anything.
   */
  fabricCaUrl: { env: ["BCS_FABRIC_CA_URL"], rule: rules.endpointList },
  fabricCaRegistrarId: { env: ["BCS_FABRIC_CA_REGISTRAR_ID"], rule: rules.enrollmentId },
  fabricCaRegistrarSecret: { env: ["BCS_FABRIC_CA_REGISTRAR_SECRET"], secret: true, rule: rules.text(1024) },
  fabricCaRegistrarCertificate: { env: ["BCS_FABRIC_CA_REGISTRAR_CERTIFICATE"], rule: rules.pemCertificates },
  fabricCaRegistrarKey: { env: ["BCS_FABRIC_CA_REGISTRAR_KEY"], secret: true, rule: rules.pemPrivateKey },
  /**
   * Where an id-and-secret registrar's enrollment is kept between runs, encrypted with a key drawn
   * from its secret (provider/fabricCa/registrarCache.ts); default `~/.cache/pulumi-bcs-registrar`.
   */
  fabricCaRegistrarCacheDir: { env: ["BCS_FABRIC_CA_REGISTRAR_CACHE_DIR"], rule: rules.text(4096) },
  /** PEM bundle trusted for https to the CA; the environment form is fabric-ca-client's list of files. */
  fabricCaTlsCaCertificates: { env: ["BCS_FABRIC_CA_TLS_CA_CERTIFICATES"], rule: rules.pemCertificates },
  fabricCaTlsCertFiles: { env: ["FABRIC_CA_CLIENT_TLS_CERTFILES"], rule: rules.fileList },
  requestTimeoutMs: {
    env: ["BCS_REQUEST_TIMEOUT_MS"],
    default: String(TRANSPORT_DEFAULTS.requestTimeoutMs),
    rule: rules.wholeNumber(1000, 600_000, "milliseconds"),
  },
  maxRetries: {
    env: ["BCS_MAX_RETRIES", "HW_MAX_RETRIES"],
    default: String(TRANSPORT_DEFAULTS.maxRetries),
    rule: rules.wholeNumber(0, 20, "retries"),
  },
  retryTotalMs: {
    env: ["BCS_RETRY_TOTAL_MS"],
    default: String(TRANSPORT_DEFAULTS.retryTotalMs),
    rule: rules.wholeNumber(0, 3_600_000, "milliseconds"),
  },
  maxConcurrentRequests: {
    env: ["BCS_MAX_CONCURRENT_REQUESTS"],
    default: String(TRANSPORT_DEFAULTS.maxConcurrentRequests),
    rule: rules.wholeNumber(1, 256, "requests"),
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
  /** PEM bundle trusted for https to the cloud APIs instead of Node's roots (a TLS-inspecting proxy). */
  caBundle: { env: ["BCS_CA_BUNDLE"], rule: rules.pemCertificates },
  /** One line per request to stderr (provider/http/trace.ts): "true" or "1" (BCS_TRACE=1). */
  traceRequests: { env: ["BCS_TRACE"], rule: rules.trueOrFalseOrDigit },
  /** "true" allows plain http to endpoints that are not on this machine (with a warning). */
  allowInsecureHttp: { env: ["BCS_ALLOW_INSECURE_HTTP"], rule: rules.trueOrFalse },
} as const satisfies Record<
  string,
  { env: readonly string[]; default?: string; secret?: boolean; rule: rules.SettingRule }
>;

export type SettingName = keyof typeof settingSources;
export type Settings = Partial<Record<SettingName, string>>;

/** Reads `bcs:<name>`; returns undefined when unset. */
export type ConfigReader = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "bcs";

/** Settings that break their rule, each named by config key and environment variable. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid pulumi-bcs settings: ${problems.join("; ")}`);
    this.name = "SettingsError";
  }
}

/** Resolves every setting and checks each against its rule; throws a {@link SettingsError} listing all that break. */
export function resolveSettings(readConfig: ConfigReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const settings: Settings = {};
  const origin = new Map<SettingName, string>();
  for (const [name, source] of sources()) {
    const key = `${CONFIG_NAMESPACE}:${name}`;
    const fromConfig = readConfig(key);
    const envName = source.env.find((v) => env[v] !== undefined && env[v] !== "");
    const value =
      fromConfig ?? (envName && env[envName]) ?? ("default" in source ? source.default : undefined);
    if (value === undefined || value === "") continue;
    settings[name] = value;
    const envNames = source.env.join(", ");
    origin.set(
      name,
      fromConfig !== undefined ? `${key} (or ${envNames})` : envName ? `${key} (from ${envName})` : key,
    );
  }
  const context = { allowInsecureHttp: settings.allowInsecureHttp === "true" };
  const problems = sources().flatMap(([name, source]) => {
    const value = settings[name];
    if (value === undefined) return [];
    const problem = source.rule(origin.get(name)!, value, { ...context, secret: "secret" in source });
    return problem ? [problem] : [];
  });
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

function sources(): [SettingName, (typeof settingSources)[SettingName]][] {
  return Object.entries(settingSources) as [SettingName, (typeof settingSources)[SettingName]][];
}

/** A numeric setting (validated by {@link resolveSettings}), or its default when unset. */
export function numberSetting(
  settings: Settings,
  name: "requestTimeoutMs" | "maxRetries" | "retryTotalMs" | "maxConcurrentRequests" | "freezeSettleMs",
): number {
  return Number(settings[name] ?? settingSources[name].default);
}

/** The transport's options from the settings; `caPem` is the bundle trusted for https (default bcs:caBundle). */
export function transportOptions(
  settings: Settings,
  caPem: string | undefined = settings.caBundle,
): TransportOptions {
  return {
    requestTimeoutMs: numberSetting(settings, "requestTimeoutMs"),
    maxConcurrentRequests: numberSetting(settings, "maxConcurrentRequests"),
    maxRetries: numberSetting(settings, "maxRetries"),
    retryTotalMs: numberSetting(settings, "retryTotalMs"),
    caPem,
    traceRequests: TRACE_ON.has(settings.traceRequests ?? ""),
  };
}

/** Every secret value in the settings, so that error messages can be scrubbed of them. */
export function secretValues(settings: Settings): string[] {
  return (Object.keys(settings) as SettingName[])
    .filter((name) => "secret" in settingSources[name])
    .map((name) => settings[name]!)
    .filter((v) => v.length >= 4);
}
