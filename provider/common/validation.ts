import { parseDuration } from "./duration";
import { IDENTITY_TYPES } from "../ncloud/api";

/**
 * Input rules, each with a message that names the field and the rule. Used by the dynamic provider's
 * `check` (so they run at preview) and by the identities lookup before any request is sent.
 */
export interface Failure {
  property: string;
  reason: string;
}

/** Pulumi passes this string for values not known yet during preview (pulumi/pulumi#6310). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Rule = (field: string, value: unknown) => string | undefined;

/**
 * What a value is, never the value itself: the engine hands secret inputs to `check` as plain values
 * (dynamic providers do not accept secrets), so any input may be a secret.
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

const string =
  (check: (field: string, value: string) => string | undefined): Rule =>
  (field, value) =>
    value === undefined
      ? `${field} is required`
      : typeof value !== "string"
        ? `${field} must be a string (got ${describe(value)})`
        : check(field, value);

export const rules = {
  /** A duration such as `30d`, `720h`, `1d12h`. */
  optionalDuration: ((field, value) =>
    value === undefined || value === null || (typeof value === "string" && parseDuration(value) !== undefined)
      ? undefined
      : `${field} must be a duration such as "30d", "720h" or "1d12h" (got ${describe(value)})`) as Rule,
  /** Huawei: 4-24 characters, lowercase letters and digits, starting with a letter. */
  userName: string((field, v) => {
    if (v.length < 4 || v.length > 24) return `${field} must be 4 to 24 characters long (got ${v.length})`;
    if (!/^[a-z0-9]+$/.test(v))
      return `${field} may contain only lowercase letters a-z and digits 0-9 (got ${describe(v)})`;
    if (!/^[a-z]/.test(v)) return `${field} must start with a lowercase letter (got ${describe(v)})`;
    return undefined;
  }),
  /** Huawei IAM project ids are 32 hexadecimal characters. */
  projectId: string((field, v) =>
    /^[0-9a-f]{32}$/.test(v)
      ? undefined
      : `${field} must be a 32-character lowercase hexadecimal IAM project id (got ${describe(v)})`,
  ),
  blockchainId: string((field, v) =>
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (got ${describe(v)})`,
  ),
  orgName: string((field, v) =>
    v.length === 0
      ? `${field} must not be empty`
      : /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(v)
        ? undefined
        : `${field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (got ${describe(v)})`,
  ),
  /** An MSP ID as Fabric channel configuration names it, e.g. `Org1MSP`. */
  optionalMspId: ((field, value) =>
    value === undefined ||
    value === null ||
    (typeof value === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(value))
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '.', '_' or '-', such as Org1MSP (got ${describe(value)})`) as Rule,
  optionalBoolean: ((field, value) =>
    value === undefined || value === null || typeof value === "boolean"
      ? undefined
      : `${field} must be true or false (got ${describe(value)})`) as Rule,
  networkId: ((field, value) =>
    value === undefined
      ? `${field} is required`
      : typeof value === "number" && Number.isSafeInteger(value) && value > 0
        ? undefined
        : `${field} must be a positive whole number (got ${describe(value)})`) as Rule,
  caId: string((field, v) =>
    /^[A-Za-z0-9_-]{1,64}$/.test(v)
      ? undefined
      : `${field} must be 1 to 64 letters, digits, '-' or '_' (got ${describe(v)})`,
  ),
  optionalIdentityType: ((field, value) =>
    value === undefined || value === null || (IDENTITY_TYPES as readonly unknown[]).includes(value)
      ? undefined
      : `${field} must be one of ${IDENTITY_TYPES.join(", ")} (got ${describe(value)})`) as Rule,
} satisfies Record<string, Rule>;

/** Applies rules to an object's fields; values still unknown at preview are skipped. */
export function validate(input: Record<string, unknown>, fieldRules: Record<string, Rule>): Failure[] {
  const failures: Failure[] = [];
  for (const [field, rule] of Object.entries(fieldRules)) {
    const value = input[field];
    if (value === UNKNOWN) continue;
    const reason = rule(field, value);
    if (reason) failures.push({ property: field, reason });
  }
  return failures;
}

/**
 * Failures as `check` hands them to the engine: without a property path, because the engine (3.248)
 * prints the named property's value beside the failure, a secret's included. The reason names it.
 */
export function forEngine(failures: Failure[]): Failure[] {
  return failures.map(({ reason }) => ({ property: "", reason }));
}

export class ValidationError extends Error {
  constructor(readonly failures: Failure[]) {
    super(failures.map((f) => f.reason).join("; "));
    this.name = "ValidationError";
  }
}
