// Versioned schema of the SQLite store. Each migration runs once, in a transaction, and
// bumps `PRAGMA user_version`; never edit a released migration, add the next one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents with full-text search, events, actors, quotes and places',
    sql: `
CREATE TABLE documents (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  date TEXT,
  title TEXT,
  source TEXT,
  url TEXT,
  hash TEXT,
  pipeline TEXT,
  origin TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('coded', 'failed')),
  error TEXT,
  text TEXT NOT NULL DEFAULT '',
  layers TEXT,
  n_sentences INTEGER NOT NULL DEFAULT 0,
  n_actors INTEGER NOT NULL DEFAULT 0,
  n_quotes INTEGER NOT NULL DEFAULT 0,
  n_events INTEGER NOT NULL DEFAULT 0,
  n_places INTEGER NOT NULL DEFAULT 0,
  duplicate_of TEXT,
  story TEXT,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date, key);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_status ON documents(status);

CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='key', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.key, coalesce(old.title, ''), old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.key, coalesce(new.title, ''), new.text);
END;

CREATE TABLE events (
  key INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  date TEXT,
  day TEXT,
  precision INTEGER NOT NULL,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  label TEXT,
  goldstein REAL NOT NULL,
  quad_class INTEGER NOT NULL,
  source_actor TEXT, source_code TEXT, source_name TEXT, source_country TEXT,
  target_actor TEXT, target_code TEXT, target_name TEXT, target_country TEXT,
  place_name TEXT, country TEXT, lat REAL, lon REAL, geoname_id INTEGER, feature_code TEXT,
  negated INTEGER NOT NULL,
  hypothetical INTEGER NOT NULL,
  happened INTEGER NOT NULL,
  plover_event TEXT, plover_mode TEXT,
  confidence REAL NOT NULL,
  trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
  mentions INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_doc ON events(doc);
-- \`happened\` follows the equality columns so the default filter (not negated or hypothetical)
-- stays inside the index and rows come out in date order; the dyad indexes also cover the
-- time series (day, precision, quad class, Goldstein) so it never reads the table
CREATE INDEX events_day ON events(happened, day);
CREATE INDEX events_dyad_code ON events(source_code, target_code, happened, day, precision, quad_class, goldstein);
CREATE INDEX events_target_code ON events(target_code, happened, day);
CREATE INDEX events_dyad_country ON events(source_country, target_country, happened, day, precision, quad_class, goldstein);
CREATE INDEX events_target_country ON events(target_country, happened, day);
CREATE INDEX events_code ON events(code, happened, day);
CREATE INDEX events_root ON events(root, happened, day);
CREATE INDEX events_quad ON events(quad_class, happened, day);
CREATE INDEX events_country ON events(country, happened, day);
CREATE INDEX events_place ON events(place_name COLLATE NOCASE, happened, day);

-- Counts of events that happened, pre-aggregated per dyad for the time series and top-dyad
-- queries (kept in step by the store on every insert and replace). month is YYYY-MM.
CREATE TABLE series_country_day (
  source_country TEXT NOT NULL, target_country TEXT NOT NULL, day TEXT NOT NULL,
  precision INTEGER NOT NULL, quad_class INTEGER NOT NULL, n INTEGER NOT NULL, g REAL NOT NULL,
  PRIMARY KEY (source_country, target_country, day, precision, quad_class)
) WITHOUT ROWID;
CREATE TABLE series_country_month (
  source_country TEXT NOT NULL, target_country TEXT NOT NULL, month TEXT NOT NULL,
  precision INTEGER NOT NULL, quad_class INTEGER NOT NULL, n INTEGER NOT NULL, g REAL NOT NULL,
  PRIMARY KEY (source_country, target_country, month, precision, quad_class)
) WITHOUT ROWID;
CREATE TABLE series_code_month (
  source_code TEXT NOT NULL, target_code TEXT NOT NULL, month TEXT NOT NULL,
  precision INTEGER NOT NULL, quad_class INTEGER NOT NULL, n INTEGER NOT NULL, g REAL NOT NULL,
  PRIMARY KEY (source_code, target_code, month, precision, quad_class)
) WITHOUT ROWID;

CREATE TABLE actors (
  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  actor_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT,
  code TEXT,
  country TEXT,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (doc, actor_id)
) WITHOUT ROWID;
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE quotes (
  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  speaker_actor TEXT,
  speaker_name TEXT,
  PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);

CREATE TABLE places (
  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  name TEXT NOT NULL,
  country TEXT,
  lat REAL,
  lon REAL,
  geoname_id INTEGER,
  PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE INDEX places_country ON places(country);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
`,
  },
  {
    version: 2,
    description: 'unique events across near-duplicate copies, mention counts in the series, stories, index state',
    sql: `
-- every event row reports one unique event; copies of an article share it, and only its first
-- report (is_primary) counts in unique-event figures
ALTER TABLE events ADD COLUMN unique_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 1;
UPDATE events SET unique_id = (SELECT id FROM documents WHERE key = events.doc) || '#' || event_id;
CREATE INDEX events_unique ON events(unique_id, is_primary, doc, mentions);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- the series count unique events (n, g) and every report of them (m mentions, gm Goldstein x mentions)
ALTER TABLE series_country_day ADD COLUMN m INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series_country_day ADD COLUMN gm REAL NOT NULL DEFAULT 0;
ALTER TABLE series_country_month ADD COLUMN m INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series_country_month ADD COLUMN gm REAL NOT NULL DEFAULT 0;
ALTER TABLE series_code_month ADD COLUMN m INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series_code_month ADD COLUMN gm REAL NOT NULL DEFAULT 0;
UPDATE series_country_day SET m = coalesce((SELECT sum(e.mentions) FROM events e WHERE e.happened = 1
  AND e.source_country = series_country_day.source_country AND e.target_country = series_country_day.target_country
  AND e.day = series_country_day.day AND e.precision = series_country_day.precision
  AND e.quad_class = series_country_day.quad_class), 0);
UPDATE series_country_day SET gm = coalesce((SELECT sum(e.mentions * e.goldstein) FROM events e WHERE e.happened = 1
  AND e.source_country = series_country_day.source_country AND e.target_country = series_country_day.target_country
  AND e.day = series_country_day.day AND e.precision = series_country_day.precision
  AND e.quad_class = series_country_day.quad_class), 0);
UPDATE series_country_month SET m = coalesce((SELECT sum(e.mentions) FROM events e WHERE e.happened = 1
  AND e.source_country = series_country_month.source_country AND e.target_country = series_country_month.target_country
  AND coalesce(substr(e.day, 1, 7), '') = series_country_month.month AND e.precision = series_country_month.precision
  AND e.quad_class = series_country_month.quad_class), 0);
UPDATE series_country_month SET gm = coalesce((SELECT sum(e.mentions * e.goldstein) FROM events e WHERE e.happened = 1
  AND e.source_country = series_country_month.source_country AND e.target_country = series_country_month.target_country
  AND coalesce(substr(e.day, 1, 7), '') = series_country_month.month AND e.precision = series_country_month.precision
  AND e.quad_class = series_country_month.quad_class), 0);
UPDATE series_code_month SET m = coalesce((SELECT sum(e.mentions) FROM events e WHERE e.happened = 1
  AND e.source_code = series_code_month.source_code AND e.target_code = series_code_month.target_code
  AND coalesce(substr(e.day, 1, 7), '') = series_code_month.month AND e.precision = series_code_month.precision
  AND e.quad_class = series_code_month.quad_class), 0);
UPDATE series_code_month SET gm = coalesce((SELECT sum(e.mentions * e.goldstein) FROM events e WHERE e.happened = 1
  AND e.source_code = series_code_month.source_code AND e.target_code = series_code_month.target_code
  AND coalesce(substr(e.day, 1, 7), '') = series_code_month.month AND e.precision = series_code_month.precision
  AND e.quad_class = series_code_month.quad_class), 0);

-- one row per story, refreshed from its documents whenever one of them is stored
CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  title TEXT,
  first_date TEXT,
  last_date TEXT,
  articles INTEGER NOT NULL,
  unique_articles INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  events INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stories_last ON stories(last_date, id);

-- opaque state of the ingest-time indexes (near-duplicate LSH, story centroids)
CREATE TABLE index_state (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  saved_at TEXT NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 3,
    description: 'story summaries from an index that covers them',
    sql: `
-- refreshing a story reads these columns of every document in it; from the table they sit
-- behind the article text in overflow pages, which made each refresh cost the story's full text
CREATE INDEX documents_story_facts ON documents(story, status, date, key, duplicate_of, source, id);
DROP INDEX documents_story;
`,
  },
  {
    version: 4,
    description: 'full-text index written by the store, not by triggers',
    sql: `
-- FTS5 writes its pending terms to disk at every statement savepoint, and a trigger made each
-- document's upsert one: a new index segment per document, merged again and again. The store
-- now adds (and for a replaced document first deletes) the entry itself, so a batch's terms
-- reach the index as one segment at commit. The delete trigger stays for plain DELETEs.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_update;
`,
  },
  {
    version: 5,
    description: 'event indexes that answer unique-event filters and series without reading rows',
    sql: `
-- \`is_primary\` (unique events only) at the end of every filter index, and the mentions in the
-- dyad indexes, so "unique only" lists and counts and the series drawn from the events stay
-- inside the index instead of reading each candidate row (tens of ms at a million events)
DROP INDEX events_day;
CREATE INDEX events_day ON events(happened, day, is_primary);
DROP INDEX events_dyad_code;
CREATE INDEX events_dyad_code ON events(source_code, target_code, happened, day, precision, quad_class, goldstein,
  is_primary, mentions);
DROP INDEX events_target_code;
CREATE INDEX events_target_code ON events(target_code, happened, day, is_primary);
DROP INDEX events_dyad_country;
CREATE INDEX events_dyad_country ON events(source_country, target_country, happened, day, precision, quad_class,
  goldstein, is_primary, mentions);
DROP INDEX events_target_country;
CREATE INDEX events_target_country ON events(target_country, happened, day, is_primary);
DROP INDEX events_code;
CREATE INDEX events_code ON events(code, happened, day, is_primary);
DROP INDEX events_root;
CREATE INDEX events_root ON events(root, happened, day, is_primary);
DROP INDEX events_quad;
CREATE INDEX events_quad ON events(quad_class, happened, day, is_primary);
DROP INDEX events_country;
CREATE INDEX events_country ON events(country, happened, day, is_primary);
DROP INDEX events_place;
CREATE INDEX events_place ON events(place_name COLLATE NOCASE, happened, day, is_primary);
`,
  },
  {
    version: 6,
    description: 'no indexes that no query reads',
    sql: `
-- no query filters quotes by speaker or places by name (documents are found by actor code or
-- name and by country); each index cost every stored quote and place a B-tree insert
DROP INDEX quotes_speaker;
DROP INDEX places_name;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
