// The store's dialect-neutral contract. One async interface; `sqlite/` implements it today
// (an embedded file, nothing to install), `postgres/` later. Everything a caller may ask is
// here as plain data types, so the HTTP API, the exporter and the ingester never see SQL.
import type { CodedDocument, CodedEvent, DocumentInput } from '../doc/types.js';
import type { PreparedRecord } from './prepared.js';

export type DocumentStatus = 'coded' | 'failed';

/** What the ingester hands the store: a coded document, or a failure with what is known. */
export type DocumentRecord =
  | {
      status: 'coded';
      /** Hash of the input (id, text and metadata); unchanged input is never re-stored. */
      hash: string;
      /** The stages that coded it (a change re-codes unchanged input). */
      pipeline: string;
      origin: string | null;
      doc: CodedDocument;
      /** Near-duplicate group and story, decided at ingest (absent: neither). */
      links?: DocumentLinks;
    }
  | {
      status: 'failed';
      hash: string | null;
      pipeline: string;
      origin: string | null;
      id: string;
      input: Partial<DocumentInput> | null;
      error: { code: string; message: string };
    };

/**
 * Where the ingester placed a coded document among the others. A near-duplicate group is named
 * by its first document: every copy points at that one (never at another copy). Events of
 * copies that match events of the group's first document are reports of the same unique event.
 */
export interface DocumentLinks {
  /** Id of the first document of its near-duplicate group, null for a document that is no copy. */
  duplicateOf: string | null;
  /** Stable id of the story the document was threaded into, null when none. */
  story: string | null;
}

export type PutOutcome = 'new' | 'updated' | 'unchanged' | 'failed';

export interface PutResult {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** The stored hash and pipeline of a document id, to decide whether to re-code it. */
export interface StoredVersion {
  id: string;
  hash: string | null;
  pipeline: string | null;
  status: DocumentStatus;
}

export interface DocumentSummary {
  id: string;
  date: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  status: DocumentStatus;
  error: { code: string; message: string } | null;
  story: string | null;
  duplicateOf: string | null;
  counts: { sentences: number; actors: number; quotes: number; events: number; places: number };
  /** A short piece of the text (search hits marked with « »). */
  snippet: string;
  ingestedAt: string;
}

export interface StoredDocument {
  summary: DocumentSummary;
  hash: string | null;
  pipeline: string | null;
  origin: string | null;
  /** The coded document (SPEC shape), null for a document that failed before coding. */
  doc: CodedDocument | null;
}

export interface Page<T> {
  /** Matches; event lists count exactly up to 10,000 and report 10,001 beyond ("more than 10,000"). */
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface DocumentQuery {
  /** Full-text search over title and text (words AND-ed; "quoted phrases"). */
  q?: string;
  from?: string;
  to?: string;
  /** Actor code prefix (PRKGOV, PRK) or exact actor name (case-insensitive). */
  actor?: string;
  /** ISO alpha-3: documents with an actor, place or event located in that country. */
  country?: string;
  source?: string;
  /** Default `coded`; `all` lists failed documents too. */
  status?: DocumentStatus | 'all';
  story?: string;
  /** The near-duplicate copies of this document id. */
  duplicateOf?: string;
  limit?: number;
  offset?: number;
}

/** Which events count: by default only those that happened (not negated or hypothetical). */
export type FlaggedFilter = 'exclude' | 'include' | 'only';

export interface EventQuery {
  /** Source actor code: exact, or a prefix when it ends with `*` (`JPN*`). */
  source?: string;
  target?: string;
  sourceCountry?: string;
  targetCountry?: string;
  /** Both directions between two countries (ISO alpha-3), e.g. ['JPN', 'PRK']. */
  dyad?: [string, string];
  /** Event code, exact or a prefix with `*`. */
  code?: string;
  root?: string;
  quadClass?: number;
  from?: string;
  to?: string;
  /** Country of the event's location. */
  country?: string;
  /** Place name of the event's location (case-insensitive). */
  place?: string;
  docId?: string;
  /** Events of the documents of a story. */
  story?: string;
  /** One row per unique event (its first report), copies in near-duplicate articles left out. */
  unique?: boolean;
  flagged?: FlaggedFilter;
  limit?: number;
  offset?: number;
}

/** One stored event with the document it came from. */
export interface EventRow {
  /** Store-wide numeric id (stable while the document is unchanged). */
  key: number;
  docId: string;
  id: string;
  sentence: number;
  date: string | null;
  code: string;
  root: string;
  label: string;
  goldstein: number;
  quadClass: number;
  sourceCode: string | null;
  sourceName: string | null;
  sourceCountry: string | null;
  targetCode: string | null;
  targetName: string | null;
  targetCountry: string | null;
  placeName: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
  featureCode: string | null;
  negated: boolean;
  hypothetical: boolean;
  ploverEvent: string | null;
  ploverMode: string | null;
  confidence: number;
  trigger: { start: number; end: number; text: string } | null;
  /** Further restatements of the event in the document (1 + mentions). */
  mentions: number;
  /**
   * The unique event this row reports: rows of near-duplicate copies of one article that code
   * the same event share it. Counts over its rows, like GDELT's NumMentions/NumSources/
   * NumArticles but on real de-duplication: restatements in all copies, distinct sources,
   * articles.
   */
  uniqueId: string;
  numMentions: number;
  numSources: number;
  numArticles: number;
  /** Document fields the exports need. */
  docDate: string | null;
  docTitle: string | null;
  docSource: string | null;
  docUrl: string | null;
  ingestedAt: string;
}

export type Interval = 'day' | 'week' | 'month' | 'year';

/** What a series counts: each unique event once (default), or every report of it (mentions in every copy). */
export type CountMode = 'unique' | 'mentions';

export interface SeriesQuery {
  /** Countries (ISO alpha-3) or actor codes with `*` of the two sides. */
  a: string;
  b: string;
  /** false (default): both directions. */
  directed?: boolean;
  interval?: Interval;
  from?: string;
  to?: string;
  /** Default `unique`. */
  count?: CountMode;
}

export interface SeriesPoint {
  /** First day of the period (YYYY-MM-DD; weeks start on Monday). */
  period: string;
  quadClass: number;
  /** Unique events, or mentions with `count: 'mentions'`. */
  count: number;
  /** Mean Goldstein score (weighted by mentions with `count: 'mentions'`). */
  goldstein: number;
}

export interface AggregateQuery {
  from?: string;
  to?: string;
  country?: string;
  code?: string;
  root?: string;
  quadClass?: number;
  limit?: number;
  /** Top dyads: group by country (default) or by actor code. */
  by?: 'country' | 'actor';
}

export interface TopActor {
  code: string;
  name: string | null;
  country: string | null;
  asSource: number;
  asTarget: number;
  count: number;
}

export interface TopDyad {
  source: string;
  target: string;
  sourceName: string | null;
  targetName: string | null;
  count: number;
  goldstein: number;
  /** Counts per quad class 1..4. */
  quad: [number, number, number, number];
}

export interface PlaceCount {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  count: number;
  goldstein: number;
}

/** A story: articles threaded together at ingest. */
export interface StorySummary {
  id: string;
  /** The title of its first article (else the start of its text). */
  title: string | null;
  firstDate: string | null;
  lastDate: string | null;
  /** Stored articles, near-duplicate copies included. */
  articles: number;
  /** Articles that are no copy of another. */
  uniqueArticles: number;
  /** Distinct sources of its articles. */
  sources: number;
  /** Unique events that happened. */
  events: number;
}

export interface StoryQuery {
  /** Words of the story title (AND-ed, case-insensitive). */
  q?: string;
  /** Stories active in [from, to] (their date span overlaps it). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface StoryDetail {
  summary: StorySummary;
  /** Its articles, oldest first (at most 500). */
  documents: DocumentSummary[];
  /** Its unique events that happened, oldest first (at most 1,000). */
  timeline: EventRow[];
}

export interface StoreStats {
  documents: number;
  failed: number;
  /** Coded documents that are near-duplicate copies of another. */
  duplicates: number;
  stories: number;
  events: number;
  actors: number;
  quotes: number;
  places: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it is (a file path or a URL without password). */
  readonly location: string;
  /** What is stored for these ids (missing ids are absent from the map). */
  versions(ids: readonly string[]): Promise<Map<string, StoredVersion>>;
  /** Store a batch atomically: all of it or none (a crash never leaves half a batch). */
  put(records: readonly DocumentRecord[]): Promise<PutOutcome[]>;
  /**
   * `put` that also takes documents a coding worker prepared for storing (src/store/prepared.ts):
   * the same rows, with less work in the storing thread. Optional: without it, store coded documents.
   */
  putPrepared?(records: readonly (DocumentRecord | PreparedRecord)[]): Promise<PutOutcome[]>;
  getDocument(id: string): Promise<StoredDocument | null>;
  listDocuments(query: DocumentQuery): Promise<Page<DocumentSummary>>;
  listEvents(query: EventQuery): Promise<Page<EventRow>>;
  eventSeries(query: SeriesQuery): Promise<SeriesPoint[]>;
  topActors(query: AggregateQuery): Promise<TopActor[]>;
  topDyads(query: AggregateQuery): Promise<TopDyad[]>;
  eventPlaces(query: EventQuery): Promise<PlaceCount[]>;
  /** Every matching event, in date order, streamed (for exports). */
  iterateEvents(query: Omit<EventQuery, 'limit' | 'offset'>): AsyncIterable<EventRow>;
  /** Every matching document, streamed; `full` includes the coded document. */
  iterateDocuments(query: Omit<DocumentQuery, 'limit' | 'offset'>, full: boolean): AsyncIterable<StoredDocument>;
  stats(): Promise<StoreStats>;
  /** Stories, most recently active first. */
  listStories(query: StoryQuery): Promise<Page<StorySummary>>;
  getStory(id: string): Promise<StoryDetail | null>;
  /**
   * The ingest-time indexes (near-duplicate LSH, story centroids) as an opaque text saved under
   * a name, so the next ingest continues the same groups and stories. Null when never saved.
   */
  loadIndexState(name: string): Promise<string | null>;
  saveIndexState(name: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export type { CodedEvent };
