// A coding worker thread: loads the pipeline once, then codes the batches of documents the
// main thread sends and returns coded documents (or per-document errors), or the same prepared
// for storing (src/store/prepared.ts) when asked, a few documents per message. It never touches
// the store: the main thread reads input and writes the database.
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../errors.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import {
  ANSWER_GROUP,
  type CodeRequest,
  type CodeResult,
  codeOne,
  type PreparedResult,
  type WorkerMessage,
} from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const data = workerData as { preset: PresetName; dataDir?: string };

try {
  const pipeline = createPipeline(data.preset, data.dataDir ? { dataDir: data.dataDir } : {});
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  // A request is answered a few documents at a time, not in one answer: held until the
  // request's last document, its prepared documents lived through the thread's young-generation
  // collections, which copied them again and again (scavenging took about a third longer than
  // coding the same documents without answers). One message per document cost the receiving
  // thread more; ANSWER_GROUP documents per message keep both low.
  port.on('message', (req: CodeRequest) => {
    const count = req.inputs.length;
    // (a request of no documents is answered too, or its caller would wait forever)
    if (count === 0) port.postMessage({ type: 'results', seq: req.seq, results: [] } satisfies WorkerMessage);
    for (let index = 0; index < count; index += ANSWER_GROUP) {
      const results = req.inputs
        .slice(index, index + ANSWER_GROUP)
        .map((input) => codeOne(pipeline, input, req.prepare)) as CodeResult[] | PreparedResult[];
      port.postMessage({ type: 'part', seq: req.seq, index, count, results } satisfies WorkerMessage);
    }
  });
} catch (err) {
  port.postMessage({ type: 'fatal', error: describeError(err) } satisfies WorkerMessage);
}
