// A stage is a pure function of a document and its resources: it reads some layers and
// returns a new Doc with the layers it adds. Resources (dictionaries, models) are loaded
// once per pipeline and shared by every document it codes.
import type { Doc, LayerName } from '../doc/doc.js';

export interface ResourceContext {
  /** Folder of dictionaries and models (the package's `data/`). */
  dataDir: string;
}

export interface RunContext {
  /** Collect explanation notes (`eventwire code --explain`). */
  explain: boolean;
}

export interface Stage<R = unknown> {
  readonly name: string;
  /** Layers that must be present before the stage runs. */
  readonly needs: readonly LayerName[];
  /** Layers the stage adds. */
  readonly adds: readonly LayerName[];
  /** Load the stage's resources; called once per pipeline. */
  load(ctx: ResourceContext): R;
  run(doc: Doc, resources: R, ctx: RunContext): Doc;
}

/** Helper to declare a stage with its resource type inferred. */
export function defineStage<R>(stage: Stage<R>): Stage<R> {
  return stage;
}
