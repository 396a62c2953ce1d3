// Near-duplicate groups and stories for queue workers: the same online assigner as the
// single-process ingest (src/stories/03-assign.ts), shared through the database. Every worker
// keeps an assigner in memory; a commit takes a transaction-level advisory lock (so commits
// assign one at a time, in one order), replays the decisions other workers logged since its
// assigner's last one (table story_log), decides its own documents and logs them, all in the
// commit's transaction. If that transaction fails, the in-memory assigner may hold decisions
// that never committed, so it is dropped and rebuilt from the snapshot and the log next time.
// Every `snapshotEvery` logged decisions the lock holder saves a snapshot of its assigner with
// the last sequence number it covers and deletes the log up to it: a new worker loads the
// snapshot and replays only the rest. Coding (the expensive part) stays parallel; only the
// assignment (about a millisecond per document) is serialized.
import type pg from 'pg';
import { named, namedBatch } from '../store/postgres/connect.js';
import { pgText } from '../store/postgres/copy.js';
import type { PreparedRecord } from '../store/prepared.js';
import type { DocumentRecord } from '../store/types.js';
import { type AssignLogEntry, StoryAssigner } from '../stories/03-assign.js';

/** The advisory-lock key of story assignment (any constant distinct from the store's others). */
export const ASSIGN_LOCK = 0x65770001;
/** Name of the snapshot in index_state. */
export const QUEUE_ASSIGNER_STATE = 'stories-queue-v1';

interface Snapshot {
  seq: number;
  state: string;
}

export class SharedStories {
  private assigner: StoryAssigner | null = null;
  /** Last log entry applied to `assigner`. */
  private seq = 0;
  private sinceSnapshot = 0;

  constructor(readonly snapshotEvery = 2000) {}

  private tail: Promise<unknown> = Promise.resolve();

  /** Forget the in-memory assigner (after a failed transaction). */
  invalidate(): void {
    this.assigner = null;
  }

  /**
   * Run a transaction that calls `assign`, one at a time in this process: a transaction that
   * fails drops the assigner before the next one can read decisions that never committed.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      try {
        return await fn();
      } catch (err) {
        this.invalidate();
        throw err;
      }
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /** Bring the assigner up to the last committed decision (lock held). */
  private async catchUp(client: pg.PoolClient): Promise<StoryAssigner> {
    if (!this.assigner) {
      const r = await client.query<{ value: string }>('SELECT value FROM index_state WHERE name = $1', [
        QUEUE_ASSIGNER_STATE,
      ]);
      let snap: Snapshot | null = null;
      try {
        snap = r.rows[0] ? (JSON.parse(r.rows[0].value) as Snapshot) : null;
      } catch {
        snap = null;
      }
      this.assigner = new StoryAssigner(snap?.state ?? null);
      this.seq = snap?.seq ?? 0;
      this.sinceSnapshot = 0;
    }
    const log = await client.query<{ seq: string; entry: string }>(
      named('SELECT seq, entry FROM story_log WHERE seq > $1 ORDER BY seq', [this.seq]),
    );
    for (const row of log.rows) {
      this.assigner.replay(JSON.parse(row.entry) as AssignLogEntry);
      this.seq = Number(row.seq);
      this.sinceSnapshot++;
    }
    return this.assigner;
  }

  /**
   * Set the links (group and story) of the coded records, in their order, inside the caller's
   * transaction. The caller must call `invalidate()` if the transaction does not commit.
   */
  async assign(client: pg.PoolClient, records: Array<DocumentRecord | PreparedRecord>): Promise<void> {
    const coded = records.filter((r) => r.status !== 'failed');
    if (coded.length === 0) return;
    await client.query(named('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK]));
    try {
      const assigner = await this.catchUp(client);
      const ids: string[] = [];
      const entries: string[] = [];
      for (const r of coded) {
        // a prepared document brings its signature and story inputs from its coder
        const { links, entry } =
          r.status === 'prepared'
            ? assigner.assignPreparedLogged(r.doc, r.doc.story?.sig ?? null, r.doc.story?.inputs ?? null)
            : assigner.assignLogged(r.doc);
        r.links = links;
        if (entry) {
          ids.push(pgText(entry.id));
          entries.push(JSON.stringify(entry));
        }
      }
      if (entries.length) {
        // one parameter per value: an array parameter's elements (JSON, full of quotes) would be
        // escaped one by one into an array literal
        const values = entries.map((_, k) => `($${2 * k + 1}, $${2 * k + 2})`).join(', ');
        const sql = `INSERT INTO story_log (doc_id, entry) VALUES ${values} RETURNING seq`;
        const params = entries.flatMap((e, k) => [ids[k], e]);
        const r = await client.query<{ seq: string }>(namedBatch(sql, params, entries.length));
        for (const row of r.rows) this.seq = Math.max(this.seq, Number(row.seq));
        this.sinceSnapshot += entries.length;
      }
      if (this.sinceSnapshot >= this.snapshotEvery) {
        const value = JSON.stringify({ seq: this.seq, state: assigner.serialize() } satisfies Snapshot);
        await client.query(
          `INSERT INTO index_state (name, value, saved_at) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
          [QUEUE_ASSIGNER_STATE, value, new Date().toISOString()],
        );
        await client.query('DELETE FROM story_log WHERE seq <= $1', [this.seq]);
        this.sinceSnapshot = 0;
      }
    } catch (err) {
      this.invalidate();
      throw err;
    }
  }
}
