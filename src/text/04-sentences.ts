// Step 4: sentence boundaries over the tokens of each paragraph. A sentence ends at . ! ? …
// (with the closing quotes and brackets and the citation marks like "[12]" that follow) unless
// what comes next continues it: a closing quote then a lower-case word ("Stop!" he said), an
// ellipsis then a lower-case word, a comma or colon, an emoticon. An abbreviation's period ends a
// sentence only before a clear sentence starter ("in the U.S. The ..."); titles ("Mr."),
// number prefixes ("No."), initials and list markers never do. Paragraph ends and datelines
// always end a sentence. Colons and semicolons never do.
import type { Paragraph, Span } from '../doc/types.js';
import type { RawToken } from './02-tokenize.js';

export interface SentenceResources {
  /** Capitalised words that show a new sentence after an ambiguous abbreviation. */
  starters: ReadonlySet<string>;
  /** Symbol tokens (emoticons) that stay with the sentence before them. */
  symbolTokens: ReadonlySet<string>;
}

/** Why a sentence ended where it did (for --explain). */
export type SentenceEnd = 'paragraph' | 'dateline' | 'label' | 'punctuation' | 'abbreviation' | 'length';

/**
 * Longest sentence, in tokens. News sentences stay far below; text without sentence punctuation
 * (lists, hostile input) is cut here so later stages, some quadratic in sentence length, stay fast.
 */
export const MAX_SENTENCE_TOKENS = 400;

export interface SentenceSplit {
  sentences: Span[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  /** Why each sentence ended. */
  ends: SentenceEnd[];
  /**
   * Tokens whose final period also ends their sentence ("in the U.S." at a sentence end): UD
   * English writes the period as a token of its own there ("U.S" + ".").
   */
  finalPeriod: number[];
}

const CLOSING = new Set([')', ']', '}', '”', '’', '»', "''", '’’']);

/**
 * Group tokens into sentences. `forcedBreaks` holds token indices after which a sentence must
 * end (datelines). Returns spans over the text.
 */
export function splitSentences(
  tokens: readonly RawToken[],
  paragraphs: readonly Paragraph[],
  forcedBreaks: ReadonlySet<number>,
  res: SentenceResources,
): SentenceSplit {
  const out: SentenceSplit = { sentences: [], sentenceOf: new Int32Array(tokens.length), ends: [], finalPeriod: [] };
  let t = 0;
  for (const p of paragraphs) {
    const first = t;
    while (t < tokens.length && tokens[t].start < p.end) t++;
    const last = t; // exclusive
    let s = first;
    const label = captionLabelEnd(tokens, first, last);
    for (let k = first; k < last; k++) {
      let end = -1;
      let why: SentenceEnd = 'punctuation';
      if (k === label) {
        end = k;
        why = 'label';
      } else if (forcedBreaks.has(k)) {
        end = k;
        why = 'dateline';
      } else {
        let kind = candidate(tokens[k]);
        // ". . ." written with spaces is an ellipsis
        if (kind === 'stop' && k > s && tokens[k - 1].text === '.') kind = 'ellipsis';
        // "P.S. By the way": an abbreviation opening a sentence does not end it
        if (kind !== null && !(kind === 'abbreviation' && k === s)) {
          const e = extend(tokens, k, last, res);
          if (endsHere(tokens, k, e, last, kind, res)) {
            end = e;
            if (kind === 'abbreviation') {
              why = 'abbreviation';
              out.finalPeriod.push(k);
            }
          }
        }
      }
      if (end < 0 && k - s + 1 >= MAX_SENTENCE_TOKENS) {
        end = k;
        why = 'length';
      }
      if (end >= 0) {
        push(out, tokens, s, end + 1, why);
        s = end + 1;
        k = end;
      }
    }
    if (s < last) push(out, tokens, s, last, 'paragraph');
  }
  return out;
}

function push(out: SentenceSplit, tokens: readonly RawToken[], a: number, b: number, why: SentenceEnd): void {
  const idx = out.sentences.length;
  for (let i = a; i < b; i++) out.sentenceOf[i] = idx;
  out.sentences.push({ start: tokens[a].start, end: tokens[b - 1].end });
  out.ends.push(why);
}

const LABELS = new Set(['Figure', 'Fig.', 'Table', 'Map', 'Chart', 'Image', 'Photo', 'Exhibit', 'Plate']);

/** "Figure 1.3 This map shows ...": a caption's label is a sentence of its own; its last token or -1. */
function captionLabelEnd(tokens: readonly RawToken[], first: number, last: number): number {
  if (first + 2 >= last || !LABELS.has(tokens[first].text)) return -1;
  const n = tokens[first + 1].text;
  const c = n.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39) || tokens[first + 1].abbrev) return -1;
  const w = tokens[first + 2].text;
  return startsUpperOrDigit(w) && !(w.charCodeAt(0) >= 0x30 && w.charCodeAt(0) <= 0x39) ? first + 1 : -1;
}

type Candidate = 'stop' | 'question' | 'ellipsis' | 'abbreviation';

/** Whether token `tok` can end a sentence, and how. */
function candidate(tok: RawToken): Candidate | null {
  if (tok.abbrev)
    return tok.abbrev === 'title' || tok.abbrev === 'number' || tok.abbrev === 'list' ? null : 'abbreviation';
  const w = tok.text;
  const c = w.charCodeAt(0);
  if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c !== 0x2026) return null;
  let dots = 0;
  let marks = 0;
  for (let i = 0; i < w.length; i++) {
    const d = w.charCodeAt(i);
    if (d === 0x2e) dots++;
    else if (d === 0x21 || d === 0x3f) marks++;
    else if (d === 0x2026) dots += 3;
    else return null;
  }
  if (marks > 0) return 'question';
  return dots >= 2 ? 'ellipsis' : 'stop';
}

function isCloser(tok: RawToken): boolean {
  return tok.quote === 'close' || CLOSING.has(tok.text);
}

/**
 * The last token of the sentence ending at k: with its closing quotes and brackets, citation
 * marks, footnote number and emoticons.
 */
function extend(tokens: readonly RawToken[], k: number, last: number, res: SentenceResources): number {
  let end = k;
  while (end + 1 < last && (isCloser(tokens[end + 1]) || res.symbolTokens.has(tokens[end + 1].text))) end++;
  for (;;) {
    const c = citationEnd(tokens, end + 1, last);
    if (c < 0) break;
    end = c;
  }
  if (isFootnoteMark(tokens, end + 1, last)) end++;
  return end;
}

/** "... minority rights. 4 Even though ...": a footnote number after a sentence, before a capital or the paragraph end. */
function isFootnoteMark(tokens: readonly RawToken[], k: number, last: number): boolean {
  if (k >= last) return false;
  const w = tokens[k].text;
  if (w.length > 3 || tokens[k].abbrev) return false;
  for (let i = 0; i < w.length; i++) if (!(w.charCodeAt(i) >= 0x30 && w.charCodeAt(i) <= 0x39)) return false;
  if (k + 1 >= last) return true;
  const n = tokens[k + 1].text;
  return /^\p{Lu}\p{Ll}/u.test(n);
}

/** "[12]", "[citation needed]", "[a]": a bracket of numbers or lower-case words; its "]" index or -1. */
function citationEnd(tokens: readonly RawToken[], k: number, last: number): number {
  if (k >= last || tokens[k].text !== '[') return -1;
  for (let i = k + 1; i < last && i <= k + 5; i++) {
    const w = tokens[i].text;
    if (w === ']') return i > k + 1 ? i : -1;
    const c = w.charCodeAt(0);
    const ok = (c >= 0x30 && c <= 0x39) || startsLower(w) || w === ',' || w === '-';
    if (!ok) return -1;
  }
  return -1;
}

function startsLower(w: string): boolean {
  const c = w[0];
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

function startsUpperOrDigit(w: string): boolean {
  const c = w[0];
  if (c >= '0' && c <= '9') return true;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Does the sentence end after token `e` (its candidate end at k)? */
function endsHere(
  tokens: readonly RawToken[],
  k: number,
  e: number,
  last: number,
  kind: Candidate,
  res: SentenceResources,
): boolean {
  const next = e + 1;
  if (next >= last) return true;
  const n = tokens[next];
  const w = n.text;
  if (kind === 'abbreviation') {
    // an abbreviation's period ends a sentence only before a clear sentence starter
    if (n.quote === 'open') return next + 1 < last && res.starters.has(tokens[next + 1].text);
    return res.starters.has(w);
  }
  // ". . ." and "?!" written apart: the last mark ends the sentence
  if (candidate(n) !== null && !n.abbrev) return false;
  if (startsLower(w)) {
    // "Stop!" he said / (see below.) and: a closed quote or bracket, the sentence goes on
    if (e > k) return false;
    // "biomed.taiwan": a period without a space is not a sentence end
    if (!tokens[k].spaceAfter) return false;
    // a lower-case word after an ellipsis continues; after . ? ! web text starts sentences so
    return kind !== 'ellipsis';
  }
  if (startsUpperOrDigit(w) || n.quote === 'open' || w === '(' || w === '[') return true;
  // a continuing mark stays in the sentence
  const c = w.charCodeAt(0);
  return !(c === 0x2c || c === 0x3b || c === 0x3a || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x2a);
}
