// A coding worker thread: loads the pipeline once, then codes the batches of documents the
// main thread sends and returns coded documents (or per-document errors). It never touches
// the store: the main thread reads input and writes the database.
import { parentPort, workerData } from 'node:worker_threads';
import { toCodedDocument } from '../doc/doc.js';
import { describeError } from '../errors.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import type { CodeRequest, CodeResult, WorkerMessage } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const data = workerData as { preset: PresetName; dataDir?: string };

try {
  const pipeline = createPipeline(data.preset, data.dataDir ? { dataDir: data.dataDir } : {});
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  port.on('message', (req: CodeRequest) => {
    const results: CodeResult[] = req.inputs.map((input) => {
      try {
        return { ok: true, doc: toCodedDocument(pipeline.run(input)) };
      } catch (err) {
        return { ok: false, error: describeError(err) };
      }
    });
    port.postMessage({ type: 'results', seq: req.seq, results } satisfies WorkerMessage);
  });
} catch (err) {
  port.postMessage({ type: 'fatal', error: describeError(err) } satisfies WorkerMessage);
}
