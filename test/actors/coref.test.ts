// In-document coreference on texts written for these tests: name variants, pronouns,
// definite descriptions, possessives and compound actors.
import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/actors/index.js';
import { withLayers } from '../../src/doc/doc.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { actorByMention, actorResources, actorsOf, named, textDoc } from './helpers.js';

describe('name variants', () => {
  it('merges a surname with the full name introduced earlier', () => {
    const t = 'Chilean envoy Marta Ibarra Soto arrived on Monday. Ibarra said the talks were useful.';
    const actors = actorsOf(t, '2012-03-01');
    const a = named(actors, 'Marta Ibarra Soto')!;
    expect(a.code).toBe('CHLGOV');
    expect(a.mentions.map((m) => m.text)).toEqual(['Marta Ibarra Soto', 'Ibarra']);
    expect(a.mentions[1].via).toBe('surname');
  });
  it('merges an acronym with the organisation it abbreviates', () => {
    const t =
      'The Southern Fishermen Cooperative Association said prices fell. A spokesman for the SFCA blamed the weather.';
    const actors = actorsOf(t, '2012-03-01');
    const org = actorByMention(actors, t, 'Southern Fishermen Cooperative Association')!;
    expect(org.kind).toBe('organization');
    expect(actorByMention(actors, t, 'SFCA')?.id).toBe(org.id);
    expect(org.mentions[1].via).toBe('acronym');
    // its spokesman speaks for it
    expect(actorByMention(actors, t, 'spokesman')?.belongsTo).toBe(org.id);
  });
  it('merges every name of a country: "the United States", "US", "Washington", "U.S."', () => {
    const t =
      'The United States said the plan was fair. Washington will send an envoy, and U.S. officials backed a US-led review.';
    const actors = actorsOf(t, '2012-03-01');
    const usa = named(actors, 'United States')!;
    expect(usa.code).toBe('USA');
    expect(usa.mentions.map((m) => m.text)).toEqual(['United States', 'Washington', 'US']);
    // "U.S. officials" is a separate government actor
    expect(actorByMention(actors, t, 'U.S. officials')?.code).toBe('USAGOV');
  });
});

describe('generic organisation nouns', () => {
  it('"the group" refers back to the latest organisation, not to a country', () => {
    const t =
      'Hezbollah, which is backed by Iran, vowed to retaliate. A statement from the group said the strikes were illegal. ' +
      'The group also fired rockets at Haifa.';
    const actors = actorsOf(t, '2024-09-22');
    const h = named(actors, 'Hezbollah')!;
    expect(h.code).toBe('LBNREB');
    expect(h.mentions.map((m) => m.text)).toEqual(['Hezbollah', 'group', 'group']);
  });
  it('leaves a name before the generic noun its own name ("the Islamic Jihad movement")', () => {
    const t = 'The radical Palestinian Islamic Jihad movement rejected the invitation, the group said.';
    const actors = actorsOf(t, '2024-09-22');
    const a = actorByMention(actors, t, 'Palestinian Islamic Jihad')!;
    expect(a.code).toMatch(/REB$/);
    expect(actorByMention(actors, t, 'group')?.id).toBe(a.id);
  });
  it('makes no actor of "the group" with no organisation before it', () => {
    const t = 'Iran said the group of experts would meet in Geneva.';
    expect(actorsOf(t, '2024-09-22').map((a) => a.name)).not.toContain('group');
  });
});

describe('unknown single names', () => {
  it('become actors when the text keeps using them as actors; the pronoun decides the kind', () => {
    const t =
      'Zentrix announced new job cuts on Monday. Workers protested, but Zentrix said it would not change its plan. ' +
      'Orlov, who founded the firm, was not available. Orlov said he expected more talks.';
    const actors = actorsOf(t, '2012-03-01');
    const z = named(actors, 'Zentrix')!;
    expect(z.kind).toBe('organization');
    expect(z.mentions.map((m) => m.text)).toEqual(['Zentrix', 'Zentrix', 'it', 'its']);
    const o = named(actors, 'Orlov')!;
    expect(o.kind).toBe('person');
    expect(o.mentions.map((m) => m.text)).toEqual(['Orlov', 'Orlov', 'he']);
  });
  it('leave a capitalised word seen once alone', () => {
    const t = 'The plan, called Horizon, was approved.';
    expect(actorsOf(t, '2012-03-01')).toEqual([]);
  });
});

describe('pronouns', () => {
  it('resolves "he said" after a quotation to the person speaking before it', () => {
    const t =
      'Ghanaian envoy Kofi Mensah Boateng met the committee on Friday. "We have made progress," he said. ' +
      'Brazilian envoy Lucia Pereira Gomes was less hopeful. "Nothing has changed," she said.';
    const actors = actorsOf(t, '2012-03-01');
    const kofi = named(actors, 'Kofi Mensah Boateng')!;
    const lucia = named(actors, 'Lucia Pereira Gomes')!;
    expect(kofi.mentions.map((m) => m.text)).toEqual(['Kofi Mensah Boateng', 'he']);
    expect(lucia.mentions.map((m) => m.text)).toEqual(['Lucia Pereira Gomes', 'she']);
  });
  it('prefers the subject for "its" and agrees in animacy', () => {
    const t = 'Indonesian envoy Budi Santoso said Jakarta was ready to talk to Canberra about its fishing fleet.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actorByMention(actors, t, 'its')?.code).toBe('IDN');
    // a person is never "it"
    expect(named(actors, 'Budi Santoso')?.mentions.map((m) => m.text)).toEqual(['Budi Santoso']);
  });
  it('resolves "they" to a compound actor and leaves expletive "it" alone', () => {
    const t = 'Peru and Chile ended their meeting on Monday, but they agreed to meet again. It is unclear when.';
    const actors = actorsOf(t, '2012-03-01');
    const pair = actorByMention(actors, t, 'Peru and Chile')!;
    expect(pair.kind).toBe('group');
    expect(pair.mentions.map((m) => m.text)).toContain('they');
    expect(actorByMention(actors, t, 'It')).toBeUndefined();
  });
  it('uses the parse for grammatical functions when the syntax layer is present', () => {
    const t = 'Jakarta was ready to talk to Canberra about its fleet.';
    const doc = textDoc(t, '2012-03-01');
    // a parse that makes Canberra the subject: the pronoun must follow the parse, not the heuristics
    const deps: Record<string, [string, string]> = {
      Jakarta: ['PROPN', 'obl'],
      Canberra: ['PROPN', 'nsubj'],
      its: ['PRON', 'nmod:poss'],
    };
    const tokens = doc.tokens.map((tok, i) => {
      const [pos, dep] = deps[tok.text] ?? ['X', 'dep'];
      return { ...tok, pos, dep, head: i === 0 ? -1 : 0 };
    });
    const parsed = withLayers(doc, ['syntax'], { tokens });
    const actors = findActors(parsed, actorResources());
    expect(actorByMention(actors, t, 'its')?.code).toBe('AUS');
    // and without the parse, the heuristics take Jakarta (the subject by position)
    expect(actorByMention(findActors(doc, actorResources()), t, 'its')?.code).toBe('IDN');
  });
  it('uses the entities layer for names it does not know', () => {
    const t = 'Okonjo arrived on Monday and met Adeyemi.';
    const doc = textDoc(t, '2012-03-01');
    expect(findActors(doc, actorResources())).toEqual([]);
    const entities = ['Okonjo', 'Adeyemi'].map((w) => ({
      start: t.indexOf(w),
      end: t.indexOf(w) + w.length,
      text: w,
      type: 'PERSON',
    }));
    const actors = findActors(withLayers(doc, ['entities'], { entities }), actorResources());
    expect(actors.map((a) => [a.name, a.kind])).toEqual([
      ['Okonjo', 'person'],
      ['Adeyemi', 'person'],
    ]);
  });
});

describe('descriptions and possessives', () => {
  it('resolves "the envoy" to the envoy named before', () => {
    const t = 'Ghanaian envoy Kofi Mensah Boateng arrived in the capital. The envoy then met the press.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actorByMention(actors, t, 'envoy', 1)?.name).toBe('Kofi Mensah Boateng');
  });
  it('links "Abe\'s government" to Abe and codes it by his country', () => {
    const t = "Prime Minister Shinzo Abe spoke first. Abe's government later imposed sanctions.";
    const actors = actorsOf(t, '2007-05-01');
    const abe = named(actors, 'Shinzo Abe')!;
    const gov = actorByMention(actors, t, 'government')!;
    expect(abe.code).toBe('JPNGOV');
    expect(gov).toMatchObject({ kind: 'organization', code: 'JPNGOV', belongsTo: abe.id });
    expect(abe.mentions.map((m) => m.text)).toEqual(['Shinzo Abe', 'Abe']);
  });
  it('merges the same description: "Kenyan police" ... "Kenyan police"', () => {
    const t = 'Kenyan police closed the road. Later, Kenyan police reopened it.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actors.filter((a) => a.code === 'KENCOP')).toHaveLength(1);
  });
});

describe('names', () => {
  it('reads a month\'s name before a person\'s name as a given name ("Jan Egeland"), not in a date', () => {
    // with the entity tagger's person names: the full pipeline
    const t = 'Talks resume on Jan 5, UN envoy Jan Kubis said. Jan Egeland, the relief chief, agreed.';
    const actors = [...createPipeline('full').run({ text: t, date: '2012-03-01' }).actors];
    const egeland = actorByMention(actors, t, 'Jan Egeland');
    expect(egeland?.kind).toBe('person');
    expect(actors.some((a) => a.mentions.some((m) => (m.text ?? '').startsWith('Jan 5')))).toBe(false);
  });
});

describe('postings', () => {
  it('reads the country after "ambassador to" / "embassy in" as an actor of its own, not the agent\'s name', () => {
    const t = "Turkey recalled its ambassador to Israel. Britain's ambassador to Russia Tony Brenton left.";
    const actors = actorsOf(t, '2008-03-01');
    expect(actorByMention(actors, t, 'ambassador')!.code).toBe('TURGOV');
    expect(actorByMention(actors, t, 'Israel')!.code).toBe('ISR');
    expect(actorByMention(actors, t, 'Russia')!.code).toBe('RUS');
    const brenton = actorByMention(actors, t, 'Tony Brenton')!;
    expect(brenton.code?.slice(0, 3)).toBe('GBR');
    expect(brenton.kind).toBe('person');
  });
});

describe('compound actors', () => {
  it('exposes the members of a coordination and of "the two nations" / "neither side"', () => {
    const t =
      'Peru and Chile resumed talks on Monday. Neither side gave ground, and the two nations will meet again in May.';
    const actors = actorsOf(t, '2012-03-01');
    const peru = named(actors, 'Peru')!;
    const chile = named(actors, 'Chile')!;
    const pair = actorByMention(actors, t, 'Peru and Chile')!;
    expect(pair.members).toEqual([peru.id, chile.id]);
    expect(pair.mentions.map((m) => m.text)).toEqual(['Peru and Chile', 'Neither side', 'two nations']);
    expect(pair.code).toBeNull();
  });
  it('gives a compound of actors with one code that code', () => {
    const t = 'Syrian rebels and Syrian militants attacked the base.';
    const actors = actorsOf(t, '2012-03-01');
    const pair = actors.find((a) => a.kind === 'group' && a.members)!;
    expect(pair.code).toBe('SYRREB');
  });
  it('gives each country coordinated before one head noun that noun ("Israeli and Palestinian negotiators")', () => {
    const t = 'Israeli and Palestinian negotiators met in Cairo. French, German and British officials joined them.';
    const actors = actorsOf(t, '2012-03-01');
    const israeli = actorByMention(actors, t, 'Israeli')!;
    const palestinian = actorByMention(actors, t, 'Palestinian negotiators')!;
    expect([israeli.code, palestinian.code]).toEqual(['ISRGOV', 'PSEGOV']);
    expect(israeli.kind).toBe('group');
    expect(actorByMention(actors, t, 'Israeli and Palestinian negotiators')!.members).toEqual([
      israeli.id,
      palestinian.id,
    ]);
    const three = actorByMention(actors, t, 'French, German and British officials')!;
    expect(three.members!.map((id) => actors.find((a) => a.id === id)!.code)).toEqual(['FRAGOV', 'DEUGOV', 'GBRGOV']);
  });
  it('reads a country name before such a head as a modifier ("US and South Korean troops")', () => {
    const t = 'US and South Korean troops held exercises near the border.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actorByMention(actors, t, 'US')!.code).toBe('USAMIL');
    expect(actors.some((a) => a.code === 'USA')).toBe(false);
    expect(actorByMention(actors, t, 'US and South Korean troops')!.members).toHaveLength(2);
    const u = 'The Indian and Chinese armies pulled back.';
    const withArticle = actorsOf(u, '2012-03-01');
    expect(actorByMention(withArticle, u, 'Indian')!.code).toBe('INDMIL');
  });
  it('gives each country after "the ministers of" a minister ("the foreign ministers of Japan and South Korea")', () => {
    const t = "The defence ministers of France, Italy and Germany met. The minister of Chile and Peru's envoy spoke.";
    const actors = actorsOf(t, '2012-03-01');
    const group = actorByMention(actors, t, 'The defence ministers of France, Italy and Germany')!;
    expect(group.members!.map((id) => actors.find((a) => a.id === id)!.code)).toEqual(['FRAGOV', 'ITAGOV', 'DEUGOV']);
    // one minister (singular): Chile's; Peru stays a country of its own
    expect(actorByMention(actors, t, 'minister', 1)!.code).toBe('CHLGOV');
    expect(actors.filter((a) => a.members).length).toBe(1);
  });
  it('leaves coordinations that share no head noun as they are', () => {
    const t =
      'Japan and North Korea met. Japanese officials and North Korea disagreed. Israeli troops and Palestinians clashed.';
    const actors = actorsOf(t, '2012-03-01');
    expect(named(actors, 'Japan')!.code).toBe('JPN');
    expect(actorByMention(actors, t, 'Japanese officials')!.code).toBe('JPNGOV');
    expect(actorByMention(actors, t, 'Israeli troops')!.code).toBe('ISRMIL');
    expect(actors.filter((a) => a.code === 'ISRGOV' || a.code === 'PRKGOV')).toHaveLength(0);
  });
  it('builds a pair from the two most salient countries when no coordination named them', () => {
    const t = 'Peru protested to Chile. Chile rejected the note. The two countries have argued for years.';
    const actors = actorsOf(t, '2012-03-01');
    const pair = actorByMention(actors, t, 'two countries')!;
    expect(pair.members?.sort()).toEqual([named(actors, 'Peru')!.id, named(actors, 'Chile')!.id].sort());
  });
});
