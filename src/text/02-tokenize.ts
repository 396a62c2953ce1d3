// Step 2: tokens, UD English conventions. One left-to-right scan per paragraph; a word is
// scanned as a unit (letters, digits, internal periods/apostrophes/hyphens), then split into
// UD words: clitics ("do|n't", "Japan|'s", "can|not"), hyphens ("US|-|backed"), units
// ("1.5|bn"). Offsets always point into the original text; `norm` carries the form the
// models see when it differs (curly quotes and apostrophes straightened).
import type { Paragraph } from '../doc/types.js';

export type AbbreviationClass = 'title' | 'month' | 'general' | 'number';

export interface TokenizerResources {
  abbreviations: ReadonlyMap<string, AbbreviationClass>;
  /** Hyphen prefixes that stay joined ("re-elected", "e-mail"), lower case. */
  joinedPrefixes: ReadonlySet<string>;
  /** Unit suffixes split from a number ("1.5bn" -> "1.5", "bn"), lower case. */
  unitSuffixes: ReadonlySet<string>;
}

/** A raw token before sentence assignment. */
export interface RawToken {
  start: number;
  end: number;
  text: string;
  norm?: string;
  /** Ends with a period that belongs to an abbreviation of this class. */
  abbrev?: AbbreviationClass | 'initial' | 'dotted';
  /** For quotation marks: whether it opens or closes. */
  quote?: 'open' | 'close';
  spaceAfter: boolean;
}

const A = 0x61;
const Z = 0x7a;
const CA = 0x41;
const CZ = 0x5a;
const D0 = 0x30;
const D9 = 0x39;

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;

export function isDigitCode(c: number): boolean {
  return c >= D0 && c <= D9;
}

export function isLetterCode(c: number, ch: string): boolean {
  if ((c >= A && c <= Z) || (c >= CA && c <= CZ)) return true;
  if (c < 0x80) return false;
  return NON_ASCII_LETTER.test(ch);
}

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isDigitCode(c)) return true;
  if ((c >= A && c <= Z) || (c >= CA && c <= CZ)) return true;
  if (c < 0x80) return false;
  // surrogate pairs: letters outside the BMP (rare) count as word characters
  if (c >= 0xd800 && c <= 0xdbff) return true;
  if (c >= 0xdc00 && c <= 0xdfff) return true;
  return NON_ASCII_LETTER.test(text[i]) || /\p{N}/u.test(text[i]);
}

const isSpaceCode = (c: number): boolean =>
  c === 32 ||
  c === 9 ||
  c === 10 ||
  c === 13 ||
  c === 12 ||
  c === 11 ||
  c === 0xa0 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x3000 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0xfeff;

const APOSTROPHES = new Set(["'", '’', '‘', 'ʼ']);
const DOUBLE_QUOTES = new Set(['"', '“', '”', '„', '«', '»', '″']);
const OPENERS = new Set(['(', '[', '{', '“', '‘', '„', '«']);
/** Punctuation that forms one token when repeated ("...", "--", "!!!"). */
const RUNS = new Set(['.', '-', '!', '?', '*', '=', '_', '~', '#', '+']);
const DASHES = new Set(['-', '–', '—', '―', '‒']);

const CLITICS = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/** Tokenize the paragraphs of `text` into raw tokens. */
export function tokenize(text: string, paragraphs: readonly Paragraph[], res: TokenizerResources): RawToken[] {
  const out: RawToken[] = [];
  for (const p of paragraphs) tokenizeRange(text, p.start, p.end, res, out);
  return out;
}

function tokenizeRange(text: string, from: number, to: number, res: TokenizerResources, out: RawToken[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (out.length) out[out.length - 1].spaceAfter = true;
      i++;
      continue;
    }
    const url = scanUrl(text, i, to);
    if (url > i) {
      push(out, text, i, url);
      i = url;
      continue;
    }
    if (isWordCode(text, i)) {
      i = scanWord(text, i, to, res, out);
      continue;
    }
    const ch = text[i];
    // apostrophe-initial words: '90s, 'em
    if (APOSTROPHES.has(ch) && i + 1 < to && isWordCode(text, i + 1) && (i === from || !isWordCode(text, i - 1))) {
      const j = wordEnd(text, i + 1, to);
      const w = text.slice(i + 1, j).toLowerCase();
      if (/^\d0s$|^em$|^til$|^cause$|^n$|^\d\d$/.test(w)) {
        push(out, text, i, j, `'${text.slice(i + 1, j)}`);
        i = j;
        continue;
      }
    }
    if (DOUBLE_QUOTES.has(ch) || APOSTROPHES.has(ch) || ch === '`') {
      let j = i + 1;
      // `` and '' as one token
      if ((ch === '`' || ch === "'") && j < to && text[j] === ch) j++;
      const tok = push(out, text, i, j);
      tok.quote = quoteDirection(text, i, j, from, to);
      if (ch !== '"') tok.norm = ch === '`' || ch === '‘' || ch === '’' || ch === "'" ? "'" : '"';
      if (j - i === 2) tok.norm = '"';
      i = j;
      continue;
    }
    if (RUNS.has(ch)) {
      let j = i + 1;
      while (j < to && text[j] === ch) j++;
      push(out, text, i, j);
      i = j;
      continue;
    }
    // a character outside the BMP is one token (emoji and the like), never half a pair
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      push(out, text, i, i + 2);
      i += 2;
      continue;
    }
    const tok = push(out, text, i, i + 1);
    if (DASHES.has(ch) && ch !== '-') tok.norm = ch === '—' || ch === '―' ? '--' : '-';
    else if (ch === '…') tok.norm = '...';
    i++;
  }
  if (out.length) out[out.length - 1].spaceAfter = true;
}

function push(out: RawToken[], text: string, start: number, end: number, norm?: string): RawToken {
  const tok: RawToken = { start, end, text: text.slice(start, end), spaceAfter: false };
  if (norm !== undefined && norm !== tok.text) tok.norm = norm;
  out.push(tok);
  return tok;
}

/** Straight quotes: opening after space/start/opener, closing otherwise. */
function quoteDirection(text: string, i: number, j: number, from: number, to: number): 'open' | 'close' {
  const ch = text[i];
  if (ch === '“' || ch === '‘' || ch === '„' || ch === '«' || ch === '`') return 'open';
  if (ch === '”' || ch === '»') return 'close';
  const before = i > from ? text.charCodeAt(i - 1) : 32;
  const after = j < to ? text.charCodeAt(j) : 32;
  const beforeSpace =
    isSpaceCode(before) || OPENERS.has(String.fromCharCode(before)) || DASHES.has(String.fromCharCode(before));
  const afterSpace = isSpaceCode(after) || /[.,;:!?)\]}]/.test(String.fromCharCode(after));
  if (beforeSpace && !afterSpace) return 'open';
  if (!beforeSpace && afterSpace) return 'close';
  if (beforeSpace && afterSpace) return i === from ? 'open' : 'close';
  return 'close';
}

const URL_PREFIXES = ['http://', 'https://', 'ftp://', 'www.'];

/** End of a URL or e-mail address starting at i, or i. */
function scanUrl(text: string, i: number, to: number): number {
  const c = text[i];
  if (c !== 'h' && c !== 'H' && c !== 'f' && c !== 'w' && c !== 'W' && !isWordCode(text, i)) return i;
  let isUrl = false;
  for (const p of URL_PREFIXES) {
    if (text.length - i >= p.length && text.slice(i, i + p.length).toLowerCase() === p) {
      isUrl = true;
      break;
    }
  }
  let j = i;
  while (
    j < to &&
    !isSpaceCode(text.charCodeAt(j)) &&
    !DOUBLE_QUOTES.has(text[j]) &&
    text[j] !== '<' &&
    text[j] !== '>'
  )
    j++;
  if (!isUrl) {
    // e-mail: word chars, @, domain with a dot
    const at = text.indexOf('@', i);
    if (at < 0 || at >= j || at === i) return i;
    const dot = text.indexOf('.', at);
    if (dot < 0 || dot >= j - 1) return i;
    for (let k = i; k < at; k++) {
      const ch = text[k];
      if (!isWordCode(text, k) && ch !== '.' && ch !== '_' && ch !== '-' && ch !== '+') return i;
    }
  }
  // trailing punctuation belongs to the sentence
  while (j > i && /[.,;:!?)\]}'’]/.test(text[j - 1])) {
    if (text[j - 1] === ')' && text.slice(i, j).includes('(')) break;
    j--;
  }
  return j;
}

function wordEnd(text: string, i: number, to: number): number {
  let j = i;
  while (j < to && isWordCode(text, j)) j++;
  return j;
}

/**
 * Scan a word from i (a word character) and push its UD tokens. Returns the index after it.
 */
function scanWord(text: string, i: number, to: number, res: TokenizerResources, out: RawToken[]): number {
  let j = i;
  let dotted = false;
  while (j < to) {
    if (isWordCode(text, j)) {
      j++;
      continue;
    }
    const ch = text[j];
    const next = j + 1 < to ? j + 1 : -1;
    if (next < 0) break;
    const prevDigit = isDigitCode(text.charCodeAt(j - 1));
    const nextDigit = isDigitCode(text.charCodeAt(next));
    // 1,000  1.5  10:30  3/4
    if ((ch === ',' || ch === '.' || ch === ':' || ch === '/') && prevDigit && nextDigit) {
      j++;
      continue;
    }
    // U.S.  e.g.  a.m.  : single letters separated by periods
    if (
      ch === '.' &&
      isWordCode(text, next) &&
      !nextDigit &&
      isSingleLetterChunk(text, i, j) &&
      isSingleLetterAhead(text, next, to)
    ) {
      j++;
      dotted = true;
      continue;
    }
    // contractions and names: don't, O'Brien, Japan's
    if (APOSTROPHES.has(ch) && isWordCode(text, next) && !isDigitCode(text.charCodeAt(next))) {
      j++;
      continue;
    }
    // hyphenated compounds (split below)
    if ((ch === '-' || ch === '‐') && isWordCode(text, next)) {
      j++;
      continue;
    }
    // AT&T, S&P
    if (ch === '&' && isUpper(text, j - 1) && isUpper(text, next) && (next + 1 >= to || !isLower(text, next + 1))) {
      j++;
      continue;
    }
    break;
  }
  // a final period: part of an abbreviation or initial, or sentence punctuation
  let abbrev: RawToken['abbrev'];
  if (j < to && text[j] === '.' && !(j + 1 < to && text[j + 1] === '.')) {
    const word = text.slice(i, j);
    if (dotted) abbrev = 'dotted';
    else {
      const cls = res.abbreviations.get(word);
      if (cls && (cls !== 'number' || nextNonSpaceIsDigit(text, j + 1, to))) abbrev = cls;
      else if (word.length === 1 && isUpper(text, i) && nextNonSpaceIsUpper(text, j + 1, to)) abbrev = 'initial';
    }
    if (abbrev) j++;
  }
  // possessive plural: "patients'" -> patients + '
  let possessive = -1;
  if (
    !abbrev &&
    j < to &&
    (text[j] === "'" || text[j] === '’') &&
    (text[j - 1] === 's' || text[j - 1] === 'S') &&
    (j + 1 >= to || !isWordCode(text, j + 1)) &&
    j - i > 2
  )
    possessive = j;
  splitWord(text, i, j, res, out, abbrev);
  if (possessive >= 0) {
    push(out, text, possessive, possessive + 1, "'");
    j++;
  }
  return j;
}

function isSingleLetterChunk(text: string, wordStart: number, dot: number): boolean {
  // the chunk before this dot is one letter (U in U.S, e in e.g)
  const k = dot - 1;
  return k >= wordStart && (k === wordStart || text[k - 1] === '.') && !isDigitCode(text.charCodeAt(k));
}

function isSingleLetterAhead(text: string, k: number, to: number): boolean {
  // the chunk after the dot is one letter followed by a period (S. in U.S.) or ends the dotted word
  return k + 1 < to && text[k + 1] === '.';
}

function isUpper(text: string, i: number): boolean {
  const ch = text[i];
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(text: string, i: number): boolean {
  const ch = text[i];
  return ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function nextNonSpaceIsDigit(text: string, k: number, to: number): boolean {
  while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
  return k < to && isDigitCode(text.charCodeAt(k));
}

function nextNonSpaceIsUpper(text: string, k: number, to: number): boolean {
  while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
  return k < to && isUpper(text, k);
}

/** Split one scanned word [i, j) into UD tokens. */
function splitWord(
  text: string,
  i: number,
  j: number,
  res: TokenizerResources,
  out: RawToken[],
  abbrev: RawToken['abbrev'],
): void {
  // hyphen pieces
  const pieces: Array<[number, number]> = [];
  let s = i;
  for (let k = i; k < j; k++) {
    const ch = text[k];
    if ((ch === '-' || ch === '‐') && k > s && k + 1 < j) {
      const prefix = text.slice(s, k).toLowerCase();
      const numeric = /^\d+$/.test(prefix) && /\d/.test(text[k + 1]);
      const phoneLike = numeric && /^\d+(-\d+){2,}$/.test(text.slice(i, j));
      if (res.joinedPrefixes.has(prefix) || phoneLike || prefix.length === 1) continue;
      pieces.push([s, k]);
      pieces.push([k, k + 1]);
      s = k + 1;
    }
  }
  pieces.push([s, j]);
  for (let p = 0; p < pieces.length; p++) {
    const [a, b] = pieces[p];
    const last = p === pieces.length - 1;
    splitClitics(text, a, b, res, out, last ? abbrev : undefined);
  }
}

function splitClitics(
  text: string,
  a: number,
  b: number,
  res: TokenizerResources,
  out: RawToken[],
  abbrev: RawToken['abbrev'],
): void {
  const word = text.slice(a, b);
  if (word === '-' || word === '‐') {
    push(out, text, a, b);
    return;
  }
  const lower = word.toLowerCase().replace(/[’‘ʼ]/g, "'");
  // cannot, gonna, wanna, gotta
  const fused = FUSED.get(lower);
  if (fused !== undefined) {
    push(out, text, a, a + fused);
    push(out, text, a + fused, b);
    return;
  }
  if (!abbrev && lower.length > 2) {
    for (const c of CLITICS) {
      if (lower.endsWith(c) && lower.length > c.length) {
        const cut = b - c.length;
        // can't -> ca + n't, won't -> wo + n't
        const stem = text.slice(a, cut);
        if (c === "n't" && stem.length === 0) break;
        if (c === "'s" && !isWordCode(text, cut - 1)) break;
        if (stem.length === 0) break;
        if (c === "n't" && lower === "n't") break;
        splitUnits(text, a, cut, res, out, undefined);
        const clitic = text.slice(cut, b);
        const norm = clitic.replace(/[’‘ʼ]/g, "'");
        push(out, text, cut, b, norm);
        return;
      }
    }
  }
  splitUnits(text, a, b, res, out, abbrev);
}

const FUSED = new Map<string, number>([
  ['cannot', 3],
  ['gonna', 3],
  ['wanna', 3],
  ['gotta', 3],
]);

/** "1.5bn" -> "1.5" "bn"; "3pm" -> "3" "pm"; "1970s" and "G20" stay whole. */
function splitUnits(
  text: string,
  a: number,
  b: number,
  res: TokenizerResources,
  out: RawToken[],
  abbrev: RawToken['abbrev'],
): void {
  if (isDigitCode(text.charCodeAt(a))) {
    let k = a;
    while (k < b && (isDigitCode(text.charCodeAt(k)) || text[k] === '.' || text[k] === ',')) k++;
    if (k < b && k > a && res.unitSuffixes.has(text.slice(k, b).replace(/\.$/, '').toLowerCase())) {
      push(out, text, a, k);
      const t = push(out, text, k, b);
      if (abbrev) t.abbrev = abbrev;
      return;
    }
  }
  const tok = push(out, text, a, b, normalizeApostrophes(text.slice(a, b)));
  if (abbrev) tok.abbrev = abbrev;
}

function normalizeApostrophes(w: string): string {
  return w.indexOf('’') >= 0 || w.indexOf('ʼ') >= 0 ? w.replace(/[’ʼ]/g, "'") : w;
}
