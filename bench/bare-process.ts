// Bench helper: a process that loads the full pipeline, codes WARM documents untimed (the
// first ones of its share, again: compilation and caches, as the workers bench warms its
// workers), says "ready", waits for a line on stdin, then codes every STEP-th document of a
// JSONL file from START and prints how long it took and its CPU time (the bare pipeline in a
// process of its own: no queue, no store).
// MODE `prepare` codes as a worker's coder does (`codeOne` with the store preparation and the
// story assigner's inputs); `ipc` also serializes each batch of 32 results as the coder's IPC
// channel does (v8.serialize, the 'advanced' serialization).
// Usage: bare-process.ts FILE START STEP [WARM] [MODE]
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { toCodedDocument } from '../src/doc/doc.js';
import type { DocumentInput } from '../src/doc/types.js';
import { codeOne } from '../src/ingest/pool.js';
import { createPipeline } from '../src/pipeline/presets.js';

const [file, start, step, warm, mode] = process.argv.slice(2);
const inputs = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as DocumentInput)
  .filter((_, i) => i % Number(step) === Number(start));
const pipeline = createPipeline('full');
const one = (input: DocumentInput): unknown =>
  mode === 'prepare' || mode === 'ipc'
    ? codeOne(pipeline, input, { stories: true })
    : toCodedDocument(pipeline.run(input));
const all = (xs: DocumentInput[]): void => {
  if (mode !== 'ipc') {
    for (const input of xs) one(input);
    return;
  }
  for (let i = 0; i < xs.length; i += 32) serialize({ type: 'results', seq: i, results: xs.slice(i, i + 32).map(one) });
};
all(Array.from({ length: Number(warm ?? 0) }, (_, i) => inputs[i % inputs.length]));
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  all(inputs);
  const c = process.cpuUsage(c0);
  process.stdout.write(
    `${JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, n: inputs.length })}\n`,
  );
  process.exit(0);
});
