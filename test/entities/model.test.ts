import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowed,
  allowedEnd,
  decodeModel,
  encodeModel,
  labelName,
  labelOf,
  MODEL_TYPES,
  N_LABELS,
  TRANS_SIZE,
  viterbi,
} from '../../src/entities/04-model.js';

function valid(labels: Int8Array): boolean {
  let prev = -1;
  for (const l of labels) {
    if (!allowed(prev, l)) return false;
    prev = l;
  }
  return labels.length === 0 || allowedEnd(labels[labels.length - 1]);
}

describe('BILOU model', () => {
  it('names labels', () => {
    expect(N_LABELS).toBe(17);
    expect(labelName(0)).toBe('O');
    expect(labelName(labelOf(0, 3))).toBe('U-PER');
    expect(labelName(labelOf(2, 0))).toBe('B-LOC');
  });
  it('Viterbi always returns a well-formed BILOU sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 12 * N_LABELS, maxLength: 12 * N_LABELS }),
        (n, scores) => {
          const out = new Int8Array(n);
          viterbi(n, Float64Array.from(scores), new Float32Array(TRANS_SIZE), new Float32Array(N_LABELS), out);
          return valid(out);
        },
      ),
    );
  });
  it('keeps tokens restricted to O outside names and still decodes the best sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 10 * N_LABELS, maxLength: 10 * N_LABELS }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        (n, scores, onlyO) => {
          const emit = Float64Array.from(scores);
          for (let i = 1; i < n; i++)
            if (onlyO[i]) for (let c = 1; c < N_LABELS; c++) emit[i * N_LABELS + c] = Number.NEGATIVE_INFINITY;
          const out = new Int8Array(n);
          viterbi(n, emit, new Float32Array(TRANS_SIZE), new Float32Array(N_LABELS), out);
          // exhaustive check on short inputs: no valid sequence scores higher
          const best = (i: number, prev: number): number => {
            if (i === n) return allowedEnd(prev) ? 0 : Number.NEGATIVE_INFINITY;
            let m = Number.NEGATIVE_INFINITY;
            for (let c = 0; c < N_LABELS; c++)
              if (allowed(i === 0 ? -1 : prev, c) && emit[i * N_LABELS + c] > Number.NEGATIVE_INFINITY)
                m = Math.max(m, emit[i * N_LABELS + c] + best(i + 1, c));
            return m;
          };
          let got = 0;
          for (let i = 0; i < n; i++) got += emit[i * N_LABELS + out[i]];
          const ok = valid(out) && out.every((l, i) => i === 0 || !onlyO[i] || l === 0);
          return ok && (n > 4 || Math.abs(got - best(0, -1)) < 1e-6);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('follows the emissions when they agree with the constraints', () => {
    const n = 3;
    const emit = new Float64Array(n * N_LABELS);
    emit[labelOf(0, 0)] = 5; // B-PER
    emit[N_LABELS + labelOf(0, 1)] = 5; // I-PER
    emit[2 * N_LABELS + labelOf(0, 2)] = 5; // L-PER
    const out = new Int8Array(n);
    viterbi(n, emit, new Float32Array(TRANS_SIZE), new Float32Array(N_LABELS), out);
    expect([...out].map(labelName)).toEqual(['B-PER', 'I-PER', 'L-PER']);
  });
  it('round-trips weights through the file format (16-bit quantisation)', () => {
    const keys = Uint32Array.from([7, 123456789, 4000000000]);
    const weights = Float32Array.from({ length: 3 * N_LABELS }, (_, i) => Math.sin(i) * 3);
    const trans = Float32Array.from({ length: TRANS_SIZE }, (_, i) => Math.cos(i));
    const end = new Float32Array(N_LABELS).fill(0.5);
    const file = encodeModel(
      { format: 'eventwire-ner', version: 1, types: MODEL_TYPES, info: {} },
      keys,
      weights,
      trans,
      end,
    );
    const m = decodeModel(file);
    expect(m.meta.rows).toBe(3);
    expect(m.row(123456789)).toBe(1);
    expect(m.row(99)).toBe(-1);
    for (let i = 0; i < weights.length; i++) expect(m.weights[i]).toBeCloseTo(weights[i], 3);
    expect(() => decodeModel(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
