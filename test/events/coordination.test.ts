// Readings that keep an event when the sentence is built around it in a less usual way: a relation
// between coordinated subjects ("X and Y cut ties"), a reciprocal object ("accused each other"), a
// relative pronoun standing for the pattern's noun, a person named by the office an apposition
// gives, and two parse repairs (an "-ed" verb hung as a modifier of its object, an active verb
// read as a passive).
import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

const codes = (text: string) => happened(code(text));

describe('coordinated subjects', () => {
  it('codes a relation between coordinated subjects that name no other side both ways', () => {
    const ties = codes('Qatar and Bahrain broke off diplomatic relations in June.');
    expect(ties).toEqual(expect.arrayContaining(['QAT->BHR 161', 'BHR->QAT 161']));
    expect(codes('Peru and Chile downgraded their ties.')).toEqual(
      expect.arrayContaining(['PER->CHL 160', 'CHL->PER 160']),
    );
  });

  it('codes the relation one way when the other side is named, and one-sided acts only one way', () => {
    expect(codes('Jordan severed diplomatic ties with Syria.')).toEqual(['JOR->SYR 161']);
    const condemned = codes('France and Germany condemned the bombing.');
    expect(condemned.some((x) => x.startsWith('FRA->DEU') || x.startsWith('DEU->FRA'))).toBe(false);
  });

  it('reads "each other" and "one another" as the coordinated subjects acting on one another', () => {
    expect(codes('Ethiopia and Eritrea accused each other of massing troops.')).toEqual(
      expect.arrayContaining(['ETH->ERI 112', 'ERI->ETH 112']),
    );
    expect(codes('Serbia and Croatia criticized one another over the refugees.')).toEqual(
      expect.arrayContaining(['SRB->HRV 111', 'HRV->SRB 111']),
    );
  });
});

describe('relative clauses', () => {
  it("takes a relative pronoun for the pattern's noun it stands for", () => {
    const doc = code('The accord, which was signed by Colombia and Ecuador, ended the dispute.');
    expect(happened(doc)).toEqual(expect.arrayContaining(['COL->ECU 057', 'ECU->COL 057']));
  });
});

describe('agents and controllers', () => {
  it('takes the passive subject of the governing verb as the subject of its complement', () => {
    expect(codes('Syria is expected to release the two Turkish pilots soon.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SYR->.* 0353$/)]),
    );
  });

  it('finds a "by" agent whose preposition the parse hung under a modifier', () => {
    expect(codes('The raid was carried out by Boko Haram fighters.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NGAREB->.* 180$/)]),
    );
  });
});

describe('a person named by an office', () => {
  it('codes an uncoded person by the body an apposition names', () => {
    expect(
      codes('Maria Lopez, the head of the International Committee of the Red Cross, met Yemeni officials.'),
    ).toEqual(expect.arrayContaining(['NGOHLHIRC->YEMGOV 040']));
    const doc = code('Peter Olsen, the coordinator of the UN mission, criticized the government of Mali.');
    const e = doc.events.find((x) => x.code === '111');
    expect(e?.source?.code).toBe('IGOUNO');
    // the span stays the person's name
    expect(doc.text.slice(e?.source?.start ?? 0, e?.source?.end ?? 0)).toBe('Peter Olsen');
  });

  it('does not take any relation for an office', () => {
    const e = code('Omar Haddad, a critic of the government of Jordan, criticized the UN.').events.find(
      (x) => x.code === '111',
    );
    expect(e?.source?.code ?? '').not.toMatch(/GOV$/);
  });

  it("keeps a person's own code", () => {
    expect(codes('Sergei Lavrov, the Russian foreign minister, criticized the United Nations.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RUS\w*->IGOUNO 111$/)]),
    );
  });
});

describe('parse repairs', () => {
  it('reads an "-ed" verb hung as a modifier of its object as the verb', () => {
    expect(codes('Turkish warplanes bombed villages near the border on Friday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^TUR\w*->.* 195$/)]),
    );
  });

  it('reads a subject hung as the root, its verb under the object, as a clause', () => {
    expect(codes('Ugandan police fired tear gas at opposition supporters in Kampala.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^UGACOP->\w*OPP 175$/)]),
    );
  });

  it('reads a verb hung as a conjunct of the first subject as the verb of both', () => {
    expect(codes('Morocco and the UAE restored diplomatic relations in 2021.')).toEqual(
      expect.arrayContaining(['MAR->ARE 054', 'ARE->MAR 054']),
    );
  });

  it('reads a verb with an object and no auxiliary as active, not passive', () => {
    expect(codes('Iran test-fired three missiles on Monday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^IRN->.* 150$/)]),
    );
  });
});

describe('coverage', () => {
  it('codes a suspension of membership, captured positions and a one-sided ceasefire agreement', () => {
    expect(codes('Egypt suspended its membership in the Arab League.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^EGY->IGO\w* 160$/)]),
    );
    expect(codes('Rebel fighters captured army positions near the airport.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/->\w*MIL 192$/)]),
    );
    expect(codes('Hungary closed its border with Serbia.')).toEqual(['HUN->SRB 172']);
    expect(codes('Hamas agreed to a truce on Tuesday.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PSE\w*->- 0356$/)]),
    );
  });
});

describe('denials', () => {
  it('does not code the act a denial says did not happen', () => {
    expect(codes('Sudan denied that its soldiers had shelled the camp.').some((x) => x.endsWith(' 194'))).toBe(false);
    expect(
      codes('The police denied reports that officers had beaten the students.').some((x) => x.endsWith(' 182')),
    ).toBe(false);
    expect(codes('The militia denied kidnapping the engineers.').some((x) => x.endsWith(' 181'))).toBe(false);
    expect(codes('Sudan denied that its soldiers had shelled the camp.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SDN\w*->.* 016$/)]),
    );
  });

  it('still codes an act beside the denial', () => {
    expect(codes('The rebels rejected the proposal and attacked the town.').some((x) => x.endsWith(' 180'))).toBe(true);
  });
});

describe('status', () => {
  it('reads "have yet to" as not done and "unlikely to" as not a fact', () => {
    const doc = code('Chile and Bolivia have yet to sign a trade agreement.');
    expect(doc.events.some((e) => e.code === '057')).toBe(true);
    expect(happened(doc).some((x) => x.endsWith(' 057'))).toBe(false);
    expect(codes('The government is unlikely to accept the proposal.').some((x) => x.startsWith('GOV->'))).toBe(false);
  });

  it('does not compose a promise from a negated act ("agreed not to deploy troops" is no threat)', () => {
    const agreed = codes('Greece and Turkey agreed not to send warships to the area.');
    expect(agreed.some((x) => / 13\d*$/.test(x))).toBe(false);
    expect(agreed).toEqual(expect.arrayContaining(['GRC->TUR 030']));
  });
});
