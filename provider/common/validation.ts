import { unknownValue } from "@pulumi/pulumi/runtime";
import { parseDuration } from "./duration";

/**
 * Input rules, each with a message that names the field and the rule, and the combinators both
 * resources and the lookup build theirs from. Used by the dynamic providers' `check` (so they run at
 * preview) and by the identities lookup before any request is sent. A backend's own rules live with it.
 */
export interface Failure {
  property: string;
  reason: string;
}

/** Pulumi's sentinel for values not known yet during preview (pulumi/pulumi#6310). */
export const UNKNOWN: string = unknownValue;

export type Rule = (field: string, value: unknown) => string | undefined;

/**
 * What a value is, never the value itself: the engine hands secret inputs to `check` as plain values
 * (dynamic providers do not accept secrets), so any input may be a secret.
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/** A rule for a required string, refusing other types, then `check`ing it. */
export const requiredString =
  (check: (field: string, value: string) => string | undefined): Rule =>
  (field, value) =>
    value === undefined
      ? `${field} is required`
      : typeof value !== "string"
        ? `${field} must be a string (got ${describe(value)})`
        : check(field, value);

/** `rule`, or nothing to say when the value is omitted (undefined or null). */
export const optional =
  (rule: Rule): Rule =>
  (field, value) =>
    value === undefined || value === null ? undefined : rule(field, value);

export const commonRules = {
  /** A duration such as `30d`, `720h`, `1d12h`. */
  optionalDuration: ((field, value) =>
    value === undefined || value === null || (typeof value === "string" && parseDuration(value) !== undefined)
      ? undefined
      : `${field} must be a duration such as "30d", "720h" or "1d12h" (got ${describe(value)})`) as Rule,
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
