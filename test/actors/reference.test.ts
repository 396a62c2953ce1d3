// The reference article (published 2007-09-06): who is who, every mention, no spurious actors.
// Offsets are found from the article's own words, so the test reads the shared file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/doc/types.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { hasShared, REFERENCE } from '../shared.js';
import { actorsOf } from './helpers.js';

const present = hasShared('examples/japan-north-korea-talks.txt');

// the actors stage alone (tokens and sentences), and after the parse and the entities stage
describe.skipIf(!present).each(['text only', 'full pipeline'])('reference article (%s)', (mode) => {
  const text = present ? readFileSync(REFERENCE(), 'utf8') : '';
  const actors = !present
    ? []
    : mode === 'text only'
      ? actorsOf(text, '2007-09-06')
      : [...createPipeline('full').run({ text, date: '2007-09-06' }).actors];

  /** Offset of `word` inside the first occurrence of `context`. */
  const at = (context: string, word: string): number => {
    const c = text.indexOf(context);
    expect(c, `context "${context}"`).toBeGreaterThanOrEqual(0);
    // the word as a whole word inside the context
    const re = new RegExp(`(?<![A-Za-z])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g');
    re.lastIndex = c;
    const w = re.exec(text)?.index ?? -1;
    expect(w).toBeGreaterThanOrEqual(c);
    expect(w).toBeLessThan(c + context.length);
    return w;
  };
  const all = (re: RegExp): number[] => [...text.matchAll(re)].map((m) => m.index ?? -1);
  const owner = (start: number, length: number): Actor | undefined =>
    actors.find((a) => a.mentions.some((m) => m.start === start && m.end === start + length));
  const one = (name: string): Actor => {
    const found = actors.filter((a) => a.name === name);
    expect(found, name).toHaveLength(1);
    return found[0];
  };

  it('codes each actor once, with the right code', () => {
    const expected: Array<[string, string, string]> = [
      ['Kim Chul Ho', 'person', 'PRKGOV'],
      ['Yoshiki Mine', 'person', 'JPNGOV'],
      ['Nobutaka Machimura', 'person', 'JPNGOV'],
      ['Shinzo Abe', 'person', 'JPNGOV'],
      ['NHK', 'organization', 'JPNMED'],
      ['Japan', 'country', 'JPN'],
      ['North Korea', 'country', 'PRK'],
      ['United States', 'country', 'USA'],
    ];
    for (const [name, kind, code] of expected) expect(one(name), name).toMatchObject({ kind, code });
    expect(
      actors
        .filter((a) => a.kind === 'country')
        .map((a) => a.code)
        .sort(),
    ).toEqual(['JPN', 'PRK', 'USA']);
  });

  it('finds every mention of the people, pronouns included', () => {
    const kim = one('Kim Chul Ho');
    expect(owner(at('Kim said Pyongyang', 'Kim'), 3)).toBe(kim);
    expect(owner(at('he said in Ulan Bator', 'he'), 2)).toBe(kim);
    expect(owner(at('he said, as quoted', 'he'), 2)).toBe(kim);
    expect(kim.mentions).toHaveLength(4);
    const mine = one('Yoshiki Mine');
    expect(owner(at('he said of the kidnappings', 'he'), 2)).toBe(mine);
    expect(mine.mentions).toHaveLength(2);
    const machimura = one('Nobutaka Machimura');
    expect(owner(at('in his assessment', 'his'), 3)).toBe(machimura);
    expect(owner(at('he said in Sydney', 'he'), 2)).toBe(machimura);
    expect(owner(at('where he is attending', 'he'), 2)).toBe(machimura);
    const abe = one('Shinzo Abe');
    expect(owner(at('Prime Minister Shinzo Abe', 'Shinzo Abe'), 10)).toBe(abe);
    for (const i of all(/(?<!Shinzo )\bAbe\b/g)) expect(owner(i, 3)).toBe(abe);
    expect(abe.mentions).toHaveLength(3);
  });

  it('finds every mention of the countries: names, capitals as actors, "its", "US-backed"', () => {
    const nk = one('North Korea');
    for (const i of all(/North Korea(?!n)/g)) expect(owner(i, 11)).toBe(nk);
    for (const i of all(/Pyongyang/g)) expect(owner(i, 9)).toBe(nk);
    expect(owner(at('about its kidnappings', 'its'), 3)).toBe(nk);
    expect(owner(at('It returned five victims', 'It'), 2)).toBe(nk);
    expect(owner(at('after it tested', 'it'), 2)).toBe(nk);
    const japan = one('Japan');
    for (const i of all(/\bJapan\b(?!ese)/g)) expect(owner(i, 5)).toBe(japan);
    expect(owner(at('talking to Tokyo', 'Tokyo'), 5)).toBe(japan);
    const usa = one('United States');
    expect(usa.mentions.map((m) => m.text)).toEqual(['US', 'US']);
  });

  it('codes the descriptions and the compound actor', () => {
    const civilians = owner(at('Japanese civilians', 'Japanese civilians'), 18);
    expect(civilians?.code).toBe('JPNCVL');
    const pair = owner(at('Japan and North Korea wrapped', 'Japan and North Korea'), 21)!;
    expect(pair.kind).toBe('group');
    expect(pair.members).toEqual([one('Japan').id, one('North Korea').id]);
    expect(owner(at('they pledged', 'they'), 4)).toBe(pair);
    expect(owner(at('neither side', 'neither side'), 12)).toBe(pair);
    expect(owner(at('the two nations', 'two nations'), 11)).toBe(pair);
    const gov = owner(at("Abe's government", 'government'), 10)!;
    expect(gov).toMatchObject({ code: 'JPNGOV', belongsTo: one('Shinzo Abe').id });
  });

  it('makes no actors of places, dates and modifiers', () => {
    const notActors = [
      at('meeting in Mongolia', 'Mongolia'),
      at('Ulan Bator', 'Ulan Bator'),
      at('in Sydney', 'Sydney'),
      at('held in Vietnam', 'Vietnam'),
      at('meeting Thursday', 'Thursday'),
      at('Korean peninsula', 'Korean'),
      at('Asia-Pacific', 'Asia'),
      at('six-nation', 'nation'),
      at('Abe said in Tokyo', 'Tokyo'),
      at('Japanese language', 'Japanese'),
      at('remained poor', 'poor'),
    ];
    for (const start of notActors)
      for (const a of actors)
        for (const m of a.mentions)
          expect(m.start <= start && start < m.end, `${a.name} covers "${text.slice(start, start + 10)}"`).toBe(false);
  });
});
