import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/doc/doc.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { placeOfClause, placesStage } from '../../src/places/index.js';
import { textStage } from '../../src/text/index.js';
import { hasShared, REFERENCE } from '../shared.js';

const pipeline = new Pipeline([textStage, placesStage]);
const tokenOf = (doc: Doc, word: string, nth = 0) => {
  let seen = 0;
  for (let i = 0; i < doc.tokens.length; i++) if (doc.tokens[i].text === word && seen++ === nth) return i;
  throw new Error(`no token ${word}`);
};

describe('placeOfClause without a parse', () => {
  it('takes the place introduced by in/at/near after the verb', () => {
    const doc = pipeline.run({ text: 'The ministers met on Tuesday in Hanoi to discuss trade with Thailand.' });
    expect(placeOfClause(doc, tokenOf(doc, 'met'))?.name).toBe('Hanoi');
  });

  it('ignores places that are not introduced by a locative preposition', () => {
    const doc = pipeline.run({ text: 'Egypt criticised Israel sharply.' });
    expect(placeOfClause(doc, tokenOf(doc, 'criticised'))).toBeNull();
  });

  it('does not cross into another clause', () => {
    const doc = pipeline.run({ text: 'He resigned; the summit was held in Geneva.' });
    expect(placeOfClause(doc, tokenOf(doc, 'resigned'))).toBeNull();
    expect(placeOfClause(doc, tokenOf(doc, 'held'))?.name).toBe('Geneva');
  });

  it('answers null for tokens out of range and documents without places', () => {
    const doc = pipeline.run({ text: 'Nothing happened here.' });
    expect(placeOfClause(doc, 0)).toBeNull();
    expect(placeOfClause(doc, -1)).toBeNull();
    expect(placeOfClause(doc, 999)).toBeNull();
  });
});

describe('placeOfClause with a parse', () => {
  it('follows the dependency from the place to the clause verb', () => {
    const base = pipeline.run({ text: 'Talks held in Vietnam failed in Laos.' });
    // Talks <-nsubj- failed; held -acl-> Talks; Vietnam -obl-> held; Laos -obl-> failed
    const heads: Record<string, [number, string, string]> = {
      Talks: [4, 'nsubj', 'NOUN'],
      held: [0, 'acl', 'VERB'],
      in: [3, 'case', 'ADP'],
      Vietnam: [1, 'obl', 'PROPN'],
      failed: [-1, 'root', 'VERB'],
      Laos: [4, 'obl', 'PROPN'],
      '.': [4, 'punct', 'PUNCT'],
    };
    const tokens = base.tokens.map((t, i) => {
      const h = heads[t.text];
      if (t.text === 'in' && i === 5) return { ...t, head: 6, dep: 'case', pos: 'ADP' };
      return h ? { ...t, head: h[0], dep: h[1], pos: h[2] } : t;
    });
    const doc: Doc = { ...base, tokens };
    expect(placeOfClause(doc, 1)?.name).toBe('Vietnam');
    expect(placeOfClause(doc, 4)?.name).toBe('Laos');
  });
});

describe('placeOfClause on the reference article', () => {
  const ok = hasShared('examples/japan-north-korea-talks.txt');
  it.skipIf(!ok)('places "he said in Ulan Bator" and "held in Vietnam"', () => {
    const text = readFileSync(REFERENCE(), 'utf8');
    const doc = pipeline.run({ text, date: '2007-09-06' });
    const said = doc.tokens.findIndex(
      (t, i) => t.text === 'said' && doc.tokens[i + 1]?.text === 'in' && doc.tokens[i + 2]?.text === 'Ulan',
    );
    expect(said).toBeGreaterThan(0);
    expect(placeOfClause(doc, said)).toMatchObject({ name: 'Ulaanbaatar', country: 'MNG' });
    const held = doc.tokens.findIndex((t, i) => t.text === 'held' && doc.tokens[i + 2]?.text === 'Vietnam');
    expect(placeOfClause(doc, held)).toMatchObject({ name: 'Vietnam', country: 'VNM' });
    const sydney = doc.tokens.findIndex((t, i) => t.text === 'said' && doc.tokens[i + 2]?.text === 'Sydney');
    expect(placeOfClause(doc, sydney)).toMatchObject({ name: 'Sydney', country: 'AUS' });
  });
});
