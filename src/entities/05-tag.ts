// Step 5: tag a document sentence by sentence, left to right, feeding the labels predicted so
// far back in as features (a name tagged once tends to keep its type), then decode the BILOU
// labels into token-range entities.
import { type DocumentFeatures, PredictionHistory } from './03-features.js';
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

/**
 * Tag one sentence: emissions from its static keys plus the history keys, then Viterbi.
 * `onSentence` (training) may inspect or replace the labels before they enter the history.
 */
export function tagDocument(
  feats: DocumentFeatures,
  scorer: Scorer,
  onSentence?: (s: number, tagged: TaggedSentence, dynamicKeys: number[][]) => Int8Array | undefined,
): TaggedSentence[] {
  if (scorer.trans.length !== TRANS_SIZE) throw new Error('transition table has the wrong size');
  const history = new PredictionHistory(MODEL_TYPES.length);
  const out: TaggedSentence[] = [];
  const dyn: number[] = [];
  for (let s = 0; s < feats.tokens.length; s++) {
    const toks = feats.tokens[s];
    const n = toks.length;
    const emit = new Float64Array(n * N_LABELS);
    const keys = feats.keys[s];
    const off = feats.offsets[s];
    const dynamicKeys: number[][] = onSentence ? [] : [];
    for (let i = 0; i < n; i++) {
      scorer.addKeys(keys, off[i], off[i + 1], emit, i * N_LABELS);
      dyn.length = 0;
      history.features(toks, i, dyn);
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

/** Entities of a labelled sentence, with a confidence from the emission margin of their tokens. */
export function decodeEntities(tagged: TaggedSentence): TokenSpanEntity[] {
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
    if (b === U) out.push(entity(i, i + 1, typeOfLabel(lab), emit, labels));
    else if (b === 0) start = i;
    else if (b === L && start >= 0) {
      out.push(entity(start, i + 1, typeOfLabel(lab), emit, labels));
      start = -1;
    }
  }
  return out;
}

function entity(start: number, end: number, type: number, emit: Float64Array, labels: Int8Array): TokenSpanEntity {
  let margin = Number.POSITIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const base = i * N_LABELS;
    const chosen = emit[base + labels[i]];
    let other = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < N_LABELS; c++) if (c !== labels[i] && emit[base + c] > other) other = emit[base + c];
    margin = Math.min(margin, chosen - other);
  }
  // a logistic squash of the weakest token's margin (perceptron scores are not probabilities)
  const confidence = 1 / (1 + Math.exp(-margin / 2));
  return { start, end, type, confidence: Math.round(confidence * 1000) / 1000 };
}
