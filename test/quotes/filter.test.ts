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

  it('takes the middle of the cuts whose F1 is near the best', () => {
    // cuts after each score: F1 0.5, 0.8, 0.67, 0.86, 0.75 (3 gold)
    const scored = [5, 4, 3, 2, 1].map((score, i) => ({ score, label: [1, 1, -1, 1, -1][i] }));
    expect(pickThreshold(scored, 3, 0)).toBe(1.5);
    // within 0.1 of the best: the cuts at 3.5 and 1.5 (and not 2.5, F1 0.67)
    expect([3.5, 1.5]).toContain(pickThreshold(scored, 3, 0.1));
    // within 0.4: all five cuts, 4.5, 3.5, 2.5, 1.5 and 0 (below the lowest score): the middle one
    expect(pickThreshold(scored, 3, 0.4)).toBe(2.5);
  });
});
