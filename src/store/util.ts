// Small dialect-neutral helpers of the stores: paging limits, safe full-text queries,
// prefix ranges for code filters, and bucketing daily counts into weeks, months, years.
import { EventwireError } from '../errors.js';
import type { Interval, SeriesPoint } from './types.js';

/** Refuse a store whose schema is newer than this version knows. */
export function checkSchemaVersion(current: number, known: number): void {
  if (current > known)
    throw new EventwireError(
      'store',
      `the store has schema version ${current}, newer than this eventwire understands (${known}); upgrade eventwire`,
    );
}

export function clampLimit(v: number | undefined, dflt: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.max(1, Math.min(max, Math.floor(v)));
}

/**
 * A free-text search as a safe FTS5 query: words and "quoted phrases" AND-ed, each quoted
 * (so operators and punctuation in user input are never FTS5 syntax). A trailing `*` on a
 * word is kept as a prefix search. Null when there is nothing to search for.
 */
export function ftsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input.slice(0, 1000)); m; m = re.exec(input)) {
    if (terms.length >= 32) break;
    const raw = m[1] ?? m[2] ?? '';
    const prefix = m[2] !== undefined && raw.endsWith('*');
    const words = raw.replace(/\*+$/, '').match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    terms.push(`"${words.join(' ')}"${prefix ? '*' : ''}`);
  }
  return terms.length ? terms.join(' AND ') : null;
}

/** [lo, hi) bounds of strings starting with `prefix` (for index-friendly prefix filters). */
export function prefixRange(prefix: string): [string, string] {
  if (!prefix) return ['', '\uffff'];
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)];
}

/** The first day of the period containing `day` (YYYY-MM-DD; weeks start on Monday). */
export function periodStart(day: string, interval: Interval): string {
  switch (interval) {
    case 'day':
      return day;
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
    case 'week': {
      const d = new Date(`${day}T00:00:00Z`);
      const back = (d.getUTCDay() + 6) % 7;
      d.setUTCDate(d.getUTCDate() - back);
      return d.toISOString().slice(0, 10);
    }
  }
}

/** Daily (day, quad class) counts and Goldstein sums to one point per period and quad class. */
export function bucketSeries(
  rows: ReadonlyArray<{ day: string; quad: number; n: number; g: number }>,
  interval: Interval,
): SeriesPoint[] {
  const acc = new Map<string, { period: string; quadClass: number; count: number; sum: number }>();
  for (const r of rows) {
    if (!r.day) continue;
    const period = periodStart(r.day, interval);
    const k = `${period}|${r.quad}`;
    const a = acc.get(k);
    if (a) {
      a.count += r.n;
      a.sum += r.g;
    } else acc.set(k, { period, quadClass: r.quad, count: r.n, sum: r.g });
  }
  return [...acc.values()]
    .sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : x.quadClass - y.quadClass))
    .map((a) => ({
      period: a.period,
      quadClass: a.quadClass,
      count: a.count,
      goldstein: Math.round((a.sum / a.count) * 100) / 100,
    }));
}
