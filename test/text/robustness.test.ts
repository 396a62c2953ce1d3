import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources, type TextAnalysis } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const MB = 1 << 20;

/** Offsets point at the token text, tokens are ordered, whitespace-free and cover every other character. */
function checkLossless(text: string, a: TextAnalysis): void {
  let covered = 0;
  let prevEnd = 0;
  for (const t of a.tokens) {
    if (t.start < prevEnd || t.end <= t.start) throw new Error(`token out of order at ${t.start}`);
    if (text.slice(t.start, t.end) !== t.text) throw new Error(`offset mismatch at ${t.start}`);
    if (/\s/u.test(t.text)) throw new Error(`whitespace inside token at ${t.start}`);
    covered += t.end - t.start;
    prevEnd = t.end;
  }
  expect(covered).toBe(text.replace(/[\s\u200b\ufeff]/gu, '').length);
  let prev = 0;
  for (const s of a.sentences) {
    if (s.start < prev || s.end <= s.start) throw new Error(`sentence out of order at ${s.start}`);
    prev = s.end;
  }
  for (const t of a.tokens) {
    const s = a.sentences[t.sentence];
    if (t.start < s.start || t.end > s.end) throw new Error(`token outside its sentence at ${t.start}`);
  }
}

describe('bad input', () => {
  it('handles empty, whitespace and symbol-only input', () => {
    expect(analyzeText('', res).tokens).toEqual([]);
    expect(analyzeText('   \n\n  ', res).sentences).toEqual([]);
    expect(analyzeText('!!! ??? ...', res).tokens.length).toBeGreaterThan(0);
  });
  it('copes with long input (runs within the test timeout)', () => {
    const long = 'Word. '.repeat(100_000) + 'a'.repeat(100_000) + '.'.repeat(50_000) + '-'.repeat(50_000);
    const a = analyzeText(long, res);
    expect(a.sentences.length).toBeGreaterThan(100_000);
    expect(a.tokens.at(-1)?.text).toBe('-'.repeat(50_000));
  });
  // Linear time on a megabyte of one character or one repeated pattern: a quadratic scan or
  // a backtracking pattern would not finish within the timeout.
  const hostile = ['a', '.', '-', '"', "'", '(', ')', '@', '😀', '\n', 'é', '…', ','];
  it.each(hostile)(
    'tokenizes 1 MB of %j in linear time',
    (ch) => {
      const text = ch.repeat(MB / ch.length);
      checkLossless(text, analyzeText(text, res));
    },
    30_000,
  );
  const patterns = [
    'U.S. ',
    'http://x)',
    ':) ',
    '!)',
    '[1] ',
    'x...@',
    'No. ',
    '"a." ',
    'a-',
    'ab.',
    "'s",
    '#a',
    'TOKYO - ',
  ];
  it.each(patterns)(
    'tokenizes 1 MB of repeated %j in linear time',
    (p) => {
      const text = p.repeat(Math.ceil(MB / p.length));
      checkLossless(text, analyzeText(text, res));
    },
    30_000,
  );
});

describe('properties', () => {
  const pieces = [
    'a',
    'Word',
    'U.S.',
    'Mr.',
    'No.',
    '5',
    '1,000',
    '1910',
    '.',
    ',',
    ';',
    ':',
    '!',
    '?',
    '...',
    '…',
    '-',
    '—',
    "'",
    '’',
    "n't",
    "'s",
    '"',
    '“',
    '”',
    '(',
    ')',
    '[',
    ']',
    '@',
    '#',
    '/',
    '_',
    'http://',
    'www.',
    '.com',
    ':)',
    ' ',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '\t',
    'é',
    '東京',
    '😀',
    '\u00a0',
    'TOKYO',
    ' (AFP) - ',
    'Sept',
    'Monday, ',
  ];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((xs) => xs.join(''));
  it('never loses or shifts a character, whatever the input', () => {
    fc.assert(
      fc.property(texts, (text) => {
        checkLossless(text, analyzeText(text, res));
      }),
      { numRuns: 400 },
    );
  });
  it('gives the same analysis twice and a norm only when it differs', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const a = analyzeText(text, res);
        expect(analyzeText(text, res)).toEqual(a);
        for (const t of a.tokens) if (t.norm !== undefined) expect(t.norm).not.toBe(t.text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sentence length', () => {
  it('cuts text without sentence punctuation into bounded sentences, losing nothing', () => {
    const text = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? 'Japan' : 'said')).join(' ');
    const a = analyzeText(text, res);
    checkLossless(text, a);
    expect(a.sentences.length).toBe(3);
    for (const s of a.sentences) expect(text.slice(s.start, s.end).split(' ').length).toBeLessThanOrEqual(400);
    expect(a.sentences[0].start).toBe(0);
    expect(a.sentences[2].end).toBe(text.length);
    // an ordinary sentence is not touched
    expect(analyzeText('Japan and North Korea met on Thursday.', res).sentences).toHaveLength(1);
  });
});
