import { describe, expect, it } from 'vitest';
import { Caps, capsOf, caseBucket, hashString, mix, parseWordLexicon, wordShape } from '../../src/entities/01-words.js';

describe('word analysis', () => {
  it('collapses shapes and bounds their length', () => {
    expect(wordShape('Kim')).toBe('Xx');
    expect(wordShape('NHK')).toBe('X');
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(wordShape('1996-08-22')).toBe('d-d-d');
    expect(wordShape('Ñandú')).toBe('Xx');
    expect(wordShape('a1'.repeat(10_000)).length).toBeLessThanOrEqual(12);
  });
  it('classifies capitalisation', () => {
    expect(capsOf('Kim')).toBe(Caps.Initial);
    expect(capsOf('NHK')).toBe(Caps.AllUpper);
    expect(capsOf('U.S.')).toBe(Caps.AllUpper);
    expect(capsOf('A')).toBe(Caps.Single);
    expect(capsOf('iPhone')).toBe(Caps.Mixed);
    expect(capsOf('said')).toBe(Caps.Lower);
    expect(capsOf('1945')).toBe(Caps.None);
    expect(capsOf('Öresund')).toBe(Caps.Initial);
    expect(capsOf('東京')).toBe(Caps.None);
  });
  it('hashes deterministically and mixes distinct inputs apart', () => {
    expect(hashString('japan')).toBe(hashString('japan'));
    expect(hashString('japan')).not.toBe(hashString('Japan'));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
    expect(mix(3, 4)).toBeGreaterThanOrEqual(0);
  });
  it('parses the lexicon format and buckets case usage', () => {
    const lex = parseWordLexicon('# header\nthe\t1.20.160\t900\t3\nkim\t5.80.641\t0\t40\nodd\t-\t2\t2\n');
    expect(lex.get('the')).toEqual({ c1: 1, c2: 20, c3: 160, lower: 900, cap: 3 });
    expect(lex.get('odd')?.c1).toBe(-1);
    expect(caseBucket(lex.get('the'))).toBe(2);
    expect(caseBucket(lex.get('kim'))).toBe(5);
    expect(caseBucket(lex.get('odd'))).toBe(3);
    expect(caseBucket(undefined)).toBe(0);
  });
});
