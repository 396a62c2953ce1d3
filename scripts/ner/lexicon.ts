// The NER word lexicon, derived from unlabelled text: for each frequent lower-cased word a
// distributional cluster path (hierarchical k-means over PPMI context vectors reduced by a
// seeded random projection: 16 / 256 / 2048 clusters, like Brown-cluster prefixes) and its case
// counts (how often written in lower case vs capitalised mid-sentence in ordinary prose).
import { Caps, capsOf } from '../../src/entities/01-words.js';
import { seededRandom as rng } from '../../src/random.js';

export { rng };

const NON_WORD = /^[^\p{L}\p{N}]+$/u;

export interface LexiconOptions {
  minCount: number;
  contexts: number;
  dims: number;
  seed: number;
}

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = { minCount: 3, contexts: 2000, dims: 96, seed: 20070906 };

/** Sentences of tokens; returns the lexicon file text (`word\tc1.c2.c3\tlower\tcap`). */
export function buildLexicon(sentences: Iterable<readonly string[]>, opts = DEFAULT_LEXICON_OPTIONS): string {
  const freq = new Map<string, number>();
  const lowerN = new Map<string, number>();
  const capN = new Map<string, number>();
  const corpus: string[][] = [];
  for (const s of sentences) {
    const lowers = s.map((w) => w.toLowerCase());
    corpus.push(lowers);
    let words = 0;
    let upper = 0;
    for (const w of s) {
      const c = capsOf(w);
      if (c === Caps.None) continue;
      words++;
      if (c === Caps.AllUpper) upper++;
    }
    const headline = words >= 2 && upper / words >= 0.6;
    let first = true;
    for (let i = 0; i < s.length; i++) {
      const l = lowers[i];
      freq.set(l, (freq.get(l) ?? 0) + 1);
      const c = capsOf(s[i]);
      if (c === Caps.Lower) lowerN.set(l, (lowerN.get(l) ?? 0) + 1);
      else if (!first && !headline && (c === Caps.Initial || c === Caps.AllUpper)) capN.set(l, (capN.get(l) ?? 0) + 1);
      if (!NON_WORD.test(s[i])) first = false;
    }
  }
  const byFreq = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFreq.filter(([, n]) => n >= opts.minCount).map(([w]) => w);
  const vIndex = new Map(vocab.map((w, i) => [w, i]));
  const ctxWords = byFreq.slice(0, opts.contexts).map(([w]) => w);
  const cIndex = new Map(ctxWords.map((w, i) => [w, i]));
  // context ids: left word, right word (top words, else a coarse shape class), both sides
  const shapeClass = (w: string | undefined): number => {
    if (w === undefined) return 0;
    if (/^\p{N}/u.test(w)) return 1;
    if (NON_WORD.test(w)) return 2;
    return 3;
  };
  const C = opts.contexts + 4;
  const ctxOf = (w: string | undefined): number => {
    const i = w === undefined ? undefined : cIndex.get(w);
    return i !== undefined ? 4 + i : shapeClass(w);
  };
  const counts: Map<number, number>[] = vocab.map(() => new Map());
  const ctxTotals = new Float64Array(2 * C);
  let total = 0;
  for (const s of corpus)
    for (let i = 0; i < s.length; i++) {
      const v = vIndex.get(s[i]);
      if (v === undefined) continue;
      const left = ctxOf(i > 0 ? s[i - 1] : undefined);
      const right = C + ctxOf(i + 1 < s.length ? s[i + 1] : undefined);
      for (const c of [left, right]) {
        counts[v].set(c, (counts[v].get(c) ?? 0) + 1);
        ctxTotals[c]++;
        total++;
      }
    }
  // PPMI context vectors, randomly projected to `dims` dimensions
  const rand = rng(opts.seed);
  const D = opts.dims;
  const proj = new Float32Array(2 * C * D);
  for (let i = 0; i < proj.length; i++) proj[i] = rand() < 0.5 ? -1 : 1;
  const vecs = new Float32Array(vocab.length * D);
  for (let v = 0; v < vocab.length; v++) {
    let wTotal = 0;
    for (const n of counts[v].values()) wTotal += n;
    const base = v * D;
    for (const [c, n] of counts[v]) {
      const pmi = Math.log((n * total) / (wTotal * ctxTotals[c]));
      if (pmi <= 0) continue;
      for (let d = 0; d < D; d++) vecs[base + d] += pmi * proj[c * D + d];
    }
    let norm = 0;
    for (let d = 0; d < D; d++) norm += vecs[base + d] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) vecs[base + d] /= norm;
  }
  // hierarchical k-means: 16, then 16 within each, then 8 within each
  const all = Array.from(vocab.keys());
  const path1 = new Int32Array(vocab.length);
  const path2 = new Int32Array(vocab.length);
  const path3 = new Int32Array(vocab.length);
  const level1 = kmeans(vecs, D, all, 16, rand);
  level1.forEach((members, a) => {
    for (const v of members) path1[v] = a;
    kmeans(vecs, D, members, 16, rand).forEach((m2, b) => {
      for (const v of m2) path2[v] = a * 16 + b;
      kmeans(vecs, D, m2, 8, rand).forEach((m3, c) => {
        for (const v of m3) path3[v] = (a * 16 + b) * 8 + c;
      });
    });
  });
  const lines = ['# word\tcluster path (16.256.2048)\tlower-case count\tcapitalised mid-sentence count'];
  const inVocab = new Set(vocab);
  const words = new Set([...vocab, ...[...capN.keys()].filter((w) => (capN.get(w) ?? 0) + (lowerN.get(w) ?? 0) >= 2)]);
  for (const w of [...words].sort()) {
    if (w.includes('\t') || w.includes('\n')) continue;
    const v = vIndex.get(w);
    const path = inVocab.has(w) && v !== undefined ? `${path1[v]}.${path2[v]}.${path3[v]}` : '-';
    lines.push(`${w}\t${path}\t${lowerN.get(w) ?? 0}\t${capN.get(w) ?? 0}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Spherical k-means over the rows `members` of `vecs`; returns the members of each cluster. */
function kmeans(vecs: Float32Array, D: number, members: number[], k: number, rand: () => number): number[][] {
  if (members.length <= k) return members.map((m) => [m]).concat(Array.from({ length: k - members.length }, () => []));
  const cent = new Float32Array(k * D);
  // seeded choice of distinct initial centres
  const order = members.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let c = 0; c < k; c++) cent.set(vecs.subarray(order[c] * D, order[c] * D + D), c * D);
  const assign = new Int32Array(members.length);
  for (let iter = 0; iter < 12; iter++) {
    let moved = 0;
    for (let m = 0; m < members.length; m++) {
      const base = members[m] * D;
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const cb = c * D;
        for (let d = 0; d < D; d++) dot += vecs[base + d] * cent[cb + d];
        if (dot > best) {
          best = dot;
          arg = c;
        }
      }
      if (assign[m] !== arg) moved++;
      assign[m] = arg;
    }
    cent.fill(0);
    const size = new Int32Array(k);
    for (let m = 0; m < members.length; m++) {
      const base = members[m] * D;
      const cb = assign[m] * D;
      size[assign[m]]++;
      for (let d = 0; d < D; d++) cent[cb + d] += vecs[base + d];
    }
    for (let c = 0; c < k; c++) {
      if (size[c] === 0) {
        const pick = members[Math.floor(rand() * members.length)];
        cent.set(vecs.subarray(pick * D, pick * D + D), c * D);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < D; d++) norm += cent[c * D + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) cent[c * D + d] /= norm;
    }
    if (iter > 0 && moved === 0) break;
  }
  const out: number[][] = Array.from({ length: k }, () => []);
  for (let m = 0; m < members.length; m++) out[assign[m]].push(members[m]);
  return out;
}
