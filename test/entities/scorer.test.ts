import { describe, expect, it } from 'vitest';
import { entityF1, toConllType } from '../../eval/scorers/entities.js';

const e = (sentence: number, start: number, end: number, type: string) => ({ sentence, start, end, type });

describe('entity scorer (conlleval convention)', () => {
  it('maps eventwire types onto CoNLL-2003 types', () => {
    expect(['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP', 'EVENT', 'MISC', 'LAW'].map(toConllType)).toEqual([
      'PER',
      'ORG',
      'LOC',
      'LOC',
      'LOC',
      'MISC',
      'MISC',
      'MISC',
      'MISC',
    ]);
  });
  it('counts only exact span-and-type matches', () => {
    const gold = [e(0, 0, 2, 'PER'), e(0, 5, 6, 'LOC'), e(1, 0, 1, 'ORG')];
    const pred = [e(0, 0, 2, 'PER'), e(0, 5, 7, 'LOC'), e(1, 0, 1, 'LOC')];
    const s = entityF1(gold, pred);
    expect(s).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(s.f1).toBeCloseTo(1 / 3);
    expect(s.byType.PER).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.byType.LOC).toMatchObject({ tp: 0, fp: 2, fn: 1 });
    expect(s.byType.ORG).toMatchObject({ tp: 0, fp: 0, fn: 1 });
  });
  it('keeps sentences apart and counts duplicates once each', () => {
    const s = entityF1([e(0, 0, 1, 'PER'), e(0, 0, 1, 'PER')], [e(1, 0, 1, 'PER'), e(0, 0, 1, 'PER')]);
    expect(s).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });
  it('handles empty inputs', () => {
    expect(entityF1([], []).f1).toBe(1);
    expect(entityF1([e(0, 0, 1, 'PER')], []).recall).toBe(0);
    expect(entityF1([], [e(0, 0, 1, 'PER')]).precision).toBe(0);
  });
});
