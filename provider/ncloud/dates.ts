/**
 * NAVER dates look like `2027-07-29T07:29:00+0000` (offset without a colon, no fraction). V8's Date
 * happens to accept that, but ECMAScript does not promise it, so it is parsed explicitly here.
 */
const NCLOUD_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Returns ISO 8601 in UTC (`2027-07-29T07:29:00Z`), or undefined when the text is not such a date. */
export function ncloudDateToIso(value: string): string | undefined {
  const m = NCLOUD_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , zone] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (digits[0] === "-" ? -1 : 1) * (+digits.slice(1, 3) * 60 + +digits.slice(3, 5));
  }
  const wall = new Date(utc);
  if (wall.getUTCMonth() !== +mo - 1 || wall.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59)
    return undefined;
  return new Date(utc - offsetMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The wire format, for the emulator: `YYYY-MM-DDTHH:MM:SS+0000`. */
export function isoToNcloudDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+0000");
}
