import * as rules from "../common/settingRules";
import { shown, type SettingRule } from "../common/settingRules";
import type { SettingsOf, SettingTable, sharedSettingSources } from "../common/settings";

/** A Fabric CA enrollment id sent with HTTP Basic, which cannot carry ':'. */
const enrollmentId: SettingRule = (field, value, context) =>
  value.includes(":")
    ? `${field} must not contain ':' (HTTP Basic cannot carry it)`
    : rules.text(256)(field, value, context);

/** fabric-ca-client's comma-separated list of files. */
const fileList: SettingRule = (field, value, context) =>
  value.split(",").some((file) => file.trim() === "")
    ? `${field} must be a comma-separated list of file paths without empty entries${shown(value, context.secret)}`
    : rules.text(4096)(field, value, context);

/** Fabric CA's rows of the settings table (provider/settings.ts). */
export const fabricCaSettingSources = {
  /**
   * Where the registrar may be used: the URL of its CA, or several separated by commas. A resource,
   * lookup or import naming another CA is refused before the registrar is sent anything.
   */
  fabricCaUrl: { env: ["BCS_FABRIC_CA_URL"], rule: rules.endpointList },
  fabricCaRegistrarId: { env: ["BCS_FABRIC_CA_REGISTRAR_ID"], rule: enrollmentId },
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
  fabricCaTlsCertFiles: { env: ["FABRIC_CA_CLIENT_TLS_CERTFILES"], rule: fileList },
} as const satisfies SettingTable;

export type FabricCaSettings = SettingsOf<typeof fabricCaSettingSources>;

/** What this backend reads: its own rows and the shared ones. */
export type Settings = SettingsOf<typeof fabricCaSettingSources & typeof sharedSettingSources>;
