import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/places/gazetteer.js';
import { placeKey } from '../../src/places/key.js';
import { repoDir } from '../shared.js';

const gaz = Gazetteer.load(join(repoDir, 'data/places/gazetteer.bin'));
const best = (name: string) => {
  const c = gaz.lookup(name)[0];
  return c
    ? { name: gaz.name(c.feature), country: gaz.iso3(c.feature), code: gaz.featureCode(c.feature), f: c.feature }
    : null;
};

describe('placeKey', () => {
  it('folds case, accents, dashes and spaces', () => {
    expect(placeKey('Ulan-Bator')).toBe(placeKey('ULAN  BATOR'));
    expect(placeKey('Zürich')).toBe('zurich');
    expect(placeKey('Łódź')).toBe('lodz');
    expect(placeKey('St. John’s')).toBe("st. john's");
  });
});

describe('gazetteer', () => {
  it('knows alternate names and transliterations', () => {
    const ub = best('Ulan Bator')!;
    expect(ub).toMatchObject({ name: 'Ulaanbaatar', country: 'MNG', code: 'PPLC' });
    expect(gaz.lat[ub.f]).toBeCloseTo(47.91, 1);
    expect(gaz.lon[ub.f]).toBeCloseTo(106.88, 1);
    expect(best('Peking')).toMatchObject({ name: 'Beijing', country: 'CHN' });
    expect(best('Kiev')).toMatchObject({ country: 'UKR', code: 'PPLC' });
    expect(best('Bombay')).toMatchObject({ name: 'Mumbai', country: 'IND' });
  });

  it('has countries, first-level divisions, continents and regions', () => {
    expect(best('U.S.')).toMatchObject({ country: 'USA', code: 'PCLI' });
    expect(best('Texas')).toMatchObject({ country: 'USA', code: 'ADM1' });
    expect(best('Ky.')).toMatchObject({ name: 'Kentucky', code: 'ADM1' });
    expect(best('Alberta')).toMatchObject({ country: 'CAN', code: 'ADM1' });
    expect(best('Asia')).toMatchObject({ code: 'CONT', country: null });
    expect(best('Middle East')).toMatchObject({ code: 'RGN' });
    // the United States sits at GeoNames' point, not a centroid 235 km away
    const us = best('United States')!;
    expect(gaz.lat[us.f]).toBeCloseTo(39.76, 1);
    expect(gaz.lon[us.f]).toBeCloseTo(-98.5, 1);
  });

  it('has small towns cities500 lacks, from cities1000, with unknown population', () => {
    const towns = gaz
      .lookup('Innisfail')
      .map((c) => ({ country: gaz.iso3(c.feature), pop: gaz.population[c.feature] }));
    expect(towns).toContainEqual({ country: 'CAN', pop: 0 });
    // a place both lists hold is there once ("London", Ontario)
    const londons = gaz
      .lookup('London')
      .filter((c) => gaz.iso3(c.feature) === 'CAN' && gaz.admin1Name(c.feature) === 'Ontario');
    expect(londons.length).toBe(1);
  });

  it('lists every candidate of an ambiguous name, most prominent first', () => {
    const sydney = gaz.lookup('Sydney').map((c) => gaz.iso3(c.feature));
    expect(sydney[0]).toBe('AUS');
    expect(sydney).toContain('CAN');
  });

  it('knows demonyms, which are not place names', () => {
    expect(gaz.iso3(gaz.demonym(placeKey('Japanese')))).toBe('JPN');
    expect(gaz.iso3(gaz.demonym(placeKey('North Korean')))).toBe('PRK');
    expect(gaz.lookup('Japanese')).toEqual([]);
  });

  it('answers nothing for unknown, empty or huge keys', () => {
    expect(gaz.lookup('Qqzzxxy')).toEqual([]);
    expect(gaz.lookup('')).toEqual([]);
    expect(gaz.lookup('a'.repeat(100_000))).toEqual([]);
  });

  it('rejects a file that is not a gazetteer', () => {
    expect(() => new Gazetteer(new Uint8Array(64))).toThrow();
    expect(() => new Gazetteer(new Uint8Array(3))).toThrow();
  });
});
