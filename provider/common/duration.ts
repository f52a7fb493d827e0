/** Durations as users write them in config: `30d`, `720h`, `1d12h`, `90m`. */
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Milliseconds, or undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === "") return undefined;
  const [, d, h, min] = m.map((v) => Number(v ?? 0));
  return ((d * 24 + h) * 60 + min) * 60_000;
}

/** The clock lookups use: `PULUMI_BCS_NOW` (ISO 8601) when set, so tests and dry runs can move time. */
export function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.PULUMI_BCS_NOW ? new Date(env.PULUMI_BCS_NOW) : undefined;
  if (fixed && Number.isNaN(fixed.getTime()))
    throw new Error(`PULUMI_BCS_NOW must be an ISO 8601 date (got ${env.PULUMI_BCS_NOW})`);
  return () => fixed ?? new Date();
}
