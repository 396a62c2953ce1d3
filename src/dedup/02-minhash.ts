// Step 2: MinHash signatures. Each of K hash functions (a multiply-add with odd random
// multipliers followed by a murmur3-style finalizer) keeps its least value over the shingles;
// the share of equal positions in two signatures estimates the Jaccard similarity of their
// shingle sets (Broder 1997).
import { shingleHashes, wordHashes } from './01-normalize.js';

export interface MinHashParams {
  /** Words per shingle. */
  shingle: number;
  /** Hash functions (signature length). */
  k: number;
}

export const DEFAULT_MINHASH: MinHashParams = { shingle: 4, k: 128 };

/** Deterministic coefficients of the hash functions (splitmix32 from a fixed seed). */
function coefficients(k: number): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(k);
  const b = new Uint32Array(k);
  let s = 0x2545f491;
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = 0; i < k; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

const COEFFS = new Map<number, { a: Uint32Array; b: Uint32Array }>();

/** The MinHash signature of a set of shingle hashes (all 0xffffffff for an empty set). */
export function minhashOf(shingles: Uint32Array, k: number): Uint32Array {
  let c = COEFFS.get(k);
  if (!c) {
    c = coefficients(k);
    COEFFS.set(k, c);
  }
  const { a, b } = c;
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (let j = 0; j < shingles.length; j++) {
    const x = shingles[j];
    for (let i = 0; i < k; i++) {
      let h = (Math.imul(x, a[i]) + b[i]) | 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      const u = h >>> 0;
      if (u < sig[i]) sig[i] = u;
    }
  }
  return sig;
}

export interface TextSignature {
  sig: Uint32Array;
  /** Distinct shingles (to turn a Jaccard estimate into overlap and containment). */
  size: number;
}

/** The signature of a text, or null when it has no words. */
export function textSignature(text: string, params: MinHashParams = DEFAULT_MINHASH): TextSignature | null {
  const words = wordHashes(text);
  if (words.length === 0) return null;
  const shingles = shingleHashes(words, params.shingle);
  return { sig: minhashOf(shingles, params.k), size: new Set(shingles).size };
}

/**
 * Estimated share of the smaller shingle set inside the larger one, from the Jaccard estimate
 * and the set sizes (|A∩B| = J (|A| + |B|) / (1 + J)).
 */
export function estimatedContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const inter = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, inter / Math.max(1, Math.min(sizeA, sizeB)));
}

/** Estimated Jaccard similarity: the share of equal signature positions. */
export function estimatedJaccard(x: Uint32Array, y: Uint32Array): number {
  const n = Math.min(x.length, y.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (x[i] === y[i]) same++;
  return same / n;
}

/** The signature a document is grouped and threaded by: of its title and text. */
export function documentSignature(doc: { title?: string | null; text: string }): TextSignature | null {
  return textSignature(doc.title ? `${doc.title}\n${doc.text}` : doc.text);
}
