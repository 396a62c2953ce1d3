// Where a clause happened: the place attached to the clause's verb by "in", "at", "near"
// ("met ... in Mongolia", "said in Sydney", "held in Vietnam"). With a dependency parse the
// place must hang from the verb (directly, or from its object or subject noun); without one,
// the nearest preposition-introduced place of the same clause is taken.
import type { Doc } from '../doc/doc.js';
import type { Place, Token } from '../doc/types.js';

const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'on', 'from']);
/** Tokens that end a clause when no parse is available. */
const CLAUSE_BREAK = /^(;|:|"|“|”|—|–|--|\(|\))$/;
const MAX_AFTER = 14;
const MAX_BEFORE = 10;

/** The place of the clause around token `tokenIndex` (typically its verb), or null. */
export function placeOfClause(doc: Doc, tokenIndex: number): Place | null {
  const { tokens } = doc;
  if (tokenIndex < 0 || tokenIndex >= tokens.length || doc.places.length === 0) return null;
  const sentence = tokens[tokenIndex].sentence;
  const candidates: Array<{ place: Place; first: number; prep: string }> = [];
  for (const p of doc.places) {
    const first = firstTokenOf(tokens, p.start);
    if (first < 1 || tokens[first].sentence !== sentence) continue;
    const prep = (tokens[first - 1].norm ?? tokens[first - 1].text).toLowerCase();
    if (!LOCATIVE.has(prep) || prep === 'on' || prep === 'from') continue;
    candidates.push({ place: p, first, prep });
  }
  if (candidates.length === 0) return null;
  const parsed = tokens[tokenIndex].head !== undefined && tokens[tokenIndex].dep !== undefined;
  return parsed ? byParse(tokens, tokenIndex, candidates) : byDistance(tokens, tokenIndex, candidates);
}

function firstTokenOf(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < tokens.length && tokens[lo].start <= offset && offset < tokens[lo].end ? lo : -1;
}

function byParse(
  tokens: readonly Token[],
  tokenIndex: number,
  candidates: Array<{ place: Place; first: number }>,
): Place | null {
  // climb to the clause's verb
  let verb = tokenIndex;
  for (let guard = 0; guard < 50; guard++) {
    const t = tokens[verb];
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.head === undefined || t.head < 0) break;
    verb = t.head;
  }
  let best: Place | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // the place's syntactic head: climb from its first token out of the name
    let h = c.first;
    for (let guard = 0; guard < 10; guard++) {
      const up = tokens[h].head;
      if (up === undefined || up < 0 || tokens[up].start >= c.place.end || tokens[up].start < c.place.start) break;
      h = up;
    }
    const attach = tokens[h].head ?? -1;
    let rank = Number.POSITIVE_INFINITY;
    if (attach === verb) rank = 0;
    else if (attach >= 0 && tokens[attach].head === verb) rank = 1;
    else if (
      attach >= 0 &&
      tokens[attach].head !== undefined &&
      tokens[attach].head! >= 0 &&
      tokens[tokens[attach].head!].head === verb
    )
      rank = 2;
    if (rank === Number.POSITIVE_INFINITY) continue;
    rank += Math.abs(c.first - verb) / 1000;
    if (rank < bestRank) {
      bestRank = rank;
      best = c.place;
    }
  }
  return best ?? byDistance(tokens, tokenIndex, candidates);
}

function byDistance(
  tokens: readonly Token[],
  tokenIndex: number,
  candidates: Array<{ place: Place; first: number }>,
): Place | null {
  let best: Place | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const after = c.first > tokenIndex;
    const dist = Math.abs(c.first - tokenIndex);
    if (after ? dist > MAX_AFTER : dist > MAX_BEFORE) continue;
    // no clause break between the token and the place
    const [a, b] = after ? [tokenIndex + 1, c.first] : [c.first, tokenIndex];
    let broken = false;
    for (let k = a; k < b && !broken; k++) broken = CLAUSE_BREAK.test(tokens[k].text);
    if (broken) continue;
    // places after the verb are its complements; before it, usually another clause's
    const d = after ? dist : dist * 2;
    if (d < bestDist) {
      bestDist = d;
      best = c.place;
    }
  }
  return best;
}
