import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const tokens = (s: string) => analyzeText(s, res).tokens.map((t) => t.text);
const norms = (s: string) => analyzeText(s, res).tokens.map((t) => t.norm ?? t.text);

describe('clitics and contractions (UD English words)', () => {
  it('splits negation and clitics, straight or curly', () => {
    expect(tokens("I can't say it's Japan's fault, we don't know.")).toEqual([
      'I',
      'ca',
      "n't",
      'say',
      'it',
      "'s",
      'Japan',
      "'s",
      'fault',
      ',',
      'we',
      'do',
      "n't",
      'know',
      '.',
    ]);
    expect(norms('They’re sure it’ll rain.')).toEqual(['They', "'re", 'sure', 'it', "'ll", 'rain', '.']);
    expect(tokens("the patients' rights")).toEqual(['the', 'patients', "'", 'rights']);
  });
  it('splits contractions written without an apostrophe, as the treebanks do', () => {
    expect(tokens('We cannot go, we are gonna stay and I dont mind.')).toEqual([
      'We',
      'can',
      'not',
      'go',
      ',',
      'we',
      'are',
      'gon',
      'na',
      'stay',
      'and',
      'I',
      'do',
      'nt',
      'mind',
      '.',
    ]);
    expect(tokens('im late but IM is a chat')).toEqual(['i', 'm', 'late', 'but', 'IM', 'is', 'a', 'chat']);
  });
  it('keeps decades and elided words whole', () => {
    expect(tokens("In the '90s and the 60's they sang 'em all.")).toEqual([
      'In',
      'the',
      "'90s",
      'and',
      'the',
      "60's",
      'they',
      'sang',
      "'em",
      'all',
      '.',
    ]);
  });
});

describe('abbreviations, initials and numbers', () => {
  it('keeps listed and dotted abbreviations, initials and numbers whole', () => {
    expect(tokens('Mr. J. Smith of the U.S. paid $1.5bn on Sept. 6, 1,000 times.')).toEqual([
      'Mr.',
      'J.',
      'Smith',
      'of',
      'the',
      'U.S.',
      'paid',
      '$',
      '1.5',
      'bn',
      'on',
      'Sept.',
      '6',
      ',',
      '1,000',
      'times',
      '.',
    ]);
    expect(tokens('Dr. Ruiz holds a Ph.D. in chemistry, e.g. polymers, from Acme Ltd. in Ohio.')).toEqual([
      'Dr.',
      'Ruiz',
      'holds',
      'a',
      'Ph.D.',
      'in',
      'chemistry',
      ',',
      'e.g.',
      'polymers',
      ',',
      'from',
      'Acme',
      'Ltd.',
      'in',
      'Ohio',
      '.',
    ]);
  });
  it('finds abbreviations written in capitals', () => {
    expect(tokens('ACME LTD. AND DR. ROSS')).toEqual(['ACME', 'LTD.', 'AND', 'DR.', 'ROSS']);
  });
  it('reads "No." as a number prefix only before a number', () => {
    expect(tokens('He was No. 5 on the list.')).toContain('No.');
    expect(tokens('She said No. Then she left.')).toEqual(['She', 'said', 'No', '.', 'Then', 'she', 'left', '.']);
  });
  it('splits units from numbers and keeps ordinals, decades and codes', () => {
    expect(tokens('It ran 10km at 7:30pm in the 1970s, 21st of 3 G20 states, batting .324 to +44.')).toEqual([
      'It',
      'ran',
      '10',
      'km',
      'at',
      '7:30',
      'pm',
      'in',
      'the',
      '1970s',
      ',',
      '21st',
      'of',
      '3',
      'G20',
      'states',
      ',',
      'batting',
      '.324',
      'to',
      '+44',
      '.',
    ]);
  });
  it('splits a period off a word it does not belong to, even without a space', () => {
    expect(tokens('It ended.Then it began.')).toEqual(['It', 'ended', '.', 'Then', 'it', 'began', '.']);
    expect(tokens('He visited St.Louis.')).toEqual(['He', 'visited', 'St.', 'Louis', '.']);
  });
});

describe('hyphens, slashes and ranges', () => {
  it('splits hyphenated compounds but keeps bound prefixes joined', () => {
    expect(tokens('a US-backed, non-profit, re-elected co-founder of an e-mail firm')).toEqual([
      'a',
      'US',
      '-',
      'backed',
      ',',
      'non-profit',
      ',',
      're-elected',
      'co-founder',
      'of',
      'an',
      'e-mail',
      'firm',
    ]);
  });
  it('keeps dotted initials after a hyphen with their period: party and state, city and district', () => {
    expect(tokens('Sen. Smith (D-N.Y.) and a Washington-D.C. firm')).toEqual([
      'Sen.',
      'Smith',
      '(',
      'D',
      '-',
      'N.Y.',
      ')',
      'and',
      'a',
      'Washington',
      '-',
      'D.C.',
      'firm',
    ]);
    // words before a period stay apart from a sentence that follows without a space
    expect(tokens('the end-of-year.Then')).toEqual(['the', 'end', '-', 'of', '-', 'year', '.', 'Then']);
  });
  it('splits ranges of years but keeps phone numbers whole', () => {
    expect(tokens('rule in 1910-1945, call 555-0123 or 713-555-0199')).toEqual([
      'rule',
      'in',
      '1910',
      '-',
      '1945',
      ',',
      'call',
      '555-0123',
      'or',
      '713-555-0199',
    ]);
  });
  it('keeps short slash words and cut-off words', () => {
    expect(tokens('s/he came w/o bags and/or coats')).toEqual([
      's/he',
      'came',
      'w/o',
      'bags',
      'and',
      '/',
      'or',
      'coats',
    ]);
    expect(tokens('I th- I think so')).toEqual(['I', 'th-', 'I', 'think', 'so']);
  });
});

describe('the web: URLs, addresses, handles, files, emoticons', () => {
  it('keeps URLs and e-mail addresses whole and gives back trailing punctuation', () => {
    expect(tokens('a deal at http://example.com/a-b?x=1.')).toEqual([
      'a',
      'deal',
      'at',
      'http://example.com/a-b?x=1',
      '.',
    ]);
    expect(tokens('Write to news@example.org now.')).toEqual(['Write', 'to', 'news@example.org', 'now', '.']);
    expect(tokens('(see www.example.org/page_(info)).')).toEqual(['(', 'see', 'www.example.org/page_(info)', ')', '.']);
  });
  it('keeps shortened addresses, handles, hashtags, domains and file names whole', () => {
    expect(tokens('mail ann...@example.net or @newsdesk #Election2020 on example.com and notes_v2.doc')).toEqual([
      'mail',
      'ann...@example.net',
      'or',
      '@newsdesk',
      '#Election2020',
      'on',
      'example.com',
      'and',
      'notes_v2.doc',
    ]);
    expect(tokens('the group rec.sport.chess and the file .pdf')).toEqual([
      'the',
      'group',
      'rec.sport.chess',
      'and',
      'the',
      'file',
      '.pdf',
    ]);
  });
  it('keeps emoticons and runs of symbols whole', () => {
    expect(tokens('Great :) see you ;-) ==> here !?! <<done>>')).toEqual([
      'Great',
      ':)',
      'see',
      'you',
      ';-)',
      '==>',
      'here',
      '!?!',
      '<<',
      'done',
      '>>',
    ]);
  });
  it('keeps runs of sentence marks together, an ellipsis apart from a question mark', () => {
    expect(tokens('Really?!? Well...? Fine!!!')).toEqual(['Really', '?!?', 'Well', '...', '?', 'Fine', '!!!']);
  });
});

describe('quotes and dashes', () => {
  it('gives curly quotes, apostrophes, dashes and ellipses a normalized form', () => {
    const a = analyzeText('“It’s over” — he said…', res);
    expect(a.tokens.map((t) => t.text)).toEqual(['“', 'It', '’s', 'over', '”', '—', 'he', 'said', '…']);
    expect(a.tokens.map((t) => t.norm ?? t.text)).toEqual(['"', 'It', "'s", 'over', '"', '--', 'he', 'said', '...']);
  });
  it('reads doubled single quotes as one double quote', () => {
    expect(norms("``Yes,'' she said.")).toEqual(['"', 'Yes', ',', '"', 'she', 'said', '.']);
    expect(norms('‘’Where?’’')).toEqual(['"', 'Where', '?', '"']);
  });
  it('knows whether a straight quote opens or closes', () => {
    const a = analyzeText('He said "yes" and "no".', res);
    expect(a.tokens.filter((t) => t.text === '"').length).toBe(4);
    expect(tokens('"A" "B"')).toEqual(['"', 'A', '"', '"', 'B', '"']);
  });
});

describe('offsets', () => {
  it('never shifts offsets', () => {
    const text = '  “Über-cool” naïve café — 東京 said 😀 x.\n\nNext line…  ';
    for (const t of analyzeText(text, res).tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
  it('keeps characters outside the BMP whole', () => {
    expect(tokens('Nice 😀😀 day 𝐀')).toEqual(['Nice', '😀', '😀', 'day', '𝐀']);
  });
});
