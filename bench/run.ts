// `npm run bench [-- name] [--record]`: run a benchmark, print a table; --record stores it in
// bench/RESULTS.md with the machine details.

import { type Bench, machine, record } from './lib.js';

// Loaded on demand: a run loads only its own benchmark's modules, so one benchmark's numbers do
// not depend on the code and heap of the others.
// biome-ignore format: one benchmark per line keeps the list easy to extend
const BENCHES: Record<string, () => Promise<Bench>> = {
  pipeline: async () => (await import('./pipeline.js')).pipelineBench,
  ner: async () => (await import('./ner.js')).nerBench,
  gazetteer: async () => (await import('./gazetteer.js')).gazetteerBench,
  actors: async () => (await import('./actors.js')).actorsBench,
  parser: async () => (await import('./parser.js')).parserBench,
  ingest: async () => (await import('./ingest.js')).ingestBench,
  queries: async () => (await import('./queries.js')).queriesBench,
  quotes: async () => (await import('./quotes.js')).quotesBench,
  events: async () => (await import('./events.js')).eventsBench,
  workers: async () => (await import('./workers.js')).workersBench,
};

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--') && Number.isNaN(Number(a))) ?? 'pipeline';
const load = Object.hasOwn(BENCHES, name) ? BENCHES[name] : undefined;
if (!load) {
  console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const bench = await load();
console.log(`${bench.name}: ${bench.title}\n${machine()}\n`);
const out = await bench.run(args);
console.log(out);
if (args.includes('--record')) record(bench.name, `npm run bench -- ${args.join(' ')}`.trim(), out);
