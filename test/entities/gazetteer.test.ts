import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/entities/01-words.js';
import {
  GAZ_CLASSES,
  GAZ_INDEX,
  GazetteerBuilder,
  lookupPhrase,
  matchGazetteer,
  phraseTokenVariants,
} from '../../src/entities/02-gazetteer.js';

const toks = (s: string) => s.split(' ').map((w) => ({ lower: w.toLowerCase(), hLower: hashString(w.toLowerCase()) }));
const at = (pos: Uint8Array, i: number, cls: keyof typeof GAZ_INDEX) => pos[i * GAZ_CLASSES.length + GAZ_INDEX[cls]];

describe('gazetteer', () => {
  const b = new GazetteerBuilder();
  b.add('North Korea', 'country');
  b.add('Korea', 'country');
  b.add('Ulan Bator', 'city');
  b.add('Guinea-Bissau', 'country');
  b.add("People's Liberation Army", 'org');
  const g = b.build();

  it('finds the longest phrase covering each token, with BILU positions', () => {
    const pos = matchGazetteer(g, toks('talks in North Korea and Ulan Bator'));
    expect([at(pos, 2, 'country'), at(pos, 3, 'country')]).toEqual([1, 3]);
    expect([at(pos, 5, 'city'), at(pos, 6, 'city')]).toEqual([1, 3]);
    expect(at(pos, 0, 'country')).toBe(0);
    expect(at(pos, 4, 'country')).toBe(0);
  });
  it('matches case-insensitively and in the tokenizations of hyphens and clitics', () => {
    expect(lookupPhrase(g, ['guinea-bissau'])).toBe(1 << GAZ_INDEX.country);
    expect(lookupPhrase(g, ['guinea', '-', 'bissau'])).toBe(1 << GAZ_INDEX.country);
    expect(lookupPhrase(g, ['people', "'s", 'liberation', 'army'])).toBe(1 << GAZ_INDEX.org);
    expect(lookupPhrase(g, ['north'])).toBe(0); // a prefix only
    expect(lookupPhrase(g, [])).toBe(0);
    expect(phraseTokenVariants('Côte d’Ivoire')[0]).toEqual(['côte', "d'ivoire"]);
  });
  it('round-trips through the compiled binary form', () => {
    const c = new GazetteerBuilder();
    c.addBinary(b.toBinary());
    const g2 = c.build();
    expect(g2.size).toBe(g.size);
    expect(lookupPhrase(g2, ['ulan', 'bator'])).toBe(1 << GAZ_INDEX.city);
  });
  it('stays linear on a long run of listed words', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'north' : 'korea'));
    const pos = matchGazetteer(g, toks(words.join(' ')));
    expect(pos.length).toBe(20_000 * GAZ_CLASSES.length);
  });
});
