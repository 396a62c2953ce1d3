// Train the story pair scorer on ECB+ TRAIN only: a logistic regression (Newton's method, a
// little L2) over the pair features of src/stories/02-cluster.ts, on pairs of train articles
// that share some content words (labelled: same story or not), with IDF from the train
// articles; then the join threshold and `topK` by grid search on the mean pairwise F1 of the
// online clustering of train over 5 stream orders. Prints train and dev scores (dev is never
// fitted on; the test topics are never read) and writes data/stories/params.json with --write.
// Run: npm run train:stories -- --write
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_STORY_PARAMS,
  type Member,
  memberVectors,
  PAIR_FEATURES,
  pairFeatures,
  type StoryParams,
} from '../../src/stories/02-cluster.js';
import { type LabelledFeatures, labelledFeatures, scoreStories } from '../../src/stories/evaluate.js';
import { codedEcb } from './ecb.js';

/** Unit TF-IDF sub-vectors of labelled articles, IDF over them all (as the clusterer computes it). */
function members(items: readonly LabelledFeatures[]): Member[] {
  const df = { words: new Map<string, number>(), names: new Map<string, number>(), dates: new Map<string, number>() };
  for (const { features: f } of items)
    for (const kind of ['words', 'names', 'dates'] as const)
      for (const t of f[kind].keys()) df[kind].set(t, (df[kind].get(t) ?? 0) + 1);
  const logN = Math.log(items.length + 1);
  return items.map(({ features }) =>
    memberVectors(features, (kind, t) => Math.max(0, logN - Math.log((df[kind].get(t) ?? 0) + 0.5))),
  );
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Logistic regression by Newton's method; the last weight is the bias (not regularized). */
function logistic(X: number[][], y: number[], l2 = 1, iterations = 30): number[] {
  const d = X[0].length + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < X.length; i++) {
      const x = [...X[i], 1];
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k] * x[k];
      const p = 1 / (1 + Math.exp(-z));
      const r = p * (1 - p);
      for (let a = 0; a < d; a++) {
        g[a] += (p - y[i]) * x[a];
        for (let b = 0; b <= a; b++) H[a][b] += r * x[a] * x[b];
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) H[b][a] = H[a][b];
      if (a < d - 1) {
        g[a] += l2 * w[a];
        H[a][a] += l2;
      }
      H[a][a] += 1e-9;
    }
    const step = solve(H, g);
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-6) break;
  }
  return w;
}

const train = labelledFeatures(codedEcb('train'));
const dev = labelledFeatures(codedEcb('dev'));
const vecs = members(train);
const X: number[][] = [];
const y: number[] = [];
for (let i = 0; i < train.length; i++)
  for (let j = i + 1; j < train.length; j++) {
    const x = pairFeatures(vecs[i], vecs[j]);
    if (x[0] < 0.05) continue; // pairs sharing next to no words are told apart by any scorer
    X.push(x);
    y.push(train[i].story === train[j].story ? 1 : 0);
  }
console.log(`${X.length} train pairs, ${y.filter((v) => v === 1).length} of one story`);
const w = logistic(X, y);
const weights = w.slice(0, -1);
const bias = w[w.length - 1];
for (const [k, n] of PAIR_FEATURES.entries()) console.log(`  ${n.padEnd(14)} ${weights[k].toFixed(3)}`);
console.log(`  bias           ${bias.toFixed(3)}`);

let params: Partial<StoryParams> = { weights, bias };
let best = -1;
for (const topK of [2, 3, 4, 5, 6])
  for (const threshold of [0.4, 0.45, 0.5, 0.55, 0.6]) {
    const p = { weights, bias, topK, threshold };
    const s = scoreStories(train, p).pairwise.f1;
    if (s > best + 1e-9) {
      best = s;
      params = p;
      console.log(`train pairwise F1 ${s.toFixed(4)} with topK ${topK}, threshold ${threshold}`);
    }
  }
const t = scoreStories(train, params);
const d = scoreStories(dev, params);
const line = (name: string, s: ReturnType<typeof scoreStories>) =>
  `${name}: pairwise F1 ${s.pairwise.f1.toFixed(4)}, BCubed F1 ${s.bcubed.f1.toFixed(4)}, stories ${s.stories.toFixed(1)}`;
console.log(line(`ECB+ train (${train.length} articles, fitted on)`, t));
console.log(line(`ECB+ dev (${dev.length} articles, never fitted on)`, d));
if (process.argv.includes('--write')) {
  const out = {
    threshold: params.threshold,
    topK: params.topK,
    time: DEFAULT_STORY_PARAMS.time,
    timeScale: DEFAULT_STORY_PARAMS.timeScale,
    bias: Number(bias.toFixed(4)),
    weights: Object.fromEntries(PAIR_FEATURES.map((n, k) => [n, Number(weights[k].toFixed(4))])),
  };
  writeFileSync(join(import.meta.dirname, '../../data/stories/params.json'), `${JSON.stringify(out, null, 2)}\n`);
}
