// `npx tsx scripts/quotes-filter-folds.ts`: the learned check of attributions measured on held-out
// PolNeAR *training* documents, for choosing its candidates and features without the dev split.
// The training documents are cut into 4 folds (document i in fold i % 4); for each fold the check
// is trained on the other three (threshold by 5-fold cross-validation within them, as
// `npm run train:quotes` does) and the proposals of the fold are scored: precision over the kept
// proposals, recall over all gold attributions with a content (also those no proposal reaches).
// The candidate and feature settings come from the same knobs as the training
// (QUOTES_FEATURES, QUOTES_GENERIC, QUOTES_CANDIDATE_RATE, QUOTES_DROP_NESTED).
import { join, resolve } from 'node:path';
import { loadQuoteLexicon } from '../src/quotes/01-lexicon.js';
import {
  type Example,
  examplesOf,
  parsedTrainDocs,
  pickThreshold,
  polnearRecords,
  trainPerceptron,
} from './quotes-filter-lib.js';

const FOLDS = 4;
const EPOCHS = Number(process.env.QUOTES_EPOCHS ?? 10);

const recs = polnearRecords('train');
const lex = loadQuoteLexicon(join(resolve(import.meta.dirname, '..'), 'data'));
const byDoc: Example[][] = [];
const golds: number[] = [];
for (const { rec: r, doc } of parsedTrainDocs(recs)) {
  const ex: Example[] = [];
  examplesOf(doc, r.attributions, lex, ex);
  byDoc.push(ex);
  golds.push(r.attributions.filter((a) => a.content?.spans.length).length);
}
const score = (w: Float32Array, x: Example) => {
  let s = 0;
  for (const k of x.feats) s += w[k];
  return s;
};
const fs: number[] = [];
for (let k = 0; k < FOLDS; k++) {
  const trainIdx = byDoc.map((_, i) => i).filter((i) => i % FOLDS !== k);
  const train = trainIdx.map((i) => byDoc[i]);
  const goldTrain = trainIdx.reduce((s, i) => s + golds[i], 0);
  const scored: Array<{ score: number; label: number }> = [];
  for (let f = 0; f < 5; f++) {
    const w = trainPerceptron(train.filter((_, i) => i % 5 !== f).flat(), EPOCHS);
    for (const x of train.filter((_, i) => i % 5 === f).flat()) scored.push({ score: score(w, x), label: x.label });
  }
  const threshold = pickThreshold(scored, goldTrain);
  const w = trainPerceptron(train.flat(), EPOCHS);
  let tp = 0;
  let kept = 0;
  let gold = 0;
  for (const [i, ex] of byDoc.entries()) {
    if (i % FOLDS !== k) continue;
    gold += golds[i];
    for (const x of ex)
      if (score(w, x) >= threshold) {
        kept++;
        if (x.label > 0) tp++;
      }
  }
  const p = tp / kept;
  const r = tp / gold;
  const f1 = (200 * p * r) / (p + r);
  fs.push(f1);
  console.log(`fold ${k}: P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)} F1 ${f1.toFixed(2)}`);
}
console.log(`mean F1 ${(fs.reduce((a, b) => a + b, 0) / FOLDS).toFixed(2)}`);
