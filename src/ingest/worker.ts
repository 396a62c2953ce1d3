// A coding worker thread: loads the pipeline once, then codes the batches of documents the
// main thread sends and returns coded documents (or per-document errors), or the same prepared
// for storing (src/store/prepared.ts) when asked. It never touches the store: the main thread
// reads input and writes the database.
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../errors.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import { type CodeRequest, codeOne, type WorkerMessage } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const data = workerData as { preset: PresetName; dataDir?: string };

try {
  const pipeline = createPipeline(data.preset, data.dataDir ? { dataDir: data.dataDir } : {});
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  port.on('message', (req: CodeRequest) => {
    const results = req.inputs.map((input) => codeOne(pipeline, input, req.prepare));
    port.postMessage({ type: 'results', seq: req.seq, results } as WorkerMessage);
  });
} catch (err) {
  port.postMessage({ type: 'fatal', error: describeError(err) } satisfies WorkerMessage);
}
