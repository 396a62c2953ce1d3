// Step 5: tag a document sentence by sentence, left to right, feeding the labels predicted so
// far back in as features (a name tagged once tends to keep its type), then decode the BILOU
// labels into token-range entities.
import { type DocumentFeatures, PredictionHistory } from './03-features.js';
import {
  allowed,
  allowedEnd,
  biluOfLabel,
  L,
  MODEL_TYPES,
  N_LABELS,
  TRANS_SIZE,
  typeOfLabel,
  U,
  viterbi,
} from './04-model.js';

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

/**
 * Perceptron scores are sharper than probabilities: they are divided by this before the
 * posteriors are computed (chosen so that confidences match precision on CoNLL-2003 dev).
 */
export const CONFIDENCE_TEMPERATURE = 16;

/**
 * Entities of a labelled sentence. Confidence: the smallest posterior probability of the
 * chosen label over the entity's tokens, by forward-backward over the same scores Viterbi
 * used (read as log-potentials of a linear-chain model).
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
  if (out.length === 0) return out;
  const t = 1 / temperature;
  const scale = (a: ArrayLike<number>) => Float64Array.from(a, (v) => v * t);
  const post = posteriors(labels.length, scale(emit), scale(scorer.trans), scale(scorer.end));
  for (const e of out) {
    let p = 1;
    for (let i = e.start; i < e.end; i++) p = Math.min(p, post[i * N_LABELS + labels[i]]);
    e.confidence = Math.round(p * 1000) / 1000;
  }
  return out;
}

function logSumExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Posterior probability of each label at each token (n x N_LABELS), BILOU constraints applied. */
export function posteriors(
  n: number,
  emit: Float64Array,
  trans: ArrayLike<number>,
  end: ArrayLike<number>,
): Float64Array {
  const K = N_LABELS;
  const NEG = Number.NEGATIVE_INFINITY;
  const alpha = new Float64Array(n * K).fill(NEG);
  const beta = new Float64Array(n * K).fill(NEG);
  for (let c = 0; c < K; c++) if (allowed(-1, c)) alpha[c] = emit[c] + trans[K * K + c];
  for (let i = 1; i < n; i++)
    for (let c = 0; c < K; c++) {
      let acc = NEG;
      for (let p = 0; p < K; p++) if (allowed(p, c)) acc = logSumExp(acc, alpha[(i - 1) * K + p] + trans[p * K + c]);
      alpha[i * K + c] = acc + emit[i * K + c];
    }
  for (let c = 0; c < K; c++) if (allowedEnd(c)) beta[(n - 1) * K + c] = end[c];
  for (let i = n - 2; i >= 0; i--)
    for (let p = 0; p < K; p++) {
      let acc = NEG;
      for (let c = 0; c < K; c++)
        if (allowed(p, c)) acc = logSumExp(acc, trans[p * K + c] + emit[(i + 1) * K + c] + beta[(i + 1) * K + c]);
      beta[i * K + p] = acc;
    }
  let z = NEG;
  for (let c = 0; c < K; c++) z = logSumExp(z, alpha[(n - 1) * K + c] + beta[(n - 1) * K + c]);
  const post = new Float64Array(n * K);
  for (let i = 0; i < n * K; i++) post[i] = Math.exp(alpha[i] + beta[i] - z);
  return post;
}
