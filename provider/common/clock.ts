/** Time as every part of pulumi-bcs reads and writes it. */

export const DAY_MS = 86_400_000;

/** The clock lookups use: `PULUMI_BCS_NOW` (ISO 8601) when set, so tests and dry runs can move time. */
export function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.PULUMI_BCS_NOW ? new Date(env.PULUMI_BCS_NOW) : undefined;
  if (fixed && Number.isNaN(fixed.getTime()))
    throw new Error(`PULUMI_BCS_NOW must be an ISO 8601 date (got ${env.PULUMI_BCS_NOW})`);
  return () => fixed ?? new Date();
}

/** ISO 8601 in UTC to the second, as outputs show dates: `2027-07-29T07:29:00Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
