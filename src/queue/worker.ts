// `eventwire worker`: a stateless coding worker on the shared queue. It claims batches of
// jobs, codes them on its threads while its leases are kept alive, and commits each batch
// with its documents in one transaction (see queue.ts). Any number run on any machines.
// Losing the database (a restart, a network cut) is waited out: claims pause and commits are
// retried (they stay correct, since a commit only writes jobs the worker still holds).
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CodedDocument, DocumentInput } from '../doc/types.js';
import { type CodeResult, type Coder, type PreparedResult, ProcessCoder, WorkerCoder } from '../ingest/pool.js';
import type { PresetName } from '../pipeline/presets.js';
import { isConnectionError } from '../store/postgres/connect.js';
import type { PostgresStore } from '../store/postgres/store.js';
import type { PreparedDocument } from '../store/prepared.js';
import { type Claim, type CommitSummary, type JobResult, type QueueOptions, WorkQueue } from './queue.js';
import { QueueWaker } from './wake.js';

/** Errors of the input itself: coding again gives the same answer, so they are stored at once. */
const PERMANENT = new Set([
  'empty',
  'binary',
  'encoding',
  'too-large',
  'malformed-json',
  'missing-text',
  'bad-field',
  'no-body',
  'malformed-html',
  'malformed-feed',
]);

export interface WorkerOptions extends QueueOptions {
  store: PostgresStore;
  /** The pipeline signature written with every document. */
  pipeline: string;
  preset?: PresetName;
  /** Coders (default 1). */
  threads?: number;
  /**
   * Code in child processes without V8 background threads (default), or in worker threads of
   * this process (see `CODING_PROCESS_FLAGS`).
   */
  coderKind?: 'process' | 'thread';
  /** Replaces the thread pool (tests, embedding). */
  coder?: Coder;
  /**
   * Jobs per claim (default 32: a commit's fixed round trips and its turn at the story lock are
   * shared by twice as many documents as with 16; about a third less database CPU per document
   * in bench/workers.ts).
   */
  batchSize?: number;
  /** Lease of a claim in ms, renewed every third of it while coding (default 30 s). */
  leaseMs?: number;
  /** Pause between polls of an empty queue in ms (default 1000). */
  pollMs?: number;
  /** Longest coding of one batch before its thread is restarted and the jobs retried (default 5 min). */
  codeTimeoutMs?: number;
  /** Stop when the queue is empty (every job done or dead). */
  untilEmpty?: boolean;
  signal?: AbortSignal;
  /** One line per notable event (errors, reconnects). */
  log?: (line: string) => void;
  /** Called once registered, with the worker's name. */
  onStart?: (name: string) => void;
  /** Called after every commit with the running totals. */
  onProgress?: (s: WorkerSummary) => void;
}

export interface WorkerSummary {
  worker: string;
  claimed: number;
  stored: number;
  unchanged: number;
  failed: number;
  retried: number;
  dead: number;
  /** Jobs whose lease was lost before commit (another worker does them). */
  lost: number;
  seconds: number;
}

export function workerName(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const t0 = performance.now();
  const queue = new WorkQueue(options.store, options);
  const log = options.log ?? (() => {});
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 32;
  const codeTimeoutMs = options.codeTimeoutMs ?? 5 * 60_000;
  const threads = options.threads ?? 1;
  const name = workerName();
  const summary: WorkerSummary = {
    worker: name,
    claimed: 0,
    stored: 0,
    unchanged: 0,
    failed: 0,
    retried: 0,
    dead: 0,
    lost: 0,
    seconds: 0,
  };
  const makeCoder = () =>
    options.coder ??
    (options.coderKind === 'thread'
      ? new WorkerCoder(threads, options.preset ?? 'full')
      : new ProcessCoder(threads, options.preset ?? 'full'));
  let coder = makeCoder();
  await coder.ready();
  const stopped = () => options.signal?.aborted ?? false;

  /** Run a database call, waiting out lost connections (until stopped). */
  const persist = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    let delay = 200;
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        // stopping: give up waiting for the database, except to commit work in hand
        if (!isConnectionError(err) || (stopped() && what !== 'commit')) throw err;
        log(`${what}: ${err instanceof Error ? err.message : err}; retrying in ${delay} ms`);
        await sleep(delay);
        delay = Math.min(5000, delay * 2);
      }
    }
  };

  await persist('register', () => queue.register(name));
  options.onStart?.(name);

  // coded and prepared for storing in the coder (layers JSON, rows, the story assigner's
  // signature and features), so the worker's own thread only assigns and binds
  type Coded = { prepared: true; results: PreparedResult[] } | { prepared: false; results: CodeResult[] };
  const code = async (inputs: DocumentInput[]): Promise<Coded> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`coding took longer than ${codeTimeoutMs} ms`)), codeTimeoutMs);
    });
    try {
      const coding: Promise<Coded> = coder.codePrepared
        ? coder.codePrepared(inputs, queue.assignsStories).then((results) => ({ prepared: true, results }))
        : coder.code(inputs).then((results) => ({ prepared: false, results }));
      return await Promise.race([coding, timeout]);
    } catch (err) {
      // a stuck or crashed coder: start a fresh one for the next batches
      if (!options.coder) {
        await coder.close().catch(() => {});
        coder = makeCoder();
        await coder.ready();
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  /**
   * Commit a batch; when the store refuses it (not a lost connection: a document it cannot
   * take), commit its jobs one by one, and a refused one as a failure to retry, so one bad
   * document neither sinks its batch nor stops the worker.
   */
  const commitAll = async (token: string, results: JobResult[]): Promise<Array<CommitSummary & { jobs: number }>> => {
    try {
      const c = await persist('commit', () => queue.commit(name, token, results, options.pipeline));
      return [{ ...c, jobs: results.length }];
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (results.length > 1) {
        log(`a batch was refused by the store (${message}); committing its documents one by one`);
        const out: Array<CommitSummary & { jobs: number }> = [];
        for (const r of results) out.push(...(await commitAll(token, [r])));
        return out;
      }
      const r = results[0];
      if (r.kind === 'retry') throw err;
      const failure: JobResult = { job: r.job, kind: 'retry', error: { code: 'store', message } };
      const c = await persist('commit', () => queue.commit(name, token, [failure], options.pipeline));
      return [{ ...c, jobs: 1 }];
    }
  };

  const work = async (claim: Claim): Promise<void> => {
    const jobIds = claim.jobs.map((j) => j.id);
    const heartbeat = setInterval(
      () => {
        queue.extend(claim.token, leaseMs, jobIds).catch(() => {});
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    try {
      const results: JobResult[] = [];
      // a job claimed more often than it may be tried, with no failure recorded: workers died or
      // stalled on it (a document that crashes the coder); it goes to the dead-letter table
      const spent = claim.jobs.filter((j) => j.attempts > queue.maxAttempts);
      for (const job of spent)
        results.push({
          job,
          kind: 'retry',
          error: { code: 'abandoned', message: `claimed ${job.attempts} times without finishing` },
        });
      const live = claim.jobs.filter((j) => j.attempts <= queue.maxAttempts);
      // jobs that failed before are coded one by one, so one bad document cannot sink others
      const fresh = live.filter((j) => j.attempts <= 1);
      const again = live.filter((j) => j.attempts > 1);
      const groups = [fresh, ...again.map((j) => [j])].filter((g) => g.length > 0);
      for (const group of groups) {
        let coded: Coded | null = null;
        let failure: { code: string; message: string } | null = null;
        try {
          coded = await code(group.map((j) => j.input));
        } catch (err) {
          failure = { code: 'internal', message: err instanceof Error ? err.message : String(err) };
        }
        group.forEach((job, i) => {
          const r = coded?.results[i];
          const base = { hash: job.hash, pipeline: options.pipeline, origin: job.origin };
          if (r?.ok)
            results.push({
              job,
              kind: 'store',
              record: coded!.prepared
                ? { status: 'prepared', ...base, doc: r.doc as PreparedDocument }
                : { status: 'coded', ...base, doc: r.doc as CodedDocument },
            });
          else if (r && !r.ok && PERMANENT.has(r.error.code))
            results.push({
              job,
              kind: 'store',
              record: {
                status: 'failed',
                hash: job.hash,
                pipeline: options.pipeline,
                origin: job.origin,
                id: job.docId,
                input: job.input,
                error: r.error,
              },
            });
          else
            results.push({
              job,
              kind: 'retry',
              error: r && !r.ok ? r.error : (failure ?? { code: 'internal', message: 'no result' }),
            });
        });
      }
      for (const c of await commitAll(claim.token, results)) {
        summary.lost += c.jobs - c.held;
        for (const o of c.outcomes) {
          if (o === 'new' || o === 'updated') summary.stored++;
          else if (o === 'unchanged') summary.unchanged++;
          else summary.failed++;
        }
        summary.retried += c.retried;
        summary.dead += c.dead;
      }
      for (const r of results)
        if (r.kind === 'retry') log(`${r.job.docId} (attempt ${r.job.attempts}): ${r.error.code}: ${r.error.message}`);
      options.onProgress?.({ ...summary, seconds: (performance.now() - t0) / 1000 });
    } finally {
      clearInterval(heartbeat);
    }
  };

  // an idle worker sleeps until jobs are enqueued (a notification) or its next poll
  const waker = new QueueWaker(options.store.target);
  // batches in hand: one per coding thread and one more (claimed or committing), no more, so
  // that near the end of a queue no worker sits on jobs that another could code
  const capacity = (options.coder?.capacity ?? threads) + 1;
  const inflight = new Set<Promise<void>>();
  let fatal: unknown = null;
  let lastSeen = performance.now();
  try {
    while (!stopped() && !fatal) {
      if (inflight.size >= capacity) {
        await Promise.race(inflight);
        continue;
      }
      let claim: Claim;
      waker.reset();
      try {
        claim = await persist('claim', () => queue.claim(name, batchSize, leaseMs, true));
      } catch (err) {
        if (stopped()) break;
        throw err;
      }
      if (claim.jobs.length === 0) {
        if (inflight.size > 0) {
          await Promise.race(inflight);
          continue;
        }
        if (options.untilEmpty && (await persist('depth', () => queue.depth())) === 0) break;
        if (performance.now() - lastSeen > 10_000) {
          lastSeen = performance.now();
          await persist('heartbeat', () => queue.seen(name));
        }
        await waker.sleep(pollMs * (0.75 + Math.random() * 0.5), options.signal);
        continue;
      }
      summary.claimed += claim.jobs.length;
      const job = work(claim).catch((err) => {
        fatal ??= err;
      });
      inflight.add(job);
      job.finally(() => inflight.delete(job));
    }
    await Promise.all(inflight);
    if (fatal) throw fatal;
  } finally {
    await waker.close();
    if (!options.coder) await coder.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}
