// Step 2: tokens, UD English conventions. One left-to-right scan per paragraph over
// whitespace-separated chunks. A chunk that is a whole symbol token (":)", "-->", "!?!") stays
// one token; otherwise each word is scanned as a unit (letters, digits and the joiners UD keeps
// inside a word: "1,000", "U.S.", "e-mail", "O'Brien", "AT&T", "Lisa_cv.doc", "kay@enron") and
// then split into UD words: clitics ("do|n't", "Japan|'s"), contractions written without an
// apostrophe ("gon|na", "do|nt"), hyphens ("US|-|backed", but "re-elected"), units ("1.5|bn").
// Offsets always point into the original text; `norm` carries the form the models see when it
// differs (curly quotes and apostrophes straightened, dashes folded).
import type { Paragraph } from '../doc/types.js';

/**
 * How an abbreviation's period behaves at a possible sentence end: `title` (Mr., Gen.) and
 * `number` (No. 5) never end a sentence; `month` and `general` (Inc., etc.) end one before a
 * clear sentence starter.
 */
export type AbbreviationClass = 'title' | 'month' | 'general' | 'number';

export interface TokenizerResources {
  /** Abbreviations by form without the final period, case as written ("Dr", "Ph.D", "etc"). */
  abbreviations: ReadonlyMap<string, AbbreviationClass>;
  /** The same by lower-case form, for words written in capitals ("LTD.", "PH.D."). */
  abbreviationsFolded: ReadonlyMap<string, AbbreviationClass>;
  /** Hyphen prefixes that stay joined ("re-elected", "e-mail"), lower case. */
  joinedPrefixes: ReadonlySet<string>;
  /** Unit suffixes split from a number ("1.5bn" -> "1.5", "bn"), lower case. */
  unitSuffixes: ReadonlySet<string>;
  /** Words split without an apostrophe, lower case, to the lengths of their parts ("gonna" -> [3, 2]). */
  contractions: ReadonlyMap<string, readonly number[]>;
  /** Whole-chunk symbol tokens that include brackets or quotes (":)", ";-)", "[...]"). */
  symbolTokens: ReadonlySet<string>;
  /** Last parts that make "name.part" one token: domains and file types ("com", "pdf"), lower case. */
  webSuffixes: ReadonlySet<string>;
}

/** A raw token before sentence assignment. */
export interface RawToken {
  start: number;
  end: number;
  text: string;
  norm?: string;
  /**
   * Ends with a period that belongs to it: an abbreviation of this class, a capital initial
   * ("J."), a dotted abbreviation ("U.S.") or a list marker opening a paragraph ("1.").
   */
  abbrev?: AbbreviationClass | 'initial' | 'dotted' | 'list';
  /** For quotation marks: whether it opens or closes. */
  quote?: 'open' | 'close';
  spaceAfter: boolean;
}

// ---------------------------------------------------------------------------------------------
// Character classes: ASCII by table, the rest by a lazily filled table over the BMP, so no
// regular expression runs more than once per distinct character.

const OTHER = 1;
const LETTER = 2;
const DIGIT = 3;
const SPACE = 4;

const CLASS = new Uint8Array(0x10000);
const LETTER_RE = /[\p{L}\p{M}\p{N}]/u;

function classOf(c: number): number {
  let k = CLASS[c];
  if (k !== 0) return k;
  if (c >= 0x30 && c <= 0x39) k = DIGIT;
  else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) k = LETTER;
  else if (isSpaceCode(c)) k = SPACE;
  else if (c < 0x80 || (c >= 0xd800 && c <= 0xdfff)) k = OTHER;
  else k = LETTER_RE.test(String.fromCharCode(c)) ? LETTER : OTHER;
  CLASS[c] = k;
  return k;
}

export function isSpaceCode(c: number): boolean {
  return (
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
    c === 0xfeff
  );
}

export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A letter, mark or number (any script); characters outside the BMP count when they are letters. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const k = classOf(c);
  if (k === LETTER || k === DIGIT) return true;
  if (c >= 0xd800 && c <= 0xdbff) return isAstralLetter(text, i);
  return false;
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return classOf(c) === LETTER || (c >= 0xd800 && c <= 0xdbff && isAstralLetter(text, i));
}

/** Letters beyond the BMP (historic scripts, CJK extensions); emoji and symbols are not. */
function isAstralLetter(text: string, i: number): boolean {
  const cp = text.codePointAt(i) ?? 0;
  if (cp < 0x10000 || cp >= 0x1f000) return false;
  return LETTER_RE.test(String.fromCodePoint(cp));
}

/** Width in code units of the character at i (2 for a surrogate pair). */
function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

const isUpperCode = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0x80) return false;
  const ch = text[i];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
};

const isLowerCode = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c < 0x80) return false;
  const ch = text[i];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
};

const DOT = 0x2e;
const HYPHEN = 0x2d;
const APOS = 0x27;
const RSQUO = 0x2019;
const LSQUO = 0x2018;
const MODIFIER_APOS = 0x2bc;

const BACKTICK = 0x60;
const isApostrophe = (c: number) => c === APOS || c === RSQUO || c === MODIFIER_APOS;
/** Apostrophes written inside a word ("don't", "Mama`s"). */
const isInnerApostrophe = (c: number) => isApostrophe(c) || c === BACKTICK;
/** Single quotation marks that pair up as one double quote ('' ‘’ ``). */
const isSingleQuote = (c: number) => c === APOS || c === RSQUO || c === LSQUO || c === BACKTICK;
const isHyphen = (c: number) => c === HYPHEN || c === 0x2010;

const DOUBLE_QUOTES = new Set(['"', '“', '”', '„', '«', '»', '″']);
const OPENERS = new Set(['(', '[', '{', '“', '‘', '„', '«']);
/** Characters that make a symbol chunk ordinary punctuation to split, not one token. */
const SPLIT_SYMBOLS = new Set(['(', ')', '[', ']', '{', '}', '"', "'", '“', '”', '‘', '’', '«', '»', ',', '„', '`']);
/** Punctuation that forms one token when repeated ("--", "**", "<<", "$$$"). */
const RUNS = new Set(['-', '*', '=', '_', '~', '#', '+', '<', '>', '$', '^', '/', '\\', '|', '&', '%', '@']);
/** Sentence punctuation: a run forms one token ("...", "?!", "!!!", ".?", "…."). */
const isSentenceMark = (c: number) => c === DOT || c === 0x21 || c === 0x3f || c === ELLIPSIS;
const ELLIPSIS = 0x2026;

/** End of the run of sentence marks at i; an ellipsis stands apart from a ? or ! ("...?" -> "..." "?"). */
function sentenceMarksEnd(text: string, i: number, b: number): number {
  const dotLike = (c: number) => c === DOT || c === ELLIPSIS;
  let j = i;
  while (j < b && dotLike(text.charCodeAt(j))) j++;
  const dots = j - i;
  if (dots >= 2 || (dots === 1 && text.charCodeAt(i) === ELLIPSIS)) {
    // "..." "…." stay one token, then the ? or ! on its own
    return j;
  }
  while (j < b && isSentenceMark(text.charCodeAt(j))) {
    if (dotLike(text.charCodeAt(j)) && j + 1 < b && dotLike(text.charCodeAt(j + 1))) break;
    j++;
  }
  return j;
}

/** A lone "…" (its normal form is "..."). */
const isEllipsisChar = (text: string, i: number, j: number) => j === i + 1 && text.charCodeAt(i) === ELLIPSIS;
const DASHES = new Set(['-', '–', '—', '―', '‒']);
/** Trailing characters a URL gives back to the sentence. */
const URL_TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '’', '"', '”', '>']);

const CLITICS = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

// ---------------------------------------------------------------------------------------------

/** Tokenize the paragraphs of `text` into raw tokens. */
export function tokenize(text: string, paragraphs: readonly Paragraph[], res: TokenizerResources): RawToken[] {
  const out: RawToken[] = [];
  for (const p of paragraphs) {
    const scan = new ChunkScanner(text, p, res, out);
    let i = p.start;
    while (i < p.end) {
      if (isSpaceCode(text.charCodeAt(i))) {
        if (out.length) out[out.length - 1].spaceAfter = true;
        i++;
        continue;
      }
      let e = i + 1;
      while (e < p.end && !isSpaceCode(text.charCodeAt(e))) e++;
      scan.chunk(i, e);
      i = e;
    }
    if (out.length) out[out.length - 1].spaceAfter = true;
  }
  return out;
}

class ChunkScanner {
  constructor(
    private readonly text: string,
    private readonly para: Paragraph,
    private readonly res: TokenizerResources,
    private readonly out: RawToken[],
  ) {}

  private push(start: number, end: number, norm?: string): RawToken {
    const tok: RawToken = { start, end, text: this.text.slice(start, end), spaceAfter: false };
    if (norm !== undefined && norm !== tok.text) tok.norm = norm;
    this.out.push(tok);
    return tok;
  }

  /** Tokenize the whitespace-free chunk [a, b). */
  chunk(a: number, b: number): void {
    const text = this.text;
    if (b - a >= 2 && !isWordAt(text, a) && this.symbolChunk(a, b)) return;
    let i = a;
    while (i < b) {
      const c = text.charCodeAt(i);
      const url = scanUrl(text, i, b);
      if (url > i) {
        this.push(i, url);
        i = url;
        continue;
      }
      if (isWordAt(text, i)) {
        i = this.word(i, i, b);
        continue;
      }
      const prevWord = i > a && isWordAt(text, i - 1);
      // hashtags and handles: #IStandWithAhmed, @POTUS
      if ((c === 0x23 || c === 0x40) && i + 1 < b && isLetterAt(text, i + 1) && !prevWord) {
        i = this.word(i, i + 1, b);
        continue;
      }
      // a file type written apart: "Letter .doc"
      if (c === DOT && i === a && i + 1 < b && isLetterAt(text, i + 1)) {
        let j = i + 1;
        while (j < b && isLetterAt(text, j)) j++;
        if (j === b && this.res.webSuffixes.has(text.slice(i + 1, j).toLowerCase())) {
          this.push(i, j);
          i = j;
          continue;
        }
      }
      // a decimal without its zero (".324"), a country calling code ("+44")
      if ((c === DOT || c === 0x2b) && i + 1 < b && isDigitCode(text.charCodeAt(i + 1)) && !prevWord) {
        let j = i + 1;
        while (j < b && isDigitCode(text.charCodeAt(j))) j++;
        this.push(i, j);
        i = j;
        continue;
      }
      // apostrophe-initial words: '90s, 'em
      if (isApostrophe(c) || c === LSQUO) {
        const j = this.elidedWord(i, b, prevWord);
        if (j > i) {
          i = j;
          continue;
        }
      }
      const ch = text[i];
      if (DOUBLE_QUOTES.has(ch) || isApostrophe(c) || c === LSQUO || ch === '`') {
        let j = i + 1;
        // `` '' ’’ ‘’ as one token
        if (isSingleQuote(c) && j < b && isSingleQuote(text.charCodeAt(j))) j++;
        const norm = j - i === 2 ? '"' : ch === '`' || c === LSQUO || isApostrophe(c) ? "'" : '"';
        const tok = this.push(i, j, norm);
        tok.quote = quoteDirection(text, i, j, this.para.start, this.para.end);
        i = j;
        continue;
      }
      if (isSentenceMark(c)) {
        const j = sentenceMarksEnd(text, i, b);
        this.push(i, j, isEllipsisChar(text, i, j) ? '...' : undefined);
        i = j;
        continue;
      }
      if (RUNS.has(ch)) {
        let j = i + 1;
        while (j < b && text.charCodeAt(j) === c) j++;
        this.push(i, j);
        i = j;
        continue;
      }
      // a character outside the BMP is one token (emoji and the like), never half a pair
      const w = width(text, i);
      const tok = this.push(i, i + w);
      if (DASHES.has(ch)) tok.norm = ch === '—' || ch === '―' ? '--' : '-';
      i += w;
    }
  }

  /** A chunk of symbols only: a known symbol token (":)", "[...]"), or a run without brackets or quotes. */
  private symbolChunk(a: number, b: number): boolean {
    const text = this.text;
    if (b - a <= 40) {
      const s = text.slice(a, b);
      if (this.res.symbolTokens.has(s)) {
        this.push(a, b);
        return true;
      }
      // an emoticon closing a sentence: ":)."
      if (b - a >= 3 && isSentenceMark(text.charCodeAt(b - 1)) && this.res.symbolTokens.has(s.slice(0, -1))) {
        this.push(a, b - 1);
        this.push(b - 1, b);
        return true;
      }
    }
    for (let i = a; i < b; i++) {
      if (isWordAt(text, i) || SPLIT_SYMBOLS.has(text[i])) return false;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return false;
    }
    // "--" and "..." are runs anyway; a mixed run ("!?!", "==--", "->") stays whole too
    this.push(a, b);
    return true;
  }

  /** 'em, '90s, 'til: an apostrophe that starts a word. Returns the end, or i when not one. */
  private elidedWord(i: number, b: number, prevWord: boolean): number {
    const text = this.text;
    if (prevWord || i + 1 >= b || !isWordAt(text, i + 1)) return i;
    let j = i + 1;
    while (j < b && isWordAt(text, j)) j++;
    const w = text.slice(i + 1, j).toLowerCase();
    const decade = w.length === 3 && isDigitCode(w.charCodeAt(0)) && w[1] === '0' && w[2] === 's';
    const year = w.length === 2 && isDigitCode(w.charCodeAt(0)) && isDigitCode(w.charCodeAt(1));
    if (!(decade || year || ELIDED.has(w))) return i;
    this.push(i, j, `'${text.slice(i + 1, j)}`);
    return j;
  }

  /**
   * Scan a word starting at `start` (its first word character at `from`, after a leading # or
   * @), push its UD tokens and return the index after it.
   */
  private word(start: number, from: number, b: number): number {
    const text = this.text;
    let j = from;
    let firstDot = -1;
    let dots = 0;
    let whole = start !== from; // hashtags, handles, e-mail, identifiers: one token
    while (j < b) {
      if (isWordAt(text, j)) {
        j += width(text, j);
        continue;
      }
      if (j + 1 >= b) break;
      const c = text.charCodeAt(j);
      const prevDigit = isDigitCode(text.charCodeAt(j - 1));
      const nextDigit = isDigitCode(text.charCodeAt(j + 1));
      const nextWord = isWordAt(text, j + 1);
      // 1,000  1.5  10:30  3/4
      if ((c === 0x2c || c === DOT || c === 0x3a || c === 0x2f) && prevDigit && nextDigit) {
        j++;
        continue;
      }
      // "franz37...@gmail.com": an address shortened by a mail archive
      if (c === DOT && !whole) {
        let d = j;
        while (d < b && d - j < 3 && text.charCodeAt(d) === DOT) d++;
        if (d + 1 < b && text.charCodeAt(d) === 0x40 && isWordAt(text, d + 1)) {
          whole = true;
          j = d + 1;
          continue;
        }
      }
      // U.S, Ph.D, example.com, alt.animals.cats: resolved below
      if (c === DOT && nextWord) {
        if (firstDot < 0) firstDot = j;
        dots++;
        j++;
        continue;
      }
      // contractions and names: don't, O'Brien, Japan's
      if (isInnerApostrophe(c) && isLetterAt(text, j + 1)) {
        j++;
        continue;
      }
      // hyphenated compounds (split below)
      if (isHyphen(c) && nextWord) {
        j++;
        continue;
      }
      // AT&T, S&P
      if (c === 0x26 && isUpperCode(text, j - 1) && isUpperCode(text, j + 1) && !isLowerCode(text, j + 2)) {
        j++;
        continue;
      }
      // kay.mann@enron.com, Mann@ENRON, Lisa_resume
      if ((c === 0x40 || c === 0x5f) && nextWord) {
        whole = true;
        j++;
        continue;
      }
      // s/he, w/o, b/c, w/out: a single letter before a slash
      if (c === 0x2f && nextWord && j - from === 1 && isLetterAt(text, j - 1) && shortLetters(text, j + 1, b, 3)) {
        j++;
        continue;
      }
      break;
    }
    if (dots > 0 && !whole) {
      const resolved = this.dotted(start, j, b, dots);
      if (resolved >= 0) return resolved;
      j = firstDot; // "end.The": the word ends at its first period
    }
    if (whole) {
      this.push(start, j);
      return j;
    }
    // a final period: part of an abbreviation, an initial or a list marker, or sentence punctuation
    let abbrev: RawToken['abbrev'];
    if (periodFor(text, j, b)) {
      abbrev = this.abbreviationClass(start, j);
      if (abbrev) j++;
    }
    // w/ for "with"; th- w- (a cut-off word: lower case, or one or two capitals as in "Th-")
    if (
      !abbrev &&
      j < b &&
      j - start <= 3 &&
      (j + 1 === b || isClauseMark(text.charCodeAt(j + 1))) &&
      allLetters(text, start, j)
    ) {
      const c = text.charCodeAt(j);
      const cutOff = isHyphen(c) && (isLowerCode(text, start) || j - start <= 2);
      if ((c === 0x2f && j - start === 1) || cutOff) {
        this.push(start, j + 1);
        return j + 1;
      }
    }
    // possessive plural: "patients'" -> patients + '
    let possessive = -1;
    if (
      !abbrev &&
      j < b &&
      isApostrophe(text.charCodeAt(j)) &&
      (text[j - 1] === 's' || text[j - 1] === 'S') &&
      (j + 1 >= b || !isWordAt(text, j + 1)) &&
      j - start > 2
    )
      possessive = j;
    this.splitWord(start, j, abbrev);
    if (possessive >= 0) {
      this.push(possessive, possessive + 1, "'");
      j++;
    }
    return j;
  }

  /**
   * A word with internal periods [start, j): dotted abbreviations ("U.S.", "e.g."), listed
   * ones ("Ph.D."), domains and file names ("example.com", "cv.doc", "alt.animals.cats") are one
   * token. Returns the end, or -1 when the periods are sentence punctuation ("end.The").
   */
  private dotted(start: number, j: number, b: number, dots: number): number {
    const text = this.text;
    const initials = singleLetterSegments(text, start, j);
    const form = initials ? '' : text.slice(start, j);
    const listed = initials ? undefined : this.listedAbbreviation(form);
    if (initials || listed) {
      let end = j;
      const tok: RawToken['abbrev'] = initials ? 'dotted' : listed;
      if (periodFor(text, end, b)) end++;
      const t = this.push(start, end);
      if (end > j) t.abbrev = tok;
      return end;
    }
    // initials after a hyphen: "(D-N.Y.)", "Washington-D.C." split at the hyphen, the
    // initials keep their period
    let h = j;
    while (h > start && !isHyphen(text.charCodeAt(h - 1))) h--;
    if (h > start + 1 && h < j && singleLetterSegments(text, h, j)) {
      const end = periodFor(text, j, b) ? j + 1 : j;
      this.splitWord(start, end, end > j ? 'dotted' : undefined);
      return end;
    }
    let k = j;
    while (k > start && text.charCodeAt(k - 1) !== DOT) k--;
    if (dots >= 2 || this.res.webSuffixes.has(text.slice(k, j).toLowerCase())) {
      this.push(start, j);
      return j;
    }
    return -1;
  }

  /** The abbreviation class of the word [start, dot) followed by a period at `dot`, if any. */
  private abbreviationClass(start: number, dot: number): RawToken['abbrev'] {
    const text = this.text;
    const len = dot - start;
    if (len > 12) return undefined;
    const word = text.slice(start, dot);
    const cls = this.listedAbbreviation(word);
    const after = nextNonSpace(text, dot + 1, this.para.end);
    if (cls) {
      if (cls !== 'number') return cls;
      if (after < this.para.end && isDigitCode(text.charCodeAt(after))) return cls;
    }
    // J. Smith, E. coli, H. R. 1280
    if (len === 1 && isUpperCode(text, start) && after < this.para.end && isWordAt(text, after)) return 'initial';
    // "1." "b." "IV." opening a paragraph: a list marker
    if (start === this.para.start && after < this.para.end && len <= 3 && isListMarker(word)) return 'list';
    return undefined;
  }

  /** A listed abbreviation, also in capitals (LTD., PH.D.: the spelling of a listed Ltd., Ph.D.). */
  private listedAbbreviation(word: string): AbbreviationClass | undefined {
    const cls = this.res.abbreviations.get(word);
    if (cls !== undefined || word.length < 2) return cls;
    const lower = word.toLowerCase();
    return word === word.toUpperCase() && word !== lower ? this.res.abbreviationsFolded.get(lower) : undefined;
  }

  /** Split one scanned word [i, j) into UD tokens at hyphens, clitics and units. */
  private splitWord(i: number, j: number, abbrev: RawToken['abbrev']): void {
    const text = this.text;
    let s = i;
    let numeric = true;
    let hyphens = 0;
    for (let k = i; k < j; k++) {
      const c = text.charCodeAt(k);
      if (isHyphen(c)) hyphens++;
      else if (!isDigitCode(c)) numeric = false;
    }
    // phone numbers and codes stay whole: 345-9945, 713-853-1696 (a range like 1910-1945 splits)
    if (hyphens > 0 && numeric && (hyphens >= 2 || phoneLike(text, i, j))) {
      const t = this.push(i, j);
      if (abbrev) t.abbrev = abbrev;
      return;
    }
    if (hyphens > 0) {
      for (let k = i; k < j; k++) {
        if (!isHyphen(text.charCodeAt(k)) || k === s || k + 1 >= j) continue;
        if (this.res.joinedPrefixes.has(text.slice(s, k).toLowerCase())) continue;
        this.clitics(s, k, undefined);
        this.push(k, k + 1);
        s = k + 1;
      }
    }
    this.clitics(s, j, abbrev);
  }

  private clitics(a: number, b: number, abbrev: RawToken['abbrev']): void {
    const text = this.text;
    if (!abbrev && b - a >= 2) {
      const w = text.slice(a, b);
      const lower = w.toLowerCase();
      const parts = this.res.contractions.get(lower);
      // "im" for "I'm", but not the acronym "IM"
      if (parts && !(b - a === 2 && w === w.toUpperCase())) {
        let k = a;
        for (const n of parts) {
          this.push(k, k + n);
          k += n;
        }
        return;
      }
      const apos =
        lower.lastIndexOf("'") >= 0 ||
        lower.lastIndexOf('’') >= 0 ||
        lower.lastIndexOf('ʼ') >= 0 ||
        lower.lastIndexOf('`') >= 0;
      if (apos) {
        const norm = lower.replace(/[’ʼ`]/g, "'");
        for (const c of CLITICS) {
          if (!norm.endsWith(c) || norm.length === c.length) continue;
          const cut = b - c.length;
          if (c === "'s" && (!isWordAt(text, cut - 1) || twoDigits(text, a, cut))) break;
          this.units(a, cut, undefined);
          this.push(cut, b, text.slice(cut, b).replace(/[’ʼ`]/g, "'"));
          return;
        }
      }
    }
    this.units(a, b, abbrev);
  }

  /** "1.5bn" -> "1.5" "bn"; "3pm" -> "3" "pm"; "1970s" and "G20" stay whole. */
  private units(a: number, b: number, abbrev: RawToken['abbrev']): void {
    const text = this.text;
    if (isDigitCode(text.charCodeAt(a))) {
      let k = a;
      while (k < b) {
        const c = text.charCodeAt(k);
        if (!(isDigitCode(c) || c === DOT || c === 0x2c || c === 0x3a)) break;
        k++;
      }
      if (k < b && k > a && this.res.unitSuffixes.has(text.slice(k, b).toLowerCase())) {
        this.push(a, k);
        const t = this.push(k, b);
        if (abbrev) t.abbrev = abbrev;
        return;
      }
    }
    const w = text.slice(a, b);
    const tok = this.push(a, b, normalizeApostrophes(w));
    if (abbrev) tok.abbrev = abbrev;
  }
}

const ELIDED = new Set(['em', 'til', 'cause', 'n', 'bout', 'tis']);

/** A period at j that a preceding abbreviation may take: one alone, or the first of exactly two ("Jr.."). */
function periodFor(text: string, j: number, b: number): boolean {
  if (j >= b || text.charCodeAt(j) !== DOT) return false;
  if (j + 1 >= b || text.charCodeAt(j + 1) !== DOT) return true;
  return j + 2 >= b || text.charCodeAt(j + 2) !== DOT;
}

const isClauseMark = (c: number) => c === 0x2c || c === DOT || c === 0x3b || c === 0x3a || c === 0x3f || c === 0x21;

function allLetters(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!isLetterAt(text, k)) return false;
  return b > a;
}

/** At most `max` letters from k, then the end of the word. */
function shortLetters(text: string, k: number, b: number, max: number): boolean {
  let n = 0;
  while (k < b && isLetterAt(text, k)) {
    k++;
    n++;
  }
  return n > 0 && n <= max && (k >= b || !isWordAt(text, k));
}

/** Every period-separated part of [a, b) is a single letter: U.S, e.g, a.k.a. */
function singleLetterSegments(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k += 2) {
    if (!isLetterAt(text, k)) return false;
    if (k + 1 < b && text.charCodeAt(k + 1) !== DOT) return false;
  }
  return true;
}

/** Digits-hyphen-4 digits, not a range of years: 345-9945, 77042-2016, 3-1663. */
function phoneLike(text: string, a: number, b: number): boolean {
  let h = a;
  while (h < b && !isHyphen(text.charCodeAt(h))) h++;
  const left = h - a;
  const right = b - h - 1;
  return right === 4 && left !== 4 && left > 0;
}

function twoDigits(text: string, a: number, b: number): boolean {
  return b - a === 2 && isDigitCode(text.charCodeAt(a)) && isDigitCode(text.charCodeAt(a + 1));
}

function isListMarker(word: string): boolean {
  let digits = true;
  for (let k = 0; k < word.length; k++) if (!isDigitCode(word.charCodeAt(k))) digits = false;
  if (digits) return true;
  if (word.length === 1) return true;
  for (let k = 0; k < word.length; k++) if ('IVXivx'.indexOf(word[k]) < 0) return false;
  return true;
}

function nextNonSpace(text: string, k: number, to: number): number {
  while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
  return k;
}

function normalizeApostrophes(w: string): string {
  return w.indexOf('’') >= 0 || w.indexOf('ʼ') >= 0 || w.indexOf('`') >= 0 ? w.replace(/[’ʼ`]/g, "'") : w;
}

/** Straight quotes: opening after space/start/opener, closing otherwise. */
function quoteDirection(text: string, i: number, j: number, from: number, to: number): 'open' | 'close' {
  const ch = text[i];
  if (ch === '“' || ch === '‘' || ch === '„' || ch === '«' || ch === '`') return 'open';
  if (ch === '”' || ch === '»') return 'close';
  const before = i > from ? text[i - 1] : ' ';
  const after = j < to ? text[j] : ' ';
  const beforeSpace = isSpaceCode(before.charCodeAt(0)) || OPENERS.has(before) || DASHES.has(before);
  const afterSpace = isSpaceCode(after.charCodeAt(0)) || ',.;:!?)]}'.indexOf(after) >= 0;
  if (beforeSpace && !afterSpace) return 'open';
  if (!beforeSpace && afterSpace) return 'close';
  if (beforeSpace && afterSpace) return i === from ? 'open' : 'close';
  return 'close';
}

const URL_SCHEMES = ['http://', 'https://', 'ftp://', 'www.', 'mailto:'];

/** End of a URL starting at i within the chunk ending at b, or i. */
function scanUrl(text: string, i: number, b: number): number {
  const c = text.charCodeAt(i) | 0x20;
  if (c !== 0x68 && c !== 0x77 && c !== 0x66 && c !== 0x6d) return i; // h w f m
  let scheme = false;
  for (const p of URL_SCHEMES) {
    if (b - i > p.length && startsWithIgnoreCase(text, i, p)) {
      scheme = true;
      break;
    }
  }
  if (!scheme) return i;
  let j = i;
  while (j < b && !DOUBLE_QUOTES.has(text[j]) && text[j] !== '<' && text[j] !== '>') j++;
  // trailing punctuation belongs to the sentence; a closing bracket stays while the URL opened one
  let open = 0;
  let close = 0;
  for (let k = i; k < j; k++) {
    if (text.charCodeAt(k) === 0x28) open++;
    else if (text.charCodeAt(k) === 0x29) close++;
  }
  while (j > i && URL_TRAILING.has(text[j - 1])) {
    if (text.charCodeAt(j - 1) === 0x29) {
      if (close <= open) break;
      close--;
    }
    j--;
  }
  return j;
}

function startsWithIgnoreCase(text: string, i: number, p: string): boolean {
  for (let k = 0; k < p.length; k++) {
    const c = text.charCodeAt(i + k);
    const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (lower !== p.charCodeAt(k)) return false;
  }
  return true;
}
