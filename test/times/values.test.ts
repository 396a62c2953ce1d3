import { describe, expect, it } from 'vitest';
import { durationValue } from '../../src/times/04-actions.js';
import { contractValue, isContractValue, isTimexValue } from '../../src/times/values.js';

describe('TIMEX3 values', () => {
  it('accepts the forms the stage writes', () => {
    for (const v of [
      '2007-09-06',
      '2007-03',
      '2006',
      '197X',
      '19XX',
      '2007-W36',
      '2007-W36-WE',
      '2007-Q3',
      '2007-H1',
      '2007-SU',
      'XXXX-09-06',
      'XXXX-WXX-4',
      'XXXX-XX-XXTMO',
      '2007-09-06T14:30',
      '2007-09-06T15:00-05',
      '2009-12-15T18:00Z',
      'P2D',
      'PT45M',
      'P3Y',
      'PXY',
      'PTXH',
      'P2Y6M',
      'PT1H30M',
      'PAST_REF',
      'PRESENT_REF',
      'FUTURE_REF',
    ])
      expect(isTimexValue(v), v).toBe(true);
  });
  it('rejects malformed values and impossible dates', () => {
    for (const v of ['2007-02-30', '2007-13', 'P', 'PT', '07-09-2007', 'T10:00', 'NOW', '2007-09-06T25:00', ''])
      expect(isTimexValue(v), v).toBe(false);
  });
  it('writes durations in ISO 8601, fractions in the next smaller unit', () => {
    expect(durationValue(2, 'D')).toBe('P2D');
    expect(durationValue(45, 'TM')).toBe('PT45M');
    expect(durationValue(null, 'H')).toBe('PTXH');
    expect(durationValue(null, 'Y')).toBe('PXY');
    expect(durationValue(2.5, 'Y')).toBe('P2Y6M');
    expect(durationValue(1.5, 'H')).toBe('PT1H30M');
    expect(durationValue(0.5, 'H')).toBe('PT30M');
    expect(durationValue(2, 'DE')).toBe('P20Y');
    expect(durationValue(1, 'FN')).toBe('P2W');
  });
});

describe('values in the contract shape', () => {
  it('keeps values the contract accepts', () => {
    for (const v of ['2007-09-06', '2007-W36', 'P2D', 'P2Y6M', 'PAST_REF', 'XXXX-XX-XXTMO', '2007-09-06T15:00-05'])
      expect(contractValue(v), v).toBe(v);
  });
  it('writes a weekend as its week, the one TimeML form the contract cannot hold', () => {
    expect(isContractValue('2007-W36-WE')).toBe(false);
    expect(contractValue('2007-W36-WE')).toBe('2007-W36');
    for (const v of ['PXWE', 'XXXX-WXX-4', 'P2DE']) expect(contractValue(v), v).toBe(v);
  });
});
