// `npm run bench [-- name] [--record]`: run a benchmark, print a table; --record stores it in
// bench/RESULTS.md with the machine details.

import { actorsBench } from './actors.js';
import { eventsBench } from './events.js';
import { gazetteerBench } from './gazetteer.js';
import { ingestBench } from './ingest.js';
import { type Bench, machine, record } from './lib.js';
import { nerBench } from './ner.js';
import { parserBench } from './parser.js';
import { pipelineBench } from './pipeline.js';
import { queriesBench } from './queries.js';
import { quotesBench } from './quotes.js';
import { workersBench } from './workers.js';

// biome-ignore format: one benchmark per line keeps the list easy to extend
const BENCHES: Bench[] = [
  pipelineBench,
  nerBench,
  gazetteerBench,
  actorsBench,
  parserBench,
  ingestBench,
  queriesBench,
  quotesBench,
  eventsBench,
  workersBench,
];

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--') && Number.isNaN(Number(a))) ?? 'pipeline';
const bench = BENCHES.find((b) => b.name === name);
if (!bench) {
  console.error(`unknown benchmark "${name}"; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
console.log(`${bench.name}: ${bench.title}\n${machine()}\n`);
const out = await bench.run(args);
console.log(out);
if (args.includes('--record')) record(bench.name, `npm run bench -- ${args.join(' ')}`.trim(), out);
