// Step 3: datelines of wire copy at the head of a paragraph: "TOKYO (AFP) -",
// "ULAN BATOR, Sept 6 (Reuters) -", "WASHINGTON —", "London, Sept. 6 (AP) --",
// "Evansville, Indiana, United States -", and the bare date line that opens online news
// ("Sunday, May 28, 2006 The website ..."). A dateline is its own sentence, and its place and
// date inform later stages. The place must be written in capitals, carry an agency, or name a
// region after a comma: "Japan - a country - agreed" is no dateline.
import type { Dateline } from '../doc/doc.js';
import type { Paragraph } from '../doc/types.js';
import type { RawToken } from './02-tokenize.js';

const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?$/i;
const WEEKDAYS =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/i;
const DASH = /^(-|--|—|–|―|:)$/;
const CAPITALISED = /^[\p{Lu}][\p{L}.'’-]*$/u;
const SHORT_CAPS = /^[\p{Lu}]{1,3}\.?[\p{Lu}]?\.?$/u;

export interface DatelineMatch {
  dateline: Dateline;
  /** Index (exclusive) of the last token of the dateline in the token array. */
  tokenEnd: number;
}

/** Look for a dateline at the first tokens of paragraph `p`; `first` is its first token index. */
export function findDateline(
  text: string,
  tokens: readonly RawToken[],
  first: number,
  p: Paragraph,
): DatelineMatch | null {
  const inPara = (i: number) => i < tokens.length && tokens[i].start < p.end;
  if (inPara(first) && WEEKDAYS.test(tokens[first].text)) return bareDate(text, tokens, first, inPara);
  let k = first;
  // place: capitalised words, maybe with commas ("WASHINGTON, D.C.", "Evansville, Indiana")
  const placeStart = k;
  let allCaps = true;
  let words = 0;
  let regions = 0;
  while (inPara(k) && words < 6) {
    const t = tokens[k].text;
    if (CAPITALISED.test(t)) {
      if (t !== t.toUpperCase()) allCaps = false;
      words++;
      k++;
    } else if (t === ',' && inPara(k + 1) && words > 0 && !MONTHS.test(tokens[k + 1].text)) {
      const next = tokens[k + 1].text;
      // "WASHINGTON, D.C." / "PARIS, TX" / "Evansville, Indiana" but not ", Sept"
      if (!SHORT_CAPS.test(next) && !CAPITALISED.test(next)) break;
      regions++;
      k++;
    } else break;
  }
  if (words === 0) return null;
  const placeEnd = k;
  // optional date: ", Sept 6" / ", Sept. 6, 2007"
  let dateSpan: Dateline['date'] = null;
  if (inPara(k) && tokens[k].text === ',' && inPara(k + 1) && MONTHS.test(tokens[k + 1].text)) {
    const date = monthDay(text, tokens, k + 1, inPara);
    if (!date) return null;
    dateSpan = date.span;
    k = date.end;
  }
  // optional agency: "(Reuters)"
  let agency: string | null = null;
  if (inPara(k) && tokens[k].text === '(') {
    let e = k + 1;
    while (inPara(e) && e - k <= 5 && tokens[e].text !== ')') e++;
    if (!inPara(e) || tokens[e].text !== ')' || e === k + 1) return null;
    agency = text.slice(tokens[k + 1].start, tokens[e - 1].end);
    k = e + 1;
  }
  if (!inPara(k) || !DASH.test(tokens[k].text)) return null;
  const capitalPlace = allCaps && hasLetters(tokens, placeStart, placeEnd);
  if (!capitalPlace && agency === null && regions === 0) return null;
  if (!inPara(k + 1) || shouting(tokens, k + 1, inPara)) return null;
  const placeText = text.slice(tokens[placeStart].start, tokens[placeEnd - 1].end);
  return {
    dateline: {
      start: tokens[placeStart].start,
      end: tokens[k].end,
      place: { start: tokens[placeStart].start, end: tokens[placeEnd - 1].end, text: placeText },
      date: dateSpan,
      agency,
    },
    tokenEnd: k + 1,
  };
}

/** "Sept 6" / "Sept. 6, 2007" / "May 28, 2006" from the month at `m`. */
function monthDay(
  text: string,
  tokens: readonly RawToken[],
  m: number,
  inPara: (i: number) => boolean,
): { span: NonNullable<Dateline['date']>; end: number } | null {
  let de = m + 1;
  if (inPara(de) && tokens[de].text === '.') de++;
  if (!inPara(de) || !/^\d{1,2}$/.test(tokens[de].text)) return null;
  de++;
  if (inPara(de + 1) && tokens[de].text === ',' && /^\d{4}$/.test(tokens[de + 1].text)) de += 2;
  const start = tokens[m].start;
  const end = tokens[de - 1].end;
  return { span: { start, end, text: text.slice(start, end) }, end: de };
}

/**
 * "Sunday, May 28, 2006 The LibriVox website ...": a full date opening a paragraph and run into
 * the first sentence (a capitalised word follows without punctuation), or ended by a dash.
 */
function bareDate(
  text: string,
  tokens: readonly RawToken[],
  first: number,
  inPara: (i: number) => boolean,
): DatelineMatch | null {
  if (!inPara(first + 2) || tokens[first + 1].text !== ',' || !MONTHS.test(tokens[first + 2].text)) return null;
  const date = monthDay(text, tokens, first + 2, inPara);
  if (!date || date.span.text.indexOf(',') < 0) return null; // the year is required
  let k = date.end;
  if (inPara(k) && DASH.test(tokens[k].text) && tokens[k].text !== ':') k++;
  if (!inPara(k) || !/^\p{Lu}/u.test(tokens[k].text) || shouting(tokens, k, inPara)) return null;
  const start = tokens[first].start;
  const span = { start, end: date.span.end, text: text.slice(start, date.span.end) };
  return { dateline: { start, end: tokens[k - 1].end, place: null, date: span, agency: null }, tokenEnd: k };
}

/** The words after a candidate dateline are in capitals too: a heading ("CONGRESSIONAL RECORD — SENATE"). */
function shouting(tokens: readonly RawToken[], k: number, inPara: (i: number) => boolean): boolean {
  let caps = 0;
  for (let i = k; i < k + 2; i++) {
    if (!inPara(i)) return caps > 0 && i === k + 1;
    const t = tokens[i].text;
    if (t.length < 2 || t !== t.toUpperCase() || t === t.toLowerCase()) return false;
    caps++;
  }
  return true;
}

function hasLetters(tokens: readonly RawToken[], a: number, b: number): boolean {
  let letters = 0;
  for (let i = a; i < b; i++) letters += tokens[i].text.replace(/[^\p{L}]/gu, '').length;
  return letters >= 2;
}
