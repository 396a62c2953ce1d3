// Tune the few story-clustering parameters (feature weights, the value of a missing names/dates
// similarity, the join threshold) on ECB+ DEV by grid search on the mean pairwise F1 over 5
// stream orders; prints the best (and, with --train, the same parameters on ECB+ train, which
// tuning never sees) and writes data/stories/params.json with --write. The ECB+ test topics are
// never read.
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

/** ECB+ articles coded by the full pipeline (cached in the temp folder between runs). */
function coded(split: 'dev' | 'train'): Array<{ doc: CodedDocument; story: string }> {
  const dir = join(tmpdir(), 'eventwire-tune');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, `ecbplus-${split}-coded.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const pipeline = createPipeline('full');
  const docs = readJsonl<EcbRecord>(sharedPath(`data/ecbplus/${split}.jsonl`)).map((r) => ({
    doc: toCodedDocument(pipeline.run({ id: r.id, text: r.text, date: r.date })),
    story: r.subtopic,
  }));
  writeFileSync(cache, JSON.stringify(docs));
  return docs;
}

const dev = labelledFeatures(coded('dev'));
let best: { params: Partial<StoryParams>; f1: number; b3: number } | null = null;
for (const names of [0.3, 0.4, 0.5])
  for (const dates of [0.3, 0.4])
    for (const absent of [0.1, 0.2])
      for (let t = 22; t <= 32; t += 2) {
        const params = { words: 0.4, names, dates, absent, threshold: t / 100 };
        const s = scoreStories(dev, params);
        if (!best || s.pairwise.f1 > best.f1) best = { params, f1: s.pairwise.f1, b3: s.bcubed.f1 };
      }
console.log(
  `ECB+ dev (${dev.length} articles): best pairwise F1 ${best!.f1.toFixed(4)}, BCubed F1 ${best!.b3.toFixed(4)}`,
);
console.log(JSON.stringify(best!.params));
if (process.argv.includes('--train')) {
  const s = scoreStories(labelledFeatures(coded('train')), best!.params);
  console.log(
    `ECB+ train (not tuned on): pairwise F1 ${s.pairwise.f1.toFixed(4)}, BCubed F1 ${s.bcubed.f1.toFixed(4)}`,
  );
}
if (process.argv.includes('--write')) {
  const out = { ...best!.params, time: DEFAULT_STORY_PARAMS.time, timeScale: DEFAULT_STORY_PARAMS.timeScale };
  writeFileSync(join(import.meta.dirname, '../../data/stories/params.json'), `${JSON.stringify(out, null, 2)}\n`);
}
