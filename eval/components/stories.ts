// Story threading on ECB+ dev: the 197 articles of 8 topics, each topic holding two stories
// (two different events of the same kind), coded by the full pipeline and streamed through the
// online clusterer in 5 seeded random orders (ECB+ has no dates, so time plays no part here).
// Article-to-story pairwise and BCubed scores, averaged over the orders. The parameters come
// from data/stories/params.json, fitted on ECB+ train only (scripts/stories/train.ts).
import { toCodedDocument } from '../../src/doc/doc.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { labelledFeatures, scoreStories } from '../../src/stories/evaluate.js';
import { storyParams } from '../../src/stories/params.js';
import { type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';

interface EcbRecord {
  id: string;
  subtopic: string;
  date: string | null;
  text: string;
}

export function runStoriesEval(options: { sample?: number }): EvalResult[] {
  if (!hasShared('data/ecbplus/dev.jsonl')) return [];
  let rows = readJsonl<EcbRecord>(sharedPath('data/ecbplus/dev.jsonl'));
  if (options.sample) rows = rows.slice(0, options.sample);
  const pipeline = createPipeline('full');
  const docs = rows.map((r) => ({
    doc: toCodedDocument(pipeline.run({ id: r.id, text: r.text, date: r.date })),
    story: r.subtopic,
  }));
  const s = scoreStories(labelledFeatures(docs), storyParams());
  const dataset = 'ECB+ dev (mean of 5 orders)';
  const n = rows.length;
  return [
    {
      dataset,
      metric: 'pairwise F1',
      value: s.pairwise.f1,
      n,
      note: `min over orders ${s.minPairwiseF1.toFixed(4)}; target >= 0.90`,
    },
    { dataset, metric: 'pairwise precision', value: s.pairwise.precision, n },
    { dataset, metric: 'pairwise recall', value: s.pairwise.recall, n },
    { dataset, metric: 'BCubed F1', value: s.bcubed.f1, n },
    { dataset, metric: 'BCubed precision', value: s.bcubed.precision, n },
    { dataset, metric: 'BCubed recall', value: s.bcubed.recall, n },
    {
      dataset,
      metric: 'stories found',
      value: s.stories,
      n,
      note: `gold ${new Set(rows.map((r) => r.subtopic)).size}`,
    },
  ];
}
