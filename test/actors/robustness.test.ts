// Bad or odd input never crashes the actors stage, long documents and documents full of
// capitalised words stay correct, and every output respects the contract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/actors/index.js';
import type { Actor } from '../../src/doc/types.js';
import { actorResources, textDoc } from './helpers.js';

const CAMEO = /^([A-Z]{3})+$/;

function checkContract(text: string, actors: Actor[]): void {
  const ids = new Set(actors.map((a) => a.id));
  expect(ids.size).toBe(actors.length);
  for (const a of actors) {
    expect(a.name.length).toBeGreaterThan(0);
    expect(['person', 'organization', 'country', 'group']).toContain(a.kind);
    if (a.code !== null) expect(a.code).toMatch(CAMEO);
    if (a.country !== null) expect(a.country).toMatch(/^[A-Z]{3}$/);
    expect(a.mentions.length).toBeGreaterThan(0);
    for (const m of a.mentions) {
      expect(0 <= m.start && m.start < m.end && m.end <= text.length).toBe(true);
      expect(text.slice(m.start, m.end)).toBe(m.text);
      if (m.extent) expect(m.extent.start <= m.start && m.end <= m.extent.end).toBe(true);
    }
    for (const id of a.members ?? []) expect(ids.has(id)).toBe(true);
    if (a.belongsTo) expect(ids.has(a.belongsTo)).toBe(true);
  }
}

const run = (text: string, date: string | null = '2012-03-01') => {
  const actors = findActors(textDoc(text, date), actorResources());
  checkContract(text, actors);
  return actors;
};

describe('odd input', () => {
  it('handles empty, blank and symbol-only text', () => {
    for (const t of ['', ' ', '\n\n\n', '...', '"""', "''", '- - -', '()', '😀😀😀', '\u0000\u0001'])
      expect(run(t)).toEqual([]);
  });
  it('handles other scripts, mixed scripts and stray marks', () => {
    run('北朝鮮と日本は会談した。 Япония и КНДР. اليابان وكوريا الشمالية');
    run('Ja\u0301pan and Nörth Kôrea met; “he said” ’its’ U.S.-backed, N. Korea’s envoy.');
  });
  it('handles invalid dates', () => {
    run('Shinzo Abe said so.', 'not-a-date');
    run('Shinzo Abe said so.', null);
  });
});

describe('long and dense documents', () => {
  const sentences = [
    'Ghanaian envoy Kofi Mensah Boateng met Peruvian officials in Lima on Monday.',
    '"We will talk again," he said, as Kenyan police watched.',
    'Peru and Chile signed the accord, and the two nations agreed to meet in May.',
    'The United Nations said its peacekeepers would stay; Washington disagreed.',
    "Boateng's delegation then flew to Paris, where it met French lawmakers.",
  ];
  it('codes a document of 5,000 sentences', () => {
    const text = Array.from({ length: 5000 }, (_, i) => sentences[i % sentences.length]).join(' ');
    const actors = run(text);
    // one actor per person and country, however long the text
    expect(actors.filter((a) => a.name === 'Kofi Mensah Boateng')).toHaveLength(1);
    expect(actors.filter((a) => a.code === 'PER')).toHaveLength(1);
    const boateng = actors.find((a) => a.name === 'Kofi Mensah Boateng')!;
    expect(boateng.mentions.length).toBeGreaterThan(1000);
  });
  it('codes documents full of capitalised words', () => {
    const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett'];
    const caps = Array.from({ length: 20000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    run(caps);
    run(`${caps}.`);
    run(caps.toUpperCase());
    const headlines = Array.from(
      { length: 2000 },
      () => 'NORTH KOREA SAYS TALKS WITH JAPAN FAILED AFTER ENVOY LEFT.',
    ).join(' ');
    const actors = run(headlines);
    expect(actors.find((a) => a.code === 'PRK')).toBeDefined();
    run(Array.from({ length: 5000 }, () => 'Mr. Kim').join(' and '));
    run(Array.from({ length: 5000 }, () => 'he').join(' '));
    run(Array.from({ length: 3000 }, () => 'Japan and').join(' '));
  });
});

describe('any mix of words', () => {
  const vocab = [
    'Japan',
    'North',
    'Korea',
    'Korean',
    'Japanese',
    'envoy',
    'Kim',
    'Abe',
    'Shinzo',
    'he',
    'she',
    'it',
    'its',
    'they',
    'their',
    'the',
    'two',
    'nations',
    'neither',
    'side',
    'and',
    ',',
    '.',
    '"',
    "'s",
    'said',
    'in',
    'to',
    'Tokyo',
    'Pyongyang',
    'US',
    'U.S.',
    '-',
    'backed',
    'former',
    'President',
    'Minister',
    'Foreign',
    'police',
    'rebels',
    'of',
    'United',
    'Nations',
    'NATO',
    'Mr.',
    'THE',
    'SAID',
    '13',
    'civilians',
  ];
  it('never throws and always keeps the contract', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocab), { maxLength: 60 }), fc.boolean(), (words, spaced) => {
        const text = words.join(spaced ? ' ' : '');
        run(text);
      }),
      { numRuns: 300, seed: 20070906 },
    );
  });
});
