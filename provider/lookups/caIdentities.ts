import { X509Certificate } from "node:crypto";
import { RE2JS } from "re2js";
import { clockFrom, DAY_MS, isoSeconds } from "../common/clock";
import { caExpiry } from "../common/caExpiry";
import { parseDuration } from "../common/duration";
import { unknownProperties } from "../common/knownProperties";
import { resolveSettings, secretValues, type ConfigReader, type Settings } from "../settings";
import {
  describe,
  requiredString,
  validate,
  ValidationError,
  type Failure,
  type Rule,
} from "../common/validation";
import { fabricCaClient, Registrars } from "../fabricCa/connect";
import { registrarBindingProblem } from "../fabricCa/registrarBinding";
import { endpointProblem } from "../http/endpoint";
import { holdSecret, scrubbedError } from "../http/scrub";
import { serverText } from "../http/serverText";
import { ncloudClient } from "../ncloud/connect";
import { CA_ROLES, ncloudRole, type CaRole } from "./caRoles";
import { fabricCaIdentityType } from "./fabricCaRoles";

/**
 * The identities lookup (`getCaIdentities`). It runs in the Pulumi program, not in the provider
 * process: a dynamic provider cannot serve invokes (Pulumi's dynamic-provider host answers every
 * invoke with "unknown function"), so the SDK calls this directly, with the stack's `bcs:` config.
 */

/** The role names the lookup reports and filters by. */
export type IdentityType = CaRole;
export const IDENTITY_TYPES = CA_ROLES;

/**
 * One identity a CA manages, the same shape for NAVER and for Fabric CA. Fields a backend does not
 * know are null (Fabric CA has no network, creator or creation date).
 */
export interface CaIdentity {
  networkId: number | null;
  caId: string;
  identityName: string;
  /** The role, or OTHER for a type that is none of the four (a Fabric CA type, or a NAVER type not documented). */
  identityType: IdentityType | "OTHER";
  /** The type exactly as the CA reports it. */
  sourceType: string;
  /** Expiry of the identity's certificate (Fabric CA: the latest unrevoked one), ISO 8601; null if none. */
  expireDate: string | null;
  /** Whole days from now until expireDate (negative once expired); null without an expireDate. */
  daysLeft: number | null;
  creator: number | null;
  createDate: string | null;
  updateDate: string | null;
}

/** Filters every backend supports. */
export interface IdentityFilters {
  identityType?: IdentityType;
  /** Only identities whose name matches this regular expression. */
  nameRegex?: string;
  /** Only identities expiring within this duration from now (`30d`, `720h`), the expired included. */
  expiresWithin?: string;
}

/** A NAVER Cloud Blockchain Service CA. */
export interface NcloudCaQuery extends IdentityFilters {
  networkId: number;
  caId: string;
  fabricCa?: never;
}

/** A self-hosted Fabric CA; the registrar comes from the `bcs:fabricCa*` settings. */
export interface FabricCaQuery extends IdentityFilters {
  fabricCa: { url: string; caName?: string };
  networkId?: never;
  caId?: never;
}

/** The answer to "what expires when" over the identities returned. */
export interface CaIdentitiesSummary {
  countByType: Record<string, number>;
  /** The identity that expires first (expired ones included); null when none has an expiry date. */
  soonestExpiry: { identityName: string; expireDate: string; daysLeft: number } | null;
  /** Names of the identities whose certificate has already expired. */
  expired: string[];
  /**
   * A Fabric CA's own certificate (the one of its chain that expires first, from GET /cainfo): when it
   * expires, every identity it issued stops being trusted. Null for a NAVER CA.
   */
  caExpiry: { subject: string; notAfter: string; daysLeft: number } | null;
}

export interface CaIdentitiesResult {
  identities: CaIdentity[];
  summary: CaIdentitiesSummary;
  /** One line per odd item of the CA's answer: left out, or kept with a field as null (NAVER only). */
  anomalies: string[];
}

export type CaIdentitiesQuery = NcloudCaQuery | FabricCaQuery;

/** The query's own rules (NAVER names a CA by network and CA id). */
const queryRules = {
  networkId: ((field, value) =>
    value === undefined
      ? `${field} is required`
      : typeof value === "number" && Number.isSafeInteger(value) && value > 0
        ? undefined
        : `${field} must be a positive whole number (got ${describe(value)})`) as Rule,
  caId: requiredString((field, v) =>
    /^[A-Za-z0-9_-]{1,64}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '-' or '_' (got ${describe(v)})`,
  ),
  optionalIdentityType: ((field, value) =>
    value === undefined || value === null || (CA_ROLES as readonly unknown[]).includes(value)
      ? undefined
      : `${field} must be one of ${CA_ROLES.join(", ")} (got ${describe(value)})`) as Rule,
} satisfies Record<string, Rule>;

const QUERY_PROPERTIES = ["networkId", "caId", "fabricCa", "identityType", "nameRegex", "expiresWithin"];

/** Lists a CA's identities, filtered; validates the query before any request. */
export async function lookupCaIdentities(
  query: CaIdentitiesQuery,
  readConfig: ConfigReader,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CaIdentitiesResult> {
  const raw = (query ?? {}) as unknown as Record<string, unknown>;
  const settings = resolveSettings(readConfig, env);
  const failures: Failure[] = [
    ...unknownProperties(raw, QUERY_PROPERTIES, "argument"),
    ...("fabricCa" in raw && raw.fabricCa !== undefined
      ? fabricFailures(raw, settings)
      : validate(raw, {
          networkId: queryRules.networkId,
          caId: queryRules.caId,
          identityType: queryRules.optionalIdentityType,
        })),
    ...filterFailures(raw),
  ];
  if (failures.length > 0)
    throw new ValidationError(failures.map((f) => ({ ...f, reason: `getCaIdentities: ${f.reason}` })));
  secretValues(settings).forEach(holdSecret);
  const now = clockFrom(env)();
  let all: Omit<CaIdentity, "daysLeft">[];
  let anomalies: string[] = [];
  let caChainPem: string | undefined;
  try {
    ({
      identities: all,
      anomalies,
      caChainPem,
    } = query.fabricCa
      ? { ...(await fabricCaIdentities(settings, query.fabricCa, () => now)), anomalies }
      : await ncloudIdentities(settings, query as NcloudCaQuery));
  } catch (err) {
    throw scrubbedError(err, secretValues(settings));
  }
  const nameMatches = query.nameRegex ? RE2JS.compile(query.nameRegex) : undefined;
  const window = query.expiresWithin ? parseDuration(query.expiresWithin)! : undefined;
  const identities = all
    .map((i) => ({
      ...i,
      // What a CA says ends up in logs and gate errors: printable, and capped like every server text.
      identityName: serverText(i.identityName),
      sourceType: serverText(i.sourceType, 64),
      caId: serverText(i.caId, 64),
      daysLeft: i.expireDate ? Math.floor((Date.parse(i.expireDate) - now.getTime()) / DAY_MS) : null,
    }))
    .filter((i) => !query.identityType || i.identityType === query.identityType)
    .filter((i) => !nameMatches || nameMatches.test(i.identityName))
    .filter(
      (i) =>
        window === undefined || (i.expireDate !== null && Date.parse(i.expireDate) - now.getTime() <= window),
    );
  return {
    identities,
    summary: { ...summarize(identities, now), caExpiry: caSummary(caChainPem, now) },
    anomalies,
  };
}

function caSummary(chainPem: string | undefined, now: Date): CaIdentitiesSummary["caExpiry"] {
  const ca = chainPem ? caExpiry(chainPem) : null;
  return ca ? { ...ca, daysLeft: Math.floor((Date.parse(ca.notAfter) - now.getTime()) / DAY_MS) } : null;
}

function summarize(identities: CaIdentity[], now: Date): Omit<CaIdentitiesSummary, "caExpiry"> {
  const countByType: Record<string, number> = {};
  for (const i of identities) countByType[i.identityType] = (countByType[i.identityType] ?? 0) + 1;
  const dated = identities
    .filter((i) => i.expireDate !== null)
    .sort((a, b) => Date.parse(a.expireDate!) - Date.parse(b.expireDate!));
  const first = dated[0];
  return {
    countByType,
    soonestExpiry: first
      ? { identityName: first.identityName, expireDate: first.expireDate!, daysLeft: first.daysLeft! }
      : null,
    expired: dated.filter((i) => Date.parse(i.expireDate!) <= now.getTime()).map((i) => i.identityName),
  };
}

function filterFailures(raw: Record<string, unknown>): Failure[] {
  const failures: Failure[] = [];
  if (raw.nameRegex !== undefined) {
    if (typeof raw.nameRegex !== "string" || raw.nameRegex.length > 256) {
      failures.push({
        property: "nameRegex",
        reason: "nameRegex must be a regular expression of at most 256 characters",
      });
    } else {
      try {
        RE2JS.compile(raw.nameRegex);
      } catch (err) {
        failures.push({
          property: "nameRegex",
          reason:
            `nameRegex is not a regular expression in RE2 syntax (${(err as Error).message}); ` +
            "RE2 matches in linear time and has no backreferences or lookaround",
        });
      }
    }
  }
  if (
    raw.expiresWithin !== undefined &&
    (typeof raw.expiresWithin !== "string" || parseDuration(raw.expiresWithin) === undefined)
  ) {
    failures.push({
      property: "expiresWithin",
      reason: 'expiresWithin must be a duration such as "30d", "720h" or "1d12h"',
    });
  }
  return failures;
}

function fabricFailures(raw: Record<string, unknown>, settings: Settings): Failure[] {
  const failures = validate(raw, { identityType: queryRules.optionalIdentityType });
  if ("networkId" in raw || "caId" in raw) {
    failures.push({
      property: "fabricCa",
      reason: "fabricCa cannot be combined with networkId or caId (those name a NAVER CA)",
    });
  }
  const ca = raw.fabricCa as { url?: unknown; caName?: unknown };
  const problem =
    typeof ca !== "object" || ca === null || typeof ca.url !== "string"
      ? "fabricCa.url must be the CA's https URL"
      : (endpointProblem("fabricCa.url", ca.url, settings.allowInsecureHttp === "true") ??
        registrarBindingProblem(settings, "fabricCa.url", ca.url));
  if (problem) failures.push({ property: "fabricCa.url", reason: problem });
  if (typeof ca === "object" && ca !== null)
    failures.push(...unknownProperties(ca, ["url", "caName"], "argument", "fabricCa."));
  return failures;
}

async function ncloudIdentities(
  settings: Settings,
  query: NcloudCaQuery,
): Promise<{ identities: Omit<CaIdentity, "daysLeft">[]; anomalies: string[]; caChainPem?: undefined }> {
  const { identities, anomalies } = await ncloudClient(settings).listCaIdentities(
    query.networkId,
    query.caId,
  );
  return {
    identities: identities.map((i) => ({
      ...i,
      identityType: i.identityType === "OTHER" ? "OTHER" : ncloudRole(i.identityType),
    })),
    anomalies,
  };
}

/**
 * GET /identities, one certificates query for the expiry dates (latest unrevoked per identity), and
 * GET /cainfo for the CA's own chain.
 */
async function fabricCaIdentities(
  settings: Settings,
  endpoint: { url: string; caName?: string },
  now: () => Date,
): Promise<{ identities: Omit<CaIdentity, "daysLeft">[]; caChainPem: string }> {
  const client = fabricCaClient(settings, endpoint, "fabricCa.url");
  const registrar = await new Registrars(() => settings, now).get(endpoint, "fabricCa.url");
  const [identities, pems, info] = await Promise.all([
    client.listIdentities(registrar),
    client.certificates(registrar, { notrevoked: true }),
    client.cainfo(),
  ]);
  const expiry = new Map<string, string>();
  for (const pem of pems) {
    const cert = new X509Certificate(pem);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
    const notAfter = isoSeconds(new Date(cert.validTo));
    if (cn && (!expiry.has(cn) || expiry.get(cn)! < notAfter)) expiry.set(cn, notAfter);
  }
  const listed = identities.map((i): Omit<CaIdentity, "daysLeft"> => ({
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
  return { identities: listed, caChainPem: info.caChainPem };
}
