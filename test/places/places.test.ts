import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/doc/types.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { placesStage } from '../../src/places/index.js';
import { textStage } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const pipeline = new Pipeline([textStage, placesStage]);
const places = (text: string): Place[] => pipeline.run({ text }).places.slice();
const find = (ps: readonly Place[], text: string) => ps.find((p) => p.text === text);

describe('places stage: resolution in context', () => {
  it('reads Sydney in an Asia-Pacific story as Sydney, Australia', () => {
    const ps = places(
      'The foreign minister said in Sydney, where he is attending an Asia-Pacific meeting, that talks would go on.',
    );
    expect(find(ps, 'Sydney')).toMatchObject({ country: 'AUS', name: 'Sydney' });
    expect(ps.some((p) => p.text.includes('Asia'))).toBe(false);
  });

  it('follows a comma qualifier: Sydney, Nova Scotia and Paris, Texas', () => {
    const ns = places('The ferry docked in Sydney, Nova Scotia, on Friday.');
    expect(find(ns, 'Sydney')).toMatchObject({ country: 'CAN', admin1: 'Nova Scotia' });
    const tx = places('She grew up in Paris, Texas, before moving away.');
    expect(find(tx, 'Paris')).toMatchObject({ country: 'USA', admin1: 'Texas' });
  });

  it('reads Washington in a diplomatic story as the US capital, Texas as the state, U.S. as the country', () => {
    const ps = places(
      'Officials in Washington said the U.S. would send envoys to Beijing and Moscow. The governor of Texas disagreed.',
    );
    expect(find(ps, 'Washington')).toMatchObject({ country: 'USA', featureCode: 'PPLC' });
    expect(find(ps, 'U.S.')).toMatchObject({ country: 'USA', featureCode: 'PCLI' });
    expect(find(ps, 'Texas')).toMatchObject({ country: 'USA', featureCode: 'ADM1' });
  });

  it('uses the document context for Georgia', () => {
    const us = places(
      'Voters in Atlanta, Georgia, and across Alabama and Florida went to the polls. Georgia counted late.',
    );
    expect(find(us, 'Georgia')?.featureCode).toBe('ADM1');
    const caucasus = places('Russia and Georgia fought over South Ossetia. Tbilisi said Georgia would not yield.');
    expect(find(caucasus, 'Georgia')?.featureCode).toBe('PCLI');
  });

  it('picks a small town of unknown population only with its country and division in the story', () => {
    const ab = places(
      'Innisfail skaters train in Red Deer and Edmonton. The Alberta team met in Innisfail, Canada, on Friday.',
    );
    expect(find(ab, 'Red Deer')).toMatchObject({ country: 'CAN' });
    expect(ab.filter((p) => p.text === 'Innisfail').map((p) => p.country)).toEqual(['CAN', 'CAN']);
    // without that context the known namesake (Innisfail, Queensland) wins
    expect(find(places('Cyclone warnings were issued in Innisfail on Friday.'), 'Innisfail')).toMatchObject({
      country: 'AUS',
    });
  });

  it('reads province abbreviations whose period the tokenizer splits off', () => {
    const on = places('They bought a brick home in Barrie, Ont., complete with a garage.');
    expect(find(on, 'Barrie')).toMatchObject({ country: 'CAN', admin1: 'Ontario' });
    expect(find(on, 'Ont.')).toMatchObject({ country: 'CAN', featureCode: 'ADM1' });
    const bc = places('She spoke on a strip in Surrey, B.C. She said it was cold.');
    expect(find(bc, 'Surrey')).toMatchObject({ country: 'CAN', admin1: 'British Columbia' });
    // a sentence-final place keeps its span without the period
    expect(find(places('He moved to Washington.'), 'Washington')?.end).toBe('He moved to Washington'.length);
  });

  it('reads a city known under another name before hamlets of that name', () => {
    // Palmyra is Tadmur, Syria (51,000 people), and also several small US towns
    expect(find(places('Islamic State fighters destroyed ancient temples in Palmyra.'), 'Palmyra')).toMatchObject({
      country: 'SYR',
    });
    // a place's own name still wins against a town that is not far larger
    expect(find(places('The fair opened in Santos Dumont on Friday.'), 'Santos Dumont')).toMatchObject({
      country: 'BRA',
    });
  });

  it('lets two uncertain names that are neighbours explain each other', () => {
    const ps = places('The ferry from Dover to Calais was cancelled because of the strike.');
    expect(find(ps, 'Dover')).toMatchObject({ country: 'GBR' });
    expect(find(ps, 'Calais')).toMatchObject({ country: 'FRA' });
  });

  it('takes the kind of place from a generic word before the name', () => {
    const ga = places('The governor of Georgia said Atlanta would host the convention.');
    expect(find(ga, 'Georgia')).toMatchObject({ country: 'USA', featureCode: 'ADM1' });
    const idlib = places('Militants shelled the town of Homs and the province of Idlib.');
    expect(find(idlib, 'Homs')?.featureCode).toMatch(/^PPL/);
    expect(find(idlib, 'Idlib')).toMatchObject({ featureCode: 'ADM1' });
    // a town the gazetteer lacks is not the country of its name, and "City" is no place
    const tx = places('Tickets are sold by the City of Turkey, Texas, which hosts the festival.');
    expect(find(tx, 'Turkey')?.country ?? null).not.toBe('TUR');
    expect(find(tx, 'City')).toBeUndefined();
  });

  it('keeps an alternate spelling of a small town that its qualifier contains', () => {
    expect(find(places('A man from Clacton, Essex, was charged.'), 'Clacton')).toMatchObject({
      country: 'GBR',
      name: 'Clacton-on-Sea',
    });
    expect(find(places('Officials said Clacton was calm.'), 'Clacton')).toBeUndefined();
  });

  it('does not read an odd alternate name as a place without place context', () => {
    // GeoNames lists "Google" as an alternate name of Topeka
    expect(find(places('Google said its cars have a human driver.'), 'Google')).toBeUndefined();
    // the known exonyms are curated names and stand alone
    expect(find(places('Kiev said the talks had failed.'), 'Kiev')).toMatchObject({ country: 'UKR' });
  });

  it('does not read a compass word that begins a longer name as a division', () => {
    const ps = places('Protesters in South Ossetia rallied, and Georgia sent police.');
    expect(find(ps, 'South')).toBeUndefined();
  });

  it('keeps one sense per document', () => {
    const ps = places('Flooding hit London, Ontario, on Monday. Residents of London said the river rose fast.');
    const londons = ps.filter((p) => p.text === 'London');
    expect(londons.length).toBe(2);
    expect(new Set(londons.map((p) => p.country))).toEqual(new Set(['CAN']));
  });
});

describe('places stage: names that are usually not places', () => {
  it('does not read common words as places', () => {
    expect(places('Reading is a pleasure. Nice weather helps. Most people agree.')).toEqual([]);
    expect(places('Mobile phones were banned at the meeting.')).toEqual([]);
    expect(places('The talks broke down in March and resumed in May.')).toEqual([]);
  });

  it('reads them as places with place context', () => {
    const ps = places('The train from London stopped in Reading on its way west.');
    expect(find(ps, 'Reading')).toMatchObject({ country: 'GBR' });
    expect(find(places('The festival in Nice, France, drew crowds.'), 'Nice')).toMatchObject({ country: 'FRA' });
    expect(find(places('Flooding hit Mobile, Alabama, on Monday.'), 'Mobile')).toMatchObject({
      country: 'USA',
      admin1: 'Alabama',
    });
  });

  it('does not read china the ceramic as China the country', () => {
    expect(places('They ate from bone china and fine china, kept in a china cabinet.')).toEqual([]);
    expect(find(places('China and Japan signed a trade deal.'), 'China')).toMatchObject({
      country: 'CHN',
      featureCode: 'PCLI',
    });
  });

  it('does not read person names as places', () => {
    const ps = places('North Korean envoy Kim Chul Ho said Kim would return. Jordan Peterson spoke later.');
    expect(ps.map((p) => p.text)).not.toContain('Kim');
    expect(ps.map((p) => p.text)).not.toContain('Jordan');
  });

  it('reads Jordan the country in a list of countries', () => {
    const ps = places('Refugees fled to Jordan, Lebanon and Turkey.');
    expect(find(ps, 'Jordan')).toMatchObject({ country: 'JOR', featureCode: 'PCLI' });
  });

  it('treats demonyms as context, not places', () => {
    const ps = places('Japanese officials met North Korean envoys.');
    expect(ps).toEqual([]);
  });
});

describe('places stage: hostile and odd input', () => {
  it('copes with empty, odd scripts, and huge inputs', () => {
    expect(places('')).toEqual([]);
    expect(places('東京で会議が開かれた。 Москва. 🇺🇸🇺🇸')).toBeInstanceOf(Array);
    const big = 'In Paris and Berlin, '.repeat(5000);
    const ps = places(big);
    expect(ps.length).toBe(10000);
    expect(places(`${'A'.repeat(50000)} in ${'Ab '.repeat(20000)}`)).toBeInstanceOf(Array);
    expect(places('New New New New New New New New New New York York')).toBeInstanceOf(Array);
  });

  it('reports offsets that point at the text', () => {
    const text = 'Protests spread from Cairo to Alexandria, Egypt’s second city.';
    for (const p of pipeline.run({ text }).places) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});

describe('places stage: with an entities layer', () => {
  const withEntities = (text: string, entities: Array<{ text: string; type: string }>) => {
    const base = new Pipeline([textStage]).run({ text });
    const ents = entities.map((e) => {
      const start = text.indexOf(e.text);
      return { start, end: start + e.text.length, text: e.text, type: e.type };
    });
    const doc = { ...base, entities: ents, layers: [...base.layers, 'entities' as const] };
    return placesStage.run(doc, resources, { explain: false }).places;
  };
  const resources = placesStage.load({ dataDir: join(repoDir, 'data') });

  it('does not read a PERSON entity as a place, and keeps GPE spans', () => {
    const ps = withEntities('Jordan met officials in Amman on Monday.', [
      { text: 'Jordan', type: 'PERSON' },
      { text: 'Amman', type: 'GPE' },
    ]);
    expect(ps.map((p) => p.text)).toEqual(['Amman']);
    expect(ps[0]).toMatchObject({ country: 'JOR' });
  });

  it('reads a province abbreviation the tagger typed without its period', () => {
    const ps = withEntities('Lucy Lau was born in Churchill, Man. Her parents did not know.', [
      { text: 'Churchill', type: 'GPE' },
      { text: 'Man', type: 'GPE' },
    ]);
    expect(find(ps, 'Man.')).toMatchObject({ country: 'CAN', featureCode: 'ADM1' });
    expect(find(ps, 'Churchill')).toMatchObject({ country: 'CAN', admin1: 'Manitoba' });
  });

  it('keeps the place an institution is named after, not a place inside a university name', () => {
    const ps = withEntities('The Glasgow Police Department said the Metcalfe County Sheriff’s Office helped.', [
      { text: 'Glasgow Police Department', type: 'ORG' },
      { text: 'Metcalfe County Sheriff', type: 'ORG' },
    ]);
    expect(ps.map((p) => p.text)).toEqual(['Glasgow', 'Metcalfe County']);
    expect(find(ps, 'Metcalfe County')).toMatchObject({ country: 'USA', admin1: 'Kentucky' });
    const uni = withEntities('He studied at Aberystwyth University in the 1990s.', [
      { text: 'Aberystwyth University', type: 'ORG' },
    ]);
    expect(uni).toEqual([]);
  });

  it('overrules a PERSON or MISC label where the text says place', () => {
    const ps = withEntities(
      'The suspect, Wesley Brookes, 18, of Regina, was seen in Saskatoon with a friend from Hugo, Oklahoma.',
      [
        { text: 'Wesley Brookes', type: 'PERSON' },
        { text: 'Regina', type: 'PERSON' },
        { text: 'Saskatoon', type: 'PERSON' },
        { text: 'Hugo', type: 'PERSON' },
      ],
    );
    expect(find(ps, 'Regina')).toMatchObject({ country: 'CAN' });
    expect(find(ps, 'Saskatoon')).toMatchObject({ country: 'CAN' });
    expect(find(ps, 'Hugo')).toMatchObject({ country: 'USA', admin1: 'Oklahoma' });
    // a person whose name starts with a place name stays a person, after "in" too
    const person = withEntities('The league has a star in Sidney Crosby.', [{ text: 'Sidney Crosby', type: 'PERSON' }]);
    expect(person).toEqual([]);
    // a lone word typed PERSON that names a town of a country named in the passage
    const palmyra = withEntities('Syrian troops retook Palmyra from the militants.', [
      { text: 'Palmyra', type: 'PERSON' },
    ]);
    expect(find(palmyra, 'Palmyra')).toMatchObject({ country: 'SYR' });
    const region = withEntities('Youth crime rose in Far North Queensland.', [
      { text: 'Far North Queensland', type: 'PERSON' },
    ]);
    expect(find(region, 'Queensland')).toMatchObject({ country: 'AUS', featureCode: 'ADM1' });
  });

  it('does not read the last word of a longer name typed as a place as a place of its own', () => {
    const ps = withEntities('The dog was kept warm at Winnipeg Animal Emergency Hospital.', [
      { text: 'Winnipeg Animal Emergency Hospital', type: 'GPE' },
    ]);
    expect(ps.map((p) => p.text)).toEqual(['Winnipeg']);
  });

  it('keeps a prominent place inside an organisation name, not a hamlet', () => {
    const ps = withEntities('The Winnipeg Free Press reported it first.', [
      { text: 'Winnipeg Free Press', type: 'ORG' },
    ]);
    expect(ps.map((p) => p.text)).toEqual(['Winnipeg']);
  });
});
