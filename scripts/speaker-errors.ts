// Error classes of the speaker (source) of attributions on PolNeAR TRAIN, scored as the eval
// does (eval/components/quotes.ts): the speaker chooser is trained on the first `--train`
// training documents (default 600) and measured on the rest, so the figures are held out.
// Classes of gold attributions with a source: no predicted content overlaps it (content miss),
// the speaker is right, none was given, or another span: longer or shorter than the gold one
// (boundaries), overlapping it, or elsewhere (another phrase); with `--show CLASS` the spans
// of a class are printed (gold | predicted) for reading.
// `tsx scripts/speaker-errors.ts [--train N | --folds N] [--show CLASS] [--cache FILE]` (--folds N:
// every document measured with the chooser trained on the other folds). The parse of the
// training documents (stages before `quotes`) is cached in FILE (default
// /tmp/eventwire-polnear-train-docs.jsonl) to rerun quickly after a change of the quotes stage.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Counts, emptyCounts, goldUnits, metrics, predictedUnits, scoreUnits } from '../eval/components/quotes.js';
import type { Doc } from '../src/doc/doc.js';
import { findQuotes, loadQuotesResources } from '../src/quotes/index.js';
import { loadSpeakerModel } from '../src/quotes/speaker-choice.js';
import { parsedTrainDocs, polnearRecords } from './quotes-filter-lib.js';
import { type RankExample, rankAccuracy, SPEAKER_BITS, speakerExamples, trainRanker } from './train-speakers.js';

const args = process.argv.slice(2);
const arg = (name: string, d: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : d;
};
const TRAIN = Number(arg('train', '600'));
const SHOW = arg('show', '');
/** --direct: the classes of direct quotes only (gold in quotation marks against direct and mixed predictions). */
const DIRECT = args.includes('--direct');
const CACHE = arg('cache', '/tmp/eventwire-polnear-train-docs.jsonl');
const EPOCHS = Number(process.env.SPEAKERS_EPOCHS ?? 10);

const recs = polnearRecords('train');
let docs: Doc[];
if (existsSync(CACHE))
  docs = readFileSync(CACHE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Doc);
else {
  docs = [];
  for (const { doc } of parsedTrainDocs(recs)) docs.push(doc);
  writeFileSync(CACHE, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
}
const dataDir = join(resolve(import.meta.dirname, '..'), 'data');
const res = loadQuotesResources(dataDir);
const t0 = performance.now();
const FOLDS = Number(arg('folds', '0'));
// the ranking examples of every document (they do not depend on the speaker model)
const byDoc: RankExample[][] = docs.map((d, i) => {
  const ex: RankExample[] = [];
  speakerExamples(d, recs[i].attributions, res, ex, { paired: 0, reachable: 0, ruleRight: 0 });
  return ex;
});
/** Folds: with --folds N, document i is tested with the model trained on the documents of the other folds. */
const foldOf = (i: number) => (FOLDS ? i % FOLDS : i < TRAIN ? -1 : 0);
const models: Float32Array[] = [];
let right = 0;
let reachable = 0;
for (let f = 0; f < Math.max(1, FOLDS); f++) {
  const w = process.env.SPEAKERS_COMMITTED
    ? loadSpeakerModel(dataDir)!.weights
    : trainRanker(byDoc.filter((_, i) => foldOf(i) !== f).flat(), EPOCHS);
  models.push(w);
  const test = byDoc.filter((_, i) => foldOf(i) === f).flat();
  right += rankAccuracy(test, w) * test.length;
  reachable += test.length;
}
console.log(
  `held out: gold among the candidates ${reachable}, chooser right ${right.toFixed(0)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);

const all: Counts = emptyCounts();
const direct: Counts = emptyCounts();
const classes = new Map<string, number>();
const inc = (k: string) => classes.set(k, (classes.get(k) ?? 0) + 1);
const overlaps = (a: Array<[number, number]>, b: Array<[number, number]>) =>
  a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
for (let i = 0; i < docs.length; i++) {
  if (foldOf(i) < 0) continue;
  res.speakers = { bits: SPEAKER_BITS, weights: models[foldOf(i)] };
  const doc = { ...docs[i], quotes: findQuotes(docs[i], res) };
  const pred = predictedUnits(doc as never).filter((u) => !DIRECT || u.direct);
  const gold = goldUnits(recs[i]).filter((u) => !DIRECT || u.direct);
  scoreUnits(pred, gold, all);
  scoreUnits(
    pred.filter((u) => u.direct),
    gold.filter((u) => u.direct),
    direct,
  );
  // the same pairing as the eval, recording the pairs
  const usedP = new Int32Array(pred.length).fill(-1);
  const usedG = new Int32Array(gold.length).fill(-1);
  for (const pass of [0, 1])
    for (let p = 0; p < pred.length; p++) {
      if (usedP[p] >= 0) continue;
      for (let g = 0; g < gold.length; g++) {
        if (usedG[g] >= 0 || !overlaps(pred[p].content, gold[g].content)) continue;
        const ps = pred[p].source;
        const gs = gold[g].source;
        const same = !!ps && !!gs && ps[0] === gs[0] && ps[1] === gs[1];
        if (pass === 0 && !same) continue;
        usedP[p] = g;
        usedG[g] = p;
        break;
      }
    }
  const text = recs[i].text;
  const goldCues = recs[i].attributions
    .filter((x) => x.content && x.content.spans.length > 0 && (!DIRECT || x.content_is_quoted))
    .map((x) => x.cue?.spans ?? []);
  const show = (cls: string, gs: [number, number] | null, ps: [number, number] | null, g: number) => {
    inc(cls);
    if (SHOW && cls.startsWith(SHOW)) {
      const c = gold[g]?.content[0];
      console.log(
        `${cls}\t${gs ? text.slice(gs[0], gs[1]) : '-'}\t| ${ps ? text.slice(ps[0], ps[1]) : '-'}\t| ${
          ps && gs ? text.slice(Math.min(ps[0], gs[0]) - 30, Math.max(ps[1], gs[1]) + 30).replace(/\n/g, ' ') : ''
        }${c ? `\t|| ${process.env.BEFORE ? `${text.slice(c[0] - Number(process.env.BEFORE), c[0]).replace(/\n/g, '¶')} [[` : ''}${text.slice(c[0], c[0] + 60).replace(/\n/g, ' ')}` : ''}`,
      );
    }
  };
  for (let g = 0; g < gold.length; g++) {
    const gs = gold[g].source;
    if (usedG[g] < 0) {
      if (gs) show('gold: content missed', gs, null, g);
      continue;
    }
    const ps = pred[usedG[g]].source;
    // whether the predicted cue is the gold attribution's cue
    const q = doc.quotes.find((x) => x.start === pred[usedG[g]].content[0][0]);
    const gc = goldCues[g];
    const sameCue = !!q?.cue && !!gc && overlaps([[q.cue.start, q.cue.end]], gc);
    if (gs && !sameCue && !(ps && ps[0] === gs[0] && ps[1] === gs[1])) {
      show('pair: other cue', gs, ps, g);
      continue;
    }
    if (!gs) {
      show(ps ? 'pair: speaker where gold has none' : 'pair: both none', gs, ps, g);
      continue;
    }
    if (!ps) show('pair: no speaker', gs, ps, g);
    else if (ps[0] === gs[0] && ps[1] === gs[1]) inc('pair: right');
    else if (ps[0] <= gs[0] && ps[1] >= gs[1])
      show(`pair: too long ${ps[0] < gs[0] ? 'L' : ''}${ps[1] > gs[1] ? 'R' : ''}`, gs, ps, g);
    else if (ps[0] >= gs[0] && ps[1] <= gs[1])
      show(`pair: too short ${ps[0] > gs[0] ? 'L' : ''}${ps[1] < gs[1] ? 'R' : ''}`, gs, ps, g);
    else if (ps[0] < gs[1] && gs[0] < ps[1]) show('pair: crossing', gs, ps, g);
    else show('pair: another phrase', gs, ps, g);
  }
  for (let p = 0; p < pred.length; p++) {
    if (usedP[p] < 0 && pred[p].source) {
      // an unmatched prediction overlapping a gold content another prediction took: by whom
      const g = gold.findIndex((x) => overlaps(x.content, pred[p].content));
      if (g >= 0) {
        const o = pred[usedG[g]]?.source;
        const ps = pred[p].source!;
        const k =
          o && o[0] === ps[0] && o[1] === ps[1]
            ? 'pred: unmatched, split of a taken gold (same speaker)'
            : 'pred: unmatched, overlaps a taken gold';
        const ca = pred[p].content;
        const cb = pred[usedG[g]].content;
        inc(ca[0][0] === cb[0][0] && ca[ca.length - 1][1] === cb[cb.length - 1][1] ? `${k}, same content` : k);
        if (SHOW && k.startsWith(SHOW)) {
          const qa = doc.quotes.find((x) => x.start === pred[p].content[0][0]);
          const qb = doc.quotes.find((x) => x.start === pred[usedG[g]].content[0][0]);
          const gc = gold[g].content;
          console.log(
            `${k}\tgold: ${gc.map(([a, b]) => text.slice(a, b)).join(' … ')}\n  taken: [${qb?.cue?.text}] ${pred[usedG[g]].content.map(([a, b]) => text.slice(a, b)).join(' … ')}\n  this: [${qa?.cue?.text}] ${pred[p].content.map(([a, b]) => text.slice(a, b)).join(' … ')}`,
          );
        }
      } else inc('pred: unmatched, overlaps no gold');
    }
    if (usedP[p] < 0)
      show(pred[p].source ? 'pred: unmatched with speaker' : 'pred: unmatched, no speaker', null, pred[p].source, -1);
  }
}
for (const [k, n] of [...classes].sort()) console.log(`${k.padEnd(40)} ${n}`);
const pct = (x: number) => (100 * x).toFixed(1);
for (const [name, c] of [
  ['all', all],
  ['direct', direct],
] as const) {
  const m = metrics(c);
  console.log(
    `${name}: source F1 ${pct(m.sourceF)} (P ${pct(m.sourceP)} R ${pct(m.sourceR)}), content F1 ${pct(m.contentF)} (P ${pct(m.contentP)} R ${pct(m.contentR)})`,
  );
}
