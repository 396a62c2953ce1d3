// Public API: the document model, the pipeline and its stages.

export { createDoc, type Dateline, type Doc, type LayerName, toCodedDocument, withLayers } from './doc/doc.js';
export * from './doc/types.js';
export { EventwireError } from './errors.js';
export { defaultDataDir, Pipeline } from './pipeline/pipeline.js';
export { createPipeline, PRESETS, type PresetName } from './pipeline/presets.js';
export type { ResourceContext, RunContext, Stage } from './pipeline/stage.js';
export { loadSyntaxResources, parseTokens, SyntaxAnalyzer, syntaxStage } from './syntax/index.js';
export { analyzeText, loadTextResources, textStage } from './text/index.js';
