// Stories: articles threaded online into stories (src/stories/02-cluster.ts), near-duplicate
// copies grouped (src/dedup), both decided at ingest by the `StoryAssigner`.
export {
  type Bag,
  contentWords,
  type StoryFeatures,
  type StoryInputs,
  storyFeatures,
  storyFeaturesOf,
  storyInputs,
  storyStopwords,
} from './01-features.js';
export {
  DEFAULT_STORY_PARAMS,
  StoryClusterer,
  type StoryClustererState,
  type StoryMatch,
  type StoryParams,
  storyId,
} from './02-cluster.js';
export { ASSIGNER_STATE, type AssignerOptions, StoryAssigner } from './03-assign.js';
export { storyParams } from './params.js';
export { bcubedScore, type ClusterScore, pairwiseScore } from './score.js';
