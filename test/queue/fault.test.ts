// Distributed coding under faults: 3 worker processes on loopback code 5,000 queued documents
// while one worker is killed with SIGKILL twice (holding leased jobs each time) and the
// PostgreSQL server is restarted once. Afterwards: exactly 5,000 documents, every event once,
// the series consistent with the events, the queue and the dead-letter table empty.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEnqueue } from '../../src/queue/enqueue.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { type Cluster, startCluster } from './cluster.js';

const DOCS = 5000;
const SEED = 7;
const COST_MS = '2';
const LEASE_MS = '4000';
const repoDir = join(import.meta.dirname, '../..');

const cluster = await startCluster();
if (typeof cluster === 'string') console.warn(`skipping the queue fault test: ${cluster}`);

interface Proc {
  child: ChildProcess;
  name: Promise<string>;
  exit: Promise<number | null>;
  out: string[];
  err: string[];
}

function startWorker(url: string): Proc {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoDir, 'test/fixtures/queue-worker.ts'),
      url,
      String(DOCS),
      String(SEED),
      COST_MS,
      LEASE_MS,
    ],
    { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: string[] = [];
  const err: string[] = [];
  let resolveName: (n: string) => void = () => {};
  const name = new Promise<string>((r) => {
    resolveName = r;
  });
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out.push(s);
    const m = /worker (\S+)/.exec(out.join(''));
    if (m) resolveName(m[1]);
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => err.push(s));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, name, exit, out, err };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(typeof cluster === 'string')('work queue under faults', () => {
  const c = cluster as Cluster;
  const url = typeof cluster === 'string' ? '' : `${c.url}?schema=faults`;
  const admin = () => {
    const cl = new pg.Client({ connectionString: typeof cluster === 'string' ? '' : c.url });
    // a restart ends its connection: noticed on the next query
    cl.on('error', () => {});
    return cl;
  };
  const workers: Proc[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-faults-'));
    const file = join(dir, 'docs.jsonl');
    const lines: string[] = [];
    for (const d of generateCorpus(DOCS, { seed: SEED }))
      lines.push(
        JSON.stringify({ id: d.id, date: d.date, title: d.title, source: d.source, url: d.url, text: d.text }),
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const store = await PostgresStore.open(url);
    const s = await runEnqueue([file], { store, pipeline: 'fixture', progress: null });
    await store.close();
    expect(s.queued).toBe(DOCS);
  });

  afterAll(() => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    c.stop();
  });

  it('stores every document exactly once through 2 worker kills and a server restart', {
    timeout: 240_000,
  }, async () => {
    const t0 = performance.now();
    const client = admin();
    await client.connect();
    let conn = client;
    const q = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
      for (let i = 0; ; i++) {
        try {
          return (await conn.query<T>(sql)).rows;
        } catch (err) {
          if (i > 100) throw err;
          // the connection died with the restart: open another
          await conn.end().catch(() => {});
          await sleep(200);
          conn = admin();
          await conn.connect().catch(() => {});
        }
      }
    };
    const stored = async () => (await q<{ n: number }>('SELECT count(*)::int AS n FROM faults.documents'))[0].n;
    const waitFor = async (n: number) => {
      if (process.env.EW_DEBUG) console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s: waiting for ${n}`);
      while ((await stored()) < n) {
        if (performance.now() - t0 > 220_000) {
          for (const w of workers) console.error(w.err.join('').slice(-2000));
          throw new Error(`stuck below ${n} documents`);
        }
        await sleep(100);
      }
    };
    /** Kill the worker with SIGKILL while it holds leased jobs; start a new one in its place. */
    const killHolding = async (i: number) => {
      const w = workers[i];
      const name = await w.name;
      for (let tries = 0; ; tries++) {
        const [{ n: held }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM faults.queue_jobs WHERE worker = '${name}' AND token IS NOT NULL AND visible_at > now()`,
        );
        if (held > 0 || tries > 100) {
          w.child.kill('SIGKILL');
          await w.exit;
          workers[i] = startWorker(url);
          return held;
        }
        await sleep(20);
      }
    };

    for (let i = 0; i < 3; i++) workers.push(startWorker(url));
    const [{ t: started0 }] = await q<{ t: Date }>('SELECT pg_postmaster_start_time() AS t');

    await waitFor(600);
    const held1 = await killHolding(0);
    await waitFor(1800);
    c.restart();
    await waitFor(3000);
    const held2 = await killHolding(0);

    const codes = await Promise.all(workers.map((w) => w.exit));
    const seconds = (performance.now() - t0) / 1000;
    const started1 = (await q<{ t: Date }>('SELECT pg_postmaster_start_time() AS t'))[0].t;
    const [docs] = await q<{ coded: number; failed: number; n_events: number; unlinked: number; stories: number }>(
      `SELECT count(*) FILTER (WHERE status = 'coded')::int AS coded, count(*) FILTER (WHERE status = 'failed')::int AS failed,
         sum(n_events)::int AS n_events, count(*) FILTER (WHERE story IS NULL)::int AS unlinked,
         count(DISTINCT story)::int AS stories FROM faults.documents`,
    );
    const [storyRows] = await q<{ n: number }>('SELECT count(*)::int AS n FROM faults.stories');
    const [events] = await q<{ n: number; dup: number; happened_dyads: number }>(
      `SELECT count(*)::int AS n,
         (SELECT count(*)::int FROM (SELECT doc, event_id FROM faults.events GROUP BY 1, 2 HAVING count(*) > 1) d) AS dup,
         count(*) FILTER (WHERE happened AND source_country IS NOT NULL AND target_country IS NOT NULL)::int AS happened_dyads
       FROM faults.events`,
    );
    const [series] = await q<{ n: number }>('SELECT coalesce(sum(n), 0)::int AS n FROM faults.series_country_month');
    const [queue] = await q<{ jobs: number; dead: number }>(
      'SELECT (SELECT count(*)::int FROM faults.queue_jobs) AS jobs, (SELECT count(*)::int FROM faults.queue_dead) AS dead',
    );
    const summaries = workers.map((w) => JSON.parse(w.out.join('').trim().split('\n').pop() ?? '{}'));
    await conn.end().catch(() => {});

    const expectedEvents = [...generateCorpus(DOCS, { seed: SEED })].reduce((s, d) => s + d.events.length, 0);
    console.log(
      `fault test: ${DOCS} documents in ${seconds.toFixed(1)} s; killed a worker holding ${held1} and ${held2} leased jobs; ` +
        `server restarted; survivors lost ${summaries.reduce((s, x) => s + (x.lost ?? 0), 0)} leases`,
    );
    expect(codes).toEqual([0, 0, 0]);
    expect(held1).toBeGreaterThan(0);
    expect(held2).toBeGreaterThan(0);
    expect(started1.getTime()).toBeGreaterThan(started0.getTime());
    expect(docs.coded).toBe(DOCS);
    expect(docs.failed).toBe(0);
    expect(events.dup).toBe(0);
    expect(events.n).toBe(expectedEvents);
    expect(docs.n_events).toBe(expectedEvents);
    expect(series.n).toBe(events.happened_dyads);
    expect(queue).toEqual({ jobs: 0, dead: 0 });
    // every document threaded into a story by the shared assigner, through the kills and the restart
    expect(docs.unlinked).toBe(0);
    expect(storyRows.n).toBe(docs.stories);
  });
});
