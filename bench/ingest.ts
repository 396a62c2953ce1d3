// Ingest throughput against the bare pipeline on the same cores: 10,000 documents (the
// sample articles repeated with changed ids) coded by N worker threads with no I/O, then
// ingested with `runIngest` (JSONL read, skip check, workers, batched SQLite writes) into a
// fresh store. Target: ingest >= 90% of the bare rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCodedDocument } from '../src/doc/doc.js';
import type { DocumentInput } from '../src/doc/types.js';
import { runIngest } from '../src/ingest/ingest.js';
import { spawnWorker } from '../src/ingest/spawn.js';
import { createPipeline } from '../src/pipeline/presets.js';
import { inputHash } from '../src/store/rows.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { StoryAssigner } from '../src/stories/03-assign.js';
import { generateCorpus } from '../test/fixtures/corpus.js';
import { repeatedSample, writeJsonl } from '../test/fixtures/samples.js';
import { type Bench, table } from './lib.js';

async function bare(inputs: DocumentInput[], workers: number): Promise<number> {
  const t0 = performance.now();
  const shares = Array.from({ length: workers }, (_, w) => inputs.filter((_, i) => i % workers === w));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const w = spawnWorker(new URL('./bare-worker.ts', import.meta.url), { workerData: { inputs: share } });
          w.once('message', () => w.terminate().then(() => resolve()));
          w.once('error', reject);
        }),
    ),
  );
  return (inputs.length * 1000) / (performance.now() - t0);
}

export const ingestBench: Bench = {
  name: 'ingest',
  title: 'ingest throughput vs the bare pipeline on the same cores',
  async run(args) {
    const n = Number(args[args.indexOf('--docs') + 1]) || 10_000;
    const workers = Number(args[args.indexOf('--workers') + 1]) || availableParallelism();
    const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;
    const inputs = repeatedSample(n);
    const dir = mkdtempSync(join(tmpdir(), 'ew-bench-ingest-'));
    const file = join(dir, 'docs.jsonl');
    writeJsonl(file, inputs);
    const rows: Array<[string, string]> = [['documents', `${n} (samples/articles.jsonl repeated), ${workers} workers`]];
    const bareRates: number[] = [];
    const ingestRates: number[] = [];
    const bareCpu: number[] = [];
    const ingestCpu: number[] = [];
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    for (let round = 0; round < rounds; round++) {
      let c0 = process.cpuUsage();
      bareRates.push(await bare(inputs, workers));
      bareCpu.push(cpuMs(process.cpuUsage(c0)) / n);
      const store = new SqliteStore(join(dir, `r${round}.db`));
      c0 = process.cpuUsage();
      const t0 = performance.now();
      const s = await runIngest([file], { store, workers, progress: null });
      ingestRates.push((s.documents * 1000) / (performance.now() - t0));
      ingestCpu.push(cpuMs(process.cpuUsage(c0)) / n);
      const stats = await store.stats();
      await store.close();
      if (stats.documents !== n) throw new Error(`stored ${stats.documents} documents, expected ${n}`);
    }
    const best = (xs: number[]) => Math.max(...xs);
    const b = best(bareRates);
    const g = best(ingestRates);
    rows.push([
      'bare pipeline',
      `${b.toFixed(0)} documents/s (best of ${rounds}: ${bareRates.map((x) => x.toFixed(0)).join(', ')})`,
    ]);
    rows.push([
      'ingest',
      `${g.toFixed(0)} documents/s (best of ${rounds}: ${ingestRates.map((x) => x.toFixed(0)).join(', ')})`,
    ]);
    rows.push(['ingest / bare', `${((100 * g) / b).toFixed(1)}% (target >= 90%)`]);
    // CPU time per document over all threads: what the rates converge to on saturated cores,
    // and independent of other load on the machine
    const bc = Math.min(...bareCpu);
    const ic = Math.min(...ingestCpu);
    rows.push([
      'CPU per document',
      `bare ${bc.toFixed(3)} ms, ingest ${ic.toFixed(3)} ms: ratio ${((100 * bc) / ic).toFixed(1)}%`,
    ]);
    rows.push([
      'load average',
      `${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    ]);
    // where the difference goes: coding vs storing one document, each on one thread
    const pipeline = createPipeline('full');
    const sampleDocs = inputs.slice(0, 500);
    let t = performance.now();
    const docs = sampleDocs.map((d) => toCodedDocument(pipeline.run(d)));
    const codeMs = (performance.now() - t) / docs.length;
    // storing as ingest does it: with the near-duplicate groups and stories of the documents
    const probe = new SqliteStore(join(dir, 'probe.db'));
    const probeLinks = new StoryAssigner();
    const links = docs.map((doc) => probeLinks.assign(doc));
    t = performance.now();
    for (let i = 0; i < docs.length; i += 256)
      await probe.put(
        docs.slice(i, i + 256).map((doc, j) => ({
          status: 'coded',
          hash: inputHash(doc),
          pipeline: 'p',
          origin: null,
          doc,
          links: links[i + j],
        })),
      );
    const storeMs = (performance.now() - t) / docs.length;
    await probe.close();
    rows.push(['coding, one thread', `${codeMs.toFixed(3)} ms/document (stages: ${pipeline.stages.join(', ')})`]);
    // near-duplicate and story assignment on the main thread: the repeated samples (copies)
    // and 2,000 distinct generated articles (each compared with the live stories)
    let assigner = new StoryAssigner();
    t = performance.now();
    for (const doc of docs) assigner.assign(doc);
    const copyMs = (performance.now() - t) / docs.length;
    const distinct = [...generateCorpus(2000, { seed: 3 })];
    assigner = new StoryAssigner();
    t = performance.now();
    for (const doc of distinct) assigner.assign(doc);
    const distinctMs = (performance.now() - t) / distinct.length;
    rows.push([
      'stories, main thread',
      `${copyMs.toFixed(3)} ms/document (samples, mostly copies), ${distinctMs.toFixed(3)} ms (distinct articles)`,
    ]);
    rows.push([
      'storing, main thread',
      `${storeMs.toFixed(3)} ms/document (row, FTS5 index, layers JSON, event rows, story rows)`,
    ]);
    rows.push([
      'ceiling on these cores',
      `${((100 * codeMs) / (codeMs + storeMs + copyMs)).toFixed(0)}% = coding / (coding + storing + stories), when every core codes`,
    ]);
    rmSync(dir, { recursive: true, force: true });
    return table(rows);
  },
};
