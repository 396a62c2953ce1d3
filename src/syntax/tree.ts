// Reading the dependency parse on `doc.tokens`: heads are document-level token indices
// (-1 for a sentence root), so these helpers work on the token array alone. Later stages
// (events, quotes, actors) use them to find who did what to whom.
import type { Token } from '../doc/types.js';

/** "nsubj:pass" -> "nsubj". */
export function baseRelation(dep: string | undefined): string {
  if (!dep) return '';
  const c = dep.indexOf(':');
  return c < 0 ? dep : dep.slice(0, c);
}

/** Token index range [first, last) of the sentence that token `i` is in. */
export function sentenceRange(tokens: readonly Token[], i: number): [number, number] {
  const s = tokens[i].sentence;
  let a = i;
  let b = i + 1;
  while (a > 0 && tokens[a - 1].sentence === s) a--;
  while (b < tokens.length && tokens[b].sentence === s) b++;
  return [a, b];
}

/** Dependents of token `i`, in text order. */
export function children(tokens: readonly Token[], i: number): number[] {
  const [a, b] = sentenceRange(tokens, i);
  const out: number[] = [];
  for (let j = a; j < b; j++) if (tokens[j].head === i) out.push(j);
  return out;
}

/**
 * Dependents of `i` with one of the relations `rels`. A relation without a subtype also
 * matches its subtypes ("nsubj" matches "nsubj:pass"); one with a subtype matches exactly.
 */
export function childrenWith(tokens: readonly Token[], i: number, ...rels: string[]): number[] {
  return children(tokens, i).filter((j) => {
    const dep = tokens[j].dep ?? '';
    return rels.some((r) => (r.includes(':') ? dep === r : baseRelation(dep) === r));
  });
}

/** The first dependent of `i` with one of `rels` (see `childrenWith`), or -1. */
export function childWith(tokens: readonly Token[], i: number, ...rels: string[]): number {
  const c = childrenWith(tokens, i, ...rels);
  return c.length ? c[0] : -1;
}

/** Whether `d` is `a` or lies in the subtree of `a`. */
export function dominates(tokens: readonly Token[], a: number, d: number): boolean {
  let x = d;
  for (let guard = 0; guard < tokens.length && x >= 0; guard++) {
    if (x === a) return true;
    x = tokens[x].head ?? -1;
  }
  return false;
}

/** Heads from `i` up to its sentence root (excluding `i`). */
export function ancestors(tokens: readonly Token[], i: number): number[] {
  const out: number[] = [];
  let x = tokens[i].head ?? -1;
  for (let guard = 0; guard < tokens.length && x >= 0; guard++) {
    out.push(x);
    x = tokens[x].head ?? -1;
  }
  return out;
}

/** The root token of the sentence containing token `i`, or -1 when there is no parse. */
export function rootOf(tokens: readonly Token[], i: number): number {
  const [a, b] = sentenceRange(tokens, i);
  for (let j = a; j < b; j++) if (tokens[j].head === -1) return j;
  return -1;
}

export interface SubtreeSpan {
  /** First and last token index (inclusive) of the subtree. */
  first: number;
  last: number;
  /** Character offsets into doc.text, half-open. */
  start: number;
  end: number;
}

/**
 * The span covered by token `i` and everything below it. `exclude` drops the dependents
 * with those relations first (e.g. "punct", or "acl:relcl" to shorten a noun phrase).
 */
export function subtreeSpan(tokens: readonly Token[], i: number, exclude: readonly string[] = []): SubtreeSpan {
  const [a, b] = sentenceRange(tokens, i);
  let first = i;
  let last = i;
  for (let j = a; j < b; j++) {
    if (j === i) continue;
    // walk up from j; it belongs to the subtree if it reaches i without an excluded edge
    let x = j;
    let inside = false;
    for (let guard = 0; guard <= b - a && x >= 0; guard++) {
      const h = tokens[x].head ?? -1;
      if (h === i) {
        const dep = tokens[x].dep ?? '';
        inside = !exclude.some((r) => (r.includes(':') ? dep === r : baseRelation(dep) === r));
        break;
      }
      x = h;
    }
    if (!inside) continue;
    if (j < first) first = j;
    if (j > last) last = j;
  }
  return { first, last, start: tokens[first].start, end: tokens[last].end };
}

/** The noun-phrase span of a nominal token: its subtree without clauses and punctuation at the edges. */
export function nounPhraseSpan(tokens: readonly Token[], i: number): SubtreeSpan {
  const span = subtreeSpan(tokens, i, ['acl', 'advcl', 'parataxis', 'conj', 'cc', 'appos', 'punct']);
  return span;
}

/** The verb a predicate hangs on: for a copula or auxiliary, its head; else itself. */
export function predicateOf(tokens: readonly Token[], i: number): number {
  const dep = baseRelation(tokens[i].dep);
  if ((dep === 'aux' || dep === 'cop') && (tokens[i].head ?? -1) >= 0) return tokens[i].head as number;
  return i;
}

/** Whether a predicate is negated ("did not meet", "never established"). */
export function isNegated(tokens: readonly Token[], i: number): boolean {
  for (const j of childrenWith(tokens, i, 'advmod', 'neg', 'det')) {
    const l = (tokens[j].lemma ?? tokens[j].text).toLowerCase();
    if (l === 'not' || l === "n't" || l === 'never' || l === 'no') return true;
  }
  return false;
}
