import { describe, expect, it } from 'vitest';
import { find, times } from './helpers.js';

const texts = (text: string, date = '1989-10-30') => times(text, date).map((t) => t.text);

// What words belong to an expression (TimeML 1.2.1: prepositions and the articles of a noun
// the expression modifies stay outside).
describe('the extent of an expression', () => {
  it('leaves out "over" meaning during, but keeps it as "more than" before an amount', () => {
    expect(texts('Gas prices fell two cents over the last two weeks.')).toEqual(['the last two weeks']);
    expect(texts('Output rose over the past 20 years.')).toEqual(['the past 20 years']);
    const t = find(times('The tour will last over a week.'), 'over a week');
    expect(t?.value).toBe('P1W');
    expect(t?.mod).toBe('MORE_THAN');
    const least = find(times('Prices rose for at least the past 18 months.'), 'at least the past 18 months');
    expect(least?.mod).toBe('EQUAL_OR_MORE');
  });
  it('leaves out "about" before "the": a topic, not an approximation', () => {
    expect(texts('Residents are worried about the future.')).toEqual(['the future']);
    const t = find(times('He left about two years ago.', '2013-03-14'), 'about two years ago');
    expect(t?.mod).toBe('APPROX');
  });
  it('gives the article of a noun a hyphenated expression modifies to that noun', () => {
    expect(texts('A major factor in the third-quarter loss was the write-down.')).toEqual(['third-quarter']);
    expect(texts('He would make the late-November trip, Castro said.', '2000-01-28')).toEqual(['late-November']);
    // the expression is the noun phrase itself: the article stays
    expect(texts('Sales increased in the third quarter.')).toEqual(['the third quarter']);
    expect(texts('Sales rose in the third-quarter.')).toEqual(['the third-quarter']);
    expect(texts('Sales in the third-quarter were weak.')).toEqual(['the third-quarter']);
    expect(texts('The third-quarter was weak.')).toEqual(['The third-quarter']);
    expect(texts('It posted income for the fiscal second-quarter of $8.6 million.')).toEqual([
      'the fiscal second-quarter',
    ]);
  });
  it('keeps a noun that names no time out of "the year-ago results"', () => {
    expect(texts('The year-ago results included a gain.')).toEqual(['year-ago']);
    expect(texts('It compares with year-earlier profit of $3.8 million.')).toEqual(['year-earlier']);
    expect(texts('In the year-ago period, it earned $1 million.')).toEqual(['the year-ago period']);
    expect(texts('Net rose from the year-earlier quarter.')).toEqual(['the year-earlier quarter']);
    const nine = times('Net for the year-earlier nine months included a gain.', '1989-10-26');
    expect(nine.map((t) => [t.text, t.type, t.value])).toEqual([['the year-earlier nine months', 'DURATION', 'P9M']]);
  });
  it('ends "the year ended Sept. 30" before the verb', () => {
    const list = times('For the year ended Sept. 30, Ralston earned $1 billion.', '1989-11-02');
    expect(list.map((t) => [t.text, t.type])).toEqual([
      ['the year', 'DURATION'],
      ['Sept. 30', 'DATE'],
    ]);
    expect(find(list, 'the year')?.value).toBe('P1Y');
  });
  it('reads "end", "start", "close" as a point of a time only as nouns', () => {
    expect(texts('The plant will close Monday.', '2013-03-14')).toEqual(['Monday']);
    expect(texts('Talks start Friday.', '2013-03-14')).toEqual(['Friday']);
    const list = times('Troops should arrive by the end of the year, and by end of March more.', '2013-03-14');
    expect(list.map((t) => [t.text, t.value, t.mod])).toEqual([
      ['the end of the year', '2013', 'END'],
      ['end of March', '2013-03', 'END'],
    ]);
    expect(find(times('Growth should pick up by end-2014.', '2013-03-14'), 'end-2014')?.mod).toBe('END');
  });
});

describe('a part of a named day', () => {
  it('makes "the morning of March 2" one time, as "the night of Oct. 23"', () => {
    const list = times('The attack took place on the morning of March 2.', '2013-03-14');
    expect(list.map((t) => [t.text, t.type, t.value])).toEqual([['the morning of March 2', 'TIME', '2013-03-02TMO']]);
    expect(texts('The evening of the vote was calm.')).toEqual([]);
  });
});

describe('a distance ahead of the publication date', () => {
  it('reads "two weeks from now" as "two weeks ago" the other way', () => {
    const at = '2013-03-14';
    expect(find(times('The deal will close two weeks from now.', at), 'two weeks from now')?.value).toBe('2013-W13');
    expect(find(times('A year from today, the plant will be gone.', at), 'A year from today')?.value).toBe('2014');
    expect(find(times('Five years from now the city will have doubled.', at), 'Five years from now')?.value).toBe(
      '2018',
    );
  });
});
