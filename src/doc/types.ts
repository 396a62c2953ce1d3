// The coded document: an immutable text plus typed annotation layers addressed by UTF-16
// offsets, half-open [start, end). The JSON shape of `CodedDocument` is the public contract
// in SPEC.md; fields may be added, never renamed or dropped.

/** A half-open character range into `text` (JavaScript string indices). */
export interface Span {
  start: number;
  end: number;
}

/** A span that also repeats the text it covers (so a reader can check it). */
export interface TextSpan extends Span {
  text: string;
}

export type Sentence = Span;

/** A paragraph (a block separated by a line break in the source). */
export type Paragraph = Span;

/**
 * A token, UD English conventions ("do" + "n't", "Japan" + "'s"). `norm` is the form the
 * models see (straight quotes, folded dashes) when it differs from the surface text.
 * Syntax fields are filled by the syntax stage; `head` is a document-level token index,
 * -1 for the root of a sentence.
 */
export interface Token extends Span {
  text: string;
  sentence: number;
  norm?: string;
  /** Universal POS tag (UPOS). */
  pos?: string;
  /** Penn Treebank tag (XPOS). */
  tag?: string;
  lemma?: string;
  head?: number;
  dep?: string;
  /** Whitespace follows the token in the text (UD SpaceAfter). */
  spaceAfter?: boolean;
}

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'FAC' | 'EVENT' | (string & {});

export interface Entity extends TextSpan {
  type: EntityType;
  confidence?: number;
}

export type ActorKind = 'person' | 'organization' | 'country' | 'group';

export interface ActorMention extends Span {
  text?: string;
  /** How the mention was found: name, alias, pronoun, description, demonym, ... */
  via?: string;
  /** The whole noun phrase when it is longer than the mention ("North Korean envoy Kim Chul Ho"). */
  extent?: Span;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  /** CAMEO actor code, e.g. PRKGOV; null when it could not be coded. */
  code: string | null;
  /** ISO 3166-1 alpha-3 country, or null (international or unknown). */
  country: string | null;
  roles: string[];
  title?: string | null;
  confidence?: number;
  /** Knowledge-base entry the actor was matched to, when any. */
  kb?: string | null;
  mentions: ActorMention[];
  /** Compound actors ("Japan and North Korea", "the two nations"): ids of the member actors. */
  members?: string[];
  /** The actor this one belongs to ("Abe's government" -> Abe's id). */
  belongsTo?: string;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeExpression extends TextSpan {
  type: TimexType;
  /** TIMEX3 value (2007-09-06, 2006, 197X, P2D, PAST_REF, ...), null when unresolved. */
  value: string | null;
  /**
   * The TimeML value when the contract's value shape cannot hold it: a weekend (value
   * 2007-W36, timeml 2007-W36-WE). Absent when it equals `value`.
   */
  timeml?: string;
  /** TIMEX3 mod (BEFORE, AFTER, START, MID, END, APPROX, ...). */
  mod?: string | null;
  /** UTC offset of a named time zone ("5 p.m. EST": value T17:00, zone -05). */
  zone?: string | null;
  /**
   * For ranges ("1910-1945"), the two ends; a range written with words ("from 1991 to
   * 1997") is reported as its two ends (DATEs, as TimeML annotates it), each with the range.
   */
  range?: { begin: string; end: string } | null;
  /** The publication date or earlier expression this one was resolved against. */
  anchor?: string | null;
}

export interface Place extends TextSpan {
  /** Canonical name in the gazetteer (e.g. Ulaanbaatar for "Ulan Bator"). */
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
  featureCode: string | null;
  admin1?: string | null;
  population?: number | null;
  confidence?: number;
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed';

export interface QuoteSpeaker {
  actor: string | null;
  name: string | null;
  start: number | null;
  end: number | null;
}

export interface Quote extends TextSpan {
  kind: QuoteKind;
  speaker: QuoteSpeaker | null;
  cue: TextSpan | null;
  via: string | null;
  /** Where the statement was made ("said in Sydney"), when the text says. */
  place?: { name: string; country: string | null; lat: number | null; lon: number | null } | null;
  /** Extra content pieces when the content is interrupted ("X," he said, "Y"). */
  parts?: Span[];
  confidence?: number;
  /**
   * What the cue reports: speech (said, told, warned: a statement), cognition (thinks,
   * believes), intent (plans), nominal ("according to"), other (attitudes and evidence learned
   * from annotated news: praised, criticized, shows).
   */
  cueClass?: 'speech' | 'cognition' | 'intent' | 'nominal' | 'other' | null;
}

export interface EventActor {
  actor: string | null;
  code: string | null;
  name: string | null;
  /** The mention the coder read the actor from. */
  start?: number;
  end?: number;
}

export interface EventPlace {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface PloverCoding {
  event: string | null;
  mode: string | null;
  context?: string | null;
}

export interface CodedEvent {
  id: string;
  sentence: number;
  code: string;
  root: string;
  label: string;
  goldstein: number;
  quadClass: 1 | 2 | 3 | 4;
  source: EventActor | null;
  target: EventActor | null;
  trigger: TextSpan | null;
  date: string | null;
  place: EventPlace | null;
  negated: boolean;
  hypothetical: boolean;
  plover: PloverCoding | null;
  confidence: number;
  /** Id of the dictionary entry that fired. */
  rule?: string;
  /** Further trigger mentions of the same event restated in the document. */
  mentions?: Span[];
}

/** What a caller gives the pipeline. */
export interface DocumentInput {
  id?: string | null;
  text: string;
  date?: string | null;
  title?: string | null;
  source?: string | null;
  url?: string | null;
  meta?: Record<string, unknown>;
}

/** The coded document as printed by `eventwire code` (SPEC.md). */
export interface CodedDocument {
  id: string;
  date: string | null;
  title: string | null;
  source: string | null;
  url: string | null;
  meta: Record<string, unknown>;
  text: string;
  sentences: Sentence[];
  tokens?: Token[];
  entities: Entity[];
  actors: Actor[];
  times: TimeExpression[];
  places: Place[];
  quotes: Quote[];
  events: CodedEvent[];
}

/** A document that failed: printed in place of the coded document in JSONL output. */
export interface FailedDocument {
  id: string | null;
  error: { code: string; message: string };
}
