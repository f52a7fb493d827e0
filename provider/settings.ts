import {
  resolveSettingsFrom,
  secretValuesFrom,
  sharedSettingSources,
  type ConfigReader,
  type SettingTable,
  type SettingsOf,
} from "./common/settings";
import { fabricCaSettingSources } from "./fabricCa/settings";
import { huaweiSettingSources } from "./huawei/settings";
import { ncloudSettingSources } from "./ncloud/settings";

export { CONFIG_NAMESPACE, SettingsError, transportOptions, type ConfigReader } from "./common/settings";

/**
 * The one settings table: every backend's rows, then those they share. Both faces and the schema read
 * it; docs/reference.md's configuration table mirrors it. It is put together here, above the backends,
 * so that provider/common/ knows no backend.
 */
export const settingSources = {
  ...huaweiSettingSources,
  ...ncloudSettingSources,
  ...fabricCaSettingSources,
  ...sharedSettingSources,
} as const satisfies SettingTable;

export type SettingName = keyof typeof settingSources;
export type Settings = SettingsOf<typeof settingSources>;

/** Resolves every setting and checks each against its rule; throws a SettingsError listing all that break. */
export function resolveSettings(readConfig: ConfigReader, env: NodeJS.ProcessEnv = process.env): Settings {
  return resolveSettingsFrom(settingSources, readConfig, env);
}

/** Every secret value in the settings, so that error messages can be scrubbed of them. */
export function secretValues(settings: Settings): string[] {
  return secretValuesFrom(settingSources, settings);
}
