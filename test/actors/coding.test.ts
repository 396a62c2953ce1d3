// Actor coding on sentences written for these tests: dates of office, noun-phrase coding,
// context, and the output shape.
import { describe, expect, it } from 'vitest';
import type { ExplainNote } from '../../src/doc/doc.js';
import { actorByMention, actorsOf, named } from './helpers.js';

describe('dates of office', () => {
  const text = 'Shinzo Abe said the plan would go ahead.';
  it('codes a known person by the office held at the document date', () => {
    expect(named(actorsOf(text, '2007-05-01'), 'Shinzo Abe')?.code).toBe('JPNGOV');
    expect(named(actorsOf(text, '2016-05-01'), 'Shinzo Abe')?.code).toBe('JPNGOV');
    // between his terms: the dictionary default (a former official)
    expect(named(actorsOf(text, '2010-05-01'), 'Shinzo Abe')?.code).toBe('JPNELI');
  });
  it('counts a bare surname from an office list only while in office', () => {
    // REIGN lists some leaders by surname alone
    const t = 'Shagari told reporters he expected a deal.';
    expect(actorByMention(actorsOf(t, '1981-01-10'), t, 'Shagari')?.code).toBe('NGAGOV');
    expect(actorByMention(actorsOf(t, '1995-01-10'), t, 'Shagari')).toBeUndefined();
  });
  it('lets the phrase code a known person when no dated office covers the date', () => {
    const t = 'Former Prime Minister Shinzo Abe said the plan would go ahead.';
    expect(named(actorsOf(t, '2010-05-01'), 'Shinzo Abe')?.code).toBe('JPNELI');
    const u = 'French President Jacques Chirac visited the troops.';
    // no date: the title in the text beats the dictionary default (ELI)
    expect(named(actorsOf(u, null), 'Jacques Chirac')?.code).toBe('FRAGOV');
  });
});

describe('noun-phrase coding', () => {
  const cases: Array<[string, string, string]> = [
    ['Japanese Foreign Minister Taro Yamada met his counterpart.', 'Taro Yamada', 'JPNGOV'],
    ['Four Saudi men were arrested at the border.', 'Four Saudi men', 'SAU'],
    ['American warplanes struck the depot overnight.', 'American warplanes', 'USAMIL'],
    ['Syrian rebels seized the town on Monday.', 'Syrian rebels', 'SYRREB'],
    ['A North Korean envoy arrived in the capital.', 'North Korean envoy', 'PRKGOV'],
    ['Kenyan police dispersed the crowd.', 'Kenyan police', 'KENCOP'],
    ['Brazilian lawmakers rejected the bill.', 'Brazilian lawmakers', 'BRALEG'],
    ['An Indian court froze the accounts.', 'Indian court', 'INDJUD'],
    ['Turkish journalists protested outside the building.', 'Turkish journalists', 'TURMED'],
    ['Israeli troops left the village.', 'Israeli troops', 'ISRMIL'],
    ['Egyptian protesters gathered in the square.', 'Egyptian protesters', 'EGYOPP'],
    ['A White House spokesman declined to comment.', 'White House spokesman', 'USAGOV'],
    ['The Kremlin rejected the offer.', 'Kremlin', 'RUSGOV'],
    ['A senior U.S. official today praised the plan.', 'senior U.S. official', 'USAGOV'],
    ['The White House welcomed the vote.', 'White House', 'USAGOV'],
    ['NATO sent more jets to the region.', 'NATO', 'IGOWSTNAT'],
    ['Former President Carlos Mendes left the country.', 'Carlos Mendes', 'ELI'],
  ];
  for (const [text, surface, code] of cases)
    it(`"${surface}" -> ${code}`, () => {
      const a = actorByMention(actorsOf(text, '2012-03-01'), text, surface);
      expect(a?.code).toBe(code);
    });

  it('codes a named organisation by its title: "Chilean state broadcaster TVN"', () => {
    const t = 'Chilean public broadcaster Radiovision reported the results.';
    const a = actorByMention(actorsOf(t, '2012-03-01'), t, 'Radiovision');
    expect(a).toMatchObject({ kind: 'organization', code: 'CHLMED', country: 'CHL', title: 'public broadcaster' });
  });
  it('keeps the whole phrase as the mention extent and the name as the mention', () => {
    const t = 'Peruvian envoy Ana Quispe Flores said talks would resume.';
    const a = named(actorsOf(t, '2012-03-01'), 'Ana Quispe Flores')!;
    expect(a.code).toBe('PERGOV');
    expect(a.mentions[0]).toMatchObject({ text: 'Ana Quispe Flores', extent: { start: 0, end: 32 } });
  });
  it('reads "envoy of Japan" and possessives: "Abe\'s government", "Japan\'s foreign minister"', () => {
    const t = "The envoy of Norway met Shinzo Abe. Abe's government then wrote to Japan's foreign minister.";
    const actors = actorsOf(t, '2007-05-01');
    expect(actorByMention(actors, t, 'envoy')?.code).toBe('NORGOV');
    const gov = actorByMention(actors, t, 'government')!;
    expect(gov.code).toBe('JPNGOV');
    expect(gov.belongsTo).toBe(named(actors, 'Shinzo Abe')?.id);
    expect(actorByMention(actors, t, 'foreign minister')?.code).toBe('JPNGOV');
  });
  it('codes a title the knowledge base holds as one alias as its parts', () => {
    const t = 'Russian President Boris Yeltsin hosted the talks.';
    const a = named(actorsOf(t, '1997-11-01'), 'Boris Yeltsin')!;
    expect(a.code).toBe('RUSGOV');
    expect(a.title).toBe('President');
  });
  it('does not make actors of places, languages and adjectives', () => {
    const t = 'The talks were held in Mongolia, where Korean and Japanese language classes are popular.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actors).toEqual([]);
  });
  it('keeps a country after a direction but not a capital: "arms to Pakistan", "flew to Paris"', () => {
    const t = 'The minister flew to Paris after Germany sent arms to Pakistan.';
    const actors = actorsOf(t, '2012-03-01');
    expect(actorByMention(actors, t, 'Pakistan')?.code).toBe('PAK');
    expect(actorByMention(actors, t, 'Paris')).toBeUndefined();
    expect(actorByMention(actors, t, 'Germany')?.code).toBe('DEU');
  });
  it('codes an international organisation and its members', () => {
    const t = 'The United Nations said its peacekeepers would stay.';
    const actors = actorsOf(t, '2012-03-01');
    expect(named(actors, 'United Nations')?.code).toBe('IGOUNO');
    expect(actorByMention(actors, t, 'peacekeepers')?.code).toBe('IGOUNO');
    expect(actorByMention(actors, t, 'its')?.name).toBe('United Nations');
  });
});

describe('country from context', () => {
  it('uses the nearest compatible actor, with a lower confidence', () => {
    const t = 'Kenya closed its border. Officials said the crossing would reopen.';
    const a = actorByMention(actorsOf(t, '2012-03-01'), t, 'Officials')!;
    expect(a.code).toBe('KENGOV');
    expect(a.confidence).toBeLessThan(0.7);
  });
  it('uses the dateline when the text names no country', () => {
    const t = 'NAIROBI, March 3 (Reuters) - The police said on Saturday that the road was closed.';
    const doc = actorsOf(t, '2012-03-03');
    expect(actorByMention(doc, t, 'police')?.code).toBe('KENCOP');
  });
  it('gives an unknown head of government the country the document is about', () => {
    const t =
      'Chile will hold elections in May. Chile has a new electoral law. Voters are divided. ' +
      'Prime Minister Juan Carrasco Vidal said on Monday that turnout would be high.';
    const a = actorByMention(actorsOf(t, '2012-03-01'), t, 'Juan Carrasco Vidal')!;
    expect(a.code).toBe('CHLGOV');
    expect(a.confidence).toBeLessThan(0.6);
  });
  it('gives the role alone when no country can be found', () => {
    const t = 'Police said the road was closed.';
    expect(actorByMention(actorsOf(t, '2012-03-03'), t, 'Police')?.code).toBe('COP');
  });
});

describe('explanations', () => {
  it('says how each actor was coded', () => {
    const notes: ExplainNote[] = [];
    actorsOf('Syrian rebels seized the town.', '2012-03-01', notes);
    const text = notes.map((n) => n.message).join('\n');
    expect(text).toContain('SYRREB');
    expect(text).toMatch(/demonym/);
    expect(notes.every((n) => n.stage === 'actors' && n.sentence === 0)).toBe(true);
  });
});
