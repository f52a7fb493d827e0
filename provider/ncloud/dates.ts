import { isoSeconds } from "../common/clock";
/**
 * NAVER dates look like `2027-07-29T07:29:00+0000` (offset without a colon, no fraction). V8's Date
 * happens to accept that, but ECMAScript does not promise it, so it is parsed explicitly here.
 */
const NCLOUD_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Years a NAVER date may have: none before the epoch, none past what ISO 8601 writes in four digits. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;
/** Real UTC offsets run from −12:00 to +14:00; ±14:00 bounds both sides. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Returns ISO 8601 in UTC (`2027-07-29T07:29:00Z`), or undefined when the text is not such a date or
 * names one that does not exist (February 30, hour 24, year 0000, an offset beyond ±14:00).
 */
export function ncloudDateToIso(value: string): string | undefined {
  const m = NCLOUD_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const zone = m[8];
  if (y < FIRST_YEAR || y > LAST_YEAR || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.replace(":", "");
    const [oh, om] = [+digits.slice(1, 3), +digits.slice(3, 5)];
    if (om > 59) return undefined;
    offsetMinutes = (digits[0] === "-" ? -1 : 1) * (oh * 60 + om);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  }
  // Date.UTC reads years 0-99 as 1900-1999; the range check above keeps them out.
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const wall = new Date(utc);
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d)
    return undefined;
  return isoSeconds(new Date(utc - offsetMinutes * 60_000));
}

/** The wire format, for the emulator: `YYYY-MM-DDTHH:MM:SS+0000`. */
export function isoToNcloudDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+0000");
}
