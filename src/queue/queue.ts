// The work queue of distributed coding, in the PostgreSQL store's own database: one row per
// document to code. Workers claim batches with FOR UPDATE SKIP LOCKED, which gives each
// claim a lease (the job is invisible to others until `visible_at`) and a token. A worker
// commits a batch in ONE transaction: it deletes the jobs it still holds (by token) and
// writes exactly those documents. A worker that dies loses its lease; the jobs come back
// when it runs out and another worker codes them. A worker that lost its lease (it stalled,
// or the database restarted) deletes nothing and so writes nothing. Hence at-least-once
// delivery and exactly-once storage; on top, document writes are idempotent (same input
// and pipeline: unchanged). Jobs that fail are retried with exponential backoff; after
// `maxAttempts` claims they move to the dead-letter table `queue_dead`.
//
// Why a table and not a queue library: the job's removal must commit in the same transaction
// as the document it produced, on the same connection, which a separate queue (its own
// connections and completion calls) cannot give; and `status` reads the same tables.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { DocumentInput } from '../doc/types.js';
import { named } from '../store/postgres/connect.js';
import { pgText } from '../store/postgres/copy.js';
import type { PostgresStore } from '../store/postgres/store.js';
import type { PreparedRecord } from '../store/prepared.js';
import type { DocumentRecord, PutOutcome } from '../store/types.js';
import { SharedStories } from './stories.js';
import { queueChannel } from './wake.js';

export interface QueueItem {
  input: DocumentInput & { id: string };
  hash: string;
  origin: string | null;
}

export interface Job {
  id: number;
  docId: string;
  hash: string;
  pipeline: string;
  origin: string | null;
  input: DocumentInput & { id: string };
  /** Claims so far, this one included. */
  attempts: number;
}

export interface Claim {
  token: string;
  jobs: Job[];
}

/** What a worker decided for one claimed job. */
export type JobResult =
  | { job: Job; kind: 'store'; record: DocumentRecord | PreparedRecord }
  | { job: Job; kind: 'retry'; error: { code: string; message: string } };

export interface CommitSummary {
  /** Jobs this worker still held (the others were lost with the lease and are left alone). */
  held: number;
  outcomes: PutOutcome[];
  retried: number;
  dead: number;
}

export interface QueueOptions {
  /** Claims before a failing job goes to the dead-letter table (default 5). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled per attempt (default 2000), at most `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Give committed documents near-duplicate groups and stories, shared by all workers through
   * the database (src/queue/stories.ts; default true).
   */
  stories?: boolean;
}

export interface QueueStatus {
  /** Jobs in the queue: ready to claim, being coded (leased), waiting for a retry. */
  depth: number;
  ready: number;
  leased: number;
  delayed: number;
  /** Jobs that failed at least once and wait or run again. */
  retrying: number;
  dead: number;
  /** Documents stored by workers in the last minute and in the last 5 minutes. */
  doneLastMinute: number;
  doneLast5Minutes: number;
  /** Documents per second over the last 5 minutes (or since the first work in them). */
  rate: number;
  failedLast5Minutes: number;
  retriedLast5Minutes: number;
  workers: Array<{ worker: string; host: string; pid: number; seenSecondsAgo: number; done: number; failed: number }>;
  lastDead: Array<{ docId: string; attempts: number; error: string | null; diedAt: string }>;
  oldestReadySeconds: number | null;
}

export class WorkQueue {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  private readonly stories: SharedStories | null;

  constructor(
    readonly store: PostgresStore,
    options: QueueOptions = {},
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.backoffMs = options.backoffMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.stories = options.stories === false ? null : new SharedStories();
  }

  /** The channel `enqueue` notifies idle workers on. */
  get channel(): string {
    return queueChannel(this.store.target.schema);
  }

  /** Whether commits give documents groups and stories (coders then prepare what the assigner reads). */
  get assignsStories(): boolean {
    return this.stories !== null;
  }

  /** Idle workers wake when the caller's transaction commits (src/queue/wake.ts). */
  private async notifyWorkers(client: pg.PoolClient): Promise<void> {
    await client.query("SELECT pg_notify($1, '')", [this.channel]);
  }

  private get pool(): pg.Pool {
    return this.store.pool;
  }

  /**
   * Put documents on the queue. A document already queued with the same input and pipeline
   * stays as it is; a changed one replaces it (and any claim on the old input is void).
   * Returns how many jobs were added or replaced.
   */
  async enqueue(items: readonly QueueItem[], pipeline: string): Promise<number> {
    if (items.length === 0) return 0;
    const last = new Map<string, QueueItem>();
    for (const it of items) last.set(pgText(it.input.id), it);
    const ids = [...last.keys()].sort();
    const rows = ids.map((id) => last.get(id)!);
    return this.store.transaction(async (client) => {
      const r = await client.query(
        `INSERT INTO queue_jobs (doc_id, hash, pipeline, origin, input)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (doc_id) DO UPDATE SET hash = excluded.hash, pipeline = excluded.pipeline,
           origin = excluded.origin, input = excluded.input, attempts = 0, visible_at = now(), token = NULL,
           worker = NULL, last_error = NULL
         WHERE queue_jobs.hash <> excluded.hash OR queue_jobs.pipeline <> excluded.pipeline`,
        [
          ids,
          rows.map((x) => x.hash),
          rows.map(() => pipeline),
          rows.map((x) => pgText(x.origin)),
          rows.map((x) => pgText(JSON.stringify(x.input))),
        ],
      );
      // a document queued again starts afresh: out of the dead-letter table
      await client.query('DELETE FROM queue_dead WHERE doc_id = ANY($1::text[])', [ids]);
      if (r.rowCount) await this.notifyWorkers(client);
      return r.rowCount ?? 0;
    });
  }

  /**
   * Claim up to `limit` ready jobs for `leaseMs` (oldest first; others' claims are skipped).
   * With `share`, at most a fair share of what is left: the ready jobs over twice the workers
   * seen in the last minute (each holds two claims), so that near the end of a queue claims
   * shrink and no worker sits on a full claim while the others have nothing left to code.
   */
  async claim(worker: string, limit: number, leaseMs: number, share = false): Promise<Claim> {
    const token = randomUUID();
    // the claimed rows are updated through the primary key (id = ANY(ARRAY(...))): joined
    // to the CTE instead, the planner (expecting hundreds of rows from it) hashed the whole
    // queue table at every claim, a cost growing with the queue's depth (3-10 ms per claim with
    // 8,000 jobs queued, 0.5 ms this way)
    // the ready jobs are counted only up to where the share reaches the limit (2 x workers x
    // limit), not through a deep queue at every claim, and in the index's order: a scan of the
    // table went through every job done since the last vacuum (deleted rows at its start)
    const size = share
      ? `(SELECT least($1::int, greatest(1, ceil(
             (SELECT count(*) FROM (SELECT 1 FROM queue_jobs WHERE visible_at <= now() ORDER BY visible_at, id
               LIMIT $1::int * 2 * w.n) x)
             / (2.0 * w.n))))::int
           FROM (SELECT greatest(1, count(*)) AS n FROM queue_workers WHERE seen_at > now() - interval '1 minute') w)`
      : '$1';
    const r = await this.pool.query<{
      id: number;
      doc_id: string;
      hash: string;
      pipeline: string;
      origin: string | null;
      input: string;
      attempts: number;
    }>(
      named(
        `WITH next AS (
         SELECT id FROM queue_jobs WHERE visible_at <= now() ORDER BY visible_at, id LIMIT ${size} FOR UPDATE SKIP LOCKED
       )
       UPDATE queue_jobs j SET visible_at = now() + $2 * interval '1 millisecond', token = $3, worker = $4,
         attempts = j.attempts + 1
       WHERE j.id = ANY (ARRAY(SELECT id FROM next))
       RETURNING j.id, j.doc_id, j.hash, j.pipeline, j.origin, j.input, j.attempts`,
        [limit, leaseMs, token, worker],
      ),
    );
    const jobs = r.rows
      .map((x) => ({
        id: x.id,
        docId: x.doc_id,
        hash: x.hash,
        pipeline: x.pipeline,
        origin: x.origin,
        input: JSON.parse(x.input) as DocumentInput & { id: string },
        attempts: x.attempts,
      }))
      .sort((a, b) => a.id - b.id);
    return { token, jobs };
  }

  /** Extend the lease of a claim's jobs (a worker does this while it codes), found through the primary key. */
  async extend(token: string, leaseMs: number, ids: readonly number[]): Promise<number> {
    const r = await this.pool.query(
      named(
        `UPDATE queue_jobs SET visible_at = now() + $2 * interval '1 millisecond'
         WHERE id = ANY($3::bigint[]) AND token = $1`,
        [token, leaseMs, ids],
      ),
    );
    return r.rowCount ?? 0;
  }

  /** Delay before the next try after `attempts` claims: exponential, with jitter. */
  backoff(attempts: number): number {
    const base = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  /**
   * Commit what a worker made of a claim, in one transaction: jobs still held by `token` are
   * removed (stored), rescheduled (retry) or moved to the dead-letter table (too many tries),
   * and their documents written. Jobs no longer held are left untouched.
   */
  async commit(worker: string, token: string, results: readonly JobResult[], pipeline: string): Promise<CommitSummary> {
    const once = () => this.commitOnce(worker, token, results, pipeline);
    return this.stories ? this.stories.exclusive(once) : once();
  }

  private async commitOnce(
    worker: string,
    token: string,
    results: readonly JobResult[],
    pipeline: string,
  ): Promise<CommitSummary> {
    return this.store.transaction(async (client) => {
      const held = new Set(
        (
          await client.query<{ id: number }>(
            named('SELECT id FROM queue_jobs WHERE token = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR UPDATE', [
              token,
              results.map((r) => r.job.id),
            ]),
          )
        ).rows.map((r) => r.id),
      );
      const mine = results.filter((r) => held.has(r.job.id));
      const records: Array<DocumentRecord | PreparedRecord> = [];
      const done: number[] = [];
      const retry: Array<{ id: number; delay: number; error: string }> = [];
      const dead: Array<{ job: Job; error: string }> = [];
      for (const r of mine) {
        if (r.kind === 'store') {
          records.push(r.record);
          done.push(r.job.id);
        } else if (r.job.attempts >= this.maxAttempts) {
          const error = `${r.error.code}: ${r.error.message}`;
          dead.push({ job: r.job, error });
          done.push(r.job.id);
          // the document is listed as failed in the store, as ingest does
          records.push({
            status: 'failed',
            hash: r.job.hash,
            pipeline,
            origin: r.job.origin,
            id: r.job.docId,
            input: r.job.input,
            error: r.error,
          });
        } else
          retry.push({
            id: r.job.id,
            delay: this.backoff(r.job.attempts),
            error: `${r.error.code}: ${r.error.message}`,
          });
      }
      for (const d of dead)
        await client.query(
          `INSERT INTO queue_dead (doc_id, hash, pipeline, origin, input, attempts, error)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (doc_id) DO UPDATE SET hash = excluded.hash, pipeline = excluded.pipeline,
             origin = excluded.origin, input = excluded.input, attempts = excluded.attempts, error = excluded.error,
             died_at = now()`,
          [
            d.job.docId,
            d.job.hash,
            d.job.pipeline,
            d.job.origin,
            pgText(JSON.stringify(d.job.input)),
            d.job.attempts,
            pgText(d.error),
          ],
        );
      // documents last: their shared rows (the series counts) stay locked only until the commit
      // groups and stories in commit order, one committing worker at a time
      if (this.stories) await this.stories.assign(client, records);
      const outcomes = records.length ? await this.store.putWith(client, records) : [];
      const failed = outcomes.filter((o) => o === 'failed').length;
      const stored = outcomes.length - failed;
      // the jobs' bookkeeping in one statement: done ones go, failed ones wait for a retry
      await client.query(
        named(
          `WITH done AS (DELETE FROM queue_jobs WHERE id = ANY($1::bigint[])),
           retry AS (
             UPDATE queue_jobs j SET token = NULL, worker = NULL, last_error = r.error,
               visible_at = now() + r.delay * interval '1 millisecond'
             FROM unnest($2::bigint[], $3::int[], $4::text[]) AS r(id, delay, error) WHERE j.id = r.id
           ),
           progress AS (
             INSERT INTO queue_progress AS p (minute, worker, done, failed, retried)
             VALUES (date_trunc('minute', now()), $5, $6, $7, $8)
             ON CONFLICT (minute, worker) DO UPDATE SET done = p.done + excluded.done,
               failed = p.failed + excluded.failed, retried = p.retried + excluded.retried
           )
         UPDATE queue_workers SET done = done + $6, failed = failed + $7, seen_at = now() WHERE worker = $5`,
          [
            done,
            retry.map((x) => x.id),
            retry.map((x) => x.delay),
            retry.map((x) => pgText(x.error)),
            worker,
            stored,
            failed,
            retry.length,
          ],
        ),
      );
      return { held: mine.length, outcomes, retried: retry.length, dead: dead.length };
    });
  }

  /** Announce a worker (status lists the ones seen recently). */
  async register(worker: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO queue_workers (worker, host, pid) VALUES ($1, $2, $3)
       ON CONFLICT (worker) DO UPDATE SET seen_at = now()`,
      [worker, hostname(), process.pid],
    );
  }

  async seen(worker: string): Promise<void> {
    await this.pool.query('UPDATE queue_workers SET seen_at = now() WHERE worker = $1', [worker]);
  }

  /** Jobs in the queue (all states). */
  async depth(): Promise<number> {
    const r = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM queue_jobs');
    return r.rows[0].n;
  }

  /** Put dead-lettered documents back on the queue (after fixing what made them fail). */
  async requeueDead(): Promise<number> {
    return this.store.transaction(async (client) => {
      const r = await client.query(
        `INSERT INTO queue_jobs (doc_id, hash, pipeline, origin, input)
         SELECT doc_id, hash, pipeline, origin, input FROM queue_dead ORDER BY doc_id
         ON CONFLICT (doc_id) DO NOTHING`,
      );
      await client.query('DELETE FROM queue_dead');
      if (r.rowCount) await this.notifyWorkers(client);
      return r.rowCount ?? 0;
    });
  }

  async status(): Promise<QueueStatus> {
    const [q] = (
      await this.pool.query<{
        depth: number;
        ready: number;
        leased: number;
        delayed: number;
        retrying: number;
        oldest: number | null;
        dead: number;
      }>(
        `SELECT count(*) AS depth,
           count(*) FILTER (WHERE visible_at <= now()) AS ready,
           count(*) FILTER (WHERE visible_at > now() AND token IS NOT NULL) AS leased,
           count(*) FILTER (WHERE visible_at > now() AND token IS NULL) AS delayed,
           count(*) FILTER (WHERE last_error IS NOT NULL) AS retrying,
           extract(epoch FROM now() - min(enqueued_at) FILTER (WHERE visible_at <= now()))::float8 AS oldest,
           (SELECT count(*) FROM queue_dead) AS dead
         FROM queue_jobs`,
      )
    ).rows;
    const [p] = (
      await this.pool.query<{
        last1: number | null;
        last5: number | null;
        failed5: number | null;
        retried5: number | null;
        first: number | null;
      }>(
        `SELECT sum(done) FILTER (WHERE minute >= date_trunc('minute', now())) AS last1,
           sum(done) AS last5, sum(failed) AS failed5, sum(retried) AS retried5,
           extract(epoch FROM now() - min(first_at))::float8 AS first
         FROM queue_progress WHERE minute >= date_trunc('minute', now()) - interval '4 minutes'`,
      )
    ).rows;
    const workers = (
      await this.pool.query<{ worker: string; host: string; pid: number; ago: number; done: number; failed: number }>(
        `SELECT worker, host, pid, extract(epoch FROM now() - seen_at)::float8 AS ago, done, failed
         FROM queue_workers WHERE seen_at > now() - interval '10 minutes' ORDER BY started_at`,
      )
    ).rows;
    const lastDead = (
      await this.pool.query<{ doc_id: string; attempts: number; error: string | null; died_at: Date }>(
        'SELECT doc_id, attempts, error, died_at FROM queue_dead ORDER BY died_at DESC LIMIT 5',
      )
    ).rows;
    const last5 = p.last5 ?? 0;
    // over the time since the first work in the window (a queue started a minute ago is not
    // diluted over five)
    const seconds = Math.min(300, Math.max(1, p.first ?? 300));
    return {
      depth: q.depth,
      ready: q.ready,
      leased: q.leased,
      delayed: q.delayed,
      retrying: q.retrying,
      dead: q.dead,
      doneLastMinute: p.last1 ?? 0,
      doneLast5Minutes: last5,
      rate: last5 / seconds,
      failedLast5Minutes: p.failed5 ?? 0,
      retriedLast5Minutes: p.retried5 ?? 0,
      workers: workers.map((w) => ({
        worker: w.worker,
        host: w.host,
        pid: w.pid,
        seenSecondsAgo: Math.round(w.ago),
        done: w.done,
        failed: w.failed,
      })),
      lastDead: lastDead.map((d) => ({
        docId: d.doc_id,
        attempts: d.attempts,
        error: d.error,
        diedAt: d.died_at.toISOString(),
      })),
      oldestReadySeconds: q.oldest == null ? null : Math.round(q.oldest),
    };
  }
}
