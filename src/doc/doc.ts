// The in-memory document model. The text never changes; each stage returns a new Doc with
// the layers it adds (a shallow copy, so earlier layers are shared, never mutated).
import { createHash } from 'node:crypto';
import type {
  Actor,
  CodedDocument,
  CodedEvent,
  DocumentInput,
  Entity,
  Paragraph,
  Place,
  Quote,
  Sentence,
  TimeExpression,
  Token,
} from './types.js';

/** A dateline at the head of wire copy: "ULAN BATOR, Sept 6 (Reuters) -". */
export interface Dateline {
  start: number;
  end: number;
  /** The place part ("ULAN BATOR"), as a span. */
  place: { start: number; end: number; text: string } | null;
  /** The date part ("Sept 6") when present. */
  date: { start: number; end: number; text: string } | null;
  /** The agency ("Reuters", "AFP") when present. */
  agency: string | null;
}

/** One line of `--explain` output, attached to the sentence it is about. */
export interface ExplainNote {
  sentence: number;
  stage: string;
  message: string;
}

export type LayerName =
  | 'paragraphs'
  | 'sentences'
  | 'tokens'
  | 'syntax'
  | 'entities'
  | 'actors'
  | 'times'
  | 'places'
  | 'quotes'
  | 'events';

export interface Doc {
  readonly id: string;
  readonly date: string | null;
  readonly title: string | null;
  readonly source: string | null;
  readonly url: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly text: string;
  readonly paragraphs: readonly Paragraph[];
  readonly dateline: Dateline | null;
  readonly sentences: readonly Sentence[];
  readonly tokens: readonly Token[];
  readonly entities: readonly Entity[];
  readonly actors: readonly Actor[];
  readonly times: readonly TimeExpression[];
  readonly places: readonly Place[];
  readonly quotes: readonly Quote[];
  readonly events: readonly CodedEvent[];
  /** Layers added so far, in order. */
  readonly layers: readonly LayerName[];
  readonly explain: readonly ExplainNote[];
}

/** The layers a stage may set. */
export type DocLayers = Partial<
  Pick<
    Doc,
    | 'paragraphs'
    | 'dateline'
    | 'sentences'
    | 'tokens'
    | 'entities'
    | 'actors'
    | 'times'
    | 'places'
    | 'quotes'
    | 'events'
    | 'date'
  >
>;

/** A stable id from the content when the caller gives none. */
export function contentId(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

export function createDoc(input: DocumentInput): Doc {
  return {
    id: input.id != null && String(input.id) !== '' ? String(input.id) : contentId(input.text),
    date: input.date ?? null,
    title: input.title ?? null,
    source: input.source ?? null,
    url: input.url ?? null,
    meta: input.meta ?? {},
    text: input.text,
    paragraphs: [],
    dateline: null,
    sentences: [],
    tokens: [],
    entities: [],
    actors: [],
    times: [],
    places: [],
    quotes: [],
    events: [],
    layers: [],
    explain: [],
  };
}

/** A new Doc with `layers` set; `added` names them for `doc.layers`. */
export function withLayers(doc: Doc, added: readonly LayerName[], layers: DocLayers): Doc {
  const names = doc.layers.slice();
  for (const n of added) if (!names.includes(n)) names.push(n);
  return { ...doc, ...layers, layers: names };
}

/** A new Doc with explanation notes appended. */
export function withExplain(doc: Doc, notes: readonly ExplainNote[]): Doc {
  if (notes.length === 0) return doc;
  return { ...doc, explain: doc.explain.concat(notes) };
}

export interface OutputOptions {
  /** Include the token layer (with tags and parse) in the output. */
  tokens?: boolean;
}

/** The public JSON shape (SPEC.md). Every SPEC array is present even when empty. */
export function toCodedDocument(doc: Doc, options: OutputOptions = {}): CodedDocument {
  const out: CodedDocument = {
    id: doc.id,
    date: doc.date,
    title: doc.title,
    source: doc.source,
    url: doc.url,
    meta: { ...doc.meta },
    text: doc.text,
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    entities: doc.entities.slice(),
    actors: doc.actors.slice(),
    times: doc.times.slice(),
    places: doc.places.slice(),
    quotes: doc.quotes.slice(),
    events: doc.events.slice(),
  };
  if (options.tokens) out.tokens = doc.tokens.slice();
  return out;
}

/** Index of the sentence containing `offset` (binary search), or -1. */
export function sentenceAt(doc: Pick<Doc, 'sentences'>, offset: number): number {
  const s = doc.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < s[mid].start) hi = mid - 1;
    else if (offset >= s[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the token containing `offset` (binary search), or -1. */
export function tokenAt(doc: Pick<Doc, 'tokens'>, offset: number): number {
  const t = doc.tokens;
  let lo = 0;
  let hi = t.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < t[mid].start) hi = mid - 1;
    else if (offset >= t[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Token index range [first, last) of sentence `i` (tokens are in text order). */
export function sentenceTokens(doc: Pick<Doc, 'tokens' | 'sentences'>, i: number): [number, number] {
  const s = doc.sentences[i];
  let first = firstTokenAtOrAfter(doc.tokens, s.start);
  if (first < 0) first = doc.tokens.length;
  let last = first;
  while (last < doc.tokens.length && doc.tokens[last].start < s.end) last++;
  return [first, last];
}

/** Index of the first token starting at or after `offset` (binary search), or -1. */
export function firstTokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length ? lo : -1;
}
