import { TRANSPORT_DEFAULTS, type TransportOptions } from "../http/apiTransport";
import { TRACE_ON } from "../http/trace";
import * as rules from "./settingRules";

/** One row of a settings table: where the setting comes from, its default, whether it is secret, its rule. */
export type SettingSource = {
  env: readonly string[];
  default?: string;
  secret?: boolean;
  rule: rules.SettingRule;
};
export type SettingTable = Record<string, SettingSource>;
/** What a table's settings resolve to: each one's value, when set. */
export type SettingsOf<T extends SettingTable> = Partial<Record<keyof T & string, string>>;

/**
 * Where credentials and endpoints come from. Each setting is read from Pulumi config (namespace `bcs`,
 * secrets allowed) first, then from the environment variables that each cloud's own tools read.
 * The rows every backend shares are here; each backend adds its own (huawei/settings.ts,
 * ncloud/settings.ts, fabricCa/settings.ts), and provider/settings.ts joins them into the one table
 * that docs/reference.md's configuration table mirrors.
 */
export const sharedSettingSources = {
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
  /** PEM bundle trusted for https to the cloud APIs instead of Node's roots (a TLS-inspecting proxy). */
  caBundle: { env: ["BCS_CA_BUNDLE"], rule: rules.pemCertificates },
  /** One line per request to stderr (provider/http/trace.ts): "true" or "1" (BCS_TRACE=1). */
  traceRequests: { env: ["BCS_TRACE"], rule: rules.trueOrFalseOrDigit },
  /** "true" allows plain http to endpoints that are not on this machine (with a warning). */
  allowInsecureHttp: { env: ["BCS_ALLOW_INSECURE_HTTP"], rule: rules.trueOrFalse },
} as const satisfies SettingTable;

export type SharedSettings = SettingsOf<typeof sharedSettingSources>;

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

/** Resolves every setting of `table` and checks each against its rule; throws a {@link SettingsError} listing all that break. */
export function resolveSettingsFrom<T extends SettingTable>(
  table: T,
  readConfig: ConfigReader,
  env: NodeJS.ProcessEnv,
): SettingsOf<T> {
  const settings: SettingsOf<T> = {};
  const origin = new Map<string, string>();
  const sources = Object.entries(table) as [keyof T & string, SettingSource][];
  for (const [name, source] of sources) {
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
  const context = { allowInsecureHttp: (settings as SharedSettings).allowInsecureHttp === "true" };
  const problems = sources.flatMap(([name, source]) => {
    const value = settings[name];
    if (value === undefined) return [];
    const problem = source.rule(origin.get(name)!, value, { ...context, secret: "secret" in source });
    return problem ? [problem] : [];
  });
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/** A numeric setting (validated by {@link resolveSettings}), or its default when unset. */
export function numberSetting(
  settings: SharedSettings,
  name: "requestTimeoutMs" | "maxRetries" | "retryTotalMs" | "maxConcurrentRequests",
): number {
  return Number(settings[name] ?? sharedSettingSources[name].default);
}

/** The transport's options from the settings; `caPem` is the bundle trusted for https (default bcs:caBundle). */
export function transportOptions(
  settings: SharedSettings,
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

/** Every secret value in the settings of `table`, so that error messages can be scrubbed of them. */
export function secretValuesFrom<T extends SettingTable>(table: T, settings: SettingsOf<T>): string[] {
  return (Object.keys(settings) as (keyof T & string)[])
    .filter((name) => "secret" in table[name])
    .map((name) => settings[name]!)
    .filter((v) => v.length >= 4);
}
