/**
 * The emulator's time: a base clock (real time unless `startEmulator` is given one) plus an offset that
 * `POST /_emulator/clock` moves, so tests can jump ahead without sleeping. It keeps ticking after a move.
 */
export class MovableClock {
  private offset = 0;

  constructor(private readonly base: () => Date) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offset);
  }

  /** From now on, time runs on from `date`. */
  set(date: Date): void {
    this.offset = date.getTime() - this.base().getTime();
  }

  /** Back to the base clock. */
  reset(): void {
    this.offset = 0;
  }

  get offsetMs(): number {
    return this.offset;
  }
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 date with a time and a zone (`2030-01-01T00:00:00Z`, `…+09:00`), or undefined. Fields out
 * of range are refused: Date.parse would roll `2030-02-31` over to March.
 */
export function parseIsoInstant(text: string): Date | undefined {
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = match
    .slice(1)
    .map((field) => Number(field ?? 0));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  const valid =
    day >= 1 &&
    day <= monthDays &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneHour <= 23 &&
    zoneMinute <= 59;
  return valid ? new Date(Date.parse(text)) : undefined;
}
