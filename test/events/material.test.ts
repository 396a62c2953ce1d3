import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

const codes = (text: string) => code(text).events.map((e) => e.code);

describe('material cooperation and victims as subjects', () => {
  it('tells bombing from the air (aircraft as the subject) from other bombing', () => {
    expect(happened(code('NATO jets bombed Belgrade.'))).toContain('IGOWSTNAT->SRB 195');
    expect(happened(code('Russian helicopters attacked rebel positions.'))).toEqual([
      expect.stringMatching(/^RUSMIL->.* 195$/),
    ]);
    expect(happened(code('Militants bombed the market.'))).toEqual([expect.stringMatching(/ 183$/)]);
  });

  it('codes implementing an agreement, but not carrying out a domestic plan', () => {
    expect(codes('Sudan began to implement the peace accord on Monday.')).toContain('060');
    expect(codes('The government will implement the new tax plan next year.')).not.toContain('060');
    expect(codes('The government will implement the new tax plan next year.')).not.toContain('031');
  });

  it('codes rescues, doctors sent abroad and grants in any currency', () => {
    expect(codes('Rescue workers pulled survivors from the rubble.')).toContain('073');
    expect(happened(code('The sailors were rescued by the Indian navy.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^IND.*->.* 073$/)]),
    );
    expect(happened(code('Cuba sent doctors to Haiti.'))).toContain('CUB->HTI 073');
    expect(happened(code('Britain granted 5 million pounds to Kenya.'))).toContain('GBR->KEN 071');
  });

  it('tells handing over weapons (disarming) from handing over suspects (extradition)', () => {
    expect(happened(code('The rebels handed over their weapons to the peacekeepers.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/ 0873$/)]),
    );
    expect(codes('The rebels handed over their weapons to the peacekeepers.')).not.toContain('063');
    expect(happened(code('Pakistan handed five suspects to the United States.'))).toContain('PAK->USA 063');
  });

  it('codes a victim who went missing or was displaced by fighting, not a plane that vanished', () => {
    const missing = code('A French journalist went missing in northern Syria last week.');
    expect(missing.events.map((e) => e.code)).toContain('181');
    expect(missing.events.find((e) => e.code === '181')?.target?.code ?? '').toMatch(/^FRA/);
    expect(codes('The plane disappeared from radar over the sea.')).not.toContain('181');
    expect(codes('Thousands of civilians were displaced by the fighting in Darfur.')).toContain('190');
  });

  it('codes calling someone a pejorative name as a denunciation and a friendly name as praise', () => {
    expect(
      happened(code('Russian President Vladimir Putin called Ukrainian President Viktor Yushchenko a traitor.')),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^RUS.*->UKR.* 111$/)]));
    expect(codes('Putin called Yushchenko a traitor.')).not.toContain('041');
    expect(happened(code('The Indian prime minister called Japan a true friend.'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^IND.*->JPN 051$/)]),
    );
    // a phone call stays a phone call
    expect(codes('Merkel called Putin on Tuesday.')).toContain('041');
  });
});

describe('counterparts', () => {
  it('takes the country of "her Somali counterpart" from the national modifier, not the possessive', () => {
    expect(
      happened(code('Kenyan Foreign Minister Amina Mohamed met her Somali counterpart in Nairobi on Monday.')),
    ).toEqual(expect.arrayContaining(['KENGOV->SOM 040', 'SOM->KENGOV 040']));
    expect(happened(code("Japan's foreign minister held talks with his Chinese counterpart."))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^JPN.*->CHN 046$/)]),
    );
  });
});

describe('clauses the parse breaks', () => {
  it('finds the subject of a main verb the parse hung under a relative clause', () => {
    expect(
      happened(code('The American envoy, whose visit was delayed twice, finally met the Sudanese president.')),
    ).toEqual(expect.arrayContaining(['USAGOV->SDNGOV 040']));
  });

  it('does not take the target of a passive from a "when" clause', () => {
    const ev = code('Three journalists were killed when gunmen opened fire on their car in Mogadishu.').events;
    const kill = ev.find((e) => e.code.startsWith('182'));
    expect(kill?.target?.name).toMatch(/journalists/);
  });
});

describe('calling', () => {
  it('codes a phone call only when an actor is called, not when something is given a name', () => {
    expect(codes('Putin called the proposal a step forward.')).not.toContain('041');
    expect(codes('The opposition called the election result a surprise.')).not.toContain('041');
    expect(happened(code('Putin telephoned Bush.'))).toEqual(expect.arrayContaining([expect.stringMatching(/ 041$/)]));
  });
});
