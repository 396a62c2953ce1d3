// Step 4: the sequence model. BILOU labels over four coarse types, a linear score per token
// (sum of the weight rows of its feature keys) plus label-transition scores, decoded with
// Viterbi under the BILOU constraints. Weights live in typed arrays; feature keys are found
// in an open-addressing table. The file format is a gzip of a small header, the keys and
// 16-bit quantised weights.
import { gunzipSync, gzipSync } from 'node:zlib';

/** Coarse types the model predicts (CoNLL-2003); fine types are assigned afterwards. */
export const MODEL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
/** 0 = O; 1 + type * 4 + (0 B, 1 I, 2 L, 3 U). */
export const N_LABELS = 1 + MODEL_TYPES.length * 4;
export const B = 0;
export const I = 1;
export const L = 2;
export const U = 3;

export const labelOf = (type: number, bilu: number): number => 1 + type * 4 + bilu;
export const typeOfLabel = (label: number): number => (label === 0 ? -1 : (label - 1) >> 2);
export const biluOfLabel = (label: number): number => (label === 0 ? -1 : (label - 1) & 3);

export function labelName(label: number): string {
  if (label === 0) return 'O';
  return `${'BILU'[biluOfLabel(label)]}-${MODEL_TYPES[typeOfLabel(label)]}`;
}

/** Whether `cur` may follow `prev` (prev = -1: sentence start). */
export function allowed(prev: number, cur: number): boolean {
  const pb = prev < 0 ? -1 : biluOfLabel(prev);
  const cb = biluOfLabel(cur);
  const inside = pb === B || pb === I;
  if (!inside) return cur === 0 || cb === B || cb === U;
  return (cb === I || cb === L) && typeOfLabel(prev) === typeOfLabel(cur);
}
/** Whether a sentence may end with `label`. */
export const allowedEnd = (label: number): boolean => {
  const b = biluOfLabel(label);
  return b !== B && b !== I;
};

/** Transition scores: rows 0..N-1 previous label, row N the sentence start; column = label. */
export const TRANS_SIZE = (N_LABELS + 1) * N_LABELS;

let scoreBuf = new Float64Array(64 * N_LABELS);
let backBuf = new Int8Array(64 * N_LABELS);

/**
 * Best label sequence for `n` tokens given emission scores (n x N_LABELS) and transition scores
 * (TRANS_SIZE, then N_LABELS end scores). `scratch` buffers are reused between calls.
 */
export function viterbi(
  n: number,
  emit: ArrayLike<number>,
  trans: ArrayLike<number>,
  end: ArrayLike<number>,
  out: Int8Array,
): void {
  if (n === 0) return;
  const K = N_LABELS;
  // scratch reused between calls (every cell read is written first); very long sentences get their own
  if (scoreBuf.length < n * K && n <= 4096) {
    scoreBuf = new Float64Array(2 * n * K);
    backBuf = new Int8Array(2 * n * K);
  }
  const own = scoreBuf.length < n * K;
  const score = own ? new Float64Array(n * K) : scoreBuf;
  const back = own ? new Int8Array(n * K) : backBuf;
  for (let c = 0; c < K; c++) score[c] = allowed(-1, c) ? emit[c] + trans[K * K + c] : Number.NEGATIVE_INFINITY;
  let prevOnlyO = false;
  for (let i = 1; i < n; i++) {
    const base = i * K;
    const prevBase = base - K;
    // a token that can only be O (see labelRestrictions): one column to fill
    let onlyO = true;
    for (let c = 1; c < K && onlyO; c++) if (emit[base + c] !== Number.NEGATIVE_INFINITY) onlyO = false;
    if (onlyO) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let j = PREV_START[0]; j < PREV_START[1]; j++) {
        const p = PREV[j];
        const v = score[prevBase + p] + trans[p * K];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      for (let c = 1; c < K; c++) score[base + c] = Number.NEGATIVE_INFINITY;
      score[base] = best + emit[base];
      back[base] = arg;
      prevOnlyO = true;
      continue;
    }
    if (prevOnlyO) {
      // after an O-only token every path comes from its O
      const from = score[prevBase];
      for (let c = 0; c < K; c++) {
        score[base + c] = FROM_O[c] ? from + trans[c] + emit[base + c] : Number.NEGATIVE_INFINITY;
        back[base + c] = 0;
      }
      prevOnlyO = false;
      continue;
    }
    for (let c = 0; c < K; c++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let j = PREV_START[c]; j < PREV_START[c + 1]; j++) {
        const p = PREV[j];
        const v = score[prevBase + p] + trans[p * K + c];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[base + c] = best + emit[base + c];
      back[base + c] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const last = (n - 1) * K;
  for (let c = 0; c < K; c++) {
    if (!allowedEnd(c)) continue;
    const v = score[last + c] + end[c];
    if (v > best) {
      best = v;
      arg = c;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * K + out[i]];
}

/** The BILOU constraints as adjacency lists: allowed previous labels of each label, allowed next labels of each. */
function adjacency(prevOf: boolean): { start: Int32Array; list: Int8Array } {
  const start = new Int32Array(N_LABELS + 1);
  const list: number[] = [];
  for (let a = 0; a < N_LABELS; a++) {
    start[a] = list.length;
    for (let b = 0; b < N_LABELS; b++) if (prevOf ? allowed(b, a) : allowed(a, b)) list.push(b);
  }
  start[N_LABELS] = list.length;
  return { start, list: Int8Array.from(list) };
}
const { start: PREV_START, list: PREV } = adjacency(true);
/** Labels that may follow O. */
const FROM_O = Uint8Array.from({ length: N_LABELS }, (_, c) => (allowed(0, c) ? 1 : 0));
const { start: NEXT_START, list: NEXT } = adjacency(false);

export { NEXT, NEXT_START, PREV, PREV_START };

export interface ModelMeta {
  format: 'eventwire-ner';
  version: 1;
  types: readonly string[];
  rows: number;
  /** Weight = int16 * scale. */
  scale: number;
  /** Free-form provenance (training data, epochs, dev score). */
  info: Record<string, unknown>;
}

/** A trained model, read-only, ready to score. */
export class NerModel {
  private readonly mask: number;

  constructor(
    readonly meta: ModelMeta,
    /** Open-addressing table of (key, row) pairs, key 0 = empty: one cache line per probe. */
    private readonly slots: Uint32Array,
    /** rows x N_LABELS. */
    readonly weights: Float32Array,
    readonly trans: Float32Array,
    readonly end: Float32Array,
  ) {
    this.mask = (slots.length >> 1) - 1;
  }

  /** Row of a feature key, -1 when the model has no weights for it. */
  row(key: number): number {
    const k = key === 0 ? 1 : key;
    let s = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.slots[2 * s];
      if (v === k) return this.slots[2 * s + 1];
      if (v === 0) return -1;
      s = (s + 1) & this.mask;
    }
  }

  /** Add the weights of `keys[from..to)` to `emit[at..at+N_LABELS)`. */
  addKeys(keys: ArrayLike<number>, from: number, to: number, emit: Float64Array, at: number): void {
    const w = this.weights;
    for (let k = from; k < to; k++) {
      const r = this.row(keys[k]);
      if (r < 0) continue;
      const base = r * N_LABELS;
      for (let c = 0; c < N_LABELS; c++) emit[at + c] += w[base + c];
    }
  }

  static fromRows(
    meta: Omit<ModelMeta, 'rows'>,
    keys: Uint32Array,
    weights: Float32Array,
    trans: Float32Array,
    end: Float32Array,
  ): NerModel {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    const slots = new Uint32Array(2 * cap);
    const mask = cap - 1;
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r] === 0 ? 1 : keys[r];
      let s = (Math.imul(k, 0x9e3779b1) >>> 0) & mask;
      while (slots[2 * s] !== 0 && slots[2 * s] !== k) s = (s + 1) & mask;
      slots[2 * s] = k;
      slots[2 * s + 1] = r;
    }
    return new NerModel({ ...meta, rows: keys.length }, slots, weights, trans, end);
  }
}

const MAGIC = 'EWNER1\n';

/** Serialise rows (keys + float weights) into the committed file format. */
export function encodeModel(
  meta: Omit<ModelMeta, 'rows' | 'scale'>,
  keys: Uint32Array,
  weights: Float32Array,
  trans: Float32Array,
  end: Float32Array,
): Buffer {
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] / scale);
  const head = Buffer.from(`${MAGIC}${JSON.stringify({ ...meta, rows: keys.length, scale })}\n`, 'utf8');
  const body = Buffer.concat([
    head,
    Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength),
    Buffer.from(q.buffer, q.byteOffset, q.byteLength),
    Buffer.from(trans.buffer, trans.byteOffset, trans.byteLength),
    Buffer.from(end.buffer, end.byteOffset, end.byteLength),
  ]);
  return gzipSync(body, { level: 9 });
}

export function decodeModel(file: Uint8Array): NerModel {
  const buf = gunzipSync(file);
  const nl = buf.indexOf(10, MAGIC.length);
  if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC || nl < 0)
    throw new Error('not an eventwire NER model file');
  const meta = JSON.parse(buf.subarray(MAGIC.length, nl).toString('utf8')) as ModelMeta;
  // copy into aligned buffers
  let at = nl + 1;
  const take = (bytes: number) => {
    const b = new Uint8Array(bytes);
    b.set(buf.subarray(at, at + bytes));
    at += bytes;
    return b.buffer;
  };
  const keys = new Uint32Array(take(meta.rows * 4));
  const q = new Int16Array(take(meta.rows * N_LABELS * 2));
  const trans = new Float32Array(take(TRANS_SIZE * 4));
  const end = new Float32Array(take(N_LABELS * 4));
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i] * meta.scale;
  return NerModel.fromRows(meta, keys, weights, trans, end);
}
