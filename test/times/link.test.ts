import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Doc, withLayers } from '../../src/doc/doc.js';
import type { Token } from '../../src/doc/types.js';
import { loadTimesResources, timeOfClause, timesStage } from '../../src/times/index.js';
import { repoDir } from '../shared.js';
import { code } from './helpers.js';

const res = loadTimesResources(join(repoDir, 'data'));

/** Give the tokens of a one-sentence doc a hand-made parse ([word, upos, xpos, head, dep] per token), then run times. */
function parsed(text: string, date: string, parse: Array<[string, string, string, number, string]>): Doc {
  const base = code(text, date);
  expect(base.tokens.map((t) => t.text)).toEqual(parse.map((p) => p[0]));
  const tokens: Token[] = base.tokens.map((t, i) => ({
    ...t,
    pos: parse[i][1],
    tag: parse[i][2],
    head: parse[i][3],
    dep: parse[i][4],
  }));
  const doc = withLayers({ ...base, times: [], layers: base.layers.filter((l) => l !== 'times') }, ['syntax'], {
    tokens,
  });
  return timesStage.run(doc, res, { explain: false });
}

const idx = (doc: Doc, word: string) => doc.tokens.findIndex((t) => t.text === word);

describe('timeOfClause without a parse', () => {
  it('dates a verb by the nearest expression of its clause', () => {
    const doc = code('The army tested a missile last year, and the talks ended on Thursday.');
    expect(timeOfClause(doc, idx(doc, 'tested'))?.value).toBe('2006');
    expect(timeOfClause(doc, idx(doc, 'ended'))?.value).toBe('2007-09-06');
  });
  it('returns null when the sentence has no point in time', () => {
    const doc = code('The talks lasted two days. The envoys met.');
    expect(timeOfClause(doc, idx(doc, 'lasted'))).toBeNull();
    expect(timeOfClause(doc, idx(doc, 'met'))).toBeNull();
    expect(timeOfClause(doc, -1)).toBeNull();
    expect(timeOfClause(doc, 10_000)).toBeNull();
  });
  it('uses ranges and decades too', () => {
    const doc = code('The country was ruled from abroad from 1910 to 1945.');
    expect(timeOfClause(doc, idx(doc, 'ruled'))?.range).toEqual({ begin: '1910', end: '1945' });
  });
});

describe('timeOfClause with a parse', () => {
  // North Korea has admitted abducting citizens in the 1970s .
  const doc = parsed('North Korea has admitted abducting citizens in the 1970s.', '2007-09-06', [
    ['North', 'PROPN', 'NNP', 1, 'compound'],
    ['Korea', 'PROPN', 'NNP', 3, 'nsubj'],
    ['has', 'AUX', 'VBZ', 3, 'aux'],
    ['admitted', 'VERB', 'VBN', -1, 'root'],
    ['abducting', 'VERB', 'VBG', 3, 'xcomp'],
    ['citizens', 'NOUN', 'NNS', 4, 'obj'],
    ['in', 'ADP', 'IN', 8, 'case'],
    ['the', 'DET', 'DT', 8, 'det'],
    ['1970s', 'NOUN', 'NNS', 4, 'obl'],
    ['.', 'PUNCT', '.', 3, 'punct'],
  ]);
  it('gives an expression to the clause it attaches to', () => {
    expect(timeOfClause(doc, idx(doc, 'abducting'))?.value).toBe('197X');
    expect(timeOfClause(doc, idx(doc, 'citizens'))?.value).toBe('197X');
  });
  it("does not give a subordinate clause's time to the main verb", () => {
    expect(timeOfClause(doc, idx(doc, 'admitted'))).toBeNull();
  });
  it('lets a non-finite clause take the time of its governing clause', () => {
    // The envoys agreed on Thursday to continue talking .
    const d = parsed('The envoys agreed on Thursday to continue talking.', '2007-09-06', [
      ['The', 'DET', 'DT', 1, 'det'],
      ['envoys', 'NOUN', 'NNS', 2, 'nsubj'],
      ['agreed', 'VERB', 'VBD', -1, 'root'],
      ['on', 'ADP', 'IN', 4, 'case'],
      ['Thursday', 'PROPN', 'NNP', 2, 'obl'],
      ['to', 'PART', 'TO', 6, 'mark'],
      ['continue', 'VERB', 'VB', 2, 'xcomp'],
      ['talking', 'VERB', 'VBG', 6, 'xcomp'],
      ['.', 'PUNCT', '.', 2, 'punct'],
    ]);
    expect(timeOfClause(d, idx(d, 'agreed'))?.value).toBe('2007-09-06');
    expect(timeOfClause(d, idx(d, 'continue'))?.value).toBe('2007-09-06');
  });
  it('reads the tense of the governing verb from the parse', () => {
    // Officials will sign the deal Monday .
    const d = parsed('Officials will sign the deal Monday.', '2007-09-06', [
      ['Officials', 'NOUN', 'NNS', 2, 'nsubj'],
      ['will', 'AUX', 'MD', 2, 'aux'],
      ['sign', 'VERB', 'VB', -1, 'root'],
      ['the', 'DET', 'DT', 4, 'det'],
      ['deal', 'NOUN', 'NN', 2, 'obj'],
      ['Monday', 'PROPN', 'NNP', 2, 'obl:tmod'],
      ['.', 'PUNCT', '.', 2, 'punct'],
    ]);
    expect(d.times[0]).toMatchObject({ text: 'Monday', value: '2007-09-10' });
    // Hostages seized Sunday were freed .  ("seized" is a past participle modifying a noun)
    const e = parsed('Hostages seized Sunday were freed.', '2007-09-06', [
      ['Hostages', 'NOUN', 'NNS', 4, 'nsubj:pass'],
      ['seized', 'VERB', 'VBN', 0, 'acl'],
      ['Sunday', 'PROPN', 'NNP', 1, 'obl:tmod'],
      ['were', 'AUX', 'VBD', 4, 'aux:pass'],
      ['freed', 'VERB', 'VBN', -1, 'root'],
      ['.', 'PUNCT', '.', 4, 'punct'],
    ]);
    expect(e.times[0]).toMatchObject({ text: 'Sunday', value: '2007-09-02' });
  });
});
