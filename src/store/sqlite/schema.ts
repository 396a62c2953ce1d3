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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
