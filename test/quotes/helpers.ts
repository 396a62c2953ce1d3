import type { Doc } from '../../src/doc/doc.js';
import { createPipeline } from '../../src/pipeline/presets.js';

let pipeline: ReturnType<typeof createPipeline> | null = null;

/** The full pipeline, loaded once per test file. */
export function codeText(text: string, date: string | null = null): Doc {
  pipeline ??= createPipeline('full');
  return pipeline.run({ id: 't', text, date });
}

/** The speaker phrase of a quote as text. */
export function speakerText(doc: Doc, i: number): string | null {
  const s = doc.quotes[i]?.speaker;
  return s && s.start !== null && s.end !== null ? doc.text.slice(s.start, s.end) : null;
}
