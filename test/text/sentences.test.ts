import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const sentences = (s: string) => analyzeText(s, res).sentences.map((x) => s.slice(x.start, x.end));

describe('sentence ends at punctuation', () => {
  it('splits at quotes with attribution, curly or straight', () => {
    expect(sentences('"We agree," he said. "There is a gap." "Relations are low," he said.')).toEqual([
      '"We agree," he said.',
      '"There is a gap."',
      '"Relations are low," he said.',
    ]);
    expect(sentences('“Stop!” she shouted. “Now.” It worked.')).toEqual([
      '“Stop!” she shouted.',
      '“Now.”',
      'It worked.',
    ]);
  });
  it('continues after a closed quote or bracket followed by a lower-case word', () => {
    expect(sentences('"Stop!" he shouted.')).toEqual(['"Stop!" he shouted.']);
    expect(sentences('They met (see below.) and talked. Then they left.')).toEqual([
      'They met (see below.) and talked.',
      'Then they left.',
    ]);
  });
  it('ends a sentence at . ? ! before a lower-case word, but not at an ellipsis', () => {
    expect(sentences('is it true? yes it is. ok then.')).toEqual(['is it true?', 'yes it is.', 'ok then.']);
    expect(sentences('It was long... and dull. Then it ended . . . or not.')).toEqual([
      'It was long... and dull.',
      'Then it ended . . . or not.',
    ]);
  });
  it('never ends at a colon or semicolon, nor before a comma or an emoticon', () => {
    expect(sentences('One thing matters: Peace comes first; war does not.')).toEqual([
      'One thing matters: Peace comes first; war does not.',
    ]);
    expect(sentences('We won! :) Next week again.')).toEqual(['We won! :)', 'Next week again.']);
  });
  it('keeps citation marks and footnote numbers with the sentence they follow', () => {
    expect(sentences('The bridge opened in 1937. [4] [5] It is red.[6]\nIt rains. 3 Fog is common.')).toEqual([
      'The bridge opened in 1937. [4] [5]',
      'It is red.[6]',
      'It rains. 3',
      'Fog is common.',
    ]);
    expect(sentences('It was built in 1937. [citation needed] Tolls are high.')).toEqual([
      'It was built in 1937. [citation needed]',
      'Tolls are high.',
    ]);
  });
});

describe('sentence ends at abbreviations', () => {
  it('does not split after titles and initials, does after abbreviations that end a sentence', () => {
    expect(sentences('Gen. Smith met Mr. Jones. They talked.')).toEqual(['Gen. Smith met Mr. Jones.', 'They talked.']);
    expect(sentences('He lives in the U.S. The trip was long.')).toEqual([
      'He lives in the U.S.',
      'The trip was long.',
    ]);
    expect(sentences('U.S. officials said so.')).toEqual(['U.S. officials said so.']);
    expect(sentences('Sen. Chuck Smith (D-N.Y.) said so. Rep. Ann Lee (R-R.I.) agreed.')).toEqual([
      'Sen. Chuck Smith (D-N.Y.) said so.',
      'Rep. Ann Lee (R-R.I.) agreed.',
    ]);
    expect(sentences('The strain E. coli spread. It was contained by the U.S. Army.')).toEqual([
      'The strain E. coli spread.',
      'It was contained by the U.S. Army.',
    ]);
  });
  it('writes the period of a sentence-final abbreviation as its own token, as UD English does', () => {
    const a = analyzeText('He works for Acme Inc. The firm is small.', res);
    expect(a.tokens.map((t) => t.text).slice(4, 7)).toEqual(['Inc', '.', 'The']);
    expect(a.tokens[5]).toMatchObject({ start: 21, end: 22, sentence: 0 });
    expect(a.tokens[6]).toMatchObject({ text: 'The', sentence: 1 });
    expect(a.sentences.length).toBe(2);
  });
  it('does not end a sentence at an abbreviation that opens it', () => {
    expect(sentences('P.S. By the way, call me.')).toEqual(['P.S. By the way, call me.']);
  });
});

describe('sentence ends at layout', () => {
  it('keeps paragraphs apart and joins hard-wrapped lines', () => {
    expect(sentences('Headline here\nBody starts here.')).toEqual(['Headline here', 'Body starts here.']);
    const wrapped =
      'The talks were held in a\nsmall town near the border and\nended without any agreement on\nthe main issue of the day.\n';
    expect(sentences(wrapped.repeat(2)).length).toBe(2);
  });
  it('ends a quotation that runs to the end of a paragraph there', () => {
    expect(sentences('He said: "We will stay.\n"And we will win," he added.')).toEqual([
      'He said: "We will stay.',
      '"And we will win," he added.',
    ]);
  });
  it('keeps list markers with their item and makes caption labels sentences', () => {
    expect(sentences('1. Buy bread.\n2. Bake it.')).toEqual(['1. Buy bread.', '2. Bake it.']);
    expect(analyzeText('1. Buy bread.', res).tokens[0].text).toBe('1.');
    expect(sentences('Figure 2.3 A map of the region. It shows rivers.')).toEqual([
      'Figure 2.3',
      'A map of the region.',
      'It shows rivers.',
    ]);
  });
});
