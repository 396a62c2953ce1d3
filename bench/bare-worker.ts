// Bench helper: code the given documents with a fresh pipeline in this thread and report how
// long it took (the bare pipeline, no reading, messaging per document or storing).
import { parentPort, workerData } from 'node:worker_threads';
import { toCodedDocument } from '../src/doc/doc.js';
import type { DocumentInput } from '../src/doc/types.js';
import { createPipeline } from '../src/pipeline/presets.js';

const { inputs } = workerData as { inputs: DocumentInput[] };
const t0 = performance.now();
const pipeline = createPipeline('full');
let sentences = 0;
for (const input of inputs) sentences += toCodedDocument(pipeline.run(input)).sentences.length;
parentPort!.postMessage({ ms: performance.now() - t0, sentences });
