/**
 * Where credentials and endpoints come from. Each setting is read from Pulumi config (namespace `bcs`,
 * secrets allowed) first, then from the environment variables that each cloud's own tools read.
 * This table is the single description; the README's configuration reference mirrors it.
 */
export const settingSources = {
  huaweiRegion: { env: ["HW_REGION_NAME", "OS_REGION_NAME"], default: "cn-north-4" },
  huaweiEndpoint: { env: ["BCS_HUAWEI_ENDPOINT"] },
  huaweiIamEndpoint: { env: ["BCS_HUAWEI_IAM_ENDPOINT", "HW_AUTH_URL"] },
  huaweiAccessKey: { env: ["HW_ACCESS_KEY", "OS_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"], secret: true },
  huaweiSecretKey: { env: ["HW_SECRET_KEY", "OS_SECRET_KEY", "HUAWEICLOUD_SDK_SK"], secret: true },
  huaweiSecurityToken: { env: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"], secret: true },
  huaweiAuthToken: { env: ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"], secret: true },
  huaweiUserName: { env: ["HW_USER_NAME", "OS_USERNAME"] },
  huaweiPassword: { env: ["HW_USER_PASSWORD", "OS_PASSWORD"], secret: true },
  huaweiDomainName: { env: ["HW_DOMAIN_NAME", "OS_DOMAIN_NAME"] },
  ncloudRegion: { env: ["NCLOUD_REGION"], default: "KR" },
  ncloudEndpoint: { env: ["BCS_NCLOUD_ENDPOINT"] },
  ncloudAccessKey: { env: ["NCLOUD_ACCESS_KEY_ID", "NCLOUD_ACCESS_KEY"], secret: true },
  ncloudSecretKey: { env: ["NCLOUD_SECRET_ACCESS_KEY", "NCLOUD_SECRET_KEY"], secret: true },
  fabricCaRegistrarId: { env: ["BCS_FABRIC_CA_REGISTRAR_ID"] },
  fabricCaRegistrarSecret: { env: ["BCS_FABRIC_CA_REGISTRAR_SECRET"], secret: true },
  fabricCaRegistrarCertificate: { env: ["BCS_FABRIC_CA_REGISTRAR_CERTIFICATE"] },
  fabricCaRegistrarKey: { env: ["BCS_FABRIC_CA_REGISTRAR_KEY"], secret: true },
  /** PEM bundle trusted for https to the CA; the environment form is fabric-ca-client's list of files. */
  fabricCaTlsCaCertificates: { env: ["BCS_FABRIC_CA_TLS_CA_CERTIFICATES"] },
  fabricCaTlsCertFiles: { env: ["FABRIC_CA_CLIENT_TLS_CERTFILES"] },
  requestTimeoutMs: { env: ["BCS_REQUEST_TIMEOUT_MS"], default: "30000" },
  maxRetries: { env: ["BCS_MAX_RETRIES", "HW_MAX_RETRIES"], default: "5" },
  retryTotalMs: { env: ["BCS_RETRY_TOTAL_MS"], default: "60000" },
  maxConcurrentRequests: { env: ["BCS_MAX_CONCURRENT_REQUESTS"], default: "8" },
  /** PEM bundle trusted for https to the cloud APIs instead of Node's roots (a TLS-inspecting proxy). */
  caBundle: { env: ["BCS_CA_BUNDLE"] },
  /** "true" allows plain http to endpoints that are not on this machine (with a warning). */
  allowInsecureHttp: { env: ["BCS_ALLOW_INSECURE_HTTP"] },
} as const satisfies Record<string, { env: readonly string[]; default?: string; secret?: boolean }>;

export type SettingName = keyof typeof settingSources;
export type Settings = Partial<Record<SettingName, string>>;

/** Reads `bcs:<name>`; returns undefined when unset. */
export type ConfigReader = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "bcs";

export function resolveSettings(readConfig: ConfigReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const settings: Settings = {};
  for (const [name, source] of Object.entries(settingSources) as [
    SettingName,
    (typeof settingSources)[SettingName],
  ][]) {
    const fromConfig = readConfig(`${CONFIG_NAMESPACE}:${name}`);
    const fromEnv = source.env.map((v) => env[v]).find((v) => v !== undefined && v !== "");
    const value = fromConfig ?? fromEnv ?? ("default" in source ? source.default : undefined);
    if (value !== undefined && value !== "") settings[name] = value;
  }
  return settings;
}

/** Every secret value in the settings, so that error messages can be scrubbed of them. */
export function secretValues(settings: Settings): string[] {
  return (Object.keys(settings) as SettingName[])
    .filter((name) => "secret" in settingSources[name])
    .map((name) => settings[name]!)
    .filter((v) => v.length >= 4);
}
