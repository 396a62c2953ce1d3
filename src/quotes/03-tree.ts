// A compact view of the dependency parse for the quotes stage: children lists and subtree
// bounds for every token, computed once per document in linear time (the helpers of
// src/syntax/tree.ts rescan the sentence on each call, which is fine for one lookup but not
// for every cue of a long document).
import type { Token } from '../doc/types.js';
import { baseRelation } from '../syntax/tree.js';

export interface ParseView {
  tokens: readonly Token[];
  /** Children of token i: childIndex[childStart[i] .. childStart[i+1]), in text order. */
  childStart: Int32Array;
  childIndex: Int32Array;
  /** First and last token (inclusive) of the subtree of i. */
  first: Int32Array;
  last: Int32Array;
  /** Lower-cased normalised form of each token. */
  lower: string[];
  /** Whether the document has a parse. */
  parsed: boolean;
}

export function buildParseView(tokens: readonly Token[]): ParseView {
  const n = tokens.length;
  const parsed = n > 0 && tokens.some((t) => t.head !== undefined && t.dep !== undefined);
  const count = new Int32Array(n + 1);
  const head = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const h = tokens[i].head;
    if (parsed && h !== undefined && h >= 0 && h < n && h !== i && tokens[h].sentence === tokens[i].sentence) {
      head[i] = h;
      count[h + 1]++;
    }
  }
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i] + count[i + 1];
  const fill = childStart.slice(0, n);
  const childIndex = new Int32Array(childStart[n]);
  for (let i = 0; i < n; i++) if (head[i] >= 0) childIndex[fill[head[i]]++] = i;
  // subtree bounds: process tokens from the deepest up (a post-order from each root)
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    first[i] = i;
    last[i] = i;
  }
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let k = 0;
  for (let r = 0; r < n; r++) {
    if (head[r] >= 0) continue;
    // iterative DFS: pre-order, then bounds are folded in reverse
    const stack = [r];
    while (stack.length) {
      const x = stack.pop() as number;
      if (seen[x]) continue;
      seen[x] = 1;
      order[k++] = x;
      for (let c = childStart[x]; c < childStart[x + 1]; c++) stack.push(childIndex[c]);
    }
  }
  // tokens in a head cycle are never reached from a root: they keep their own bounds
  for (let j = k - 1; j >= 0; j--) {
    const x = order[j];
    const h = head[x];
    if (h < 0 || !seen[h]) continue;
    if (first[x] < first[h]) first[h] = first[x];
    if (last[x] > last[h]) last[h] = last[x];
  }
  const lower = tokens.map((t) => (t.norm ?? t.text).toLowerCase());
  return { tokens, childStart, childIndex, first, last, lower, parsed };
}

export function depOf(v: ParseView, i: number): string {
  return v.tokens[i].dep ?? '';
}

export function headOf(v: ParseView, i: number): number {
  const h = v.tokens[i].head;
  return h === undefined || h < 0 || h >= v.tokens.length ? -1 : h;
}

/** Children of i whose relation is one of `rels` (base relation matches subtypes). */
export function kids(v: ParseView, i: number, rels: readonly string[]): number[] {
  const out: number[] = [];
  for (let c = v.childStart[i]; c < v.childStart[i + 1]; c++) {
    const j = v.childIndex[c];
    const dep = v.tokens[j].dep ?? '';
    if (rels.some((r) => (r.includes(':') ? dep === r : baseRelation(dep) === r))) out.push(j);
  }
  return out;
}

export function kid(v: ParseView, i: number, rels: readonly string[]): number {
  const k = kids(v, i, rels);
  return k.length ? k[0] : -1;
}

const EDGE_PUNCT = /^[\s,;:.!?—–\-"“”'‘’«»()]+$/;

/** Token range [a, b] (inclusive) without punctuation at either edge. */
export function trimPunct(v: ParseView, a: number, b: number): [number, number] {
  while (a < b && EDGE_PUNCT.test(v.tokens[a].text)) a++;
  while (b > a && EDGE_PUNCT.test(v.tokens[b].text)) b--;
  return [a, b];
}

/**
 * Subtree of i as a token range, leaving out the subtrees of the children in `skip`
 * (only those at the edges can be cut off; an inner one keeps the range contiguous).
 */
export function subtreeRange(v: ParseView, i: number, skip: ReadonlySet<number> = new Set()): [number, number] {
  let a = v.first[i];
  let b = v.last[i];
  if (skip.size) {
    const kidsIn: number[] = [];
    for (let c = v.childStart[i]; c < v.childStart[i + 1]; c++) kidsIn.push(v.childIndex[c]);
    // cut skipped children at the left edge
    for (const c of kidsIn) {
      if (c > i) break;
      if (skip.has(c) && v.first[c] === a) a = v.last[c] + 1;
    }
    for (let q = kidsIn.length - 1; q >= 0; q--) {
      const c = kidsIn[q];
      if (c < i) break;
      if (skip.has(c) && v.last[c] === b) b = v.first[c] - 1;
    }
    if (a > i) a = Math.min(a, i);
    if (b < i) b = Math.max(b, i);
  }
  return [a, b];
}

/**
 * The relation of child j to its head as the cue frames name it: the base UD relation, with
 * the preposition or subordinator for obl/nmod/advcl/acl ("obl:for" in "called for X",
 * "advcl:to"), `nsubj:pass` for the subject of a passive, and ccomp/xcomp/obj/parataxis as they are.
 */
export function frameRelation(v: ParseView, j: number): string {
  const dep = depOf(v, j);
  // the subject of a passive cue is what is reported, not who reports ("The meeting was first
  // reported by Politico"): a frame of its own, apart from the active subject
  if (dep === 'nsubj:pass') return dep;
  const base = baseRelation(dep);
  if (base === 'obl' || base === 'nmod' || base === 'advcl' || base === 'acl') {
    const m = kid(v, j, ['case', 'mark']);
    if (m >= 0 && m < j) return `${base}:${v.lower[m]}`;
  }
  return base;
}

/**
 * The key of token i in the learned frames (data/quotes/cue-frames.tsv): its lemma, with `/n`
 * for a noun and `/a` for an adjective ("claim/n" in "his claim that", "confident/a"), so that a
 * noun or adjective cue has frames of its own, apart from the verb of the same lemma.
 */
export function frameLemma(v: ParseView, i: number): string {
  const t = v.tokens[i];
  const lemma = (t.lemma ?? v.lower[i]).toLowerCase();
  return t.pos === 'NOUN' ? `${lemma}/n` : t.pos === 'ADJ' ? `${lemma}/a` : lemma;
}
