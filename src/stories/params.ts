// The tuned parameters of story clustering (data/stories/params.json), over the defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../pipeline/pipeline.js';
import { DEFAULT_STORY_PARAMS, type StoryParams } from './02-cluster.js';

let cached: StoryParams | null = null;

export function storyParams(dataDir = defaultDataDir()): StoryParams {
  if (cached) return cached;
  let tuned: Partial<StoryParams> = {};
  try {
    tuned = JSON.parse(readFileSync(join(dataDir, 'stories/params.json'), 'utf8')) as Partial<StoryParams>;
  } catch {
    tuned = {};
  }
  const out = { ...DEFAULT_STORY_PARAMS };
  for (const k of Object.keys(DEFAULT_STORY_PARAMS) as Array<keyof StoryParams>) {
    const v = tuned[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  cached = out;
  return out;
}
