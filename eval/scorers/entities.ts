// Entity-level exact-match precision, recall and F1 (the conlleval convention): an entity
// counts when its sentence, token range and type all match a gold entity; micro-averaged, with
// a per-type breakdown.
import { type PRF, prf } from './spans.js';

export interface LabelledSpan {
  /** Sentence (or document-unique) index. */
  sentence: number;
  start: number;
  end: number;
  type: string;
}

/** eventwire types onto CoNLL-2003 types: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, the rest->MISC. */
export function toConllType(type: string): 'PER' | 'ORG' | 'LOC' | 'MISC' {
  switch (type) {
    case 'PERSON':
    case 'PER':
      return 'PER';
    case 'ORG':
      return 'ORG';
    case 'GPE':
    case 'LOC':
    case 'FAC':
      return 'LOC';
    default:
      return 'MISC';
  }
}

export interface EntityScore extends PRF {
  byType: Record<string, PRF>;
}

export function entityF1(gold: readonly LabelledSpan[], pred: readonly LabelledSpan[]): EntityScore {
  const key = (e: LabelledSpan) => `${e.sentence}:${e.start}:${e.end}:${e.type}`;
  const remaining = new Map<string, number>();
  for (const g of gold) remaining.set(key(g), (remaining.get(key(g)) ?? 0) + 1);
  const types = new Set([...gold.map((g) => g.type), ...pred.map((p) => p.type)]);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const t of types) counts.set(t, { tp: 0, fp: 0, fn: 0 });
  for (const p of pred) {
    const k = key(p);
    const c = counts.get(p.type)!;
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      c.tp++;
    } else c.fp++;
  }
  for (const g of gold) counts.get(g.type)!.fn++;
  for (const c of counts.values()) c.fn -= c.tp;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byType: Record<string, PRF> = {};
  for (const t of [...types].sort()) {
    const c = counts.get(t)!;
    byType[t] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { ...prf(tp, fp, fn), byType };
}
