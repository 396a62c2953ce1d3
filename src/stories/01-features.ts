// Step 1: what a coded document says about its story, as three bags of terms: content words
// (of the whole text; those of the title and lead again under `^`, figures such as tolls and
// sums under `#`), the names it mentions by kind (`p:` people, a person also by surname alone,
// `g:` places, with `g:#<geonameId>` for resolved ones, `o:` organizations, groups and named
// events), and the dates it speaks of (years written anywhere, TIMEX3 dates with their month, and
// their day of the year under `--`, which a date without its year also gives).
// Counts only: weights (IDF) are applied when comparing, from document frequencies that grow
// with the stream. The prefixes split each bag into the sub-vectors compared one by one
// (src/stories/02-cluster.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedDocument } from '../doc/types.js';
import { defaultDataDir } from '../pipeline/pipeline.js';

export type Bag = Map<string, number>;

export interface StoryFeatures {
  words: Bag;
  names: Bag;
  dates: Bag;
  /** Publication day (days since 1970-01-01), null when undated. */
  day: number | null;
}

let stopwords: Set<string> | null = null;

export function storyStopwords(dataDir?: string): Set<string> {
  // cached before the data folder is resolved: that costs file-system checks on every call
  if (stopwords) return stopwords;
  const s = new Set<string>();
  for (const line of readFileSync(join(dataDir ?? defaultDataDir(), 'stories/stopwords.txt'), 'utf8').split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#')) s.add(w);
  }
  stopwords = s;
  return s;
}

function bump(bag: Bag, term: string, by = 1): void {
  bag.set(term, (bag.get(term) ?? 0) + by);
}

const WORD = /\p{L}[\p{L}'’-]*\p{L}|\p{L}/gu;

/** Lower-case content words of at least 3 letters, a plural or possessive `s` cut off. */
export function contentWords(text: string, stop: Set<string>, max = 5000): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 200_000).matchAll(WORD)) {
    let w = m[0].toLowerCase().replace(/['’]s$/, '');
    if (w.length < 3 || stop.has(w)) continue;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
      w = w.slice(0, -1);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

function nameKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const YEAR = /(?<![\p{L}\p{N}])((?:19|20)\d\d)(?![\p{L}\p{N}])/gu;
const FIGURE =
  /(?<![\p{L}\p{N}.,])\d{1,3}(?:,\d{3})+(?![\p{N}])|(?<![\p{L}\p{N}.,])\d+\.\d+(?![\p{N}])|(?<![\p{L}\p{N}.,])\d{2,}(?![\p{L}\p{N}.,])/gu;

const LEAD_SENTENCES = 3;

const NAME_PREFIX: Partial<Record<string, string>> = {
  PERSON: 'p:',
  GPE: 'g:',
  LOC: 'g:',
  FAC: 'g:',
  ORG: 'o:',
  NORP: 'o:',
  EVENT: 'o:',
  MISC: 'o:',
};

/**
 * What the story features read of a coded document besides its text, title and date: small
 * enough to send along with a prepared document, so that the features are computed only for a
 * document that is no copy (a copy joins the story of the document it copies).
 */
export interface StoryInputs {
  /** End of the lead (the first sentences) in the text. */
  leadEnd: number;
  /** Type and text of each named entity, one after the other. */
  entities: string[];
  /** GeoNames ids of the resolved places. */
  geonameIds: number[];
  /** Values of the DATE time expressions. */
  dates: string[];
}

export function storyInputs(doc: CodedDocument): StoryInputs {
  const entities: string[] = [];
  for (const e of doc.entities ?? []) if (NAME_PREFIX[e.type]) entities.push(e.type, e.text);
  const geonameIds: number[] = [];
  for (const p of doc.places ?? []) if (p.geonameId != null) geonameIds.push(p.geonameId);
  const dates: string[] = [];
  for (const t of doc.times ?? []) if (t.type === 'DATE' && t.value) dates.push(t.value);
  return {
    leadEnd: Math.min(doc.text.length, doc.sentences?.[LEAD_SENTENCES - 1]?.end ?? 400, 1000),
    entities,
    geonameIds,
    dates,
  };
}

export function storyFeatures(doc: CodedDocument, dayOf: (d: string | null) => number | null): StoryFeatures {
  return storyFeaturesOf(doc, storyInputs(doc), dayOf);
}

/** `storyFeatures` of a document's text, title and date and its `storyInputs`. */
export function storyFeaturesOf(
  doc: { text: string; title?: string | null; date: string | null },
  inputs: StoryInputs,
  dayOf: (d: string | null) => number | null,
): StoryFeatures {
  const stop = storyStopwords();
  const words: Bag = new Map();
  for (const w of contentWords(doc.text, stop)) bump(words, w);
  // the headline and the lead name the event: their words also form a vector of their own
  for (const w of contentWords(doc.text.slice(0, inputs.leadEnd), stop)) bump(words, `^${w}`);
  if (doc.title) for (const w of contentWords(doc.title, stop)) bump(words, `^${w}`, 2);
  const names: Bag = new Map();
  const entities = inputs.entities;
  for (let i = 0; i < entities.length; i += 2) {
    const prefix = NAME_PREFIX[entities[i]] as string;
    const k = nameKey(entities[i + 1]);
    if (k.length < 2) continue;
    bump(names, prefix + k);
    // a person is often named by the surname alone later on
    if (prefix === 'p:') {
      const parts = k.split(' ');
      if (parts.length > 1) bump(names, `p:${parts[parts.length - 1]}`);
    }
  }
  for (const id of inputs.geonameIds) bump(names, `g:#${id}`);
  const dates: Bag = new Map();
  // years written anywhere (also in datelines and URLs, where no time expression is found)
  for (const m of doc.text.slice(0, 200_000).matchAll(YEAR)) bump(dates, m[1]);
  // figures (tolls, magnitudes, sums) tell two events of one kind apart
  for (const m of doc.text.slice(0, 200_000).matchAll(FIGURE)) bump(words, `#${m[0].replace(/,/g, '')}`);
  for (const value of inputs.dates) {
    // a day of the year without its year ("on February 22") meets the same day with it
    const day = /^(?:\d{4}|XXXX)-(\d{2})-(\d{2})$/.exec(value);
    if (day) bump(dates, `--${day[1]}-${day[2]}`);
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
    if (!m) continue;
    bump(dates, m[1]);
    if (m[2]) bump(dates, `${m[1]}-${m[2]}`);
    if (m[3]) bump(dates, `${m[1]}-${m[2]}-${m[3]}`);
  }
  return { words, names, dates, day: dayOf(doc.date) };
}
