// Role nouns and organisations across sectors: the country a phrase names or the sentence gives,
// and the role its head noun gives ("miners" LAB, "aid workers" NGO, "hackers" CRM), names
// that look like a country and a title ("Islamic State"), and places named like capitals.
import { describe, expect, it } from 'vitest';
import { actorByMention, actorsOf } from './helpers.js';

describe('sectors of role nouns', () => {
  it('codes miners as labour and aid workers as non-governmental', () => {
    const t = 'Chilean miners blocked a road while foreign aid workers left the area.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Chilean miners')?.code).toBe('CHLLAB');
    expect(actorByMention(actors, t, 'aid workers')?.code).toBe('NGODEV');
  });
  it('gives students, workers and nurses the country of the sentence', () => {
    const t = 'Egyptian police detained two students after the protest.';
    expect(actorByMention(actorsOf(t), t, 'two students')?.code).toBe('EGYEDU');
    const u = 'Moroccan troops evacuated 30 workers from the plant.';
    expect(actorByMention(actorsOf(u), u, '30 workers')?.code).toBe('MARLAB');
  });
  it('codes hostage-takers as criminals and the Catholic Church as a church', () => {
    const t = 'The hostage-takers freed a priest, the Catholic Church said.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'hostage-takers')?.roles).toContain('CRM');
    expect(actorByMention(actors, t, 'Catholic Church')?.code).toBe('CHRCTH');
  });
});

describe('more sectors', () => {
  it('codes hardliners as radicals, youths as civilians and state television as state media', () => {
    const t = 'Serbian hardliners and Albanian youths clashed, Serbian state television said.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Serbian hardliners')?.code).toBe('SRBRAD');
    expect(actorByMention(actors, t, 'Albanian youths')?.code).toBe('ALBCVL');
    expect(actorByMention(actors, t, 'Serbian state television')?.code).toBe('SRBGOVMED');
  });
  it('codes the Muslim Brotherhood by date, and by the country the phrase names', () => {
    const t = 'The Muslim Brotherhood rejected the plan.';
    expect(actorByMention(actorsOf(t, '2013-01-10'), t, 'Muslim Brotherhood')?.code).toBe('EGYGOVMUS');
    expect(actorByMention(actorsOf(t, '2016-01-10'), t, 'Muslim Brotherhood')?.code).toBe('EGYOPPMUS');
    const u = 'The Jordanian Muslim Brotherhood boycotted the vote.';
    expect(actorByMention(actorsOf(u, '2016-01-10'), u, 'Muslim Brotherhood')?.code).toBe('JOROPPMUS');
  });
  it('codes the Houthis as a movement, not as a person an office list names', () => {
    const t = 'Houthi fighters fired missiles at Saudi Arabia, the Houthis said.';
    const actors = actorsOf(t, '2019-03-01');
    expect(actorByMention(actors, t, 'Houthis')?.code).toBe('YEMREB');
    expect(actorByMention(actors, t, 'Saudi Arabia')?.code).toBe('SAU');
  });
  it('ends a phrase at a past tense verb ("hackers attacked ...")', () => {
    const t = 'Chinese hackers attacked Indian government computers.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Chinese hackers')?.code).toBe('CHNCRM');
    expect(actors.some((a) => a.mentions.some((m) => (m.text ?? '').includes('attacked')))).toBe(false);
  });
  it('gives each country coordinated before "forces" forces of its own', () => {
    const t = 'Ethiopian and Eritrean forces clashed on the border.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Ethiopian')?.code).toBe('ETHMIL');
    expect(actorByMention(actors, t, 'Eritrean forces')?.code).toBe('ERIMIL');
  });
  it('codes a human rights group of no known country as non-governmental', () => {
    const t = 'A human rights group criticised the verdict.';
    expect(actorByMention(actorsOf(t), t, 'human rights group')?.code).toBe('NGOHRI');
  });
  it('gives a number of people the country of the sentence', () => {
    const t = 'Peruvian police detained 40 people in Lima.';
    expect(actorByMention(actorsOf(t), t, '40 people')?.country).toBe('PER');
  });
});

describe('countries of phrases', () => {
  it('codes the country that leads a force ("Saudi-led", "French-led")', () => {
    const t = 'French-led troops and Kenyan-led forces entered the town.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'French-led troops')?.code).toBe('FRAMIL');
    expect(actorByMention(actors, t, 'Kenyan-led forces')?.code).toBe('KENMIL');
  });
  it('reads a name that opens with a particle after its title ("the newspaper La Nacion")', () => {
    const t = 'The Argentine newspaper La Nacion criticised the decree.';
    const a = actorByMention(actorsOf(t), t, 'La Nacion');
    expect(a?.code).toBe('ARGMED');
  });
  it('takes a corrected curated code over the dictionary one (UNITA is Angolan, AGO)', () => {
    const t = 'UNITA rejected the offer.';
    expect(actorByMention(actorsOf(t), t, 'UNITA')?.code).toBe('AGOREB');
  });
});

describe('names that look like a title', () => {
  it('reads "Islamic State" as the group, not a religion and a state', () => {
    const t = 'Islamic State claimed the attack in 2016.';
    expect(actorByMention(actorsOf(t, '2016-05-01'), t, 'Islamic State')?.code).toBe('IMGMUSISI');
  });
  it('does not take the town an army captures for a part of the group it was taken from', () => {
    const t = 'Iraqi troops recaptured the town from Islamic State.';
    const town = actorByMention(actorsOf(t, '2016-05-01'), t, 'town');
    expect(town?.code).not.toBe('IMGMUSISI');
  });
});

describe('places named like capitals', () => {
  it('does not read a capital qualified by another region as that country', () => {
    const t = 'Officials in Paris, Texas, said the fire was out. Moscow, Idaho, police made an arrest.';
    const actors = actorsOf(t);
    expect(actors.some((a) => a.code === 'FRA' || a.code === 'RUS')).toBe(false);
    expect(actors.some((a) => a.country === 'FRA' || a.country === 'RUS')).toBe(false);
  });
  it('still reads a capital qualified by its own country, or in a list of capitals', () => {
    const t = 'Kingston, Jamaica, protested. Paris, Berlin and Rome signed the accord.';
    const actors = actorsOf(t);
    expect(actorByMention(actors, t, 'Kingston')?.code).toBe('JAM');
    expect(actorByMention(actors, t, 'Paris')?.code).toBe('FRA');
  });
  it('does not make an actor of the last word of a hyphenated place name', () => {
    const t = 'Police in Port-au-Prince arrested two men.';
    const actors = actorsOf(t);
    expect(actors.some((a) => a.mentions.some((m) => (m.text ?? '').includes('Prince')))).toBe(false);
  });
});
