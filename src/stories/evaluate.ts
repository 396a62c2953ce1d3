// Scoring story threading on labelled articles (ECB+: article -> story): the articles are
// streamed through the online clusterer in several seeded random orders (ECB+ has no dates,
// so order is arbitrary) and the pairwise and BCubed scores are averaged over the orders.
import { dayNumber } from '../dedup/03-index.js';
import { seededRandom } from '../dedup/generate.js';
import type { CodedDocument } from '../doc/types.js';
import { type StoryFeatures, storyFeatures } from './01-features.js';
import { StoryClusterer, type StoryParams } from './02-cluster.js';
import { bcubedScore, type ClusterScore, pairwiseScore } from './score.js';

export interface LabelledFeatures {
  id: string;
  story: string;
  features: StoryFeatures;
}

export function labelledFeatures(docs: ReadonlyArray<{ doc: CodedDocument; story: string }>): LabelledFeatures[] {
  return docs.map(({ doc, story }) => ({ id: doc.id, story, features: storyFeatures(doc, dayNumber) }));
}

export interface StoryEval {
  pairwise: ClusterScore;
  bcubed: ClusterScore;
  stories: number;
  /** Worst pairwise F1 over the orders. */
  minPairwiseF1: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function scoreStories(items: readonly LabelledFeatures[], params: Partial<StoryParams>, orders = 5): StoryEval {
  const gold = new Map(items.map((x) => [x.id, x.story]));
  const runs = Array.from({ length: orders }, (_, k) => {
    const rand = seededRandom(1000 + k);
    const keyed = items.map((x) => ({ x, r: rand() }));
    keyed.sort((a, b) => a.r - b.r);
    const c = new StoryClusterer(params);
    const pred = new Map<string, string>();
    for (const { x } of keyed) pred.set(x.id, c.assign(x.features, x.id).story);
    return { pw: pairwiseScore(pred, gold), b3: bcubedScore(pred, gold), k: new Set(pred.values()).size };
  });
  const avg = (get: (r: (typeof runs)[number]) => ClusterScore): ClusterScore => ({
    precision: mean(runs.map((r) => get(r).precision)),
    recall: mean(runs.map((r) => get(r).recall)),
    f1: mean(runs.map((r) => get(r).f1)),
  });
  return {
    pairwise: avg((r) => r.pw),
    bcubed: avg((r) => r.b3),
    stories: mean(runs.map((r) => r.k)),
    minPairwiseF1: Math.min(...runs.map((r) => r.pw.f1)),
  };
}
