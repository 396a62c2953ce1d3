import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../web/src/api.js';
import { filledSeries, MAX_FILLED_PERIODS, periodsOf } from '../../web/src/series.js';

const pt = (period: string, quadClass: number, count: number): SeriesPoint => ({
  period,
  quadClass,
  count,
  goldstein: 1,
});

describe('dyad series periods', () => {
  it('lists every month, week, day and year between the first and the last point', () => {
    expect(periodsOf([pt('2007-11-01', 1, 1), pt('2008-02-01', 4, 2)], 'month')).toEqual([
      '2007-11-01',
      '2007-12-01',
      '2008-01-01',
      '2008-02-01',
    ]);
    expect(periodsOf([pt('2007-12-31', 1, 1), pt('2007-12-17', 1, 1)], 'week')).toEqual([
      '2007-12-17',
      '2007-12-24',
      '2007-12-31',
    ]);
    expect(periodsOf([pt('2008-02-28', 1, 1), pt('2008-03-01', 1, 1)], 'day')).toEqual([
      '2008-02-28',
      '2008-02-29',
      '2008-03-01',
    ]);
    expect(periodsOf([pt('2006-01-01', 1, 1), pt('2008-01-01', 1, 1)], 'year')).toEqual([
      '2006-01-01',
      '2007-01-01',
      '2008-01-01',
    ]);
    expect(periodsOf([], 'month')).toEqual([]);
  });

  it('gives each quad class of the series a zero in the periods without its events', () => {
    const filled = filledSeries([pt('2007-09-01', 1, 5), pt('2007-12-01', 1, 1), pt('2007-10-01', 4, 2)], 'month');
    const of = (q: number) => filled.filter((p) => p.quadClass === q).map((p) => [p.period, p.count]);
    expect(of(1)).toEqual([
      ['2007-09-01', 5],
      ['2007-10-01', 0],
      ['2007-11-01', 0],
      ['2007-12-01', 1],
    ]);
    expect(of(4)).toEqual([
      ['2007-09-01', 0],
      ['2007-10-01', 2],
      ['2007-11-01', 0],
      ['2007-12-01', 0],
    ]);
    // classes without events stay out of the chart
    expect(of(2)).toEqual([]);
  });

  it('leaves a series of too many periods as it is', () => {
    const points = [pt('1900-01-01', 1, 1), pt('2020-01-01', 1, 1)];
    expect(periodsOf(points, 'day')).toBeNull();
    expect(filledSeries(points, 'day')).toEqual(points);
    expect(MAX_FILLED_PERIODS).toBeGreaterThan(365);
  });
});
