// Nationality and role phrases without a named country: demonyms before common nouns, peoples
// of a country, ethnic groups, and the country of the place a sentence names as context.
import { describe, expect, it } from 'vitest';
import { actorByMention, actorsOf } from './helpers.js';

describe('demonyms and peoples', () => {
  it('codes a demonym before a common noun as its country', () => {
    const t = 'Chile rejected a Peruvian proposal on Monday.';
    expect(actorByMention(actorsOf(t), t, 'Peruvian')?.code).toBe('PER');
  });
  it('keeps languages out', () => {
    const t = 'Spanish lessons and the German language are popular.';
    expect(actorByMention(actorsOf(t), t, 'German')).toBeUndefined();
  });
  it('codes a people of a country by the country ("Bosnian Serbs", "Iraqi Kurds")', () => {
    const t = 'Bosnian Croats and Iraqi Kurds marched.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Bosnian Croats')?.code).toBe('BIHCVL');
    expect(actorByMention(actors, t, 'Iraqi Kurds')?.code).toBe('IRQCVL');
  });
  it('reads plural demonyms of the -b/-t/-k kind ("Serbs", "Croats", "Turks")', () => {
    const t = 'The Croats and the Turks agreed.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'The Croats')?.country).toBe('HRV');
    expect(actorByMention(actors, t, 'the Turks')?.country).toBe('TUR');
  });
  it('codes military vehicles by nationality', () => {
    const t = 'French helicopters and Dutch aircraft flew over the area.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'French helicopters')?.code).toBe('FRAMIL');
    expect(actorByMention(actors, t, 'Dutch aircraft')?.code).toBe('NLDMIL');
  });
});

describe('country from the place named in the sentence', () => {
  it('gives an ethnic group the country it lives in, not the one its name evokes', () => {
    const t = 'Ethnic Hungarians in Romania demanded more rights.';
    const a = actorByMention(actorsOf(t), t, 'Ethnic Hungarians');
    expect(a?.code).toBe('ROUCVL');
  });
  it('gives role-only actors the country of the capital they act in', () => {
    const t = 'Opposition leaders postponed a rally in Nairobi.';
    expect(actorByMention(actorsOf(t), t, 'Opposition leaders')?.country).toBe('KEN');
  });
  it('codes the European Community as the EU', () => {
    const t = 'The European Community gave Senegal aid.';
    expect(actorByMention(actorsOf(t), t, 'European Community')?.code).toBe('IGOEUREEC');
  });
});

describe('appositions and comma lists', () => {
  it('reads "the president, NAME," as one person with the title', () => {
    const t = 'The then president, Goodluck Jonathan, had rejected the proposals.';
    const actors = actorsOf(t);
    const a = actorByMention(actors, t, 'Goodluck Jonathan');
    expect(a?.title).toBe('president');
    expect(actors.some((x) => x.members?.length)).toBe(false);
  });
  it('does not make a group of a comma list without "and"', () => {
    const t = 'They fought near Bulgaria, Macedonian officials said.';
    expect(actorsOf(t).some((x) => x.members?.length)).toBe(false);
  });
});
