// The rules of src/quotes/04-attribute.ts without the learned check (learned frames from a rate
// of 0.05, as the check gets them): quotes next to a verb no
// list knows, a name before the colon that opens a quote, and an attribution kept inside
// another's content cutting that content short (PolNeAR nests no attribution in another).
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/doc/doc.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { type Attribution, cutBeforeInner, DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { loadQuoteLexicon } from '../../src/quotes/index.js';
import { codeText } from './helpers.js';

const lex = loadQuoteLexicon(defaultDataDir());
const tok = (doc: Doc, a: number, b: number) => (a < 0 ? null : doc.text.slice(doc.tokens[a].start, doc.tokens[b].end));
const view = (doc: Doc, a: Attribution) => ({
  how: a.how,
  cue: tok(doc, a.cueFirst, a.cueLast),
  speaker: tok(doc, a.speakerFirst, a.speakerLast),
  content: a.pieces.map((p) => doc.text.slice(p.start, p.end)),
});
const rulesOf = (text: string) => {
  const doc = codeText(text, '2016-01-01');
  return { doc, attributions: findAttributions(doc, lex, { ...DEFAULT_OPTIONS, minRate: 0.05 }).attributions };
};

describe('quotes next to a verb no list knows', () => {
  it('takes the verb after the quote and its subject', () => {
    const { doc, attributions } = rulesOf(
      '“We are going to win so much, you will get tired of winning,” Trump barked.',
    );
    const a = attributions.map((x) => view(doc, x)).find((x) => x.content[0]?.startsWith('We are going'));
    expect(a).toMatchObject({ how: 'unknown verb after the quote', cue: 'barked', speaker: 'Trump' });
  });

  it('takes the verb of the clause that ends with a colon before the quote', () => {
    const { doc, attributions } = rulesOf(
      'Later, Trump went even further: “If he goes forward and loses, it’s the end of his career.”',
    );
    const a = attributions.map((x) => view(doc, x)).find((x) => x.content[0]?.startsWith('If he goes'));
    expect(a).toMatchObject({ how: 'unknown verb before the quote', cue: 'went', speaker: 'Trump' });
  });

  it('does not take a verb followed by more of its clause', () => {
    const { doc, attributions } = rulesOf(
      '“We are going to win so much, you will get tired of winning,” Trump wrote in a long letter to donors on Friday.',
    );
    for (const a of attributions) expect(view(doc, a).how.startsWith('unknown verb')).toBe(false);
  });
});

describe('a name before the colon that opens a quote', () => {
  it('is the speaker, the colon the cue', () => {
    const { doc, attributions } = rulesOf(
      'The timing of the surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates often fade after early contests.”',
    );
    const a = attributions.map((x) => view(doc, x)).find((x) => x.content[0]?.startsWith('Lesser-known'));
    expect(a).toMatchObject({ how: 'name before a colon', cue: ':', speaker: 'Republican pollster Daron Shaw' });
  });
});

describe('an attribution inside another one’s content', () => {
  it('ends the outer content before its cue and the words linking it', () => {
    const { doc, attributions } = rulesOf(
      'Carson said he saw no need to change anything about his campaign and argued that voters wanted honesty.',
    );
    const outer = attributions.find((a) => tok(doc, a.cueFirst, a.cueLast) === 'said');
    const inner = attributions.find((a) => tok(doc, a.cueFirst, a.cueLast) === 'argued');
    expect(outer && inner).toBeTruthy();
    if (!outer || !inner) return;
    // the rules alone give the outer content up to the end of the sentence
    expect(view(doc, outer).content.join(' ')).toContain('argued');
    cutBeforeInner(doc, attributions);
    expect(view(doc, outer).content).toEqual(['he saw no need to change anything about his campaign']);
    expect(view(doc, inner).content).toEqual(['that voters wanted honesty']);
  });

  it('drops an outer attribution that is only the inner one with the same speaker', () => {
    const { doc, attributions } = rulesOf(
      'The spokesman responded on Twitter, calling the charge pathetic and dangerous for the country.',
    );
    const inner = attributions.find((a) => tok(doc, a.cueFirst, a.cueLast) === 'calling');
    const outer = attributions.find((a) => tok(doc, a.cueFirst, a.cueLast) === 'responded');
    expect(inner && outer).toBeTruthy();
    if (!inner || !outer) return;
    expect(outer.pieces.length).toBeGreaterThan(0);
    expect(inner.speakerHead).toBe(outer.speakerHead);
    cutBeforeInner(doc, attributions);
    expect(outer.pieces).toEqual([]);
    expect(inner.pieces.length).toBeGreaterThan(0);
  });
});
