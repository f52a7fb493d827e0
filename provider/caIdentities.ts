import { X509Certificate } from "node:crypto";
import { fabricCaIdentityType } from "./fabricCa/identityTypes";
import { fabricCaClient, Registrars } from "./fabricCa/registrar";
import { scrub } from "./http/errors";
import { apiTransport, checkEndpoint } from "./http/apiTransport";
import { IDENTITY_TYPES, type IdentityType, type NcloudRegion, ncloudRegionPrefixes } from "./ncloud/api";
import { NcloudClient } from "./ncloud/client";
import { resolveSettings, secretValues, type ConfigReader, type Settings } from "./settings";
import { rules, validate, ValidationError, type Failure } from "./validation";

/**
 * One identity a CA manages, the same shape for NAVER and for Fabric CA. Fields a backend does not
 * know are null (Fabric CA has no network, creator or creation date).
 */
export interface CaIdentity {
  networkId: number | null;
  caId: string;
  identityName: string;
  /** The role, or OTHER for a Fabric CA type that is none of Fabric's four roles. */
  identityType: IdentityType | "OTHER";
  /** The type exactly as the CA reports it. */
  sourceType: string;
  /** Expiry of the identity's certificate (Fabric CA: the latest unrevoked one), ISO 8601; null if none. */
  expireDate: string | null;
  creator: number | null;
  createDate: string | null;
  updateDate: string | null;
}

/** A NAVER Cloud Blockchain Service CA. */
export interface NcloudCaQuery {
  networkId: number;
  caId: string;
  identityType?: IdentityType;
  fabricCa?: never;
}

/** A self-hosted Fabric CA; the registrar comes from the `bcs:fabricCa*` settings. */
export interface FabricCaQuery {
  fabricCa: { url: string; caName?: string };
  identityType?: IdentityType;
  networkId?: never;
  caId?: never;
}

export type CaIdentitiesQuery = NcloudCaQuery | FabricCaQuery;

/** Lists a CA's identities, filtered by type; validates the query before any request. */
export async function lookupCaIdentities(
  query: CaIdentitiesQuery,
  readConfig: ConfigReader,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CaIdentity[]> {
  const raw = query as unknown as Record<string, unknown>;
  const failures: Failure[] =
    "fabricCa" in raw && raw.fabricCa !== undefined
      ? fabricFailures(raw)
      : validate(raw, {
          networkId: rules.networkId,
          caId: rules.caId,
          identityType: rules.optionalIdentityType,
        });
  if (failures.length > 0)
    throw new ValidationError(failures.map((f) => ({ ...f, reason: `getCaIdentities: ${f.reason}` })));
  const settings = resolveSettings(readConfig, env);
  try {
    const all = query.fabricCa
      ? await fabricCaIdentities(settings, query.fabricCa)
      : await ncloudIdentities(settings, query as NcloudCaQuery);
    return query.identityType ? all.filter((i) => i.identityType === query.identityType) : all;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    e.message = scrub(e.message, secretValues(settings));
    throw e;
  }
}

function fabricFailures(raw: Record<string, unknown>): Failure[] {
  const failures = validate(raw, { identityType: rules.optionalIdentityType });
  if ("networkId" in raw || "caId" in raw) {
    failures.push({
      property: "fabricCa",
      reason: "fabricCa cannot be combined with networkId or caId (those name a NAVER CA)",
    });
  }
  const ca = raw.fabricCa as { url?: unknown; caName?: unknown };
  if (typeof ca !== "object" || ca === null || typeof ca.url !== "string" || !/^https?:\/\//.test(ca.url)) {
    failures.push({ property: "fabricCa.url", reason: "fabricCa.url must be the CA's http(s) URL" });
  }
  return failures;
}

async function ncloudIdentities(settings: Settings, query: NcloudCaQuery): Promise<CaIdentity[]> {
  const region = settings.ncloudRegion as NcloudRegion;
  if (!(region in ncloudRegionPrefixes)) {
    throw new Error(
      `bcs:ncloudRegion must be one of ${Object.keys(ncloudRegionPrefixes).join(", ")} (got ${JSON.stringify(region)})`,
    );
  }
  if (!settings.ncloudAccessKey || !settings.ncloudSecretKey) {
    throw new Error(
      "no NAVER Cloud credentials: set bcs:ncloudAccessKey and bcs:ncloudSecretKey, or NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY",
    );
  }
  const client = new NcloudClient({
    endpoint: checkEndpoint(
      "bcs:ncloudEndpoint",
      settings.ncloudEndpoint ?? "https://blockchainservice.apigw.ntruss.com",
      settings,
    ),
    region,
    credentials: { accessKey: settings.ncloudAccessKey, secretKey: settings.ncloudSecretKey },
    transport: apiTransport(settings),
  });
  return (await client.listCaIdentities(query.networkId, query.caId)).map((i) => ({
    ...i,
    sourceType: i.identityType,
  }));
}

/** GET /identities, and one certificates query for the expiry dates (latest unrevoked per identity). */
async function fabricCaIdentities(
  settings: Settings,
  endpoint: { url: string; caName?: string },
): Promise<CaIdentity[]> {
  const client = fabricCaClient(settings, endpoint);
  const registrar = await new Registrars(() => settings).get(endpoint);
  const [identities, pems] = await Promise.all([
    client.listIdentities(registrar),
    client.certificates(registrar, { notrevoked: true }),
  ]);
  const expiry = new Map<string, string>();
  for (const pem of pems) {
    const cert = new X509Certificate(pem);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
    const notAfter = new Date(cert.validTo).toISOString().replace(/\.000Z$/, "Z");
    if (cn && (!expiry.has(cn) || expiry.get(cn)! < notAfter)) expiry.set(cn, notAfter);
  }
  return identities.map((i) => ({
    networkId: null,
    caId: endpoint.caName ?? "",
    identityName: i.id,
    identityType: fabricCaIdentityType(i.type) ?? "OTHER",
    sourceType: i.type,
    expireDate: expiry.get(i.id) ?? null,
    creator: null,
    createDate: null,
    updateDate: null,
  }));
}

export { IDENTITY_TYPES };
