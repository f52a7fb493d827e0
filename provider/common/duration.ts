/** Durations as users write them in config: `30d`, `720h`, `1d12h`, `90m`. */
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Milliseconds, or undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === "") return undefined;
  const [, d, h, min] = m.map((v) => Number(v ?? 0));
  return ((d * 24 + h) * 60 + min) * 60_000;
}
