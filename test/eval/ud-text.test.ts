import { describe, expect, it } from 'vitest';
import { exactF1 } from '../../eval/scorers/spans.js';
import { mergeInside, rebuildDocuments, sentenceEnds } from '../../eval/scorers/ud-text.js';
import { parseConllu } from '../../src/conllu/conllu.js';

// Tiny hand-made treebank: two documents, GUM-style and EWT-style paragraph marks.
const row = (id: string, form: string, misc = '_') => [id, form, '_', '_', '_', '_', '0', 'root', '_', misc].join('\t');
const CONLLU = [
  '# newdoc id = GUM_news_test',
  '# meta::genre = news',
  '# newpar',
  '# newpar_block = head (1 s)',
  '# text = Big news',
  row('1', 'Big'),
  row('2', 'news'),
  '',
  '# text = Monday, May 4, 2020',
  row('1', 'Monday', 'SpaceAfter=No'),
  row('2', ','),
  row('3', 'May'),
  row('4', '4', 'SpaceAfter=No'),
  row('5', ','),
  row('6', '2020'),
  '',
  '# newpar',
  '# newpar_block = p (2 s)',
  "# text = We don't know.",
  row('1', 'We'),
  row('2-3', "don't"),
  row('2', 'do'),
  row('3', "n't"),
  row('4', 'know', 'SpaceAfter=No'),
  row('5', '.'),
  '',
  '# text = It ended.',
  row('1', 'It'),
  row('2', 'ended', 'SpaceAfter=No'),
  row('3', '.'),
  '',
  '# newdoc id = email-1',
  '# newpar id = email-1-p1',
  '# text = Hi all',
  row('1', 'Hi'),
  row('2', 'all'),
  '',
  '# text = im late',
  row('1-2', 'im'),
  row('1', 'I'),
  row('2', 'am'),
  row('3', 'late'),
  '',
].join('\n');

describe('rebuilding raw text from CoNLL-U', () => {
  const docs = rebuildDocuments(parseConllu(CONLLU));
  it('groups documents and reads the GUM genre', () => {
    expect(docs.map((d) => [d.id, d.genre])).toEqual([
      ['GUM_news_test', 'news'],
      ['email-1', null],
    ]);
  });
  it('starts a line at each paragraph and after a GUM block ends, else joins with a space', () => {
    expect(docs[0].text).toBe("Big news\nMonday, May 4, 2020\nWe don't know. It ended.");
    expect(docs[1].text).toBe('Hi all im late');
  });
  it('gives gold sentence spans over the rebuilt text', () => {
    const d = docs[0];
    expect(d.sentences.map((s) => d.text.slice(s.start, s.end))).toEqual([
      'Big news',
      'Monday, May 4, 2020',
      "We don't know.",
      'It ended.',
    ]);
  });
  it('splits a multiword token into its words when they spell it, else keeps the surface token', () => {
    const [a, b] = docs;
    expect(a.tokens.map((t) => a.text.slice(t.start, t.end)).slice(8, 13)).toEqual(['We', 'do', "n't", 'know', '.']);
    expect(b.tokens.map((t) => b.text.slice(t.start, t.end))).toEqual(['Hi', 'all', 'im', 'late']);
    expect(b.fused.map((t) => b.text.slice(t.start, t.end))).toEqual(['im']);
    expect(a.unaligned + b.unaligned).toBe(0);
  });
});

describe('scoring units for fused tokens', () => {
  it('merges predicted tokens that exactly tile a fused gold span', () => {
    const pred = [
      { start: 0, end: 2 },
      { start: 3, end: 4 },
      { start: 4, end: 5 },
      { start: 6, end: 10 },
    ];
    expect(mergeInside(pred, [{ start: 3, end: 5 }])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
      { start: 6, end: 10 },
    ]);
  });
  it('leaves tokens alone when they cross the fused span', () => {
    const pred = [
      { start: 3, end: 4 },
      { start: 4, end: 7 },
    ];
    expect(mergeInside(pred, [{ start: 3, end: 5 }])).toEqual(pred);
    expect(mergeInside(pred, [])).toEqual(pred);
  });
});

describe('sentence boundaries', () => {
  it('scores a missed boundary as one error where spans count two', () => {
    const gold = [
      { start: 0, end: 5 },
      { start: 6, end: 10 },
      { start: 11, end: 15 },
    ];
    const pred = [
      { start: 0, end: 10 },
      { start: 11, end: 15 },
    ];
    expect(exactF1(gold, pred)).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(exactF1(sentenceEnds(gold), sentenceEnds(pred))).toMatchObject({ tp: 2, fp: 0, fn: 1 });
  });
});
