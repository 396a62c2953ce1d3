// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), so that
// any year from 1 to 9999 works without the time zone and range quirks of `Date`.

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Day number of a civil date (H. Hinnant's days_from_civil). */
export function toDayNumber(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (H. Hinnant's civil_from_days). */
export function fromDayNumber(z: number): YMD {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4)
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week-numbering year and week of a day number. */
export function isoWeek(dayNumber: number): { year: number; week: number } {
  const thursday = dayNumber - isoWeekday(dayNumber) + 4;
  const { year } = fromDayNumber(thursday);
  const week = Math.floor((thursday - toDayNumber(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** Day number of the Monday of ISO week `week` of `year`. */
export function isoWeekStart(year: number, week: number): number {
  const jan4 = toDayNumber(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
}

/** Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toDayNumber(y, month, day);
}

/** The n-th (1-based; -1 = last) ISO weekday `wd` of month `m` of year `y`. */
export function nthWeekdayOfMonth(y: number, m: number, wd: number, n: number): number {
  if (n < 0) {
    const last = toDayNumber(y, m, daysInMonth(y, m));
    return last - ((isoWeekday(last) - wd + 7) % 7);
  }
  const first = toDayNumber(y, m, 1);
  return first + ((wd - isoWeekday(first) + 7) % 7) + (n - 1) * 7;
}

/** Add `n` months to a year/month pair. */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const total = year * 12 + (month - 1) + n;
  return { year: Math.floor(total / 12), month: (((total % 12) + 12) % 12) + 1 };
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Parse `YYYY-MM-DD` (optionally followed by a time) into a valid date, else null. */
export function parseIsoDate(s: string | null | undefined): YMD | null {
  if (!s || s.length < 10) return null;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (s[4] !== '-' || s[7] !== '-') return null;
  return isValidDate(y, m, d) ? { year: y, month: m, day: d } : null;
}
