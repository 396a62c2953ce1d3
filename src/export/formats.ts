// Rows of the export formats: events and documents as flat columns (CSV, JSONL, Parquet), a
// GDELT 2.0-style event row (61 columns; docs/export.md maps each column), and PLOVER JSON
// records (../shared/ontology/PLOVER-NOTES.md: actor/recipient lists, event, mode, quad_code).
import { parseActorCode } from '../store/rows.js';
import type { EventRow, StoredDocument } from '../store/types.js';

export type ColumnType = 'string' | 'integer' | 'double' | 'boolean';
export type Cell = string | number | boolean | null;

export interface Column<R> {
  name: string;
  type: ColumnType;
  get(row: R): Cell;
}

const col = <R>(name: string, type: ColumnType, get: (r: R) => Cell): Column<R> => ({ name, type, get });

/** Event columns: the `events-tsv` fields of SPEC.md first, then the rest. */
export const EVENT_COLUMNS: ReadonlyArray<Column<EventRow>> = [
  col('doc_id', 'string', (e) => e.docId),
  col('date', 'string', (e) => e.date),
  col('source_code', 'string', (e) => e.sourceCode),
  col('target_code', 'string', (e) => e.targetCode),
  col('code', 'string', (e) => e.code),
  col('root', 'string', (e) => e.root),
  col('goldstein', 'double', (e) => e.goldstein),
  col('quad_class', 'integer', (e) => e.quadClass),
  col('place_name', 'string', (e) => e.placeName),
  col('country', 'string', (e) => e.country),
  col('lat', 'double', (e) => e.lat),
  col('lon', 'double', (e) => e.lon),
  col('sentence', 'integer', (e) => e.sentence),
  col('trigger', 'string', (e) => e.trigger?.text ?? null),
  col('event_id', 'string', (e) => e.id),
  col('label', 'string', (e) => e.label),
  col('source_name', 'string', (e) => e.sourceName),
  col('source_country', 'string', (e) => e.sourceCountry),
  col('target_name', 'string', (e) => e.targetName),
  col('target_country', 'string', (e) => e.targetCountry),
  col('geoname_id', 'integer', (e) => e.geonameId),
  col('negated', 'boolean', (e) => e.negated),
  col('hypothetical', 'boolean', (e) => e.hypothetical),
  col('plover_event', 'string', (e) => e.ploverEvent),
  col('plover_mode', 'string', (e) => e.ploverMode),
  col('confidence', 'double', (e) => e.confidence),
  col('trigger_start', 'integer', (e) => e.trigger?.start ?? null),
  col('trigger_end', 'integer', (e) => e.trigger?.end ?? null),
  col('doc_date', 'string', (e) => e.docDate),
  col('doc_title', 'string', (e) => e.docTitle),
  col('doc_source', 'string', (e) => e.docSource),
  col('doc_url', 'string', (e) => e.docUrl),
  col('unique_id', 'string', (e) => e.uniqueId),
  col('num_mentions', 'integer', (e) => e.numMentions),
  col('num_sources', 'integer', (e) => e.numSources),
  col('num_articles', 'integer', (e) => e.numArticles),
];

export const DOCUMENT_COLUMNS: ReadonlyArray<Column<StoredDocument>> = [
  col('id', 'string', (d) => d.summary.id),
  col('date', 'string', (d) => d.summary.date),
  col('title', 'string', (d) => d.summary.title),
  col('source', 'string', (d) => d.summary.source),
  col('url', 'string', (d) => d.summary.url),
  col('story', 'string', (d) => d.summary.story),
  col('duplicate_of', 'string', (d) => d.summary.duplicateOf),
  col('status', 'string', (d) => d.summary.status),
  col('error', 'string', (d) => (d.summary.error ? `${d.summary.error.code}: ${d.summary.error.message}` : null)),
  col('sentences', 'integer', (d) => d.summary.counts.sentences),
  col('actors', 'integer', (d) => d.summary.counts.actors),
  col('quotes', 'integer', (d) => d.summary.counts.quotes),
  col('events', 'integer', (d) => d.summary.counts.events),
  col('places', 'integer', (d) => d.summary.counts.places),
  col('hash', 'string', (d) => d.hash),
  col('ingested_at', 'string', (d) => d.summary.ingestedAt),
];

export interface StoryRow {
  story: string;
  documents: number;
  first_date: string | null;
  last_date: string | null;
  title: string | null;
  document_ids: string;
}

export const STORY_COLUMNS: ReadonlyArray<Column<StoryRow>> = [
  col('story', 'string', (s) => s.story),
  col('documents', 'integer', (s) => s.documents),
  col('first_date', 'string', (s) => s.first_date),
  col('last_date', 'string', (s) => s.last_date),
  col('title', 'string', (s) => s.title),
  col('document_ids', 'string', (s) => s.document_ids),
];

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow<R>(columns: ReadonlyArray<Column<R>>, row: R): string {
  return `${columns.map((c) => csvCell(c.get(row))).join(',')}\n`;
}

export function csvHeader<R>(columns: ReadonlyArray<Column<R>>): string {
  return `${columns.map((c) => c.name).join(',')}\n`;
}

export function objectRow<R>(columns: ReadonlyArray<Column<R>>, row: R): Record<string, Cell> {
  const o: Record<string, Cell> = {};
  for (const c of columns) o[c.name] = c.get(row);
  return o;
}

// ---------------------------------------------------------------- GDELT 2.0 event table

const ACTOR_FIELDS = [
  'Code',
  'Name',
  'CountryCode',
  'KnownGroupCode',
  'EthnicCode',
  'Religion1Code',
  'Religion2Code',
  'Type1Code',
  'Type2Code',
  'Type3Code',
];
const GEO_FIELDS = ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'];

/** The 61 columns of GDELT 2.0's event table, in order. */
export const GDELT_COLUMNS: readonly string[] = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...ACTOR_FIELDS.map((f) => `Actor1${f}`),
  ...ACTOR_FIELDS.map((f) => `Actor2${f}`),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  ...GEO_FIELDS.map((f) => `Actor1Geo_${f}`),
  ...GEO_FIELDS.map((f) => `Actor2Geo_${f}`),
  ...GEO_FIELDS.map((f) => `ActionGeo_${f}`),
  'DATEADDED',
  'SOURCEURL',
];

function actorCells(code: string | null, name: string | null, country: string | null): Cell[] {
  const p = parseActorCode(code);
  const known = p.group ? [p.group, ...p.other].join('').slice(0, 6) || null : (p.other[0] ?? null);
  return [
    code,
    name ? name.toUpperCase() : null,
    country ?? p.country,
    p.group ? (p.other[0] ?? p.group) : known,
    null,
    null,
    null,
    p.roles[0] ?? null,
    p.roles[1] ?? null,
    p.roles[2] ?? null,
  ];
}

/** GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
function geoType(e: EventRow): number | null {
  if (e.lat === null || e.lon === null) return null;
  const fc = e.featureCode ?? '';
  const us = e.country === 'USA';
  if (/^PCL/.test(fc)) return 1;
  if (fc === 'ADM1') return us ? 2 : 5;
  return us ? 3 : 4;
}

function fractionDate(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const start = Date.UTC(+m[1], 0, 1);
  const doy = (Date.UTC(+m[1], +m[2] - 1, +m[3]) - start) / 86_400_000 + 1;
  return Math.round((+m[1] + doy / 365) * 10000) / 10000;
}

export function gdeltRow(e: EventRow): string {
  const date = e.date ?? e.docDate ?? '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const ymd = day ? day.replace(/-/g, '') : null;
  const actionGeo: Cell[] =
    e.lat === null
      ? [null, null, null, null, null, null, null, null]
      : [geoType(e), e.placeName, e.country, null, null, e.lat, e.lon, e.geonameId];
  const added = e.ingestedAt.replace(/[-:T]/g, '').slice(0, 14);
  const cells: Cell[] = [
    e.key,
    ymd,
    // GDELT's MonthYear and Year are numbers: a partial value ("1970s" is 197X, "in March" of
    // an undated article XXXX-03) fills only what it states
    ymd ? ymd.slice(0, 6) : /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7).replace('-', '') : null,
    /^\d{4}/.test(date) ? date.slice(0, 4) : null,
    day ? fractionDate(day) : null,
    ...actorCells(e.sourceCode, e.sourceName, e.sourceCountry),
    ...actorCells(e.targetCode, e.targetName, e.targetCountry),
    e.sentence === 0 ? 1 : 0,
    e.code,
    e.code.slice(0, 3),
    e.root,
    e.quadClass,
    e.goldstein,
    e.numMentions,
    e.numSources,
    e.numArticles,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    ...actionGeo,
    added,
    e.docUrl ?? e.docId,
  ];
  return `${cells.map((c) => (c === null ? '' : String(c).replace(/[\t\r\n]+/g, ' '))).join('\t')}\n`;
}

// ---------------------------------------------------------------- PLOVER

/** PLOVER event type of a CAMEO code when the coder gave none (the manual's 2-digit table). */
export function ploverFromCameo(code: string): string | null {
  const root = code.slice(0, 2);
  const three = code.slice(0, 3);
  if (root === '08') return ['081', '082', '083'].includes(three) || code === '080' ? 'CONCEDE' : 'RETREAT';
  const map: Record<string, string> = {
    '03': 'AGREE',
    '04': 'CONSULT',
    '05': 'SUPPORT',
    '06': 'COOPERATE',
    '07': 'AID',
    '09': 'ACCUSE',
    '10': 'REQUEST',
    '11': 'ACCUSE',
    '12': 'REJECT',
    '13': 'THREATEN',
    '14': 'PROTEST',
    '15': 'MOBILIZE',
    '16': 'SANCTION',
    '17': 'COERCE',
    '18': 'ASSAULT',
    '19': 'ASSAULT',
    '20': 'ASSAULT',
  };
  return map[root] ?? null;
}

/** PLOVER's quad category of each event type (manual table "Quad categories in PLOVER"). */
const PLOVER_QUAD: Record<string, number> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 3,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  SANCTION: 3,
  PROTEST: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
};

/** CAMEO role codes renamed in PLOVER's sector list (CAMEO MED media -> JRN, HLH -> MED). */
const SECTOR: Record<string, string> = { MED: 'JRN', HLH: 'MED', INS: 'REB', SEP: 'REB' };

function ploverEntity(code: string | null, name: string | null, country: string | null) {
  if (!code && !name) return null;
  const p = parseActorCode(code);
  const sector = p.roles.map((r) => SECTOR[r] ?? r).join('') || null;
  return {
    code: country ?? p.country ?? p.group ?? code?.slice(0, 3) ?? null,
    sector,
    entity_text: name,
  };
}

export interface PloverOptions {
  coder: string;
  codedDate: string;
}

/** One PLOVER record, or null for CAMEO events PLOVER drops (01 statements, 02 appeals). */
export function ploverRecord(
  e: EventRow,
  sentence: string | null,
  opts: PloverOptions,
): Record<string, unknown> | null {
  const event = e.ploverEvent ?? ploverFromCameo(e.code);
  if (!event) return null;
  const actor = ploverEntity(e.sourceCode, e.sourceName, e.sourceCountry);
  const recipient = ploverEntity(e.targetCode, e.targetName, e.targetCountry);
  if (!actor) return null;
  return {
    id: `${e.docId}:${e.id}`,
    has_event: true,
    date: e.date && /^\d{4}-\d{2}-\d{2}$/.test(e.date) ? e.date : e.docDate,
    actor: [actor],
    recipient: recipient ? [recipient] : [],
    event: [event],
    mode: e.ploverMode ? [e.ploverMode] : [],
    context: [],
    quad_code: PLOVER_QUAD[event] ?? e.quadClass,
    event_text: e.trigger?.text ?? null,
    event_loc:
      e.lat === null
        ? null
        : {
            extracted_place: e.placeName,
            resolved_place: e.placeName,
            geonameid: e.geonameId,
            lat: e.lat,
            lon: e.lon,
            country_code: e.country,
            feature_code: e.featureCode,
          },
    text: sentence,
    text_info: e.trigger ? { sequence: e.sentence, start: e.trigger.start, end: e.trigger.end } : null,
    cite_info: { url: e.docUrl, title: e.docTitle, publication: e.docSource, language: 'en' },
    coder: opts.coder,
    coded_date: opts.codedDate,
    cameo: { code: e.code, goldstein: e.goldstein, quad_class: e.quadClass },
    confidence: e.confidence,
  };
}
