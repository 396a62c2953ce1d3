import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDoc, type Doc } from '../../src/doc/doc.js';
import type { Entity } from '../../src/doc/types.js';
import {
  type EntityResources,
  entitiesStage,
  loadEntityResources,
  tagTokenSentences,
} from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { loadTextResources, textStage } from '../../src/text/index.js';
import { hasShared, REFERENCE } from '../shared.js';

let res: EntityResources;
let textRes: ReturnType<typeof loadTextResources>;
beforeAll(() => {
  res = loadEntityResources(defaultDataDir());
  textRes = loadTextResources(defaultDataDir());
});

function run(text: string): Doc {
  const doc = textStage.run(createDoc({ text }), textRes, { explain: false });
  return entitiesStage.run(doc, res, { explain: false });
}
const typed = (doc: Doc) => doc.entities.map((e) => `${e.text}/${e.type}`);
const find = (doc: Doc, text: string): Entity[] => doc.entities.filter((e) => e.text === text);

function wellFormed(doc: Doc): void {
  let last = -1;
  for (const e of doc.entities) {
    expect(e.text).toBe(doc.text.slice(e.start, e.end));
    expect(e.start).toBeGreaterThanOrEqual(last);
    expect(e.end).toBeGreaterThan(e.start);
    expect(e.confidence).toBeGreaterThanOrEqual(0);
    expect(e.confidence).toBeLessThanOrEqual(1);
    last = e.end;
  }
}

describe('entities stage on our own sentences', () => {
  it('finds people, organisations, countries and cities with their offsets', () => {
    const doc = run(
      'Brazilian President Luiz Inacio Lula da Silva flew to Madrid on Monday to meet executives of Telefonica and officials of the European Union.\n' +
        'Lula told reporters in the Spanish capital that Brazil wanted closer ties with Europe.',
    );
    wellFormed(doc);
    const t = typed(doc);
    expect(t).toContain('Madrid/GPE');
    expect(t).toContain('Brazil/GPE');
    expect(t).toContain('Brazilian/NORP');
    expect(t).toContain('European Union/ORG');
    expect(
      t.some((x) => x.startsWith('Luiz Inacio Lula da Silva/PERSON') || x.startsWith('Luiz Inacio Lula/PERSON')),
    ).toBe(true);
    expect(find(doc, 'Lula').map((e) => e.type)).toContain('PERSON');
    expect(t.filter((x) => x.startsWith('Monday'))).toEqual([]);
  });
  it('keeps a surname alone as the person named in full earlier', () => {
    const doc = run(
      'Opposition leader Marta Kowalczyk arrived in Warsaw on Friday. Kowalczyk said the vote was unfair.',
    );
    expect(find(doc, 'Marta Kowalczyk')[0]?.type).toBe('PERSON');
    expect(find(doc, 'Kowalczyk')[0]?.type).toBe('PERSON');
  });
  it('types places by their lists and head words', () => {
    const doc = run(
      'Flights from Narita Airport were cancelled as the typhoon crossed the Pacific Ocean toward Okinawa, and Chinese forecasters warned fishermen on the Yangtze River.',
    );
    wellFormed(doc);
    const t = typed(doc);
    expect(t).toContain('Chinese/NORP');
    expect(t).toContain('Okinawa/GPE');
    expect(t.some((x) => x === 'Narita Airport/FAC')).toBe(true);
    expect(t.some((x) => x === 'Pacific Ocean/LOC')).toBe(true);
    expect(t.some((x) => x === 'Yangtze River/LOC')).toBe(true);
  });
  it('does not tag ordinary capitalised words, titles or weekdays', () => {
    const doc = run(
      'On Thursday the Prime Minister said the committee would meet again in March. Mr. Vice President, the General Secretary said.',
    );
    wellFormed(doc);
    for (const e of doc.entities) {
      expect(e.text).not.toMatch(/Thursday|Prime Minister|March|Vice President|General Secretary/);
    }
  });
  it('handles hyphenated words the way the tokenizer splits them', () => {
    const doc = run('A US-backed plan for the Asia-Pacific region drew protests from Tokyo-based groups.');
    wellFormed(doc);
    const t = typed(doc);
    expect(t).toContain('US/GPE');
    expect(t).toContain('Tokyo/GPE');
    expect(doc.entities.filter((e) => e.text.includes('Pacific')).map((e) => e.text)).toEqual(['Asia-Pacific']);
    expect(t.some((x) => x.includes('backed') || x.includes('based'))).toBe(false);
  });
  it('reads Title Case headlines above ordinary text', () => {
    const doc = run('Merkel Meets Obama In Berlin Ahead Of Greek Debt Talks\nThe two leaders met in Berlin on Friday.');
    wellFormed(doc);
    const t = typed(doc);
    expect(t).toContain('Merkel/PERSON');
    expect(t).toContain('Obama/PERSON');
    expect(t.filter((x) => x.startsWith('Berlin'))).toEqual(['Berlin/GPE', 'Berlin/GPE']);
    expect(t.filter((x) => /Meets|Ahead|Debt|Talks/.test(x))).toEqual([]);
  });
  it('tags pre-tokenized sentences as one document', () => {
    const out = tagTokenSentences(
      [
        ['Ana', 'Silva', 'joined', 'the', 'United', 'Nations', 'in', 'Munich', '.'],
        ['Silva', 'left', 'in', '2010', '.'],
      ],
      res,
    );
    expect(out[0].map((e) => [e.start, e.end, e.type])).toEqual([
      [0, 2, 'PERSON'],
      [4, 6, 'ORG'],
      [7, 8, 'GPE'],
    ]);
    expect(out[1].map((e) => [e.start, e.end, e.type])).toEqual([[0, 1, 'PERSON']]);
    expect(tagTokenSentences([], res)).toEqual([]);
    expect(tagTokenSentences([[]], res)).toEqual([[]]);
  });
});

describe('entities stage on hard input', () => {
  it('handles empty text, odd scripts and hostile strings', () => {
    for (const text of [
      '',
      '   \n\n  ',
      '東京で日本と北朝鮮の代表が会談した。',
      'Москва и Токио провели переговоры.',
      'مصر والأردن',
      '😀😀 🇯🇵 \u0000\u0007 \uD800 lone surrogate',
      `${'A'.repeat(50_000)} ${'-'.repeat(10_000)}`,
      `${'Aa-'.repeat(5_000)}`,
    ]) {
      const doc = run(text);
      wellFormed(doc);
    }
  });
  it('copes with all-capitals and Title Case documents', () => {
    const caps = run('JAPAN AND NORTH KOREA HOLD TALKS IN ULAN BATOR. TOKYO SAYS NO BREAKTHROUGH.');
    wellFormed(caps);
    const t = typed(caps);
    expect(t).toContain('JAPAN/GPE');
    expect(t).toContain('NORTH KOREA/GPE');
    const title = run('Japan And North Korea Hold Talks In Mongolia Without A Breakthrough On Abductions');
    wellFormed(title);
    expect(typed(title)).toContain('Mongolia/GPE');
    expect(title.entities.length).toBeLessThan(8);
    const titled = run(
      'The Prime Minister Of The Republic Met The Envoy Of The North In The Capital On Thursday Morning.',
    );
    wellFormed(titled);
    for (const e of [...title.entities, ...titled.entities]) {
      expect(e.text).not.toMatch(/\b(In|On|Met|Without|Hold)\b/);
      if (e.type === 'PERSON') expect(e.text).not.toMatch(/Minister/);
    }
  });
  it('tags a 5,000-sentence document in one pass', () => {
    const doc = run('Kim Chul Ho met officials in Ulan Bator on Thursday. '.repeat(5000));
    wellFormed(doc);
    expect(doc.sentences.length).toBe(5000);
    expect(find(doc, 'Ulan Bator').length).toBeGreaterThan(4900);
  });
  it('explains its decisions when asked', () => {
    const doc = textStage.run(createDoc({ text: 'Abe met Putin in Moscow.' }), textRes, { explain: false });
    const out = entitiesStage.run(doc, res, { explain: true });
    expect(out.explain.some((n) => n.stage === 'entities' && n.message.includes('Moscow'))).toBe(true);
  });
});

describe.runIf(hasShared('examples/japan-north-korea-talks.txt'))('the reference article', () => {
  it('finds its people, organisation, places and nationality', () => {
    const doc = createPipeline('full').run({ text: readFileSync(REFERENCE(), 'utf8'), date: '2007-09-06' });
    wellFormed(doc);
    const typesOf = (text: string) => new Set(find(doc, text).map((e) => e.type));
    for (const p of ['Kim Chul Ho', 'Yoshiki Mine', 'Nobutaka Machimura', 'Shinzo Abe', 'Kim', 'Abe'])
      expect([p, [...typesOf(p)]]).toEqual([p, ['PERSON']]);
    expect([...typesOf('NHK')]).toEqual(['ORG']);
    for (const g of ['Japan', 'North Korea', 'Pyongyang', 'Tokyo', 'Mongolia', 'Vietnam', 'Sydney', 'Ulan Bator'])
      expect([g, [...typesOf(g)]]).toEqual([g, ['GPE']]);
    expect([...typesOf('Japanese')]).toEqual(['NORP']);
    expect(find(doc, 'Thursday')).toEqual([]);
    expect(doc.entities.filter((e) => e.type === 'PERSON' && /Prime|Minister/.test(e.text))).toEqual([]);
  });
});
