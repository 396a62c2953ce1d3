import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimexValue } from '../../src/times/values.js';
import { code, find, times } from './helpers.js';

function wellFormed(text: string, date: string | null = '2007-09-06') {
  const doc = code(text, date);
  for (const t of doc.times) {
    expect(t.start).toBeGreaterThanOrEqual(0);
    expect(t.end).toBeLessThanOrEqual(text.length);
    expect(t.end).toBeGreaterThan(t.start);
    expect(text.slice(t.start, t.end)).toBe(t.text);
    if (t.value !== null) expect(isTimexValue(t.value), `${t.text} -> ${t.value}`).toBe(true);
    if (t.range) {
      expect(isTimexValue(t.range.begin)).toBe(true);
      expect(isTimexValue(t.range.end)).toBe(true);
    }
  }
  return doc.times;
}

describe('impossible and extreme dates', () => {
  it('never writes a date that does not exist', () => {
    const t = wellFormed('It was signed on 32 March, on Feb 29 2007, on Feb 29 2008 and on 31 April 2007.');
    expect(find(t, 'Feb 29 2007')?.value ?? null).toBeNull();
    expect(find(t, 'Feb 29 2008')?.value).toBe('2008-02-29');
    expect(t.some((x) => x.value === '2007-04-31' || x.value?.includes('-32'))).toBe(false);
    // "32 March" is a malformed date without a value, not the month of March
    expect(find(t, '32 March')).toMatchObject({ type: 'DATE', value: null });
    expect(find(t, 'March')).toBeUndefined();
  });
  it('puts a yearless leap day in a leap year', () => {
    const t = wellFormed('The deadline passed on Feb. 29.', '2007-09-06');
    expect(find(t, 'Feb. 29')?.value).toBe('2004-02-29');
  });
  it('handles year 0, five-digit years and far-off dates without inventing values', () => {
    const t = wellFormed('In the year 0, the year 99999 and the year 9999, and in 1000 and 2999.');
    expect(find(t, 'the year 0')?.value ?? null).toBeNull();
    expect(find(t, 'the year 99999')?.value ?? null).toBeNull();
    expect(find(t, 'the year 9999')?.value).toBe('9999');
    wellFormed('It will happen next year.', '9999-12-31');
    wellFormed('It happened last year, on Monday, 2000 years ago.', '0001-01-01');
  });
  it('ignores a malformed publication date rather than guessing', () => {
    expect(find(wellFormed('They met on Monday.', 'not a date'), 'Monday')?.value).toBe('XXXX-WXX-1');
    expect(find(wellFormed('They met on Monday.', '2007-02-30'), 'Monday')?.value).toBe('XXXX-WXX-1');
  });
});

describe('hostile input', () => {
  it('survives long sentences of digits, dashes, numbers and time words', () => {
    wellFormed(`${'1999-'.repeat(1500)}2000`);
    wellFormed('the '.repeat(2000));
    wellFormed('last next this '.repeat(600));
    wellFormed('2007 '.repeat(2000));
    expect(wellFormed('twenty '.repeat(2000)).length).toBeGreaterThan(0);
    wellFormed(`${'9'.repeat(100000)} years ago`);
    wellFormed('Monday Tuesday Wednesday, '.repeat(600));
    wellFormed('from 1990 to 1991 to 1992 to '.repeat(400));
    wellFormed(`${'((('.repeat(3000)}Monday${')))'.repeat(3000)}`);
  });
  it('handles empty and odd scripts', () => {
    expect(wellFormed('')).toEqual([]);
    expect(wellFormed('   \n\n  ')).toEqual([]);
    wellFormed('Встреча прошла в четверг. 会议于星期四举行。 الاجتماع يوم الخميس 😀 2007年9月6日');
    wellFormed('\u0000\uFFFD\uD800 broken surrogates and nulls on Monday');
  });
  it('keeps every output well formed on random text (property)', () => {
    const words = fc.constantFrom(
      'the',
      'last',
      'next',
      'year',
      'years',
      'ago',
      'Monday',
      'March',
      'May',
      '1990',
      '1990s',
      "'80s",
      '-',
      ',',
      'early',
      'from',
      'to',
      'between',
      'and',
      'two',
      'twenty',
      'a',
      'half',
      'hours',
      '3',
      'p.m.',
      '10:30',
      'EST',
      'Feb.',
      '29',
      '31',
      'quarter',
      'third',
      'every',
      'week',
      'day',
      'following',
      'about',
      'Christmas',
      'fiscal',
      '2007-09-06',
      '9/31/2007',
    );
    const dates = fc.constantFrom('2007-09-06', '2000-02-29', '1999-12-31', '2008-01-01', null);
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }), dates, (ws, date) => {
        wellFormed(`${ws.join(' ')}.`, date);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what the expressions cover', () => {
  it('spans do not overlap and are in text order', () => {
    const t = times('On Monday, March 3, 2008, at 10 a.m. EST, the two-day talks began; by Friday they ended early.');
    for (let i = 1; i < t.length; i++) expect(t[i].start).toBeGreaterThanOrEqual(t[i - 1].end);
  });
});

describe('skipping sentences without trigger words', () => {
  it('changes nothing (property)', async () => {
    const { join } = await import('node:path');
    const { loadTimesResources, findTimes } = await import('../../src/times/index.js');
    const { repoDir } = await import('../shared.js');
    const res = loadTimesResources(join(repoDir, 'data'));
    const all = { ...res, triggers: null };
    const words = fc.constantFrom(
      'nineteen',
      'ninety-six',
      'the',
      'future',
      'moment',
      'at',
      'present',
      'term',
      'long',
      'a',
      'later',
      'date',
      'year-end',
      'twenty',
      'third',
      'quarter',
      'Q3',
      'FY2007',
      "'98",
      'mid-1990s',
      'overnight',
      'Christmas',
      'Eve',
      'said',
      'officials',
      'in',
      'of',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), (ws) => {
        const doc = code(`${ws.join(' ')}.`);
        const base = { ...doc, times: [] };
        expect(findTimes(base, res).times).toEqual(findTimes(base, all).times);
      }),
      { numRuns: 300 },
    );
  });
});
