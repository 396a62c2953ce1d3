// The shared store: PostgreSQL, for many machines and a team on one database. The same tables,
// indexes and queries as the SQLite store; full-text search on a generated tsvector with a GIN
// index; layer rows written with COPY. Writes of one document are serialized by an advisory
// lock on its id, so any number of ingesters and workers can write at once: a document is
// stored once, with its events once, whoever wins.
import type pg from 'pg';
import { EventwireError } from '../../errors.js';
import { EV, type PreparedDocument, type PreparedRecord, prepareDocument, seriesEntryOfRow } from '../prepared.js';
import {
  codeFilter,
  codeMonthSeries,
  countryTableSeries,
  type DocDbRow,
  documentWhere,
  EVENT_COLUMNS,
  type EventDbRow,
  eventWhere,
  monthAligned,
  type PlaceCountDbRow,
  type SeriesRow,
  type SqlDialect,
  type StoryDbRow,
  SUMMARY_COLUMNS,
  seriesPlan,
  type TopActorDbRow,
  type TopDyadDbRow,
  toEventRow,
  toPlaceCount,
  toStored,
  toStorySummary,
  toSummary,
  toTopActor,
  toTopDyad,
  type UniqueCounts,
  Where,
} from '../query.js';
import { type SeriesDbRow, type SeriesEntry, seriesCells, seriesEntryOf, snippetOf } from '../rows.js';
import type {
  AggregateQuery,
  DocumentQuery,
  DocumentRecord,
  DocumentSummary,
  EventQuery,
  EventRow,
  Page,
  PlaceCount,
  PutOutcome,
  SeriesPoint,
  SeriesQuery,
  Store,
  StoredDocument,
  StoredVersion,
  StoreStats,
  StoryDetail,
  StoryQuery,
  StorySummary,
  TopActor,
  TopDyad,
} from '../types.js';
import { bucketSeries, checkSchemaVersion, clampLimit } from '../util.js';
import { createPool, describePgError, named, namedBatch, type PgTarget, parsePgUrl } from './connect.js';
import { type CopyValue, copyRows, pgText } from './copy.js';
import { FTS_CHARS, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

type Params = unknown[];

/** Event lists count matches exactly up to this many; above it `total` is COUNT_CAP + 1. */
export const COUNT_CAP = 10_000;

/** PostgreSQL spellings of the shared filters. */
const SQL: SqlDialect = {
  isTrue: (column, value) => (value ? column : `NOT ${column}`),
  sameText: (column) => `lower(${column}) = lower(?)`,
  search: (input) => tsQuery(input),
};

/** Advisory-lock class of document ids (the second key is a hash of the id). */
const DOC_LOCK = 0x65770001;
/** Advisory-lock class of story ids. */
const STORY_LOCK = 0x65770002;

/** A row of the stories table, as its counts are written. */
interface StoryRow {
  id: string;
  title: string | null;
  first: string | null;
  last: string | null;
  articles: number;
  unique_articles: number;
  sources: number;
  events: number;
}

/** Story rows as the column arrays of the stories INSERTs (id, title, first and last date, counts). */
function storyColumns(rows: readonly StoryRow[]): unknown[][] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.title),
    rows.map((r) => r.first),
    rows.map((r) => r.last),
    rows.map((r) => r.articles),
    rows.map((r) => r.unique_articles),
    rows.map((r) => r.sources),
    rows.map((r) => r.events),
  ];
}

/** Take the transaction-scoped advisory locks of `keys` in lock space `space` (callers sort them). */
async function lockKeys(client: pg.PoolClient, space: number, keys: string[]): Promise<void> {
  await client.query(
    named('SELECT count(pg_advisory_xact_lock($1, hashtext(k))) FROM unnest($2::text[]) AS k', [space, keys]),
  );
}

/** `?` placeholders (as the SQLite store writes them) to PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/**
 * A free-text search as a safe tsquery: words and "quoted phrases" AND-ed, phrases as
 * followed-by chains, a trailing `*` kept as a prefix match. Only letters and digits reach the
 * query text, so user input is never tsquery syntax. Null when there is nothing to search for.
 */
export function tsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  const text = input.slice(0, 1000);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (terms.length >= 32) break;
    const raw = m[1] ?? m[2] ?? '';
    const prefix = m[2] !== undefined && raw.endsWith('*');
    const words = raw
      .replace(/\*+$/, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    const quoted = words.map((w) => `'${w}'`);
    if (prefix) quoted[quoted.length - 1] += ':*';
    terms.push(quoted.length > 1 ? `(${quoted.join(' <-> ')})` : quoted[0]);
  }
  return terms.length ? terms.join(' & ') : null;
}

export interface PostgresStoreOptions {
  readonly?: boolean;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  applicationName?: string;
  /**
   * Commit without waiting for the disk flush (synchronous_commit = off): a server crash may
   * lose the last fraction of a second of commits, never corrupt them. For writers whose
   * lost commits are redone anyway (queue workers: a job's removal is lost with its documents).
   */
  asyncCommit?: boolean;
}

interface Known {
  key: number;
  hash: string | null;
  pipeline: string | null;
  status: 'coded' | 'failed';
  story: string | null;
  duplicate_of: string | null;
}

/** A document row to write (the `documents` columns but key and search vector). */
interface DocWrite {
  id: string;
  date: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  hash: string | null;
  pipeline: string;
  origin: string | null;
  meta: string;
  status: 'coded' | 'failed';
  error: string | null;
  text: string;
  layers: string | null;
  counts: [number, number, number, number, number];
  duplicateOf: string | null;
  story: string | null;
  doc: PreparedDocument | null;
  /** Its events that happened and are their unique event's first report (set when written). */
  storyEvents: number;
}

/** Rows to column arrays (for INSERT ... SELECT FROM unnest). */
function columns(rows: ReadonlyArray<readonly CopyValue[]>, width: number): CopyValue[][] {
  const out: CopyValue[][] = Array.from({ length: width }, () => []);
  for (const r of rows)
    for (let i = 0; i < width; i++) out[i].push(typeof r[i] === 'string' ? pgText(r[i] as string) : r[i]);
  return out;
}

type Delta = [number, number, number, number];

/** Pre-aggregated series deltas: key -> [unique events, Goldstein sum, mentions, Goldstein x mentions]. */
class SeriesDeltas {
  readonly countryDay = new Map<string, Delta>();
  readonly countryMonth = new Map<string, Delta>();
  readonly codeMonth = new Map<string, Delta>();
  bump(e: SeriesEntry, n: number, m: number): void {
    for (const [table, key] of seriesCells(e)) {
      const map = this[table];
      const k = JSON.stringify(key);
      const v = map.get(k);
      if (v) {
        v[0] += n;
        v[1] += n * e.goldstein;
        v[2] += m;
        v[3] += m * e.goldstein;
      } else map.set(k, [n, n * e.goldstein, m, m * e.goldstein]);
    }
  }
}

interface OldEventRow extends SeriesDbRow {
  key: number;
  mentions: number;
  is_primary: boolean;
  unique_id: string;
  happened: boolean;
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  readonly target: PgTarget;
  readonly pool: pg.Pool;
  private readonly readonly: boolean;
  private ready: Promise<void>;

  /** Use `PostgresStore.open` (it connects and migrates before returning). */
  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.target = parsePgUrl(url);
    this.location = this.target.display;
    this.readonly = options.readonly ?? false;
    this.pool = createPool(this.target, {
      max: options.poolSize,
      applicationName: options.applicationName,
      asyncCommit: options.asyncCommit,
    });
    this.ready = Promise.resolve();
  }

  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, options);
    try {
      if (store.readonly) await store.checkSchema();
      else await store.migrate();
    } catch (err) {
      await store.pool.end().catch(() => {});
      throw describePgError(err, store.location);
    }
    return store;
  }

  /** Apply pending migrations (one migrating process at a time); refuse a newer schema. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    const lock = `eventwire-migrate:${this.target.schema}`;
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.target.schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS eventwire_schema (
        version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = await this.schemaVersion(client);
      checkSchemaVersion(current, SCHEMA_VERSION);
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO eventwire_schema (version, description) VALUES ($1, $2)', [
            m.version,
            m.description,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => {});
      client.release();
    }
  }

  private async schemaVersion(client: pg.PoolClient | pg.Pool): Promise<number> {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('eventwire_schema')::text AS t`);
    if (!exists.rows[0]?.t) return 0;
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM eventwire_schema');
    return r.rows[0]?.v ?? 0;
  }

  private async checkSchema(): Promise<void> {
    const v = await this.schemaVersion(this.pool);
    if (v === 0) throw new EventwireError('store', `${this.location} is not an eventwire store (no schema)`);
    if (v > SCHEMA_VERSION)
      throw new EventwireError(
        'store',
        `the store has schema version ${v}, newer than this eventwire understands (${SCHEMA_VERSION}); upgrade eventwire`,
      );
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: Params = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(numbered(sql), params)).rows;
  }

  /** Run `fn` in one transaction on one connection (rolled back if it throws). */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async versions(ids: readonly string[]): Promise<Map<string, StoredVersion>> {
    const out = new Map<string, StoredVersion>();
    if (ids.length === 0) return out;
    const rows = await this.query<StoredVersion>(
      'SELECT id, hash, pipeline, status FROM documents WHERE id = ANY(?::text[])',
      [ids.map((id) => pgText(id))],
    );
    for (const r of rows) out.set(r.id, r);
    return out;
  }

  async put(records: readonly DocumentRecord[]): Promise<PutOutcome[]> {
    return this.putPrepared(records);
  }

  async putPrepared(records: readonly (DocumentRecord | PreparedRecord)[]): Promise<PutOutcome[]> {
    this.statsCache = null;
    if (records.length === 0) return [];
    return this.transaction((client) => this.putWith(client, records));
  }

  /**
   * Write a batch inside the caller's transaction on `client` (the work queue commits the
   * documents and the removal of their jobs together). Same outcomes as `put`. Coded documents
   * are written through the rows a coding worker prepares (src/store/prepared.ts).
   */
  async putWith(client: pg.PoolClient, records: readonly (DocumentRecord | PreparedRecord)[]): Promise<PutOutcome[]> {
    this.statsCache = null;
    const ids = records.map((r) => pgText(r.status === 'failed' ? r.id : r.doc.id));
    const groupOf = (r: DocumentRecord | PreparedRecord, id: string): string | null =>
      r.status !== 'failed' && r.links?.duplicateOf && pgText(r.links.duplicateOf) !== id
        ? pgText(r.links.duplicateOf)
        : null;
    // one writer per document id and near-duplicate group at a time (copies share unique
    // events), locks taken in one order (no deadlocks)
    const locked = new Set<string>();
    const lock = async (keys: Iterable<string>) => {
      const todo = [...new Set(keys)].filter((k) => !locked.has(k)).sort();
      if (todo.length === 0) return;
      for (const k of todo) locked.add(k);
      await lockKeys(client, DOC_LOCK, todo);
    };
    await lock([...ids, ...records.map((r, i) => groupOf(r, ids[i])).filter((g): g is string => g !== null)]);
    const known = new Map<string, Known>();
    const found = await client.query<Known & { id: string }>(
      named('SELECT id, key, hash, pipeline, status, story, duplicate_of FROM documents WHERE id = ANY($1::text[])', [
        ids,
      ]),
    );
    for (const r of found.rows) known.set(r.id, r);
    // the groups the stored versions were in lose reports too
    await lock(found.rows.map((r) => r.duplicate_of).filter((g): g is string => g !== null));
    // stories a replaced document was or is in: recounted from their documents at the end;
    // stories that only gain new documents are updated from those documents alone
    const stories = new Set<string>();
    const added: Array<{ story: string; w: DocWrite }> = [];
    const outcomes: PutOutcome[] = [];
    // rounds of distinct ids: a batch naming a document twice writes it twice, in order
    let round: Array<{ write: DocWrite; old: Known | undefined }> = [];
    const inRound = new Set<string>();
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const id = ids[i];
      if (inRound.has(id)) {
        await this.writeRound(client, round, known);
        round = [];
        inRound.clear();
      }
      const old = known.get(id);
      if (
        r.status !== 'failed' &&
        old &&
        old.status === 'coded' &&
        old.hash === r.hash &&
        old.pipeline === r.pipeline
      ) {
        outcomes[i] = 'unchanged';
        continue;
      }
      if (old?.story) stories.add(old.story);
      if (r.status === 'failed') {
        outcomes[i] = 'failed';
        // a failure never replaces a good version of the same document
        if (old && old.status === 'coded') continue;
        const input = r.input ?? {};
        round.push({
          old,
          write: {
            id,
            date: pgText(input.date ?? null),
            title: pgText(input.title ?? null),
            source: pgText(input.source ?? null),
            url: pgText(input.url ?? null),
            hash: r.hash,
            pipeline: r.pipeline,
            origin: pgText(r.origin),
            meta: JSON.stringify(input.meta ?? {}),
            status: 'failed',
            error: JSON.stringify(r.error),
            text: pgText(typeof input.text === 'string' ? input.text.slice(0, 100_000) : ''),
            layers: null,
            counts: [0, 0, 0, 0, 0],
            duplicateOf: null,
            story: null,
            doc: null,
            storyEvents: 0,
          },
        });
      } else {
        const d = r.status === 'prepared' ? r.doc : prepareDocument(r.doc);
        const story = pgText(r.links?.story ?? null);
        outcomes[i] = old ? 'updated' : 'new';
        const write: DocWrite = {
          id,
          date: pgText(d.date),
          title: pgText(d.title),
          source: pgText(d.source),
          url: pgText(d.url),
          hash: r.hash,
          pipeline: r.pipeline,
          origin: pgText(r.origin),
          // JSON text holds no NUL (JSON.stringify escapes it)
          meta: d.meta,
          status: 'coded',
          error: null,
          text: pgText(d.text),
          layers: d.layers,
          counts: d.counts,
          duplicateOf: groupOf(r, id),
          story,
          doc: d,
          storyEvents: 0,
        };
        if (story) {
          if (old) stories.add(story);
          else added.push({ story, w: write });
        }
        round.push({ old, write });
      }
      inRound.add(id);
    }
    await this.writeRound(client, round, known);
    // one refresher per story at a time (so none misses another's documents), locks taken in
    // one order
    const touched = [...new Set([...stories, ...added.map((a) => a.story)])].sort();
    if (touched.length) await lockKeys(client, STORY_LOCK, touched);
    await this.refreshStories(client, stories);
    await this.addToStories(
      client,
      added.filter((a) => !stories.has(a.story)),
      known,
    );
    return outcomes;
  }

  /**
   * New documents added to their stories' rows (lock held), as the SQLite store does: one more
   * article each (unique unless a copy), a source not seen in the story yet, their primary
   * events, and the title of the earliest dated article (ties keep the older one, as the full
   * recount orders by date, then key). Whether a source is new to a story is looked up in
   * story_sources, not among the story's documents.
   */
  private async addToStories(
    client: pg.PoolClient,
    added: Array<{ story: string; w: DocWrite }>,
    known: Map<string, Known>,
  ): Promise<void> {
    if (added.length === 0) return;
    const keys = added.map((a) => known.get(a.w.id)!.key);
    // the story's sources that are new (the pairs not in story_sources yet, added now)
    const withSource = added.filter((a) => a.w.source !== null);
    const fresh = new Set<string>();
    if (withSource.length) {
      const r = await client.query<{ story: string; source: string }>(
        named(
          `INSERT INTO story_sources (story, source) SELECT * FROM unnest($1::text[], $2::text[])
           ON CONFLICT DO NOTHING RETURNING story, source`,
          [withSource.map((a) => a.story), withSource.map((a) => a.w.source)],
        ),
      );
      for (const x of r.rows) fresh.add(`${x.story}\u0000${x.source}`);
    }
    // per story, what its new documents add (`key`: the article the title comes from)
    const byStory = new Map<string, StoryRow & { key: number }>();
    added.forEach(({ story, w }, i) => {
      const key = keys[i];
      let newSource = 1;
      if (w.source !== null) {
        // new to the story: counted once, by its first article of the batch
        const k = `${story}\u0000${w.source}`;
        newSource = fresh.delete(k) ? 1 : 0;
      }
      const title = pgText(w.doc!.storyTitle);
      const a = byStory.get(story);
      if (!a) {
        byStory.set(story, {
          id: story,
          title,
          first: w.date,
          last: w.date,
          key,
          articles: 1,
          unique_articles: w.duplicateOf ? 0 : 1,
          sources: newSource,
          events: w.storyEvents,
        });
        return;
      }
      // the earliest dated article (undated ones last), the older on a tie
      const before = w.date !== null && (a.first === null || w.date < a.first || (w.date === a.first && key < a.key));
      const undatedBefore = w.date === null && a.first === null && key < a.key;
      if (before || undatedBefore) {
        a.title = title;
        a.key = key;
      }
      if (w.date !== null) {
        if (a.first === null || w.date < a.first) a.first = w.date;
        if (a.last === null || w.date > a.last) a.last = w.date;
      }
      a.articles++;
      a.unique_articles += w.duplicateOf ? 0 : 1;
      a.sources += newSource;
      a.events += w.storyEvents;
    });
    const rows = [...byStory.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
    await client.query(
      named(
        `INSERT INTO stories AS s (id, title, first_date, last_date, articles, unique_articles, sources, events, updated_at)
         SELECT *, $9::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
           $8::int[])
         ON CONFLICT (id) DO UPDATE SET
           title = CASE WHEN excluded.first_date IS NOT NULL AND (s.first_date IS NULL OR excluded.first_date < s.first_date)
             THEN excluded.title ELSE s.title END,
           first_date = least(s.first_date, excluded.first_date), last_date = greatest(s.last_date, excluded.last_date),
           articles = s.articles + excluded.articles, unique_articles = s.unique_articles + excluded.unique_articles,
           sources = s.sources + excluded.sources, events = s.events + excluded.events, updated_at = excluded.updated_at`,
        [...storyColumns(rows), new Date().toISOString()],
      ),
    );
  }

  private async writeRound(
    client: pg.PoolClient,
    round: Array<{ write: DocWrite; old: Known | undefined }>,
    known: Map<string, Known>,
  ): Promise<void> {
    if (round.length === 0) return;
    const deltas = new SeriesDeltas();
    // the rows of replaced versions go, and their events leave the series
    const oldKeys = round.filter((x) => x.old).map((x) => x.old!.key);
    if (oldKeys.length) {
      const old = await client.query<OldEventRow>(
        `SELECT key, source_country, target_country, source_code, target_code, day, precision, quad_class, goldstein,
           mentions, is_primary, unique_id, happened FROM events WHERE doc = ANY($1::bigint[])`,
        [oldKeys],
      );
      const orphans: string[] = [];
      for (const o of old.rows) {
        if (o.happened) deltas.bump(seriesEntryOf(o), o.is_primary ? -1 : 0, -o.mentions);
        if (o.is_primary) orphans.push(o.unique_id);
      }
      // a unique event whose first report goes away is counted by its next report, if any
      if (orphans.length) {
        const next = await client.query<OldEventRow>(
          `UPDATE events SET is_primary = true WHERE key IN (
             SELECT DISTINCT ON (unique_id) key FROM events
             WHERE unique_id = ANY($1::text[]) AND doc <> ALL($2::bigint[]) ORDER BY unique_id, key)
           RETURNING key, source_country, target_country, source_code, target_code, day, precision, quad_class,
             goldstein, mentions, is_primary, unique_id, happened`,
          [orphans, oldKeys],
        );
        for (const o of next.rows) if (o.happened) deltas.bump(seriesEntryOf(o), 1, 0);
      }
      await client.query(
        `WITH a AS (DELETE FROM actors WHERE doc = ANY($1::bigint[])),
           q AS (DELETE FROM quotes WHERE doc = ANY($1::bigint[])),
           p AS (DELETE FROM places WHERE doc = ANY($1::bigint[]))
         DELETE FROM events WHERE doc = ANY($1::bigint[])`,
        [oldKeys],
      );
    }
    // documents in id order (rows locked in one order by every writer)
    const writes = round.map((x) => x.write).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const now = new Date().toISOString();
    // one parameter per value (not arrays: an array parameter's elements are escaped and
    // quoted into one literal, a copy of every document's text and layers in the main thread)
    const values: string[] = [];
    const params: unknown[] = [now];
    for (const w of writes) {
      const p = params.length;
      values.push(`(${Array.from({ length: 20 }, (_, i) => `$${p + i + 1}`).join(', ')}, $1)`);
      params.push(
        w.id,
        w.date,
        w.title,
        w.source,
        w.url,
        w.hash,
        w.pipeline,
        w.origin,
        w.meta,
        w.status,
        w.error,
        w.text,
        w.layers,
        ...w.counts,
        w.duplicateOf,
        w.story,
      );
    }
    const insert = `INSERT INTO documents (id, date, title, source, url, hash, pipeline, origin, meta, status, error, text, layers,
         n_sentences, n_actors, n_quotes, n_events, n_places, duplicate_of, story, ingested_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (id) DO UPDATE SET date = excluded.date, title = excluded.title, source = excluded.source,
         url = excluded.url, hash = excluded.hash, pipeline = excluded.pipeline, origin = excluded.origin,
         meta = excluded.meta, status = excluded.status, error = excluded.error, text = excluded.text,
         layers = excluded.layers, n_sentences = excluded.n_sentences, n_actors = excluded.n_actors,
         n_quotes = excluded.n_quotes, n_events = excluded.n_events, n_places = excluded.n_places,
         duplicate_of = excluded.duplicate_of, story = excluded.story, ingested_at = excluded.ingested_at
       RETURNING id, key`;
    const upserted = await client.query<{ id: string; key: number }>(namedBatch(insert, params, writes.length));
    const keyOf = new Map(upserted.rows.map((r) => [r.id, r.key]));
    // the event rows, in the batch's order: the first report of a unique event counts it
    const uidsOf = (w: DocWrite) => {
      const group = w.duplicateOf ?? w.id;
      return w.doc!.uniqueSuffixes.map((x) => pgText(group + x));
    };
    const records = round.filter((x) => x.write.doc).map((x) => ({ w: x.write, uids: uidsOf(x.write) }));
    const uniqueIds = [...new Set(records.flatMap((r) => r.uids))];
    const counted = new Set<string>();
    if (uniqueIds.length) {
      const have = await client.query<{ unique_id: string }>(
        named('SELECT DISTINCT unique_id FROM events WHERE unique_id = ANY($1::text[]) AND is_primary', [uniqueIds]),
      );
      for (const r of have.rows) counted.add(r.unique_id);
    }
    const events: CopyValue[][] = [];
    const actors: CopyValue[][] = [];
    const quotes: CopyValue[][] = [];
    const places: CopyValue[][] = [];
    for (const { w, uids } of records) {
      const key = keyOf.get(w.id)!;
      const d = w.doc!;
      d.events.forEach((e, i) => {
        const uid = uids[i];
        const primary = !counted.has(uid);
        counted.add(uid);
        // the prepared row's flags are 1/0, which PostgreSQL reads as booleans
        if (!e[EV.negated] && !e[EV.hypothetical]) {
          deltas.bump(seriesEntryOfRow(e), primary ? 1 : 0, e[EV.mentions] as number);
          if (primary) w.storyEvents++;
        }
        events.push([key, ...e, uid, primary]);
      });
      // one row per actor id (a repeated id keeps its last entry, as the SQLite store does)
      const byId = new Map<string, CopyValue[]>();
      for (const a of d.actors) byId.set(a[0] as string, [key, ...a]);
      actors.push(...byId.values());
      for (const q of d.quotes) quotes.push([key, ...q]);
      for (const p of d.places) places.push([key, ...p]);
    }
    for (const w of writes)
      known.set(w.id, {
        key: keyOf.get(w.id)!,
        hash: w.hash,
        pipeline: w.pipeline,
        status: w.status,
        story: w.story,
        duplicate_of: w.duplicateOf,
      });
    await copyRows(
      client,
      'events',
      [
        'doc',
        'event_id',
        'sentence',
        'date',
        'day',
        'precision',
        'code',
        'root',
        'label',
        'goldstein',
        'quad_class',
        'source_actor',
        'source_code',
        'source_name',
        'source_country',
        'target_actor',
        'target_code',
        'target_name',
        'target_country',
        'place_name',
        'country',
        'lat',
        'lon',
        'geoname_id',
        'feature_code',
        'negated',
        'hypothetical',
        'happened',
        'plover_event',
        'plover_mode',
        'confidence',
        'trigger_start',
        'trigger_end',
        'trigger_text',
        'mentions',
        'unique_id',
        'is_primary',
      ],
      events,
    );
    if (actors.length + quotes.length + places.length)
      // the small per-document tables in one statement
      await client.query(
        named(
          `WITH a AS (
           INSERT INTO actors (doc, actor_id, name, kind, code, country, mentions)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
         ), q AS (
           INSERT INTO quotes (doc, n, kind, start, "end", speaker_actor, speaker_name)
           SELECT * FROM unnest($8::bigint[], $9::int[], $10::text[], $11::int[], $12::int[], $13::text[], $14::text[])
         )
         INSERT INTO places (doc, n, name, country, lat, lon, geoname_id)
         SELECT * FROM unnest($15::bigint[], $16::int[], $17::text[], $18::text[], $19::float8[], $20::float8[],
           $21::bigint[])`,
          [...columns(actors, 7), ...columns(quotes, 7), ...columns(places, 7)],
        ),
      );
    await this.applySeries(client, deltas);
  }

  /** Add the deltas to the series tables (one statement), rows in key order (no deadlocks between writers). */
  private async applySeries(client: pg.PoolClient, deltas: SeriesDeltas): Promise<void> {
    const rowsOf = (m: Map<string, Delta>) =>
      [...m.entries()]
        .filter(([, v]) => v.some((x) => Math.abs(x) > 1e-9))
        .map(([k, v]) => [...(JSON.parse(k) as [string, string, string, number, number]), ...v])
        .sort((x, y) => {
          for (let i = 0; i < 5; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
          return 0;
        });
    const day = rowsOf(deltas.countryDay);
    const month = rowsOf(deltas.countryMonth);
    const code = rowsOf(deltas.codeMonth);
    if (day.length + month.length + code.length === 0) return;
    const upsert = (table: string, a: string, b: string, period: string, p: number) =>
      `INSERT INTO ${table} AS s (${a}, ${b}, ${period}, precision, quad_class, n, g, m, gm)
       SELECT * FROM unnest($${p}::text[], $${p + 1}::text[], $${p + 2}::text[], $${p + 3}::smallint[],
         $${p + 4}::smallint[], $${p + 5}::bigint[], $${p + 6}::float8[], $${p + 7}::bigint[], $${p + 8}::float8[])
       ON CONFLICT (${a}, ${b}, ${period}, precision, quad_class)
       DO UPDATE SET n = s.n + excluded.n, g = s.g + excluded.g, m = s.m + excluded.m, gm = s.gm + excluded.gm`;
    await client.query(
      named(
        `WITH d AS (${upsert('series_country_day', 'source_country', 'target_country', 'day', 1)}),
         m AS (${upsert('series_country_month', 'source_country', 'target_country', 'month', 10)})
       ${upsert('series_code_month', 'source_code', 'target_code', 'month', 19)}`,
        [...columns(day, 9), ...columns(month, 9), ...columns(code, 9)],
      ),
    );
  }

  /** Recompute the rows of these stories from their documents (a story with none left goes; lock held). */
  private async refreshStories(client: pg.PoolClient, stories: Set<string>): Promise<void> {
    if (stories.size === 0) return;
    const ids = [...stories].sort();
    const facts = await client.query<StoryRow>(
      named(
        `SELECT f.*, t.title, coalesce(ev.n, 0) AS events FROM (
         SELECT story AS id, min(date) AS first, max(date) AS last, count(*) AS articles,
           count(*) FILTER (WHERE duplicate_of IS NULL) AS unique_articles,
           count(DISTINCT coalesce(source, '#' || id)) AS sources
         FROM documents WHERE story = ANY($1::text[]) AND status = 'coded' GROUP BY story) f
       LEFT JOIN LATERAL (SELECT coalesce(title, substr(text, 1, 120)) AS title FROM documents
         WHERE story = f.id AND status = 'coded' ORDER BY date IS NULL, date, key LIMIT 1) t ON true
       LEFT JOIN LATERAL (SELECT count(*) AS n FROM events e JOIN documents d ON d.key = e.doc
         WHERE d.story = f.id AND d.status = 'coded' AND e.happened AND e.is_primary) ev ON true`,
        [ids],
      ),
    );
    const rows = facts.rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const now = new Date().toISOString();
    await client.query(
      named(
        `WITH gone AS (DELETE FROM stories WHERE id = ANY($1::text[]) AND NOT (id = ANY($2::text[])))
       INSERT INTO stories (id, title, first_date, last_date, articles, unique_articles, sources, events, updated_at)
       SELECT *, $10::text FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[],
         $9::int[])
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_date = excluded.first_date,
         last_date = excluded.last_date, articles = excluded.articles, unique_articles = excluded.unique_articles,
         sources = excluded.sources, events = excluded.events, updated_at = excluded.updated_at`,
        [ids, ...storyColumns(rows.map((r) => ({ ...r, title: r.title ? snippetOf(r.title, 160) : null }))), now],
      ),
    );
    // and their sources, from their documents
    await client.query(named('DELETE FROM story_sources WHERE story = ANY($1::text[])', [ids]));
    await client.query(
      named(
        `INSERT INTO story_sources (story, source) SELECT DISTINCT story, source FROM documents
         WHERE story = ANY($1::text[]) AND status = 'coded' AND source IS NOT NULL`,
        [ids],
      ),
    );
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const [r] = await this.query<DocDbRow>(
      `SELECT ${SUMMARY_COLUMNS}, d.text, d.layers, substr(d.text, 1, 300) AS snippet FROM documents d WHERE d.id = ?`,
      [pgText(id)],
    );
    if (!r) return null;
    r.snippet = snippetOf(r.snippet ?? '');
    return toStored(r);
  }

  async listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>> {
    const limit = clampLimit(query.limit, 20, 500);
    const offset = Math.max(0, query.offset ?? 0);
    const { where, fts } = documentWhere(SQL, query);
    const counted = new Where();
    if (fts) counted.add(`d.tsv @@ to_tsquery('simple', ?)`, fts);
    counted.clauses.push(...where.clauses);
    counted.params.push(...where.params);
    const [{ n: total }] = await this.query<{ n: number }>(
      `SELECT count(*) AS n FROM documents d ${counted.sql}`,
      counted.params,
    );
    let rows: DocDbRow[];
    if (fts) {
      // ranked by relevance, with a snippet around the hits
      rows = await this.query<DocDbRow>(
        `SELECT ${SUMMARY_COLUMNS}, ts_headline('simple', left(d.text, ${FTS_CHARS}), q,
           'StartSel=«, StopSel=», MaxWords=32, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "')
           AS snippet
         FROM documents d, to_tsquery('simple', ?) q
         WHERE d.tsv @@ q ${where.clauses.length ? `AND ${where.clauses.join(' AND ')}` : ''}
         ORDER BY ts_rank(d.tsv, q) DESC, d.key LIMIT ? OFFSET ?`,
        [fts, ...where.params, limit, offset],
      );
      for (const r of rows) r.snippet = r.snippet.replace(/\s+/g, ' ').trim();
    } else {
      rows = await this.query<DocDbRow>(
        `SELECT ${SUMMARY_COLUMNS}, substr(d.text, 1, 300) AS snippet FROM documents d ${where.sql}
         ORDER BY d.date DESC NULLS LAST, d.key DESC LIMIT ? OFFSET ?`,
        [...where.params, limit, offset],
      );
      for (const r of rows) r.snippet = snippetOf(r.snippet);
    }
    return { total, limit, offset, items: rows.map(toSummary) };
  }

  async listEvents(query: EventQuery): Promise<Page<EventRow>> {
    const limit = clampLimit(query.limit, 50, 1000);
    const offset = Math.max(0, query.offset ?? 0);
    const w = eventWhere(SQL, query);
    const total = await this.countCapped(w);
    const rows = await this.query<EventDbRow>(
      `SELECT ${EVENT_COLUMNS}, e.day FROM events e JOIN documents d ON d.key = e.doc ${w.sql}
       ORDER BY e.day DESC NULLS LAST, e.key DESC LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
    return { total, limit, offset, items: await this.withCounts(rows) };
  }

  /** Event rows with the counts of their unique events (one grouped query per page). */
  private async withCounts(rows: EventDbRow[]): Promise<EventRow[]> {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.unique_id))];
    const got = await this.query<UniqueCounts & { id: string }>(
      `SELECT e.unique_id AS id, sum(e.mentions) AS m, count(*) AS a,
         count(DISTINCT coalesce(d.source, '#' || d.id)) AS s
       FROM events e JOIN documents d ON d.key = e.doc WHERE e.unique_id = ANY(?::text[]) GROUP BY e.unique_id`,
      [ids],
    );
    const counts = new Map(got.map((c) => [c.id, c]));
    return rows.map((r) => toEventRow(r, counts.get(r.unique_id)));
  }

  /** count(*) up to COUNT_CAP + 1 (a list only needs to know there are "more than 10,000"). */
  private async countCapped(w: Where): Promise<number> {
    const [r] = await this.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM events e ${w.sql} LIMIT ${COUNT_CAP + 1}) s`,
      w.params,
    );
    return r.n;
  }

  async eventSeries(query: SeriesQuery): Promise<SeriesPoint[]> {
    const plan = seriesPlan(query);
    const rows: SeriesRow[] = [];
    for (const { a, b, source } of plan.parts) {
      if (source === 'events') rows.push(...(await this.seriesFromEvents(a, b, plan.minPrecision, query)));
      else {
        const { sql, params } =
          source === 'country-tables' ? countryTableSeries(a, b, plan, query) : codeMonthSeries(a, b, plan, query);
        rows.push(...(await this.query<SeriesRow>(sql, params)));
      }
    }
    return bucketSeries(rows, plan.interval);
  }

  private async seriesFromEvents(a: string, b: string, minPrecision: number, q: SeriesQuery): Promise<SeriesRow[]> {
    const mentions = q.count === 'mentions';
    const w = new Where().add('e.happened').add('e.precision >= ?', minPrecision);
    if (!mentions) w.add('e.is_primary');
    if (q.from) w.add('e.day >= ?', q.from);
    if (q.to) w.add('e.day <= ?', q.to);
    for (const [v, col] of [
      [a, 'source'],
      [b, 'target'],
    ] as const) {
      if (/^[A-Z]{3}$/.test(v)) w.add(`e.${col}_country = ?`, v);
      else codeFilter(w, `e.${col}_code`, v);
    }
    return this.query<SeriesRow>(
      `SELECT e.day AS day, e.quad_class AS quad,
         ${mentions ? 'sum(e.mentions) AS n, sum(e.mentions * e.goldstein) AS g' : 'count(*) AS n, sum(e.goldstein) AS g'}
       FROM events e ${w.sql} GROUP BY e.day, e.precision, e.quad_class`,
      w.params,
    );
  }

  async topActors(query: AggregateQuery): Promise<TopActor[]> {
    const limit = clampLimit(query.limit, 20, 500);
    if (!query.code && !query.root && !query.country && monthAligned(query.from, query.to))
      return this.topActorsFromMonths(query, limit);
    const w = eventWhere(SQL, { ...query, flagged: 'exclude', unique: true });
    const rows = await this.query<TopActorDbRow>(
      `SELECT code, max(name) AS name, max(country) AS country, sum(s) AS as_source, sum(t) AS as_target,
              count(*) AS n FROM (
         SELECT e.source_code AS code, e.source_name AS name, e.source_country AS country, 1 AS s, 0 AS t
           FROM events e ${w.sql} ${w.clauses.length ? 'AND' : 'WHERE'} e.source_code IS NOT NULL
         UNION ALL
         SELECT e.target_code, e.target_name, e.target_country, 0, 1
           FROM events e ${w.sql} ${w.clauses.length ? 'AND' : 'WHERE'} e.target_code IS NOT NULL
       ) x GROUP BY code ORDER BY n DESC, code LIMIT ?`,
      [...w.params, ...w.params, limit],
    );
    return rows.map(toTopActor);
  }

  async topDyads(query: AggregateQuery): Promise<TopDyad[]> {
    const limit = clampLimit(query.limit, 20, 500);
    const byCountry = (query.by ?? 'country') === 'country';
    if (byCountry && !query.code && !query.root && !query.country && monthAligned(query.from, query.to))
      return this.topCountryDyads(query, limit);
    const s = byCountry ? 'e.source_country' : 'e.source_code';
    const t = byCountry ? 'e.target_country' : 'e.target_code';
    const w = eventWhere(SQL, { ...query, flagged: 'exclude', unique: true });
    w.add(`${s} IS NOT NULL AND ${t} IS NOT NULL AND ${s} <> ${t}`);
    const rows = await this.query<TopDyadDbRow>(
      `SELECT ${s} AS source, ${t} AS target, max(e.source_name) AS source_name, max(e.target_name) AS target_name,
              count(*) AS n, avg(e.goldstein) AS g,
              count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
              count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4
       FROM events e ${w.sql} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?`,
      [...w.params, limit],
    );
    return rows.map((r) => toTopDyad(r, !byCountry));
  }

  private async topActorsFromMonths(query: AggregateQuery, limit: number): Promise<TopActor[]> {
    const w = new Where().add('n > 0');
    if (query.from) w.add('month >= ?', query.from.slice(0, 7));
    if (query.to) w.add(`month <= ? AND month <> ''`, query.to.slice(0, 7));
    if (query.quadClass) w.add('quad_class = ?', query.quadClass);
    const rows = await this.query<{ code: string; as_source: number; as_target: number; n: number }>(
      `SELECT code, sum(s) AS as_source, sum(t) AS as_target, sum(s) + sum(t) AS n FROM (
         SELECT source_code AS code, n AS s, 0 AS t FROM series_code_month ${w.sql}
         UNION ALL SELECT target_code, 0, n FROM series_code_month ${w.sql}
       ) x GROUP BY code ORDER BY n DESC, code LIMIT ?`,
      [...w.params, ...w.params, limit],
    );
    if (rows.length === 0) return [];
    // a name and country for each code, from any event that has it on either side
    const names = await this.query<{ code: string; name: string | null; country: string | null }>(
      `SELECT c.code, coalesce(s.name, t.name) AS name, CASE WHEN s.name IS NOT NULL THEN s.country ELSE t.country END AS country
       FROM unnest(?::text[]) AS c(code)
       LEFT JOIN LATERAL (SELECT source_name AS name, source_country AS country FROM events
         WHERE source_code = c.code AND source_name IS NOT NULL LIMIT 1) s ON true
       LEFT JOIN LATERAL (SELECT target_name AS name, target_country AS country FROM events
         WHERE target_code = c.code AND target_name IS NOT NULL LIMIT 1) t ON true`,
      [rows.map((r) => r.code)],
    );
    const who = new Map(names.map((r) => [r.code, r]));
    return rows.map((r) =>
      toTopActor({ ...r, name: who.get(r.code)?.name ?? null, country: who.get(r.code)?.country ?? null }),
    );
  }

  private async topCountryDyads(query: AggregateQuery, limit: number): Promise<TopDyad[]> {
    const w = new Where().add('n > 0 AND source_country <> target_country');
    if (query.from) w.add('month >= ?', query.from.slice(0, 7));
    if (query.to) w.add(`month <= ? AND month <> ''`, query.to.slice(0, 7));
    if (query.quadClass) w.add('quad_class = ?', query.quadClass);
    const rows = await this.query<TopDyadDbRow>(
      `SELECT source_country AS source, target_country AS target, sum(n) AS n, sum(g) / sum(n) AS g,
              sum(CASE quad_class WHEN 1 THEN n ELSE 0 END) AS q1, sum(CASE quad_class WHEN 2 THEN n ELSE 0 END) AS q2,
              sum(CASE quad_class WHEN 3 THEN n ELSE 0 END) AS q3, sum(CASE quad_class WHEN 4 THEN n ELSE 0 END) AS q4
       FROM series_country_month ${w.sql} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?`,
      [...w.params, limit],
    );
    return rows.map((r) => toTopDyad(r, false));
  }

  async eventPlaces(query: EventQuery): Promise<PlaceCount[]> {
    const limit = clampLimit(query.limit, 500, 5000);
    const w = eventWhere(SQL, { ...query, unique: query.unique ?? true });
    w.add('e.lat IS NOT NULL AND e.lon IS NOT NULL');
    const rows = await this.query<PlaceCountDbRow>(
      `SELECT e.place_name AS name, e.country, e.lat, e.lon, count(*) AS n, avg(e.goldstein) AS g
       FROM events e ${w.sql} GROUP BY e.place_name, e.country, e.lat, e.lon ORDER BY n DESC LIMIT ?`,
      [...w.params, limit],
    );
    return rows.map(toPlaceCount);
  }

  async *iterateEvents(query: Omit<EventQuery, 'limit' | 'offset'>): AsyncIterable<EventRow> {
    const w = eventWhere(SQL, query);
    yield* this.iterate(
      `SELECT ${EVENT_COLUMNS}, u.m AS num_m, u.a AS num_a, u.s AS num_s
       FROM events e JOIN documents d ON d.key = e.doc
       LEFT JOIN LATERAL (SELECT sum(e2.mentions) AS m, count(*) AS a, count(DISTINCT coalesce(d2.source, '#' || d2.id)) AS s
         FROM events e2 JOIN documents d2 ON d2.key = e2.doc WHERE e2.unique_id = e.unique_id) u ON true
       ${w.sql} ORDER BY e.day, e.key`,
      w.params,
      (r: EventDbRow) => toEventRow(r),
    );
  }

  async *iterateDocuments(
    query: Omit<DocumentQuery, 'limit' | 'offset'>,
    full: boolean,
  ): AsyncIterable<StoredDocument> {
    const { where, fts } = documentWhere(SQL, query);
    if (fts) where.add(`d.tsv @@ to_tsquery('simple', ?)`, fts);
    const cols = full ? `${SUMMARY_COLUMNS}, d.text, d.layers, '' AS snippet` : `${SUMMARY_COLUMNS}, '' AS snippet`;
    yield* this.iterate(
      `SELECT ${cols} FROM documents d ${where.sql} ORDER BY d.date, d.key`,
      where.params,
      (r: DocDbRow) => toStored(r),
    );
  }

  /** Stream rows through a cursor in a read-only snapshot on a connection of its own. */
  private async *iterate<R extends pg.QueryResultRow, T>(
    sql: string,
    params: Params,
    map: (r: R) => T,
  ): AsyncIterable<T> {
    await this.ready;
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`DECLARE rows NO SCROLL CURSOR FOR ${numbered(sql)}`, params);
      for (;;) {
        const batch = await client.query<R>('FETCH 1000 FROM rows');
        for (const r of batch.rows) yield map(r);
        if (batch.rows.length < 1000) break;
      }
    } catch (err) {
      broken = true;
      throw err;
    } finally {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      client.release(broken);
    }
  }

  private statsCache: { at: number; value: StoreStats } | null = null;

  async stats(): Promise<StoreStats> {
    if (this.statsCache && performance.now() - this.statsCache.at < 5000) return this.statsCache.value;
    const [r] = await this.query<{
      documents: number;
      failed: number;
      duplicates: number;
      stories: number;
      first: string | null;
      last: string | null;
      events: number;
      actors: number;
      quotes: number;
      places: number;
    }>(
      `SELECT count(*) FILTER (WHERE status = 'coded') AS documents, count(*) FILTER (WHERE status = 'failed') AS failed,
         count(*) FILTER (WHERE status = 'coded' AND duplicate_of IS NOT NULL) AS duplicates,
         (SELECT count(*) FROM stories) AS stories, min(date) AS first, max(date) AS last,
         (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM actors) AS actors,
         (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM places) AS places
       FROM documents`,
    );
    const value: StoreStats = {
      documents: r.documents,
      failed: r.failed,
      duplicates: r.duplicates,
      stories: r.stories,
      events: r.events,
      actors: r.actors,
      quotes: r.quotes,
      places: r.places,
      firstDate: r.first,
      lastDate: r.last,
    };
    this.statsCache = { at: performance.now(), value };
    return value;
  }

  async listStories(query: StoryQuery): Promise<Page<StorySummary>> {
    const limit = clampLimit(query.limit, 20, 500);
    const offset = Math.max(0, query.offset ?? 0);
    const w = new Where();
    if (query.from) w.add('s.last_date >= ?', query.from);
    if (query.to) w.add('s.first_date <= ?', query.to);
    // title words: letters and digits only, so never a LIKE pattern
    const words = (query.q ?? '').slice(0, 1000).match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const word of words.slice(0, 16)) w.add('s.title ILIKE ?', `%${word}%`);
    const [{ n: total }] = await this.query<{ n: number }>(`SELECT count(*) AS n FROM stories s ${w.sql}`, w.params);
    const rows = await this.query<StoryDbRow>(
      `SELECT * FROM stories s ${w.sql} ORDER BY s.last_date DESC NULLS LAST, s.articles DESC, s.id LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
    return { total, limit, offset, items: rows.map(toStorySummary) };
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const [row] = await this.query<StoryDbRow>('SELECT * FROM stories WHERE id = ?', [pgText(id)]);
    if (!row) return null;
    const docs = await this.query<DocDbRow>(
      `SELECT ${SUMMARY_COLUMNS}, substr(d.text, 1, 300) AS snippet FROM documents d
       WHERE d.story = ? AND d.status = 'coded' ORDER BY d.date NULLS LAST, d.key LIMIT 500`,
      [row.id],
    );
    for (const r of docs) r.snippet = snippetOf(r.snippet);
    const events = await this.query<EventDbRow>(
      `SELECT ${EVENT_COLUMNS}, e.day FROM events e JOIN documents d ON d.key = e.doc
       WHERE d.story = ? AND d.status = 'coded' AND e.happened AND e.is_primary
       ORDER BY e.day NULLS LAST, e.key LIMIT 1000`,
      [row.id],
    );
    return { summary: toStorySummary(row), documents: docs.map(toSummary), timeline: await this.withCounts(events) };
  }

  async loadIndexState(name: string): Promise<string | null> {
    const [r] = await this.query<{ value: string }>('SELECT value FROM index_state WHERE name = ?', [pgText(name)]);
    return r?.value ?? null;
  }

  async saveIndexState(name: string, value: string): Promise<void> {
    await this.query(
      `INSERT INTO index_state (name, value, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
      [pgText(name), pgText(value), new Date().toISOString()],
    );
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
