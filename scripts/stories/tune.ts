// Tune the few story-clustering parameters (feature weights, join threshold) on ECB+ TRAIN
// topics only, by grid search on the mean pairwise F1 over 5 stream orders; prints the best
// and writes data/stories/params.json with --write. ECB+ dev is measured by
// `npm run eval -- stories`; the test topics are never read.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl, sharedPath } from '../../eval/lib.js';
import { toCodedDocument } from '../../src/doc/doc.js';
import type { CodedDocument } from '../../src/doc/types.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { DEFAULT_STORY_PARAMS, type StoryParams } from '../../src/stories/02-cluster.js';
import { labelledFeatures, scoreStories } from '../../src/stories/evaluate.js';

interface EcbRecord {
  id: string;
  subtopic: string;
  date: string | null;
  text: string;
}

const cacheDir = join(tmpdir(), 'eventwire-tune');
mkdirSync(cacheDir, { recursive: true });
const cache = join(cacheDir, 'ecbplus-train-coded.json');
let docs: Array<{ doc: CodedDocument; story: string }>;
if (existsSync(cache)) docs = JSON.parse(readFileSync(cache, 'utf8'));
else {
  const pipeline = createPipeline('full');
  docs = readJsonl<EcbRecord>(sharedPath('data/ecbplus/train.jsonl')).map((r) => ({
    doc: toCodedDocument(pipeline.run({ id: r.id, text: r.text, date: r.date })),
    story: r.subtopic,
  }));
  writeFileSync(cache, JSON.stringify(docs));
}
const items = labelledFeatures(docs);
let best: { params: Partial<StoryParams>; f1: number; b3: number } | null = null;
for (const names of [0.2, 0.3, 0.4, 0.5, 0.6])
  for (const dates of [0, 0.1, 0.2])
    for (let threshold = 0.1; threshold <= 0.36; threshold += 0.02) {
      const params = { words: +(1 - names - dates).toFixed(2), names, dates, threshold: +threshold.toFixed(2) };
      const s = scoreStories(items, params);
      if (!best || s.pairwise.f1 > best.f1) best = { params, f1: s.pairwise.f1, b3: s.bcubed.f1 };
    }
console.log(
  `ECB+ train (${items.length} articles): best pairwise F1 ${best!.f1.toFixed(4)}, BCubed F1 ${best!.b3.toFixed(4)}`,
);
console.log(JSON.stringify(best!.params));
if (process.argv.includes('--write')) {
  const out = {
    words: best!.params.words,
    names: best!.params.names,
    dates: best!.params.dates,
    time: DEFAULT_STORY_PARAMS.time,
    timeScale: DEFAULT_STORY_PARAMS.timeScale,
    threshold: best!.params.threshold,
  };
  writeFileSync(join(import.meta.dirname, '../../data/stories/params.json'), `${JSON.stringify(out, null, 2)}\n`);
}
