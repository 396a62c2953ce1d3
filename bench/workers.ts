// Distributed coding throughput: `eventwire worker` processes (one coder each, the full
// pipeline; `--coder process` (default: a child process without V8 background threads) or
// `--coder thread`) on a PostgreSQL store, 1 worker against 2. The workers start and load their
// pipelines on an empty queue and code `--warm` documents each (not timed: compilation,
// caches); then the clock runs from enqueueing N documents (the sample articles repeated) until
// all N are stored. CPU time of the worker processes, their coding processes and their
// PostgreSQL backends is read from /proc, so the scaling on 2 free cores can be estimated
// even when the machine is shared: a worker's coder bounds 1 worker, and 2 workers are bounded
// by the cores: ratio = min(2, 2 x coding CPU / (worker CPU + database CPU)). The bare
// pipeline is measured in 1 and 2 processes the same way (the coders' V8 flags, the same
// warm-up), for the scaling the machine itself gives. `--batch N` sets documents per claim.
// Needs PostgreSQL (EVENTWIRE_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CODING_PROCESS_FLAGS } from '../src/ingest/pool.js';
import { WorkQueue } from '../src/queue/queue.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { inputHash } from '../src/store/rows.js';
import { repeatedSample, writeJsonl } from '../test/fixtures/samples.js';
import { type Bench, repoDir, table } from './lib.js';

const TICK = 100; // clock ticks per second of /proc/<pid>/stat (USER_HZ on Linux)

/** CPU seconds of a task (process or thread) from its stat line, 0 when gone. */
function taskCpu(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}

/** CPU seconds of all the threads of a process. */
function allThreads(pid: number): number {
  let all = 0;
  const dir = `/proc/${pid}/task`;
  if (existsSync(dir)) for (const t of readdirSync(dir)) all += taskCpu(join(dir, t, 'stat'));
  return all;
}

/** Child processes of a process (its coding processes). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * CPU seconds of a worker: its main thread, all its threads and its coding processes, and the
 * coding itself (the coding processes, or with coding threads every thread but the main one).
 */
function processCpu(pid: number, kids: number[]): { main: number; all: number; coding: number } {
  const main = taskCpu(`/proc/${pid}/task/${pid}/stat`);
  const own = allThreads(pid);
  const children = kids.reduce((s, k) => s + allThreads(k), 0);
  return { main, all: own + children, coding: kids.length ? children : own - main };
}

interface Run {
  workers: number;
  seconds: number;
  rate: number;
  /** CPU ms per document: worker processes (with their coders), their main threads, coding, PostgreSQL backends. */
  worker: number;
  main: number;
  coding: number;
  db: number;
}

/**
 * The bare pipeline in `procs` processes at once over the same documents: documents/s and CPU
 * ms per document. Measured as the workers code: with the coding processes' V8 flags (when the
 * workers code in processes) and after the same number of documents per process not timed.
 */
async function bare(
  file: string,
  procs: number,
  n: number,
  coder: string,
  warm: number,
): Promise<{ rate: number; cpu: number }> {
  const flags = coder === 'thread' ? [] : CODING_PROCESS_FLAGS;
  const children = Array.from({ length: procs }, (_, i) =>
    spawn(
      process.execPath,
      [
        ...flags,
        '--import',
        'tsx',
        join(repoDir, 'bench/bare-process.ts'),
        file,
        String(i),
        String(procs),
        String(warm),
      ],
      {
        cwd: repoDir,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
  );
  const lines = children.map((c) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let buf = '';
    c.stdout!.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      let k = buf.indexOf('\n');
      while (k >= 0) {
        queue.push(buf.slice(0, k));
        buf = buf.slice(k + 1);
        k = buf.indexOf('\n');
      }
      wake?.();
    });
    return async () => {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return queue.shift()!;
    };
  });
  for (const next of lines) await next(); // ready
  const t0 = performance.now();
  for (const c of children) c.stdin!.write('go\n');
  const results = (await Promise.all(lines.map((next) => next()))).map((l) => JSON.parse(l) as { cpuMs: number });
  const seconds = (performance.now() - t0) / 1000;
  return { rate: n / seconds, cpu: results.reduce((s, r) => s + r.cpuMs, 0) / n };
}

async function runOnce(
  base: string,
  workers: number,
  n: number,
  round: number,
  coder: string,
  warm: number,
  batch: number | null,
): Promise<Run> {
  const u = new URL(base);
  u.searchParams.set('schema', `ew_bench_workers_${process.pid}_${workers}_${round}`);
  const url = u.toString();
  const store = await PostgresStore.open(url);
  const queue = new WorkQueue(store);
  const procs: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++)
      procs.push(
        spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            join(repoDir, 'test/fixtures/cli.ts'),
            'worker',
            '--store',
            url,
            '--threads',
            '1',
            '--poll',
            '50ms',
            '--coder',
            coder,
            ...(batch ? ['--batch', String(batch)] : []),
            '--quiet',
          ],
          { cwd: repoDir, stdio: ['ignore', 'ignore', 'pipe'] },
        ),
      );
    // ready when registered (a worker registers once its pipeline is loaded)
    for (let t = 0; ; t++) {
      const r = await store.pool.query<{ n: number }>('SELECT count(*) AS n FROM queue_workers');
      if (r.rows[0].n >= workers) break;
      if (t > 1200) throw new Error('workers did not start');
      await sleep(100);
    }
    const backends = async () =>
      (
        await store.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'eventwire-worker' AND datname = current_database()`,
        )
      ).rows.map((r) => r.pid);
    const kids = procs.map((p) => childrenOf(p.pid!));
    const cpu = (dbPids: number[]) => {
      const w = procs.map((p, i) => processCpu(p.pid!, kids[i]));
      return {
        main: w.reduce((s, x) => s + x.main, 0),
        all: w.reduce((s, x) => s + x.all, 0),
        coding: w.reduce((s, x) => s + x.coding, 0),
        db: dbPids.reduce((s, pid) => s + taskCpu(`/proc/${pid}/stat`), 0),
      };
    };
    // done when the queue is empty (a job goes in the transaction that stores its document):
    // a look at the small queue table, not a count of the growing documents table every 50 ms
    // on the cores the workers share
    const drain = async (total: number, since: number) => {
      for (;;) {
        // through the primary key: a scan of the table would read every job done since the last
        // vacuum (deleted rows), more of them the further the run went
        const r = await store.pool.query('SELECT id FROM queue_jobs ORDER BY id LIMIT 1');
        if (r.rows.length === 0) break;
        if (performance.now() - since > 900_000) throw new Error('workers too slow');
        // every 10 ms: the end of a run is seen within 5 ms on average (a 2-worker run of the
        // default 300 documents takes 2-4 s; with 50 ms looks the clock ran 25 ms over on average)
        await sleep(10);
      }
      const r = await store.pool.query<{ n: number }>('SELECT count(*) AS n FROM documents');
      if (r.rows[0].n < total) throw new Error(`${r.rows[0].n} documents stored, ${total} expected`);
    };
    // warm-up, not timed: every worker codes some documents first (compilation, caches)
    const warmDocs = repeatedSample(warm * workers).map((d, i) => {
      const input = { ...d, id: `${d.id}-warm${round}-${i}` };
      return { input, hash: inputHash(input), origin: 'bench' };
    });
    if (warmDocs.length) {
      await queue.enqueue(warmDocs, 'bench');
      await drain(warmDocs.length, performance.now());
    }
    // statistics for the tables the warm-up filled, as autovacuum keeps them on a store in use:
    // without any, the workers' prepared statements get plans made for empty tables (sequential
    // scans of the events and documents), whose cost grows with every document stored
    await store.pool.query('ANALYZE');
    const db0 = await backends();
    const c0 = cpu(db0);
    const docs = repeatedSample(n).map((d, i) => {
      const input = { ...d, id: `${d.id}-r${round}-${i}` };
      return { input, hash: inputHash(input), origin: 'bench' };
    });
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 500) await queue.enqueue(docs.slice(i, i + 500), 'bench');
    await drain(n + warmDocs.length, t0);
    const seconds = (performance.now() - t0) / 1000;
    const db1 = await backends();
    const c1 = cpu([...new Set([...db0, ...db1])]);
    return {
      workers,
      seconds,
      rate: n / seconds,
      worker: ((c1.all - c0.all) * 1000) / n,
      main: ((c1.main - c0.main) * 1000) / n,
      coding: ((c1.coding - c0.coding) * 1000) / n,
      db: ((c1.db - c0.db) * 1000) / n,
    };
  } finally {
    for (const p of procs) {
      // a worker's stderr is shown only when it did not start or stop cleanly
      const err: string[] = [];
      p.stderr?.setEncoding('utf8').on('data', (x: string) => err.push(x));
      p.once('exit', (code) => {
        if (code !== 0 && code !== 130) process.stderr.write(err.join(''));
      });
      p.kill('SIGTERM');
    }
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    await store.pool.query(`DROP SCHEMA IF EXISTS "${u.searchParams.get('schema')}" CASCADE`).catch(() => {});
    await store.close();
  }
}

export const workersBench: Bench = {
  name: 'workers',
  title: 'distributed coding: 1 against 2 `eventwire worker` processes on a PostgreSQL store',
  async run(args) {
    const n = Number(args[args.indexOf('--docs') + 1]) || 300;
    const rounds = Number(args[args.indexOf('--rounds') + 1]) || 2;
    const coder = args.includes('--coder') ? args[args.indexOf('--coder') + 1] : 'process';
    const warm = args.includes('--warm') ? Number(args[args.indexOf('--warm') + 1]) : 60;
    const batch = args.includes('--batch') ? Number(args[args.indexOf('--batch') + 1]) : null;
    const bareToo = !args.includes('--no-bare');
    const base = process.env.EVENTWIRE_BENCH_PG || 'postgres://postgres@127.0.0.1:5432/test';
    const load0 = loadavg();
    const dir = mkdtempSync(join(tmpdir(), 'ew-bench-workers-'));
    const file = join(dir, 'docs.jsonl');
    writeJsonl(file, repeatedSample(n));
    const runs: Run[] = [];
    const bares: Array<{ procs: number; rate: number; cpu: number }> = [];
    for (let r = 0; r < rounds; r++)
      for (const w of [1, 2]) {
        runs.push(await runOnce(base, w, n, r, coder, warm, batch));
        if (bareToo) bares.push({ procs: w, ...(await bare(file, w, n, coder, warm)) });
      }
    const of = (w: number) => runs.filter((r) => r.workers === w);
    const best = (w: number) => Math.max(...of(w).map((r) => r.rate));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows: Array<[string, string]> = [
      [
        'documents',
        `${n} per run (samples/articles.jsonl repeated) after ${warm} per worker not timed, full pipeline, ` +
          `1 coder per worker (${coder === 'thread' ? 'a worker thread' : 'a child process without V8 background threads'})` +
          `, ${batch ?? 'default'} documents per claim`,
      ],
    ];
    for (const w of [1, 2])
      rows.push([
        `${w} worker${w > 1 ? 's' : ''}`,
        `${best(w).toFixed(1)} documents/s (best of ${rounds}: ${of(w)
          .map((r) => r.rate.toFixed(1))
          .join(', ')})`,
      ]);
    rows.push(['2 workers / 1 (wall)', `${(best(2) / best(1)).toFixed(2)}x (target >= 1.7x)`]);
    for (const w of [1, 2]) {
      const ws = of(w);
      rows.push([
        `CPU per document, ${w}`,
        `workers ${median(ws.map((r) => r.worker)).toFixed(1)} ms (coding ${median(ws.map((r) => r.coding)).toFixed(1)} ms, ` +
          `main threads ${median(ws.map((r) => r.main)).toFixed(1)} ms), ` +
          `PostgreSQL ${median(ws.map((r) => r.db)).toFixed(1)} ms`,
      ]);
    }
    // on 2 free cores: 1 worker is bound by its coding thread, 2 workers by the cores (all CPU
    // per document: both workers' threads and the database); estimated with the costs measured
    // in the 1-worker runs (the machine's other load inflates the 2-worker costs less) and, as a
    // lower bound, with the 2-worker runs' own costs
    const cost = (w: number) => {
      const ws = of(w);
      const worker = median(ws.map((r) => r.worker));
      return { worker, coding: median(ws.map((r) => r.coding)), db: median(ws.map((r) => r.db)) };
    };
    const one = cost(1);
    const two = cost(2);
    const est = (c: { worker: number; db: number }) => Math.min(2, (2 * one.coding) / (c.worker + c.db));
    rows.push([
      '2 workers / 1 (CPU)',
      `${est(one).toFixed(2)}x on 2 free cores = min(2, 2 x ${one.coding.toFixed(1)} ms coding / ` +
        `(${one.worker.toFixed(1)} ms worker + ${one.db.toFixed(1)} ms database)); ` +
        `${est(two).toFixed(2)}x with the 2-worker runs' costs (${two.worker.toFixed(1)} + ${two.db.toFixed(1)} ms)`,
    ]);
    // the machine's own scaling at the same time: the bare pipeline in 1 and 2 processes
    const bareOf = (w: number) => bares.filter((b) => b.procs === w);
    const bareBest = (w: number) => Math.max(...bareOf(w).map((b) => b.rate));
    if (bareToo) {
      rows.push([
        'bare pipeline, 1 / 2',
        `${bareBest(1).toFixed(1)} / ${bareBest(2).toFixed(1)} documents/s: ${(bareBest(2) / bareBest(1)).toFixed(2)}x; ` +
          `CPU per document ${median(bareOf(1).map((b) => b.cpu)).toFixed(1)} / ${median(bareOf(2).map((b) => b.cpu)).toFixed(1)} ms`,
      ]);
      rows.push([
        'workers / bare scaling',
        `${((best(2) / best(1) / (bareBest(2) / bareBest(1))) * 100).toFixed(0)}% of the scaling the machine gave the bare pipeline`,
      ]);
    }
    rmSync(dir, { recursive: true, force: true });
    const load1 = loadavg();
    rows.push([
      'load average',
      `${load0.map((x) => x.toFixed(1)).join(' ')} -> ${load1.map((x) => x.toFixed(1)).join(' ')} on 2 cores`,
    ]);
    return table(rows);
  },
};
