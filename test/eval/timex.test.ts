import { describe, expect, it } from 'vitest';
import { addCounts, canonicalValue, countTimex, timexScores, ZERO_COUNTS } from '../../eval/scorers/timex.js';

const g = (start: number, end: number, type: string, value: string | null) => ({ start, end, type, value });

describe('TIMEX3 scorer', () => {
  it('scores relaxed and strict spans, types and values', () => {
    const gold = [g(0, 8, 'DATE', '2007-09-06'), g(10, 17, 'DURATION', 'P2D'), g(20, 29, 'DATE', '197')];
    const pred = [
      g(0, 8, 'DATE', '2007-09-06'),
      g(12, 17, 'DURATION', 'P3D'),
      g(20, 29, 'DATE', '197X'),
      g(40, 44, 'SET', 'P1D'),
    ];
    const c = countTimex(gold, pred);
    expect(c).toEqual({ gold: 3, pred: 4, relaxed: 3, strict: 2, typeOk: 3, valueOk: 2 });
    const s = timexScores(c);
    expect(s.relaxed.precision).toBeCloseTo(3 / 4);
    expect(s.relaxed.recall).toBe(1);
    expect(s.strict.f1).toBeCloseTo((2 * (2 / 4) * (2 / 3)) / (2 / 4 + 2 / 3));
    expect(s.value.precision).toBeCloseTo(2 / 4);
    expect(s.value.recall).toBeCloseTo(2 / 3);
    expect(s.typeAccuracy).toBe(1);
  });
  it('matches overlapping spans one to one and counts a wrong type', () => {
    const gold = [g(0, 10, 'DATE', '2006')];
    const pred = [g(0, 4, 'DURATION', 'P1Y'), g(5, 10, 'DATE', '2006')];
    const c = countTimex(gold, pred);
    expect(c.relaxed).toBe(1);
    expect(c.pred - c.relaxed).toBe(1);
    expect(c.valueOk).toBe(1);
    expect(c.typeOk).toBe(1);
  });
  it('never counts a missing value as right', () => {
    expect(countTimex([g(0, 4, 'DATE', null)], [g(0, 4, 'DATE', null)]).valueOk).toBe(0);
    expect(countTimex([g(0, 4, 'DATE', '2006')], [g(0, 4, 'DATE', null)]).valueOk).toBe(0);
  });
  it('folds only equivalent TIMEX3 notations', () => {
    expect(canonicalValue('197')).toBe(canonicalValue('197X'));
    expect(canonicalValue('19')).toBe(canonicalValue('19XX'));
    expect(canonicalValue('2000-W7')).toBe(canonicalValue('2000-W07'));
    expect(canonicalValue('1989-10-27T17')).toBe(canonicalValue('1989-10-27T17:00'));
    expect(canonicalValue('1949-XX')).not.toBe(canonicalValue('1949'));
    expect(canonicalValue('1998-10-XX')).not.toBe(canonicalValue('1998-10'));
    expect(canonicalValue('1989-WXX')).not.toBe(canonicalValue('1989-W43'));
    expect(canonicalValue('1989-QX')).not.toBe(canonicalValue('1989-Q3'));
    expect(canonicalValue('1997')).not.toBe(canonicalValue('199X'));
    expect(canonicalValue('XXXX')).toBe('XXXX');
    expect(canonicalValue('2007-09')).not.toBe(canonicalValue('2007-09-06'));
  });
  it('adds counts over documents', () => {
    const a = countTimex([g(0, 4, 'DATE', '2006')], [g(0, 4, 'DATE', '2006')]);
    const b = countTimex([g(0, 4, 'DATE', '2006')], []);
    expect(addCounts(addCounts(ZERO_COUNTS, a), b)).toEqual({
      gold: 2,
      pred: 1,
      relaxed: 1,
      strict: 1,
      typeOk: 1,
      valueOk: 1,
    });
    expect(timexScores(ZERO_COUNTS).typeAccuracy).toBeNull();
  });
});
