// The embedded store: one SQLite file (WAL, so readers never block the ingester), documents
// with FTS5 over title+text, the coded document as JSON, and rows of the queried layers
// (events, actors, quotes, places) with indexes for the API's filters and aggregates.
import Database from 'better-sqlite3';
import { EventwireError } from '../../errors.js';
import { EV, type PreparedRecord, prepareDocument, seriesEntryOfRow } from '../prepared.js';
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
import {
  type SeriesDbRow,
  type SeriesEntry,
  type SeriesTable,
  seriesCells,
  seriesEntryOf,
  snippetOf,
} from '../rows.js';
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
import { bucketSeries, checkSchemaVersion, clampLimit, ftsQuery } from '../util.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

type Db = Database.Database;

/** Event lists count matches exactly up to this many; above it `total` is COUNT_CAP + 1. */
export const COUNT_CAP = 10_000;

/** SQLite spellings of the shared filters. */
const SQL: SqlDialect = {
  isTrue: (column, value) => `${column} = ${value ? 1 : 0}`,
  sameText: (column) => `${column} = ? COLLATE NOCASE`,
  search: (input) => ftsQuery(input),
};

type Params = unknown[];

export interface SqliteStoreOptions {
  readonly?: boolean;
}

/** Apply pending migrations; refuse a store written by a newer version. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  checkSchemaVersion(current, SCHEMA_VERSION);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

function openDatabase(path: string, readonly: boolean): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new EventwireError('store', `cannot open store ${path}: ${msg}`);
  }
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.pragma('mmap_size = 268435456');
  } catch (err) {
    db.close();
    const msg = err instanceof Error ? err.message : String(err);
    throw new EventwireError('store', `${path} is not an eventwire store: ${msg}`);
  }
  return db;
}

/**
 * The index that should drive an event query: the filter that is selective by design, in
 * date order where it can be. SQLite's planner, seeing the low-cardinality \`happened\` in front
 * of the date index, too often scans the whole date index instead.
 */
function drivingIndex(q: Omit<EventQuery, 'limit' | 'offset'>): string | null {
  if (q.dyad) return null; // an OR of two index ranges: the planner's multi-index OR
  if (q.docId || q.story) return 'events_doc';
  if (q.place) return 'events_place';
  if (q.source) return 'events_dyad_code';
  if (q.sourceCountry) return 'events_dyad_country';
  if (q.target) return 'events_target_code';
  if (q.targetCountry) return 'events_target_country';
  if (q.code && !/^\d{0,2}\*$/.test(q.code)) return 'events_code';
  if (q.root || (q.code && /^\d\d\*$/.test(q.code))) return 'events_root';
  if (q.country) return 'events_country';
  if (q.quadClass) return 'events_quad';
  return (q.flagged ?? 'exclude') === 'include' ? null : 'events_day';
}

function eventsFrom(q: Omit<EventQuery, 'limit' | 'offset'>): string {
  const index = drivingIndex(q);
  return index ? `events e INDEXED BY ${index}` : 'events e';
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly location: string;
  private readonly db: Db;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.location = path;
    this.db = openDatabase(path, options.readonly ?? false);
    try {
      if (!options.readonly) migrate(this.db);
      else if ((this.db.pragma('user_version', { simple: true }) as number) === 0)
        throw new EventwireError('store', `${path} is not an eventwire store (no schema)`);
      this.stmts = this.prepare();
    } catch (err) {
      this.db.close();
      if (err instanceof EventwireError) throw err;
      throw new EventwireError('store', `cannot use store ${path}: ${err instanceof Error ? err.message : err}`);
    }
  }

  private prepare() {
    const db = this.db;
    return {
      version: db.prepare('SELECT id, hash, pipeline, status FROM documents WHERE id = ?'),
      links: db.prepare('SELECT story, duplicate_of FROM documents WHERE id = ?'),
      upsert:
        db.prepare(`INSERT INTO documents (id, date, title, source, url, hash, pipeline, origin, meta, status, error,
          text, layers, n_sentences, n_actors, n_quotes, n_events, n_places, duplicate_of, story, ingested_at)
        VALUES (@id, @date, @title, @source, @url, @hash, @pipeline, @origin, @meta, @status, @error, @text, @layers,
          @n_sentences, @n_actors, @n_quotes, @n_events, @n_places, @duplicate_of, @story, @ingested_at)
        ON CONFLICT(id) DO UPDATE SET date = excluded.date, title = excluded.title, source = excluded.source,
          url = excluded.url, hash = excluded.hash, pipeline = excluded.pipeline, origin = excluded.origin,
          meta = excluded.meta, status = excluded.status, error = excluded.error, text = excluded.text,
          layers = excluded.layers, n_sentences = excluded.n_sentences, n_actors = excluded.n_actors,
          n_quotes = excluded.n_quotes, n_events = excluded.n_events, n_places = excluded.n_places,
          duplicate_of = excluded.duplicate_of, story = excluded.story, ingested_at = excluded.ingested_at
        RETURNING key`),
      ftsOld: db.prepare("SELECT key, coalesce(title, '') AS title, text FROM documents WHERE id = ?"),
      // one statement each per batch, after every other write: FTS5 flushes its pending terms
      // to a new segment whenever a later statement of the transaction opens a savepoint
      ftsDelete: db.prepare(
        `INSERT INTO documents_fts(documents_fts, rowid, title, text)
         SELECT 'delete', value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
      ),
      ftsInsert: db.prepare(
        `INSERT INTO documents_fts(rowid, title, text)
         SELECT key, coalesce(title, ''), text FROM documents WHERE key IN (SELECT value FROM json_each(?))`,
      ),
      deleteEvents: db.prepare('DELETE FROM events WHERE doc = ?'),
      oldSeries: db.prepare(
        `SELECT source_country, target_country, source_code, target_code, day, precision, quad_class, goldstein,
           mentions, is_primary, unique_id, happened FROM events WHERE doc = ?`,
      ),
      hasPrimary: db.prepare('SELECT 1 FROM events WHERE unique_id = ? AND is_primary = 1 LIMIT 1'),
      nextReport: db.prepare(
        `SELECT key, source_country, target_country, source_code, target_code, day, precision, quad_class, goldstein,
           happened FROM events WHERE unique_id = ? AND doc <> ? ORDER BY key LIMIT 1`,
      ),
      promote: db.prepare('UPDATE events SET is_primary = 1 WHERE key = ?'),
      bumpCountryDay: db.prepare(
        `INSERT INTO series_country_day VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n, g = g + excluded.g, m = m + excluded.m, gm = gm + excluded.gm`,
      ),
      bumpCountryMonth: db.prepare(
        `INSERT INTO series_country_month VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n, g = g + excluded.g, m = m + excluded.m, gm = gm + excluded.gm`,
      ),
      bumpCodeMonth: db.prepare(
        `INSERT INTO series_code_month VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n, g = g + excluded.g, m = m + excluded.m, gm = gm + excluded.gm`,
      ),
      storyFacts: db.prepare(
        `SELECT min(date) AS first, max(date) AS last, count(*) AS articles,
           sum(duplicate_of IS NULL) AS unique_articles, count(DISTINCT coalesce(source, '#' || id)) AS sources
         FROM documents WHERE story = ? AND status = 'coded'`,
      ),
      storyTitle: db.prepare(
        `SELECT coalesce(title, substr(text, 1, 120)) AS title FROM documents WHERE key = (
           SELECT key FROM documents WHERE story = ? AND status = 'coded' ORDER BY date IS NULL, date, key LIMIT 1)`,
      ),
      storyEvents: db.prepare(
        // by document: without statistics (a new store) the planner picks the \`happened\` index
        // and counts every event of the store for each story
        `SELECT count(*) AS n FROM events INDEXED BY events_doc
         WHERE doc IN (SELECT key FROM documents WHERE story = ? AND status = 'coded') AND happened = 1 AND is_primary = 1`,
      ),
      upsertStory: db.prepare(
        `INSERT INTO stories (id, title, first_date, last_date, articles, unique_articles, sources, events, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title,
           first_date = excluded.first_date, last_date = excluded.last_date, articles = excluded.articles,
           unique_articles = excluded.unique_articles, sources = excluded.sources, events = excluded.events,
           updated_at = excluded.updated_at`,
      ),
      deleteStory: db.prepare('DELETE FROM stories WHERE id = ?'),
      // a new document added to its story's row: one more article (unique unless a copy), a
      // source not seen in the story yet, its primary events, and the title of the earliest
      // dated article (ties keep the older one, as the full refresh orders by date then key)
      addToStory: db.prepare(
        `INSERT INTO stories (id, title, first_date, last_date, articles, unique_articles, sources, events, updated_at)
         VALUES (@id, @title, @date, @date, 1, @unique, 1, @events, @now) ON CONFLICT(id) DO UPDATE SET
           title = CASE WHEN excluded.first_date IS NOT NULL AND (first_date IS NULL OR excluded.first_date < first_date)
             THEN excluded.title ELSE title END,
           first_date = CASE WHEN first_date IS NULL OR excluded.first_date < first_date
             THEN coalesce(excluded.first_date, first_date) ELSE first_date END,
           last_date = CASE WHEN last_date IS NULL OR excluded.last_date > last_date
             THEN coalesce(excluded.last_date, last_date) ELSE last_date END,
           articles = articles + 1, unique_articles = unique_articles + excluded.unique_articles,
           sources = sources + @newSource, events = events + excluded.events, updated_at = excluded.updated_at`,
      ),
      storyHasSource: db.prepare(
        `SELECT 1 FROM documents INDEXED BY documents_story_facts
         WHERE story = ? AND status = 'coded' AND source = ? AND key <> ? LIMIT 1`,
      ),
      uniqueCounts: db.prepare(
        `SELECT sum(e.mentions) AS m, count(*) AS a, count(DISTINCT coalesce(d.source, '#' || d.id)) AS s
         FROM events e JOIN documents d ON d.key = e.doc WHERE e.unique_id = ?`,
      ),
      deleteActors: db.prepare('DELETE FROM actors WHERE doc = ?'),
      deleteQuotes: db.prepare('DELETE FROM quotes WHERE doc = ?'),
      deletePlaces: db.prepare('DELETE FROM places WHERE doc = ?'),
      insertEvent: db.prepare(`INSERT INTO events (doc, event_id, sentence, date, day, precision, code, root, label,
          goldstein, quad_class, source_actor, source_code, source_name, source_country, target_actor, target_code,
          target_name, target_country, place_name, country, lat, lon, geoname_id, feature_code, negated, hypothetical,
          happened, plover_event, plover_mode, confidence, trigger_start, trigger_end, trigger_text, mentions,
          unique_id, is_primary)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
          ?, ?)`),
      insertActor: db.prepare(
        'INSERT OR REPLACE INTO actors (doc, actor_id, name, kind, code, country, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertQuote: db.prepare(
        'INSERT INTO quotes (doc, n, kind, start, "end", speaker_actor, speaker_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertPlace: db.prepare(
        'INSERT INTO places (doc, n, name, country, lat, lon, geoname_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getDocument: db.prepare(
        `SELECT ${SUMMARY_COLUMNS}, d.text, d.layers, substr(d.text, 1, 300) AS snippet FROM documents d WHERE d.id = ?`,
      ),
    };
  }

  /**
   * Load a large amount of data with \`fn\` (which calls \`put\`): the secondary indexes that
   * \`put\` itself does not read are dropped first and full-text entries are not written; then
   * the indexes are built once from sorted data, the full-text index is rebuilt and statistics
   * gathered.
   * Far faster than updating a dozen B-trees per row for a million rows; queries see the same
   * schema afterwards. Not for a store others are reading: the dropped indexes are missing
   * until \`fn\` returns (or throws: they are recreated either way).
   */
  async bulkLoad<T>(fn: () => Promise<T>): Promise<T> {
    // read by put: the id lookup (a UNIQUE autoindex, never dropped), the story refresh
    // (documents_story_facts), the unique-event lookups (events_unique) and layers by document
    const keep = new Set(['documents_story_facts', 'events_unique', 'events_doc']);
    const dropped = (
      this.db
        .prepare(
          `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (
             type = 'index' AND tbl_name IN ('documents', 'events', 'actors', 'quotes', 'places'))`,
        )
        .all() as Array<{ type: string; name: string; sql: string }>
    ).filter((x) => !keep.has(x.name));
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma('cache_size = -1048576');
    this.db.transaction(() => {
      for (const x of dropped) this.db.exec(`DROP ${x.type.toUpperCase()} ${x.name}`);
    })();
    this.statementCache.clear();
    this.ftsDeferred = true;
    try {
      return await fn();
    } finally {
      this.ftsDeferred = false;
      this.db.transaction(() => {
        for (const x of dropped) this.db.exec(x.sql);
        this.db.exec("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')");
      })();
      this.db.exec('ANALYZE');
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.statementCache.clear();
      this.statsCache = null;
    }
  }

  async versions(ids: readonly string[]): Promise<Map<string, StoredVersion>> {
    const out = new Map<string, StoredVersion>();
    for (const id of ids) {
      const r = this.stmts.version.get(id) as StoredVersion | undefined;
      if (r) out.set(id, r);
    }
    return out;
  }

  async put(records: readonly DocumentRecord[]): Promise<PutOutcome[]> {
    return this.putPrepared(records);
  }

  async putPrepared(records: readonly (DocumentRecord | PreparedRecord)[]): Promise<PutOutcome[]> {
    this.statsCache = null;
    // every event, actor, quote and place row written here references the document row just
    // upserted, and layers are deleted explicitly (no cascade needed): foreign-key checks would
    // only repeat a parent lookup per row. The pragma cannot change inside a transaction.
    this.db.pragma('foreign_keys = OFF');
    try {
      return this.writeBatch(records);
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  private writeBatch(records: readonly (DocumentRecord | PreparedRecord)[]): PutOutcome[] {
    return this.db.transaction(() => {
      // stories a replaced document was or is in: recomputed from their documents at the end
      // (a new document only adds to its story's row, whatever the story's size)
      const stories = new Set<string>();
      this.fts = { remove: [], add: new Set() };
      this.series.clear();
      const out = records.map((r) => this.putOne(r, stories));
      this.flushSeries();
      const now = new Date().toISOString();
      for (const id of stories) this.refreshStory(id, now);
      if (!this.ftsDeferred) {
        if (this.fts.remove.length) this.stmts.ftsDelete.run(JSON.stringify(this.fts.remove));
        if (this.fts.add.size) this.stmts.ftsInsert.run(JSON.stringify([...this.fts.add]));
      }
      return out;
    })();
  }

  private putOne(r: DocumentRecord | PreparedRecord, stories: Set<string>): PutOutcome {
    if (r.status === 'prepared') return this.putPreparedOne(r, stories);
    // a coded document is stored through the same rows a coding worker prepares
    if (r.status === 'coded')
      return this.putPreparedOne(
        {
          status: 'prepared',
          hash: r.hash,
          pipeline: r.pipeline,
          origin: r.origin,
          doc: prepareDocument(r.doc),
          links: r.links,
        },
        stories,
      );
    const id = r.id;
    const old = this.stmts.version.get(id) as StoredVersion | undefined;
    const now = new Date().toISOString();
    if (old) {
      const was = this.stmts.links.get(id) as { story: string | null } | undefined;
      if (was?.story) stories.add(was.story);
    }
    // a failure never replaces a good version of the same document
    if (old && old.status === 'coded') return 'failed';
    const input = r.input ?? {};
    if (old) this.ftsRemove(id);
    const row = this.stmts.upsert.get({
      id,
      date: input.date ?? null,
      title: input.title ?? null,
      source: input.source ?? null,
      url: input.url ?? null,
      hash: r.hash,
      pipeline: r.pipeline,
      origin: r.origin,
      meta: JSON.stringify(input.meta ?? {}),
      status: 'failed',
      error: JSON.stringify(r.error),
      text: typeof input.text === 'string' ? input.text.slice(0, 100_000) : '',
      layers: null,
      n_sentences: 0,
      n_actors: 0,
      n_quotes: 0,
      n_events: 0,
      n_places: 0,
      duplicate_of: null,
      story: null,
      ingested_at: now,
    }) as { key: number };
    this.ftsAdd(row.key);
    this.clearLayers(row.key);
    return 'failed';
  }

  /** `putOne` of a prepared document: the same rows, from values computed by the coding worker. */
  private putPreparedOne(r: PreparedRecord, stories: Set<string>): PutOutcome {
    const d = r.doc;
    const id = d.id;
    const old = this.stmts.version.get(id) as StoredVersion | undefined;
    if (old && old.status === 'coded' && old.hash === r.hash && old.pipeline === r.pipeline) return 'unchanged';
    const now = new Date().toISOString();
    if (old) {
      const was = this.stmts.links.get(id) as { story: string | null } | undefined;
      if (was?.story) stories.add(was.story);
    }
    const duplicateOf = r.links?.duplicateOf && r.links.duplicateOf !== id ? r.links.duplicateOf : null;
    const story = r.links?.story ?? null;
    if (story && old) stories.add(story);
    const group = duplicateOf ?? id;
    if (old) this.ftsRemove(id);
    const [nSentences, nActors, nQuotes, nEvents, nPlaces] = d.counts;
    const row = this.stmts.upsert.get({
      id,
      date: d.date,
      title: d.title,
      source: d.source,
      url: d.url,
      hash: r.hash,
      pipeline: r.pipeline,
      origin: r.origin,
      meta: d.meta,
      status: 'coded',
      error: null,
      text: d.text,
      layers: d.layers,
      n_sentences: nSentences,
      n_actors: nActors,
      n_quotes: nQuotes,
      n_events: nEvents,
      n_places: nPlaces,
      duplicate_of: duplicateOf,
      story,
      ingested_at: now,
    }) as { key: number };
    const key = row.key;
    this.ftsAdd(key);
    if (old) this.clearLayers(key);
    let storyEvents = 0;
    const { insertEvent, hasPrimary } = this.stmts;
    for (let i = 0; i < d.events.length; i++) {
      const e = d.events[i];
      const uniqueId = group + d.uniqueSuffixes[i];
      // the first report of a unique event counts it; later copies only add mentions
      const primary = hasPrimary.get(uniqueId) ? 0 : 1;
      const happened = !e[EV.negated] && !e[EV.hypothetical];
      if (primary && happened) storyEvents++;
      if (happened) this.bumpSeries(seriesEntryOfRow(e), primary, e[EV.mentions] as number);
      insertEvent.run(key, e, uniqueId, primary);
    }
    const { insertActor, insertQuote, insertPlace } = this.stmts;
    for (const a of d.actors) insertActor.run(key, a);
    for (const q of d.quotes) insertQuote.run(key, q);
    for (const p of d.places) insertPlace.run(key, p);
    if (story && !old && !stories.has(story)) {
      this.stmts.addToStory.run({
        id: story,
        title: d.storyTitle,
        date: d.date,
        unique: duplicateOf ? 0 : 1,
        events: storyEvents,
        now,
        newSource: d.source === null || !this.stmts.storyHasSource.get(story, d.source, key) ? 1 : 0,
      });
    }
    return old ? 'updated' : 'new';
  }

  /** While \`bulkLoad\` runs the full-text index is rebuilt at the end instead. */
  private ftsDeferred = false;
  /** Full-text changes of the batch being stored: entries to remove, documents to index. */
  private fts: { remove: Array<[number, string, string]>; add: Set<number> } = { remove: [], add: new Set() };

  private ftsAdd(key: number): void {
    this.fts.add.add(key);
  }

  /** Remove a stored document's entry (an external-content index needs the indexed values). */
  private ftsRemove(id: string): void {
    const o = this.stmts.ftsOld.get(id) as { key: number; title: string; text: string } | undefined;
    // stored earlier in the same batch: not indexed yet
    if (!o || this.fts.add.delete(o.key)) return;
    this.fts.remove.push([o.key, o.title, o.text]);
  }

  /** Recompute a story's row from its documents (deleted when it has none left). */
  private refreshStory(id: string, now: string): void {
    const f = this.stmts.storyFacts.get(id) as {
      first: string | null;
      last: string | null;
      articles: number;
      unique_articles: number | null;
      sources: number;
    };
    if (!f.articles) {
      this.stmts.deleteStory.run(id);
      return;
    }
    const title = (this.stmts.storyTitle.get(id) as { title: string | null } | undefined)?.title ?? null;
    const events = (this.stmts.storyEvents.get(id) as { n: number }).n;
    this.stmts.upsertStory.run(
      id,
      title ? snippetOf(title, 160) : null,
      f.first,
      f.last,
      f.articles,
      f.unique_articles ?? 0,
      f.sources,
      events,
      now,
    );
  }

  /**
   * Keep the pre-aggregated series in step: `n` unique events (+1/-1 for a first report stored
   * or removed) and `m` mentions (every report, with its restatements). Changes are summed per
   * series cell over the batch and written once per cell at its end (`flushSeries`): far fewer
   * upserts than one per event and cell, the same counts.
   */
  private bumpSeries(e: SeriesEntry, n: number, m: number): void {
    for (const [table, key] of seriesCells(e)) {
      const k = `${table}${JSON.stringify(key)}`;
      const v = this.series.get(k);
      if (v) {
        v.delta[0] += n;
        v.delta[1] += n * e.goldstein;
        v.delta[2] += m;
        v.delta[3] += m * e.goldstein;
      } else this.series.set(k, { table, key, delta: [n, n * e.goldstein, m, m * e.goldstein] });
    }
  }

  /** Series changes of the batch being stored, by cell. */
  private series = new Map<
    string,
    { table: SeriesTable; key: [string, string, string, number, number]; delta: [number, number, number, number] }
  >();

  private flushSeries(): void {
    const stmt = {
      countryDay: this.stmts.bumpCountryDay,
      countryMonth: this.stmts.bumpCountryMonth,
      codeMonth: this.stmts.bumpCodeMonth,
    };
    for (const { table, key, delta } of this.series.values()) stmt[table].run(...key, ...delta);
    this.series.clear();
  }

  private clearLayers(key: number): void {
    const orphans: string[] = [];
    for (const o of this.stmts.oldSeries.all(key) as Array<
      SeriesDbRow & { mentions: number; is_primary: number; unique_id: string; happened: number }
    >) {
      if (o.happened) this.bumpSeries(seriesEntryOf(o), -o.is_primary, -o.mentions);
      if (o.is_primary) orphans.push(o.unique_id);
    }
    // a unique event whose first report goes away is counted by its next report, if any
    for (const u of orphans) {
      const next = this.stmts.nextReport.get(u, key) as (SeriesDbRow & { key: number; happened: number }) | undefined;
      if (!next) continue;
      this.stmts.promote.run(next.key);
      if (next.happened) this.bumpSeries(seriesEntryOf(next), 1, 0);
    }
    this.stmts.deleteEvents.run(key);
    this.stmts.deleteActors.run(key);
    this.stmts.deleteQuotes.run(key);
    this.stmts.deletePlaces.run(key);
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const r = this.stmts.getDocument.get(id) as DocDbRow | undefined;
    if (!r) return null;
    r.snippet = snippetOf(r.snippet ?? '');
    return toStored(r);
  }

  async listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>> {
    const limit = clampLimit(query.limit, 20, 500);
    const offset = Math.max(0, query.offset ?? 0);
    const { where, fts } = documentWhere(SQL, query);
    const counted = new Where();
    if (fts) counted.add('d.key IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)', fts);
    for (const c of where.clauses) counted.clauses.push(c);
    counted.params.push(...where.params);
    const total = (
      this.cached(`SELECT count(*) AS n FROM documents d ${counted.sql}`).get(...counted.params) as { n: number }
    ).n;
    let rows: DocDbRow[];
    if (fts) {
      // ranked by relevance, with a snippet around the hits
      rows = this.cached(
        `SELECT ${SUMMARY_COLUMNS}, snippet(documents_fts, 1, '«', '»', '…', 32) AS snippet
         FROM documents_fts JOIN documents d ON d.key = documents_fts.rowid
         WHERE documents_fts MATCH ? ${where.clauses.length ? `AND ${where.clauses.join(' AND ')}` : ''}
         ORDER BY documents_fts.rank LIMIT ? OFFSET ?`,
      ).all(fts, ...where.params, limit, offset) as DocDbRow[];
    } else {
      rows = this.cached(
        `SELECT ${SUMMARY_COLUMNS}, substr(d.text, 1, 300) AS snippet FROM documents d ${where.sql}
         ORDER BY d.date DESC, d.key DESC LIMIT ? OFFSET ?`,
      ).all(...where.params, limit, offset) as DocDbRow[];
      for (const r of rows) r.snippet = snippetOf(r.snippet);
    }
    return { total, limit, offset, items: rows.map(toSummary) };
  }

  async listEvents(query: EventQuery): Promise<Page<EventRow>> {
    const limit = clampLimit(query.limit, 50, 1000);
    const offset = Math.max(0, query.offset ?? 0);
    if (query.dyad && query.dyad[0] !== query.dyad[1]) {
      // both directions: two ordered index ranges, merged (an OR would sort every match)
      const [a, b] = query.dyad;
      const sides = [
        { ...query, dyad: undefined, sourceCountry: a, targetCountry: b },
        { ...query, dyad: undefined, sourceCountry: b, targetCountry: a },
      ];
      let total = 0;
      const keys: Array<{ key: number; day: string | null }> = [];
      for (const side of sides) {
        const w = eventWhere(SQL, side);
        const from = eventsFrom(side);
        total += this.countCapped(from, w);
        keys.push(
          ...(this.cached(`SELECT e.key, e.day FROM ${from} ${w.sql} ORDER BY e.day DESC, e.key DESC LIMIT ?`).all(
            ...w.params,
            offset + limit,
          ) as Array<{ key: number; day: string | null }>),
        );
      }
      const newestFirst = (x: { key: number; day?: string | null }, y: { key: number; day?: string | null }) =>
        (x.day ?? '') < (y.day ?? '') ? 1 : (x.day ?? '') > (y.day ?? '') ? -1 : y.key - x.key;
      const page = keys.sort(newestFirst).slice(offset, offset + limit);
      if (page.length === 0) return { total, limit, offset, items: [] };
      const rows = this.db
        .prepare(
          `SELECT ${EVENT_COLUMNS}, e.day FROM events e JOIN documents d ON d.key = e.doc
           WHERE e.key IN (${page.map(() => '?').join(',')})`,
        )
        .all(...page.map((k) => k.key)) as EventDbRow[];
      return { total, limit, offset, items: this.withCounts(rows.sort(newestFirst)) };
    }
    const { total, rows } = this.eventPage(query, limit, offset);
    return { total, limit, offset, items: this.withCounts(rows) };
  }

  /** Event rows with the counts of their unique events (one grouped query per page). */
  private withCounts(rows: EventDbRow[]): EventRow[] {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.unique_id))];
    const counts = new Map<string, UniqueCounts>();
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const got = this.cached(
        `SELECT e.unique_id AS id, sum(e.mentions) AS m, count(*) AS a,
           count(DISTINCT coalesce(d.source, '#' || d.id)) AS s
         FROM events e INDEXED BY events_unique JOIN documents d ON d.key = e.doc
         WHERE e.unique_id IN (${part.map(() => '?').join(',')}) GROUP BY e.unique_id`,
      ).all(...part) as Array<UniqueCounts & { id: string }>;
      for (const c of got) counts.set(c.id, c);
    }
    return rows.map((r) => toEventRow(r, counts.get(r.unique_id)));
  }

  /** count(*) up to COUNT_CAP + 1 (a list only needs to know there are "more than 10,000"). */
  private countCapped(from: string, w: Where): number {
    return (
      this.cached(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${w.sql} LIMIT ${COUNT_CAP + 1})`).get(
        ...w.params,
      ) as {
        n: number;
      }
    ).n;
  }

  private eventPage(query: EventQuery, limit: number, offset: number): { total: number; rows: EventDbRow[] } {
    const w = eventWhere(SQL, query);
    const from = eventsFrom(query);
    const total = this.countCapped(from, w);
    const rows = this.cached(
      `SELECT ${EVENT_COLUMNS}, e.day FROM ${from} JOIN documents d ON d.key = e.doc ${w.sql}
       ORDER BY e.day DESC, e.key DESC LIMIT ? OFFSET ?`,
    ).all(...w.params, limit, offset) as EventDbRow[];
    return { total, rows };
  }

  async eventSeries(query: SeriesQuery): Promise<SeriesPoint[]> {
    const plan = seriesPlan(query);
    const rows: SeriesRow[] = [];
    for (const { a, b, source } of plan.parts) {
      if (source === 'events') rows.push(...this.seriesFromEvents(a, b, plan.minPrecision, query));
      else {
        const { sql, params } =
          source === 'country-tables' ? countryTableSeries(a, b, plan, query) : codeMonthSeries(a, b, plan, query);
        rows.push(...(this.cached(sql).all(...params) as SeriesRow[]));
      }
    }
    return bucketSeries(rows, plan.interval);
  }

  /** Anything else (a country against a code, days of codes): the events themselves. */
  private seriesFromEvents(a: string, b: string, minPrecision: number, q: SeriesQuery): SeriesRow[] {
    const side = (v: string, col: 'source' | 'target'): [string, unknown[]] => {
      if (/^[A-Z]{3}$/.test(v)) return [`e.${col}_country = ?`, [v]];
      const w = new Where();
      codeFilter(w, `e.${col}_code`, v);
      return [w.clauses.join(' AND '), w.params];
    };
    const mentions = q.count === 'mentions';
    const w = new Where().add('e.happened = 1').add('e.precision >= ?', minPrecision);
    if (!mentions) w.add('e.is_primary = 1');
    if (q.from) w.add('e.day >= ?', q.from);
    if (q.to) w.add('e.day <= ?', q.to);
    const [sc, sp] = side(a, 'source');
    const [tc, tp] = side(b, 'target');
    const index = /^[A-Z]{3}$/.test(a) ? 'events_dyad_country' : 'events_dyad_code';
    return this.cached(
      `SELECT e.day AS day, e.quad_class AS quad, ${mentions ? 'sum(e.mentions) AS n, sum(e.mentions * e.goldstein) AS g' : 'count(*) AS n, sum(e.goldstein) AS g'}
       FROM events e INDEXED BY ${index} ${w.sql} AND ${sc} AND ${tc} GROUP BY e.day, e.precision, e.quad_class`,
    ).all(...w.params, ...sp, ...tp) as SeriesRow[];
  }

  async topActors(query: AggregateQuery): Promise<TopActor[]> {
    const limit = clampLimit(query.limit, 20, 500);
    if (!query.code && !query.root && !query.country && monthAligned(query.from, query.to))
      return this.topActorsFromMonths(query, limit);
    const w = eventWhere(SQL, { ...query, flagged: 'exclude', unique: true });
    const from = eventsFrom({ ...query, flagged: 'exclude' });
    const rows = this.cached(
      `SELECT code, max(name) AS name, max(country) AS country, sum(s) AS as_source, sum(t) AS as_target,
              count(*) AS n FROM (
         SELECT e.source_code AS code, e.source_name AS name, e.source_country AS country, 1 AS s, 0 AS t
           FROM ${from} ${w.sql} ${w.clauses.length ? 'AND' : 'WHERE'} e.source_code IS NOT NULL
         UNION ALL
         SELECT e.target_code, e.target_name, e.target_country, 0, 1
           FROM ${from} ${w.sql} ${w.clauses.length ? 'AND' : 'WHERE'} e.target_code IS NOT NULL
       ) GROUP BY code ORDER BY n DESC, code LIMIT ?`,
    ).all(...w.params, ...w.params, limit) as Array<TopActorDbRow>;
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
    const from = eventsFrom({ ...query, flagged: 'exclude' });
    const rows = this.cached(
      `SELECT ${s} AS source, ${t} AS target, max(e.source_name) AS source_name, max(e.target_name) AS target_name,
              count(*) AS n, avg(e.goldstein) AS g,
              sum(e.quad_class = 1) AS q1, sum(e.quad_class = 2) AS q2, sum(e.quad_class = 3) AS q3,
              sum(e.quad_class = 4) AS q4
       FROM ${from} ${w.sql} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?`,
    ).all(...w.params, limit) as Array<TopDyadDbRow>;
    return rows.map((r) => toTopDyad(r, !byCountry));
  }

  /** Top actors from the month counts per code pair (no scan of the events). */
  private topActorsFromMonths(query: AggregateQuery, limit: number): TopActor[] {
    const w = new Where().add('n > 0');
    if (query.from) w.add('month >= ?', query.from.slice(0, 7));
    if (query.to) w.add('month <= ? AND month <> ?', query.to.slice(0, 7), '');
    if (query.quadClass) w.add('quad_class = ?', query.quadClass);
    const rows = this.cached(
      `SELECT code, sum(s) AS as_source, sum(t) AS as_target, sum(s) + sum(t) AS n FROM (
         SELECT source_code AS code, n AS s, 0 AS t FROM series_code_month ${w.sql}
         UNION ALL SELECT target_code, 0, n FROM series_code_month ${w.sql}
       ) GROUP BY code ORDER BY n DESC, code LIMIT ?`,
    ).all(...w.params, ...w.params, limit) as Array<{ code: string; as_source: number; as_target: number; n: number }>;
    const name = this.cached(
      `SELECT source_name AS name, source_country AS country FROM events INDEXED BY events_dyad_code
       WHERE source_code = ? AND source_name IS NOT NULL LIMIT 1`,
    );
    const targetName = this.cached(
      `SELECT target_name AS name, target_country AS country FROM events INDEXED BY events_target_code
       WHERE target_code = ? AND target_name IS NOT NULL LIMIT 1`,
    );
    return rows.map((r) => {
      const who = (name.get(r.code) ?? targetName.get(r.code)) as
        | { name: string | null; country: string | null }
        | undefined;
      return toTopActor({ ...r, name: who?.name ?? null, country: who?.country ?? null });
    });
  }

  /** Top country dyads from the month counts (no scan of the events). */
  private topCountryDyads(query: AggregateQuery, limit: number): TopDyad[] {
    const w = new Where().add('n > 0 AND source_country <> target_country');
    if (query.from) w.add('month >= ?', query.from.slice(0, 7));
    if (query.to) w.add('month <= ? AND month <> ?', query.to.slice(0, 7), '');
    if (query.quadClass) w.add('quad_class = ?', query.quadClass);
    const rows = this.cached(
      `SELECT source_country AS source, target_country AS target, sum(n) AS n, sum(g) / sum(n) AS g,
              sum(CASE quad_class WHEN 1 THEN n ELSE 0 END) AS q1, sum(CASE quad_class WHEN 2 THEN n ELSE 0 END) AS q2,
              sum(CASE quad_class WHEN 3 THEN n ELSE 0 END) AS q3, sum(CASE quad_class WHEN 4 THEN n ELSE 0 END) AS q4
       FROM series_country_month ${w.sql} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?`,
    ).all(...w.params, limit) as Array<TopDyadDbRow>;
    return rows.map((r) => toTopDyad(r, false));
  }

  async eventPlaces(query: EventQuery): Promise<PlaceCount[]> {
    const limit = clampLimit(query.limit, 500, 5000);
    const w = eventWhere(SQL, { ...query, unique: query.unique ?? true });
    w.add('e.lat IS NOT NULL AND e.lon IS NOT NULL');
    const rows = this.cached(
      `SELECT e.place_name AS name, e.country, e.lat, e.lon, count(*) AS n, avg(e.goldstein) AS g
       FROM ${eventsFrom(query)} ${w.sql} GROUP BY e.place_name, e.country, e.lat, e.lon ORDER BY n DESC LIMIT ?`,
    ).all(...w.params, limit) as Array<PlaceCountDbRow>;
    return rows.map(toPlaceCount);
  }

  async *iterateEvents(query: Omit<EventQuery, 'limit' | 'offset'>): AsyncIterable<EventRow> {
    const w = eventWhere(SQL, query);
    yield* this.iterate(
      `SELECT ${EVENT_COLUMNS} FROM ${eventsFrom(query)} JOIN documents d ON d.key = e.doc ${w.sql} ORDER BY e.day, e.key`,
      w.params,
      (r: EventDbRow) => toEventRow(r, this.stmts.uniqueCounts.get(r.unique_id) as UniqueCounts | undefined),
    );
  }

  async *iterateDocuments(
    query: Omit<DocumentQuery, 'limit' | 'offset'>,
    full: boolean,
  ): AsyncIterable<StoredDocument> {
    const { where, fts } = documentWhere(SQL, query);
    if (fts) where.add('d.key IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)', fts);
    const cols = full ? `${SUMMARY_COLUMNS}, d.text, d.layers, '' AS snippet` : `${SUMMARY_COLUMNS}, '' AS snippet`;
    yield* this.iterate(
      `SELECT ${cols} FROM documents d ${where.sql} ORDER BY d.date, d.key`,
      where.params,
      (r: DocDbRow) => toStored(r),
    );
  }

  /** Stream rows from a separate read connection (a consistent snapshot; the main one stays free). */
  private async *iterate<R, T>(sql: string, params: Params, map: (r: R) => T): AsyncIterable<T> {
    const own = this.location !== ':memory:' && this.location !== '';
    const db = own ? openDatabase(this.location, true) : this.db;
    try {
      const it = db.prepare(sql).iterate(...params) as IterableIterator<R>;
      let n = 0;
      for (const r of it) {
        yield map(r);
        // let other work run during long exports
        if (++n % 1000 === 0) await new Promise((res) => setImmediate(res));
      }
    } finally {
      if (own) db.close();
    }
  }

  private statsCache: { at: number; value: StoreStats } | null = null;

  /** Store counts (cached for a few seconds: counting a million rows is not free). */
  async stats(): Promise<StoreStats> {
    if (this.statsCache && performance.now() - this.statsCache.at < 5000) return this.statsCache.value;
    const value = this.countAll();
    this.statsCache = { at: performance.now(), value };
    return value;
  }

  private countAll(): StoreStats {
    const d = this.db
      .prepare(
        `SELECT sum(status = 'coded') AS documents, sum(status = 'failed') AS failed,
          sum(status = 'coded' AND duplicate_of IS NOT NULL) AS duplicates,
          min(date) AS first, max(date) AS last FROM documents`,
      )
      .get() as {
      documents: number | null;
      failed: number | null;
      duplicates: number | null;
      first: string | null;
      last: string | null;
    };
    const count = (t: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      documents: d.documents ?? 0,
      failed: d.failed ?? 0,
      duplicates: d.duplicates ?? 0,
      stories: count('stories'),
      events: count('events'),
      actors: count('actors'),
      quotes: count('quotes'),
      places: count('places'),
      firstDate: d.first,
      lastDate: d.last,
    };
  }

  async listStories(query: StoryQuery): Promise<Page<StorySummary>> {
    const limit = clampLimit(query.limit, 20, 500);
    const offset = Math.max(0, query.offset ?? 0);
    const w = new Where();
    if (query.from) w.add('s.last_date >= ?', query.from);
    if (query.to) w.add('s.first_date <= ?', query.to);
    const words = (query.q ?? '').slice(0, 1000).match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const word of words.slice(0, 16)) w.add("s.title LIKE ? ESCAPE '\\'", `%${word}%`);
    const total = (this.cached(`SELECT count(*) AS n FROM stories s ${w.sql}`).get(...w.params) as { n: number }).n;
    const rows = this.cached(
      `SELECT * FROM stories s ${w.sql} ORDER BY s.last_date IS NULL, s.last_date DESC, s.articles DESC, s.id
       LIMIT ? OFFSET ?`,
    ).all(...w.params, limit, offset) as StoryDbRow[];
    return { total, limit, offset, items: rows.map(toStorySummary) };
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const row = this.cached('SELECT * FROM stories WHERE id = ?').get(id) as StoryDbRow | undefined;
    if (!row) return null;
    const docs = this.cached(
      `SELECT ${SUMMARY_COLUMNS}, substr(d.text, 1, 300) AS snippet FROM documents d INDEXED BY documents_story_facts
       WHERE d.story = ? AND d.status = 'coded' ORDER BY d.date IS NULL, d.date, d.key LIMIT 500`,
    ).all(id) as DocDbRow[];
    for (const r of docs) r.snippet = snippetOf(r.snippet);
    const events = this.cached(
      `SELECT ${EVENT_COLUMNS}, e.day FROM events e INDEXED BY events_doc JOIN documents d ON d.key = e.doc
       WHERE d.story = ? AND d.status = 'coded' AND e.happened = 1 AND e.is_primary = 1
       ORDER BY e.day IS NULL, e.day, e.key LIMIT 1000`,
    ).all(id) as EventDbRow[];
    return { summary: toStorySummary(row), documents: docs.map(toSummary), timeline: this.withCounts(events) };
  }

  async loadIndexState(name: string): Promise<string | null> {
    const r = this.cached('SELECT value FROM index_state WHERE name = ?').get(name) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async saveIndexState(name: string, value: string): Promise<void> {
    this.cached(
      `INSERT INTO index_state (name, value, saved_at) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
    ).run(name, value, new Date().toISOString());
  }

  async close(): Promise<void> {
    if (this.db.open) {
      if (!this.db.readonly) this.db.pragma('optimize');
      this.db.close();
    }
  }

  private readonly statementCache = new Map<string, Database.Statement>();
  private cached(sql: string): Database.Statement {
    let s = this.statementCache.get(sql);
    if (!s) {
      try {
        s = this.db.prepare(sql);
      } catch (err) {
        throw new EventwireError('internal', `bad store query: ${err instanceof Error ? err.message : err}`);
      }
      if (this.statementCache.size > 500) this.statementCache.clear();
      this.statementCache.set(sql, s);
    }
    return s;
  }
}
