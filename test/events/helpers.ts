// One pipeline shared by the event tests (loading the models takes a few seconds).
import type { Doc } from '../../src/doc/doc.js';
import type { CodedEvent } from '../../src/doc/types.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { createPipeline } from '../../src/pipeline/presets.js';

let pipeline: Pipeline | null = null;

export function code(text: string, date: string | null = '2007-09-06', explain = false): Doc {
  pipeline ??= createPipeline('full');
  return pipeline.run({ text, date }, { explain });
}

/** "JPN->PRK 046" lines of the events that happened (not negated or hypothetical). */
export function happened(doc: Doc): string[] {
  return doc.events.filter((e) => !e.negated && !e.hypothetical).map(describe);
}

export function describe(e: CodedEvent): string {
  return `${e.source?.code ?? e.source?.name ?? '-'}->${e.target?.code ?? e.target?.name ?? '-'} ${e.code}`;
}

export const country = (side: CodedEvent['source']) => (side?.code ?? '').slice(0, 3);
