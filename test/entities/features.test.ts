import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext, documentFeatures } from '../../src/entities/03-features.js';
import { N_LABELS } from '../../src/entities/04-model.js';
import { keyEmissions, tagDocument } from '../../src/entities/05-tag.js';
import { type EntityResources, loadEntityResources } from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';

let res: EntityResources;
beforeAll(() => {
  res = loadEntityResources(defaultDataDir());
});

const sentences = [
  ['Ana', 'Silva', ',', 'the', 'mayor', 'of', 'Porto', ',', 'flew', 'to', 'Ulan', 'Bator', '.'],
  ['SILVA', 'MEETS', 'MONGOLIAN', 'LEADERS'],
  ['Silva', 'said', 'talks', 'with', 'Mongolia', 'went', 'well', '.'],
  ['Yes'],
];

describe('feature extraction', () => {
  it('scores a sentence the same through per-word caches as through raw keys', () => {
    const feats = documentFeatures(sentences, res.features);
    const ctx = documentContext(sentences, res.features, res.words.infos);
    for (let s = 0; s < sentences.length; s++) {
      const slow = keyEmissions(feats, s, res.model);
      const fast = res.words.emissions(ctx, s, res.model);
      expect(fast.length).toBe(sentences[s].length * N_LABELS);
      for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 3);
    }
    // and the dense history tables give the same labels as the history keys
    const a = tagDocument(feats.tokens, (s) => keyEmissions(feats, s, res.model), res.model);
    const b = tagDocument(
      ctx.tokens,
      (s) => res.words.emissions(ctx, s, res.model),
      res.model,
      undefined,
      res.words.history,
    );
    expect(b.map((t) => [...t.labels])).toEqual(a.map((t) => [...t.labels]));
  });
  it('marks headline sentences and sentence-initial words', () => {
    const ctx = documentContext(sentences, res.features);
    expect(ctx.modes).toEqual([0, 1, 0, 0]);
    expect(ctx.tokens[0][0].first).toBe(true);
    expect(ctx.tokens[0][1].first).toBe(false);
    expect(ctx.docCase.get('silva')).toBe(1); // capitalised mid-sentence in prose
  });
});
