// Training of the learned check of attributions (src/quotes/06-filter.ts): candidate
// attributions of the rules on PolNeAR training documents, labelled against the gold, and an
// averaged perceptron over their hashed features. Deterministic (fixed order, fixed shuffle seed).
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import {
  type Counts,
  emptyCounts,
  goldUnits,
  metrics,
  type PolnearRecord,
  predictedUnits,
  scoreUnits,
} from '../eval/components/quotes.js';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import type { Doc } from '../src/doc/doc.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { PRESETS } from '../src/pipeline/presets.js';
import type { QuoteLexicon } from '../src/quotes/01-lexicon.js';
import { DEFAULT_OPTIONS, findAttributions } from '../src/quotes/04-attribute.js';
import { type FilterModel, hashFeature } from '../src/quotes/06-filter.js';
import { findQuotes } from '../src/quotes/index.js';

export interface GoldAttr {
  cue: { spans: Array<[number, number]> } | null;
  content: { spans: Array<[number, number]> } | null;
}

export interface Example {
  feats: Int32Array;
  label: 1 | -1;
}

export const FILTER_BITS = 18;
/** Lowest learned-frame rate at which candidates are proposed to the check (training and run time). */
export const CANDIDATE_MIN_RATE = Number(process.env.QUOTES_CANDIDATE_RATE ?? 0.05);
/** Whether any verb with a clausal complement is a candidate (QUOTES_GENERIC=1; off: only known cues). */
export const CANDIDATE_GENERIC = (process.env.QUOTES_GENERIC ?? '0') === '1';
/** Feature set of the check (QUOTES_FEATURES=2: with the structural features of src/quotes/06-filter.ts). */
export const CANDIDATE_FEATURES = Number(process.env.QUOTES_FEATURES ?? 1);
/** Whether every complement the learned frames allow is a reading of its own (QUOTES_ALTERNATIVES=0: off). */
export const CANDIDATE_ALTERNATIVES = (process.env.QUOTES_ALTERNATIVES ?? '1') === '1';
/** Whether the check describes a nested attribution by its outer one (QUOTES_NEST=0: off; 06-filter.ts nestingFeatures). */
export const CANDIDATE_NEST = (process.env.QUOTES_NEST ?? '1') === '1';
/** Cue classes still dropped by rule when nested in another attribution's content. */
export const CANDIDATE_DROP_NESTED: string[] = (process.env.QUOTES_DROP_NESTED ?? 'other,cognition,intent')
  .split(',')
  .filter((x) => x !== '');

const overlaps = (a: Array<[number, number]>, b: Array<[number, number]>) =>
  a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

/** The labelled candidates of one document. */
export function examplesOf(doc: Doc, gold: readonly GoldAttr[], lex: QuoteLexicon, out: Example[]): void {
  const g = gold.filter((x) => x.cue?.spans.length && x.content?.spans.length);
  findAttributions(doc, lex, {
    ...DEFAULT_OPTIONS,
    minRate: CANDIDATE_MIN_RATE,
    dropNested: new Set(CANDIDATE_DROP_NESTED),
    generic: CANDIDATE_GENERIC,
    richFeatures: CANDIDATE_FEATURES >= 2,
    nestFeatures: CANDIDATE_NEST,
    alternatives: CANDIDATE_ALTERNATIVES,
    collect: (a, feats) => {
      const cue: Array<[number, number]> = [[doc.tokens[a.cueFirst].start, doc.tokens[a.cueLast].end]];
      const content = a.pieces.map((p) => [p.start, p.end] as [number, number]);
      const ok = g.some((x) => overlaps(x.cue!.spans, cue) && overlaps(x.content!.spans, content));
      out.push({ feats: Int32Array.from(feats, (f) => hashFeature(f, FILTER_BITS)), label: ok ? 1 : -1 });
    },
  });
}

/** The check's shuffle seed (QUOTES_SEED; 12345, the default, rebuilds the committed model): to measure how far the order alone moves the figures. */
const SHUFFLE_SEED = Number(process.env.QUOTES_SEED ?? 12345);

/**
 * The epoch order of the quotes trainers: a Fisher-Yates shuffle driven by a fixed linear
 * congruential sequence (kept, rather than `seededRandom`, so the committed models rebuild
 * byte for byte).
 */
export function epochShuffle(seed = 12345): (order: number[]) => void {
  return (order) => {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = Math.floor((seed / 0x100000000) * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
  };
}

/**
 * PolNeAR training documents run through the stages before `quotes` (for the quotes trainers).
 * With QUOTES_PARSE_CACHE=<file> the parsed documents are read from that file (JSON lines, one
 * document a line, in the order of `recs`) when it exists and holds them all, else written to
 * it: for repeated runs while only the quotes stage changes (delete the file after a change to
 * an earlier stage).
 */
export function* parsedTrainDocs<R extends { id: string; text: string; date: string | null }>(
  recs: readonly R[],
): Generator<{ rec: R; doc: Doc }> {
  const cache = process.env.QUOTES_PARSE_CACHE ?? '';
  if (cache && existsSync(cache)) {
    // a Buffer, not a string: the file may be longer than the longest string
    const buf = readFileSync(cache);
    const byId = new Map<string, Doc>();
    for (let a = 0, b = buf.indexOf(10); b >= 0; a = b + 1, b = buf.indexOf(10, a)) {
      const doc = JSON.parse(buf.toString('utf8', a, b)) as Doc;
      byId.set(doc.id, doc);
    }
    if (recs.every((r) => byId.has(r.id))) {
      for (const rec of recs) yield { rec, doc: byId.get(rec.id)! };
      return;
    }
  }
  const pipeline = new Pipeline(PRESETS.full().filter((s) => s.name !== 'quotes' && s.name !== 'events'));
  const t0 = performance.now();
  const fd = cache ? openSync(cache, 'w') : -1;
  for (const [n, rec] of recs.entries()) {
    const doc = pipeline.run({ id: rec.id, text: rec.text, date: rec.date });
    if (fd >= 0) writeSync(fd, `${JSON.stringify(doc)}\n`);
    yield { rec, doc };
    if ((n + 1) % 100 === 0) console.log(`${n + 1} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  if (fd >= 0) closeSync(fd);
}

/** Averaged perceptron; returns the averaged weights. */
export function trainPerceptron(examples: readonly Example[], epochs: number, bits = FILTER_BITS): Float32Array {
  const n = 1 << bits;
  const w = new Float64Array(n);
  const u = new Float64Array(n); // sum of c * update, for averaging
  let c = 1;
  const order = examples.map((_, i) => i);
  const shuffle = epochShuffle(SHUFFLE_SEED);
  for (let e = 0; e < epochs; e++) {
    shuffle(order);
    for (const k of order) {
      const x = examples[k];
      let s = 0;
      for (const f of x.feats) s += w[f];
      if (x.label * s <= 0) {
        for (const f of x.feats) {
          w[f] += x.label;
          u[f] += c * x.label;
        }
      }
      c++;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = w[i] - u[i] / c;
  return out;
}

/**
 * The threshold with the best F1 of attributions: recall over all `gold` attributions (also
 * those no candidate reaches), precision over the kept candidates.
 */
export function pickThreshold(
  scored: Array<{ score: number; label: number }>,
  gold: number,
  tolerance = 0.002,
): number {
  const s = [...scored].sort((a, b) => b.score - a.score);
  let tp = 0;
  let best = 0;
  const cuts: Array<{ f: number; t: number }> = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i].label > 0) tp++;
    const p = tp / (i + 1);
    const r = tp / gold;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    // cut between this score and the next lower one
    if (i + 1 === s.length || s[i + 1].score < s[i].score) {
      cuts.push({ f, t: i + 1 < s.length ? (s[i].score + s[i + 1].score) / 2 : s[i].score - 1 });
      if (f > best) best = f;
    }
  }
  // the F1 curve is flat near its top, and its highest point jumps with small changes of the
  // candidates: the middle (median) of the cuts within `tolerance` of the best is steadier
  const near = cuts.filter((c) => c.f >= best - tolerance).map((c) => c.t);
  if (near.length === 0) return 0;
  return Math.round(near[near.length >> 1] * 1000) / 1000;
}

/** Offsets from the candidates' threshold tried by `pickStageThreshold`. */
export const STAGE_OFFSETS = Array.from({ length: 29 }, (_, i) => -10 + i * 0.5);

/**
 * The threshold of the check by the whole stage: for each offset from `first` (the cut
 * `pickThreshold` gives), the quotes stage runs on every training document with the model of the
 * cross-validation fold that held it out (`foldWeights[fold[i]]`, and that fold's lexicon when
 * `lex` is one per fold; no speaker choice, so the
 * result does not depend on speakers.json) and is scored with the eval's pairing
 * (eval/components/quotes.ts); the sum of content and source F1 over all attributions decides
 * (the rules' speakers stand in for the speaker choice), with the middle of the offsets within
 * `tolerance` of the best (the curve is flat near its top).
 */
export function pickStageThreshold(
  items: ReadonlyArray<{ rec: { attributions: readonly GoldAttr[] }; doc: Doc }>,
  lex: QuoteLexicon | readonly QuoteLexicon[],
  foldWeights: readonly Float32Array[],
  first: number,
  folds: number,
  fold: ArrayLike<number> = interleaved(items.length, folds),
  tolerance = 0.002,
): number {
  const f1s: number[] = [];
  // per offset, the counts of each fold (printed for the chosen offset)
  const byFold: Counts[][] = [];
  for (const off of STAGE_OFFSETS) {
    const perFold = stageCounts(items, lex, foldWeights, first + off, folds, fold);
    byFold.push(perFold);
    f1s.push(stageScore(perFold));
  }
  const best = Math.max(...f1s);
  const near = STAGE_OFFSETS.filter((_, k) => f1s[k] >= best - tolerance);
  const off = near[near.length >> 1];
  console.log(
    `threshold: candidates' cut ${first}, stage content + source F1 ${(100 * f1s[STAGE_OFFSETS.indexOf(0)]).toFixed(2)} there, best ${(100 * best).toFixed(2)}, offset ${off}`,
  );
  const pct = (x: number) => (100 * x).toFixed(2);
  const folded = byFold[STAGE_OFFSETS.indexOf(off)].map((c) => metrics(c));
  console.log(
    `  per fold at offset ${off}, content / source F1: ${folded.map((m) => `${pct(m.contentF)} / ${pct(m.sourceF)}`).join(', ')}`,
  );
  return Math.round((first + off) * 1000) / 1000;
}

/** Document i in fold i % folds. */
function interleaved(n: number, folds: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % folds);
}

/**
 * The cross-validation fold of each document: document i in fold i % folds, or with
 * QUOTES_FOLDS=dates in blocks of publication date (the earliest documents in fold 0, the latest
 * in the last fold), so that a held-out fold holds stories of weeks no training document covers,
 * as the dev split (later articles than all training ones) does.
 */
export function foldsOf(recs: ReadonlyArray<{ date?: string | null }>, folds: number): Int32Array {
  if ((process.env.QUOTES_FOLDS ?? 'interleaved') !== 'dates') return interleaved(recs.length, folds);
  const out = new Int32Array(recs.length);
  const order = recs.map((_, i) => i).sort((a, b) => (recs[a].date ?? '').localeCompare(recs[b].date ?? '') || a - b);
  for (const [r, i] of order.entries()) out[i] = Math.floor((r * folds) / recs.length);
  return out;
}

/**
 * The eval's counts of the whole stage on the training documents, one per cross-validation fold:
 * each document with the check of the fold that held it out (as `pickStageThreshold`), the
 * threshold `threshold`.
 */
export function stageCounts(
  items: ReadonlyArray<{ rec: { attributions: readonly GoldAttr[] }; doc: Doc }>,
  lex: QuoteLexicon | readonly QuoteLexicon[],
  foldWeights: readonly Float32Array[],
  threshold: number,
  folds: number,
  fold: ArrayLike<number> = interleaved(items.length, folds),
): Counts[] {
  const perFold = Array.from({ length: folds }, () => emptyCounts());
  for (const [i, { rec, doc }] of items.entries()) {
    const filter: FilterModel = {
      bits: FILTER_BITS,
      weights: foldWeights[fold[i]],
      minRate: CANDIDATE_MIN_RATE,
      dropNested: CANDIDATE_DROP_NESTED,
      generic: CANDIDATE_GENERIC,
      threshold,
      rich: CANDIDATE_FEATURES >= 2,
      alternatives: CANDIDATE_ALTERNATIVES,
      nest: CANDIDATE_NEST,
    };
    const lexicon = Array.isArray(lex) ? lex[fold[i]] : (lex as QuoteLexicon);
    const quotes = findQuotes(doc, { lexicon, filter, speakers: null });
    scoreUnits(predictedUnits({ ...doc, quotes }), goldUnits(rec as PolnearRecord), perFold[fold[i]]);
  }
  return perFold;
}

/** Content + source F1 of the counts of the folds `which` (all when absent) added up. */
export function stageScore(perFold: readonly Counts[], which?: readonly number[]): number {
  const c = emptyCounts();
  for (const [f, x] of perFold.entries()) {
    if (which && !which.includes(f)) continue;
    for (const k of Object.keys(c) as Array<keyof Counts>) c[k] += x[k];
  }
  const m = metrics(c);
  return m.contentF + m.sourceF;
}

/** The model file: non-zero weights as integers over `scale`. */
export function serializeFilter(weights: Float32Array, threshold: number, bits = FILTER_BITS): string {
  const scale = 1000;
  const rows: Array<[number, number]> = [];
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round(weights[i] * scale);
    if (q !== 0) rows.push([i, q]);
  }
  const head = `"bits":${bits},"scale":${scale},"minRate":${CANDIDATE_MIN_RATE},"dropNested":${JSON.stringify(CANDIDATE_DROP_NESTED)},"threshold":${threshold},"generic":${CANDIDATE_GENERIC},"features":${CANDIDATE_FEATURES}${CANDIDATE_ALTERNATIVES ? ',"alternatives":true' : ''}${CANDIDATE_NEST ? ',"nest":true' : ''}`;
  return `{${head},"weights":${JSON.stringify(rows)}}\n`;
}

/** `--name N` from the command line as a number, or `d` when absent. */
export function numberOption(args: readonly string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
}

/** The PolNeAR split's records; exits with a message when ../shared does not hold it. */
export function polnearRecords(split: 'train' | 'dev'): PolnearRecord[] {
  const rel = `data/polnear/${split}.jsonl`;
  if (!hasShared(rel)) {
    console.error(`needs ../shared/${rel}`);
    process.exit(1);
  }
  return readJsonl<PolnearRecord>(sharedPath(rel));
}
