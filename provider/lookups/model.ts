import type {
  CaIdentitiesResult,
  CaIdentitiesSummary,
  CaIdentity,
  FabricCaQuery,
  NcloudCaQuery,
} from "./caIdentities";
import { CA_ROLES } from "./caRoles";

/**
 * The model of `bcs:index:getCaIdentities` (NAVER Cloud Blockchain Service and Fabric CA lookups), beside
 * its implementation (./caIdentities.ts): the TypeScript SDK runs the lookup in the program, the plugin
 * serves it as a function whose schema is this, rendered as is (package/schema.ts). Each table is typed
 * by the lookup's own interface, so a field it gains or loses fails to compile until the table follows.
 */
export const GET_CA_IDENTITIES = "bcs:index:getCaIdentities";

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/types/bcs:index:${name}` });
const text = (description: string) => ({ type: "string", description });
const roles = `One of: ${CA_ROLES.join(", ")}.`;

const inputs: Record<keyof NcloudCaQuery | keyof FabricCaQuery, Schema> = {
  networkId: { type: "integer", description: "NAVER: the Blockchain Service network id." },
  caId: text("NAVER: the CA's id in that network."),
  fabricCa: { ...ref("FabricCaRef"), description: "A self-hosted Fabric CA instead of NAVER's." },
  identityType: text(`Only identities of this role. ${roles}`),
  nameRegex: text("Only identities whose name matches this regular expression (RE2)."),
  expiresWithin: text("Only identities expiring within this duration (`30d`, `720h`), the expired included."),
};

const identity: Record<keyof CaIdentity, Schema> = {
  networkId: { type: "integer", description: "NAVER's network id; null for a Fabric CA." },
  caId: text("The CA's id (Fabric CA: its URL and name)."),
  identityName: text("The identity's name (enrollment ID)."),
  identityType: text(`The role, or OTHER for a Fabric CA type that is none of Fabric's four. ${roles}`),
  sourceType: text("The type exactly as the CA reports it."),
  expireDate: text("Expiry of the identity's certificate, ISO 8601; null if none."),
  daysLeft: { type: "integer", description: "Whole days until expireDate (negative once expired)." },
  creator: { type: "integer", description: "NAVER: the creator's member number; null otherwise." },
  createDate: text("NAVER: creation date; null otherwise."),
  updateDate: text("NAVER: last update; null otherwise."),
};

const summary: Record<keyof CaIdentitiesSummary, Schema> = {
  countByType: {
    type: "object",
    additionalProperties: { type: "integer" },
    description: "Identities per role.",
  },
  soonestExpiry: { ...ref("SoonestExpiry"), description: "The identity that expires first; null if none." },
  expired: { type: "array", items: { type: "string" }, description: "Names of the expired identities." },
  caExpiry: {
    ...ref("CaExpiry"),
    description: "A Fabric CA's own certificate (its chain's first to expire); null for a NAVER CA.",
  },
};

const result: Record<keyof CaIdentitiesResult, Schema> = {
  identities: { type: "array", items: ref("CaIdentity"), description: "The identities, filtered." },
  summary: { ...ref("CaIdentitiesSummary"), description: "What expires when, over the identities returned." },
  anomalies: {
    type: "array",
    items: { type: "string" },
    description: "The CA's items that were odd (unknown type, unreadable field, no name), one line each.",
  },
};

export const FUNCTIONS = {
  [GET_CA_IDENTITIES]: {
    description: "The identities a NAVER Cloud Blockchain Service CA or a self-hosted Fabric CA manages.",
    inputs: { properties: inputs },
    outputs: { properties: result, required: Object.keys(result) },
  },
};

export const FUNCTION_TYPES = {
  "bcs:index:FabricCaRef": {
    type: "object",
    properties: {
      url: text("The CA's URL."),
      caName: text("The CA's name on a server that hosts several."),
    } satisfies Record<keyof FabricCaQuery["fabricCa"], Schema>,
    required: ["url"],
  },
  "bcs:index:CaIdentity": { type: "object", properties: identity, required: ["caId", "identityName"] },
  "bcs:index:CaIdentitiesSummary": {
    type: "object",
    properties: summary,
    required: ["countByType", "expired"],
  },
  "bcs:index:CaExpiry": {
    type: "object",
    properties: {
      subject: text("The CA certificate's subject."),
      notAfter: text("Its expiry, ISO 8601."),
      daysLeft: { type: "integer", description: "Whole days until then (negative once expired)." },
    } satisfies Record<keyof NonNullable<CaIdentitiesSummary["caExpiry"]>, Schema>,
    required: ["subject", "notAfter", "daysLeft"],
  },
  "bcs:index:SoonestExpiry": {
    type: "object",
    properties: {
      identityName: text("The identity's name."),
      expireDate: text("Its expiry, ISO 8601."),
      daysLeft: { type: "integer", description: "Whole days until then." },
    } satisfies Record<keyof NonNullable<CaIdentitiesSummary["soonestExpiry"]>, Schema>,
    required: ["identityName", "expireDate", "daysLeft"],
  },
};
