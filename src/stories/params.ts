// The trained parameters of story clustering (data/stories/params.json: the pair scorer's
// weights by feature name, its bias, the threshold, ...), over the defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../pipeline/pipeline.js';
import { DEFAULT_STORY_PARAMS, PAIR_FEATURES, type StoryParams } from './02-cluster.js';

let cached: StoryParams | null = null;

export function storyParams(dataDir = defaultDataDir()): StoryParams {
  if (cached) return cached;
  let tuned: Record<string, unknown> = {};
  try {
    tuned = JSON.parse(readFileSync(join(dataDir, 'stories/params.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    tuned = {};
  }
  const out = { ...DEFAULT_STORY_PARAMS };
  for (const k of Object.keys(DEFAULT_STORY_PARAMS) as Array<keyof StoryParams>) {
    const v = tuned[k];
    if (k !== 'weights' && typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  const w = tuned.weights;
  if (w && typeof w === 'object') {
    const named = w as Record<string, unknown>;
    out.weights = PAIR_FEATURES.map((n) => (typeof named[n] === 'number' ? (named[n] as number) : 0));
  }
  cached = out;
  return out;
}
