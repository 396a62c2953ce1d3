import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { placesStage } from '../../src/places/index.js';
import { textStage } from '../../src/text/index.js';
import { hasShared, REFERENCE } from '../shared.js';

const ok = hasShared('examples/japan-north-korea-talks.txt');

describe.skipIf(!ok)('places of the reference article', () => {
  const pipeline = new Pipeline([textStage, placesStage]);
  const doc = ok
    ? pipeline.run({ text: readFileSync(REFERENCE(), 'utf8'), date: '2007-09-06' }, { explain: true })
    : null;
  const byText = (t: string) => doc!.places.filter((p) => p.text === t);

  it('resolves the places', () => {
    expect(byText('Mongolia')[0]).toMatchObject({ country: 'MNG', featureCode: 'PCLI' });
    const ub = byText('Ulan Bator')[0];
    expect(ub).toMatchObject({ name: 'Ulaanbaatar', country: 'MNG' });
    expect(ub.lat!).toBeCloseTo(47.91, 1);
    expect(ub.lon!).toBeCloseTo(106.88, 1);
    expect(byText('Sydney')[0]).toMatchObject({ country: 'AUS' });
    for (const t of byText('Tokyo')) expect(t).toMatchObject({ country: 'JPN' });
    expect(byText('Vietnam')[0]).toMatchObject({ country: 'VNM' });
  });

  it('does not report demonyms, regions used as adjectives, months or person names', () => {
    const texts = doc!.places.map((p) => p.text);
    for (const t of ['Japanese', 'North Korean', 'Asia-Pacific', 'Asia', 'Pacific', 'March', 'Kim', 'Mine', 'Abe'])
      expect(texts).not.toContain(t);
    // the Korean peninsula, when reported, is put in Korea
    for (const p of byText('Korean peninsula')) {
      expect(p.lat!).toBeGreaterThan(33);
      expect(p.lat!).toBeLessThan(43);
      expect(p.lon!).toBeGreaterThan(124);
      expect(p.lon!).toBeLessThan(131);
    }
  });

  it('every place points at its text and explains itself', () => {
    for (const p of doc!.places) expect(doc!.text.slice(p.start, p.end)).toBe(p.text);
    expect(doc!.explain.some((n) => n.stage === 'places' && n.message.includes('Ulaanbaatar'))).toBe(true);
    expect(doc!.explain.some((n) => n.stage === 'places' && n.message.includes('demonym'))).toBe(true);
  });
});
