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
  });
  it('gives the article of a noun a hyphenated expression modifies to that noun', () => {
    expect(texts('A major factor in the third-quarter loss was the write-down.')).toEqual(['third-quarter']);
    expect(texts('He would make the late-November trip, Castro said.', '2000-01-28')).toEqual(['late-November']);
    // the expression is the noun phrase itself: the article stays
    expect(texts('Sales increased in the third quarter.')).toEqual(['the third quarter']);
    expect(texts('Sales rose in the third-quarter.')).toEqual(['the third-quarter']);
    expect(texts('It posted income for the fiscal second-quarter of $8.6 million.')).toEqual([
      'the fiscal second-quarter',
    ]);
  });
  it('keeps a noun that names no time out of "the year-ago results"', () => {
    expect(texts('The year-ago results included a gain.')).toEqual(['year-ago']);
    expect(texts('It compares with year-earlier profit of $3.8 million.')).toEqual(['year-earlier']);
    expect(texts('In the year-ago period, it earned $1 million.')).toEqual(['the year-ago period']);
    expect(texts('Net rose from the year-earlier quarter.')).toEqual(['the year-earlier quarter']);
  });
  it('ends "the year ended Sept. 30" before the verb', () => {
    const list = times('For the year ended Sept. 30, Ralston earned $1 billion.', '1989-11-02');
    expect(list.map((t) => [t.text, t.type])).toEqual([
      ['the year', 'DURATION'],
      ['Sept. 30', 'DATE'],
    ]);
    expect(find(list, 'the year')?.value).toBe('P1Y');
  });
});
