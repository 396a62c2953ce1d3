// The learned check of attributions (data/quotes/filter.json) loads, its features are stable
// strings, and the training helpers are deterministic.
import { describe, expect, it } from 'vitest';
import {
  type Example,
  FILTER_BITS,
  pickStageThreshold,
  pickThreshold,
  trainPerceptron,
} from '../../scripts/quotes-filter-lib.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadQuoteLexicon } from '../../src/quotes/01-lexicon.js';
import { DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { hashFeature, loadFilter, scoreFeatures } from '../../src/quotes/06-filter.js';
import { codeText } from './helpers.js';

/** The features of every attribution with a cue the rules propose for `text`, by cue word. */
function featuresOf(text: string): Map<string, string[]> {
  const doc = codeText(text);
  const out = new Map<string, string[]>();
  findAttributions(doc, loadQuoteLexicon(defaultDataDir()), {
    ...DEFAULT_OPTIONS,
    richFeatures: true,
    collect: (a, feats) => out.set(doc.tokens[a.cueFirst].text, feats),
  });
  return out;
}

describe('quotes learned check', () => {
  it('loads with its candidate settings', () => {
    const m = loadFilter(defaultDataDir());
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m.weights.length).toBe(1 << m.bits);
    expect(m.minRate).toBeGreaterThan(0);
    expect(Number.isFinite(m.threshold)).toBe(true);
    expect(Array.isArray(m.dropNested)).toBe(true);
    // a speech cue with a named speaker and a that-clause scores above a bare learned object
    const say = ['bias', 'l=say', 'w=said', 'cls=speech', 'how=ccomp', 'kind=indirect', 'sp=PROPN', 'cf=that'];
    const odd = ['bias', 'l=unleash', 'w=unleashed', 'cls=other', 'how=learned obj', 'kind=indirect', 'sp=none'];
    expect(scoreFeatures(m, say)).toBeGreaterThan(scoreFeatures(m, odd));
  });

  it('describes how the content hangs on the cue and what kind of clause it is', () => {
    const f = featuresOf('The minister said that the talks would resume next week.').get('said');
    expect(f).toBeDefined();
    if (!f) return;
    expect(f).toContain('crel=ccomp');
    expect(f).toContain('cmark=that');
    expect(f).toContain('caux2=would');
    expect(f).toContain('cfin=true');
    expect(f).toContain('ctag=VBD');
    expect(f).toContain('sdep=nsubj');
    expect(f).toContain('squote=false');
    const g = featuresOf('"We will not leave," the minister said.').get('said');
    expect(g).toContain('squote=true');
  });

  it('hashes into the table and trains deterministically', () => {
    expect(hashFeature('l=say', 10)).toBe(hashFeature('l=say', 10));
    expect(hashFeature('l=say', 10)).toBeLessThan(1 << 10);
    const ex: Example[] = [];
    for (let i = 0; i < 200; i++) ex.push({ feats: Int32Array.from([0, 1 + (i % 7)]), label: i % 7 < 3 ? 1 : -1 });
    const a = trainPerceptron(ex, 5, 4);
    const b = trainPerceptron(ex, 5, 4);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[1]).toBeGreaterThan(a[5]);
    const scored = ex.map((x) => ({ score: a[x.feats[0]] + a[x.feats[1]], label: x.label }));
    const t = pickThreshold(scored, ex.filter((x) => x.label > 0).length);
    expect(scored.filter((x) => x.score >= t).every((x) => x.label > 0)).toBe(true);
  });

  it('takes the middle of the cuts whose F1 is near the best', () => {
    // cuts after each score: F1 0.5, 0.8, 0.67, 0.86, 0.75 (3 gold)
    const scored = [5, 4, 3, 2, 1].map((score, i) => ({ score, label: [1, 1, -1, 1, -1][i] }));
    expect(pickThreshold(scored, 3, 0)).toBe(1.5);
    // within 0.1 of the best: the cuts at 3.5 and 1.5 (and not 2.5, F1 0.67)
    expect([3.5, 1.5]).toContain(pickThreshold(scored, 3, 0.1));
    // within 0.4: all five cuts, 4.5, 3.5, 2.5, 1.5 and 0 (below the lowest score): the middle one
    expect(pickThreshold(scored, 3, 0.4)).toBe(2.5);
  });

  it('picks the threshold by the whole stage scored against the gold', () => {
    const text = 'The minister said that the talks would resume next week. Farmers planted rice in May.';
    const doc = codeText(text);
    const c0 = text.indexOf('the talks');
    const cue = text.indexOf('said');
    const gold = [
      {
        cue: { spans: [[cue, cue + 4]] as Array<[number, number]> },
        content: { spans: [[c0, c0 + 40]] as Array<[number, number]> },
      },
    ];
    const items = [{ rec: { attributions: gold }, doc }];
    // every candidate scores 0: thresholds above 0 drop the attribution and lose the gold one
    const weights = new Float32Array(1 << FILTER_BITS);
    const t = pickStageThreshold(items, loadQuoteLexicon(defaultDataDir()), [weights], 5, 1);
    expect(t).toBeLessThanOrEqual(0);
    expect(pickStageThreshold(items, loadQuoteLexicon(defaultDataDir()), [weights], -20, 1)).toBeLessThanOrEqual(0);
  });
});
