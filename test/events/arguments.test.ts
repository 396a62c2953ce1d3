// Argument selection: who the target of an event is when the parse does not hand it over as an
// object (places, agents of objects, complements, conditions, recipients, seizures).
import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

const has = (text: string, prefix: string) => happened(code(text)).some((x) => x.startsWith(prefix));

describe('targets', () => {
  it('takes the agent of the object as the target ("crimes by X", "a demand from X")', () => {
    expect(has('Serbia is investigating crimes by Albanian militants.', 'SRB->ALBREB')).toBe(true);
    expect(happened(code('Chile rejected a demand from Bolivia.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CHL->BOL /)]),
    );
  });

  it('takes the subject of a demanded clause as the target', () => {
    expect(has('Cuban officials demanded on Monday that Spain drop its support for the embargo.', 'CUBGOV->ESP')).toBe(
      true,
    );
  });

  it('finds the recipient at the end of a chain of nouns', () => {
    expect(has('Kenya allowed the delivery of 500 tons of maize to Somalia.', 'KEN->SOM')).toBe(true);
  });

  it("does not count a country's civilians as the government's own people", () => {
    expect(has('President Lungu has reneged on his commitment to the Zambian people.', 'ZMBGOV->ZMB')).toBe(true);
  });

  it('takes the place of a one-sided act only from its own clause', () => {
    const got = happened(code('Egypt will allow Sudanese refugees who have lived in Libya for years to return home.'));
    expect(got.some((x) => x.includes('->LBY'))).toBe(false);
  });
});

describe('spans', () => {
  it('points a pronoun side at its antecedent named earlier in the sentence', () => {
    const t = 'The Pentagon said it bombed five bases in Syria.';
    const e = code(t).events.find((x) => x.root === '19' || x.root === '18');
    expect(e?.source?.start).toBe(t.indexOf('Pentagon'));
  });
});
