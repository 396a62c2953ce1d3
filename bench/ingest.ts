// Ingest throughput against the bare pipeline on the same cores: 10,000 documents (the
// sample articles repeated with changed ids) coded by N worker threads with no I/O, then
// ingested with `runIngest` (JSONL read, skip check, workers, batched SQLite writes) into a
// fresh store. Target: ingest >= 90% of the bare rate.
// Each round runs both, in alternating order (bare first in even rounds), so a change in the
// machine's other load during a round weighs on both; the ratios are taken per round (paired)
// and their median reported, with the load average of each round and the CPU time per thread
// kind (the coding threads, the main thread, V8's helper threads), read from /proc (Linux).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** CPU ms of every thread of this process seen so far (a thread that ended keeps its last reading). */
class ThreadClock {
  private readonly seen = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly start: Map<string, number>;
  constructor() {
    this.sample();
    this.start = new Map(this.seen);
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample(): void {
    let tasks: string[] = [];
    try {
      tasks = readdirSync('/proc/self/task');
    } catch {
      return; // not Linux: no per-thread figures
    }
    for (const t of tasks) {
      try {
        const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        this.seen.set(t, (Number(f[11]) + Number(f[12])) * 10); // USER_HZ = 100
      } catch {
        // ended between listing and reading
      }
    }
  }
  /** CPU ms since the start: the main thread, the `coders` busiest other threads, the rest (V8 helpers). */
  stop(coders: number): { main: number; coding: number; helpers: number } {
    this.sample();
    clearInterval(this.timer);
    const main = (this.seen.get(String(process.pid)) ?? 0) - (this.start.get(String(process.pid)) ?? 0);
    const others = [...this.seen]
      .filter(([t]) => t !== String(process.pid))
      .map(([t, ms]) => ms - (this.start.get(t) ?? 0))
      .sort((a, b) => b - a);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return { main, coding: sum(others.slice(0, coders)), helpers: sum(others.slice(coders)) };
  }
}

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
    interface Run {
      rate: number;
      /** CPU ms per document: all threads, and per thread kind. */
      cpu: number;
      main: number;
      coding: number;
      helpers: number;
      load: number;
    }
    const bareRuns: Run[] = [];
    const ingestRuns: Run[] = [];
    const measure = async (fn: () => Promise<void>): Promise<Run> => {
      const clock = new ThreadClock();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fn();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const th = clock.stop(workers);
      return {
        rate: (n * 1000) / wall,
        cpu: (c.user + c.system) / 1000 / n,
        main: th.main / n,
        coding: th.coding / n,
        helpers: th.helpers / n,
        load: loadavg()[0],
      };
    };
    const runBare = async () => {
      bareRuns.push(await measure(() => bare(inputs, workers).then(() => {})));
    };
    const runIngestOnce = async (round: number) => {
      const store = new SqliteStore(join(dir, `r${round}.db`));
      ingestRuns.push(
        await measure(async () => {
          const s = await runIngest([file], { store, workers, progress: null });
          if (s.documents !== n) throw new Error(`read ${s.documents} documents, expected ${n}`);
        }),
      );
      const stats = await store.stats();
      await store.close();
      if (stats.documents !== n) throw new Error(`stored ${stats.documents} documents, expected ${n}`);
    };
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        await runBare();
        await runIngestOnce(round);
      } else {
        await runIngestOnce(round);
        await runBare();
      }
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const list = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
    rows.push([
      'bare pipeline',
      `${median(bareRuns.map((r) => r.rate)).toFixed(0)} documents/s (median; rounds: ${list(bareRuns.map((r) => r.rate))})`,
    ]);
    rows.push([
      'ingest',
      `${median(ingestRuns.map((r) => r.rate)).toFixed(0)} documents/s (median; rounds: ${list(ingestRuns.map((r) => r.rate))})`,
    ]);
    const wallRatios = ingestRuns.map((r, i) => (100 * r.rate) / bareRuns[i].rate);
    rows.push([
      'ingest / bare (wall)',
      `${median(wallRatios).toFixed(1)}% median of the rounds' ratios (${list(wallRatios, 1)}; target >= 90%)`,
    ]);
    // CPU time per document over all threads: what the rates converge to on saturated cores,
    // and far less sensitive to the machine's other load than wall-clock rates
    const cpuRatios = ingestRuns.map((r, i) => (100 * bareRuns[i].cpu) / r.cpu);
    rows.push([
      'CPU per document',
      `bare ${median(bareRuns.map((r) => r.cpu)).toFixed(3)} ms, ingest ${median(ingestRuns.map((r) => r.cpu)).toFixed(3)} ms (medians): ` +
        `ratio ${median(cpuRatios).toFixed(1)}% (rounds: ${list(cpuRatios, 1)})`,
    ]);
    const split = (rs: Run[]) =>
      `coding threads ${median(rs.map((r) => r.coding)).toFixed(3)}, main thread ${median(rs.map((r) => r.main)).toFixed(3)}, ` +
      `V8 helper threads ${median(rs.map((r) => r.helpers)).toFixed(3)} ms`;
    rows.push(['CPU per thread, bare', split(bareRuns)]);
    rows.push(['CPU per thread, ingest', split(ingestRuns)]);
    rows.push([
      'load average',
      `${list(
        bareRuns.map((r, i) => Math.max(r.load, ingestRuns[i].load)),
        1,
      )} (1-minute, per round) on ${cpus().length} cores`,
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
