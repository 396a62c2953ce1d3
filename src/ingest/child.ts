// A coding child process (`ProcessCoder`): the same work as a coding worker thread (worker.ts),
// in a process of its own so that it can run V8 without background GC and compiler threads.
// It exits as soon as its parent goes (the IPC channel closes), even when the parent was killed.
import { describeError } from '../errors.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import { type CodeRequest, codeOne, type WorkerMessage } from './pool.js';

const send = (m: WorkerMessage) => process.send?.(m);
if (!process.send) throw new Error('child.ts must run as a forked process');
process.on('disconnect', () => process.exit(0));
const preset = (process.env.EVENTWIRE_CODER_PRESET || 'full') as PresetName;

try {
  const pipeline = createPipeline(preset);
  send({ type: 'ready' });
  process.on('message', (req: CodeRequest) => {
    const results = req.inputs.map((input) => codeOne(pipeline, input, req.prepare));
    send({ type: 'results', seq: req.seq, results } as WorkerMessage);
  });
} catch (err) {
  send({ type: 'fatal', error: describeError(err) });
}
