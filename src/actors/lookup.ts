// The actor (and mention) covering a span of the text, for the event coder and the quote stage.
// The index is built once per document (linear in the mentions) and kept with its actors.
import type { Doc } from '../doc/doc.js';
import type { Actor, ActorMention } from '../doc/types.js';

export interface ActorHit {
  actor: Actor;
  mention: ActorMention;
}

interface Covered {
  start: number;
  end: number;
  hit: ActorHit;
}

/** Mention extents sorted by start, with a running maximum of ends for interval search. */
export interface ActorIndex {
  items: Covered[];
  maxEnd: Int32Array;
}

const cache = new WeakMap<readonly Actor[], ActorIndex>();

/** The index of `doc.actors` (built on first use, then cached). */
export function actorIndex(doc: Pick<Doc, 'actors'>): ActorIndex {
  const hit = cache.get(doc.actors);
  if (hit) return hit;
  const items: Covered[] = [];
  for (const actor of doc.actors)
    for (const mention of actor.mentions) {
      const start = Math.min(mention.start, mention.extent?.start ?? mention.start);
      const end = Math.max(mention.end, mention.extent?.end ?? mention.end);
      items.push({ start, end, hit: { actor, mention } });
    }
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  const maxEnd = new Int32Array(items.length);
  let m = -1;
  for (let i = 0; i < items.length; i++) {
    m = Math.max(m, items[i].end);
    maxEnd[i] = m;
  }
  const index = { items, maxEnd };
  cache.set(doc.actors, index);
  return index;
}

/**
 * The actor whose mention best covers [start, end): among mentions overlapping the span, the
 * one with the largest overlap relative to both lengths (so "Japan" finds Japan and "Japan and
 * North Korea" finds the group). Null when no mention overlaps.
 */
export function actorAt(doc: Pick<Doc, 'actors'>, start: number, end: number): ActorHit | null {
  const { items, maxEnd } = actorIndex(doc);
  if (end <= start) end = start + 1;
  // last item starting before `end`
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  let best: ActorHit | null = null;
  let bestScore = 0;
  for (let i = lo - 1; i >= 0 && maxEnd[i] > start; i--) {
    const it = items[i];
    const overlap = Math.min(end, it.end) - Math.max(start, it.start);
    if (overlap <= 0) continue;
    // the mention's own span counts more than its extent
    const ms = it.hit.mention.start;
    const me = it.hit.mention.end;
    const core = Math.max(0, Math.min(end, me) - Math.max(start, ms));
    const score = (overlap * overlap) / ((end - start) * (it.end - it.start)) + (core > 0 ? 0.001 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = it.hit;
    }
  }
  return best;
}
