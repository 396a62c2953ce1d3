// A capital's namesake town qualified by its division or another country ("Paris, Texas")
// is a place, not the capital standing for its country in the actors layer.
import { describe, expect, it } from 'vitest';
import { actorsOf } from '../actors/helpers.js';

const countries = (text: string) => actorsOf(text).map((a) => a.country);

describe('capital namesakes in the actors layer', () => {
  it('does not read a qualified namesake town as its capital country', () => {
    expect(countries('A tornado struck Paris, Texas, on Tuesday, killing two people.')).not.toContain('FRA');
    expect(countries('The mayor of London, Ontario, said the bridge would be rebuilt.')).not.toContain('GBR');
    expect(countries('Clashes erupted in Tripoli, Lebanon, between rival militias.')).not.toContain('LBY');
  });

  it('still reads the capital as its country otherwise', () => {
    expect(countries('Paris rejected the proposal.')).toContain('FRA');
    expect(countries('Moscow, Beijing and Tehran condemned the strike.')).toEqual(
      expect.arrayContaining(['RUS', 'CHN', 'IRN']),
    );
  });
});
