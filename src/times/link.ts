// The time of a clause: which time expression dates the event expressed around a token.
// With a parse: an expression attached (obl:tmod, obl, nmod:tmod, advmod ...) to the verb of
// the token's clause, or to a noun inside it; a non-finite or coordinated clause with none of
// its own takes its parent's. Without a parse: the nearest expression in the same clause of
// the sentence, clauses being cut at semicolons, quotes and a comma before a subordinator.
import { type Doc, sentenceAt, tokenAt } from '../doc/doc.js';
import type { TimeExpression, Token } from '../doc/types.js';
import { governingVerb, spanHead } from './06-tense.js';

/** Relations through which a clause passes its time to a clause without one. */
const INHERIT = new Set(['xcomp', 'conj']);
/** Relations of a time expression directly on its verb (preferred over ones inside nouns). */
const TEMPORAL = new Set(['obl:tmod', 'nmod:tmod', 'obl', 'advmod', 'obl:npmod', 'nmod:npmod', 'npadvmod']);
/** Words that, after a comma, open a new clause. */
const CLAUSE_OPENERS = new Set([
  'but',
  'which',
  'who',
  'whom',
  'whose',
  'while',
  'although',
  'though',
  'whereas',
  'when',
  'because',
  'since',
  'and',
  'as',
  'after',
  'before',
  'where',
  'until',
]);
const CLAUSE_BREAKS = new Set([';', ':', '"', '“', '”', '(', ')', '—', '--']);

/** A time expression that can date an event: a point in time, a range, or a reference. */
function datesEvents(t: TimeExpression): boolean {
  if (t.type === 'DATE' || t.type === 'TIME') return true;
  return t.type === 'DURATION' && !!t.range;
}

interface Candidate {
  time: TimeExpression;
  first: number;
  last: number;
}

function candidatesOfSentence(doc: Doc, sentence: number): Candidate[] {
  const out: Candidate[] = [];
  // times are in text order: binary search the first one at or after the sentence start
  const s = doc.sentences[sentence];
  const times = doc.times;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < times.length && times[i].start < s.end; i++) {
    const t = times[i];
    if (!datesEvents(t)) continue;
    const first = tokenAt(doc, t.start);
    const last = tokenAt(doc, t.end - 1);
    if (first < 0 || last < 0) continue;
    out.push({ time: t, first, last });
  }
  return out;
}

/** Concrete dates first, then references (PAST_REF ...), then unknown ones (XXXX-XX-XX), then none. */
function rank(t: TimeExpression): number {
  if (t.value === null) return 3;
  if (t.value.startsWith('X')) return 2;
  return t.value.endsWith('_REF') ? 1 : 0;
}

function byParse(tokens: readonly Token[], token: number, cands: readonly Candidate[]): TimeExpression | null {
  let clause = governingVerb(tokens, token);
  if (clause < 0) return null;
  for (let step = 0; step < 4 && clause >= 0; step++) {
    let best: Candidate | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const c of cands) {
      const h = spanHead(tokens, c.first, c.last);
      if (h < 0) continue;
      const attach = tokens[h].head;
      if (attach === undefined || attach < 0) continue;
      if (governingVerb(tokens, attach) !== clause) continue;
      const direct = attach === clause && TEMPORAL.has(tokens[h].dep ?? '') ? 0 : 1;
      const score = rank(c.time) * 1000 + direct * 100 + Math.abs(c.first - token);
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best) return best.time;
    const dep = tokens[clause].dep ?? '';
    const parent = tokens[clause].head;
    if (!INHERIT.has(dep) || parent === undefined || parent < 0) return null;
    clause = governingVerb(tokens, parent);
  }
  return null;
}

function byProximity(doc: Doc, token: number, cands: readonly Candidate[]): TimeExpression | null {
  const tokens = doc.tokens;
  const s = tokens[token].sentence;
  // clause segment of each token of the sentence
  let s0 = token;
  while (s0 > 0 && tokens[s0 - 1].sentence === s) s0--;
  let s1 = token + 1;
  while (s1 < tokens.length && tokens[s1].sentence === s) s1++;
  const segments = new Int32Array(s1 - s0);
  let seg = 0;
  for (let j = s0; j < s1; j++) {
    segments[j - s0] = seg;
    const w = tokens[j].text;
    if (CLAUSE_BREAKS.has(w)) seg++;
    else if (w === ',' && j + 1 < s1 && CLAUSE_OPENERS.has(tokens[j + 1].text.toLowerCase())) seg++;
  }
  const segmentOf = (i: number): number => (i >= s0 && i < s1 ? segments[i - s0] : -1);
  const mySeg = segmentOf(token);
  let best: Candidate | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of cands) {
    if (segmentOf(c.first) !== mySeg) continue;
    // temporal adjuncts mostly follow their verb
    const dist = c.first > token ? c.first - token : (token - c.last) * 1.5;
    const score = rank(c.time) * 1000 + dist;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best ? best.time : null;
}

/**
 * The normalized time expression (DATE, TIME, a range, or a PAST/PRESENT/FUTURE reference)
 * that governs the clause of token `tokenIndex`, or null when the clause has none.
 * Needs the `times` layer; uses the parse when the document has the `syntax` layer.
 */
export function timeOfClause(doc: Doc, tokenIndex: number): TimeExpression | null {
  const tokens = doc.tokens;
  if (tokenIndex < 0 || tokenIndex >= tokens.length) return null;
  const sentence = tokens[tokenIndex].sentence ?? sentenceAt(doc, tokens[tokenIndex].start);
  if (sentence < 0 || sentence >= doc.sentences.length) return null;
  const cands = candidatesOfSentence(doc, sentence);
  if (cands.length === 0) return null;
  if (doc.layers.includes('syntax')) return byParse(tokens, tokenIndex, cands);
  return byProximity(doc, tokenIndex, cands);
}
