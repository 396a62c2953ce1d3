// Every entry of the text stage's lists does what its file declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const dir = join(repoDir, 'data/text');
const res = loadTextResources(join(repoDir, 'data'));
const rows = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
const tokens = (s: string) => analyzeText(s, res).tokens.map((t) => t.text);

describe('text stage lists', () => {
  it('derived lists name their source and carry counts', () => {
    for (const f of [
      'ud-abbreviations.tsv',
      'ud-sentence-starters.tsv',
      'ud-joined-prefixes.tsv',
      'ud-contractions.tsv',
    ]) {
      expect(readFileSync(join(dir, f), 'utf8')).toContain('en_ewt-ud-train.conllu');
      for (const r of rows(f)) expect(Number(r.at(-1))).toBeGreaterThanOrEqual(0);
    }
  });
  it('keeps each listed abbreviation with its period, and ends sentences as its class says', () => {
    for (const [form, cls] of rows('abbreviations.tsv')) {
      const follow = cls === 'number' ? '5' : 'Smith';
      const a = analyzeText(`See ${form}. ${follow} here.`, res);
      expect([form, a.tokens[1].text, a.sentences.length]).toEqual([form, `${form}.`, 1]);
      if (cls === 'general' || cls === 'month')
        expect([form, analyzeText(`See ${form}. The end.`, res).sentences.length]).toEqual([form, 2]);
    }
    for (const [form] of rows('ud-abbreviations.tsv')) {
      const cls = res.abbreviations.get(form);
      const follow = cls === 'number' ? '5' : 'Smith';
      expect(tokens(`See ${form}. ${follow} here.`)[1]).toBe(`${form}.`);
    }
  });
  it('starts a sentence after an abbreviation at each sentence starter', () => {
    for (const [w] of [...rows('sentence-starters.txt'), ...rows('ud-sentence-starters.tsv')])
      expect([w, analyzeText(`It is Acme Inc. ${w} went.`, res).sentences.length]).toEqual([w, 2]);
  });
  it('keeps joined prefixes, splits units, contractions as listed', () => {
    for (const [p] of [...rows('joined-prefixes.txt'), ...rows('ud-joined-prefixes.tsv')])
      expect(tokens(`a ${p}-fixed b`)[1]).toBe(`${p}-fixed`);
    for (const [u] of rows('unit-suffixes.txt')) expect(tokens(`It was 12${u} today.`).slice(2, 4)).toEqual(['12', u]);
    for (const [form, parts] of rows('ud-contractions.tsv'))
      expect(tokens(`so ${form} ok`).slice(1, -1)).toEqual(parts.split('|'));
  });
  it('keeps domains, file names and emoticons whole', () => {
    for (const [ext] of rows('web-suffixes.txt')) expect(tokens(`See report.${ext} now.`)[1]).toBe(`report.${ext}`);
    for (const [e] of [...rows('emoticons.txt'), ...rows('ud-symbol-tokens.tsv')])
      expect(tokens(`Fine ${e} ok`)[1]).toBe(e);
  });
});
