// The clause tense that decides bare months, weekdays and quarters, read from the parse.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { syntaxStage } from '../../src/syntax/index.js';
import { textStage } from '../../src/text/index.js';
import { timesStage } from '../../src/times/index.js';
import { repoDir } from '../shared.js';

const parsed = new Pipeline([textStage, syntaxStage, timesStage], { dataDir: join(repoDir, 'data') });

/** text -> value of every expression, against Thursday 2007-09-06 unless told. */
function values(text: string, date = '2007-09-06'): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const t of parsed.run({ text, date }).times) out[t.text] = t.value;
  return out;
}

describe('clause tense from the parse', () => {
  it('reads the side of the publication date from modals and plans', () => {
    // "would" looks ahead from a reported past: the nearest January
    expect(values('The dividend would be paid on a still unspecified date in January.').January).toBe('2008-01');
    // a plan made in the past for a month still ahead
    expect(values('The company agreed to buy the plant in February.').February).toBe('2008-02');
    // a present clause: the nearest month
    expect(values('The appeal is heard in October.').October).toBe('2007-10');
    // a plain past clause: the last one
    expect(values('Exports fell sharply in October.').October).toBe('2006-10');
  });
  it('puts a weekday of a present or scheduling clause on the nearest such day', () => {
    expect(values('The two leaders meet separately Friday with the envoy.').Friday).toBe('2007-09-07');
    expect(values('The council voted on Monday.').Monday).toBe('2007-09-03');
    expect(values('The council will vote on Monday.').Monday).toBe('2007-09-10');
  });
  it('puts a weekday of an event arranged in the past on the nearest such day', () => {
    // Thursday 2007-09-06: the coming Saturday is nearer than the last one
    expect(values('Protesters planned a large demonstration in the capital on Saturday.').Saturday).toBe('2007-09-08');
    expect(values('Unions called a strike for Saturday.').Saturday).toBe('2007-09-08');
    // the time of an act, not of what was arranged
    expect(values('The company announced on Monday a plan to cut jobs.').Monday).toBe('2007-09-03');
  });
  it('gives a weekday between a subject and a past verb to that verb', () => {
    // the parse may hang "Thursday" on "weeks" of the future main clause; the verb after it decides
    const text =
      'The boy will remain here for at least two more weeks even after a federal appeals court Thursday refused to order a hearing.';
    expect(values(text, '2000-06-01').Thursday).toBe('2000-06-01');
    expect(values('The board Tuesday approved the merger.').Tuesday).toBe('2007-09-04');
  });
  it('reads a verb with a subject but no auxiliary as a present even when tagged as an infinitive', () => {
    // Friday 2007-09-07: the coming Monday is nearer than the last one
    const text = 'He and Palestinian leader Yasser Arafat meet separately Monday with the Secretary of State.';
    expect(values(text, '2007-09-07').Monday).toBe('2007-09-10');
  });
  it('reads a perfect progressive as past', () => {
    // without a tense the nearest Oct. 23 would be the coming one
    const v = values('Police have been searching for him since shortly after the Oct. 23 shooting.', '2008-05-06');
    expect(v['Oct. 23']).toBe('2007-10-23');
  });
  it('takes a quarter of a past clause as one that has begun', () => {
    expect(values('The airline earned $5 million in the fiscal first quarter.', '2007-10-25')).toMatchObject({
      'the fiscal first quarter': '2007-Q1',
    });
  });
});
