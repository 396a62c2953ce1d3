// A coding child process (`ProcessCoder`): the same work as a coding worker thread (worker.ts),
// in a process of its own so that it can run V8 without background GC and compiler threads.
// It exits as soon as its parent goes (the IPC channel closes), even when the parent was killed.
import { describeError } from '../errors.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import { type CodeRequest, codeOne, type WorkerMessage } from './pool.js';

const send = (m: WorkerMessage, done?: () => void) => process.send?.(m, undefined, {}, done);
if (!process.send) throw new Error('child.ts must run as a forked process');
process.on('disconnect', () => process.exit(0));
const preset = (process.env.EVENTWIRE_CODER_PRESET || 'full') as PresetName;

try {
  const pipeline = createPipeline(preset);
  send({ type: 'ready' });
  // Requests are coded one at a time, the next only once the answer to the previous one is
  // written to the channel. A batch's answer (about 600 KB for 32 prepared documents) is more
  // than the socket takes at once; its rest is written by this process's event loop, so coding
  // the next batch straight away held it back until that batch was coded too: the worker got
  // every other batch a whole batch late, committed it late, claimed late, and its coder then
  // sat idle (in bench/workers.ts, gaps of 15-120 ms after every second batch).
  const queue: CodeRequest[] = [];
  let busy = false;
  const next = (): void => {
    const req = queue.shift();
    if (!req) {
      busy = false;
      return;
    }
    busy = true;
    const results = req.inputs.map((input) => codeOne(pipeline, input, req.prepare));
    send({ type: 'results', seq: req.seq, results } as WorkerMessage, next);
  };
  process.on('message', (req: CodeRequest) => {
    queue.push(req);
    if (!busy) next();
  });
} catch (err) {
  send({ type: 'fatal', error: describeError(err) });
}
