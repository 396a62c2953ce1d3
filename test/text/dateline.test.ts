import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const sentences = (s: string) => analyzeText(s, res).sentences.map((x) => s.slice(x.start, x.end));

describe('datelines', () => {
  it('reads place, date and agency, and makes the dateline its own sentence', () => {
    const a = analyzeText('ULAN BATOR, Sept 6 (Reuters) - Japan and North Korea met.', res);
    expect(a.dateline?.place?.text).toBe('ULAN BATOR');
    expect(a.dateline?.date?.text).toBe('Sept 6');
    expect(a.dateline?.agency).toBe('Reuters');
    expect(a.sentences.length).toBe(2);
    const b = analyzeText('TOKYO (AFP) - Talks ended.', res);
    expect(b.dateline?.agency).toBe('AFP');
    expect(sentences('WASHINGTON — The Senate voted.')).toEqual(['WASHINGTON —', 'The Senate voted.']);
    expect(analyzeText('London, Sept. 6, 2007 (AP) -- Oil rose.', res).dateline?.date?.text).toBe('Sept. 6, 2007');
  });
  it('accepts a place in mixed case when a region follows it', () => {
    const a = analyzeText('Springfield, Illinois, United States - The fair opened.', res);
    expect(a.dateline?.place?.text).toBe('Springfield, Illinois, United States');
    expect(a.sentences.length).toBe(2);
  });
  it('reads a bare date opening online news', () => {
    const a = analyzeText('Tuesday, March 3, 2015 The council met to vote.', res);
    expect(a.dateline?.date?.text).toBe('Tuesday, March 3, 2015');
    expect(a.dateline?.place).toBeNull();
    expect(a.sentences.map((s) => s.end)).toEqual([22, 47]);
    expect(analyzeText('Tuesday, March 3, 2015 was cold.', res).dateline).toBeNull();
  });
  it('rejects ordinary sentences and headings in capitals', () => {
    expect(analyzeText('Japan - a country - agreed.', res).dateline).toBeNull();
    expect(analyzeText('ANNUAL REPORT — FINANCE COMMITTEE', res).dateline).toBeNull();
  });
});
