// Step 5: tag a document sentence by sentence, left to right, feeding the labels predicted so
// far back in as features (a name tagged once tends to keep its type), then decode the BILOU
// labels into token-range entities.
import { Caps, caseBucket, isCapitalised } from './01-words.js';
import {
  type DocumentFeatures,
  type HistoryTables,
  PredictionHistory,
  SentenceMode,
  type TokenInfo,
} from './03-features.js';
import { biluOfLabel, L, MODEL_TYPES, N_LABELS, TRANS_SIZE, typeOfLabel, U, viterbi } from './04-model.js';

/** Anything that can score feature keys: the trained model, or the weights being trained. */
export interface Scorer {
  addKeys(keys: ArrayLike<number>, from: number, to: number, emit: Float64Array, at: number): void;
  readonly trans: ArrayLike<number>;
  readonly end: ArrayLike<number>;
}

export interface TaggedSentence {
  labels: Int8Array;
  /** Emission scores, n x N_LABELS (for confidences). */
  emit: Float64Array;
}

/** Split labels into entity type and BILU position arrays (-1 for O). */
export function splitLabels(labels: Int8Array): { types: Int8Array; bilu: Int8Array } {
  const types = new Int8Array(labels.length);
  const bilu = new Int8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    types[i] = typeOfLabel(labels[i]);
    bilu[i] = biluOfLabel(labels[i]);
  }
  return { types, bilu };
}

/** Label restrictions of a token (see labelRestrictions). */
export const FREE = 0;
/** Only O: a word usually written in lower case, not a name linker, in a sentence with capitals. */
export const OUTSIDE = 1;
/** Cannot continue a name (no I or L): a capitalised preposition or verb in a headline. */
export const NO_CONTINUE = 2;

/**
 * In a sentence with capitals, a word usually written in lower case can only be outside names
 * unless it is a name linker ("of", "de", "'s"), so "Kim said Pyongyang" cannot come out as
 * one person; so can punctuation other than - & ' . / unless it sits between capitalised words
 * or numbers (on CoNLL-2003 dev neither changes a tag otherwise, and such tokens need no
 * scoring at all). In Title Case and ALL CAPS lines the closed list `breakers` (prepositions,
 * verbs: "Envoy Of The North In The Capital") keeps capitalised words from continuing a name.
 * (Treating every capitalised common word there that way cost 0.8 F1 on CoNLL-2003 dev, whose
 * sports tables are full of names like "Manchester United".)
 */
export function labelRestrictions(
  toks: readonly TokenInfo[],
  mode: SentenceMode,
  linkers: ReadonlySet<string>,
  breakers: ReadonlySet<string>,
): Uint8Array {
  const out = new Uint8Array(toks.length);
  let capitals = false;
  for (const t of toks) if (isCapitalised(t.caps)) capitals = true;
  if (!capitals) return out;
  const headline = mode !== SentenceMode.Normal;
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i];
    if (t.caps === Caps.None && PUNCTUATION_OUTSIDE.test(t.lower)) {
      // "Sporting ( Lisbon )": punctuation between name words may belong to the name
      const nameish = (k: number) =>
        k >= 0 && k < toks.length && (isCapitalised(toks[k].caps) || toks[k].caps === Caps.None);
      if (!(nameish(i - 1) && nameish(i + 1))) out[i] = OUTSIDE;
    } else if (t.caps === Caps.Lower) {
      if (linkers.has(t.lower)) continue;
      const bucket = caseBucket(t.entry);
      if (bucket === 1 || bucket === 2) out[i] = OUTSIDE;
    } else if (headline && breakers.has(t.lower)) out[i] = NO_CONTINUE;
  }
  return out;
}

/** Punctuation that is never part of a name (hyphens, ampersands, apostrophes, periods and slashes can be). */
export const PUNCTUATION_OUTSIDE = /^[^\p{L}\p{N}\-&'./]+$/u;

/** Rule out the labels a token's restriction forbids, in place. */
export function applyRestrictions(restrict: Uint8Array, emit: Float64Array): void {
  for (let i = 0; i < restrict.length; i++) {
    if (restrict[i] === FREE) continue;
    const at = i * N_LABELS;
    for (let type = 0; type < MODEL_TYPES.length; type++) {
      emit[at + 1 + type * 4 + 1] = Number.NEGATIVE_INFINITY; // I
      emit[at + 1 + type * 4 + L] = Number.NEGATIVE_INFINITY;
      if (restrict[i] === OUTSIDE) {
        emit[at + 1 + type * 4] = Number.NEGATIVE_INFINITY; // B
        emit[at + 1 + type * 4 + U] = Number.NEGATIVE_INFINITY;
      }
    }
  }
}

/** Static emission scores of the sentence's tokens from its precomputed keys (training path). */
export function keyEmissions(feats: DocumentFeatures, s: number, scorer: Scorer): Float64Array {
  const n = feats.tokens[s].length;
  const emit = new Float64Array(n * N_LABELS);
  const keys = feats.keys[s];
  const off = feats.offsets[s];
  for (let i = 0; i < n; i++) scorer.addKeys(keys, off[i], off[i + 1], emit, i * N_LABELS);
  return emit;
}

/**
 * Tag a document sentence by sentence: static emissions plus the history keys, then Viterbi.
 * `onSentence` (training) may inspect or replace the labels before they enter the history.
 */
export function tagDocument(
  tokens: readonly (readonly TokenInfo[])[],
  staticEmissions: (s: number) => Float64Array,
  scorer: Scorer,
  onSentence?: (s: number, tagged: TaggedSentence, dynamicKeys: number[][]) => Int8Array | undefined,
  historyTables?: HistoryTables,
): TaggedSentence[] {
  if (scorer.trans.length !== TRANS_SIZE) throw new Error('transition table has the wrong size');
  const history = new PredictionHistory(MODEL_TYPES.length);
  const out: TaggedSentence[] = [];
  const dyn: number[] = [];
  for (let s = 0; s < tokens.length; s++) {
    const toks = tokens[s];
    const n = toks.length;
    const emit = staticEmissions(s);
    const dynamicKeys: number[][] = [];
    const values = history.values(toks);
    if (historyTables && !onSentence) historyTables.add(values, n, emit);
    else
      for (let i = 0; i < n; i++) {
        dyn.length = 0;
        PredictionHistory.keys(values, i, dyn);
        scorer.addKeys(dyn, 0, dyn.length, emit, i * N_LABELS);
        if (onSentence) dynamicKeys.push(dyn.slice());
      }
    const labels = new Int8Array(n);
    viterbi(n, emit, scorer.trans, scorer.end, labels);
    const tagged = { labels, emit };
    const recorded = onSentence?.(s, tagged, dynamicKeys) ?? labels;
    const { types, bilu } = splitLabels(recorded);
    history.record(toks, types, bilu);
    out.push(tagged);
  }
  return out;
}

export interface TokenSpanEntity {
  start: number;
  end: number;
  /** Index into MODEL_TYPES. */
  type: number;
  confidence: number;
}

/**
 * Perceptron scores are sharper than probabilities: they are divided by this before the
 * softmax (chosen so that confidences match precision on CoNLL-2003 dev).
 */
export const CONFIDENCE_TEMPERATURE = 16;

/**
 * Entities of a labelled sentence. Confidence: a softmax, over the entity's span, between the
 * chosen type, the other types and no entity (each scored with the span's emissions and the
 * transitions in, through and out of it, the neighbouring labels held fixed).
 */
export function decodeEntities(
  tagged: TaggedSentence,
  scorer: Pick<Scorer, 'trans' | 'end'>,
  temperature = CONFIDENCE_TEMPERATURE,
): TokenSpanEntity[] {
  const { labels, emit } = tagged;
  const out: TokenSpanEntity[] = [];
  let start = -1;
  for (let i = 0; i < labels.length; i++) {
    const lab = labels[i];
    if (lab === 0) {
      start = -1;
      continue;
    }
    const b = biluOfLabel(lab);
    if (b === U) out.push({ start: i, end: i + 1, type: typeOfLabel(lab), confidence: 0 });
    else if (b === 0) start = i;
    else if (b === L && start >= 0) {
      out.push({ start, end: i + 1, type: typeOfLabel(lab), confidence: 0 });
      start = -1;
    }
  }
  const K = N_LABELS;
  const { trans, end } = scorer;
  const n = labels.length;
  const scores = new Float64Array(MODEL_TYPES.length + 1);
  for (const e of out) {
    const before = e.start > 0 ? labels[e.start - 1] : K;
    const after = e.end < n ? labels[e.end] : -1;
    // index MODEL_TYPES.length: no entity (all O)
    for (let u = 0; u <= MODEL_TYPES.length; u++) {
      let sc = 0;
      let prev = before;
      for (let i = e.start; i < e.end; i++) {
        const lab =
          u === MODEL_TYPES.length
            ? 0
            : 1 + u * 4 + (e.end - e.start === 1 ? U : i === e.start ? 0 : i === e.end - 1 ? L : 1);
        sc += emit[i * K + lab] + trans[prev * K + lab];
        prev = lab;
      }
      sc += after >= 0 ? trans[prev * K + after] : end[prev];
      scores[u] = sc / temperature;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (const v of scores) max = Math.max(max, v);
    let z = 0;
    for (const v of scores) z += Math.exp(v - max);
    e.confidence = Math.round((1000 * Math.exp(scores[e.type] - max)) / z) / 1000;
  }
  return out;
}
