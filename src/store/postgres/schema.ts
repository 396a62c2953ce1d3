// Versioned schema of the PostgreSQL store: the same tables, columns and indexes as the
// SQLite store (src/store/sqlite/schema.ts), in PostgreSQL's types, with full-text search
// on a generated tsvector column. Each migration runs once, in a transaction, and is recorded
// in `eventwire_schema`; never edit a released migration, add the next one. Codes, countries
// and dates are compared by ranges and sorted byte-wise (COLLATE "C"), like SQLite does,
// whatever the database's locale.
import type { Migration } from '../sqlite/schema.js';

/** Characters of a document's text that go into its search vector (a tsvector holds at most 1 MB). */
export const FTS_CHARS = 100_000;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents with full-text search, events, actors, quotes and places',
    sql: `
CREATE TABLE documents (
  key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  date text COLLATE "C",
  title text,
  source text,
  url text,
  hash text,
  pipeline text,
  origin text,
  meta text NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('coded', 'failed')),
  error text,
  text text NOT NULL DEFAULT '',
  layers text,
  n_sentences integer NOT NULL DEFAULT 0,
  n_actors integer NOT NULL DEFAULT 0,
  n_quotes integer NOT NULL DEFAULT 0,
  n_events integer NOT NULL DEFAULT 0,
  n_places integer NOT NULL DEFAULT 0,
  duplicate_of text,
  story text,
  ingested_at text NOT NULL,
  -- the 'simple' configuration: words lower-cased, no stemming (like the SQLite store's FTS5)
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', left(text, ${FTS_CHARS})), 'B')
  ) STORED
);
CREATE INDEX documents_date ON documents(date, key);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_tsv ON documents USING gin(tsv);

CREATE TABLE events (
  key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  event_id text NOT NULL,
  sentence integer NOT NULL,
  date text COLLATE "C",
  day text COLLATE "C",
  precision smallint NOT NULL,
  code text COLLATE "C" NOT NULL,
  root text COLLATE "C" NOT NULL,
  label text,
  goldstein double precision NOT NULL,
  quad_class smallint NOT NULL,
  source_actor text, source_code text COLLATE "C", source_name text, source_country text COLLATE "C",
  target_actor text, target_code text COLLATE "C", target_name text, target_country text COLLATE "C",
  place_name text, country text COLLATE "C", lat double precision, lon double precision, geoname_id bigint, feature_code text,
  negated boolean NOT NULL,
  hypothetical boolean NOT NULL,
  happened boolean NOT NULL,
  plover_event text, plover_mode text,
  confidence double precision NOT NULL,
  trigger_start integer, trigger_end integer, trigger_text text,
  mentions integer NOT NULL DEFAULT 1
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_day ON events(happened, day);
CREATE INDEX events_dyad_code ON events(source_code, target_code, happened, day, precision, quad_class, goldstein);
CREATE INDEX events_target_code ON events(target_code, happened, day);
CREATE INDEX events_dyad_country ON events(source_country, target_country, happened, day, precision, quad_class, goldstein);
CREATE INDEX events_target_country ON events(target_country, happened, day);
CREATE INDEX events_code ON events(code, happened, day);
CREATE INDEX events_root ON events(root, happened, day);
CREATE INDEX events_quad ON events(quad_class, happened, day);
CREATE INDEX events_country ON events(country, happened, day);
CREATE INDEX events_place ON events(lower(place_name), happened, day);

-- Counts of events that happened, pre-aggregated per dyad for the time series and top-dyad
-- queries (kept in step by the store on every insert and replace). month is YYYY-MM.
CREATE TABLE series_country_day (
  source_country text COLLATE "C" NOT NULL, target_country text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL,
  precision smallint NOT NULL, quad_class smallint NOT NULL, n bigint NOT NULL, g double precision NOT NULL,
  PRIMARY KEY (source_country, target_country, day, precision, quad_class)
);
CREATE TABLE series_country_month (
  source_country text COLLATE "C" NOT NULL, target_country text COLLATE "C" NOT NULL, month text COLLATE "C" NOT NULL,
  precision smallint NOT NULL, quad_class smallint NOT NULL, n bigint NOT NULL, g double precision NOT NULL,
  PRIMARY KEY (source_country, target_country, month, precision, quad_class)
);
CREATE TABLE series_code_month (
  source_code text COLLATE "C" NOT NULL, target_code text COLLATE "C" NOT NULL, month text COLLATE "C" NOT NULL,
  precision smallint NOT NULL, quad_class smallint NOT NULL, n bigint NOT NULL, g double precision NOT NULL,
  PRIMARY KEY (source_code, target_code, month, precision, quad_class)
);

CREATE TABLE actors (
  doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  actor_id text NOT NULL,
  name text NOT NULL,
  kind text,
  code text COLLATE "C",
  country text COLLATE "C",
  mentions integer NOT NULL,
  PRIMARY KEY (doc, actor_id)
);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_name ON actors(lower(name));
CREATE INDEX actors_country ON actors(country);

CREATE TABLE quotes (
  doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  n integer NOT NULL,
  kind text NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  speaker_actor text,
  speaker_name text,
  PRIMARY KEY (doc, n)
);
CREATE INDEX quotes_speaker ON quotes(lower(speaker_name));

CREATE TABLE places (
  doc bigint NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  n integer NOT NULL,
  name text NOT NULL,
  country text COLLATE "C",
  lat double precision,
  lon double precision,
  geoname_id bigint,
  PRIMARY KEY (doc, n)
);
CREATE INDEX places_country ON places(country);
CREATE INDEX places_name ON places(lower(name));
`,
  },
  {
    version: 2,
    description: 'work queue: jobs with leases, retries and a dead-letter table; worker counters',
    sql: `
CREATE TABLE queue_jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_id text NOT NULL UNIQUE,
  hash text NOT NULL,
  pipeline text NOT NULL,
  origin text,
  input text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- claimable when visible_at has passed: set ahead by a claim (the lease) and by a retry (the backoff)
  visible_at timestamptz NOT NULL DEFAULT now(),
  -- the claim that holds the job; a worker commits its result only while it still holds it
  token uuid,
  worker text,
  last_error text,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_jobs_visible ON queue_jobs(visible_at, id);

CREATE TABLE queue_dead (
  doc_id text PRIMARY KEY,
  hash text NOT NULL,
  pipeline text NOT NULL,
  origin text,
  input text NOT NULL,
  attempts integer NOT NULL,
  error text,
  died_at timestamptz NOT NULL DEFAULT now()
);

-- one row per worker process and minute: documents done and failed (the rate in \`status\`)
CREATE TABLE queue_progress (
  minute timestamptz NOT NULL,
  worker text NOT NULL,
  done integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  retried integer NOT NULL DEFAULT 0,
  first_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (minute, worker)
);

CREATE TABLE queue_workers (
  worker text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  done bigint NOT NULL DEFAULT 0,
  failed bigint NOT NULL DEFAULT 0
);
`,
  },
  {
    version: 3,
    description: 'unique events across near-duplicate copies, mention counts in the series, stories, index state',
    sql: `
-- every event row reports one unique event; copies of an article share it, and only its first
-- report (is_primary) counts in unique-event figures
ALTER TABLE events ADD COLUMN unique_id text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN is_primary boolean NOT NULL DEFAULT true;
UPDATE events e SET unique_id = d.id || '#' || e.event_id FROM documents d WHERE d.key = e.doc;
CREATE INDEX events_unique ON events(unique_id, is_primary, doc, mentions);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- the series count unique events (n, g) and every report of them (m mentions, gm Goldstein x mentions)
ALTER TABLE series_country_day ADD COLUMN m bigint NOT NULL DEFAULT 0, ADD COLUMN gm double precision NOT NULL DEFAULT 0;
ALTER TABLE series_country_month ADD COLUMN m bigint NOT NULL DEFAULT 0, ADD COLUMN gm double precision NOT NULL DEFAULT 0;
ALTER TABLE series_code_month ADD COLUMN m bigint NOT NULL DEFAULT 0, ADD COLUMN gm double precision NOT NULL DEFAULT 0;
UPDATE series_country_day s SET m = x.m, gm = x.gm FROM (
  SELECT source_country, target_country, day, precision, quad_class, sum(mentions) AS m, sum(mentions * goldstein) AS gm
  FROM events WHERE happened AND day IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x
WHERE s.source_country = x.source_country AND s.target_country = x.target_country AND s.day = x.day
  AND s.precision = x.precision AND s.quad_class = x.quad_class;
UPDATE series_country_month s SET m = x.m, gm = x.gm FROM (
  SELECT source_country, target_country, coalesce(left(day, 7), '') AS month, precision, quad_class,
    sum(mentions) AS m, sum(mentions * goldstein) AS gm
  FROM events WHERE happened GROUP BY 1, 2, 3, 4, 5) x
WHERE s.source_country = x.source_country AND s.target_country = x.target_country AND s.month = x.month
  AND s.precision = x.precision AND s.quad_class = x.quad_class;
UPDATE series_code_month s SET m = x.m, gm = x.gm FROM (
  SELECT source_code, target_code, coalesce(left(day, 7), '') AS month, precision, quad_class,
    sum(mentions) AS m, sum(mentions * goldstein) AS gm
  FROM events WHERE happened GROUP BY 1, 2, 3, 4, 5) x
WHERE s.source_code = x.source_code AND s.target_code = x.target_code AND s.month = x.month
  AND s.precision = x.precision AND s.quad_class = x.quad_class;

-- one row per story, refreshed from its documents whenever one of them is stored
CREATE TABLE stories (
  id text COLLATE "C" PRIMARY KEY,
  title text,
  first_date text COLLATE "C",
  last_date text COLLATE "C",
  articles integer NOT NULL,
  unique_articles integer NOT NULL,
  sources integer NOT NULL,
  events integer NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX stories_last ON stories(last_date, id);

-- opaque state of the ingest-time indexes (near-duplicate LSH, story centroids)
CREATE TABLE index_state (
  name text PRIMARY KEY,
  value text NOT NULL,
  saved_at text NOT NULL
);
`,
  },
  {
    version: 4,
    description: 'the decisions of the shared story assigner of queue workers, in commit order',
    sql: `
-- each coded document a worker commits gets its near-duplicate group and story from an assigner
-- that every worker keeps in memory; the one committing (under an advisory lock) first replays
-- the decisions logged since its own last one, decides, and logs its decisions here. A snapshot
-- of the assigner (index_state 'stories-queue-v1') covers the log up to a seq; older rows go.
CREATE TABLE story_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_id text NOT NULL,
  entry text NOT NULL
);
`,
  },
  {
    version: 5,
    description:
      'cheaper document writes: lz4 for the stored text and layers, no foreign-key checks, no unqueried indexes',
    sql: `
-- the coded layers (several KB of JSON per document) and the text are compressed when stored;
-- pglz took a tenth of the server's CPU per stored document, lz4 (PostgreSQL 14+, when built
-- with it) a fraction of that. Values stored before keep their compression.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 140000 AND EXISTS (
    SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
    ALTER TABLE documents ALTER COLUMN layers SET COMPRESSION lz4, ALTER COLUMN text SET COMPRESSION lz4;
  END IF;
END $$;
-- every event, actor, quote and place row is written by the store right after its document, in
-- the same transaction, under the document's lock, and removed with it by the store (nothing
-- deletes documents otherwise): the per-row foreign-key checks (a lookup and a row lock on the
-- document for each of ~20 rows per document, an eighth of the server's CPU per document) only
-- re-checked that
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_doc_fkey;
ALTER TABLE actors DROP CONSTRAINT IF EXISTS actors_doc_fkey;
ALTER TABLE quotes DROP CONSTRAINT IF EXISTS quotes_doc_fkey;
ALTER TABLE places DROP CONSTRAINT IF EXISTS places_doc_fkey;
-- no query filters quotes by speaker or places by name (documents are found by actor code or
-- name and by country), as in the SQLite store
DROP INDEX IF EXISTS quotes_speaker;
DROP INDEX IF EXISTS places_name;
`,
  },
  {
    version: 6,
    description: 'the sources of each story (which a new article of a story is asked against)',
    sql: `
-- a document added to a story counts as a new source unless the story has an article from its
-- source already: asked of the documents, the planner (short of statistics on a young store, or
-- misled by them) scanned the whole table; a key lookup here answers it (ON CONFLICT)
CREATE TABLE story_sources (
  story text COLLATE "C" NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (story, source)
);
INSERT INTO story_sources (story, source)
  SELECT DISTINCT story, source FROM documents WHERE status = 'coded' AND story IS NOT NULL AND source IS NOT NULL;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
