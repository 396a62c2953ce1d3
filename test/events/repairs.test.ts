// Readings that need more than a dictionary entry: predicative complements ("called the plan a
// good start" is no phone call), parse repairs (a verb-like word inside a name, a sentence-initial
// participle), events named by their noun as the subject of a verb of occurring, one plural
// group on both sides of a fight, aid "for" its recipients and amounts "in" aid.
import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

const codes = (text: string) => happened(code(text));

describe('predicative complements', () => {
  it('reads "called X a Y" as an appraisal, not as a phone call', () => {
    const praise = codes('Brazil called the Chinese plan a good start.');
    expect(praise).toContain('BRA->CHN 051');
    expect(praise.some((x) => x.endsWith(' 041'))).toBe(false);
    const plain = codes('The minister called the situation complicated.');
    expect(plain.some((x) => x.endsWith(' 041'))).toBe(false);
    expect(plain.some((x) => x.endsWith(' 010'))).toBe(true);
    expect(codes('Obama called Putin a liar.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^USA.*->RUSGOV 111$/)]),
    );
  });

  it('still reads "called X" with no complement as a phone call', () => {
    expect(codes('Obama called Putin on Tuesday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^USA.*->RUSGOV 041$/)]),
    );
    expect(codes('Kerry called his Russian counterpart Sergei Lavrov on Monday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/->RUSGOV 041$/)]),
    );
  });
});

describe('parse repairs', () => {
  it('does not take a verb-like word inside a name for the main verb', () => {
    expect(codes('Human Rights Watch urged Colombia to end the practice.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NGOHRI->COL 02/)]),
    );
  });

  it('reads a sentence-initial participle as a modifier of the subject', () => {
    expect(codes('Suspected drug traffickers shot dead a mayor on Sunday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CRM->GOV 18/)]),
    );
  });
});

describe('events named by a noun', () => {
  it('codes an event noun that is the subject of a verb of occurring, its actor unknown', () => {
    const doc = code('The release of the two hostages came after months of negotiations.');
    const e = doc.events.find((x) => x.code === '0841' && !x.negated && !x.hypothetical);
    expect(e?.source?.actor ?? null).toBe(null);
    expect(e?.target?.code).toBe('CVL');
    expect(codes('A prisoner exchange took place on the border.').some((x) => x.endsWith(' 0841'))).toBe(true);
  });

  it('does not code an event whose occurrence is negated', () => {
    expect(codes('The truce did not hold.').some((x) => x.endsWith(' 0871'))).toBe(false);
    expect(codes('The truce held through the night.').some((x) => x.endsWith(' 0871'))).toBe(true);
  });

  it('takes one plural group as both sides of a fight "between" them, not of one "with" them', () => {
    expect(codes('Clashes between rival gangs left ten dead.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CRM->- 190$/)]),
    );
    expect(codes('Clashes between police and protesters left three dead.')).toEqual(
      expect.arrayContaining(['COP->OPP 190', 'OPP->COP 190']),
    );
    // no phrase standing for a side already named
    expect(codes('Clashes between police and protesters left three dead.').some((x) => x.includes('->police'))).toBe(
      false,
    );
  });
});

describe('aid', () => {
  it('reads an amount "in" aid and aid "for" its recipients', () => {
    expect(codes('Washington announced an additional $50 million in assistance for Syrian refugees.')).toContain(
      'USA->SYRREF 070',
    );
  });

  it('reads "500 tons of aid arrived" as aid arriving', () => {
    expect(
      codes('Some 500 tons of humanitarian aid arrived in the port of Aden.').some((x) => x.endsWith(' 070')),
    ).toBe(true);
  });
});

describe('threats', () => {
  it('codes a threat stated with its condition as made, against the one the condition names', () => {
    expect(codes('Iran threatened to quit the talks if the United States refused to lift the sanctions.')).toContain(
      'IRN->USA 134',
    );
    expect(codes('Iran has threatened to stop the negotiations if Washington goes ahead with the plan.')).toContain(
      'IRN->USA 134',
    );
  });

  it("reads a warning of the speaker's own conflictual act as a threat, a warning of what others may do as a comment", () => {
    expect(codes('Russia warned that it would retaliate against any attack.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RUS->- 13/)]),
    );
    const comment = codes('The UN warned that fighting could spread to neighbouring countries.');
    expect(comment.some((x) => / 13\d*$/.test(x))).toBe(false);
    expect(comment.some((x) => x.endsWith(' 012'))).toBe(true);
  });

  it('reads a vow to use force as a threat, a vow to cooperate as an intent', () => {
    expect(codes('The president vowed to crush the rebellion.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/->REB 13\d*$/)]),
    );
    expect(codes('The government pledged to send aid to the flood victims.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/->CVL 033$/)]),
    );
  });
});

describe('sentences read as one noun phrase', () => {
  it('takes the "-ed" word between two nouns for the verb', () => {
    expect(codes('Red Cross officials suspended aid deliveries in Baghdad on Wednesday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NGO\w*->.* 162$/)]),
    );
  });
});

describe('events named by a noun whose actor is not named', () => {
  it('codes them with an unknown source when nothing else in the sentence happened', () => {
    const e = code('The killing of three activists sparked outrage.').events.find((x) => x.root === '18');
    expect(e?.source?.actor ?? null).toBe(null);
    expect(e?.target?.code).toBe('OPP');
  });

  it('does not code them beside another event, nor with no participant at all', () => {
    expect(codes('France condemned the killing of three activists.').some((x) => x.startsWith('-->'))).toBe(false);
    expect(code('The release of the new model is two years behind schedule.').events).toEqual([]);
  });
});
