import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { hasShared, REFERENCE, repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const tokens = (s: string) => analyzeText(s, res).tokens.map((t) => t.text);
const sentences = (s: string) => analyzeText(s, res).sentences.map((x) => s.slice(x.start, x.end));

describe('tokens (UD English conventions)', () => {
  it('splits clitics and negation', () => {
    expect(tokens("I can't say it's Japan's fault, we don't know.")).toEqual([
      'I',
      'ca',
      "n't",
      'say',
      'it',
      "'s",
      'Japan',
      "'s",
      'fault',
      ',',
      'we',
      'do',
      "n't",
      'know',
      '.',
    ]);
    expect(tokens('We cannot go.')).toEqual(['We', 'can', 'not', 'go', '.']);
    expect(tokens("the patients' rights")).toEqual(['the', 'patients', "'", 'rights']);
  });
  it('keeps abbreviations, initials and numbers whole', () => {
    expect(tokens('Mr. J. Smith of the U.S. paid $1.5bn on Sept. 6, 1,000 times.')).toEqual([
      'Mr.',
      'J.',
      'Smith',
      'of',
      'the',
      'U.S.',
      'paid',
      '$',
      '1.5',
      'bn',
      'on',
      'Sept.',
      '6',
      ',',
      '1,000',
      'times',
      '.',
    ]);
  });
  it('splits hyphens and ranges, keeps URLs and e-mail', () => {
    expect(tokens('a US-backed deal in 1910-1945 at http://example.com/a-b?x=1.')).toEqual([
      'a',
      'US',
      '-',
      'backed',
      'deal',
      'in',
      '1910',
      '-',
      '1945',
      'at',
      'http://example.com/a-b?x=1',
      '.',
    ]);
    expect(tokens('Write to news@example.org now.')).toEqual(['Write', 'to', 'news@example.org', 'now', '.']);
  });
  it('handles curly quotes and dashes with a normalized form', () => {
    const a = analyzeText('“It’s over” — he said', res);
    expect(a.tokens.map((t) => t.text)).toEqual(['“', 'It', '’s', 'over', '”', '—', 'he', 'said']);
    expect(a.tokens.map((t) => t.norm ?? t.text)).toEqual(['"', 'It', "'s", 'over', '"', '--', 'he', 'said']);
  });
  it('never shifts offsets', () => {
    const text = '  “Über-cool” naïve café — 東京 said 😀 x.\n\nNext line…  ';
    for (const t of analyzeText(text, res).tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('sentences', () => {
  it('splits at quotes with attribution', () => {
    expect(sentences('"We agree," he said. "There is a gap." "Relations are low," he said.')).toEqual([
      '"We agree," he said.',
      '"There is a gap."',
      '"Relations are low," he said.',
    ]);
  });
  it('does not split after titles and initials, does after abbreviations that end a sentence', () => {
    expect(sentences('Gen. Smith met Mr. Jones. They talked.')).toEqual(['Gen. Smith met Mr. Jones.', 'They talked.']);
    expect(sentences('He lives in the U.S. The trip was long.')).toEqual([
      'He lives in the U.S.',
      'The trip was long.',
    ]);
    expect(sentences('U.S. officials said so.')).toEqual(['U.S. officials said so.']);
    expect(sentences('"Stop!" he shouted.')).toEqual(['"Stop!" he shouted.']);
  });
  it('makes the dateline its own sentence', () => {
    const a = analyzeText('ULAN BATOR, Sept 6 (Reuters) - Japan and North Korea met.', res);
    expect(a.dateline?.place?.text).toBe('ULAN BATOR');
    expect(a.dateline?.date?.text).toBe('Sept 6');
    expect(a.dateline?.agency).toBe('Reuters');
    expect(a.sentences.length).toBe(2);
    const b = analyzeText('TOKYO (AFP) - Talks ended.', res);
    expect(b.dateline?.agency).toBe('AFP');
    expect(analyzeText('Japan - a country - agreed.', res).dateline).toBeNull();
  });
  it('keeps paragraphs apart and joins hard-wrapped lines', () => {
    expect(sentences('Headline here\nBody starts here.')).toEqual(['Headline here', 'Body starts here.']);
    const wrapped =
      'The talks were held in a\nsmall town near the border and\nended without any agreement on\nthe main issue of the day.\n';
    expect(sentences(wrapped.repeat(2)).length).toBe(2);
  });
  it.runIf(hasShared('examples'))('splits every sentence of the reference article', () => {
    const text = readFileSync(REFERENCE(), 'utf8');
    const s = sentences(text);
    expect(s.length).toBe(23);
    expect(s[3]).toBe(
      '"We have taken the position that the abduction issue has been settled, and there\'s no change in our position," he said in Ulan Bator.',
    );
    expect(s[10]).toBe('"I can\'t help but say there was no major progress, but it led to future dialogue.');
  });
});

describe('robustness', () => {
  it('handles empty, whitespace and symbol-only input', () => {
    expect(analyzeText('', res).tokens).toEqual([]);
    expect(analyzeText('   \n\n  ', res).sentences).toEqual([]);
    expect(analyzeText('!!! ??? ...', res).tokens.length).toBeGreaterThan(0);
  });
  it('copes with long and hostile input (runs within the test timeout)', () => {
    const long = 'Word. '.repeat(100_000) + 'a'.repeat(100_000) + '.'.repeat(50_000) + '-'.repeat(50_000);
    const a = analyzeText(long, res);
    expect(a.sentences.length).toBeGreaterThan(100_000);
    expect(a.tokens.at(-1)?.text).toBe('-'.repeat(50_000));
  });
});
