// Part-of-speech tagger: greedy left-to-right averaged perceptron over hashed features.
// One class is a UPOS+XPOS pair ("VERB|VBD"), so the two tags always agree. Features: the
// word (case-folded and as written), affixes, shape, the classes the word took in training
// (its ambiguity class, also for the next two words, which gives lookahead), WordNet class
// evidence for unseen words, and the two previous tags. Words that were frequent and
// unambiguous in training get their tag without scoring.
import { fkey, formFlags, hashString, lower, normalizeForm, wordShape } from './01-forms.js';
import { withRoom } from './02-linear.js';
import type { Lexicon } from './03-lexicon.js';
import { parserWordValue } from './06-parser.js';

/** Anything that adds class scores for a set of feature keys. */
export interface Scorer {
  readonly nClasses: number;
  /** Model units per score unit (integer-quantized models). */
  readonly scale: number;
  /** Integer weights: sums are exact in any order, so scores of feature groups can be cached and added. */
  readonly integerWeights?: boolean;
  score(keys: Uint32Array, n: number, out: Float32Array): void;
  /** Integer weights only: the sums per class of `keys[0..n)` (a buffer valid until the next call). */
  sums?(keys: Uint32Array, n: number): Int32Array;
}

export interface TagDictionary {
  /** Ambiguity class (hash of the classes seen) of a lower-case word. */
  ambiguity: Map<string, number>;
  /** Class of frequent words seen with one class only. */
  sure: Map<string, number>;
  /** Words seen at least twice in training (the parser's vocabulary). */
  frequent: Set<string>;
}

export interface WordValues {
  lower: string;
  /** lw, fw, shape, suffixes 1-4, prefixes 1-3, ambiguity, WordNet classes, form flags, parser word value. */
  values: Uint32Array;
  /** The class of a frequent word seen with one class only, else -1. */
  sure: number;
  /**
   * Where the tagger's arena (see `Tagger.part`) holds the word's cached scores, per part (-1:
   * not scored yet), valid while `epoch` is the tagger's epoch. Per pass (first pass parts
   * 0-2, second 3-5): the scores of the word's own features (+0; +1 when first in the
   * sentence), and of the features that read it as a neighbour (+2: nClasses each for the word
   * one to the left and one to the right of the word being tagged; the words two away have a
   * feature or two each, read directly).
   */
  parts: number[];
  epoch: number;
  /** Lemma of the word per tag class, filled by the analyzer (forms of at most 60 characters, kept whole). */
  lemmas: string[] | undefined;
}

const WORD_CACHE_SIZE = 20000;

/** Padding on each side of a sentence in the feature arrays. */
const PAD = 2;
/** The values of the padding before and after a sentence. */
export const BOS = hashString('<s>');
export const EOS = hashString('</s>');
export const MAX_TAGGER_FEATURES = 72;
/** Version of the first pass's features: bump it when `extract` or `prepare` change what the first pass computes. */
export const TAGGER_FEATURES = 'tagger-features-3';
/** Version of the second pass's own features (those that read first-pass tags). */
export const TAGGER2_FEATURES = 'tagger2-features-4';

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
  /** Whether the last `prepare` took the ambiguity classes from the dictionary (so `entries` hold them). */
  dictionaryAmbiguity = true;
  /** Per token (unpadded): the cached values of its form. */
  entries: WordValues[] = [];
  /** Per token (unpadded): the word's value in parser features (see `parserWordValue`). */
  parserWords = new Uint32Array(0);
  /** The forms as given (truncated), for the word-feature cache. */
  forms: string[] = [];
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
    this.parserWords = new Uint32Array(c);
  }

  /** Compute per-token values for normalized words `words`. */
  /** Compute per-token values for normalized words; `ambiguity` overrides the dictionary (training). */
  prepare(words: readonly string[], ambiguity?: ArrayLike<number>): void {
    const n = words.length;
    this.dictionaryAmbiguity = ambiguity === undefined;
    this.ensure(n + 2 * PAD);
    this.lowers.length = n;
    this.forms.length = n;
    this.entries.length = n;
    // padding: fixed values, also for the affixes (so no value is left over from a longer sentence)
    for (let p = 0; p < 2 * PAD; p++) {
      const pos = p < PAD ? p : n + p;
      const v = p < PAD ? BOS : EOS;
      this.lw[pos] = v;
      this.fw[pos] = v;
      this.shape[pos] = v;
      this.amb[pos] = v;
      this.wn[pos] = v;
      this.flags[pos] = 0;
      for (let k = 0; k < 4; k++) this.suf[pos * 4 + k] = 0;
      for (let k = 0; k < 3; k++) this.pre[pos * 3 + k] = 0;
    }
    const cache = this.wordCache;
    for (let i = 0; i < n; i++) {
      const w = words[i].length > 60 ? words[i].slice(0, 60) : words[i];
      let e = cache.get(w);
      if (e === undefined) {
        e = this.wordValues(w);
        if (cache.size >= WORD_CACHE_SIZE) cache.clear();
        cache.set(w, e);
      }
      const v = e.values;
      this.lowers[i] = e.lower;
      this.forms[i] = w;
      this.entries[i] = e;
      const j = i + PAD;
      this.lw[j] = v[0];
      this.fw[j] = v[1];
      this.shape[j] = v[2];
      for (let k = 0; k < 4; k++) this.suf[j * 4 + k] = v[3 + k];
      for (let k = 0; k < 3; k++) this.pre[j * 3 + k] = v[7 + k];
      this.amb[j] = ambiguity ? ambiguity[i] : v[10];
      this.wn[j] = v[11];
      this.flags[j] = v[12] | (i === 0 ? 128 : 0);
      this.parserWords[i] = v[13];
    }
  }

  /** Per-word values (they depend on the form alone, so `prepare` caches them). */
  private readonly wordCache = new Map<string, WordValues>();

  private wordValues(w: string): WordValues {
    const lw = lower(w);
    const v = new Uint32Array(14);
    v[0] = hashString(lw);
    v[1] = hashString(w, 7);
    v[2] = hashString(wordShape(w), 11);
    const L = lw.length;
    for (let k = 1; k <= 4; k++) v[3 + k - 1] = L > k ? hashString(lw.slice(L - k), k) : 0;
    for (let k = 1; k <= 3; k++) v[7 + k - 1] = L > k ? hashString(lw.slice(0, k), 10 + k) : 0;
    v[10] = this.dict.ambiguity.get(lw) ?? 0;
    v[11] = this.lexicon.classBits(lw) + 1;
    v[12] = formFlags(w);
    v[13] = parserWordValue(lw, this.dict.frequent);
    const sure = this.dict.sure.get(lw) ?? -1;
    return {
      lower: lw,
      values: v,
      sure,
      parts: [-1, -1, -1, -1, -1, -1],
      epoch: 0,
      lemmas: undefined,
    };
  }

  /** Values standing for the padding before (`BOS`) or after (`EOS`) the sentence, as a word entry. */
  static padEntry(v: number): WordValues {
    const values = new Uint32Array(14);
    values[0] = values[1] = values[2] = values[10] = values[11] = v;
    return {
      lower: '',
      values,
      sure: -1,
      parts: [-1, -1, -1, -1, -1, -1],
      epoch: 0,
      lemmas: undefined,
    };
  }

  /**
   * The first-pass context features that read one neighbour alone, for a word with values
   * `v` at `offset` (-1, 1, -2, 2) from the word being tagged: the same keys as
   * `extractContext` makes for that neighbour.
   */
  static neighbourFeatures(v: Uint32Array, offset: number, out: Uint32Array, n = 0): number {
    // v: 0 lw, 1 fw, 2 shape, 5 suffix of 3, 10 ambiguity, 11 WordNet classes
    if (offset === -1) {
      out[n++] = fkey(11, v[0]);
      out[n++] = fkey(21, v[5]);
      out[n++] = fkey(23, v[2]);
      out[n++] = fkey(28, v[10]);
      out[n++] = fkey(38, v[11]);
      out[n++] = fkey(41, v[1]);
    } else if (offset === 1) {
      out[n++] = fkey(12, v[0]);
      out[n++] = fkey(22, v[5]);
      out[n++] = fkey(24, v[2]);
      out[n++] = fkey(26, v[10]);
      out[n++] = fkey(37, v[11]);
      out[n++] = fkey(42, v[1]);
    } else if (offset === -2) out[n++] = fkey(13, v[0]);
    else {
      out[n++] = fkey(14, v[0]);
      out[n++] = fkey(27, v[10]);
    }
    return n;
  }

  /**
   * The first-pass context features of token `i` other than `neighbourFeatures` and the tag
   * pair: together with those, the same keys as `extractContext(i, t1, t2, out, n)` without
   * the tag pair.
   */
  extractContextRest(i: number, t1: number, out: Uint32Array, n: number, r1 = -2, r2 = -2, r0 = -2): number {
    const j = i + PAD;
    const lw = this.lw;
    const amb = this.amb;
    const suf = this.suf;
    const shape = this.shape;
    const p1 = t1 + 2;
    out[n++] = fkey(18, p1, lw[j]);
    out[n++] = fkey(19, lw[j - 1], lw[j]);
    out[n++] = fkey(20, lw[j], lw[j + 1]);
    out[n++] = fkey(29, amb[j], amb[j + 1]);
    out[n++] = fkey(30, p1, amb[j]);
    out[n++] = fkey(31, p1, amb[j], amb[j + 1]);
    out[n++] = fkey(39, p1, shape[j]);
    out[n++] = fkey(40, p1, suf[j * 4 + 1]);
    out[n++] = fkey(43, lw[j + 1], lw[j + 2]);
    out[n++] = fkey(44, lw[j - 1], lw[j - 2]);
    out[n++] = fkey(46, p1, amb[j + 1]);
    out[n++] = fkey(48, lw[j - 1], amb[j]);
    out[n++] = fkey(49, amb[j], lw[j + 1]);
    if (r1 !== -2) n = this.rightTagFeatures(j, p1, out, n, r1, r2, r0);
    if (amb[j] === 0) {
      out[n++] = fkey(50, shape[j], p1);
      out[n++] = fkey(51, suf[j * 4 + 2], amb[j + 1]);
    }
    return n;
  }

  /** The second pass's features of padded position `j` (those that read first-pass tags). */
  private rightTagFeatures(
    j: number,
    p1: number,
    out: Uint32Array,
    n: number,
    r1: number,
    r2: number,
    r0: number,
  ): number {
    const lw = this.lw;
    const amb = this.amb;
    const suf = this.suf;
    const q1 = r1 + 2;
    const q2 = r2 + 2;
    out[n++] = fkey(60, q1);
    out[n++] = fkey(61, q2);
    out[n++] = fkey(62, q1, q2);
    out[n++] = fkey(63, p1, q1);
    out[n++] = fkey(64, q1, lw[j]);
    out[n++] = fkey(65, q1, suf[j * 4 + 2]);
    out[n++] = fkey(66, p1, q1, amb[j]);
    out[n++] = fkey(67, q1, this.shape[j]);
    // the word's classes against the tag the next word is likely to take ("rising prices")
    out[n++] = fkey(68, this.wn[j], q1);
    out[n++] = fkey(69, amb[j], q1);
    out[n++] = fkey(70, suf[j * 4 + 2], p1, q1);
    out[n++] = fkey(71, q1, lw[j + 1]);
    // the first pass's own guess for this word (how far to trust it is learned on jackknifed tags)
    out[n++] = fkey(72, r0 + 2, amb[j]);
    return n;
  }

  /**
   * Features of token `i` given the two previous tags (class ids, -1 at the start) and, in
   * the second pass, the first pass's tags of the next two tokens (-1 past the end).
   */
  extract(i: number, t1: number, t2: number, out: Uint32Array, r1 = -2, r2 = -2, r0 = -2): number {
    return this.extractContext(i, t1, t2, out, this.extractLexical(i, out), r1, r2, r0);
  }

  /** The features that depend on token `i` alone (the same wherever the word occurs, save position 0). */
  extractLexical(i: number, out: Uint32Array): number {
    const j = i + PAD;
    const suf = this.suf;
    const shape = this.shape;
    const wn = this.wn;
    const amb = this.amb;
    let n = 0;
    out[n++] = fkey(0, 0);
    out[n++] = fkey(1, this.lw[j]);
    out[n++] = fkey(2, this.fw[j]);
    out[n++] = fkey(3, shape[j]);
    for (let k = 0; k < 4; k++) if (suf[j * 4 + k]) out[n++] = fkey(4 + k, suf[j * 4 + k]);
    for (let k = 0; k < 3; k++) if (this.pre[j * 3 + k]) out[n++] = fkey(8 + k, this.pre[j * 3 + k]);
    out[n++] = fkey(25, amb[j]);
    out[n++] = fkey(32, wn[j]);
    out[n++] = fkey(33, wn[j], suf[j * 4 + 1]);
    out[n++] = fkey(34, wn[j], shape[j]);
    out[n++] = fkey(35, this.flags[j]);
    out[n++] = fkey(36, shape[j], this.flags[j] & 128);
    out[n++] = fkey(45, suf[j * 4 + 3], shape[j]);
    out[n++] = fkey(47, amb[j], wn[j]);
    if (amb[j] === 0) out[n++] = fkey(52, this.flags[j], wn[j]);
    return n;
  }

  /** The features that depend on the neighbours and tags; appended to `out` from `n`. */
  extractContext(
    i: number,
    t1: number,
    t2: number,
    out: Uint32Array,
    n: number,
    r1 = -2,
    r2 = -2,
    r0 = -2,
    withTagPair = true,
  ): number {
    const j = i + PAD;
    const lw = this.lw;
    const amb = this.amb;
    const suf = this.suf;
    const shape = this.shape;
    const wn = this.wn;
    const p1 = t1 + 2;
    out[n++] = fkey(11, lw[j - 1]);
    out[n++] = fkey(12, lw[j + 1]);
    out[n++] = fkey(13, lw[j - 2]);
    out[n++] = fkey(14, lw[j + 2]);
    if (withTagPair) n = tagPairFeatures(t1, t2, out, n);
    out[n++] = fkey(18, p1, lw[j]);
    out[n++] = fkey(19, lw[j - 1], lw[j]);
    out[n++] = fkey(20, lw[j], lw[j + 1]);
    out[n++] = fkey(21, suf[(j - 1) * 4 + 2]);
    out[n++] = fkey(22, suf[(j + 1) * 4 + 2]);
    out[n++] = fkey(23, shape[j - 1]);
    out[n++] = fkey(24, shape[j + 1]);
    out[n++] = fkey(26, amb[j + 1]);
    out[n++] = fkey(27, amb[j + 2]);
    out[n++] = fkey(28, amb[j - 1]);
    out[n++] = fkey(29, amb[j], amb[j + 1]);
    out[n++] = fkey(30, p1, amb[j]);
    out[n++] = fkey(31, p1, amb[j], amb[j + 1]);
    out[n++] = fkey(37, wn[j + 1]);
    out[n++] = fkey(38, wn[j - 1]);
    out[n++] = fkey(39, p1, shape[j]);
    out[n++] = fkey(40, p1, suf[j * 4 + 1]);
    out[n++] = fkey(41, this.fw[j - 1]);
    out[n++] = fkey(42, this.fw[j + 1]);
    out[n++] = fkey(43, lw[j + 1], lw[j + 2]);
    out[n++] = fkey(44, lw[j - 1], lw[j - 2]);
    out[n++] = fkey(46, p1, amb[j + 1]);
    out[n++] = fkey(48, lw[j - 1], amb[j]);
    out[n++] = fkey(49, amb[j], lw[j + 1]);
    if (r1 !== -2) n = this.rightTagFeatures(j, p1, out, n, r1, r2, r0);
    if (amb[j] === 0) {
      // unseen word: lean on its shape and neighbours
      out[n++] = fkey(50, shape[j], p1);
      out[n++] = fkey(51, suf[j * 4 + 2], amb[j + 1]);
    }
    return n;
  }
}

/** The features of the two previous tags alone (the tagger caches their scores per tag pair). */
export function tagPairFeatures(t1: number, t2: number, out: Uint32Array, n: number): number {
  const p1 = t1 + 2;
  const p2 = t2 + 2;
  out[n++] = fkey(15, p1);
  out[n++] = fkey(16, p2);
  out[n++] = fkey(17, p1, p2);
  return n;
}

export interface TaggerModel {
  classes: string[];
  upos: string[];
  xpos: string[];
  /** First pass: left context only. */
  scorer: Scorer;
  /** Second pass (optional): also sees the first pass's tags of the next words. */
  scorer2?: Scorer;
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
    const pairs = (model.classes.length + 1) * (model.classes.length + 1);
    this.pairAt = [new Int32Array(pairs).fill(-1), new Int32Array(pairs).fill(-1)];
  }

  /** Class ids for `words` (already `normalizeForm`ed). */
  tag(words: readonly string[], out: Int32Array = new Int32Array(words.length)): Int32Array {
    if (this.arenaUsed > ARENA_FLOATS) {
      // a new epoch: every word's parts are scored again on first use
      this.epoch++;
      this.arenaUsed = 0;
    }
    this.features.prepare(words);
    const second = this.model.scorer2;
    if (!second) return this.pass(words.length, this.model.scorer, null, out);
    if (this.first.length < words.length) {
      this.first = new Int32Array(words.length * 2);
      this.margin = new Float32Array(words.length * 2);
    }
    const first = this.pass(words.length, this.model.scorer, null, this.first);
    return this.pass(words.length, second, first, out);
  }

  /** The padding as neighbours (their scores are this tagger's model's). */
  private readonly bosEntry = TaggerFeatures.padEntry(BOS);
  private readonly eosEntry = TaggerFeatures.padEntry(EOS);

  /**
   * The words' cached score vectors in one array (each part where it was first scored): adding
   * a vector reads it straight, not through a typed-array object per vector. Emptied (a new
   * epoch: every part scored again on first use) once it holds `ARENA_FLOATS`.
   */
  private arena = new Float32Array(0);
  private arenaUsed = 0;
  private epoch = 1;

  /**
   * Arena offset of part `part` of word `e`'s cached scores (`size` floats), and whether it
   * is scored: the offset, or -(offset + 1) when the caller must score it (zeroed; may grow
   * the arena).
   */
  private part(e: WordValues, part: number, size: number): number {
    if (e.epoch !== this.epoch) {
      e.epoch = this.epoch;
      e.parts.fill(-1);
    }
    const known = e.parts[part];
    if (known >= 0) return known;
    if (this.arenaUsed + size > this.arena.length) {
      // doubling, up to the size at which `tag` starts a new epoch (plus a long sentence's words)
      const grown = new Float32Array(
        Math.max(this.arenaUsed + size, Math.min(Math.max(this.arena.length * 2, 1 << 16), ARENA_FLOATS + (1 << 20))),
      );
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    const o = this.arenaUsed;
    this.arenaUsed += size;
    // (after a new epoch the arena holds old scores)
    this.arena.fill(0, o, o + size);
    e.parts[part] = o;
    return -(o + 1);
  }

  /** Arena offset of the neighbour scores of a word in pass `at` (0 or 3; see `WordValues.parts`), scored on first use. */
  private near(e: WordValues, scorer: Scorer, at: number): number {
    const nc = this.model.classes.length;
    let o = this.part(e, at + 2, 2 * nc);
    if (o >= 0) return o;
    o = -o - 1;
    const offsets = [-1, 1];
    for (let r = 0; r < 2; r++)
      scorer.score(
        this.keys,
        TaggerFeatures.neighbourFeatures(e.values, offsets[r], this.keys),
        this.arena.subarray(o + r * nc, o + (r + 1) * nc),
      );
    return o;
  }

  /** Arena offset of the scores of token `i`'s own features in pass `at`, scored on first use. */
  private own(e: WordValues, i: number, scorer: Scorer, at: number): number {
    const nc = this.model.classes.length;
    let o = this.part(e, i === 0 ? at + 1 : at, nc);
    if (o >= 0) return o;
    o = -o - 1;
    scorer.score(this.keys, this.features.extractLexical(i, this.keys), this.arena.subarray(o, o + nc));
    return o;
  }

  /**
   * One pass for a model of integer weights: a token's scores are the sum of cached scores
   * (its word's own features, each neighbour's, the previous tags') and of the few features
   * that combine several of them. Same results as `pass`, with far fewer reads.
   */
  private passCached(n: number, scorer: Scorer, right: Int32Array | null, out: Int32Array): Int32Array {
    const f = this.features;
    const entries = f.entries;
    const nc = this.model.classes.length;
    const scores = this.scores;
    const at = right ? 3 : 0;
    const pairs = this.pairAt[right ? 1 : 0];
    const margin = this.margin;
    const confident = right ? this.confidentMargin : Infinity;
    const keys = this.keys;
    const bos = this.near(this.bosEntry, scorer, at);
    const eos = this.near(this.eosEntry, scorer, at);
    const sums = scorer.sums;
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      if (e.sure >= 0) {
        out[i] = e.sure;
        continue;
      }
      if (right && margin[i] >= confident) {
        out[i] = right[i];
        continue;
      }
      const lex = this.own(e, i, scorer, at);
      const t1 = i > 0 ? out[i - 1] : -1;
      const t2 = i > 1 ? out[i - 2] : -1;
      const pairSlot = (t1 + 1) * (nc + 1) + t2 + 1;
      let pair = pairs[pairSlot];
      if (pair < 0) {
        pair = this.pairUsed;
        this.pairArena = withRoom(this.pairArena, pair + nc, 256 * nc);
        this.pairUsed += nc;
        scorer.score(keys, tagPairFeatures(t1, t2, keys, 0), this.pairArena.subarray(pair, pair + nc));
        pairs[pairSlot] = pair;
      }
      const P = this.pairArena;
      const left1 = i > 0 ? this.near(entries[i - 1], scorer, at) : bos;
      const right1 = (i + 1 < n ? this.near(entries[i + 1], scorer, at) : eos) + nc;
      const A = this.arena; // (read after the calls above, which may grow it)
      let k = right
        ? f.extractContextRest(i, t1, keys, 0, i + 1 < n ? right[i + 1] : -1, i + 2 < n ? right[i + 2] : -1, right[i])
        : f.extractContextRest(i, t1, keys, 0);
      // the words two away: a feature or two each, cheaper read than cached
      k = TaggerFeatures.neighbourFeatures(i > 1 ? entries[i - 2].values : this.bosEntry.values, -2, keys, k);
      k = TaggerFeatures.neighbourFeatures(i + 2 < n ? entries[i + 2].values : this.eosEntry.values, 2, keys, k);
      let best = 0;
      let second = -Infinity;
      if (sums) {
        // the cached vectors and the rest's sums added and the best two found in one loop
        const acc = sums.call(scorer, keys, k);
        let top = A[lex] + P[pair] + A[left1] + A[right1] + acc[0];
        for (let c = 1; c < nc; c++) {
          const v = A[lex + c] + P[pair + c] + A[left1 + c] + A[right1 + c] + acc[c];
          if (v > top) {
            second = top;
            top = v;
            best = c;
          } else if (v > second) second = v;
        }
        out[i] = best;
        if (!right) margin[i] = (top - second) * scorer.scale;
        continue;
      }
      for (let c = 0; c < nc; c++) scores[c] = A[lex + c] + P[pair + c] + A[left1 + c] + A[right1 + c];
      scorer.score(keys, k, scores);
      for (let c = 1; c < nc; c++) {
        const v = scores[c];
        if (v > scores[best]) {
          second = scores[best];
          best = c;
        } else if (v > second) second = v;
      }
      out[i] = best;
      if (!right) margin[i] = (scores[best] - second) * scorer.scale;
    }
    return out;
  }

  private first = new Int32Array(64);
  /** First-pass score margin (model units) per token; the second pass keeps confident tags. */
  private margin = new Float32Array(64);
  /** Margin above which the second pass keeps the first pass's tag (Infinity: always rescore). */
  confidentMargin = CONFIDENT_MARGIN;

  /** Scores of the word-only features per pass, first position or not, and word: frequent words hit. */
  private readonly lexCache = [
    [new Map<string, Float32Array>(), new Map<string, Float32Array>()],
    [new Map<string, Float32Array>(), new Map<string, Float32Array>()],
  ];
  /** Scores of the tag-pair features per (pass, previous tag + 1, the one before + 1). */
  private readonly pairCache: (Float32Array | undefined)[][] = [[], []];
  /** The same for the cached pass: per pass, the offset of each tag pair's scores in `pairArena` (-1: none yet). */
  private readonly pairAt: Int32Array[];
  private pairArena = new Float32Array(0);
  private pairUsed = 0;

  /** One greedy left-to-right pass; `right` holds first-pass tags for the second pass. */
  pass(n: number, scorer: Scorer, right: Int32Array | null, out: Int32Array): Int32Array {
    const f = this.features;
    if (
      scorer.integerWeights &&
      f.dictionaryAmbiguity &&
      (right ? scorer === this.model.scorer2 : scorer === this.model.scorer)
    )
      return this.passCached(n, scorer, right, out);
    const sure = this.model.dict.sure;
    const nc = this.model.classes.length;
    const scores = this.scores;
    const caches = this.lexCache[right ? 1 : 0];
    const pairs = this.pairCache[right ? 1 : 0];
    const margin = this.margin;
    const confident = right ? this.confidentMargin : Infinity;
    for (let i = 0; i < n; i++) {
      const s = sure.get(f.lowers[i]);
      if (s !== undefined) {
        out[i] = s;
        continue;
      }
      if (right && margin[i] >= confident) {
        out[i] = right[i];
        continue;
      }
      // integer sums are exact in float32, so cached and fresh scores agree bit for bit
      const key = f.forms[i];
      const cache = caches[i === 0 ? 1 : 0];
      let lex = cache.get(key);
      if (lex === undefined) {
        scores.fill(0);
        scorer.score(this.keys, f.extractLexical(i, this.keys), scores);
        lex = scores.slice();
        if (cache.size >= LEX_CACHE_SIZE) cache.clear();
        cache.set(key, lex);
      }
      scores.set(lex);
      const t1 = i > 0 ? out[i - 1] : -1;
      const t2 = i > 1 ? out[i - 2] : -1;
      // the scores of the previous two tags' own features, cached per tag pair
      const pairSlot = (t1 + 1) * (nc + 1) + t2 + 1;
      let pair = pairs[pairSlot];
      if (pair === undefined) {
        pair = new Float32Array(nc);
        scorer.score(this.keys, tagPairFeatures(t1, t2, this.keys, 0), pair);
        pairs[pairSlot] = pair;
      }
      for (let c = 0; c < nc; c++) scores[c] += pair[c];
      const k = right
        ? f.extractContext(
            i,
            t1,
            t2,
            this.keys,
            0,
            i + 1 < n ? right[i + 1] : -1,
            i + 2 < n ? right[i + 2] : -1,
            right[i],
            false,
          )
        : f.extractContext(i, t1, t2, this.keys, 0, -2, -2, -2, false);
      scorer.score(this.keys, k, scores);
      let best = 0;
      let second = -Infinity;
      for (let c = 1; c < nc; c++) {
        if (scores[c] > scores[best]) {
          second = scores[best];
          best = c;
        } else if (scores[c] > second) second = scores[c];
      }
      out[i] = best;
      if (!right) margin[i] = (scores[best] - second) * scorer.scale;
    }
    return out;
  }
}

const LEX_CACHE_SIZE = 20000;
/** Cached scores the tagger's arena holds before it starts again (32 MB: ~15,000 words' usual parts at 93 classes). */
const ARENA_FLOATS = 1 << 23;
/** Chosen on the dev data: above it the second pass changed no tag (EWT and GUM dev). */
const CONFIDENT_MARGIN = 30;

export { normalizeForm };
