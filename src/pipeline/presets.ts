// Presets are only lists of stages. `full` is what `eventwire code` runs.
import { actorsStage } from '../actors/index.js';
import { entitiesStage } from '../entities/index.js';
import { eventsStage } from '../events/index.js';
import { placesStage } from '../places/index.js';
import { quotesStage } from '../quotes/index.js';
import { syntaxStage } from '../syntax/index.js';
import { textStage } from '../text/index.js';
import { timesStage } from '../times/index.js';
import { Pipeline, type PipelineOptions } from './pipeline.js';
import type { Stage } from './stage.js';

// biome-ignore lint/suspicious/noExplicitAny: stages carry heterogeneous resource types
export type AnyStage = Stage<any>;

export const PRESETS = {
  /** Sentences and tokens only. */
  text: (): AnyStage[] => [textStage],
  /** Everything eventwire can code. Order matters: each stage reads the layers of those before it. */
  // biome-ignore format: one stage per line keeps the list easy to extend
  full: (): AnyStage[] => [
    textStage,
    syntaxStage,
    entitiesStage,
    actorsStage,
    timesStage,
    placesStage,
    quotesStage,
    eventsStage,
  ],
} as const;

export type PresetName = keyof typeof PRESETS;

/** The stages that exist in this build, in order (the README lists them). */
export function createPipeline(preset: PresetName = 'full', options: PipelineOptions = {}): Pipeline {
  return new Pipeline(PRESETS[preset](), options);
}
