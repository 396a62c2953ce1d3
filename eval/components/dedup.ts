// Near-duplicate detection on a generated set: every ECB+ train and dev article (772 real news
// articles, 2 to 4 stories per topic) plus two generated copies of each (exact, or light
// rewrites: datelines, bylines, reordered and dropped sentences, typos, boilerplate, headline
// edits), streamed in date order (shuffled within a day) through the online index. Negatives are the other
// articles: ECB+ topics hold many different articles on the same kind of event, and some that
// are one agency text published by two outlets (natural copies, counted apart: two articles
// sharing at least half of the smaller one's word 4-shingles).

import { scoreNearDuplicates } from '../../src/dedup/evaluate.js';
import { shingleHashes, wordHashes } from '../../src/dedup/index.js';
import { type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';

interface EcbRecord {
  id: string;
  topic: number;
  subtopic: string;
  date: string | null;
  text: string;
}

function containment(a: string, b: string): number {
  const A = new Set(shingleHashes(wordHashes(a), 4));
  const B = new Set(shingleHashes(wordHashes(b), 4));
  let n = 0;
  for (const x of A) if (B.has(x)) n++;
  return n / Math.max(1, Math.min(A.size, B.size));
}

export function runDedupEval(options: { sample?: number }): EvalResult[] {
  if (!hasShared('data/ecbplus/dev.jsonl')) return [];
  let rows = [
    ...readJsonl<EcbRecord>(sharedPath('data/ecbplus/train.jsonl')),
    ...readJsonl<EcbRecord>(sharedPath('data/ecbplus/dev.jsonl')),
  ];
  if (options.sample) rows = rows.slice(0, options.sample);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const s = scoreNearDuplicates(rows.map((r) => ({ id: r.id, text: r.text, date: r.date })));
  let natural = 0;
  let crossStory = 0;
  const wrong = new Set<string>();
  for (const [a, b] of s.merged) {
    const ra = byId.get(a)!;
    const rb = byId.get(b)!;
    if (ra.subtopic !== rb.subtopic) crossStory++;
    if (containment(ra.text, rb.text) >= 0.5) natural++;
    else {
      wrong.add(a);
      wrong.add(b);
    }
  }
  const results: EvalResult[] = [
    {
      dataset: 'ECB+ train+dev + generated copies',
      metric: 'copies found (recall)',
      value: s.found / s.copies,
      n: s.copies,
      note: 'target >= 0.95',
    },
    {
      dataset: 'ECB+ train+dev + generated copies',
      metric: 'false merges (articles)',
      value: wrong.size / s.originals,
      n: s.originals,
      note: `${wrong.size} articles merged with a different article; target <= 0.01`,
    },
    {
      dataset: 'ECB+ train+dev + generated copies',
      metric: 'merges across stories (pairs)',
      value: crossStory,
      n: s.merged.length,
      note: 'merged pairs of originals from different ECB+ stories',
    },
    {
      dataset: 'ECB+ train+dev + generated copies',
      metric: 'natural copies grouped (pairs)',
      value: natural,
      note: 'one agency text published by two outlets in ECB+ itself',
    },
  ];
  for (const [edit, v] of [...s.byEdit.entries()].sort()) {
    results.push({
      dataset: 'ECB+ train+dev + generated copies',
      metric: `recall, copies with ${edit.replace('has ', '')}`,
      value: v.found / v.n,
      n: v.n,
    });
  }
  return results;
}
