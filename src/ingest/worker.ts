// A coding worker thread: loads the pipeline once, then codes the batches of documents the
// main thread sends and returns coded documents (or per-document errors), or the same prepared
// for storing (src/store/prepared.ts) when asked, one message per document. It never touches the store: the main thread
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
  // Each document's result is posted as soon as it is coded, not gathered into one answer per
  // request: held until the request's last document, a request's prepared documents lived
  // through the thread's young-generation collections, which copied them again and again
  // (scavenging took about a third longer than coding the same documents without answers).
  port.on('message', (req: CodeRequest) => {
    const count = req.inputs.length;
    for (let index = 0; index < count; index++) {
      const result = codeOne(pipeline, req.inputs[index], req.prepare);
      port.postMessage({ type: 'result', seq: req.seq, index, count, result } satisfies WorkerMessage);
    }
  });
} catch (err) {
  port.postMessage({ type: 'fatal', error: describeError(err) } satisfies WorkerMessage);
}
