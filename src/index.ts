// Public API: the document model, the pipeline and its stages.

export {
  type ActorHit,
  actorAt,
  actorIndex,
  actorsStage,
  codeAtDate,
  findActors,
  loadActorKb,
  loadActorResources,
} from './actors/index.js';
export { createDoc, type Dateline, type Doc, type LayerName, toCodedDocument, withLayers } from './doc/doc.js';
export * from './doc/types.js';
export {
  type EntityResources,
  entitiesStage,
  loadEntityResources,
  type TokenEntity,
  tagTokenSentences,
} from './entities/index.js';
export { EventwireError } from './errors.js';
export { defaultDataDir, Pipeline } from './pipeline/pipeline.js';
export { createPipeline, PRESETS, type PresetName } from './pipeline/presets.js';
export type { ResourceContext, RunContext, Stage } from './pipeline/stage.js';
export {
  analyzePlaces,
  Gazetteer,
  loadPlacesResources,
  placeKey,
  placeOfClause,
  placesStage,
} from './places/index.js';
export { loadSyntaxResources, parseTokens, SyntaxAnalyzer, syntaxStage } from './syntax/index.js';
export { analyzeText, loadTextResources, textStage } from './text/index.js';
export { findTimes, isTimexValue, loadTimesResources, timeOfClause, timesStage } from './times/index.js';
