import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputHash, parseActorCode, seriesCells, seriesEntryOf, widenDate } from '../../src/store/rows.js';
import { bucketSeries, ftsQuery, periodStart, prefixRange } from '../../src/store/util.js';

describe('store rows and helpers', () => {
  it('reads CAMEO actor codes into country, international group and roles', () => {
    expect(parseActorCode('PRKGOV')).toEqual({ country: 'PRK', group: null, roles: ['GOV'], other: [] });
    expect(parseActorCode('USAMILGOV')).toMatchObject({ country: 'USA', roles: ['MIL', 'GOV'] });
    expect(parseActorCode('IGOUNO')).toMatchObject({ country: null, group: 'IGO', other: ['UNO'] });
    expect(parseActorCode('GOV')).toMatchObject({ country: null, roles: ['GOV'] });
    expect(parseActorCode('EUR')).toMatchObject({ country: null, group: 'EUR' });
    expect(parseActorCode(null)).toEqual({ country: null, group: null, roles: [], other: [] });
  });

  it('widens TIMEX dates to a first day and a precision', () => {
    expect(widenDate('2007-09-06')).toEqual({ day: '2007-09-06', precision: 3 });
    expect(widenDate('2007-03')).toEqual({ day: '2007-03-01', precision: 2 });
    expect(widenDate('2006')).toEqual({ day: '2006-01-01', precision: 1 });
    expect(widenDate('197X')).toEqual({ day: null, precision: 0 });
    expect(widenDate('PAST_REF')).toEqual({ day: null, precision: 0 });
    expect(widenDate(null)).toEqual({ day: null, precision: 0 });
  });

  it('hashes input, not key order of meta', () => {
    const a = inputHash({ id: 'x', text: 'T', meta: { a: 1, b: [1, 2] } });
    expect(inputHash({ id: 'x', text: 'T', meta: { b: [1, 2], a: 1 } })).toBe(a);
    expect(inputHash({ id: 'y', text: 'T', meta: { a: 1, b: [1, 2] } })).not.toBe(a);
    expect(inputHash({ id: 'x', text: 'T ', meta: { a: 1, b: [1, 2] } })).not.toBe(a);
    expect(inputHash({ id: 'x', text: 'T', date: '2007-01-01', meta: { a: 1, b: [1, 2] } })).not.toBe(a);
  });

  it('turns any user search into a safe FTS5 query of quoted terms', () => {
    expect(ftsQuery('north korea')).toBe('"north" AND "korea"');
    expect(ftsQuery('"six-party talks" sanction*')).toBe('"six party talks" AND "sanction"*');
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('*** () ""')).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = ftsQuery(s);
        // every term is a quoted run of letters/digits/spaces, optionally a prefix
        if (q !== null) expect(q).toMatch(/^"[\p{L}\p{N} ]+"\*?( AND "[\p{L}\p{N} ]+"\*?)*$/u);
      }),
    );
  });

  it('prefix ranges bound exactly the strings with the prefix', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,4}$/), fc.stringMatching(/^[A-Z0-9]{0,6}$/), (p, s) => {
        const [lo, hi] = prefixRange(p);
        const v = p + s;
        expect(v >= lo && v < hi).toBe(true);
      }),
    );
    const [lo, hi] = prefixRange('JPN');
    expect('JPM' >= lo && 'JPM' < hi).toBe(false);
    expect('JPO' < hi).toBe(false);
  });

  it('buckets daily counts into Monday weeks, months and years with mean Goldstein', () => {
    expect(periodStart('2007-09-06', 'week')).toBe('2007-09-03');
    expect(periodStart('2007-09-03', 'week')).toBe('2007-09-03');
    expect(periodStart('2007-09-02', 'week')).toBe('2007-08-27');
    expect(periodStart('2007-09-06', 'month')).toBe('2007-09-01');
    const rows = [
      { day: '2007-09-06', quad: 1, n: 2, g: 14 },
      { day: '2007-09-20', quad: 1, n: 1, g: 1 },
      { day: '2007-09-20', quad: 4, n: 1, g: -10 },
      { day: '2007-10-01', quad: 1, n: 1, g: 3 },
    ];
    expect(bucketSeries(rows, 'month')).toEqual([
      { period: '2007-09-01', quadClass: 1, count: 3, goldstein: 5 },
      { period: '2007-09-01', quadClass: 4, count: 1, goldstein: -10 },
      { period: '2007-10-01', quadClass: 1, count: 1, goldstein: 3 },
    ]);
    expect(bucketSeries(rows, 'year').map((p) => p.count)).toEqual([4, 1]);
  });

  it('places an event in the series cells of its country and code pairs', () => {
    const e = {
      sourceCountry: 'PRK',
      targetCountry: 'JPN',
      sourceCode: 'PRKGOV',
      targetCode: 'JPNGOV',
      day: '2007-09-06',
      precision: 3,
      quadClass: 1,
      goldstein: 3,
    };
    expect(seriesCells(e)).toEqual([
      ['countryDay', ['PRK', 'JPN', '2007-09-06', 3, 1]],
      ['countryMonth', ['PRK', 'JPN', '2007-09', 3, 1]],
      ['codeMonth', ['PRKGOV', 'JPNGOV', '2007-09', 3, 1]],
    ]);
    // undated: no day cell, month ''; a side without a country: no country cells
    expect(seriesCells({ ...e, day: null, precision: 0 }).map(([t, k]) => [t, k[2]])).toEqual([
      ['countryMonth', ''],
      ['codeMonth', ''],
    ]);
    expect(seriesCells({ ...e, targetCountry: null }).map(([t]) => t)).toEqual(['codeMonth']);
    expect(seriesCells({ ...e, sourceCode: null, targetCountry: null })).toEqual([]);
    const row = {
      source_country: 'PRK',
      target_country: 'JPN',
      source_code: 'PRKGOV',
      target_code: 'JPNGOV',
      day: '2007-09-06',
      precision: 3,
      quad_class: 1,
      goldstein: 3,
    };
    expect(seriesEntryOf(row)).toEqual(e);
  });
});
