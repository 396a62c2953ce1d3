// Public API: the document model, the pipeline and its stages.

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
export { analyzeText, loadTextResources, textStage } from './text/index.js';
