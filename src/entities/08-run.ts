// Step 8: the run-time tagger. The same model and features as training (03-features,
// 05-tag), arranged so that a token costs almost nothing beyond its context features:
// everything that depends on a word's form alone (its token info, its five summed weight rows,
// its single-word list look-up, its label restriction) is computed once per distinct form and
// kept in one object (bounded cache across documents); per-document word state (case memory,
// prediction history) lives on one shared object per lower-cased word, reset lazily by a
// document stamp, so tagging does no string hashing or map look-up per token. The result is
// identical to tagDocument over documentContext (test/entities/run.test.ts).
import { Caps, caseBucket, isCapitalised, type WordEntry } from './01-words.js';
import { type Gazetteer, matchGazetteer, probe } from './02-gazetteer.js';
import {
  type FeatureResources,
  NON_WORD,
  SentenceMode,
  sentenceMode,
  type TokenInfo,
  tokenInfo,
  type WordVectors,
} from './03-features.js';
import { MODEL_TYPES, N_LABELS, type NerModel, typeOfLabel, viterbi } from './04-model.js';
import { applyRestrictions, NO_CONTINUE, OUTSIDE, PUNCTUATION_OUTSIDE, type TaggedSentence } from './05-tag.js';

/** Per-document state of a lower-cased word; valid while `stamp` is the current document's. */
class LowerWord {
  stamp = 0;
  /** documentCase bits: 1 capitalised mid-sentence in prose, 2 seen in lower case. */
  caseBits = 0;
  /** Prediction history: how often tagged with each type so far, and the last multi-word position (-1 none). */
  n0 = 0;
  n1 = 0;
  n2 = 0;
  n3 = 0;
  part = -1;
}

/** Restriction flags of a word (labelRestrictions). */
const R_PUNCT = 1;
const R_LOWER_OUT = 2;
const R_BREAKER = 4;

/**
 * A distinct token form with everything the tagger derives from the form alone (a class, so
 * that every word has one shape with its fields in the object itself).
 */
export class RunWord implements TokenInfo {
  /** The same word as the first word of a sentence (first: true), made on demand. */
  atStart: RunWord | null = null;

  constructor(
    readonly form: string,
    readonly lower: string,
    readonly caps: Caps,
    readonly shape: string,
    readonly hLower: number,
    readonly hForm: number,
    readonly hShape: number,
    readonly entry: WordEntry | undefined,
    readonly first: boolean,
    readonly vec: Float32Array,
    readonly lw: LowerWord,
    readonly gaz1: number,
    readonly nonWord: boolean,
    readonly flags: number,
    readonly capitalised: boolean,
    readonly bucket: number,
  ) {}

  static of(info: TokenInfo, vec: Float32Array, lw: LowerWord, gaz1: number, flags: number): RunWord {
    return new RunWord(
      info.form,
      info.lower,
      info.caps,
      info.shape,
      info.hLower,
      info.hForm,
      info.hShape,
      info.entry,
      info.first,
      vec,
      lw,
      gaz1,
      NON_WORD.test(info.form),
      flags,
      isCapitalised(info.caps),
      caseBucket(info.entry),
    );
  }

  /** The same word, first in its sentence. */
  startVariant(): RunWord {
    if (this.atStart === null) {
      const w = new RunWord(
        this.form,
        this.lower,
        this.caps,
        this.shape,
        this.hLower,
        this.hForm,
        this.hShape,
        this.entry,
        true,
        this.vec,
        this.lw,
        this.gaz1,
        this.nonWord,
        this.flags,
        this.capitalised,
        this.bucket,
      );
      w.atStart = w;
      this.atStart = w;
    }
    return this.atStart;
  }
}

export interface RunWordLists {
  linkers: ReadonlySet<string>;
  breakers: ReadonlySet<string>;
}

/** The cache of run-time words (bounded: cleared when it reaches `maxWords`). */
export class RunWords {
  private readonly words = new Map<string, RunWord>();
  private readonly lowers = new Map<string, LowerWord>();

  constructor(
    private readonly vectors: WordVectors,
    private readonly features: FeatureResources,
    private readonly lists: RunWordLists,
    private readonly maxWords = 200_000,
  ) {}

  get size(): number {
    return this.words.size;
  }

  word(form: string): RunWord {
    const w = this.words.get(form);
    if (w !== undefined) return w;
    if (this.words.size >= this.maxWords) {
      this.words.clear();
      this.lowers.clear();
    }
    const info = tokenInfo(form, this.features.lexicon);
    let lw = this.lowers.get(info.lower);
    if (lw === undefined) {
      lw = new LowerWord();
      this.lowers.set(info.lower, lw);
    }
    let flags = 0;
    if (info.caps === Caps.None && PUNCTUATION_OUTSIDE.test(info.lower)) flags |= R_PUNCT;
    const bucket = caseBucket(info.entry);
    if (info.caps === Caps.Lower && !this.lists.linkers.has(info.lower) && (bucket === 1 || bucket === 2))
      flags |= R_LOWER_OUT;
    if (this.lists.breakers.has(info.lower)) flags |= R_BREAKER;
    const run = RunWord.of(info, this.vectors.compute(info), lw, probe(this.features.gazetteer, info.hLower), flags);
    this.words.set(form, run);
    return run;
  }
}

let documentStamp = 0;

/** Reusable per-call buffers (the tagger is synchronous: one document at a time). */
let historyBuf = new Int16Array(256);
let restrictBuf = new Uint8Array(64);
let gmaskBuf = new Uint16Array(64);

export interface RunTagged {
  tokens: RunWord[][];
  tagged: TaggedSentence[];
}

/**
 * Tag the sentences of one document (token forms), in order; identical labels and emission
 * scores to tagDocument(documentContext(...)) with the per-word caches.
 */
export function tagRun(
  sentences: readonly (readonly string[])[],
  words: RunWords,
  vectors: WordVectors,
  model: NerModel,
  gazetteer: Gazetteer,
): RunTagged {
  const S = sentences.length;
  const tokens: RunWord[][] = new Array(S);
  const modes = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    const forms = sentences[s];
    const n = forms.length;
    const toks: RunWord[] = new Array(n);
    let first = true;
    for (let i = 0; i < n; i++) {
      const w = words.word(forms[i]);
      if (first) {
        toks[i] = w.startVariant();
        if (!w.nonWord) first = false;
      } else toks[i] = w;
    }
    tokens[s] = toks;
    modes[s] = sentenceMode(toks);
  }
  // the document's case memory and a fresh prediction history on every word it contains
  const stamp = ++documentStamp;
  for (let s = 0; s < S; s++) {
    const toks = tokens[s];
    const prose = modes[s] === SentenceMode.Normal;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const lw = t.lw;
      if (lw.stamp !== stamp) {
        lw.stamp = stamp;
        lw.caseBits = 0;
        lw.n0 = lw.n1 = lw.n2 = lw.n3 = 0;
        lw.part = -1;
      }
      if (t.caps === Caps.Lower) lw.caseBits |= 2;
      else if (prose && !t.first && t.capitalised) lw.caseBits |= 1;
    }
  }
  const K = N_LABELS;
  const tagged: TaggedSentence[] = new Array(S);
  for (let s = 0; s < S; s++) {
    const toks = tokens[s];
    const n = toks.length;
    const mode = modes[s] as SentenceMode;
    if (gmaskBuf.length < n) gmaskBuf = new Uint16Array(2 * n);
    const gmask = gmaskBuf.subarray(0, n);
    gmask.fill(0);
    const gaz = matchGazetteer(gazetteer, toks, gmask);
    if (restrictBuf.length < n) restrictBuf = new Uint8Array(2 * n);
    const restrict = restrictBuf.subarray(0, n);
    restrictions(toks, mode, restrict);
    const emit = new Float64Array(n * K);
    vectors.runEmissions(toks, mode, gaz, gmask, restrict, model, emit);
    applyRestrictions(restrict, emit);
    addHistory(toks, restrict, vectors, emit);
    const labels = new Int8Array(n);
    viterbi(n, emit, model.trans, model.end, labels);
    tagged[s] = { labels, emit };
    // record the sentence's entities in the history
    for (let i = 0; i < n; i++) {
      const lab = labels[i];
      if (lab === 0) continue;
      const t = toks[i];
      if (!t.capitalised && t.caps !== Caps.Mixed) continue;
      const type = typeOfLabel(lab);
      const bilu = (lab - 1) & 3;
      const lw = t.lw;
      if (type === 0) lw.n0++;
      else if (type === 1) lw.n1++;
      else if (type === 2) lw.n2++;
      else lw.n3++;
      if (bilu !== 3) lw.part = type * 4 + bilu;
    }
  }
  return { tokens, tagged };
}

/** Majority type so far (first on ties), -1 if never tagged. */
function majority(lw: LowerWord): number {
  let best = -1;
  let bestN = 0;
  if (lw.n0 > bestN) {
    bestN = lw.n0;
    best = 0;
  }
  if (lw.n1 > bestN) {
    bestN = lw.n1;
    best = 1;
  }
  if (lw.n2 > bestN) {
    bestN = lw.n2;
    best = 2;
  }
  if (lw.n3 > bestN) best = 3;
  return best;
}

/** The history values of PredictionHistory.values, added through the dense history tables. */
function addHistory(toks: readonly RunWord[], restrict: Uint8Array, vectors: WordVectors, emit: Float64Array): void {
  const n = toks.length;
  if (historyBuf.length < 4 * n) historyBuf = new Int16Array(8 * n);
  const out = historyBuf;
  let prevMaj = -1;
  let maj = n > 0 ? majority(toks[0].lw) : -1;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    const nextMaj = i + 1 < n ? majority(toks[i + 1].lw) : -1;
    const capBit = t.capitalised ? 1 : 0;
    if (restrict[i] === OUTSIDE) {
      // only O is possible here: the history would add one constant to every path
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = out[i * 4 + 3] = -1;
      prevMaj = maj;
      maj = nextMaj;
      continue;
    }
    out[i * 4] = ((maj + 1) << 1) | capBit;
    out[i * 4 + 1] = t.lw.part >= 0 ? (t.lw.part << 1) | capBit : -1;
    out[i * 4 + 2] = i + 1 < n ? ((nextMaj + 1) << 1) | capBit : -1;
    out[i * 4 + 3] = i > 0 ? ((prevMaj + 1) << 1) | capBit : -1;
    prevMaj = maj;
    maj = nextMaj;
  }
  vectors.history.add(out, n, emit);
}

/** labelRestrictions over the cached word flags. */
function restrictions(toks: readonly RunWord[], mode: SentenceMode, out: Uint8Array): void {
  out.fill(0);
  let capitals = false;
  for (let i = 0; i < toks.length && !capitals; i++) if (toks[i].capitalised) capitals = true;
  if (!capitals) return;
  const headline = mode !== SentenceMode.Normal;
  const nameish = (k: number) => k >= 0 && k < toks.length && (toks[k].capitalised || toks[k].caps === Caps.None);
  for (let i = 1; i < toks.length; i++) {
    const f = toks[i].flags;
    if (f === 0) continue;
    if (f & R_PUNCT) {
      if (!(nameish(i - 1) && nameish(i + 1))) out[i] = OUTSIDE;
    } else if (f & R_LOWER_OUT) out[i] = OUTSIDE;
    else if (headline && f & R_BREAKER && toks[i].caps !== Caps.Lower) out[i] = NO_CONTINUE;
  }
}

export { MODEL_TYPES };
