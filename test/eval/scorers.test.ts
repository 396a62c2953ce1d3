import { describe, expect, it } from 'vitest';
import { exactF1, microPrf, overlapF1, prf } from '../../eval/scorers/spans.js';

describe('span scorers', () => {
  it('computes P/R/F1 with edge cases', () => {
    expect(prf(1, 1, 0).precision).toBe(0.5);
    expect(prf(1, 1, 0).recall).toBe(1);
    expect(prf(1, 1, 0).f1).toBeCloseTo(2 / 3);
    expect(prf(0, 0, 0).f1).toBe(1);
    expect(prf(0, 2, 0).f1).toBe(0);
    expect(microPrf([prf(1, 0, 1), prf(1, 1, 0)]).f1).toBeCloseTo(2 / 3);
  });
  it('matches exact spans, with duplicates counted once each', () => {
    const g = [
      { start: 0, end: 5 },
      { start: 6, end: 9 },
      { start: 6, end: 9 },
    ];
    const p = [
      { start: 0, end: 5 },
      { start: 6, end: 9 },
      { start: 10, end: 12 },
    ];
    expect(exactF1(g, p)).toMatchObject({ tp: 2, fp: 1, fn: 1 });
  });
  it('requires equal labels when asked', () => {
    const g = [{ start: 0, end: 5, t: 'PER' }];
    expect(exactF1(g, [{ start: 0, end: 5, t: 'ORG' }], (s) => s.t)).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });
  it('matches overlapping spans one to one, largest overlap first', () => {
    const g = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    const p = [
      { start: 5, end: 25 },
      { start: 0, end: 8 },
    ];
    const r = overlapF1(g, p);
    expect(r.tp).toBe(2);
    expect(r.pairs.map(([a, b]) => [a.start, b.start])).toEqual([
      [0, 0],
      [20, 5],
    ]);
    const strict = overlapF1(g, p, (a, b) => a.start === b.start);
    expect(strict).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });
});
