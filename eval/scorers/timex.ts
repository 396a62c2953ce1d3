// TIMEX3 scoring (TempEval-3 style): relaxed span match (overlap, one to one), strict span
// match (same offsets), type accuracy over relaxed matches, and value F1: a relaxed match
// whose values are equal counts as a true positive against all predicted and all gold
// expressions. Values are compared after folding notations TIMEX3 uses interchangeably
// (see canonicalValue).
import { exactF1, overlapF1, type PRF, prf } from './spans.js';

export interface TimexSpan {
  start: number;
  end: number;
  type: string;
  value: string | null;
}

export interface TimexCounts {
  gold: number;
  pred: number;
  /** Relaxed (overlap) matches. */
  relaxed: number;
  strict: number;
  /** Relaxed matches with the same type. */
  typeOk: number;
  /** Relaxed matches with the same (canonical) value. */
  valueOk: number;
}

export interface TimexScores {
  relaxed: PRF;
  strict: PRF;
  typeAccuracy: number | null;
  value: PRF;
  counts: TimexCounts;
}

/**
 * Fold equivalent TIMEX3 notations: a decade or century written with or without its X
 * ("197" / "197X", "19" / "19XX"), week numbers with or without a leading zero
 * ("2000-W7" / "2000-W07") and an hour with or without minutes ("T17" / "T17:00"): each pair
 * writes the same value. Nothing else is folded: a value with fields marked unknown
 * ("1949-XX", "1998-10-XX") is not the same value as one that leaves them out ("1949"),
 * since neither dataset's README defines a looser comparison.
 */
export function canonicalValue(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  let s = v.trim().toUpperCase();
  const dec = /^(\d{2,3})X+$/.exec(s);
  if (dec) return dec[1];
  s = s.replace(/-W(\d)(?!\d)/, '-W0$1');
  s = s.replace(/T(\d\d)$/, 'T$1:00');
  return s;
}

export function countTimex(gold: readonly TimexSpan[], pred: readonly TimexSpan[]): TimexCounts {
  const relaxed = overlapF1(gold, pred);
  const strict = exactF1(gold, pred);
  let typeOk = 0;
  let valueOk = 0;
  for (const [g, p] of relaxed.pairs) {
    if (g.type === p.type) typeOk++;
    const gv = canonicalValue(g.value);
    if (gv !== null && gv === canonicalValue(p.value)) valueOk++;
  }
  return { gold: gold.length, pred: pred.length, relaxed: relaxed.pairs.length, strict: strict.tp, typeOk, valueOk };
}

export function addCounts(a: TimexCounts, b: TimexCounts): TimexCounts {
  return {
    gold: a.gold + b.gold,
    pred: a.pred + b.pred,
    relaxed: a.relaxed + b.relaxed,
    strict: a.strict + b.strict,
    typeOk: a.typeOk + b.typeOk,
    valueOk: a.valueOk + b.valueOk,
  };
}

export const ZERO_COUNTS: TimexCounts = { gold: 0, pred: 0, relaxed: 0, strict: 0, typeOk: 0, valueOk: 0 };

export function timexScores(c: TimexCounts): TimexScores {
  return {
    relaxed: prf(c.relaxed, c.pred - c.relaxed, c.gold - c.relaxed),
    strict: prf(c.strict, c.pred - c.strict, c.gold - c.strict),
    typeAccuracy: c.relaxed === 0 ? null : c.typeOk / c.relaxed,
    value: prf(c.valueOk, c.pred - c.valueOk, c.gold - c.valueOk),
    counts: c,
  };
}
