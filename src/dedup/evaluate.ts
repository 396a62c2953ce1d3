// Scoring near-duplicate grouping on a generated set: base articles plus generated copies,
// streamed in date order (shuffled within a day) through the online index. A copy is found when it ends in the
// group of its original; a false merge is an original put in one group with another original.
import { textSignature } from './02-minhash.js';
import { dayNumber, NearDuplicateIndex, type NearDuplicateOptions } from './03-index.js';
import { type BaseArticle, type GeneratedCopy, generateCopies, seededRandom } from './generate.js';

export interface DedupScore {
  originals: number;
  copies: number;
  /** Copies grouped with their original. */
  found: number;
  /** Originals grouped with at least one other original. */
  falseMerges: number;
  /** Pairs of different originals in one group, over all pairs of originals. */
  falsePairs: number;
  pairs: number;
  byEdit: Map<string, { n: number; found: number }>;
  merged: Array<[string, string]>;
}

export function scoreNearDuplicates(
  bases: readonly BaseArticle[],
  options: { seed?: number; perArticle?: number; index?: Partial<NearDuplicateOptions> } = {},
): DedupScore {
  const copies = generateCopies(bases, { seed: options.seed ?? 7, perArticle: options.perArticle ?? 2 });
  const origin = new Map<string, string>();
  for (const b of bases) origin.set(b.id, b.id);
  for (const c of copies) origin.set(c.id, c.of);
  const stream: Array<BaseArticle | GeneratedCopy> = [...bases, ...copies];
  // a news stream: in date order, shuffled within a day (undated documents all on one day)
  const rand = seededRandom((options.seed ?? 7) + 1);
  const order = new Map(stream.map((d) => [d.id, rand()]));
  stream.sort((x, y) => {
    const dx = x.date ?? '';
    const dy = y.date ?? '';
    return dx < dy ? -1 : dx > dy ? 1 : order.get(x.id)! - order.get(y.id)!;
  });
  const index = new NearDuplicateIndex(options.index);
  const group = new Map<string, string>();
  for (const d of stream) {
    const sig = textSignature(d.text);
    if (!sig) {
      group.set(d.id, d.id);
      continue;
    }
    const day = dayNumber(d.date);
    const m = index.match(sig, day, d.id);
    const g = m?.group ?? d.id;
    group.set(d.id, g);
    index.add(d.id, sig, day, g);
  }
  const byEdit = new Map<string, { n: number; found: number }>();
  let found = 0;
  for (const c of copies) {
    const ok = group.get(c.id) === group.get(c.of);
    if (ok) found++;
    const key = c.edits.join('+');
    for (const k of [...c.edits.map((e) => `has ${e}`)]) {
      const s = byEdit.get(k) ?? { n: 0, found: 0 };
      s.n++;
      if (ok) s.found++;
      byEdit.set(k, s);
    }
    void key;
  }
  const members = new Map<string, string[]>();
  for (const b of bases) {
    const g = group.get(b.id)!;
    const list = members.get(g) ?? [];
    list.push(b.id);
    members.set(g, list);
  }
  let falseMerges = 0;
  let falsePairs = 0;
  const merged: Array<[string, string]> = [];
  for (const list of members.values()) {
    if (list.length < 2) continue;
    falseMerges += list.length;
    falsePairs += (list.length * (list.length - 1)) / 2;
    for (let i = 1; i < list.length; i++) merged.push([list[0], list[i]]);
  }
  return {
    originals: bases.length,
    copies: copies.length,
    found,
    falseMerges,
    falsePairs,
    pairs: (bases.length * (bases.length - 1)) / 2,
    byEdit,
    merged,
  };
}
