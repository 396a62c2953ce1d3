import { describe, expect, it } from 'vitest';
import type { Token } from '../../src/doc/types.js';
import {
  ancestors,
  baseRelation,
  children,
  childrenWith,
  childWith,
  dominates,
  isNegated,
  nounPhraseSpan,
  predicateOf,
  rootOf,
  subtreeSpan,
} from '../../src/syntax/tree.js';

// A hand-built parse (no model involved): two sentences, heads document-level.
//   0 Two  1 officials  2 did  3 not  4 attend  5 the  6 talks  7 in  8 Geneva  9 .
//  10 They 11 left 12 .
function build(): Token[] {
  const rows: Array<[string, number, string, string]> = [
    ['Two', 1, 'nummod', 'two'],
    ['officials', 4, 'nsubj', 'official'],
    ['did', 4, 'aux', 'do'],
    ['not', 4, 'advmod', 'not'],
    ['attend', -1, 'root', 'attend'],
    ['the', 6, 'det', 'the'],
    ['talks', 4, 'obj', 'talk'],
    ['in', 8, 'case', 'in'],
    ['Geneva', 6, 'nmod', 'Geneva'],
    ['.', 4, 'punct', '.'],
    ['They', 11, 'nsubj', 'they'],
    ['left', -1, 'root', 'leave'],
    ['.', 11, 'punct', '.'],
  ];
  let offset = 0;
  return rows.map(([text, head, dep, lemma], i) => {
    const t: Token = { start: offset, end: offset + text.length, text, sentence: i < 10 ? 0 : 1, head, dep, lemma };
    offset += text.length + 1;
    return t;
  });
}

describe('parse helpers', () => {
  const tokens = build();
  it('lists dependents, by relation too', () => {
    expect(children(tokens, 4)).toEqual([1, 2, 3, 6, 9]);
    expect(childrenWith(tokens, 4, 'nsubj')).toEqual([1]);
    expect(childWith(tokens, 4, 'obj')).toBe(6);
    expect(childWith(tokens, 4, 'iobj')).toBe(-1);
    expect(children(tokens, 11)).toEqual([10, 12]);
    expect(baseRelation('nsubj:pass')).toBe('nsubj');
  });
  it('gives subtree spans with character offsets', () => {
    const s = subtreeSpan(tokens, 6);
    expect([s.first, s.last]).toEqual([5, 8]);
    const text = tokens.map((t) => t.text).join(' ');
    expect(text.slice(s.start, s.end)).toBe('the talks in Geneva');
    const np = nounPhraseSpan(tokens, 1);
    expect(text.slice(np.start, np.end)).toBe('Two officials');
    const whole = subtreeSpan(tokens, 4, ['punct']);
    expect([whole.first, whole.last]).toEqual([0, 8]);
  });
  it('walks up the tree', () => {
    expect(ancestors(tokens, 8)).toEqual([6, 4]);
    expect(dominates(tokens, 4, 8)).toBe(true);
    expect(dominates(tokens, 6, 1)).toBe(false);
    expect(rootOf(tokens, 8)).toBe(4);
    expect(rootOf(tokens, 12)).toBe(11);
    expect(predicateOf(tokens, 2)).toBe(4);
    expect(isNegated(tokens, 4)).toBe(true);
    expect(isNegated(tokens, 11)).toBe(false);
  });
});
