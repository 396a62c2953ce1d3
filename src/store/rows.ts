// Dialect-neutral preparation of what a store writes: the input hash that makes ingest
// idempotent, the actor-code reading (country, roles), and the flat rows of the queried
// layers (events, actors, quotes, places) drawn from a coded document.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedDocument, CodedEvent, DocumentInput } from '../doc/types.js';
import { defaultDataDir } from '../pipeline/pipeline.js';

/** Hash of everything that makes a document what it is (id, text, metadata). */
export function inputHash(input: DocumentInput & { id: string }): string {
  const h = createHash('sha256');
  const meta = input.meta && Object.keys(input.meta).length ? stableJson(input.meta) : '';
  for (const part of [input.id, input.date ?? '', input.title ?? '', input.source ?? '', input.url ?? '', meta])
    h.update(part).update('\u0000');
  h.update(input.text);
  return h.digest('hex').slice(0, 32);
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

export type ActorGroupKind = 'role' | 'international' | 'region';

let groups: Map<string, ActorGroupKind> | null = null;

/** The 3-letter CAMEO groups that are not countries (data/store/cameo-actor-groups.tsv). */
export function actorGroups(dataDir?: string): Map<string, ActorGroupKind> {
  if (groups) return groups;
  const m = new Map<string, ActorGroupKind>();
  const text = readFileSync(join(dataDir ?? defaultDataDir(), 'store/cameo-actor-groups.tsv'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('code\t')) continue;
    const [code, kind] = line.split('\t');
    if (code && kind) m.set(code.trim(), kind.trim() as ActorGroupKind);
  }
  groups = m;
  return m;
}

export interface ParsedActorCode {
  country: string | null;
  /** International prefix (IGO, NGO, ...) or region. */
  group: string | null;
  /** Role groups in order (GOV, MIL, ...). */
  roles: string[];
  /** Remaining groups (organisation codes such as UNO, NAT). */
  other: string[];
}

/** Read a CAMEO actor code: country + roles, or an international/regional code. */
export function parseActorCode(code: string | null | undefined): ParsedActorCode {
  const out: ParsedActorCode = { country: null, group: null, roles: [], other: [] };
  if (!code) return out;
  const g = actorGroups();
  const parts = code.toUpperCase().match(/[A-Z0-9]{3}/g) ?? [];
  parts.forEach((p, i) => {
    const kind = g.get(p);
    if (i === 0 && !kind && /^[A-Z]{3}$/.test(p)) out.country = p;
    else if (i === 0 && (kind === 'international' || kind === 'region')) out.group = p;
    else if (kind === 'role') out.roles.push(p);
    else out.other.push(p);
  });
  return out;
}

/** The country of an event side: its actor's country, else the code's country prefix. */
export function sideCountry(doc: CodedDocument, side: CodedEvent['source']): string | null {
  if (!side) return null;
  if (side.actor) {
    const a = doc.actors.find((x) => x.id === side.actor);
    if (a?.country) return a.country;
  }
  return parseActorCode(side.code).country;
}

/** Flat row of one event, as every store writes it. */
export interface EventRecord {
  id: string;
  sentence: number;
  date: string | null;
  /** `date` widened to a day (first day of a month or year) for range filters and series. */
  day: string | null;
  /** 3 day, 2 month, 1 year, 0 none: series only count events as precise as their interval. */
  precision: number;
  code: string;
  root: string;
  label: string;
  goldstein: number;
  quadClass: number;
  sourceActor: string | null;
  sourceCode: string | null;
  sourceName: string | null;
  sourceCountry: string | null;
  targetActor: string | null;
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
  triggerStart: number | null;
  triggerEnd: number | null;
  triggerText: string | null;
  mentions: number;
  /** The unique event it reports (see `uniqueEventIds`). */
  uniqueId: string;
}

/**
 * Unique-event ids of a document's events: each event named by what it codes (code, the two
 * actor codes, day, flags and its rank among equal events) inside its near-duplicate group
 * (the id of the group's first document, or its own id). The same event coded from two copies
 * of an article gets one id.
 */
export function uniqueEventIds(records: readonly Omit<EventRecord, 'uniqueId'>[], group: string): string[] {
  const seen = new Map<string, number>();
  return records.map((e) => {
    const sig = `${e.code}|${e.sourceCode ?? ''}|${e.targetCode ?? ''}|${e.day ?? ''}|${e.negated ? 'n' : ''}${e.hypothetical ? 'h' : ''}`;
    const k = seen.get(sig) ?? 0;
    seen.set(sig, k + 1);
    return `${group}#${sig}|${k}`;
  });
}

/** A TIMEX3-like date value to the first day it covers and its precision. */
export function widenDate(value: string | null | undefined): { day: string | null; precision: number } {
  if (!value) return { day: null, precision: 0 };
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return { day: `${m[1]}-${m[2]}-${m[3]}`, precision: 3 };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m && +m[2] >= 1 && +m[2] <= 12) return { day: `${m[1]}-${m[2]}-01`, precision: 2 };
  m = /^(\d{4})$/.exec(value);
  if (m) return { day: `${m[1]}-01-01`, precision: 1 };
  return { day: null, precision: 0 };
}

/** Flat event rows of a document; `group` is the id of its near-duplicate group (default: its own). */
export function eventRecords(doc: CodedDocument, group: string = doc.id): EventRecord[] {
  const rows = doc.events.map((e) => {
    const when = widenDate(e.date ?? doc.date);
    const place = e.place ? doc.places.find((p) => p.name === e.place!.name) : undefined;
    return {
      id: e.id,
      sentence: e.sentence,
      date: e.date ?? doc.date,
      day: when.day,
      precision: when.precision,
      code: e.code,
      root: e.root,
      label: e.label,
      goldstein: e.goldstein,
      quadClass: e.quadClass,
      sourceActor: e.source?.actor ?? null,
      sourceCode: e.source?.code ?? null,
      sourceName: e.source?.name ?? null,
      sourceCountry: sideCountry(doc, e.source),
      targetActor: e.target?.actor ?? null,
      targetCode: e.target?.code ?? null,
      targetName: e.target?.name ?? null,
      targetCountry: sideCountry(doc, e.target),
      placeName: e.place?.name ?? null,
      country: e.place?.country ?? null,
      lat: e.place?.lat ?? null,
      lon: e.place?.lon ?? null,
      geonameId: place?.geonameId ?? null,
      featureCode: place?.featureCode ?? null,
      negated: e.negated,
      hypothetical: e.hypothetical,
      ploverEvent: e.plover?.event ?? null,
      ploverMode: e.plover?.mode ?? null,
      confidence: e.confidence,
      triggerStart: e.trigger?.start ?? null,
      triggerEnd: e.trigger?.end ?? null,
      triggerText: e.trigger?.text ?? null,
      mentions: 1 + (e.mentions?.length ?? 0),
    };
  });
  const ids = uniqueEventIds(rows, group);
  return rows.map((r, i) => ({ ...r, uniqueId: ids[i] }));
}

/** A short plain snippet of a document's text. */
export function snippetOf(text: string, max = 240): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** What the pre-aggregated series count of an event (an `EventRecord` has these fields). */
export interface SeriesEntry {
  sourceCountry: string | null;
  targetCountry: string | null;
  sourceCode: string | null;
  targetCode: string | null;
  day: string | null;
  precision: number;
  quadClass: number;
  goldstein: number;
}

/** The same read back from a stored event row. */
export interface SeriesDbRow {
  source_country: string | null;
  target_country: string | null;
  source_code: string | null;
  target_code: string | null;
  day: string | null;
  precision: number;
  quad_class: number;
  goldstein: number;
}

export function seriesEntryOf(r: SeriesDbRow): SeriesEntry {
  return {
    sourceCountry: r.source_country,
    targetCountry: r.target_country,
    sourceCode: r.source_code,
    targetCode: r.target_code,
    day: r.day,
    precision: r.precision,
    quadClass: r.quad_class,
    goldstein: r.goldstein,
  };
}

/** The pre-aggregated series tables: country pairs by day and by month, code pairs by month. */
export type SeriesTable = 'countryDay' | 'countryMonth' | 'codeMonth';

/**
 * The series cells an event counts in, in table order: the table and the cell's key (source,
 * target, day or month ('' when undated), precision, quad class). Undated events have no day cell.
 */
export function seriesCells(e: SeriesEntry): Array<[SeriesTable, [string, string, string, number, number]]> {
  const month = e.day ? e.day.slice(0, 7) : '';
  const cells: Array<[SeriesTable, [string, string, string, number, number]]> = [];
  if (e.sourceCountry && e.targetCountry) {
    if (e.day) cells.push(['countryDay', [e.sourceCountry, e.targetCountry, e.day, e.precision, e.quadClass]]);
    cells.push(['countryMonth', [e.sourceCountry, e.targetCountry, month, e.precision, e.quadClass]]);
  }
  if (e.sourceCode && e.targetCode)
    cells.push(['codeMonth', [e.sourceCode, e.targetCode, month, e.precision, e.quadClass]]);
  return cells;
}
