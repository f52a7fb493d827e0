import { serverText } from "../http/serverText";
import { IDENTITY_TYPES, type IdentityType } from "./api";
import { ncloudDateToIso } from "./dates";

/** One NAVER CA identity: dates in ISO 8601 (UTC); what the answer did not give usably is null. */
export interface NcloudIdentity {
  networkId: number;
  caId: string;
  identityName: string;
  /** One of the four documented types, or OTHER for any other (sourceType keeps it as given). */
  identityType: IdentityType | "OTHER";
  sourceType: string;
  expireDate: string | null;
  creator: number | null;
  createDate: string | null;
  updateDate: string | null;
}

/** The identities of an answer, and a line for each item that was odd (left out, or kept with a null). */
export interface NcloudListing {
  identities: NcloudIdentity[];
  anomalies: string[];
}

/**
 * Reads the `content` items one by one, so that one odd item never costs the whole lookup: an item
 * without a name is left out, an unreadable field becomes null, and each is reported. The dates are
 * read as `createDate`/`updateDate` (the current API page) or `createDt`/`updateDt` (the field table of
 * the older pages); an identity type outside the four documented is passed through as OTHER.
 */
export function readIdentities(
  content: unknown[],
  asked: { networkId: number; caId: string },
): NcloudListing {
  const identities: NcloudIdentity[] = [];
  const anomalies: string[] = [];
  content.forEach((item, index) => {
    const w = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const name = typeof w.identityName === "string" && w.identityName !== "" ? w.identityName : undefined;
    const where = `content[${index}]${name === undefined ? "" : ` (${serverText(name, 100)})`}`;
    if (name === undefined) {
      anomalies.push(`${where}: left out, it has no identityName`);
      return;
    }
    const foreign = foreignItem(w, asked);
    if (foreign) {
      anomalies.push(`${where}: left out, ${foreign}`);
      return;
    }
    const odd = (field: string, rule: string) => anomalies.push(`${where}: ${field} ${rule}; kept as null`);
    const date = (value: unknown, field: string, required: boolean): string | null => {
      const iso = typeof value === "string" ? ncloudDateToIso(value) : undefined;
      if (iso === undefined && (required || value !== undefined)) odd(field, "is not a date");
      return iso ?? null;
    };
    const rawType = typeof w.identityType === "string" ? w.identityType : "";
    // The Get CA identity page writes the types in upper case, the same service's certAndKey answer in
    // lower case: matched as Fabric CA's are, whatever the case (sourceType keeps it as given).
    const known = IDENTITY_TYPES.find((type) => type === rawType.toUpperCase());
    if (typeof w.creator !== "number" && w.creator !== undefined) odd("creator", "is not a number");
    const created = w.createDate ?? w.createDt;
    const updated = w.updateDate ?? w.updateDt;
    identities.push({
      networkId: asked.networkId,
      caId: asked.caId,
      identityName: name,
      identityType: known ?? "OTHER",
      sourceType: rawType,
      expireDate: date(w.expireDate, "expireDate", true),
      creator: typeof w.creator === "number" ? w.creator : null,
      createDate: date(created, w.createDate === undefined ? "createDt" : "createDate", false),
      updateDate: date(updated, w.updateDate === undefined ? "updateDt" : "updateDate", false),
    });
  });
  return { identities, anomalies };
}

/** A NAVER id: a whole number from 1 to 2^53 − 1 (networkId and creator are numbers on the API page). */
const isId = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/**
 * Why an item cannot be an identity of the CA that was asked about, or undefined: it names another
 * network or CA, or carries a number no NAVER id can be (1e308, −1, 1.5e300). Fields it leaves out are
 * the asked CA's; a `caId` sent as a number is read as its digits.
 */
function foreignItem(
  w: Record<string, unknown>,
  asked: { networkId: number; caId: string },
): string | undefined {
  const shown = (value: unknown) => serverText(JSON.stringify(value) ?? String(value), 40);
  if (w.networkId !== undefined && !isId(w.networkId))
    return `its networkId ${shown(w.networkId)} is not a whole number from 1 to 2^53 − 1`;
  if (w.networkId !== undefined && w.networkId !== asked.networkId)
    return `it belongs to network ${shown(w.networkId)}, not ${asked.networkId}`;
  if (w.caId !== undefined && !(typeof w.caId === "string" || isId(w.caId)))
    return `its caId ${shown(w.caId)} is not a CA id`;
  if (w.caId !== undefined && String(w.caId) !== asked.caId)
    return `it belongs to CA ${shown(w.caId)}, not ${asked.caId}`;
  if (typeof w.creator === "number" && !isId(w.creator))
    return `its creator ${shown(w.creator)} is not a whole number from 1 to 2^53 − 1`;
  return undefined;
}
