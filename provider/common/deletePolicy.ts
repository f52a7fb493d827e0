import { describe, type Rule } from "./validation";

/** What happens to a certificate that Pulumi lets go of (destroy, replacement, a superseded re-enrollment). */
export const DELETE_POLICIES = ["retain", "freeze", "revoke"] as const;
export type DeletePolicy = (typeof DELETE_POLICIES)[number];

/**
 * A check rule for `onDelete` on a backend that honours only some policies, so a policy it cannot
 * carry out is refused at preview with the reason instead of failing at destroy.
 */
export function deletePolicyRule(
  backend: string,
  defaultPolicy: DeletePolicy,
  cannot: Partial<Record<DeletePolicy, string>>,
): Rule {
  const allowed = DELETE_POLICIES.filter((p) => !(p in cannot));
  const choices = allowed.map((p) => `"${p}"${p === defaultPolicy ? " (the default)" : ""}`).join(" or ");
  return (field, value) => {
    if (value === undefined || value === null) return undefined;
    if (!(DELETE_POLICIES as readonly unknown[]).includes(value))
      return `${field} must be one of ${DELETE_POLICIES.map((p) => `"${p}"`).join(", ")} (got ${describe(value)})`;
    const why = cannot[value as DeletePolicy];
    return why ? `${field} "${value}" is not possible on ${backend}: ${why}; use ${choices}` : undefined;
  };
}
