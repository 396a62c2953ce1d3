// `npx tsx scripts/quotes-threshold-folds.ts`: the whole quotes stage on held-out PolNeAR
// *training* documents, scored with exactly the eval's pairing (eval/components/quotes.ts), for
// thresholds of the learned check around the one `npm run train:quotes` would pick
// (QUOTES_THRESHOLD=candidates: the candidates' cut alone, as before the stage threshold). The
// training documents are cut into 4 folds (document i in fold i % 4); for each fold the check is
// trained on the other three, its threshold picked by 5-fold cross-validation within them
// (`pickThreshold`), and the stage is run on the fold with that threshold plus each offset.
// Prints content and source F1 (all attributions) per offset, summed over the folds. The speaker
// choice is the committed one (trained on all training documents): source F1 is optimistic.
// Candidate knobs as for the training (QUOTES_FEATURES, QUOTES_GENERIC, ...); QUOTES_PARSE_CACHE.
import { join, resolve } from 'node:path';
import {
  type Counts,
  emptyCounts,
  goldUnits,
  metrics,
  type PolnearRecord,
  predictedUnits,
  scoreUnits,
} from '../eval/components/quotes.js';
import type { Doc } from '../src/doc/doc.js';
import type { FilterModel } from '../src/quotes/06-filter.js';
import { findQuotes, loadQuotesResources } from '../src/quotes/index.js';
import {
  CANDIDATE_ALTERNATIVES,
  CANDIDATE_DROP_NESTED,
  CANDIDATE_FEATURES,
  CANDIDATE_GENERIC,
  CANDIDATE_MIN_RATE,
  CANDIDATE_NEST,
  type Example,
  examplesOf,
  FILTER_BITS,
  parsedTrainDocs,
  pickStageThreshold,
  pickThreshold,
  polnearRecords,
  trainPerceptron,
} from './quotes-filter-lib.js';

const FOLDS = 4;
const EPOCHS = Number(process.env.QUOTES_EPOCHS ?? 10);
const OFFSETS = (process.env.QUOTES_OFFSETS ?? '-12,-8,-6,-4,-3,-2,-1,0,1,2,3,4,6,8,12').split(',').map(Number);

const recs = polnearRecords('train');
const res = loadQuotesResources(join(resolve(import.meta.dirname, '..'), 'data'));
const docs: Array<{ rec: PolnearRecord; doc: Doc }> = [];
const byDoc: Example[][] = [];
const golds: number[] = [];
for (const item of parsedTrainDocs(recs)) {
  docs.push(item);
  const ex: Example[] = [];
  examplesOf(item.doc, item.rec.attributions, res.lexicon, ex);
  byDoc.push(ex);
  golds.push(item.rec.attributions.filter((a) => a.content?.spans.length).length);
}
const score = (w: Float32Array, x: Example) => {
  let s = 0;
  for (const k of x.feats) s += w[k];
  return s;
};
const total = OFFSETS.map(() => emptyCounts());
const direct = OFFSETS.map(() => emptyCounts());
for (let k = 0; k < FOLDS; k++) {
  const trainIdx = byDoc.map((_, i) => i).filter((i) => i % FOLDS !== k);
  const train = trainIdx.map((i) => byDoc[i]);
  const goldTrain = trainIdx.reduce((s, i) => s + golds[i], 0);
  const scored: Array<{ score: number; label: number }> = [];
  const inner: Float32Array[] = [];
  for (let f = 0; f < 5; f++) {
    const w = trainPerceptron(train.filter((_, i) => i % 5 !== f).flat(), EPOCHS);
    inner.push(w);
    for (const x of train.filter((_, i) => i % 5 === f).flat()) scored.push({ score: score(w, x), label: x.label });
  }
  let threshold = pickThreshold(scored, goldTrain);
  if ((process.env.QUOTES_THRESHOLD ?? 'stage') === 'stage')
    threshold = pickStageThreshold(
      trainIdx.map((i) => docs[i]),
      res.lexicon,
      inner,
      threshold,
      5,
    );
  const weights = trainPerceptron(train.flat(), EPOCHS);
  for (const [o, off] of OFFSETS.entries()) {
    const filter: FilterModel = {
      bits: FILTER_BITS,
      weights,
      minRate: CANDIDATE_MIN_RATE,
      dropNested: CANDIDATE_DROP_NESTED,
      generic: CANDIDATE_GENERIC,
      threshold: threshold + off,
      rich: CANDIDATE_FEATURES >= 2,
      alternatives: CANDIDATE_ALTERNATIVES,
      nest: CANDIDATE_NEST,
    };
    const c: Counts = emptyCounts();
    for (const [i, { rec, doc }] of docs.entries()) {
      if (i % FOLDS !== k) continue;
      const quotes = findQuotes(doc, { ...res, filter });
      const pred = predictedUnits({ ...doc, quotes } as Parameters<typeof predictedUnits>[0]);
      const gold = goldUnits(rec);
      scoreUnits(pred, gold, c);
      scoreUnits(
        pred.filter((u) => u.direct),
        gold.filter((u) => u.direct),
        direct[o],
      );
    }
    for (const key of Object.keys(c) as Array<keyof Counts>) total[o][key] += c[key];
    const m = metrics(c);
    console.log(
      `fold ${k} threshold ${threshold.toFixed(2)}${off >= 0 ? '+' : ''}${off}: content F1 ${(100 * m.contentF).toFixed(2)} source F1 ${(100 * m.sourceF).toFixed(2)}`,
    );
  }
}
const pc = (x: number) => (100 * x).toFixed(2);
console.log('\noffset: all content P R F1 | all source P R F1 | direct content F1 | direct source F1');
for (const [o, off] of OFFSETS.entries()) {
  const m = metrics(total[o]);
  const d = metrics(direct[o]);
  console.log(
    `${String(off).padStart(4)}: ${pc(m.contentP)} ${pc(m.contentR)} ${pc(m.contentF)} | ${pc(m.sourceP)} ${pc(m.sourceR)} ${pc(m.sourceF)} | ${pc(d.contentF)} | ${pc(d.sourceF)}`,
  );
}
