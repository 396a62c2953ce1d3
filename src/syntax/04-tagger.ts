// Part-of-speech tagger: greedy left-to-right averaged perceptron over hashed features.
// One class is a UPOS+XPOS pair ("VERB|VBD"), so the two tags always agree. Features: the
// word (case-folded and as written), affixes, shape, the classes the word took in training
// (its ambiguity class, also for the next two words, which gives lookahead), WordNet class
// evidence for unseen words, and the two previous tags. Words that were frequent and
// unambiguous in training get their tag without scoring.
import { FormFlag, fkey, formFlags, hashString, lower, normalizeForm, wordShape } from './01-forms.js';
import type { Lexicon } from './03-lexicon.js';

/** Anything that adds class scores for a set of feature keys. */
export interface Scorer {
  readonly nClasses: number;
  /** Model units per score unit (integer-quantized models). */
  readonly scale: number;
  score(keys: Uint32Array, n: number, out: Float32Array): void;
}

export interface TagDictionary {
  /** Ambiguity class (hash of the classes seen) of a lower-case word. */
  ambiguity: Map<string, number>;
  /** Class of frequent words seen with one class only. */
  sure: Map<string, number>;
}

/** Padding on each side of a sentence in the feature arrays. */
const PAD = 2;
const BOS = hashString('<s>');
const EOS = hashString('</s>');
export const MAX_TAGGER_FEATURES = 64;

export class TaggerFeatures {
  private cap = 0;
  lw = new Uint32Array(0);
  fw = new Uint32Array(0);
  shape = new Uint32Array(0);
  suf = new Uint32Array(0); // 4 per token
  pre = new Uint32Array(0); // 3 per token
  amb = new Uint32Array(0);
  wn = new Uint32Array(0);
  flags = new Uint32Array(0);
  lowers: string[] = [];
  private readonly dict: TagDictionary;
  private readonly lexicon: Lexicon;

  constructor(dict: TagDictionary, lexicon: Lexicon) {
    this.dict = dict;
    this.lexicon = lexicon;
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = Math.max(n, this.cap * 2, 64);
    const c = this.cap;
    this.lw = new Uint32Array(c);
    this.fw = new Uint32Array(c);
    this.shape = new Uint32Array(c);
    this.suf = new Uint32Array(c * 4);
    this.pre = new Uint32Array(c * 3);
    this.amb = new Uint32Array(c);
    this.wn = new Uint32Array(c);
    this.flags = new Uint32Array(c);
  }

  /** Compute per-token values for normalized words `words`. */
  prepare(words: readonly string[]): void {
    const n = words.length;
    this.ensure(n + 2 * PAD);
    this.lowers.length = n;
    for (let p = 0; p < PAD; p++) {
      for (const [pos, v] of [
        [p, BOS],
        [n + PAD + p, EOS],
      ] as const) {
        this.lw[pos] = v;
        this.fw[pos] = v;
        this.shape[pos] = v;
        this.amb[pos] = v;
        this.wn[pos] = v;
        this.flags[pos] = 0;
      }
    }
    for (let i = 0; i < n; i++) {
      const w = words[i].length > 60 ? words[i].slice(0, 60) : words[i];
      const lw = lower(w);
      this.lowers[i] = lw;
      const j = i + PAD;
      this.lw[j] = hashString(lw);
      this.fw[j] = hashString(w, 7);
      this.shape[j] = hashString(wordShape(w), 11);
      const L = lw.length;
      for (let k = 1; k <= 4; k++) this.suf[j * 4 + k - 1] = L > k ? hashString(lw.slice(L - k), k) : 0;
      for (let k = 1; k <= 3; k++) this.pre[j * 3 + k - 1] = L > k ? hashString(lw.slice(0, k), 10 + k) : 0;
      this.amb[j] = this.dict.ambiguity.get(lw) ?? 0;
      this.wn[j] = this.lexicon.classBits(lw) + 1;
      this.flags[j] = formFlags(w) | (i === 0 ? 128 : 0);
    }
  }

  /** Features of token `i` given the two previous tags (class ids, -1 at the start). */
  extract(i: number, t1: number, t2: number, out: Uint32Array): number {
    const j = i + PAD;
    const lw = this.lw;
    const amb = this.amb;
    const suf = this.suf;
    const shape = this.shape;
    const wn = this.wn;
    let n = 0;
    const p1 = t1 + 2;
    const p2 = t2 + 2;
    out[n++] = fkey(0, 0);
    out[n++] = fkey(1, lw[j]);
    out[n++] = fkey(2, this.fw[j]);
    out[n++] = fkey(3, shape[j]);
    for (let k = 0; k < 4; k++) if (suf[j * 4 + k]) out[n++] = fkey(4 + k, suf[j * 4 + k]);
    for (let k = 0; k < 3; k++) if (this.pre[j * 3 + k]) out[n++] = fkey(8 + k, this.pre[j * 3 + k]);
    out[n++] = fkey(11, lw[j - 1]);
    out[n++] = fkey(12, lw[j + 1]);
    out[n++] = fkey(13, lw[j - 2]);
    out[n++] = fkey(14, lw[j + 2]);
    out[n++] = fkey(15, p1);
    out[n++] = fkey(16, p2);
    out[n++] = fkey(17, p1, p2);
    out[n++] = fkey(18, p1, lw[j]);
    out[n++] = fkey(19, lw[j - 1], lw[j]);
    out[n++] = fkey(20, lw[j], lw[j + 1]);
    out[n++] = fkey(21, suf[(j - 1) * 4 + 2]);
    out[n++] = fkey(22, suf[(j + 1) * 4 + 2]);
    out[n++] = fkey(23, shape[j - 1]);
    out[n++] = fkey(24, shape[j + 1]);
    out[n++] = fkey(25, amb[j]);
    out[n++] = fkey(26, amb[j + 1]);
    out[n++] = fkey(27, amb[j + 2]);
    out[n++] = fkey(28, amb[j - 1]);
    out[n++] = fkey(29, amb[j], amb[j + 1]);
    out[n++] = fkey(30, p1, amb[j]);
    out[n++] = fkey(31, p1, amb[j], amb[j + 1]);
    out[n++] = fkey(32, wn[j]);
    out[n++] = fkey(33, wn[j], suf[j * 4 + 1]);
    out[n++] = fkey(34, wn[j], shape[j]);
    out[n++] = fkey(35, this.flags[j]);
    out[n++] = fkey(36, shape[j], this.flags[j] & 128);
    out[n++] = fkey(37, wn[j + 1]);
    out[n++] = fkey(38, wn[j - 1]);
    out[n++] = fkey(39, p1, shape[j]);
    out[n++] = fkey(40, p1, suf[j * 4 + 1]);
    out[n++] = fkey(41, this.fw[j - 1]);
    out[n++] = fkey(42, this.fw[j + 1]);
    out[n++] = fkey(43, lw[j + 1], lw[j + 2]);
    out[n++] = fkey(44, lw[j - 1], lw[j - 2]);
    out[n++] = fkey(45, suf[j * 4 + 3], shape[j]);
    out[n++] = fkey(46, p1, amb[j + 1]);
    out[n++] = fkey(47, amb[j], wn[j]);
    out[n++] = fkey(48, lw[j - 1], amb[j]);
    out[n++] = fkey(49, amb[j], lw[j + 1]);
    if (amb[j] === 0) {
      // unseen word: lean on its shape and neighbours
      out[n++] = fkey(50, shape[j], p1);
      out[n++] = fkey(51, suf[j * 4 + 2], amb[j + 1]);
      out[n++] = fkey(52, this.flags[j], wn[j]);
    }
    return n;
  }
}

/** The case-folded form is what matters for all-caps headlines: this flag says the sentence is one. */
export function isShouting(words: readonly string[]): boolean {
  let upper = 0;
  let letters = 0;
  for (const w of words) {
    const f = formFlags(w);
    if (f & (FormFlag.Upper | FormFlag.Title | FormFlag.Lower)) letters++;
    if (f & FormFlag.Upper && w.length > 1) upper++;
  }
  return letters >= 3 && upper >= letters * 0.8;
}

export interface TaggerModel {
  classes: string[];
  upos: string[];
  xpos: string[];
  scorer: Scorer;
  dict: TagDictionary;
}

/** Tag normalized words; returns class ids. Reuses buffers between calls. */
export class Tagger {
  readonly model: TaggerModel;
  readonly features: TaggerFeatures;
  private readonly keys = new Uint32Array(MAX_TAGGER_FEATURES);
  private scores: Float32Array;

  constructor(model: TaggerModel, lexicon: Lexicon) {
    this.model = model;
    this.features = new TaggerFeatures(model.dict, lexicon);
    this.scores = new Float32Array(model.classes.length);
  }

  /** Class ids for `words` (already `normalizeForm`ed). */
  tag(words: readonly string[], out: Int32Array = new Int32Array(words.length)): Int32Array {
    const f = this.features;
    f.prepare(words);
    const sure = this.model.dict.sure;
    const nc = this.model.classes.length;
    const scores = this.scores;
    for (let i = 0; i < words.length; i++) {
      const s = sure.get(f.lowers[i]);
      if (s !== undefined) {
        out[i] = s;
        continue;
      }
      const n = f.extract(i, i > 0 ? out[i - 1] : -1, i > 1 ? out[i - 2] : -1, this.keys);
      scores.fill(0);
      this.model.scorer.score(this.keys, n, scores);
      let best = 0;
      for (let c = 1; c < nc; c++) if (scores[c] > scores[best]) best = c;
      out[i] = best;
    }
    return out;
  }
}

export { normalizeForm };
