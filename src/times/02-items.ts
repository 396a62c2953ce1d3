// Step 2: the pieces of a sentence that the rules see. Tokens are split at internal hyphens
// ("two-day" -> two - day, "mid-1990s" -> mid - 1990s) so that every spelling looks the
// same; each piece gets its classes: lexicon phrases starting there (with their length in
// pieces), shapes of digit strings (YEAR, DAY, CLOCK ...) and composed number words.
import type { Token } from '../doc/types.js';
import type { Lexicon, TrieNode } from './01-lexicon.js';

export interface ClassMatch {
  cls: string;
  value: string;
  /** How many pieces the match covers (1 for single words). */
  len: number;
}

export interface Item {
  start: number;
  end: number;
  /** Document token index the piece belongs to. */
  token: number;
  /** Lower-case text with straight apostrophes (what literals in rules match). */
  word: string;
  /** First letter is a capital. */
  cap: boolean;
  /** Whitespace between this piece and the previous one. */
  spaceBefore: boolean;
  classes: ClassMatch[];
}

/** The classes of a piece that has none (shared; a piece gets its own array on its first class). */
const NO_CLASSES: ClassMatch[] = [];

function addClass(it: Item, c: ClassMatch): void {
  if (it.classes === NO_CLASSES) it.classes = [c];
  else it.classes.push(c);
}

/** Longest phrase we look up, in pieces. */
const MAX_PHRASE = 8;
/** Longest run of number words read as one number ("two thousand four hundred and twelve"). */
const MAX_NUMBER_WORDS = 10;
/** Digit strings longer than this are numbers of no temporal interest. */
const MAX_DIGITS = 12;

const HYPHENS = new Set(['-', '–', '—', '‑', '‐']);

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0x7f;
}

function normWord(s: string): string {
  let out = s.toLowerCase();
  if (out.includes('’') || out.includes('‘') || out.includes('ʼ')) out = out.replace(/[’‘ʼ]/g, "'");
  return out;
}

function isCapital(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 0x80) return false;
  const ch = s[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function pushPiece(out: Item[], tok: Token, t: number, surface: string, a: number, b: number, prevEnd: number): number {
  const piece = a === 0 && b === surface.length ? surface : surface.slice(a, b);
  const start = tok.start + a;
  out.push({
    start,
    end: tok.start + b,
    token: t,
    word: normWord(piece),
    cap: isCapital(piece),
    spaceBefore: prevEnd >= 0 && start > prevEnd,
    classes: NO_CLASSES,
  });
  return tok.start + b;
}

/** Whether the text has a hyphen or dash character (cheap test before splitting). */
function hasHyphen(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45 || (c >= 0x2010 && c <= 0x2015)) return true;
  }
  return false;
}

/** Split the tokens [t0, t1) into pieces (no classes yet). */
export function splitPieces(tokens: readonly Token[], t0: number, t1: number): Item[] {
  const out: Item[] = [];
  let prevEnd = -1;
  for (let t = t0; t < t1; t++) {
    const tok = tokens[t];
    const surface = tok.norm !== undefined && tok.norm.length === tok.end - tok.start ? tok.norm : tok.text;
    let from = 0;
    if (surface.length > 2 && hasHyphen(surface)) {
      for (let i = 1; i < surface.length - 1; i++) {
        if (!HYPHENS.has(surface[i])) continue;
        if (!isAlnum(surface.charCodeAt(i - 1)) || !isAlnum(surface.charCodeAt(i + 1))) continue;
        prevEnd = pushPiece(out, tok, t, surface, from, i, prevEnd);
        prevEnd = pushPiece(out, tok, t, surface, i, i + 1, prevEnd);
        out[out.length - 1].word = '-';
        from = i + 1;
      }
    }
    prevEnd = pushPiece(out, tok, t, surface, from, surface.length, prevEnd);
    if (surface.length === 1 && HYPHENS.has(surface)) out[out.length - 1].word = '-';
  }
  return out;
}

/** Shape classes of one piece (digits, clock times, ordinals, decades ...). */
export function shapeClasses(w: string, out: ClassMatch[] = []): ClassMatch[] {
  const add = (cls: string, value: string | number) => out.push({ cls, value: String(value), len: 1 });
  const n = w.length;
  if (n === 0 || n > MAX_DIGITS + 4) return out;
  const c0 = w.charCodeAt(0);
  const digit0 = c0 >= 48 && c0 <= 57;
  if (digit0) {
    let k = 0;
    while (k < n && w.charCodeAt(k) >= 48 && w.charCodeAt(k) <= 57) k++;
    if (k === n) {
      if (n > MAX_DIGITS) return out;
      const v = Number(w);
      add('NUM', v);
      if (n === 4 && v >= 1000 && v <= 2999) {
        add('YEAR', v);
        if (v % 10 === 0) add('DECADEYEAR', v);
        const hh = Math.floor(v / 100);
        const mm = v % 100;
        if (hh <= 23 && mm <= 59) add('HHMM', `${hh}:${mm}`);
      } else if (n === 4) {
        const hh = Math.floor(v / 100);
        const mm = v % 100;
        if (hh <= 23 && mm <= 59) add('HHMM', `${hh}:${mm}`);
      }
      if (n <= 2) {
        if (v >= 1 && v <= 31) add('DAY', v);
        if (v >= 1 && v <= 12) add('MONTHNUM', v);
        if (v <= 24) add('HOUR', v);
        if (n === 2) add('YY', v);
      }
      return out;
    }
    const rest = w.slice(k);
    const v = Number(w.slice(0, k));
    if (k <= 2 && (rest === 'st' || rest === 'nd' || rest === 'rd' || rest === 'th')) {
      add('ORD', v);
      if (v >= 1 && v <= 31) add('ORDDAY', v);
      return out;
    }
    if (k <= 3 && (rest === 'st' || rest === 'nd' || rest === 'rd' || rest === 'th')) {
      add('ORD', v);
      return out;
    }
    if (k === 4 && (rest === 's' || rest === "'s") && v % 10 === 0) {
      add('DECADE', Math.floor(v / 10));
      return out;
    }
    if (k === 2 && rest === 's' && v % 10 === 0) {
      add('DECADE2B', v / 10);
      return out;
    }
    if (rest[0] === ':' && k <= 2) {
      // 10:35, 10:35:20
      const m = /^:(\d\d)(?::(\d\d))?$/.exec(rest);
      if (m && v <= 24 && Number(m[1]) <= 59 && (m[2] === undefined || Number(m[2]) <= 59))
        add('CLOCK', m[2] === undefined ? `${v}:${m[1]}` : `${v}:${m[1]}:${m[2]}`);
      return out;
    }
    if (rest[0] === '.' && k <= 2) {
      const m = /^\.(\d\d)$/.exec(rest);
      if (m && v <= 24 && Number(m[1]) <= 59) add('CLOCKDOT', `${v}:${m[1]}`);
      if (/^\.\d+$/.test(rest)) add('NUM', Number(w));
      return out;
    }
    if (rest[0] === '.' && /^\.\d+$/.test(rest)) {
      add('NUM', Number(w));
      return out;
    }
    if (rest[0] === ',' && /^(,\d{3})+$/.test(rest)) {
      add('NUM', Number(w.replace(/,/g, '')));
      return out;
    }
    if (rest[0] === '/') {
      const m = /^\/(\d{1,4})(?:\/(\d{2}|\d{4}))?$/.exec(rest);
      if (!m) return out;
      if (m[2] !== undefined) add('SLASHDATE', `${v}/${m[1]}/${m[2]}`);
      else if (k === 4 && m[1].length === 2) add('YEARSLASH', `${v}/${m[1]}`);
      else if (k === 1 && (m[1] === '2' || m[1] === '4' || m[1] === '3') && v < Number(m[1]))
        add('FRACTION', v / Number(m[1]));
      return out;
    }
    return out;
  }
  if (c0 === 39 && n === 4 && /^'\d0s$/.test(w)) add('DECADE2', Number(w.slice(1, 3)) / 10);
  else if (c0 === 39 && n === 3 && /^'\d\d$/.test(w)) add('APOSYEAR', Number(w.slice(1)));
  else if ((c0 === 113 || c0 === 104) && n === 2) {
    const d = w.charCodeAt(1) - 48;
    if (c0 === 113 && d >= 1 && d <= 4) add('QUARTER', d);
    if (c0 === 104 && d >= 1 && d <= 2) add('HALFYEAR', d);
  } else if (c0 === 102 && w.startsWith('fy') && /^fy'?(\d{2}|\d{4})$/.test(w)) {
    const y = w.replace(/\D/g, '');
    add('FISCALYEAR', y);
  }
  return out;
}

/** What one piece's text gives by itself: its shapes, its lexicon entries, where a phrase continues. */
interface WordInfo {
  shapes: ClassMatch[];
  /** Entries for the word alone, each with its (shared, never modified) class match. */
  entries: Array<{ cap: boolean; match: ClassMatch }>;
  /** The trie node after the word when some longer phrase starts with it. */
  node: TrieNode | null;
}

/** Per-lexicon memo of WordInfo by word (bounded; cleared when full). */
const wordCaches = new WeakMap<Lexicon, Map<string, WordInfo>>();
const WORD_CACHE_LIMIT = 50_000;

function wordInfo(lex: Lexicon, w: string): WordInfo {
  let cache = wordCaches.get(lex);
  if (!cache) wordCaches.set(lex, (cache = new Map()));
  let info = cache.get(w);
  if (info) return info;
  const c0 = w.charCodeAt(0);
  // shapes start with a digit, an apostrophe ('98), q/h (Q3, H1) or f (FY2007)
  const shapes =
    (c0 >= 48 && c0 <= 57) || c0 === 39 || ((c0 === 113 || c0 === 104 || c0 === 102) && w.length <= 7)
      ? shapeClasses(w)
      : [];
  let node: TrieNode | undefined = lex.root;
  for (let k = 0; k < w.length && node; k++) node = node.next.get(w.charCodeAt(k));
  info = {
    shapes,
    entries: node?.entries
      ? node.entries.map((e) => ({ cap: e.cap, match: { cls: e.cls, value: e.value, len: 1 } }))
      : [],
    node: node && node.next.size > 0 ? node : null,
  };
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  cache.set(w, info);
  return info;
}

/** Classes of piece `i`: shapes, lexicon words and phrases starting there. */
function classify(lex: Lexicon, items: Item[], i: number): void {
  const it = items[i];
  const info = wordInfo(lex, it.word);
  for (const c of info.shapes) addClass(it, c);
  for (const e of info.entries) if (!e.cap || it.cap) addClass(it, e.match);
  let node: TrieNode | undefined | null = info.node;
  for (let j = i + 1; j < items.length && j < i + MAX_PHRASE && node; j++) {
    const w = items[j].word;
    for (let k = 0; k < w.length && node; k++) node = node.next.get(w.charCodeAt(k));
    if (!node) break;
    if (node.entries)
      for (const e of node.entries) {
        if (e.cap && !it.cap) continue;
        addClass(it, { cls: e.cls, value: e.value, len: j - i + 1 });
      }
  }
}

const hasClass = (it: Item | undefined, cls: string, len = 1): ClassMatch | undefined =>
  it?.classes.find((c) => c.cls === cls && c.len === len);

/**
 * Cardinals written in words: "twenty-four", "two hundred and five", "nineteen ninety-six"
 * (a year). Adds NUM (and YEAR when read as a year) at the first piece.
 */
function composeNumberWords(items: Item[], i: number): void {
  const first = hasClass(items[i], 'NUMWORD');
  if (!first) return;
  const values: number[] = [];
  const ends: number[] = [];
  let j = i;
  while (j < items.length && values.length < MAX_NUMBER_WORDS) {
    const c = hasClass(items[j], 'NUMWORD');
    if (!c) break;
    values.push(Number(c.value));
    ends.push(j);
    const next = items[j + 1];
    if (next && next.word === '-' && hasClass(items[j + 2], 'NUMWORD')) j += 2;
    else if (next && next.word === 'and' && Number(c.value) >= 100 && hasClass(items[j + 2], 'NUMWORD')) j += 2;
    else j++;
  }
  const parsed = parseNumberWords(values);
  if (parsed.used === 0) return;
  const len = ends[parsed.used - 1] - i + 1;
  addClass(items[i], { cls: 'NUM', value: String(parsed.value), len });
  if (parsed.year !== null) addClass(items[i], { cls: 'YEAR', value: String(parsed.year), len });
  else if (len > 1 && parsed.value >= 1 && parsed.value <= 31)
    addClass(items[i], { cls: 'DAY', value: String(parsed.value), len });
}

/** The value of a run of number words, how many it used, and a year reading if any. */
export function parseNumberWords(values: readonly number[]): { value: number; used: number; year: number | null } {
  let total = 0;
  let current = 0;
  let lastSmall = 0;
  let used = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === 100) {
      current = (current || 1) * 100;
      lastSmall = 0;
    } else if (v >= 1000) {
      total += (current || 1) * v;
      current = 0;
      lastSmall = 0;
    } else if (lastSmall === 0) {
      current += v;
      lastSmall = v;
    } else if (lastSmall >= 20 && lastSmall % 10 === 0 && v < 10 && v > 0) {
      current += v;
      lastSmall = 1;
    } else {
      // "nineteen ninety-six": two numbers below 100 side by side read as a year
      if (total === 0 && k <= 2 && current >= 10 && current <= 29) {
        const rest = parseNumberWords(values.slice(k));
        if (rest.used > 0 && rest.value >= 1 && rest.value <= 99 && rest.year === null)
          return { value: current * 100 + rest.value, used: k + rest.used, year: current * 100 + rest.value };
      }
      break;
    }
    used = k + 1;
  }
  const value = total + current;
  const year = used >= 2 && value >= 1000 && value <= 2999 && total >= 1000 ? value : null;
  return { value, used, year };
}

/** Pieces of tokens [t0, t1) with all their classes. */
export function buildItems(tokens: readonly Token[], t0: number, t1: number, lex: Lexicon): Item[] {
  const items = splitPieces(tokens, t0, t1);
  let numberWords = false;
  for (let i = 0; i < items.length; i++) {
    classify(lex, items, i);
    if (!numberWords) for (const c of items[i].classes) if (c.cls === 'NUMWORD') numberWords = true;
  }
  if (numberWords) for (let i = 0; i < items.length; i++) composeNumberWords(items, i);
  return items;
}
