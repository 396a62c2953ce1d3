// Step 1: what the model knows about a word on its own: hashes of its forms, its shape, its
// capitalisation, and the word lexicon derived from unlabelled text (distributional cluster
// path, how often the word is written in lower case vs capitalised mid-sentence).

/** FNV-1a over UTF-16 code units, 32-bit. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combine two 32-bit values into a well-mixed 32-bit key (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/** Character class of one code unit: X upper, x lower, d digit, or the character itself. */
function charClass(ch: string, c: number): string {
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 65 && c <= 90) return 'X';
  if (c >= 48 && c <= 57) return 'd';
  if (c < 128) return ch;
  if (UPPER.test(ch)) return 'X';
  if (LETTER.test(ch)) return 'x';
  if (DIGIT.test(ch)) return 'd';
  return '*';
}

/** Word shape with runs collapsed: "Kim" Xx, "NHK" X, "U.S." X.X., "1996-08-22" d-d-d. Bounded length. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  const n = Math.min(w.length, 40);
  for (let i = 0; i < n; i++) {
    const k = charClass(w[i], w.charCodeAt(i));
    if (k !== last) {
      out += k;
      last = k;
      if (out.length >= 12) break;
    }
  }
  return out;
}

export enum Caps {
  /** No letters. */
  None = 0,
  Lower = 1,
  /** First letter upper, some lower ("Kim", "McDonald"). */
  Initial = 2,
  /** Every letter upper, at least two ("NHK", "U.S."). */
  AllUpper = 3,
  /** A single upper letter ("A", "J."). */
  Single = 4,
  /** Lower first, upper later ("iPhone", "eBay"). */
  Mixed = 5,
}

export function capsOf(w: string): Caps {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seenLetter = false;
  const n = Math.min(w.length, 64);
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    let isU = false;
    let isL = false;
    if (c >= 65 && c <= 90) isU = true;
    else if (c >= 97 && c <= 122) isL = true;
    else if (c >= 128) {
      const ch = w[i];
      if (UPPER.test(ch)) isU = true;
      else if (LOWER.test(ch)) isL = true;
    }
    if (!isU && !isL) continue;
    if (!seenLetter) firstUpper = isU;
    seenLetter = true;
    if (isU) upper++;
    else lower++;
  }
  if (!seenLetter) return Caps.None;
  if (upper === 0) return Caps.Lower;
  if (lower === 0) return upper === 1 ? Caps.Single : Caps.AllUpper;
  return firstUpper ? Caps.Initial : Caps.Mixed;
}

/** Capitalised in any way (the words that can start a name). */
export const isCapitalised = (c: Caps): boolean => c === Caps.Initial || c === Caps.AllUpper || c === Caps.Single;

/** Lexicon entry: distributional cluster path and case counts from unlabelled text. */
export interface WordEntry {
  /** Cluster ids at three depths (16, 256, 2048 clusters); -1 when unknown. */
  c1: number;
  c2: number;
  c3: number;
  /** Occurrences in lower case. */
  lower: number;
  /** Occurrences capitalised, not sentence-initial, in ordinary (not headline) sentences. */
  cap: number;
}

export type WordLexicon = ReadonlyMap<string, WordEntry>;

/** Parse the lexicon file: `word\tc1.c2.c3\tlower\tcap` per line (hand-rolled: it is on the start-up path). */
export function parseWordLexicon(text: string): Map<string, WordEntry> {
  const m = new Map<string, WordEntry>();
  let at = 0;
  const int = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + (text.charCodeAt(i) - 48);
    return v;
  };
  while (at < text.length) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    if (text.charCodeAt(at) !== 35 /* # */) {
      const t1 = text.indexOf('\t', at);
      const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
      const t3 = t2 < 0 ? -1 : text.indexOf('\t', t2 + 1);
      if (t3 > 0 && t3 < eol) {
        let c1 = -1;
        let c2 = -1;
        let c3 = -1;
        if (text.charCodeAt(t1 + 1) !== 45 /* - */) {
          const d1 = text.indexOf('.', t1);
          const d2 = text.indexOf('.', d1 + 1);
          c1 = int(t1 + 1, d1);
          c2 = int(d1 + 1, d2);
          c3 = int(d2 + 1, t2);
        }
        m.set(text.slice(at, t1), { c1, c2, c3, lower: int(t2 + 1, t3), cap: int(t3 + 1, eol) });
      }
    }
    at = eol + 1;
  }
  return m;
}

/** How a word is usually written: 0 unseen, 1 always lower, 2 mostly lower, 3 mixed, 4 mostly capitalised, 5 always. */
export function caseBucket(e: WordEntry | undefined): number {
  if (!e) return 0;
  const n = e.lower + e.cap;
  if (n === 0) return 0;
  const r = e.cap / n;
  if (r === 0) return n >= 3 ? 1 : 2;
  if (r < 0.25) return 2;
  if (r < 0.75) return 3;
  if (r < 1) return 4;
  return 5;
}
