// Distributed coding on a PostgreSQL store: `eventwire ingest --enqueue` (queue documents),
// `eventwire worker` (code queued documents; run any number, on any machines) and
// `eventwire status` (queue depth, rate, failures, workers).
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option } from 'commander';
import { EventwireError } from '../errors.js';
import type { InputFormat } from '../ingest/sources.js';
import type { PresetName } from '../pipeline/presets.js';
import type { PostgresStore } from '../store/postgres/store.js';
import { EXIT_FAILED, EXIT_OK, packageVersion, registerCommand } from './main.js';

const EXIT_INTERRUPTED = 130;

/** `500ms`, `30s`, `2m` or a number of milliseconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 2m');
  const mult = { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? 'ms').toLowerCase() as 'ms' | 's' | 'm'];
  return Math.round(Number(m[1]) * mult);
}

function positiveInt(max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected a whole number, 1-${max}`);
    return n;
  };
}

async function openPgStore(location: string, asyncCommit = false): Promise<PostgresStore> {
  const { isPostgresUrl } = await import('../store/postgres/connect.js');
  if (!isPostgresUrl(location))
    throw new EventwireError(
      'usage',
      'the work queue lives in a PostgreSQL store: pass --store postgres://... (or set EVENTWIRE_STORE)',
    );
  const { PostgresStore } = await import('../store/postgres/store.js');
  return PostgresStore.open(location, { applicationName: 'eventwire-worker', asyncCommit });
}

/** Ctrl-C / SIGTERM: stop taking work, finish what is in hand; a second one stops at once. */
function onInterrupt(what: string): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  let signals = 0;
  const handler = () => {
    signals++;
    if (signals === 1) {
      process.stderr.write(`\neventwire: interrupted; ${what} (Ctrl-C again to stop now)\n`);
      controller.abort();
    } else process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export async function runEnqueueCommand(
  sources: string[],
  location: string,
  opts: {
    input?: InputFormat;
    date?: string;
    maxBytes?: number;
    recode?: boolean;
    quiet?: boolean;
  },
): Promise<number> {
  const store = await openPgStore(location);
  const { runEnqueue } = await import('../queue/enqueue.js');
  const { pipelineSignature } = await import('../ingest/ingest.js');
  const { Progress } = await import('../ingest/progress.js');
  const { signal, release } = onInterrupt('stopping after the documents read so far are queued');
  try {
    const s = await runEnqueue(sources, {
      store,
      pipeline: pipelineSignature('full', packageVersion()),
      input: opts.input,
      date: opts.date ?? null,
      maxBytes: opts.maxBytes,
      recode: opts.recode ?? false,
      signal,
      progress: opts.quiet ? null : new Progress(process.stderr),
    });
    process.stdout.write(
      `queued ${s.queued} of ${s.documents} documents in ${store.location}: ${s.unchanged} already stored unchanged, ` +
        `${s.failed} unreadable (stored as failed)` +
        (s.skippedFiles ? `; ${s.skippedFiles} files of other types skipped` : '') +
        ` (${s.seconds.toFixed(1)} s); run \`eventwire worker --store ...\` to code them\n`,
    );
    return s.interrupted ? EXIT_INTERRUPTED : s.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    release();
    await store.close();
  }
}

registerCommand((program, setExit) => {
  program
    .command('worker')
    .description('code documents queued with `ingest --enqueue` and store them (run any number, on any machines)')
    .option('--store <url>', 'PostgreSQL store: postgres://... (or $EVENTWIRE_STORE)')
    .option('--threads <n>', 'coders (default: one per core)', positiveInt(256))
    .addOption(
      new Option(
        '--coder <kind>',
        'code in child processes without V8 background threads (one core each), or in worker threads',
      )
        .choices(['process', 'thread'])
        .default('process'),
    )
    .option('--batch <n>', 'documents per claim', positiveInt(1000), 32)
    .option('--lease <duration>', 'how long a claim is held without news from the worker', parseDuration, 30_000)
    .option('--poll <duration>', 'pause between looks at an empty queue', parseDuration, 1000)
    .option('--max-attempts <n>', 'tries before a document goes to the dead-letter table', positiveInt(100), 5)
    .option('--backoff <duration>', 'delay before the first retry (doubled each time)', parseDuration, 2000)
    .option('--until-empty', 'exit when the queue is empty instead of waiting for more')
    .option('--preset <name>', 'pipeline preset', 'full')
    .option('--quiet', 'no progress output')
    .action(async (opts) => {
      const { storeLocation } = await import('../store/index.js');
      const { runWorker } = await import('../queue/worker.js');
      const { pipelineSignature } = await import('../ingest/ingest.js');
      const { PRESETS } = await import('../pipeline/presets.js');
      if (!Object.hasOwn(PRESETS, opts.preset))
        throw new EventwireError('usage', `unknown preset "${opts.preset}" (${Object.keys(PRESETS).join(', ')})`);
      // a commit lost in a server crash loses its jobs' removal too, so they are coded again
      const store = await openPgStore(storeLocation(opts.store), true);
      const { signal, release } = onInterrupt('finishing the documents in hand');
      const quiet = opts.quiet ?? false;
      let last = 0;
      try {
        const preset = opts.preset as PresetName;
        const s = await runWorker({
          store,
          pipeline: pipelineSignature(preset, packageVersion()),
          preset,
          threads: opts.threads ?? availableParallelism(),
          coderKind: opts.coder,
          batchSize: opts.batch,
          leaseMs: opts.lease,
          pollMs: opts.poll,
          maxAttempts: opts.maxAttempts,
          backoffMs: opts.backoff,
          untilEmpty: opts.untilEmpty ?? false,
          signal,
          log: quiet ? undefined : (line) => process.stderr.write(`eventwire: ${line}\n`),
          onProgress: quiet
            ? undefined
            : (p) => {
                if (performance.now() - last < 2000) return;
                last = performance.now();
                process.stderr.write(
                  `eventwire: ${p.stored} stored, ${p.failed} failed, ${p.retried} retried, ${p.dead} dead ` +
                    `(${(p.stored / Math.max(p.seconds, 0.001)).toFixed(1)} documents/s)\n`,
                );
              },
        });
        process.stdout.write(
          `worker ${s.worker}: ${s.stored} documents stored, ${s.unchanged} unchanged, ${s.failed} failed, ` +
            `${s.retried} retried, ${s.dead} dead-lettered, ${s.lost} left to other workers (${s.seconds.toFixed(1)} s)\n`,
        );
        setExit(signal.aborted ? EXIT_INTERRUPTED : EXIT_OK);
      } finally {
        release();
        await store.close();
      }
    });

  program
    .command('status')
    .description('store and work queue at a glance: queue depth, rate, failures, dead letters and workers')
    .option('--store <path|url>', 'store: SQLite file or postgres:// URL (default ./eventwire.db, or $EVENTWIRE_STORE)')
    .option('--json', 'print JSON')
    .option('--requeue-dead', 'put dead-lettered documents back on the queue first')
    .action(async (opts) => {
      const { openStore, storeLocation, isPostgresUrl } = await import('../store/index.js');
      const location = storeLocation(opts.store);
      const pg = isPostgresUrl(location);
      if (opts.requeueDead && !pg) throw new EventwireError('usage', '--requeue-dead needs a PostgreSQL store');
      const store = pg ? await openPgStore(location) : await openStore(location, { readonly: true });
      try {
        const stats = await store.stats();
        let queue = null;
        let requeued = 0;
        if (pg) {
          const { WorkQueue } = await import('../queue/queue.js');
          const q = new WorkQueue(store as PostgresStore);
          if (opts.requeueDead) requeued = await q.requeueDead();
          queue = await q.status();
        }
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ store: store.location, stats, queue, requeued }, null, 2)}\n`);
        } else {
          const lines = [
            `store      ${store.location}`,
            `documents  ${stats.documents} coded, ${stats.failed} failed; ${stats.events} events` +
              (stats.firstDate ? ` (${stats.firstDate} to ${stats.lastDate})` : ''),
          ];
          if (queue) {
            if (requeued) lines.push(`requeued   ${requeued} dead-lettered documents`);
            lines.push(
              `queue      ${queue.depth} jobs: ${queue.ready} ready, ${queue.leased} being coded, ${queue.delayed} waiting to retry` +
                (queue.oldestReadySeconds != null ? `; oldest ready ${queue.oldestReadySeconds} s` : ''),
              `rate       ${queue.rate.toFixed(1)} documents/s over 5 min (${queue.doneLastMinute} this minute, ${queue.doneLast5Minutes} in 5 min)`,
              `failures   ${queue.failedLast5Minutes} failed and ${queue.retriedLast5Minutes} retried in 5 min; ${queue.retrying} jobs retrying; ${queue.dead} dead-lettered`,
            );
            for (const d of queue.lastDead)
              lines.push(`  dead     ${d.docId} after ${d.attempts} tries (${d.diedAt}): ${d.error ?? ''}`);
            const live = queue.workers.filter((w) => w.seenSecondsAgo < 120);
            lines.push(`workers    ${live.length} seen in the last 2 min`);
            for (const w of live)
              lines.push(`  ${w.worker}  ${w.done} stored, ${w.failed} failed, seen ${w.seenSecondsAgo} s ago`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        setExit(EXIT_OK);
      } finally {
        await store.close();
      }
    });
});
