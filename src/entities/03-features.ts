// Step 3: the features of each token, as 32-bit keys (template id mixed with a hashed value).
// Everything that depends only on the document is computed once per document ("static"
// keys); the few that depend on earlier predictions in the document (the prediction history)
// are added while tagging. The same code serves training and run time.
import {
  Caps,
  capsOf,
  caseBucket,
  hashString,
  isCapitalised,
  mix,
  type WordEntry,
  type WordLexicon,
  wordShape,
} from './01-words.js';
import { GAZ_CLASSES, type Gazetteer, matchGazetteer } from './02-gazetteer.js';

export interface FeatureResources {
  lexicon: WordLexicon;
  gazetteer: Gazetteer;
}

/** Sentence casing: ordinary prose, an all-capitals headline, or Title Case. */
export enum SentenceMode {
  Normal = 0,
  Upper = 1,
  Title = 2,
}

/** What is known about one token of the document. */
export interface TokenInfo {
  form: string;
  lower: string;
  caps: Caps;
  shape: string;
  hLower: number;
  hForm: number;
  hShape: number;
  entry: WordEntry | undefined;
  /** No word precedes it in its sentence. */
  first: boolean;
}

export interface DocumentFeatures {
  /** Per sentence: token infos. */
  tokens: TokenInfo[][];
  modes: SentenceMode[];
  /** Per sentence: static keys of every token, flattened, and where each token's keys start. */
  keys: Uint32Array[];
  offsets: Int32Array[];
  gazetteer: Uint8Array[];
}

// template ids (part of the model format: changing them requires retraining)
const T = {
  bias: 1,
  w0: 2,
  wm1: 3,
  wp1: 4,
  wm2: 5,
  wp2: 6,
  form0: 7,
  sh0: 8,
  shm1: 9,
  shp1: 10,
  shm1sh0: 11,
  sh0shp1: 12,
  pre: 13,
  suf: 17,
  c1: 21,
  c2: 22,
  c3: 23,
  c2m1: 24,
  c2p1: 25,
  c3m1: 26,
  c3p1: 27,
  c1m1: 28,
  c1p1: 29,
  caps: 30,
  caseLex: 31,
  docCase: 32,
  gaz0: 33,
  gazm1: 34,
  gazp1: 35,
  bim1: 36,
  bip1: 37,
  wm1caps: 38,
  wp1caps: 39,
  sentLen: 40,
  caseLexNext: 41,
  capsRun: 42,
  hist: 50,
  histPart: 51,
  histNext: 52,
  histPrev: 53,
} as const;

const EMPTY = hashString('<none>');
const BOS = hashString('<s>');
const EOS = hashString('</s>');

export const NON_WORD = /^[^\p{L}\p{N}]+$/u;

export function tokenInfo(form: string, lexicon: WordLexicon): TokenInfo {
  const lower = form.toLowerCase();
  const shape = wordShape(form);
  return {
    form,
    lower,
    caps: capsOf(form),
    shape,
    hLower: hashString(lower),
    hForm: hashString(form, 0x1234567),
    hShape: hashString(shape, 0x7654321),
    entry: lexicon.get(lower),
    first: false,
  };
}

export function sentenceMode(toks: readonly TokenInfo[]): SentenceMode {
  let words = 0;
  let upper = 0;
  let title = 0;
  let longWords = 0;
  for (const t of toks) {
    if (t.caps === Caps.None) continue;
    words++;
    if (t.caps === Caps.AllUpper) upper++;
    if (t.form.length >= 4) {
      longWords++;
      if (t.caps === Caps.Initial || t.caps === Caps.AllUpper) title++;
    }
  }
  if (words >= 2 && upper / words >= 0.6) return SentenceMode.Upper;
  if (longWords >= 3 && title / longWords >= 0.75) return SentenceMode.Title;
  return SentenceMode.Normal;
}

/** Per-document case memory: bit 1 seen capitalised mid-sentence in prose, bit 2 seen in lower case. */
function documentCase(tokens: readonly TokenInfo[][], modes: readonly SentenceMode[]): Map<string, number> {
  const m = new Map<string, number>();
  for (let s = 0; s < tokens.length; s++) {
    for (const t of tokens[s]) {
      if (t.caps === Caps.Lower) m.set(t.lower, (m.get(t.lower) ?? 0) | 2);
      else if (modes[s] === SentenceMode.Normal && !t.first && isCapitalised(t.caps))
        m.set(t.lower, (m.get(t.lower) ?? 0) | 1);
    }
  }
  return m;
}

/** What feature extraction knows about a document: token infos, sentence modes, case memory, list matches. */
export interface DocumentContext {
  tokens: TokenInfo[][];
  modes: SentenceMode[];
  docCase: Map<string, number>;
  gazetteer: Uint8Array[];
}

export function documentContext(
  sentences: readonly (readonly string[])[],
  res: FeatureResources,
  infos?: Map<string, TokenInfo>,
): DocumentContext {
  const cache = infos ?? new Map<string, TokenInfo>();
  const tokens: TokenInfo[][] = sentences.map((forms) => {
    let first = true;
    return forms.map((f) => {
      let info = cache.get(f);
      if (!info) {
        info = tokenInfo(f, res.lexicon);
        cache.set(f, info);
      }
      const t = first === info.first ? info : { ...info, first };
      if (first && !NON_WORD.test(f)) first = false;
      return t;
    });
  });
  const modes = tokens.map(sentenceMode);
  const docCase = documentCase(tokens, modes);
  const gazetteer = tokens.map((toks) => matchGazetteer(res.gazetteer, toks));
  return { tokens, modes, docCase, gazetteer };
}

/** Static features of every token of a document (sentences of token forms), as keys (training). */
export function documentFeatures(sentences: readonly (readonly string[])[], res: FeatureResources): DocumentFeatures {
  const { tokens, modes, docCase, gazetteer } = documentContext(sentences, res);
  const keys: Uint32Array[] = [];
  const offsets: Int32Array[] = [];
  const buf: number[] = [];
  for (let s = 0; s < tokens.length; s++) {
    const toks = tokens[s];
    const off = new Int32Array(toks.length + 1);
    buf.length = 0;
    for (let i = 0; i < toks.length; i++) {
      off[i] = buf.length;
      tokenFeatures(toks, i, modes[s], docCase, gazetteer[s], buf);
    }
    off[toks.length] = buf.length;
    keys.push(Uint32Array.from(buf));
    offsets.push(off);
  }
  return { tokens, modes, keys, offsets, gazetteer };
}

/** Anything that sums the weight rows of feature keys into label scores. */
export interface KeyScorer {
  addKeys(keys: ArrayLike<number>, from: number, to: number, emit: Float64Array, at: number): void;
}

/**
 * Run-time shortcut: the summed weight rows of each distinct word's single-word keys, once per
 * word for each relative position (self, as previous, as next, two before, two after), kept
 * across documents (bounded). A token then costs five vector additions plus its context keys.
 */
export class WordVectors {
  private readonly cache = new Map<string, Float32Array>();
  readonly infos = new Map<string, TokenInfo>();
  readonly boundary: Float32Array;
  readonly context: ContextTables;
  readonly history: HistoryTables;

  constructor(
    private readonly scorer: KeyScorer,
    private readonly labels: number,
    private readonly maxWords = 200_000,
  ) {
    this.context = new ContextTables(scorer, labels);
    this.history = new HistoryTables(scorer, labels);
    // sentence-start / sentence-end / missing-neighbour vectors
    const K = labels;
    const b = new Float64Array(6 * K);
    const keys: number[] = [];
    prevKeys(undefined, keys);
    scorer.addKeys(keys, 0, keys.length, b, 0);
    keys.length = 0;
    nextKeys(undefined, keys);
    scorer.addKeys(keys, 0, keys.length, b, K);
    scorer.addKeys([prev2Key(undefined, true)], 0, 1, b, 2 * K);
    scorer.addKeys([prev2Key(undefined, false)], 0, 1, b, 3 * K);
    scorer.addKeys([next2Key(undefined, true)], 0, 1, b, 4 * K);
    scorer.addKeys([next2Key(undefined, false)], 0, 1, b, 5 * K);
    this.boundary = Float32Array.from(b);
  }

  /** 5 x labels: self, as previous, as next, as two before, as two after. */
  get(t: TokenInfo): Float32Array {
    let v = this.cache.get(t.form);
    if (v) return v;
    if (this.cache.size >= this.maxWords) this.cache.clear();
    if (this.infos.size >= this.maxWords) this.infos.clear();
    v = this.compute(t);
    this.cache.set(t.form, v);
    return v;
  }

  /** The five summed rows of a word (uncached). */
  compute(t: TokenInfo): Float32Array {
    const K = this.labels;
    const acc = new Float64Array(5 * K);
    const keys: number[] = [];
    selfKeys(t, keys);
    this.scorer.addKeys(keys, 0, keys.length, acc, 0);
    keys.length = 0;
    prevKeys(t, keys);
    this.scorer.addKeys(keys, 0, keys.length, acc, K);
    keys.length = 0;
    nextKeys(t, keys);
    this.scorer.addKeys(keys, 0, keys.length, acc, 2 * K);
    this.scorer.addKeys([prev2Key(t, false)], 0, 1, acc, 3 * K);
    this.scorer.addKeys([next2Key(t, false)], 0, 1, acc, 4 * K);
    return Float32Array.from(acc);
  }

  /**
   * Static emission scores of a sentence (n x labels). Tokens whose `skip` entry is 1 (only
   * one label possible, see labelRestrictions) are not scored: their row stays 0.
   */
  emissions(ctx: DocumentContext, s: number, scorer: KeyScorer, skip?: Uint8Array): Float64Array {
    const toks = ctx.tokens[s];
    const n = toks.length;
    const K = this.labels;
    const emit = new Float64Array(n * K);
    const vecs: Float32Array[] = new Array(n);
    for (let i = 0; i < n; i++) vecs[i] = this.get(toks[i]);
    const ONLY_ONE_LABEL = 1;
    const bd = this.boundary;
    const keys: number[] = [];
    const mode = ctx.modes[s];
    const gaz = ctx.gazetteer[s];
    for (let i = 0; i < n; i++) {
      if (skip && skip[i] === ONLY_ONE_LABEL) continue;
      const at = i * K;
      const self = vecs[i];
      const prev = i > 0 ? vecs[i - 1] : bd;
      const prevAt = i > 0 ? K : 0;
      const next = i + 1 < n ? vecs[i + 1] : bd;
      const nextAt = i + 1 < n ? 2 * K : K;
      const p2 = i > 1 ? vecs[i - 2] : bd;
      const p2At = i > 1 ? 3 * K : i === 1 ? 2 * K : 3 * K;
      const n2 = i + 2 < n ? vecs[i + 2] : bd;
      const n2At = i + 2 < n ? 4 * K : i + 2 === n ? 4 * K : 5 * K;
      for (let c = 0; c < K; c++)
        emit[at + c] = self[c] + prev[prevAt + c] + next[nextAt + c] + p2[p2At + c] + n2[n2At + c];
      this.context.add(toks, i, mode, ctx.docCase.get(toks[i].lower) ?? 0, gaz, scorer, keys, emit, at);
    }
    return emit;
  }
  /**
   * Run-time emission scores of a sentence into `emit` (n x labels, zeroed): like `emissions`,
   * with each word's summed rows and document-case bits read from the word itself.
   */
  runEmissions(
    toks: readonly (TokenInfo & { vec: Float32Array; lw: { caseBits: number } })[],
    mode: SentenceMode,
    gaz: Uint8Array,
    gmask: Uint16Array,
    skip: Uint8Array,
    scorer: KeyScorer,
    emit: Float64Array,
  ): void {
    const n = toks.length;
    const K = this.labels;
    const bd = this.boundary;
    const keys = this.keys;
    for (let i = 0; i < n; i++) {
      if (skip[i] === 1) continue;
      const at = i * K;
      const self = toks[i].vec;
      const prev = i > 0 ? toks[i - 1].vec : bd;
      const prevAt = i > 0 ? K : 0;
      const next = i + 1 < n ? toks[i + 1].vec : bd;
      const nextAt = i + 1 < n ? 2 * K : K;
      const p2 = i > 1 ? toks[i - 2].vec : bd;
      const p2At = i > 1 ? 3 * K : i === 1 ? 2 * K : 3 * K;
      const n2 = i + 2 < n ? toks[i + 2].vec : bd;
      const n2At = i + 2 < n ? 4 * K : i + 2 === n ? 4 * K : 5 * K;
      for (let c = 0; c < K; c++)
        emit[at + c] = self[c] + prev[prevAt + c] + next[nextAt + c] + p2[p2At + c] + n2[n2At + c];
      this.context.add(toks, i, mode, toks[i].lw.caseBits, gaz, scorer, keys, emit, at, gmask);
    }
  }

  private readonly keys: number[] = [];
}

// Keys of token i that depend on one word only, by its position relative to i. At run time
// their weight rows are summed once per distinct word (WordVectors) instead of per token.

/** Keys of the token itself. */
export function selfKeys(t: TokenInfo, out: number[]): void {
  out.push(mix(T.bias, 0));
  out.push(mix(T.w0, t.hLower));
  out.push(mix(T.form0, t.hForm));
  out.push(mix(T.sh0, t.hShape));
  const w = t.lower;
  const L = Math.min(w.length - 1, 4);
  for (let k = 1; k <= L; k++) {
    out.push(mix(T.pre + k - 1, hashString(w.slice(0, k))));
    out.push(mix(T.suf + k - 1, hashString(w.slice(w.length - k))));
  }
  const e = t.entry;
  if (e && e.c1 >= 0) {
    out.push(mix(T.c1, e.c1));
    out.push(mix(T.c2, e.c2));
    out.push(mix(T.c3, e.c3));
  }
}

/** Keys of token i contributed by the previous token p (undefined at sentence start). */
export function prevKeys(p: TokenInfo | undefined, out: number[]): void {
  const pe = p?.entry;
  out.push(mix(T.wm1, p ? p.hLower : BOS));
  out.push(mix(T.shm1, p ? p.hShape : BOS));
  out.push(mix(T.c1m1, pe && pe.c1 >= 0 ? pe.c1 : -1));
  out.push(mix(T.c2m1, pe && pe.c2 >= 0 ? pe.c2 : -1));
  if (pe && pe.c3 >= 0) out.push(mix(T.c3m1, pe.c3));
}

/** Keys of token i contributed by the next token n (undefined at sentence end). */
export function nextKeys(n: TokenInfo | undefined, out: number[]): void {
  const ne = n?.entry;
  out.push(mix(T.wp1, n ? n.hLower : EOS));
  out.push(mix(T.shp1, n ? n.hShape : EOS));
  out.push(mix(T.c1p1, ne && ne.c1 >= 0 ? ne.c1 : -1));
  out.push(mix(T.c2p1, ne && ne.c2 >= 0 ? ne.c2 : -1));
  if (ne && ne.c3 >= 0) out.push(mix(T.c3p1, ne.c3));
}

/** The word two before: a word, the sentence start (i = 1) or nothing (i = 0). */
export const prev2Key = (p2: TokenInfo | undefined, atStart: boolean): number =>
  mix(T.wm2, p2 ? p2.hLower : atStart ? BOS : EMPTY);
export const next2Key = (n2: TokenInfo | undefined, atEnd: boolean): number =>
  mix(T.wp2, n2 ? n2.hLower : atEnd ? EOS : EMPTY);

/** Keys of token i that combine several tokens or depend on the sentence and document. */
export function contextKeys(
  toks: readonly TokenInfo[],
  i: number,
  mode: SentenceMode,
  docCase: ReadonlyMap<string, number>,
  gaz: Uint8Array,
  out: number[],
): void {
  const t = toks[i];
  const p = i > 0 ? toks[i - 1] : undefined;
  const n = i + 1 < toks.length ? toks[i + 1] : undefined;
  const hp = p ? p.hLower : BOS;
  const hn = n ? n.hLower : EOS;
  const _shp = p ? p.hShape : BOS;
  const _shn = n ? n.hShape : EOS;
  const capsCtx = t.caps | ((t.first ? 1 : 0) << 3) | (mode << 4);
  out.push(mix(T.caps, capsCtx));
  out.push(mix(T.caseLex, (caseBucket(t.entry) << 8) | capsCtx));
  out.push(mix(T.caseLexNext, (caseBucket(n?.entry) << 8) | ((n ? n.caps : 7) << 4) | t.caps));
  out.push(mix(T.docCase, ((docCase.get(t.lower) ?? 0) << 8) | capsCtx));
  out.push(mix(T.bim1, mix(hp, t.hLower)));
  out.push(mix(T.bip1, mix(t.hLower, hn)));
  out.push(mix(T.sentLen, (Math.min(toks.length, 4) << 8) | capsCtx));
  // length of the run of capitalised words this token sits in (names are runs)
  let runL = 0;
  while (runL < 4 && i - runL - 1 >= 0 && isCapitalised(toks[i - runL - 1].caps)) runL++;
  let runR = 0;
  while (runR < 4 && i + runR + 1 < toks.length && isCapitalised(toks[i + runR + 1].caps)) runR++;
  out.push(mix(T.capsRun, (runL << 12) | (runR << 8) | capsCtx));
  const k = GAZ_CLASSES.length;
  const capBit = isCapitalised(t.caps) ? 1 : 0;
  for (let c = 0; c < k; c++) {
    const g = gaz[i * k + c];
    if (g) out.push(mix(T.gaz0, (c << 8) | (g << 1) | capBit));
    if (i > 0 && gaz[(i - 1) * k + c]) out.push(mix(T.gazm1, (c << 8) | gaz[(i - 1) * k + c]));
    if (i + 1 < toks.length && gaz[(i + 1) * k + c]) out.push(mix(T.gazp1, (c << 8) | gaz[(i + 1) * k + c]));
  }
}

/** Dense weight tables of the small-domain context templates (value -> summed row), built once per model. */
export class ContextTables {
  private readonly caps: DenseTable;
  private readonly caseLex: DenseTable;
  private readonly caseLexNext: DenseTable;
  private readonly docCase: DenseTable;
  private readonly sentLen: DenseTable;
  private readonly capsRun: DenseTable;
  private readonly gaz0: DenseTable;
  private readonly gazm1: DenseTable;
  private readonly gazp1: DenseTable;

  constructor(
    scorer: KeyScorer,
    private readonly K: number,
  ) {
    const dense = (template: number, size: number) => denseTable(scorer, K, template, size);
    this.caps = dense(T.caps, 1 << 6);
    this.caseLex = dense(T.caseLex, 6 << 8);
    this.caseLexNext = dense(T.caseLexNext, 6 << 8);
    this.docCase = dense(T.docCase, 4 << 8);
    this.sentLen = dense(T.sentLen, 5 << 8);
    this.capsRun = dense(T.capsRun, 5 << 12);
    this.gaz0 = dense(T.gaz0, GAZ_CLASSES.length << 8);
    this.gazm1 = dense(T.gazm1, GAZ_CLASSES.length << 8);
    this.gazp1 = dense(T.gazp1, GAZ_CLASSES.length << 8);
  }

  /**
   * Exactly what contextKeys adds, with the small-domain templates read from dense tables.
   * `docCase` is the document-case value of token i (documentCase).
   */
  add(
    toks: readonly TokenInfo[],
    i: number,
    mode: SentenceMode,
    docCase: number,
    gaz: Uint8Array,
    scorer: KeyScorer,
    keys: number[],
    emit: Float64Array,
    at: number,
    gmask?: Uint16Array,
  ): void {
    const t = toks[i];
    const p = i > 0 ? toks[i - 1] : undefined;
    const n = i + 1 < toks.length ? toks[i + 1] : undefined;
    const hp = p ? p.hLower : BOS;
    const hn = n ? n.hLower : EOS;
    const capsCtx = t.caps | ((t.first ? 1 : 0) << 3) | (mode << 4);
    keys.length = 0;
    keys.push(mix(T.bim1, mix(hp, t.hLower)));
    keys.push(mix(T.bip1, mix(t.hLower, hn)));
    scorer.addKeys(keys, 0, keys.length, emit, at);
    let runL = 0;
    while (runL < 4 && i - runL - 1 >= 0 && isCapitalised(toks[i - runL - 1].caps)) runL++;
    let runR = 0;
    while (runR < 4 && i + runR + 1 < toks.length && isCapitalised(toks[i + runR + 1].caps)) runR++;
    this.addRow(this.caps, capsCtx, emit, at);
    this.addRow(this.caseLex, (caseBucket(t.entry) << 8) | capsCtx, emit, at);
    this.addRow(this.caseLexNext, (caseBucket(n?.entry) << 8) | ((n ? n.caps : 7) << 4) | t.caps, emit, at);
    this.addRow(this.docCase, (docCase << 8) | capsCtx, emit, at);
    this.addRow(this.sentLen, (Math.min(toks.length, 4) << 8) | capsCtx, emit, at);
    this.addRow(this.capsRun, (runL << 12) | (runR << 8) | capsCtx, emit, at);
    const G = GAZ_CLASSES.length;
    const capBit = isCapitalised(t.caps) ? 1 : 0;
    // classes listed at i - 1, i or i + 1 (all when no mask is given)
    const near =
      gmask === undefined ? -1 : gmask[i] | (i > 0 ? gmask[i - 1] : 0) | (i + 1 < toks.length ? gmask[i + 1] : 0);
    if (near === 0) return;
    for (let cl = 0; cl < G; cl++) {
      if ((near & (1 << cl)) === 0) continue;
      const g = gaz[i * G + cl];
      if (g) this.addRow(this.gaz0, (cl << 8) | (g << 1) | capBit, emit, at);
      if (i > 0 && gaz[(i - 1) * G + cl]) this.addRow(this.gazm1, (cl << 8) | gaz[(i - 1) * G + cl], emit, at);
      if (i + 1 < toks.length && gaz[(i + 1) * G + cl])
        this.addRow(this.gazp1, (cl << 8) | gaz[(i + 1) * G + cl], emit, at);
    }
  }

  private addRow(table: DenseTable, v: number, emit: Float64Array, at: number): void {
    const r = v < table.index.length ? table.index[v] : -1;
    if (r < 0) return;
    const K = this.K;
    const rows = table.rows;
    const base = r * K;
    for (let k = 0; k < K; k++) emit[at + k] += rows[base + k];
  }
}

/** Values of a small-domain template -> compact rows (only the values the model has weights for). */
interface DenseTable {
  index: Int16Array;
  rows: Float32Array;
}

function denseTable(scorer: KeyScorer, K: number, template: number, size: number): DenseTable {
  const index = new Int16Array(size).fill(-1);
  const rows: number[] = [];
  const acc = new Float64Array(K);
  for (let v = 0; v < size; v++) {
    acc.fill(0);
    scorer.addKeys([mix(template, v)], 0, 1, acc, 0);
    if (acc.every((x) => x === 0)) continue;
    index[v] = rows.length / K;
    for (const x of acc) rows.push(x);
  }
  return { index, rows: Float32Array.from(rows) };
}

/** Every static key of token i (training: keys are kept per token). */
function tokenFeatures(
  toks: readonly TokenInfo[],
  i: number,
  mode: SentenceMode,
  docCase: ReadonlyMap<string, number>,
  gaz: Uint8Array,
  out: number[],
): void {
  selfKeys(toks[i], out);
  prevKeys(i > 0 ? toks[i - 1] : undefined, out);
  nextKeys(i + 1 < toks.length ? toks[i + 1] : undefined, out);
  out.push(prev2Key(i > 1 ? toks[i - 2] : undefined, i === 1));
  out.push(next2Key(i + 2 < toks.length ? toks[i + 2] : undefined, i + 2 === toks.length));
  contextKeys(toks, i, mode, docCase, gaz, out);
}

/**
 * The document's prediction history: for each lower-cased word, how often it was tagged with
 * each entity type so far, and its position in the last multi-word entity it was part of.
 */
export class PredictionHistory {
  private readonly counts = new Map<string, Int32Array>();
  private readonly part = new Map<string, number>();

  constructor(private readonly types: number) {}

  /** Record the entities predicted in a sentence (labels: 0 none, else 1 + type * 4 + BILU). */
  record(toks: readonly TokenInfo[], types: Int8Array, bilu: Int8Array): void {
    for (let i = 0; i < toks.length; i++) {
      if (types[i] < 0) continue;
      const t = toks[i];
      if (!isCapitalised(t.caps) && t.caps !== Caps.Mixed) continue;
      let c = this.counts.get(t.lower);
      if (!c) this.counts.set(t.lower, (c = new Int32Array(this.types)));
      c[types[i]]++;
      if (bilu[i] !== 3) this.part.set(t.lower, types[i] * 4 + bilu[i]);
    }
  }

  /** Majority type of a word so far, -1 if never tagged. */
  majority(lower: string): number {
    const c = this.counts.get(lower);
    if (!c) return -1;
    let best = -1;
    let bestN = 0;
    for (let k = 0; k < c.length; k++)
      if (c[k] > bestN) {
        bestN = c[k];
        best = k;
      }
    return best;
  }

  /**
   * Values of the four history templates for each token of a sentence (n x 4, -1 = absent):
   * majority type of the word, of the next word, of the previous word, and the word's
   * position in the last multi-word entity it was part of (each with the capitalisation bit).
   */
  values(toks: readonly TokenInfo[]): Int16Array {
    const n = toks.length;
    const maj = new Int8Array(n);
    for (let i = 0; i < n; i++) maj[i] = this.counts.size === 0 ? -1 : this.majority(toks[i].lower);
    const out = new Int16Array(n * 4).fill(-1);
    for (let i = 0; i < n; i++) {
      const capBit = isCapitalised(toks[i].caps) ? 1 : 0;
      out[i * 4] = ((maj[i] + 1) << 1) | capBit;
      const part = this.part.size === 0 ? undefined : this.part.get(toks[i].lower);
      if (part !== undefined) out[i * 4 + 1] = (part << 1) | capBit;
      if (i + 1 < n) out[i * 4 + 2] = ((maj[i + 1] + 1) << 1) | capBit;
      if (i > 0) out[i * 4 + 3] = ((maj[i - 1] + 1) << 1) | capBit;
    }
    return out;
  }

  /** Dynamic keys of token i from `values`, appended to `out`. */
  static keys(values: Int16Array, i: number, out: number[]): void {
    for (let k = 0; k < 4; k++) {
      const v = values[i * 4 + k];
      if (v >= 0) out.push(mix(HISTORY_TEMPLATES[k], v));
    }
  }
}

const HISTORY_TEMPLATES = [T.hist, T.histPart, T.histNext, T.histPrev] as const;
/** History values are below this (type/position codes with a capitalisation bit). */
const HISTORY_VALUES = 64;

/** Dense weight tables of the history templates (run time). */
export class HistoryTables {
  private readonly tables: Float32Array[];

  constructor(
    scorer: KeyScorer,
    private readonly K: number,
  ) {
    this.tables = HISTORY_TEMPLATES.map((t) => {
      const acc = new Float64Array(HISTORY_VALUES * K);
      for (let v = 0; v < HISTORY_VALUES; v++) scorer.addKeys([mix(t, v)], 0, 1, acc, v * K);
      return Float32Array.from(acc);
    });
  }

  add(values: Int16Array, n: number, emit: Float64Array): void {
    const K = this.K;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < 4; k++) {
        const v = values[i * 4 + k];
        if (v < 0 || v >= HISTORY_VALUES) continue;
        const table = this.tables[k];
        const base = v * K;
        const at = i * K;
        for (let c = 0; c < K; c++) emit[at + c] += table[base + c];
      }
  }
}
