// Charts drawn with Observable Plot into plain SVG: the dyad's cooperation/conflict time
// series and a world map of event locations (world-atlas geometry bundled, no tile server).
import * as Plot from '@observablehq/plot';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { type PlaceCount, QUAD_COLORS, QUAD_LABELS, type SeriesPoint } from './api.js';
import { filledSeries, type SeriesInterval } from './series.js';

export type { SeriesInterval } from './series.js';

const countries = feature(
  world as unknown as Topology,
  (world as unknown as Topology).objects.countries as GeometryCollection,
);

/**
 * Events per period and quad class as lines: a period without events of a class counts 0 (a
 * line drawn straight from one month with events to the next a year later would show events
 * in every month between); dots mark the periods with events.
 */
export function seriesChart(
  points: readonly SeriesPoint[],
  width: number,
  interval: SeriesInterval,
): SVGSVGElement | HTMLElement {
  const label = (p: SeriesPoint) => ({ ...p, date: new Date(`${p.period}T00:00:00Z`), quad: QUAD_LABELS[p.quadClass] });
  const data = points.map(label);
  const lines = filledSeries(points, interval).map(label);
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 44,
    x: { type: 'utc', label: null },
    y: { label: 'events', grid: true, zero: true },
    color: {
      legend: true,
      domain: [1, 2, 3, 4].map((q) => QUAD_LABELS[q]),
      range: [1, 2, 3, 4].map((q) => QUAD_COLORS[q]),
    },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(lines, { x: 'date', y: 'count', stroke: 'quad', strokeWidth: 2, curve: 'linear' }),
      Plot.dot(data, {
        x: 'date',
        y: 'count',
        fill: 'quad',
        r: 3,
        tip: true,
        title: (d) => `${d.period} ${d.quad}: ${d.count} events, mean Goldstein ${d.goldstein}`,
      }),
    ],
  });
}

/** Plot's name of a series interval (its weeks start on Sunday unless asked for Monday). */
const PLOT_INTERVAL: Record<SeriesInterval, 'day' | 'monday' | 'month' | 'year'> = {
  day: 'day',
  week: 'monday',
  month: 'month',
  year: 'year',
};

/** Mean Goldstein score of each period with events, as a bar from 0 (none where no events). */
export function goldsteinChart(
  points: readonly SeriesPoint[],
  width: number,
  interval: SeriesInterval,
): SVGSVGElement | HTMLElement {
  const byPeriod = new Map<string, { n: number; sum: number }>();
  for (const p of points) {
    const a = byPeriod.get(p.period) ?? { n: 0, sum: 0 };
    a.n += p.count;
    a.sum += p.goldstein * p.count;
    byPeriod.set(p.period, a);
  }
  const data = [...byPeriod.entries()].map(([period, a]) => ({
    period,
    date: new Date(`${period}T00:00:00Z`),
    g: Math.round((a.sum / a.n) * 100) / 100,
    n: a.n,
  }));
  return Plot.plot({
    width,
    height: 140,
    marginLeft: 44,
    x: { type: 'utc', label: null },
    y: { label: 'mean Goldstein', domain: [-10, 10], grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.rectY(data, {
        x: 'date',
        y: 'g',
        interval: PLOT_INTERVAL[interval],
        fill: (d: { g: number }) => (d.g >= 0 ? 'coop' : 'conf'),
        fillOpacity: 0.6,
        insetLeft: 0.5,
        insetRight: 0.5,
        tip: true,
        title: (d: { period: string; g: number; n: number }) => `${d.period}: mean Goldstein ${d.g} over ${d.n} events`,
      }),
    ],
    color: { domain: ['coop', 'conf'], range: [QUAD_COLORS[1], QUAD_COLORS[4]] },
  });
}

export function placesMap(places: readonly PlaceCount[], width: number): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: Math.round(width * 0.5),
    projection: 'equal-earth',
    r: { range: [2, 18] },
    marks: [
      Plot.graticule({ stroke: '#dee2e6' }),
      Plot.geo(countries, { fill: '#f1f3f5', stroke: '#adb5bd', strokeWidth: 0.5 }),
      Plot.sphere({ stroke: '#868e96' }),
      Plot.dot(places, {
        x: 'lon',
        y: 'lat',
        r: 'count',
        fill: (d: PlaceCount) => (d.goldstein >= 0 ? QUAD_COLORS[1] : QUAD_COLORS[4]),
        fillOpacity: 0.6,
        stroke: 'white',
        title: (d: PlaceCount) =>
          `${d.name}${d.country ? `, ${d.country}` : ''}: ${d.count} events, mean Goldstein ${d.goldstein}`,
        tip: true,
      }),
    ],
  });
}
