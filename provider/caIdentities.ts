import { fetchTransport } from "./http/transport";
import { scrub } from "./http/errors";
import { type IdentityType, type NcloudRegion, ncloudRegionPrefixes } from "./ncloud/api";
import { NcloudClient, type CaIdentity } from "./ncloud/client";
import { resolveSettings, secretValues, type ConfigReader } from "./settings";
import { rules, validate, ValidationError } from "./validation";

export interface CaIdentitiesQuery {
  networkId: number;
  caId: string;
  identityType?: IdentityType;
}

/** Lists a NAVER CA's identities, filtered by type; validates the query before any request. */
export async function lookupCaIdentities(
  query: CaIdentitiesQuery,
  readConfig: ConfigReader,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CaIdentity[]> {
  const failures = validate(query as unknown as Record<string, unknown>, {
    networkId: rules.networkId,
    caId: rules.caId,
    identityType: rules.optionalIdentityType,
  });
  if (failures.length > 0)
    throw new ValidationError(failures.map((f) => ({ ...f, reason: `getCaIdentities: ${f.reason}` })));
  const settings = resolveSettings(readConfig, env);
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
    endpoint: settings.ncloudEndpoint ?? "https://blockchainservice.apigw.ntruss.com",
    region,
    credentials: { accessKey: settings.ncloudAccessKey, secretKey: settings.ncloudSecretKey },
    transport: fetchTransport(Number(settings.requestTimeoutMs ?? 30000)),
  });
  try {
    const all = await client.listCaIdentities(query.networkId, query.caId);
    return query.identityType ? all.filter((i) => i.identityType === query.identityType) : all;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    e.message = scrub(e.message, secretValues(settings));
    throw e;
  }
}
