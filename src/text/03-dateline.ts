// Step 3: datelines of wire copy at the head of a paragraph: "TOKYO (AFP) -",
// "ULAN BATOR, Sept 6 (Reuters) -", "WASHINGTON —", "London, Sept. 6 (AP) --".
// A dateline is its own sentence, and its place and date inform later stages.
import type { Dateline } from '../doc/doc.js';
import type { Paragraph } from '../doc/types.js';
import type { RawToken } from './02-tokenize.js';

const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?$/i;
const DASH = /^(-|--|—|–|―|:)$/;

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
  let k = first;
  const inPara = (i: number) => i < tokens.length && tokens[i].start < p.end;
  // place: capitalised words, maybe with commas ("WASHINGTON, D.C.")
  const placeStart = k;
  let allCaps = true;
  let words = 0;
  while (inPara(k) && words < 6) {
    const t = tokens[k].text;
    if (/^[\p{Lu}][\p{L}.'’-]*$/u.test(t)) {
      if (t !== t.toUpperCase()) allCaps = false;
      words++;
      k++;
    } else if (
      t === ',' &&
      inPara(k + 1) &&
      /^[\p{Lu}]{1,3}\.?[\p{Lu}]?\.?$/u.test(tokens[k + 1].text) &&
      !MONTHS.test(tokens[k + 1].text)
    ) {
      // "WASHINGTON, D.C." / "PARIS, TX" but not ", Sept"
      k++;
    } else break;
  }
  if (words === 0) return null;
  const placeEnd = k;
  // optional date: ", Sept 6" / ", Sept. 6, 2007"
  let dateSpan: Dateline['date'] = null;
  if (inPara(k) && tokens[k].text === ',' && inPara(k + 1) && MONTHS.test(tokens[k + 1].text)) {
    const ds = k + 1;
    let de = k + 2;
    if (inPara(de) && tokens[de].text === '.') de++;
    if (inPara(de) && /^\d{1,2}$/.test(tokens[de].text)) {
      de++;
      if (inPara(de + 1) && tokens[de].text === ',' && /^\d{4}$/.test(tokens[de + 1].text)) de += 2;
      dateSpan = {
        start: tokens[ds].start,
        end: tokens[de - 1].end,
        text: text.slice(tokens[ds].start, tokens[de - 1].end),
      };
      k = de;
    } else return null;
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
  // plain "Japan - ..." is not a dateline: need an all-caps place or an agency
  if (!(allCaps && hasLetters(tokens, placeStart, placeEnd)) && agency === null) return null;
  if (!inPara(k + 1)) return null;
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

function hasLetters(tokens: readonly RawToken[], a: number, b: number): boolean {
  let letters = 0;
  for (let i = a; i < b; i++) letters += tokens[i].text.replace(/[^\p{L}]/gu, '').length;
  return letters >= 2;
}
