import { describe, expect, it } from 'vitest';
import { scoreNearDuplicates } from '../../src/dedup/evaluate.js';
import { editArticle, seededRandom } from '../../src/dedup/generate.js';
import {
  dayNumber,
  estimatedJaccard,
  NearDuplicateIndex,
  normalizedWords,
  textSignature,
} from '../../src/dedup/index.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { sampleArticles } from '../fixtures/samples.js';

describe('near-duplicate detection', () => {
  it('normalizes case, accents and punctuation', () => {
    expect(normalizedWords('Pyongyang’s “Café” — RE-OPENED, 2007!')).toEqual([
      'pyongyang',
      's',
      'cafe',
      're',
      'opened',
      '2007',
    ]);
    expect(textSignature('')).toBeNull();
    expect(textSignature('... !!! ---')).toBeNull();
  });

  it('estimates Jaccard similarity: identical 1, light edits high, different articles low', () => {
    const [a, b] = sampleArticles();
    const sa = textSignature(a.text)!.sig;
    expect(estimatedJaccard(sa, textSignature(a.text)!.sig)).toBe(1);
    const edited = editArticle({ id: a.id!, text: a.text }, ['dateline', 'typos'], seededRandom(3)).text;
    expect(estimatedJaccard(sa, textSignature(edited)!.sig)).toBeGreaterThan(0.5);
    expect(estimatedJaccard(sa, textSignature(b.text)!.sig)).toBeLessThan(0.2);
  });

  it('groups generated copies of the sample articles with their originals, and no two originals', () => {
    const bases = [
      ...sampleArticles().map((d) => ({ id: d.id!, text: d.text, title: d.title, date: d.date })),
      // template-built articles on the same dyads: hard negatives that share many phrases
      ...[...generateCorpus(40, { seed: 5 })].map((d) => ({ id: d.id, text: d.text, title: d.title, date: d.date })),
    ];
    const s = scoreNearDuplicates(bases, { seed: 21, perArticle: 3 });
    expect(s.copies).toBe(bases.length * 3);
    expect(s.found / s.copies).toBeGreaterThanOrEqual(0.95);
    expect(s.falseMerges).toBe(0);
  });

  it('matches only within the time window, keeps at most maxEntries, state round-trips', () => {
    const index = new NearDuplicateIndex({ windowDays: 3, maxEntries: 50 });
    const [a] = sampleArticles();
    const sig = textSignature(a.text)!;
    index.add('old', sig, dayNumber('2007-01-01'), 'old');
    expect(index.match(sig, dayNumber('2007-01-02'))?.group).toBe('old');
    // too far apart in time: not a duplicate even when identical
    expect(index.match(sig, dayNumber('2007-01-09'))).toBeNull();
    index.add('new', sig, dayNumber('2007-01-09'), 'new');
    expect(index.size).toBe(2);
    for (let i = 0; i < 200; i++)
      index.add(`d${i}`, textSignature(`${a.text} ${i}`)!, dayNumber('2007-01-09'), `d${i}`);
    expect(index.size).toBeLessThanOrEqual(50);
    const copy = NearDuplicateIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())), {
      windowDays: 3,
      maxEntries: 50,
    });
    expect(copy.size).toBe(index.size);
    expect(copy.match(sig, dayNumber('2007-01-09'))?.similarity).toBe(
      index.match(sig, dayNumber('2007-01-09'))?.similarity,
    );
    expect(index.match(sig, dayNumber('2007-01-09'), 'd199')).not.toBeNull();
  });

  it('survives hostile and huge input quickly', () => {
    const t0 = performance.now();
    expect(textSignature('\u0000\uffff'.repeat(10_000))).toBeNull();
    expect(textSignature('word '.repeat(200_000))).not.toBeNull();
    expect(textSignature('\ud800x'.repeat(1000))).not.toBeNull();
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
