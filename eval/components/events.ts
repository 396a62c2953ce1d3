// Event coding.
// - PLOVER GSR dev (CC BY-SA): event-type F1 (PLOVER type of each coded event that happened,
//   via the CAMEO -> PLOVER crosswalk, against the sentence's one gold event), and for matched
//   events whether source and target countries are both right.
// - ConfliBERT CAMEO train split (GPL, evaluation only: read from ../shared, never copied):
//   quad-class accuracy of the sentence's main event in the annotators' PentaClass convention,
//   and source/target span-overlap F1 of the main event.
// - The reference article (../shared/examples): the events the project's issue lists, each with
//   direction, root, date and place; the negated statements; events outside that list.
import { readFileSync } from 'node:fs';
import type { Doc } from '../../src/doc/doc.js';
import type { CodedEvent } from '../../src/doc/types.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { type EvalComponent, type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';

interface GoldActor {
  text: string;
  start: number;
  end: number;
  country: string | null;
  code: string;
}
interface GsrRecord {
  id: string;
  text: string;
  events: Array<{ cameo: string; plover: string; reciprocal: boolean; sources: GoldActor[]; targets: GoldActor[] }>;
}
interface ConfliRecord {
  id: string;
  text: string;
  quad: number | null;
  source_spans: Array<[number, number, string]> | null;
  target_spans: Array<[number, number, string]> | null;
  reciprocal_spans: Array<[number, number, string]> | null;
}

/** Events that count as having happened. */
const happened = (e: CodedEvent) => !e.negated && !e.hypothetical;

function countryOf(doc: Doc, side: CodedEvent['source']): string | null {
  if (!side) return null;
  const a = side.actor ? doc.actors.find((x) => x.id === side.actor) : null;
  if (a?.country) return a.country;
  // international actors: the gold data writes IGO / NGO where a country would be
  const code = side.code ?? '';
  return /^[A-Z]{3}/.test(code) && !['GOV', 'MIL', 'REB', 'OPP', 'CVL', 'BUS', 'MED'].includes(code.slice(0, 3))
    ? code.slice(0, 3)
    : null;
}

/** The sentence's main event: the one whose trigger is highest in the parse, then the earliest. */
export function mainEvent(doc: Doc, events: readonly CodedEvent[]): CodedEvent | null {
  let best: CodedEvent | null = null;
  let bestDepth = Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (!e.trigger) continue;
    const t = doc.tokens.findIndex((x) => x.start <= e.trigger!.start && e.trigger!.start < x.end);
    let d = 0;
    for (let x = t; x >= 0 && d < 50; d++) x = doc.tokens[x].head ?? -1;
    if (d < bestDepth || (d === bestDepth && best && e.trigger.start < best.trigger!.start)) {
      best = e;
      bestDepth = d;
    }
  }
  return best;
}

export function scoreGsr(records: GsrRecord[], showErrors = false): EvalResult[] {
  const pipeline = createPipeline('full');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let matched = 0;
  let dyadRight = 0;
  let mainRight = 0;
  for (const r of records) {
    const doc = pipeline.run({ id: r.id, text: r.text, date: null });
    const events = doc.events.filter((e) => happened(e) && e.plover?.event);
    const types = new Set(events.map((e) => e.plover!.event!));
    const gold = r.events[0];
    const main = mainEvent(doc, events);
    if (main?.plover?.event === gold.plover) mainRight++;
    if (types.has(gold.plover)) {
      tp++;
      matched++;
      const goldSrc = new Set(gold.sources.map((g) => g.country));
      const goldTgt = new Set(gold.targets.map((g) => g.country));
      const parties = new Set([...goldSrc, ...goldTgt]);
      const ok = events
        .filter((e) => e.plover!.event === gold.plover)
        .some((e) => {
          const s = countryOf(doc, e.source);
          const t = countryOf(doc, e.target);
          if (gold.reciprocal || gold.targets.length === 0) {
            const srcOk = parties.has(s);
            const tgtOk = gold.targets.length === 0 && !gold.reciprocal ? true : t === null || parties.has(t);
            return srcOk && tgtOk;
          }
          return goldSrc.has(s) && goldTgt.has(t);
        });
      if (ok) dyadRight++;
      else if (showErrors)
        console.log(
          `   dyad ${r.id}: gold ${[...goldSrc].join('+')} -> ${[...goldTgt].join('+')}; got ${events
            .filter((e) => e.plover!.event === gold.plover)
            .map((e) => `${e.source?.code ?? '-'} -> ${e.target?.code ?? '-'}`)
            .join(', ')}`,
        );
    } else {
      fn++;
      if (showErrors)
        console.log(
          `   miss ${r.id} gold ${gold.plover} ${gold.cameo}: got ${[...types].join(',') || '-'} | ${r.text.slice(0, 110)}`,
        );
    }
    for (const t of types)
      if (t !== gold.plover) {
        fp++;
        if (showErrors) console.log(`   extra ${r.id} ${t} (gold ${gold.plover}) | ${r.text.slice(0, 110)}`);
      }
  }
  const p = tp / Math.max(1, tp + fp);
  const rc = tp / Math.max(1, tp + fn);
  const f1 = p + rc ? (2 * p * rc) / (p + rc) : 0;
  const ds = 'plover-gsr-dev';
  return [
    { dataset: ds, metric: 'event-type precision', value: p, n: tp + fp },
    { dataset: ds, metric: 'event-type recall', value: rc, n: records.length },
    { dataset: ds, metric: 'event-type F1', value: f1, n: records.length },
    {
      dataset: ds,
      metric: 'main-event type accuracy',
      value: mainRight / Math.max(1, records.length),
      n: records.length,
    },
    { dataset: ds, metric: 'matched: source+target country', value: dyadRight / Math.max(1, matched), n: matched },
  ];
}

/** PentaClass of the ConfliBERT annotation: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15, 17-20. */
export function pentaClass(root: string): number {
  const r = Number(root);
  if (r <= 2) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13 || r === 16) return 3;
  return 4;
}

const overlaps = (a: [number, number], b: { start?: number; end?: number } | null | undefined) =>
  !!b && b.start !== undefined && b.end !== undefined && a[0] < b.end && b.start < a[1];

export function scoreConfli(records: ConfliRecord[], showErrors = false): EvalResult[] {
  const pipeline = createPipeline('full');
  let n = 0;
  let right = 0;
  let withEvent = 0;
  let rightCovered = 0;
  const conf = Array.from({ length: 5 }, () => new Array<number>(6).fill(0));
  const span = { src: { tp: 0, fp: 0, fn: 0 }, tgt: { tp: 0, fp: 0, fn: 0 } };
  for (const r of records) {
    if (r.quad === null) continue;
    const doc = pipeline.run({ id: r.id, text: r.text, date: null });
    const main = mainEvent(doc, doc.events.filter(happened));
    n++;
    const got = main ? pentaClass(main.root) : -1;
    conf[r.quad][got < 0 ? 5 : got]++;
    if (main) withEvent++;
    if (got === r.quad) {
      right++;
      rightCovered++;
    } else if (showErrors && main)
      console.log(
        `   quad ${r.id} gold ${r.quad} got ${got} (${main.code} "${main.trigger?.text}") | ${r.text.slice(0, 100)}`,
      );
    if (r.source_spans !== null) {
      const goldSrc = [...(r.source_spans ?? []), ...(r.reciprocal_spans ?? [])].map(
        (s) => [s[0], s[1]] as [number, number],
      );
      const goldTgt = [...(r.target_spans ?? []), ...(r.reciprocal_spans ?? [])].map(
        (s) => [s[0], s[1]] as [number, number],
      );
      for (const [side, gold, pred] of [
        ['src', goldSrc, main?.source],
        ['tgt', goldTgt, main?.target],
      ] as const) {
        const s = span[side];
        const has = pred && pred.start !== undefined;
        if (has && gold.some((g) => overlaps(g, pred))) s.tp++;
        else {
          if (has) s.fp++;
          if (gold.length) s.fn++;
        }
      }
    }
  }
  const f1 = (s: { tp: number; fp: number; fn: number }) => (2 * s.tp) / Math.max(1, 2 * s.tp + s.fp + s.fn);
  const ds = 'conflibert-train (eval only)';
  // the confusion counts alone (no sentences): EVENTWIRE_EVAL_CONFUSION=1
  if (showErrors || process.env.EVENTWIRE_EVAL_CONFUSION)
    console.log(`   confusion (gold rows 0-4, predicted 0-4, none): ${conf.map((r) => r.join(' ')).join(' | ')}`);
  return [
    {
      dataset: ds,
      metric: 'main-event quad accuracy',
      value: right / Math.max(1, n),
      n,
      note: 'PentaClass; no event = wrong',
    },
    { dataset: ds, metric: 'quad accuracy where coded', value: rightCovered / Math.max(1, withEvent), n: withEvent },
    { dataset: ds, metric: 'sentences with an event', value: withEvent / Math.max(1, n), n },
    { dataset: ds, metric: 'source span-overlap F1', value: f1(span.src) },
    { dataset: ds, metric: 'target span-overlap F1', value: f1(span.tgt) },
  ];
}

/** What the project's issue lists for the reference article: direction, root, date, place. */
interface Expected {
  what: string;
  source: string;
  target: string | null;
  roots: string[];
  date?: RegExp;
  place?: string;
}
const EXPECTED: Expected[] = [
  {
    what: 'Japan negotiates with North Korea (Mongolia)',
    source: 'JPN',
    target: 'PRK',
    roots: ['04'],
    date: /^2007-09-06$/,
    place: 'MNG',
  },
  {
    what: 'North Korea negotiates with Japan (Mongolia)',
    source: 'PRK',
    target: 'JPN',
    roots: ['04'],
    date: /^2007-09-06$/,
    place: 'MNG',
  },
  { what: 'Japan: intent to keep negotiating', source: 'JPN', target: 'PRK', roots: ['03'] },
  { what: 'North Korea: intent to keep negotiating', source: 'PRK', target: 'JPN', roots: ['03'] },
  { what: 'North Korea abducted Japanese (1970s/80s)', source: 'PRK', target: 'JPN', roots: ['18'], date: /^19[78]/ },
  { what: 'North Korea acknowledges', source: 'PRK', target: null, roots: ['01'] },
  { what: 'North Korea returns five victims', source: 'PRK', target: 'JPN', roots: ['08'] },
  { what: 'Japan accuses North Korea (hiding survivors)', source: 'JPN', target: 'PRK', roots: ['11'] },
  { what: 'Japan appeals to / demands of North Korea', source: 'JPN', target: 'PRK', roots: ['02', '10'] },
  { what: 'North Korea demands compensation from Japan', source: 'PRK', target: 'JPN', roots: ['10'] },
  { what: 'six-nation agreement (February)', source: '', target: null, roots: ['05', '03'], date: /^2007-02/ },
  {
    what: 'March talks in Vietnam break down',
    source: 'JPN',
    target: 'PRK',
    roots: ['16', '04'],
    date: /^2007-03/,
    place: 'VNM',
  },
  { what: 'mutual accusations (March)', source: 'PRK', target: 'JPN', roots: ['11'], date: /^2007-03/ },
  {
    what: 'Japan imposes sanctions on North Korea (2006)',
    source: 'JPN',
    target: 'PRK',
    roots: ['16', '17'],
    date: /^2006/,
  },
];

export function scoreReference(doc: Doc, showErrors = false): EvalResult[] {
  const ev = doc.events.filter(happened);
  const ctry = (s: CodedEvent['source']) => countryOf(doc, s) ?? '';
  const used = new Set<CodedEvent>();
  let found = 0;
  for (const x of EXPECTED) {
    const hit = ev.find(
      (e) =>
        x.roots.includes(e.root) &&
        (x.source === '' ? !e.source?.actor : ctry(e.source) === x.source) &&
        (x.target === null || ctry(e.target) === x.target) &&
        (!x.date || x.date.test(e.date ?? '')) &&
        (!x.place || e.place?.country === x.place),
    );
    if (hit) {
      found++;
      used.add(hit);
    } else if (showErrors) console.log(`   missing: ${x.what}`);
  }
  // the negated statements must give no happened event
  const negatedSentences = doc.sentences
    .map((s, i) => ({ i, text: doc.text.slice(s.start, s.end) }))
    .filter((s) => /neither side walked out|never established diplomatic ties/.test(s.text));
  const negHappened = ev.filter((e) =>
    negatedSentences.some((s) => s.i === e.sentence && /walk|establish/.test(e.trigger?.text ?? '')),
  );
  // events the list does not name (also the mirrored directions of the listed symmetric ones)
  const others = ev.filter(
    (e) =>
      !used.has(e) &&
      !EXPECTED.some(
        (x) =>
          x.roots.includes(e.root) &&
          [x.source, x.target].includes(ctry(e.source)) &&
          [x.source, x.target, null].includes(ctry(e.target) || null),
      ),
  );
  if (showErrors)
    for (const e of others)
      console.log(
        `   not in the list: [${e.sentence}] ${e.code} ${e.source?.code ?? e.source?.name} -> ${e.target?.code ?? '-'} "${e.trigger?.text}" ${e.date}`,
      );
  const ds = 'reference article';
  return [
    { dataset: ds, metric: 'listed events found', value: found / EXPECTED.length, n: EXPECTED.length },
    {
      dataset: ds,
      metric: 'negated statements as happened',
      value: negHappened.length,
      n: negatedSentences.length,
      note: 'must be 0',
    },
    { dataset: ds, metric: 'events outside the list', value: others.length, note: 'to review by eye: at most 3 wrong' },
    { dataset: ds, metric: 'events (happened)', value: ev.length },
  ];
}

export const eventsComponent: EvalComponent = {
  name: 'events',
  title:
    'event type and dyad F1 (PLOVER GSR dev), main-event quad accuracy and span F1 (ConfliBERT, eval only), reference article',
  run({ sample }) {
    const out: EvalResult[] = [];
    // EVENTWIRE_EVAL_ERRORS=gsr lists the PLOVER errors only (ConfliBERT sentences stay unread)
    const errs = process.env.EVENTWIRE_EVAL_ERRORS ?? '';
    const show = !!errs && errs !== 'gsr';
    const gsr = 'data/cameo-dev/plover-gsr-dev.jsonl';
    if (hasShared(gsr)) {
      let records = readJsonl<GsrRecord>(sharedPath(gsr));
      if (sample) records = records.slice(0, sample);
      out.push(...scoreGsr(records, !!errs));
    }
    const cb = 'data/cameo-dev/conflibert-train.jsonl';
    if (hasShared(cb)) {
      let records = readJsonl<ConfliRecord>(sharedPath(cb)).filter((r) => r.quad !== null);
      if (sample) records = records.slice(0, sample);
      out.push(...scoreConfli(records, show));
    }
    const ref = 'examples/japan-north-korea-talks.txt';
    if (hasShared(ref)) {
      const doc = createPipeline('full').run({
        id: 'reference',
        text: readFileSync(sharedPath(ref), 'utf8'),
        date: '2007-09-06',
      });
      out.push(...scoreReference(doc, show));
    }
    return out;
  },
};
