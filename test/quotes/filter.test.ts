// The learned check of attributions (data/quotes/filter.json) loads, its features are stable
// strings, and the training helpers are deterministic.
import { describe, expect, it } from 'vitest';
import { type Example, pickThreshold, trainPerceptron } from '../../scripts/quotes-filter-lib.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { hashFeature, loadFilter, scoreFeatures } from '../../src/quotes/06-filter.js';

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
});
