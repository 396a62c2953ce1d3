// Quote attribution on PolNeAR dev (../shared/data/polnear/dev.jsonl): every gold attribution
// (source, cue, content) against the `quotes` layer of the full pipeline.
//
// Predicted quotes that share their cue and speaker (a quote carried on in the next sentence)
// form one attribution, as in PolNeAR, whose content is the union of their pieces.
// Predicted and gold attributions are paired one to one, greedily in text order:
//  - content F1 (overlap): a pair whose contents share at least one character;
//  - source F1 (exact): a content-overlapping pair whose speaker span equals the gold source
//    span exactly (precision over predicted attributions with a speaker, recall over gold
//    attributions with a source).
// Also reported for direct quotes alone: gold attributions whose content is in quotation marks
// (`content_is_quoted`) against predicted direct and mixed quotes.
import { createPipeline } from '../../src/pipeline/presets.js';
import { type EvalComponent, type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';

interface GoldSpans {
  spans: Array<[number, number]>;
  text: string;
}
interface GoldAttribution {
  type: string;
  source: GoldSpans | null;
  cue: GoldSpans | null;
  content: GoldSpans | null;
  content_is_quoted: boolean;
}
export interface PolnearRecord {
  id: string;
  date: string | null;
  text: string;
  attributions: GoldAttribution[];
}

export interface Unit {
  content: Array<[number, number]>;
  source: [number, number] | null;
  direct: boolean;
}

export interface Counts {
  pred: number;
  gold: number;
  contentMatch: number;
  predWithSource: number;
  goldWithSource: number;
  sourceMatch: number;
}

export function emptyCounts(): Counts {
  return { pred: 0, gold: 0, contentMatch: 0, predWithSource: 0, goldWithSource: 0, sourceMatch: 0 };
}

function overlaps(a: Array<[number, number]>, b: Array<[number, number]>): boolean {
  for (const [s1, e1] of a) for (const [s2, e2] of b) if (s1 < e2 && s2 < e1) return true;
  return false;
}

/** Score one document's predicted units against its gold units, adding to `c`. */
/**
 * The one-to-one pairing of predicted and gold attributions: pairs with the same source
 * first, then any content overlap. `usedP`/`usedG` mark the paired ones.
 */
export function pairUnits(
  pred: Unit[],
  gold: Unit[],
): { usedP: Uint8Array; usedG: Uint8Array; contentMatch: number; sourceMatch: number } {
  const usedP = new Uint8Array(pred.length);
  const usedG = new Uint8Array(gold.length);
  let contentMatch = 0;
  let sourceMatch = 0;
  const sameSource = (p: Unit, g: Unit) =>
    !!p.source && !!g.source && p.source[0] === g.source[0] && p.source[1] === g.source[1];
  for (const pass of [0, 1])
    for (let i = 0; i < pred.length; i++) {
      if (usedP[i]) continue;
      for (let j = 0; j < gold.length; j++) {
        if (usedG[j] || !overlaps(pred[i].content, gold[j].content)) continue;
        const same = sameSource(pred[i], gold[j]);
        if (pass === 0 && !same) continue;
        usedP[i] = 1;
        usedG[j] = 1;
        contentMatch++;
        if (same) sourceMatch++;
        break;
      }
    }
  return { usedP, usedG, contentMatch, sourceMatch };
}

export function scoreUnits(pred: Unit[], gold: Unit[], c: Counts): void {
  c.pred += pred.length;
  c.gold += gold.length;
  c.predWithSource += pred.filter((p) => p.source).length;
  c.goldWithSource += gold.filter((g) => g.source).length;
  const m = pairUnits(pred, gold);
  c.contentMatch += m.contentMatch;
  c.sourceMatch += m.sourceMatch;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function metrics(c: Counts): {
  contentP: number;
  contentR: number;
  contentF: number;
  sourceP: number;
  sourceR: number;
  sourceF: number;
} {
  const contentP = c.pred ? c.contentMatch / c.pred : 0;
  const contentR = c.gold ? c.contentMatch / c.gold : 0;
  const sourceP = c.predWithSource ? c.sourceMatch / c.predWithSource : 0;
  const sourceR = c.goldWithSource ? c.sourceMatch / c.goldWithSource : 0;
  return { contentP, contentR, contentF: f1(contentP, contentR), sourceP, sourceR, sourceF: f1(sourceP, sourceR) };
}

export function goldUnits(r: PolnearRecord): Unit[] {
  const out: Unit[] = [];
  for (const a of r.attributions) {
    if (!a.content || a.content.spans.length === 0) continue;
    const src = a.source?.spans.length
      ? ([Math.min(...a.source.spans.map((s) => s[0])), Math.max(...a.source.spans.map((s) => s[1]))] as [
          number,
          number,
        ])
      : null;
    out.push({ content: a.content.spans, source: src, direct: a.content_is_quoted });
  }
  return out;
}

type Coded = ReturnType<ReturnType<typeof createPipeline>['run']>;

export function predictedUnits(doc: Coded): Unit[] {
  const byKey = new Map<string, Unit>();
  const out: Unit[] = [];
  for (const q of doc.quotes) {
    const pieces: Array<[number, number]> = [
      [q.start, q.end],
      ...(q.parts ?? []).map((p) => [p.start, p.end] as [number, number]),
    ];
    const source: [number, number] | null =
      q.speaker && q.speaker.start !== null && q.speaker.end !== null ? [q.speaker.start, q.speaker.end] : null;
    const key = q.cue && source ? `${q.cue.start}:${source[0]}:${source[1]}` : null;
    const direct = q.kind !== 'indirect';
    const prev = key ? byKey.get(key) : undefined;
    if (prev) {
      prev.content.push(...pieces);
      prev.direct = prev.direct || direct;
      continue;
    }
    const u: Unit = { content: pieces, source, direct };
    if (key) byKey.set(key, u);
    out.push(u);
  }
  return out;
}

export interface QuotesEval {
  all: Counts;
  direct: Counts;
  docs: number;
  ms: number;
}

export function evaluatePolnear(records: PolnearRecord[]): QuotesEval {
  const pipeline = createPipeline('full');
  const all = emptyCounts();
  const direct = emptyCounts();
  let ms = 0;
  for (const r of records) {
    const t0 = performance.now();
    const doc = pipeline.run({ id: r.id, text: r.text, date: r.date });
    ms += performance.now() - t0;
    const pred = predictedUnits(doc);
    const gold = goldUnits(r);
    scoreUnits(pred, gold, all);
    scoreUnits(
      pred.filter((u) => u.direct),
      gold.filter((u) => u.direct),
      direct,
    );
  }
  return { all, direct, docs: records.length, ms };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export const quotesComponent: EvalComponent = {
  name: 'quotes',
  title: 'speaker (exact) and content (overlap) F1 of attributions (PolNeAR dev)',
  run({ sample }) {
    const path = 'data/polnear/dev.jsonl';
    if (!hasShared(path)) return [{ dataset: 'polnear-dev', metric: 'source F1', value: null, note: 'data absent' }];
    let records = readJsonl<PolnearRecord>(sharedPath(path));
    if (sample) records = records.slice(0, sample);
    const e = evaluatePolnear(records);
    const out: EvalResult[] = [];
    for (const [name, c] of [
      ['all', e.all],
      ['direct', e.direct],
    ] as const) {
      const m = metrics(c);
      const ds = `polnear-dev (${name})`;
      out.push(
        {
          dataset: ds,
          metric: 'source F1 (exact)',
          value: pct(m.sourceF),
          n: c.goldWithSource,
          note: `P ${pct(m.sourceP)} R ${pct(m.sourceR)}`,
        },
        {
          dataset: ds,
          metric: 'content F1 (overlap)',
          value: pct(m.contentF),
          n: c.gold,
          note: `P ${pct(m.contentP)} R ${pct(m.contentR)}`,
        },
      );
    }
    out.push({
      dataset: 'polnear-dev',
      metric: 'ms per document (full pipeline)',
      value: Math.round(e.ms / e.docs),
      n: e.docs,
    });
    return out;
  },
};
