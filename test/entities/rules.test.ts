// The document-level and list rules that run after the tagger, on token input (no text stage).
import { beforeAll, describe, expect, it } from 'vitest';
import { type EntityResources, loadEntityResources, tagTokenSentences } from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';

let res: EntityResources;
beforeAll(() => {
  res = loadEntityResources(defaultDataDir());
});
const tag = (...sentences: string[]) => {
  const toks = sentences.map((s) => s.split(' '));
  return tagTokenSentences(toks, res).map((ents, i) =>
    ents.map((e) => `${toks[i].slice(e.start, e.end).join(' ')}/${e.type}`),
  );
};

describe('rules after the tagger', () => {
  it('makes a name after a title or role a person, but not a listed organisation', () => {
    const [a] = tag('The Chilean envoy Rosa Steel met reporters in Oslo .');
    expect(a).toContain('Rosa Steel/PERSON');
    const [b] = tag('Officials of the envoy United Nations said nothing .');
    expect(b.filter((x) => x.startsWith('United Nations'))).toEqual(['United Nations/ORG']);
  });
  it('cuts titles off person names and drops titles alone', () => {
    const [a] = tag('President Ana Costa and Prime Minister Rui Lobo met on Thursday .');
    expect(a).toContain('Ana Costa/PERSON');
    expect(a).toContain('Rui Lobo/PERSON');
    expect(a.some((x) => /President|Minister|Thursday/.test(x))).toBe(false);
  });
  it('keeps a later surname as the person named in full', () => {
    const out = tag('Opposition leader Marta Kowalczyk arrived in Warsaw .', 'Kowalczyk said the vote was unfair .');
    expect(out[0]).toContain('Marta Kowalczyk/PERSON');
    expect(out[1]).toContain('Kowalczyk/PERSON');
  });
  it('does not let a common word continue a name', () => {
    const [a] = tag('Talks ended and Kim said Pyongyang was ready .');
    expect(a.some((x) => x.includes('said'))).toBe(false);
  });
});
