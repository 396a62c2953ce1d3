// Precision, recall and F1 over spans: exact matches, or one-to-one overlapping matches.

export interface Span {
  start: number;
  end: number;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Sum counts of several PRFs (micro average). */
export function microPrf(parts: readonly PRF[]): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of parts) {
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
  }
  return prf(tp, fp, fn);
}

const key = (s: Span, label?: string) => `${s.start}:${s.end}${label === undefined ? '' : `:${label}`}`;

/** Exact span match, optionally also requiring equal labels. */
export function exactF1<T extends Span>(gold: readonly T[], pred: readonly T[], label?: (s: T) => string): PRF {
  const g = new Map<string, number>();
  for (const s of gold) {
    const k = key(s, label?.(s));
    g.set(k, (g.get(k) ?? 0) + 1);
  }
  let tp = 0;
  for (const s of pred) {
    const k = key(s, label?.(s));
    const c = g.get(k) ?? 0;
    if (c > 0) {
      tp++;
      g.set(k, c - 1);
    }
  }
  return prf(tp, pred.length - tp, gold.length - tp);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * One-to-one matching of overlapping spans (greedy by overlap size), optionally with an
 * extra condition on a matched pair (e.g. equal values).
 */
export function overlapF1<G extends Span, P extends Span>(
  gold: readonly G[],
  pred: readonly P[],
  accept: (g: G, p: P) => boolean = () => true,
): PRF & { pairs: Array<[G, P]> } {
  // [overlap, union, gold index, pred index]: the largest overlap first; among equal
  // overlaps the closest extents (smallest union), so a nested gold span ("2009" inside
  // "from 2009 to 2011") pairs with the prediction of its own extent
  const candidates: Array<[number, number, number, number]> = [];
  for (let i = 0; i < gold.length; i++)
    for (let j = 0; j < pred.length; j++) {
      const g = gold[i];
      const p = pred[j];
      if (overlaps(g, p))
        candidates.push([
          Math.min(g.end, p.end) - Math.max(g.start, p.start),
          Math.max(g.end, p.end) - Math.min(g.start, p.start),
          i,
          j,
        ]);
    }
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const gu = new Set<number>();
  const pu = new Set<number>();
  const pairs: Array<[G, P]> = [];
  for (const [, , i, j] of candidates) {
    if (gu.has(i) || pu.has(j)) continue;
    gu.add(i);
    pu.add(j);
    pairs.push([gold[i], pred[j]]);
  }
  const tp = pairs.filter(([g, p]) => accept(g, p)).length;
  return { ...prf(tp, pred.length - tp, gold.length - tp), pairs };
}
