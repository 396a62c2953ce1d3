// CPU of committing coded documents to the PostgreSQL store, without coding: the sample articles
// are coded (and prepared, as coding processes send them) once, then DOCS queued jobs are claimed and committed in claims of 32 through
// `WorkQueue.commit` (stories, documents, events, series, the jobs' removal), as a queue worker
// does. Prints per round the wall ms, this process's CPU ms (main thread and V8 helpers) and
// the server backends' CPU ms per document (from /proc, so the server must run on this
// machine). Not registered in run.ts; usage: npx tsx bench/pg-commit.ts [DOCS] [ROUNDS]
// (EVENTWIRE_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test; a schema per round,
// dropped afterwards).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { InlineCoder } from '../src/ingest/pool.js';
import { type JobResult, WorkQueue } from '../src/queue/queue.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { inputHash } from '../src/store/rows.js';
import { repeatedSample } from '../test/fixtures/samples.js';

const n = Number(process.argv[2]) || 960;
const rounds = Number(process.argv[3]) || 3;
const base = process.env.EVENTWIRE_BENCH_PG || 'postgres://postgres@127.0.0.1:5432/test';
const WARM = 64;

/** CPU ms of a process from /proc (0 when gone), all or in the kernel only. */
function procMs(pid: number, kernel = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((kernel ? 0 : Number(f[11])) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}
const ownMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const ownSysMs = () => process.cpuUsage().system / 1000;

const samples = repeatedSample(30);
// prepared in the coder, as queue workers get them (layers JSON, rows, signature, story features)
const coded = await new InlineCoder('full').codePrepared(samples, true);
for (let r = 0; r < rounds; r++) {
  const u = new URL(base);
  u.searchParams.set('schema', `ew_bench_commit_${process.pid}_${r}`);
  const store = await PostgresStore.open(u.toString(), { applicationName: 'eventwire-worker', asyncCommit: true });
  const queue = new WorkQueue(store);
  try {
    await queue.register('bench');
    const docs = repeatedSample(n + WARM).map((d, i) => {
      const input = { ...d, id: `${d.id}-c${i}` };
      return { input, hash: inputHash(input), origin: 'bench' };
    });
    await queue.enqueue(docs, 'bench');
    const backends = async () =>
      (
        await store.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'eventwire-worker' AND datname = current_database()`,
        )
      ).rows.map((x) => x.pid);
    let pids0: number[] = [];
    let db0 = 0;
    let dbSys0 = 0;
    let own0 = 0;
    let ownSys0 = 0;
    let t0 = 0;
    for (let done = 0; ; ) {
      if (done === WARM) {
        // statistics, as autovacuum keeps them on a store in use (bench/workers.ts)
        await store.pool.query('ANALYZE');
        pids0 = await backends();
        db0 = pids0.reduce((s, p) => s + procMs(p), 0);
        dbSys0 = pids0.reduce((s, p) => s + procMs(p, true), 0);
        own0 = ownMs();
        ownSys0 = ownSysMs();
        t0 = performance.now();
      }
      const claim = await queue.claim('bench', 32, 60_000);
      if (claim.jobs.length === 0) break;
      const results: JobResult[] = claim.jobs.map((job) => {
        const c = coded[Number(job.docId.slice(job.docId.lastIndexOf('-c') + 2)) % samples.length];
        if (!c.ok) throw new Error('a sample failed to code');
        const doc = { ...c.doc, id: job.docId };
        return {
          job,
          kind: 'store',
          record: { status: 'prepared', hash: job.hash, pipeline: 'bench', origin: 'bench', doc },
        };
      });
      await queue.commit('bench', claim.token, results, 'bench');
      done += claim.jobs.length;
    }
    const own = ownMs() - own0;
    const ownSys = ownSysMs() - ownSys0;
    const pids = [...new Set([...pids0, ...(await backends())])];
    const db = pids.reduce((s, p) => s + procMs(p), 0) - db0;
    const dbSys = pids.reduce((s, p) => s + procMs(p, true), 0) - dbSys0;
    console.log(
      `round ${r + 1}: ${((performance.now() - t0) / n).toFixed(2)} ms wall, ${(own / n).toFixed(2)} ms CPU here ` +
        `(kernel ${(ownSys / n).toFixed(2)}), ${(db / n).toFixed(2)} ms server CPU (kernel ${(dbSys / n).toFixed(2)}) ` +
        `per document (load ${loadavg()[0].toFixed(1)})`,
    );
  } finally {
    await store.pool.query(`DROP SCHEMA IF EXISTS "${u.searchParams.get('schema')}" CASCADE`).catch(() => {});
    await store.close();
  }
}
