import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TimeExpression } from '../../src/doc/types.js';
import { hasShared, REFERENCE } from '../shared.js';
import { code } from './helpers.js';

// The reference article (published 2007-09-06): every time expression, as a reader would date it.
describe.skipIf(!hasShared('examples/japan-north-korea-talks.txt'))('reference article', () => {
  const text = hasShared('examples/japan-north-korea-talks.txt') ? readFileSync(REFERENCE(), 'utf8') : '';
  const doc = code(text, '2007-09-06');
  const all = (t: string): TimeExpression[] => doc.times.filter((x) => x.text === t);
  const one = (t: string): TimeExpression => {
    const found = all(t);
    expect(found, t).toHaveLength(1);
    return found[0];
  };

  it('dates the meeting and the earlier events', () => {
    expect(one('Thursday')).toMatchObject({ type: 'DATE', value: '2007-09-06' });
    expect(one('February')).toMatchObject({ type: 'DATE', value: '2007-02' });
    expect(one('March')).toMatchObject({ type: 'DATE', value: '2007-03' });
    expect(one('last year')).toMatchObject({ type: 'DATE', value: '2006' });
  });
  it('reads both two-day meetings, both decades, and the colonial period', () => {
    const twoDay = all('two-day');
    expect(twoDay).toHaveLength(2);
    for (const t of twoDay) expect(t).toMatchObject({ type: 'DURATION', value: 'P2D' });
    expect(all('the 1970s')).toHaveLength(2);
    for (const t of all('the 1970s')) expect(t.value).toBe('197X');
    expect(all('1980s')).toHaveLength(2);
    for (const t of all('1980s')) expect(t.value).toBe('198X');
    expect(one('1910-1945')).toMatchObject({ range: { begin: '1910', end: '1945' } });
  });
  it('reads the durations', () => {
    expect(one('a few hours')).toMatchObject({ type: 'DURATION', value: 'PTXH' });
    expect(one('45 minutes')).toMatchObject({ type: 'DURATION', value: 'PT45M' });
  });
  it('is sensible about the days it cannot identify and the present', () => {
    const first = one('the first day');
    expect([null, 'XXXX-XX-XX']).toContain(first.value);
    const last = one('the last day');
    expect([null, 'XXXX-XX-XX']).toContain(last.value);
    expect(['PRESENT_REF', '2007-09-06']).toContain(one('right now').value);
  });
  it('finds nothing else that is not a time', () => {
    expect(doc.times.some((t) => /long/.test(t.text))).toBe(false);
    const expected = new Set([
      'Thursday',
      'two-day',
      'the 1970s',
      '1980s',
      'Currently',
      'right now',
      'February',
      '1910-1945',
      'a few hours',
      'the first day',
      'March',
      'the last day',
      '45 minutes',
      'last year',
    ]);
    for (const t of doc.times) expect(expected.has(t.text), t.text).toBe(true);
  });
});
