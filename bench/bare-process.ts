// Bench helper: a process that loads the full pipeline, codes WARM documents untimed (the
// first ones of its share, again: compilation and caches, as the workers bench warms its
// workers), says "ready", waits for a line on stdin, then codes every STEP-th document of a
// JSONL file from START and prints how long it took and its CPU time (the bare pipeline in a
// process of its own: no queue, no store).
// Usage: bare-process.ts FILE START STEP [WARM]
import { readFileSync } from 'node:fs';
import { toCodedDocument } from '../src/doc/doc.js';
import type { DocumentInput } from '../src/doc/types.js';
import { createPipeline } from '../src/pipeline/presets.js';

const [file, start, step, warm] = process.argv.slice(2);
const inputs = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as DocumentInput)
  .filter((_, i) => i % Number(step) === Number(start));
const pipeline = createPipeline('full');
for (let i = 0; i < Number(warm ?? 0); i++) toCodedDocument(pipeline.run(inputs[i % inputs.length]));
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const input of inputs) toCodedDocument(pipeline.run(input));
  const c = process.cpuUsage(c0);
  process.stdout.write(
    `${JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, n: inputs.length })}\n`,
  );
  process.exit(0);
});
