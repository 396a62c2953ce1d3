// Dialect-neutral reading side of the SQL stores: the columns they select, the database rows
// turned into API rows, and the WHERE clauses of document and event filters. A `SqlDialect`
// holds the few spellings that differ between SQLite and PostgreSQL; SQL here uses `?`
// placeholders (the PostgreSQL store numbers them when it runs a statement).

import type { CodedDocument } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import type {
  DocumentQuery,
  DocumentSummary,
  EventQuery,
  EventRow,
  Interval,
  PlaceCount,
  SeriesQuery,
  StoredDocument,
  StorySummary,
  TopActor,
  TopDyad,
} from './types.js';
import { prefixRange } from './util.js';

/** What differs between the SQL dialects in a filter. */
export interface SqlDialect {
  /** A test that a boolean column is true (or false). */
  isTrue(column: string, value: boolean): string;
  /** A case-insensitive text equality of a column and one `?` parameter. */
  sameText(column: string): string;
  /** The full-text query of a free-text search, or null when it has no words. */
  search(input: string): string | null;
}

/** Does [from, to] cover whole months (so month counts answer it exactly)? */
export function monthAligned(from?: string, to?: string): boolean {
  if (from && !from.endsWith('-01')) return false;
  if (to) {
    const [y, m, d] = to.split('-').map(Number);
    if (d !== new Date(Date.UTC(y, m, 0)).getUTCDate()) return false;
  }
  return true;
}

export const EVENT_COLUMNS = `e.key, d.id AS doc_id, e.event_id, e.sentence, e.date, e.code, e.root, e.label, e.goldstein,
  e.quad_class, e.source_code, e.source_name, e.source_country, e.target_code, e.target_name, e.target_country,
  e.place_name, e.country, e.lat, e.lon, e.geoname_id, e.feature_code, e.negated, e.hypothetical, e.plover_event,
  e.plover_mode, e.confidence, e.trigger_start, e.trigger_end, e.trigger_text, e.mentions, e.unique_id,
  d.date AS doc_date, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, d.ingested_at`;

export const SUMMARY_COLUMNS = `d.key, d.id, d.date, d.title, d.source, d.url, d.hash, d.pipeline, d.origin, d.meta, d.status,
  d.error, d.n_sentences, d.n_actors, d.n_quotes, d.n_events, d.n_places, d.duplicate_of, d.story, d.ingested_at`;

/** An event as selected by EVENT_COLUMNS (booleans are 0/1 in SQLite). */
export interface EventDbRow {
  key: number;
  day?: string | null;
  doc_id: string;
  event_id: string;
  sentence: number;
  date: string | null;
  code: string;
  root: string;
  label: string | null;
  goldstein: number;
  quad_class: number;
  source_code: string | null;
  source_name: string | null;
  source_country: string | null;
  target_code: string | null;
  target_name: string | null;
  target_country: string | null;
  place_name: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geoname_id: number | null;
  feature_code: string | null;
  negated: boolean | number;
  hypothetical: boolean | number;
  plover_event: string | null;
  plover_mode: string | null;
  confidence: number;
  trigger_start: number | null;
  trigger_end: number | null;
  trigger_text: string | null;
  mentions: number;
  unique_id: string;
  /** Counts of the unique event, when the query computed them. */
  num_m?: number | null;
  num_a?: number | null;
  num_s?: number | null;
  doc_date: string | null;
  doc_title: string | null;
  doc_source: string | null;
  doc_url: string | null;
  ingested_at: string;
}

/** Mentions, articles and sources of one unique event. */
export interface UniqueCounts {
  m: number;
  a: number;
  s: number;
}

export function toEventRow(r: EventDbRow, counts?: UniqueCounts): EventRow {
  return {
    key: r.key,
    docId: r.doc_id,
    id: r.event_id,
    sentence: r.sentence,
    date: r.date,
    code: r.code,
    root: r.root,
    label: r.label ?? '',
    goldstein: r.goldstein,
    quadClass: r.quad_class,
    sourceCode: r.source_code,
    sourceName: r.source_name,
    sourceCountry: r.source_country,
    targetCode: r.target_code,
    targetName: r.target_name,
    targetCountry: r.target_country,
    placeName: r.place_name,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    geonameId: r.geoname_id,
    featureCode: r.feature_code,
    negated: r.negated === true || r.negated === 1,
    hypothetical: r.hypothetical === true || r.hypothetical === 1,
    ploverEvent: r.plover_event,
    ploverMode: r.plover_mode,
    confidence: r.confidence,
    trigger:
      r.trigger_start != null && r.trigger_end != null
        ? { start: r.trigger_start, end: r.trigger_end, text: r.trigger_text ?? '' }
        : null,
    mentions: r.mentions,
    uniqueId: r.unique_id,
    numMentions: counts?.m ?? r.num_m ?? r.mentions,
    numSources: counts?.s ?? r.num_s ?? 1,
    numArticles: counts?.a ?? r.num_a ?? 1,
    docDate: r.doc_date,
    docTitle: r.doc_title,
    docSource: r.doc_source,
    docUrl: r.doc_url,
    ingestedAt: r.ingested_at,
  };
}

/** A document as selected by SUMMARY_COLUMNS (plus snippet, and text and layers when read whole). */
export interface DocDbRow {
  key: number;
  id: string;
  date: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  hash: string | null;
  pipeline: string | null;
  origin: string | null;
  meta: string;
  status: 'coded' | 'failed';
  error: string | null;
  n_sentences: number;
  n_actors: number;
  n_quotes: number;
  n_events: number;
  n_places: number;
  duplicate_of: string | null;
  story: string | null;
  ingested_at: string;
  snippet: string;
  text?: string;
  layers?: string | null;
}

export function toSummary(r: DocDbRow): DocumentSummary {
  return {
    id: r.id,
    date: r.date,
    title: r.title,
    source: r.source,
    url: r.url,
    status: r.status,
    error: r.error ? (JSON.parse(r.error) as { code: string; message: string }) : null,
    story: r.story,
    duplicateOf: r.duplicate_of,
    counts: {
      sentences: r.n_sentences,
      actors: r.n_actors,
      quotes: r.n_quotes,
      events: r.n_events,
      places: r.n_places,
    },
    snippet: r.snippet ?? '',
    ingestedAt: r.ingested_at,
  };
}

export function toStored(r: DocDbRow): StoredDocument {
  let doc: CodedDocument | null = null;
  if (r.layers) {
    const layers = JSON.parse(r.layers) as Omit<CodedDocument, 'id' | 'date' | 'title' | 'source' | 'url' | 'text'>;
    // the SPEC key order: header fields, text, then the layers
    doc = {
      id: r.id,
      date: r.date,
      title: r.title,
      source: r.source,
      url: r.url,
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      text: r.text ?? '',
      sentences: layers.sentences ?? [],
      entities: layers.entities ?? [],
      actors: layers.actors ?? [],
      times: layers.times ?? [],
      places: layers.places ?? [],
      quotes: layers.quotes ?? [],
      events: layers.events ?? [],
      ...(layers.tokens ? { tokens: layers.tokens } : {}),
    };
  }
  return { summary: toSummary(r), hash: r.hash, pipeline: r.pipeline, origin: r.origin, doc };
}

export interface StoryDbRow {
  id: string;
  title: string | null;
  first_date: string | null;
  last_date: string | null;
  articles: number;
  unique_articles: number;
  sources: number;
  events: number;
}

export function toStorySummary(r: StoryDbRow): StorySummary {
  return {
    id: r.id,
    title: r.title,
    firstDate: r.first_date,
    lastDate: r.last_date,
    articles: r.articles,
    uniqueArticles: r.unique_articles,
    sources: r.sources,
    events: r.events,
  };
}

/** A WHERE clause built from optional filters (`?` placeholders). */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }
  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** `code` exact, or a prefix range when it ends with `*`. */
export function codeFilter(w: Where, column: string, value: string): void {
  if (value.endsWith('*')) {
    const prefix = value.slice(0, -1);
    if (!prefix) return;
    const [lo, hi] = prefixRange(prefix);
    w.add(`${column} >= ? AND ${column} < ?`, lo, hi);
  } else w.add(`${column} = ?`, value);
}

/** Filters of an event query (alias `e`). A two-digit code prefix (`04*`) is its root. */
export function eventWhere(dialect: SqlDialect, q: Omit<EventQuery, 'limit' | 'offset'>): Where {
  const w = new Where();
  const flagged = q.flagged ?? 'exclude';
  if (flagged === 'exclude') w.add(dialect.isTrue('e.happened', true));
  else if (flagged === 'only') w.add(dialect.isTrue('e.happened', false));
  if (q.dyad) {
    const [a, b] = q.dyad;
    w.add(
      '((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))',
      a,
      b,
      b,
      a,
    );
  }
  if (q.source) codeFilter(w, 'e.source_code', q.source);
  if (q.target) codeFilter(w, 'e.target_code', q.target);
  if (q.sourceCountry) w.add('e.source_country = ?', q.sourceCountry);
  if (q.targetCountry) w.add('e.target_country = ?', q.targetCountry);
  if (q.code && /^\d\d\*$/.test(q.code)) w.add('e.root = ?', q.code.slice(0, 2));
  else if (q.code) codeFilter(w, 'e.code', q.code);
  if (q.root) w.add('e.root = ?', q.root);
  if (q.quadClass) w.add('e.quad_class = ?', q.quadClass);
  if (q.from) w.add('e.day >= ?', q.from);
  if (q.to) w.add('e.day <= ?', q.to);
  if (q.country) w.add('e.country = ?', q.country);
  if (q.place) w.add(dialect.sameText('e.place_name'), q.place);
  if (q.docId) w.add('e.doc = (SELECT key FROM documents WHERE id = ?)', q.docId);
  if (q.story) w.add('e.doc IN (SELECT key FROM documents WHERE story = ?)', q.story);
  if (q.unique) w.add(dialect.isTrue('e.is_primary', true));
  return w;
}

/** Filters of a document query (alias `d`), and the full-text query of its search if any. */
export function documentWhere(
  dialect: SqlDialect,
  q: Omit<DocumentQuery, 'limit' | 'offset'>,
): { where: Where; fts: string | null } {
  const w = new Where();
  const fts = q.q ? dialect.search(q.q) : null;
  if (q.q && !fts) throw new EventwireError('bad-query', 'the search has no words to look for');
  if (q.from) w.add('d.date >= ?', q.from);
  if (q.to) w.add('d.date <= ?', q.to);
  if (q.source) w.add('d.source = ?', q.source);
  const status = q.status ?? 'coded';
  if (status !== 'all') w.add('d.status = ?', status);
  if (q.story) w.add('d.story = ?', q.story);
  if (q.duplicateOf) w.add('d.duplicate_of = ?', q.duplicateOf);
  if (q.actor) {
    const a = q.actor.trim();
    const [lo, hi] = prefixRange(a.toUpperCase());
    w.add(`d.key IN (SELECT doc FROM actors WHERE (code >= ? AND code < ?) OR ${dialect.sameText('name')})`, lo, hi, a);
  }
  if (q.country)
    w.add(
      `(d.key IN (SELECT doc FROM actors WHERE country = ?) OR d.key IN (SELECT doc FROM places WHERE country = ?)
        OR d.key IN (SELECT doc FROM events WHERE country = ?))`,
      q.country,
      q.country,
      q.country,
    );
  return { where: w, fts };
}

/** An actor's counts as the top-actor queries select them. */
export interface TopActorDbRow {
  code: string;
  name: string | null;
  country: string | null;
  as_source: number;
  as_target: number;
  n: number;
}

export function toTopActor(r: TopActorDbRow): TopActor {
  return {
    code: r.code,
    name: r.name,
    country: r.country,
    asSource: r.as_source,
    asTarget: r.as_target,
    count: r.n,
  };
}

/** A dyad's counts as the top-dyad queries select them (names only when grouped by code). */
export interface TopDyadDbRow {
  source: string;
  target: string;
  source_name?: string | null;
  target_name?: string | null;
  n: number;
  g: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
}

/** `named`: keep the actor names (dyads of codes; country dyads have none). */
export function toTopDyad(r: TopDyadDbRow, named: boolean): TopDyad {
  return {
    source: r.source,
    target: r.target,
    sourceName: named ? (r.source_name ?? null) : null,
    targetName: named ? (r.target_name ?? null) : null,
    count: r.n,
    goldstein: Math.round(r.g * 100) / 100,
    quad: [r.q1, r.q2, r.q3, r.q4],
  };
}

/** A place's counts as the event-places queries select them. */
export interface PlaceCountDbRow {
  name: string | null;
  country: string | null;
  lat: number;
  lon: number;
  n: number;
  g: number;
}

export function toPlaceCount(r: PlaceCountDbRow): PlaceCount {
  return {
    name: r.name ?? '',
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    count: r.n,
    goldstein: Math.round(r.g * 100) / 100,
  };
}

/** Series counts of one day (or month start) and quad class, as the series queries select them. */
export type SeriesRow = { day: string; quad: number; n: number; g: number };

/** Where a series of one ordered pair is counted: pre-aggregated tables or the events. */
export type SeriesSource = 'country-tables' | 'code-months' | 'events';

export interface SeriesPlan {
  interval: Interval;
  /** Events less precise than the interval are not counted. */
  minPrecision: number;
  /** [from, to] covers whole months and the interval is month or year: month counts answer it. */
  monthly: boolean;
  /** The ordered pairs to count (both directions unless directed) and where from. */
  parts: Array<{ a: string; b: string; source: SeriesSource }>;
}

export function seriesPlan(query: SeriesQuery): SeriesPlan {
  const interval: Interval = query.interval ?? 'month';
  const minPrecision = interval === 'day' || interval === 'week' ? 3 : interval === 'month' ? 2 : 1;
  const isCountry = (v: string) => /^[A-Z]{3}$/.test(v);
  const monthly = (interval === 'month' || interval === 'year') && monthAligned(query.from, query.to);
  const pairs: Array<[string, string]> = [[query.a, query.b]];
  if (!query.directed && query.a !== query.b) pairs.push([query.b, query.a]);
  const parts = pairs.map(([a, b]) => {
    const source: SeriesSource =
      isCountry(a) && isCountry(b)
        ? 'country-tables'
        : !isCountry(a) && !isCountry(b) && monthly
          ? 'code-months'
          : 'events';
    return { a, b, source };
  });
  return { interval, minPrecision, monthly, parts };
}

/** Two countries: the query of their pre-aggregated month (or day) counts. */
export function countryTableSeries(
  a: string,
  b: string,
  plan: SeriesPlan,
  q: SeriesQuery,
): { sql: string; params: unknown[] } {
  const w = new Where().add('source_country = ? AND target_country = ?', a, b).add('precision >= ?', plan.minPrecision);
  const [n, g] = q.count === 'mentions' ? ['m', 'gm'] : ['n', 'g'];
  w.add(`${n} > 0`);
  if (plan.monthly) {
    if (q.from) w.add('month >= ?', q.from.slice(0, 7));
    if (q.to) w.add('month <= ?', q.to.slice(0, 7));
    return {
      sql: `SELECT month || '-01' AS day, quad_class AS quad, sum(${n}) AS n, sum(${g}) AS g FROM series_country_month
         ${w.sql} GROUP BY month, quad_class`,
      params: w.params,
    };
  }
  if (q.from) w.add('day >= ?', q.from);
  if (q.to) w.add('day <= ?', q.to);
  return {
    sql: `SELECT day, quad_class AS quad, sum(${n}) AS n, sum(${g}) AS g FROM series_country_day ${w.sql}
       GROUP BY day, precision, quad_class`,
    params: w.params,
  };
}

/** Two actor codes (exact or prefixes), whole months: the query of their month counts. */
export function codeMonthSeries(
  a: string,
  b: string,
  plan: SeriesPlan,
  q: SeriesQuery,
): { sql: string; params: unknown[] } {
  const [n, g] = q.count === 'mentions' ? ['m', 'gm'] : ['n', 'g'];
  const w = new Where().add('precision >= ?', plan.minPrecision).add(`${n} > 0`);
  codeFilter(w, 'source_code', a);
  codeFilter(w, 'target_code', b);
  if (q.from) w.add('month >= ?', q.from.slice(0, 7));
  if (q.to) w.add('month <= ?', q.to.slice(0, 7));
  return {
    sql: `SELECT month || '-01' AS day, quad_class AS quad, sum(${n}) AS n, sum(${g}) AS g FROM series_code_month
       ${w.sql} GROUP BY month, quad_class`,
    params: w.params,
  };
}
