// A coded document turned into what a row store writes, ahead of time: the layers as JSON text,
// the event, actor, quote and place rows as arrays of column values, and what the story
// assigner reads (MinHash signature, story inputs). A coding worker prepares it, so the
// thread that owns the database only binds statements (no JSON.stringify, no row building, and
// a message of a few strings and flat arrays instead of the whole document's object graph).
// Every value is the one `put` would compute from the `CodedDocument` (test/store/prepared.test.ts).
import { documentSignature } from '../dedup/02-minhash.js';
import type { CodedDocument } from '../doc/types.js';
import { type StoryInputs, storyInputs } from '../stories/01-features.js';
import { eventRecords, type SeriesEntry, snippetOf } from './rows.js';
import type { DocumentLinks } from './types.js';

/** Column values of one event row, in `insertEvent` order without `doc`, `unique_id` and `is_primary`. */
export type PreparedEventRow = Array<string | number | null>;

/** Indexes into a `PreparedEventRow` (what the series and story counts read). */
export const EV = {
  day: 3,
  precision: 4,
  goldstein: 8,
  quadClass: 9,
  sourceCode: 11,
  sourceCountry: 13,
  targetCode: 15,
  targetCountry: 17,
  negated: 24,
  hypothetical: 25,
  mentions: 33,
} as const;

export interface PreparedDocument {
  id: string;
  date: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  /** `JSON.stringify(meta ?? {})`. */
  meta: string;
  text: string;
  /** The coded layers (everything but id, date, title, source, url, meta, text) as JSON. */
  layers: string;
  /** Sentences, actors, quotes, events, places. */
  counts: [number, number, number, number, number];
  events: PreparedEventRow[];
  /** Unique-event id of each event without its group prefix (`#signature|rank`). */
  uniqueSuffixes: string[];
  /** `[actor_id, name, kind, code, country, mentions]` per actor. */
  actors: Array<Array<string | number | null>>;
  /** `[n, kind, start, end, speaker_actor, speaker_name]` per quote. */
  quotes: Array<Array<string | number | null>>;
  /** `[n, name, country, lat, lon, geoname_id]` per place. */
  places: Array<Array<string | number | null>>;
  /** The title a story takes from this document when it starts one. */
  storyTitle: string | null;
  /**
   * What the story assigner reads (absent when prepared without stories): the MinHash signature,
   * and what the story features are made of, computed by the assigner only for a document that
   * is no copy (`storyFeaturesOf`).
   */
  story?: {
    sig: { sig: Uint32Array; size: number } | null;
    inputs: StoryInputs | null;
  };
}

/** A prepared document on its way to the store (`Store.putPrepared`). */
export interface PreparedRecord {
  status: 'prepared';
  hash: string;
  pipeline: string;
  origin: string | null;
  doc: PreparedDocument;
  links?: DocumentLinks;
}

export function prepareDocument(d: CodedDocument, options: { stories?: boolean } = {}): PreparedDocument {
  const records = eventRecords(d, '');
  const events: PreparedEventRow[] = new Array(records.length);
  const uniqueSuffixes: string[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const e = records[i];
    uniqueSuffixes[i] = e.uniqueId;
    events[i] = [
      e.id,
      e.sentence,
      e.date,
      e.day,
      e.precision,
      e.code,
      e.root,
      e.label,
      e.goldstein,
      e.quadClass,
      e.sourceActor,
      e.sourceCode,
      e.sourceName,
      e.sourceCountry,
      e.targetActor,
      e.targetCode,
      e.targetName,
      e.targetCountry,
      e.placeName,
      e.country,
      e.lat,
      e.lon,
      e.geonameId,
      e.featureCode,
      e.negated ? 1 : 0,
      e.hypothetical ? 1 : 0,
      e.negated || e.hypothetical ? 0 : 1,
      e.ploverEvent,
      e.ploverMode,
      e.confidence,
      e.triggerStart,
      e.triggerEnd,
      e.triggerText,
      e.mentions,
    ];
  }
  const { id, date, title, source, url, meta, text, ...layers } = d;
  const heading = title ?? Array.from(text.slice(0, 240)).slice(0, 120).join(''); // substr(text, 1, 120)
  let story: PreparedDocument['story'];
  if (options.stories) {
    const sig = documentSignature(d);
    story = { sig, inputs: sig ? storyInputs(d) : null };
  }
  return {
    id,
    date,
    title,
    source,
    url,
    meta: JSON.stringify(meta ?? {}),
    text,
    layers: JSON.stringify(layers),
    counts: [d.sentences.length, d.actors.length, d.quotes.length, d.events.length, d.places.length],
    events,
    uniqueSuffixes,
    actors: d.actors.map((a) => [a.id, a.name, a.kind, a.code, a.country, a.mentions.length]),
    quotes: d.quotes.map((q, n) => [n, q.kind, q.start, q.end, q.speaker?.actor ?? null, q.speaker?.name ?? null]),
    places: d.places.map((p, n) => [n, p.name, p.country, p.lat, p.lon, p.geonameId]),
    storyTitle: heading ? snippetOf(heading, 160) : null,
    ...(story ? { story } : {}),
  };
}

/** What the series tables count of a prepared event row. */
export function seriesEntryOfRow(e: PreparedEventRow): SeriesEntry {
  return {
    sourceCountry: e[EV.sourceCountry] as string | null,
    targetCountry: e[EV.targetCountry] as string | null,
    sourceCode: e[EV.sourceCode] as string | null,
    targetCode: e[EV.targetCode] as string | null,
    day: e[EV.day] as string | null,
    precision: e[EV.precision] as number,
    quadClass: e[EV.quadClass] as number,
    goldstein: e[EV.goldstein] as number,
  };
}
