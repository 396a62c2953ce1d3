// Alternative readings of a complement the learned frames give: every frame of the cue that its
// children reach is proposed, and the learned check keeps the best-scoring reading per cue.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadQuoteLexicon } from '../../src/quotes/01-lexicon.js';
import { type Attribution, DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { type FilterModel, hashFeature } from '../../src/quotes/06-filter.js';
import { codeText } from './helpers.js';

const TEXT = 'The mayor thanked the volunteers for cleaning the park after the storm.';

/** The readings of "thanked" the rules propose, with their content as text when proposed. */
function readings(text: string, alternatives: boolean): Array<{ a: Attribution; content: string }> {
  const doc = codeText(text);
  const out: Array<{ a: Attribution; content: string }> = [];
  findAttributions(doc, loadQuoteLexicon(defaultDataDir()), {
    ...DEFAULT_OPTIONS,
    minRate: 0.05,
    alternatives,
    collect: (a) => {
      if (doc.tokens[a.cueFirst].text === 'thanked')
        out.push({ a, content: a.pieces.map((p) => text.slice(p.start, p.end)).join(' … ') });
    },
  });
  return out;
}

/** A check that likes one feature (`good`, +3) and nothing else (bias -1), threshold 0. */
function checkPreferring(good: string): FilterModel {
  const bits = 12;
  const weights = new Float32Array(1 << bits);
  weights[hashFeature(good, bits)] = 3;
  weights[hashFeature('bias', bits)] = -1;
  return {
    bits,
    weights,
    minRate: 0.05,
    dropNested: [],
    generic: false,
    threshold: 0,
    rich: false,
    alternatives: true,
  };
}

function kept(text: string, filter: FilterModel): string[] {
  const doc = codeText(text);
  const r = findAttributions(doc, loadQuoteLexicon(defaultDataDir()), {
    ...DEFAULT_OPTIONS,
    minRate: 0.05,
    alternatives: true,
    filter,
    threshold: filter.threshold,
  });
  return r.attributions
    .filter((a) => a.cueFirst >= 0 && doc.tokens[a.cueFirst].text === 'thanked')
    .map((a) => a.pieces.map((p) => text.slice(p.start, p.end)).join(' … '));
}

describe('alternative readings of learned complements', () => {
  it('proposes each complement the frames allow, the first reading owning the cue', () => {
    const one = readings(TEXT, false);
    expect(one).toHaveLength(1);
    const all = readings(TEXT, true);
    expect(all.length).toBeGreaterThan(1);
    expect(all[0].a.alternativeOf).toBeUndefined();
    for (const { a } of all.slice(1)) expect(a.alternativeOf).toBe(all[0].a);
    const contents = all.map((x) => x.content);
    expect(contents.some((c) => c.includes('volunteers') && !c.includes('park'))).toBe(true);
    expect(contents.some((c) => c.includes('cleaning the park'))).toBe(true);
  });

  it('keeps the reading the learned check scores highest, one per cue', () => {
    const byObject = kept(TEXT, checkPreferring('how=learned obj'));
    expect(byObject).toHaveLength(1);
    expect(byObject[0]).toContain('volunteers');
    expect(byObject[0]).not.toContain('park');
    const byClause = kept(TEXT, checkPreferring('how=learned advcl'));
    expect(byClause).toHaveLength(1);
    expect(byClause[0]).toContain('cleaning the park');
  });

  it('keeps only the first reading without a check', () => {
    const doc = codeText(TEXT);
    const r = findAttributions(doc, loadQuoteLexicon(defaultDataDir()), {
      ...DEFAULT_OPTIONS,
      minRate: 0.05,
      alternatives: true,
    });
    const thanked = r.attributions.filter((a) => a.cueFirst >= 0 && doc.tokens[a.cueFirst].text === 'thanked');
    expect(thanked).toHaveLength(1);
    expect(thanked[0].alternativeOf).toBeUndefined();
  });
});
