import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

describe('event roles beyond subject and object', () => {
  it('codes a receiver as the target and the giver as the source', () => {
    expect(happened(code('Iraq received military aid from the United States.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^USA->IRQ 07/)]),
    );
    expect(happened(code('Ukraine obtained a loan from the IMF.'))).toEqual([
      expect.stringMatching(/^IGO\w*->UKR 071$/),
    ]);
    // no giver named: an unknown source, still the receiver as target
    expect(happened(code('Thousands of families received food aid.'))).toEqual([expect.stringMatching(/^-->.* 070$/)]);
  });

  it('gives the act of "criticized X for doing" to X', () => {
    const ev = happened(code('The United States criticized Russia for supplying weapons to Syria.'));
    expect(ev).toContain('USA->RUS 111');
    expect(ev.some((x) => x.startsWith('RUS->SYR'))).toBe(true);
    expect(ev.some((x) => x.startsWith('USA->SYR'))).toBe(false);
  });

  it('codes an event noun that is the subject of its occurrence with an unknown source', () => {
    expect(happened(code('Heavy fighting broke out in the north on Friday.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^-->.* 190$/)]),
    );
    expect(happened(code('A bomb exploded near the parliament building.'))).toEqual([
      expect.stringMatching(/^-->.* 183$/),
    ]);
    const talks = code('Negotiations resumed in Geneva.');
    expect(happened(talks).length).toBeGreaterThan(0);
    expect(talks.events.every((e) => e.code === '046' && !e.source?.name)).toBe(true);
  });

  it('names an unresolved pronoun of a passive as the target, not as the source', () => {
    const ev = happened(code('He was arrested at his home in Lagos.'));
    expect(ev).toEqual(['-->He 173']);
  });

  it('does not read the subject or a function word as a word of the pattern', () => {
    // "welcome" + "minister" is a received delegation only when the minister is the one welcomed
    const ev = happened(code('The prime minister welcomed the decision by the European Union.'));
    expect(ev.some((x) => x.endsWith(' 043'))).toBe(false);
    expect(ev.some((x) => x.endsWith(' 051'))).toBe(true);
  });

  it('does not read going somewhere or opening fire as a visit or an opened crossing', () => {
    expect(happened(code('Voters in Kenya went to the polls on Sunday.')).some((x) => x.endsWith(' 042'))).toBe(false);
    const fire = happened(code('Gunmen opened fire at a checkpoint in Kenya, killing two policemen.'));
    expect(fire.some((x) => x.endsWith(' 081'))).toBe(false);
    expect(fire.some((x) => x.endsWith(' 193'))).toBe(true);
  });

  it('codes the act of a verb the parse hung under a noun from the noun before it', () => {
    expect(happened(code('The military destroyed houses belonging to militants.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/ 1712$/)]),
    );
  });

  it('codes a plain statement when the other matches of the sentence name no actors', () => {
    // "the talks" names no participants here, so the statement is what the sentence reports
    expect(happened(code('They said the talks had been useful.'))).toEqual(['They->- 010']);
    // with an event of its own, the plain statement is left out
    expect(happened(code('Kenya said it had arrested ten Somali pirates.')).some((x) => x.endsWith(' 010'))).toBe(
      false,
    );
  });

  it('codes a plural group meeting among itself, but not one person meeting alone', () => {
    expect(happened(code('Members of the opposition met in secret.'))).toEqual(['OPP->- 040']);
    expect(happened(code('The Kenyan president met in Nairobi.'))).toEqual([]);
  });

  it('reads a subject through its apposition and gives a meeting an unresolved other side', () => {
    const ev = happened(code("Kenya's foreign minister, Amina Mohamed, met her Somali counterpart in Nairobi."));
    // the counterpart's country comes from its national modifier, not from the possessive "her"
    expect(ev).toContain('KENGOV->SOM 040');
    const elders = happened(code("Kenya's foreign minister, Amina Mohamed, talked with tribal elders in Garissa."));
    expect(elders).toContain('KENGOV->tribal elders 046');
    // an abstract noun is not named by its possessor: "with Albania's help" is no target
    const help = happened(code("NATO said it had tightened the blockade of Serbia with Albania's help."));
    expect(help.some((x) => x.includes('->ALB'))).toBe(false);
  });

  it('codes a scheduled act as intent, not as having happened', () => {
    expect(happened(code('The Chinese president is set to visit India next week.'))).toEqual(['CHNGOV->IND 036']);
    // "expects to win" is a hope, not a schedule: nothing happened
    expect(happened(code('Kenya expects to sign a trade deal with Uganda.')).some((x) => x.endsWith(' 057'))).toBe(
      false,
    );
  });

  it('keeps both parties of a coordinated subject the parse split into two subjects', () => {
    expect(happened(code('India and Pakistan resumed talks on Monday.'))).toEqual(
      expect.arrayContaining(['IND->PAK 046', 'PAK->IND 046']),
    );
  });
});

describe('multiword verbs', () => {
  it('does not join a verb with a preposition that heads a later phrase', () => {
    const ev = happened(code('Obama called Putin on Tuesday.'));
    expect(ev.some((x) => / 10\d*$/.test(x))).toBe(false);
    // the adjacent particle still makes the appeal
    expect(happened(code('Japan called on North Korea to release the hostages.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^JPN->PRK 02/)]),
    );
  });
});
