// The periods of a dyad or story series. The API lists only the periods with events; a chart
// drawn through those alone would join a month with events to the next one a year later by a
// straight line, as if there had been events in every month between.
import type { SeriesPoint } from './api.js';

/** `day`, `week` (starting on Monday, as the API's), `month` or `year`. */
export type SeriesInterval = 'day' | 'week' | 'month' | 'year';

/** A series with more periods than this is drawn as given (no zero periods added). */
export const MAX_FILLED_PERIODS = 5000;

function nextPeriod(d: Date, interval: SeriesInterval): Date {
  const n = new Date(d.getTime());
  if (interval === 'day') n.setUTCDate(n.getUTCDate() + 1);
  else if (interval === 'week') n.setUTCDate(n.getUTCDate() + 7);
  else if (interval === 'month') n.setUTCMonth(n.getUTCMonth() + 1);
  else n.setUTCFullYear(n.getUTCFullYear() + 1);
  return n;
}

/** Every period from the first to the last point's, or null when there are too many to draw. */
export function periodsOf(points: readonly SeriesPoint[], interval: SeriesInterval): string[] | null {
  if (points.length === 0) return [];
  let first = points[0].period;
  let last = first;
  for (const p of points) {
    if (p.period < first) first = p.period;
    if (p.period > last) last = p.period;
  }
  const out: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); ; d = nextPeriod(d, interval)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso > last) break;
    out.push(iso);
    if (out.length > MAX_FILLED_PERIODS) return null;
  }
  return out;
}

/**
 * The points of each quad class the series has, in every period from its first to its last,
 * a period without events of that class counting 0 (the series as given when too long).
 */
export function filledSeries(points: readonly SeriesPoint[], interval: SeriesInterval): SeriesPoint[] {
  const periods = periodsOf(points, interval);
  if (!periods) return points.slice();
  const quads = [...new Set(points.map((p) => p.quadClass))].sort((x, y) => x - y);
  const have = new Map(points.map((p) => [`${p.period}|${p.quadClass}`, p]));
  return quads.flatMap((q) =>
    periods.map((period) => have.get(`${period}|${q}`) ?? { period, quadClass: q, count: 0, goldstein: 0 }),
  );
}
