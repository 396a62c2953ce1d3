// `npm run eval -- timex`: TIMEX3 recognition and normalization on TempEval-3 training data
// (TimeBank + AQUAINT) and MEANTIME (development half), each document resolved against its
// own creation date (`date`). Reports, per corpus and combined: relaxed span P/R/F1 (overlap),
// strict span F1, type accuracy over relaxed matches, and value F1. MEANTIME is scored over
// the sentences it annotates (see annotatedUntil).
import type { Doc } from '../../src/doc/doc.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { PRESETS } from '../../src/pipeline/presets.js';
import { type EvalOptions, type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';
import { addCounts, countTimex, type TimexCounts, type TimexSpan, timexScores, ZERO_COUNTS } from '../scorers/timex.js';

interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value?: string | null;
  text: string;
}

export interface TimexRecord {
  id: string;
  date: string | null;
  text: string;
  timexes: GoldTimex[];
  /** MEANTIME: [t_id, sentence, start, end] of every source token. */
  tokens?: Array<[string, number, number, number]>;
}

/**
 * MEANTIME annotates TIMEX3 only in the first six sentences of each article (headline,
 * dateline and the first four sentences of the body); predictions after them are not scored.
 */
export const MEANTIME_ANNOTATED_SENTENCES = 6;

/** End offset of the part of the text whose time expressions are annotated. */
export function annotatedUntil(r: TimexRecord): number {
  if (!r.tokens) return r.text.length;
  let end = 0;
  let beyond = false;
  for (const [, sentence, , tokEnd] of r.tokens) {
    if (sentence < MEANTIME_ANNOTATED_SENTENCES) end = Math.max(end, tokEnd);
    else beyond = true;
  }
  return beyond ? end : r.text.length;
}

export const TIMEX_CORPORA: Array<{ name: string; file: string[] }> = [
  { name: 'timebank', file: ['data', 'tempeval3', 'train_timebank.jsonl'] },
  { name: 'aquaint', file: ['data', 'tempeval3', 'train_aquaint.jsonl'] },
  { name: 'meantime', file: ['data', 'meantime', 'train.jsonl'] },
];

/** The pipeline up to and including the times stage (whatever precedes it in `full`). */
export function timesPipeline(): Pipeline {
  const stages = PRESETS.full();
  const at = stages.findIndex((s) => s.name === 'times');
  return new Pipeline(at >= 0 ? stages.slice(0, at + 1) : stages);
}

export interface DocResult {
  record: TimexRecord;
  doc: Doc;
  gold: TimexSpan[];
  pred: TimexSpan[];
  counts: TimexCounts;
}

export function evaluateDoc(pipeline: Pipeline, r: TimexRecord): DocResult {
  const doc = pipeline.run({ id: r.id, text: r.text, date: r.date });
  const gold = r.timexes.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value ?? null }));
  const until = annotatedUntil(r);
  const pred = doc.times
    .filter((t) => t.start < until)
    .map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.timeml ?? t.value }));
  return { record: r, doc, gold, pred, counts: countTimex(gold, pred) };
}

function rows(dataset: string, c: TimexCounts): EvalResult[] {
  const s = timexScores(c);
  const n = c.gold;
  return [
    {
      dataset,
      metric: 'relaxed span F1',
      value: s.relaxed.f1,
      n,
      note: `P ${s.relaxed.precision.toFixed(3)} R ${s.relaxed.recall.toFixed(3)}`,
    },
    { dataset, metric: 'strict span F1', value: s.strict.f1, n },
    { dataset, metric: 'type accuracy (relaxed matches)', value: s.typeAccuracy, n: c.relaxed },
    {
      dataset,
      metric: 'value F1',
      value: s.value.f1,
      n,
      note: `P ${s.value.precision.toFixed(3)} R ${s.value.recall.toFixed(3)}`,
    },
  ];
}

export function runTimexEval(options: EvalOptions): EvalResult[] {
  const pipeline = timesPipeline();
  const out: EvalResult[] = [];
  const per: Record<string, TimexCounts> = {};
  for (const corpus of TIMEX_CORPORA) {
    if (!hasShared(...corpus.file)) {
      out.push({ dataset: corpus.name, metric: 'relaxed span F1', value: null, note: 'data not found' });
      continue;
    }
    let records = readJsonl<TimexRecord>(sharedPath(...corpus.file));
    if (options.sample) records = records.slice(0, options.sample);
    let c = ZERO_COUNTS;
    for (const r of records) c = addCounts(c, evaluateDoc(pipeline, r).counts);
    per[corpus.name] = c;
  }
  const tbaq = addCounts(per.timebank ?? ZERO_COUNTS, per.aquaint ?? ZERO_COUNTS);
  if (per.timebank) out.push(...rows('tempeval3 timebank', per.timebank));
  if (per.aquaint) out.push(...rows('tempeval3 aquaint', per.aquaint));
  if (per.timebank || per.aquaint) out.push(...rows('tempeval3 timebank+aquaint', tbaq));
  if (per.meantime) out.push(...rows('meantime train', per.meantime));
  out.push(...rows('all combined', addCounts(tbaq, per.meantime ?? ZERO_COUNTS)));
  return out;
}
