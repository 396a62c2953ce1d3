// Step 2: actor mentions in one document. Each sentence is read once, left to right: knowledge-
// base names (longest match over token keys), agent words, pronouns and closed-class words
// become units; units group into noun-phrase chunks ("North Korean envoy Kim Chul Ho",
// "Abe 's government", "the two nations"); each chunk yields its mentions with what the phrase
// itself says (country, role, title, number, definiteness). Uses the `entities` and `syntax`
// layers when present (entity types, parts of speech, grammatical function), works without.
import type { Doc } from '../doc/doc.js';
import { type ActorKb, type AgentKind, Form, type LexiconWord, type PhraseIndex } from './01-kb.js';
import { isJoiner, tokenKey } from './normalize.js';

export type Gram = 'subj' | 'obj' | 'obl' | 'other';
export type MentionType = 'name' | 'description' | 'pronoun' | 'group' | 'people';
export type MentionKind = 'person' | 'organization' | 'country' | 'group' | 'unknown';

export interface PronounFeatures {
  gender: 'm' | 'f' | 'n' | 'x';
  plural: boolean;
  /** person: he/she; thing: it; any: they */
  animacy: 'person' | 'thing' | 'any';
  possessive: boolean;
}

export interface Mention {
  index: number;
  sentence: number;
  /** Head span (the name, or the description), token indexes [t0, t1). */
  t0: number;
  t1: number;
  /** The whole noun phrase, token indexes [x0, x1). */
  x0: number;
  x1: number;
  type: MentionType;
  /** How it was found (name, alias, capital, demonym, description, pronoun, coordination ...). */
  via: string;
  kind: MentionKind;
  /** Knowledge-base entry (index) or -1; `kbForm` how the text names it. */
  kb: number;
  kbForm: Form;
  /** Other entries the same words name (ambiguous names). */
  kbAlternatives: number[];
  /** Country entry named by the phrase ("North Korean envoy", "envoy of Japan"), or -1. */
  country: number;
  /** How the phrase names the country, for --explain. */
  countryVia: string;
  /** Organisation entry the phrase attaches to ("White House spokesman"), or -1. */
  owner: number;
  /** Role codes from agent words ("GOV", "GOVMED"); prefix roles (IGO~) apart. */
  role: string;
  rolePrefix: string;
  /** The agent words as written ("Foreign Minister", "public broadcaster"). */
  title: string | null;
  /** Key of the head agent word, for matching descriptions ("envoy"). */
  head: string;
  headKind: AgentKind | null;
  former: boolean;
  plural: boolean;
  definite: boolean;
  /** Number of members the phrase states ("the two nations" -> 2), 0 when unknown. */
  count: number;
  /** "both", "neither", "either". */
  both: boolean;
  /** Mention index of the possessor ("Abe's government", "its spies"), or -1. */
  possessor: number;
  /** Member mentions of a coordination ("Japan and North Korea"). */
  members: number[];
  pronoun: PronounFeatures | null;
  /** Gender the words give ("mother", "he"), or null. */
  gender: 'm' | 'f' | null;
  gram: Gram;
  inQuote: boolean;
  /** Keys of the name's tokens (names only). */
  nameKeys: string[];
  /** Entity type from the `entities` layer when present. */
  nerType: string | null;
  /** Directly followed by a speech verb ("Kim said"). */
  speaker: boolean;
  /** Followed by a possessive ("Airbus's", "Apple's"). */
  possessive: boolean;
}

type UnitKind =
  | 'name'
  | 'agent'
  | 'cap'
  | 'det'
  | 'num'
  | 'former'
  | 'poss'
  | 'ppron'
  | 'pron'
  | 'low'
  | 'hon'
  | 'join'
  | 'break';

interface Unit {
  kind: UnitKind;
  t0: number;
  t1: number;
  /** name: KB values (entry * 4 + form); agent: agent value (index * 2 + plural), else -1. */
  values: readonly number[] | undefined;
  agent: number;
}

/** Per-token features computed once per document. */
export interface TokenView {
  keys: string[];
  cap: Uint8Array;
  allCaps: Uint8Array;
  /** First word of its sentence (after opening quotes/brackets). */
  initial: Uint8Array;
  inQuote: Uint8Array;
  /** Excluded from actor matching (the dateline). */
  excluded: Uint8Array;
  /** Entity type from the `entities` layer per token, or null. */
  ner: (string | null)[];
  /** Closed-class entry of each token (lexicon.tsv), or undefined. */
  lex: (LexiconWord | undefined)[];
  /** Part of speech of each token, filled on first use (posAt). */
  pos: (string | undefined)[];
  wordPos: ReadonlyMap<string, string>;
  hasSyntax: boolean;
  /** Longest knowledge-base name / agent phrase starting at each token, in words (0: none). */
  nameMax: Uint8Array;
  agentMax: Uint8Array;
  /** The word view of each token. */
  words: WordView[];
  /** Countries and capitals read as places ("in Baku"), filled by findMentions: context only. */
  placeCountries: Array<{ sentence: number; t: number; country: number }>;
}

const UPPER = /^\p{Lu}/u;
const LETTER = /\p{L}/u;
const HAS_LOWER = /\p{Ll}/u;

export function viewTokens(doc: Doc, kb: ActorKb): TokenView {
  const toks = doc.tokens;
  const n = toks.length;
  const keys = new Array<string>(n);
  const lexOf = new Array<LexiconWord | undefined>(n);
  const pos = new Array<string | undefined>(n);
  const hasSyntax = doc.layers.includes('syntax') || (n > 0 && toks[0].pos !== undefined);
  const cap = new Uint8Array(n);
  const allCaps = new Uint8Array(n);
  const initial = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  const excluded = new Uint8Array(n);
  // per-token entity types only when the entities layer has any (an empty array reads as none)
  const withEntities = doc.layers.includes('entities') && doc.entities.length > 0;
  const ner: (string | null)[] = withEntities ? new Array<string | null>(n).fill(null) : [];
  let lastSentence = -1;
  let expectInitial = false;
  let open = false;
  let para = 0;
  const paras = doc.paragraphs;
  const words = wordCache(kb);
  const nameMax = new Uint8Array(n);
  const agentMax = new Uint8Array(n);
  const wordsOf = new Array<WordView>(n);
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    const text = t.norm ?? t.text;
    const w = words.word(text);
    wordsOf[i] = w;
    keys[i] = w.key;
    // closed-class words are a small table; parts of speech are looked up when needed (posAt)
    lexOf[i] = w.lex;
    nameMax[i] = w.nameMax;
    agentMax[i] = w.agentMax;
    if (hasSyntax && t.pos) pos[i] = t.pos;
    cap[i] = w.cap;
    allCaps[i] = w.allCaps;
    // a new paragraph closes an unbalanced quotation
    while (para < paras.length && paras[para].end <= t.start) {
      para++;
      open = false;
    }
    if (t.sentence !== lastSentence) {
      lastSentence = t.sentence;
      expectInitial = true;
    }
    const isQuote = text === '"' || text === '“' || text === '”' || text === "''" || text === '``';
    if (isQuote) {
      open = text === '“' || text === '``' ? true : text === '”' || text === "''" ? false : !open;
      continue;
    }
    if (open) inQuote[i] = 1;
    if (expectInitial && w.wordStart) {
      initial[i] = 1;
      expectInitial = false;
    }
  }
  if (doc.dateline) {
    for (let i = 0; i < n && toks[i].start < doc.dateline.end; i++)
      if (toks[i].end > doc.dateline.start) excluded[i] = 1;
  }
  if (withEntities) {
    let e = 0;
    const ents = doc.entities;
    for (let i = 0; i < n; i++) {
      while (e < ents.length && ents[e].end <= toks[i].start) e++;
      if (e < ents.length && ents[e].start < toks[i].end) ner[i] = ents[e].type;
    }
  }
  return {
    keys,
    cap,
    allCaps,
    initial,
    inQuote,
    excluded,
    ner,
    lex: lexOf,
    pos,
    hasSyntax,
    wordPos: kb.wordPos,
    nameMax,
    agentMax,
    words: wordsOf,
    placeCountries: [],
  };
}

/** A two-word phrase look-up: the phrase, its values and whether longer phrases start with it. */
interface PairLookup {
  phrase: string;
  values: readonly number[] | undefined;
  prefix: boolean;
}

/** What the actor matcher derives from a token's text alone, computed once per distinct text. */
class WordView {
  /** Two-word look-ups starting with this word, by index (0 names, 1 agents) and next key (bounded). */
  private pairs: [Map<string, PairLookup> | null, Map<string, PairLookup> | null] = [null, null];

  constructor(
    readonly key: string,
    readonly lex: LexiconWord | undefined,
    readonly cap: number,
    readonly allCaps: number,
    readonly wordStart: boolean,
    /** Longest knowledge-base name / agent phrase starting with this key, in words (0: none). */
    readonly nameMax: number,
    readonly agentMax: number,
    /** The knowledge-base names / agent phrases of this key alone. */
    readonly names1: readonly number[] | undefined,
    readonly agents1: readonly number[] | undefined,
  ) {}

  pair(which: 0 | 1, next: string, index: PhraseIndex): PairLookup {
    let m = this.pairs[which];
    if (m === null) {
      m = new Map();
      this.pairs[which] = m;
    }
    let p = m.get(next);
    if (p === undefined) {
      if (m.size >= 64) m.clear();
      const phrase = `${this.key} ${next}`;
      p = { phrase, values: index.full.get(phrase), prefix: index.prefixes.has(phrase) };
      m.set(next, p);
    }
    return p;
  }
}

/** Word views of one knowledge base, kept across documents (bounded). */
class WordViews {
  private readonly map = new Map<string, WordView>();

  constructor(
    private readonly kb: ActorKb,
    private readonly max = 200_000,
  ) {}

  word(text: string): WordView {
    let w = this.map.get(text);
    if (w !== undefined) return w;
    if (this.map.size >= this.max) this.map.clear();
    const key = tokenKey(text);
    const c0 = text.charCodeAt(0);
    const isUpper = c0 >= 65 && c0 <= 90 ? true : c0 < 128 ? false : UPPER.test(text);
    const kb = this.kb;
    const nameMax = Math.min(255, kb.names.first.get(key) ?? 0);
    const agentMax = Math.min(255, kb.agents.first.get(key) ?? 0);
    w = new WordView(
      key,
      kb.lexicon.get(key),
      isUpper ? 1 : 0,
      isUpper && text.length > 1 && isAllCaps(text) ? 1 : 0,
      isWordStart(text),
      nameMax,
      agentMax,
      nameMax > 0 ? kb.names.full.get(key) : undefined,
      agentMax > 0 ? kb.agents.full.get(key) : undefined,
    );
    this.map.set(text, w);
    return w;
  }
}

const wordViews = new WeakMap<ActorKb, WordViews>();
function wordCache(kb: ActorKb): WordViews {
  let w = wordViews.get(kb);
  if (w === undefined) {
    w = new WordViews(kb);
    wordViews.set(kb, w);
  }
  return w;
}

/** A lower-case word ("talks", "arch-rivals", "n't"): letters, apostrophes, hyphens. */
function isLowerWord(key: string): boolean {
  const c0 = key.charCodeAt(0);
  if (c0 < 97 || c0 > 122) return false;
  for (let k = 1; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || c === 39 || c === 45)) return false;
  }
  return true;
}

/** No lower-case letter and at least one letter (ASCII fast path). */
function isAllCaps(text: string): boolean {
  let letter = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letter = true;
    else if (c >= 128) return !HAS_LOWER.test(text) && LETTER.test(text);
  }
  return letter;
}

function isWordStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c >= 128 && (LETTER.test(text) || /\d/.test(text));
}

const ARTICLES = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'all', 'some', 'many', 'several', 'any']);
const NAME_INNER = new Set(['of', 'the', 'and', 'for', "'s", "'", '(', ')', ',', '&', 'de', 'du', 'des', 'la', 'le']);
const NOUN_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'X']);
/** Nouns after which a demonym names a language or a style, not a country ("Japanese language"). */
const LANGUAGE_NOUNS = new Set([
  'language',
  'languages',
  'dialect',
  'dialects',
  'word',
  'words',
  'translation',
  'translations',
  'script',
  'alphabet',
  'accent',
  'cuisine',
  'food',
  'dishes',
  'style',
  'speakers',
  'speaking',
]);
/** Words that make a demonym an ethnicity ("ethnic Albanians" live in Serbia or Macedonia). */
const ETHNIC = new Set(['ethnic']);

export interface SentenceMentions {
  mentions: Mention[];
}

/** Read the mentions of every sentence of `doc`. */
export function findMentions(doc: Doc, kb: ActorKb, view: TokenView): Mention[] {
  const out: Mention[] = [];
  const toks = doc.tokens;
  const read = sentenceReader(doc, kb, view, out);
  let i = 0;
  for (let s = 0; s < doc.sentences.length; s++) {
    const start = i;
    while (i < toks.length && toks[i].sentence === s) i++;
    if (i > start) read(s, start, i);
  }
  return out;
}

function lex(kb: ActorKb, key: string, cls: string): boolean {
  const w = kb.lexicon.get(key);
  return w?.classes.has(cls) === true;
}

/** Values of the last phrase matched by walkPhrases. */
let matchedValues: readonly number[] = [];

/**
 * End of the longest phrase of `index` starting at token i (joiners skipped), or -1; its values
 * are left in `matchedValues`. Names must pass the case rules. The walk stops as soon as the
 * words read are no prefix of a longer phrase.
 */
function walkPhrases(kb: ActorKb, index: PhraseIndex, view: TokenView, i: number, end: number, names: boolean): number {
  const keys = view.keys;
  const max = index === kb.names ? view.nameMax[i] : index === kb.agents ? view.agentMax[i] : index.first.get(keys[i]);
  if (max === undefined || max === 0) return -1;
  let best = -1;
  let phrase = keys[i];
  const w = view.words[i];
  const isNames = index === kb.names;
  // the one- and two-word look-ups of a word are kept with the word (most walks stop there)
  let values = isNames ? w.names1 : index === kb.agents ? w.agents1 : index.full.get(phrase);
  if (values && (!names || (validName(kb, view, i, i + 1, values) && !titleAlias(kb, phrase)))) {
    best = i + 1;
    matchedValues = values;
  }
  let len = 1;
  let j = i + 1;
  while (len < max) {
    while (j < end && isJoiner(keys[j])) j++;
    if (j >= end || view.excluded[j]) break;
    let prefix: boolean;
    if (len === 1 && (isNames || index === kb.agents)) {
      const pair = w.pair(isNames ? 0 : 1, keys[j], index);
      phrase = pair.phrase;
      values = pair.values;
      prefix = pair.prefix;
    } else {
      phrase = `${phrase} ${keys[j]}`;
      values = index.full.get(phrase);
      prefix = index.prefixes.has(phrase);
    }
    len++;
    j++;
    if (values && (!names || (validName(kb, view, i, j, values) && !titleAlias(kb, phrase)))) {
      best = j;
      matchedValues = values;
    }
    if (!prefix) break;
  }
  return best;
}

/** Longest knowledge-base name starting at token i (skipping joiners), with its end, or null. */
function matchName(
  kb: ActorKb,
  view: TokenView,
  i: number,
  end: number,
): { t1: number; values: readonly number[] } | null {
  const t1 = walkPhrases(kb, kb.names, view, i, end, true);
  return t1 < 0 ? null : { t1, values: matchedValues };
}

/**
 * Dictionary aliases that are only a country and a title ("RUSSIAN PRESIDENT", "US OFFICIAL")
 * are read as their parts, so the name that follows stays a name and the phrase is coded as a
 * phrase at the document's date.
 */
function titleAlias(kb: ActorKb, phrase: string): boolean {
  const keys = phrase.split(' ');
  if (keys.length < 2) return false;
  // the title at the end may have several words ("secretary of state")
  let headLen = 0;
  for (let n = Math.min(4, keys.length - 1); n >= 1 && headLen === 0; n--)
    if (kb.agents.get(keys.slice(keys.length - n).join(' '))) headLen = n;
  if (headLen === 0) return false;
  for (let k = 0; k < keys.length - headLen; k++) {
    const key = keys[k];
    if (key === 'the' || kb.agents.get(key)) continue;
    const v = kb.names.get(key);
    if (v?.some((x) => kb.entries[x >> 2].kind === 'country')) continue;
    // two-word country names ("north korean president"): try the pair
    const pair = k + 1 < keys.length - headLen ? kb.names.get(`${key} ${keys[k + 1]}`) : undefined;
    if (pair?.some((x) => kb.entries[x >> 2].kind === 'country')) {
      k++;
      continue;
    }
    return false;
  }
  return true;
}

/** Case rules for a name match [i, j): capitalised words, acronyms in capitals, no sentence-initial common word. */
function validName(kb: ActorKb, view: TokenView, i: number, j: number, values: readonly number[]): boolean {
  const keys = view.keys;
  let content = 0;
  let lastCap = false;
  for (let k = i; k < j; k++) {
    const key = keys[k];
    if (isJoiner(key) || NAME_INNER.has(key)) continue;
    content++;
    if (!view.cap[k] && !/^\d/.test(key)) {
      if (!(k === i && view.lex[k]?.classes.has('particle'))) return false;
      lastCap = false;
    } else lastCap = true;
  }
  if (content === 0 || !lastCap) return false;
  if (j - i === 1) {
    const key = keys[i];
    // short acronyms must be written in capitals ("US", not "us"; "UN", not "Un")
    if (key.replace(/[^a-z]/g, '').length <= 3 && !view.allCaps[i]) return false;
    // a sentence-initial ordinary word ("Turkey" aside) is the word, not a name
    if (view.initial[i] && (kb.commonWords.has(key) || kb.lexicon.has(key))) {
      const countryForm = values.some((v) => kb.entries[v >> 2].kind === 'country' && (v & 3) !== Form.Capital);
      if (!countryForm) return false;
    }
  }
  return true;
}

/** Longest agent phrase at token i (case-insensitive, joiners skipped). */
function matchAgent(kb: ActorKb, view: TokenView, i: number, end: number): { t1: number; value: number } | null {
  const t1 = walkPhrases(kb, kb.agents, view, i, end, false);
  return t1 < 0 ? null : { t1, value: matchedValues[0] };
}

/** Part of speech of token k: the syntax layer's, else the word's most frequent one, else ''. */
function posOf(_doc: Doc, _kb: ActorKb, view: TokenView, k: number): string {
  return posAt(view, k);
}

/** Part of speech of token k: the syntax layer's, else the word's most frequent one, else ''. */
function posAt(view: TokenView, k: number): string {
  let p = view.pos[k];
  if (p === undefined) {
    p = view.wordPos.get(view.keys[k]) ?? '';
    view.pos[k] = p;
  }
  return p;
}

function isVerbLike(_doc: Doc, _kb: ActorKb, view: TokenView, k: number): boolean {
  const key = view.keys[k];
  const w = view.lex[k];
  if (w?.classes.has('verb')) return true;
  const pos = posAt(view, k);
  if (pos) return pos === 'VERB' || pos === 'AUX';
  if (view.cap[k] || w !== undefined || !/^[a-z]+$/.test(key)) return false;
  return /(ed|es)$/.test(key) || (/[^s]s$/.test(key) && key.length > 3);
}

/** Parts of speech that end a noun phrase. */
const BREAK_POS = new Set(['ADV', 'ADP', 'AUX', 'CCONJ', 'SCONJ', 'PRON', 'PART', 'DET', 'INTJ', 'PUNCT', 'SYM']);

function scanUnits(doc: Doc, kb: ActorKb, view: TokenView, a: number, b: number): Unit[] {
  const units: Unit[] = [];
  const toks = doc.tokens;
  const keys = view.keys;
  let i = a;
  while (i < b) {
    const key = keys[i];
    // tokens that end a phrase get no unit: a gap between two units is a break
    if (view.excluded[i]) {
      i++;
      continue;
    }
    // punctuation and lower-case closed-class words start no name and no agent phrase
    const c0 = key.charCodeAt(0);
    if (c0 < 48 || (c0 > 57 && c0 < 65) || (c0 > 90 && c0 < 97) || (c0 > 122 && c0 < 128)) {
      if (key === "'s" || key === "'") units.push({ kind: 'poss', t0: i, t1: i + 1, values: undefined, agent: -1 });
      else if (isJoiner(key)) units.push({ kind: 'join', t0: i, t1: i + 1, values: undefined, agent: -1 });
      i++;
      continue;
    }
    const lw = view.lex[i];
    if (lw !== undefined && !view.cap[i] && CLOSED_BREAK(lw)) {
      i++;
      continue;
    }
    const canStartName = view.cap[i] === 1 || lw?.classes.has('particle') === true;
    const name = canStartName ? matchName(kb, view, i, b) : null;
    const agent = matchAgent(kb, view, i, b);
    if (name && (!agent || name.t1 > agent.t1 || (name.t1 === agent.t1 && view.allCaps[i] && name.t1 - i === 1))) {
      // "the" is part of a name only when the name needs it ("The Hague"); else it is a determiner
      units.push({ kind: 'name', t0: i, t1: name.t1, values: name.values, agent: -1 });
      i = name.t1;
      continue;
    }
    if (agent) {
      units.push({ kind: 'agent', t0: i, t1: agent.t1, values: undefined, agent: agent.value });
      i = agent.t1;
      continue;
    }
    const w = view.lex[i];
    const pos = view.hasSyntax ? toks[i].pos : undefined;
    // words in capitals that are ordinary words ("SAYS", "WITH" in a headline) are read as words
    const shouting = view.allCaps[i] === 1 && (w !== undefined || (key.length >= 4 && kb.commonWords.has(key)));
    let kind: UnitKind;
    if (key === "'s" || key === "'") kind = 'poss';
    else if (isJoiner(key)) kind = 'join';
    else if (w?.classes.has('pron')) kind = w.features.includes('poss') ? 'ppron' : 'pron';
    else if (w?.classes.has('det') && !(view.cap[i] && !view.initial[i] && !shouting)) kind = 'det';
    else if (w?.classes.has('num') || /^\d[\d,.]*$/.test(key)) kind = 'num';
    else if (w?.classes.has('former')) kind = 'former';
    else if (w?.classes.has('honorific') && view.cap[i]) kind = 'hon';
    else if (view.cap[i] && LETTER.test(key) && !shouting) {
      // a capitalised word is a name word unless it is a closed-class word, a day or month,
      // an ordinary word opening the sentence, or (with the syntax layer) not a noun
      const ordinary =
        (w !== undefined && !givenNameMonth(view, i, b, w)) ||
        (view.initial[i] === 1 && kb.commonWords.has(key) && !view.ner[i]) ||
        (pos !== undefined && !NOUN_POS.has(pos));
      kind = ordinary ? 'break' : 'cap';
    } else if (isLowerWord(key)) {
      if (w !== undefined && !w.classes.has('former')) kind = 'break';
      else if (units.length === 0 || units[units.length - 1].t1 !== i) {
        // after a break a word can only open a phrase, and leading words are trimmed from
        // phrases anyway: no need to know what it is
        kind = 'low';
      } else {
        const p = posAt(view, i);
        // participles can modify ("armed rebels"); other verbs end the phrase
        const verb = p === 'VERB' && !/(ed|ing)$/.test(key);
        kind = BREAK_POS.has(p) || verb ? 'break' : 'low';
      }
    } else kind = 'break';
    if (kind !== 'break') units.push({ kind, t0: i, t1: i + 1, values: undefined, agent: -1 });
    i++;
  }
  return units;
}

const TRIM_END = new Set<UnitKind>(['low', 'det', 'num', 'former', 'join']);

/**
 * A month's name used as a given name: "Jan Egeland", "Jan Kubis" (the next word a person's
 * name to the entity tagger, no number around it as in "Jan 5" or "5 Jan").
 */
function givenNameMonth(view: TokenView, i: number, end: number, w: LexiconWord): boolean {
  if (!w.classes.has('time') || i + 1 >= end || !view.cap[i + 1]) return false;
  if (view.ner[i + 1] !== 'PERSON' || view.lex[i + 1] !== undefined) return false;
  return !/^\d/.test(view.keys[i + 1]) && !(i > 0 && /^\d/.test(view.keys[i - 1]));
}

/** Last words of agents that name a posting, not a person's name ("ambassador to", "embassy in"). */
const POSTED = new Set(['to', 'at', 'in', 'for']);

/** Closed-class words that only end a phrase (prepositions, conjunctions, verbs ...). */
function CLOSED_BREAK(w: LexiconWord): boolean {
  for (const c of w.classes)
    if (c === 'pron' || c === 'det' || c === 'num' || c === 'former' || c === 'honorific' || c === 'particle')
      return false;
  return true;
}

const NAMEISH = new Set<UnitKind>(['name', 'cap', 'hon']);
/** Longer runs of capitalised words are headlines or titles of works, not names of actors. */
const MAX_NAME_WORDS = 6;

/** Group units into chunks (noun phrases), as unit index ranges. */
function chunkUnits(kb: ActorKb, units: Unit[]): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let s = -1;
  let lows = 0;
  const close = (e: number) => {
    if (s < 0) return;
    // trim trailing words that cannot end a noun phrase
    let end = e;
    while (end > s && TRIM_END.has(units[end - 1].kind)) {
      if (units[end - 1].kind === 'num' && end - 1 > s) break;
      end--;
    }
    // and leading words that are not a determiner's ("banned Ugandan opposition")
    let start = s;
    while (start < end && units[start].kind === 'low') start++;
    if (end > start) chunks.push([start, end]);
    s = -1;
    lows = 0;
  };
  for (let u = 0; u < units.length; u++) {
    const k = units[u].kind;
    // a gap in the token positions is a word that ends the phrase
    if (s >= 0 && units[u].t0 !== units[u - 1].t1) close(u);
    const prev = s >= 0 && u > s ? units[u - 1] : null;
    if (k === 'pron') {
      close(u);
      if (k === 'pron') chunks.push([u, u + 1]);
      continue;
    }
    if (s < 0) {
      if (k === 'poss' || k === 'join') continue;
      s = u;
      lows = k === 'low' ? 1 : 0;
      continue;
    }
    const pk = prev!.kind;
    // a determiner or possessive pronoun starts a new phrase unless it follows a possessive
    if ((k === 'det' || k === 'ppron') && pk !== 'poss') {
      close(u);
      s = u;
      continue;
    }
    if (k === 'low') {
      // names take no words after them ("Japan remained"); agents neither ("envoy said")
      if (pk === 'cap' || pk === 'agent' || (pk === 'name' && !isAdjectiveUnit(kb, prev!)) || lows >= 3) {
        close(u);
        s = u;
        lows = 1;
        continue;
      }
      if (pk === 'join' && u >= 2 && NAMEISH.has(units[u - 2].kind)) {
        close(u - 1);
        s = u;
        lows = 1;
        continue;
      }
      lows++;
      continue;
    }
    if (k === 'num' && pk !== 'det' && pk !== 'poss') {
      close(u);
      s = u;
      continue;
    }
    lows = 0;
  }
  close(units.length);
  return chunks;
}

function isAdjectiveUnit(kb: ActorKb, u: Unit): boolean {
  return (
    u.kind === 'name' &&
    u.values !== undefined &&
    u.values.some((v) => (v & 3) === Form.Adjective && kb.entries[v >> 2].kind === 'country')
  );
}

function newMention(
  sentence: number,
  t0: number,
  t1: number,
  type: MentionType,
  via: string,
  kind: MentionKind,
): Mention {
  return {
    index: -1,
    sentence,
    t0,
    t1,
    x0: t0,
    x1: t1,
    type,
    via,
    kind,
    kb: -1,
    kbForm: Form.Name,
    kbAlternatives: [],
    country: -1,
    countryVia: '',
    owner: -1,
    role: '',
    rolePrefix: '',
    title: null,
    head: '',
    headKind: null,
    former: false,
    plural: false,
    definite: false,
    count: 0,
    both: false,
    possessor: -1,
    members: [],
    pronoun: null,
    gender: null,
    gram: 'other',
    inQuote: false,
    nameKeys: [],
    nerType: null,
    speaker: false,
    possessive: false,
  };
}

/** Primary roles a modifier contributes before a secondary head ("army doctors" -> MILHLH). */
const PRIMARY = new Set(['GOV', 'MIL', 'REB', 'OPP', 'COP', 'JUD', 'LEG', 'SPY', 'INS', 'SEP', 'UAF', 'IGO', 'NGO']);
/** Heads that take the role of their modifier ("rebel leader" -> REB, "army spokesman" -> MIL). */
const GENERIC_HEADS = new Set([
  'leader',
  'leaders',
  'official',
  'officials',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'spokesmen',
  'chief',
  'head',
  'member',
  'members',
  'commander',
  'commanders',
  'representative',
  'representatives',
  'source',
  'sources',
  'delegation',
  'negotiator',
  'negotiators',
  'envoy',
  'envoys',
]);

function combineRoles(modifier: string, head: string, headKey: string): string {
  if (!modifier) return head;
  if (!head) return modifier;
  if (modifier === head || head.startsWith(modifier)) return head;
  if (GENERIC_HEADS.has(headKey)) return modifier;
  const m3 = modifier.slice(0, 3);
  const h3 = head.slice(0, 3);
  if (PRIMARY.has(m3) && !PRIMARY.has(h3)) return m3 + head;
  return head;
}

/**
 * The reader of a document's sentences. Its helpers are made once per document and read the
 * current sentence from the variables below, set at each call.
 */
function sentenceReader(
  doc: Doc,
  kb: ActorKb,
  view: TokenView,
  out: Mention[],
): (s: number, a: number, b: number) => void {
  const keys = view.keys;
  const toks = doc.tokens;
  let s = 0;
  let a = 0;
  let b = 0;
  let units: Unit[] = [];

  const push = (m: Mention): number => {
    m.index = out.length;
    m.inQuote = view.inQuote[m.t0] === 1;
    out.push(m);
    return m.index;
  };

  const prevKey = (t: number) => (t > a ? keys[t - 1] : '');

  /**
   * A capital's name followed by ", <a place the knowledge base does not know, or another
   * country>" that closes there ("Paris, Texas, on Tuesday", "Tripoli, Lebanon,", "London,
   * Ontario"): a town of that name elsewhere, neither its country nor a place of it.
   */
  const townElsewhere = (t1: number, country: number): boolean => {
    if (t1 + 1 >= b || keys[t1] !== ',' || !view.cap[t1 + 1]) return false;
    let q = t1 + 1;
    const hit = matchName(kb, view, q, b);
    if (hit) {
      const c = hit.values.find((x) => kb.entries[x >> 2].kind === 'country');
      if (c === undefined || (c & 3) !== Form.Name || c >> 2 === country) return false;
      q = hit.t1;
    } else while (q < b && q < t1 + 4 && view.cap[q] && /^[a-z]/.test(keys[q])) q++;
    if (q >= b) return true;
    const next = keys[q];
    return /^[,.;:()—–-]$/.test(next) || (/^[a-z]+$/.test(next) && !view.cap[q] && next !== 'and' && next !== 'or');
  };

  /**
   * A place reading: "in Tokyo", "talks in Mongolia", "flew to Tokyo". After a direction ("to",
   * "from", "into") a country is still an actor ("sent arms to Pakistan"), a city is a place.
   */
  const locative = (t0: number, city: boolean): boolean => {
    let p = t0 - 1;
    // over the determiner and adjectives: "in the eastern Bosnian enclave", "in southern Gaza"
    for (
      let n = 0;
      p >= a && n < 3 && (keys[p] === 'the' || (/^[a-z]+$/.test(keys[p]) && !kb.lexicon.has(keys[p])));
      n++
    )
      p--;
    if (p < a) return false;
    const k = keys[p];
    if (lex(kb, k, 'locative')) return true;
    if (city && lex(kb, k, 'direction')) return true;
    if (city && (k === 'to' || k === 'for')) {
      for (let q = p - 1; q >= a && q >= p - 3; q--) if (lex(kb, keys[q], 'motion')) return true;
    }
    return false;
  };

  const analyseNp = (u0: number, u1: number, ci: number): number => {
    if (u0 >= u1) return -1;
    // possessive split: "[Abe 's] government", "[its] spies"
    let p = -1;
    for (let u = u1 - 1; u >= u0; u--)
      if (units[u].kind === 'poss') {
        p = u;
        break;
      }
    let possessor = -1;
    let body0 = u0;
    if (p >= 0) {
      possessor = analyseNp(u0, p, ci);
      body0 = p + 1;
    } else if (units[u0].kind === 'ppron') {
      possessor = pronounMention(units[u0].t0);
      body0 = u0 + 1;
    }
    if (body0 >= u1) return possessor;
    // leading determiners, numbers, "former"
    let definite = false;
    let count = 0;
    let both = false;
    let former = false;
    let u = body0;
    for (; u < u1; u++) {
      const k = units[u].kind;
      if (k === 'det') {
        const f = kb.lexicon.get(keys[units[u].t0])?.features ?? '';
        if (f === 'def') definite = true;
        if (f === 'both') {
          both = true;
          count = 2;
        }
      } else if (k === 'num') {
        const f = kb.lexicon.get(keys[units[u].t0])?.features ?? '';
        const n = Number(f || keys[units[u].t0].replace(/,/g, ''));
        if (Number.isFinite(n)) count = n;
      } else if (k === 'former') former = true;
      else break;
    }
    const core0 = u;
    if (core0 >= u1) return possessor;
    // head: the last agent followed only by name words
    let h = -1;
    for (let v = u1 - 1; v >= core0; v--) {
      const k = units[v].kind;
      if (k === 'agent') {
        h = v;
        break;
      }
      if (!NAMEISH.has(k) && k !== 'join') break;
      if (k === 'name' && isAdjectiveUnit(kb, units[v])) break;
    }
    if (h >= 0) return agentPhrase(u0, body0, core0, h, u1, possessor, definite, count, both, former);
    return namePhrase(core0, u1, possessor, definite, count, former, units[body0].t0);
  };

  const pronounMention = (t: number): number => {
    const w = kb.lexicon.get(keys[t]);
    if (!w) return -1;
    const [g, num, anim, cas] = w.features.split(' ');
    const m = newMention(s, t, t + 1, 'pronoun', 'pronoun', 'unknown');
    m.pronoun = {
      gender: (g as PronounFeatures['gender']) ?? 'x',
      plural: num === 'pl',
      animacy: (anim as PronounFeatures['animacy']) ?? 'any',
      possessive: cas === 'poss',
    };
    m.plural = num === 'pl';
    // "it" that points at nothing: inside quotes, or expletive ("it is clear", "made it")
    if (keys[t] === 'it' || keys[t] === 'its') {
      if (view.inQuote[t]) return -1;
      if (keys[t] === 'it') {
        const next = t + 1 < b ? keys[t + 1] : '';
        const before = prevKey(t);
        if (lex(kb, next, 'verb') && kb.lexicon.get(next)?.features === 'be') return -1;
        if (['seems', 'appears', 'remains', 'takes', 'means', 'looks', 'emerged', 'became'].includes(next)) return -1;
        if (
          [
            'make',
            'made',
            'makes',
            'making',
            'find',
            'found',
            'consider',
            'considered',
            'keep',
            'believe',
            'put',
          ].includes(before)
        )
          return -1;
      }
    }
    return push(m);
  };

  const agentPhrase = (
    u0: number,
    body0: number,
    core0: number,
    h: number,
    u1: number,
    possessor: number,
    definite: boolean,
    count: number,
    both: boolean,
    former: boolean,
    /** First unit of the agent's own name after the head (after a posting: "ambassador to Russia Tony Brenton"). */
    tail0 = h + 1,
  ): number => {
    const hu = units[h];
    // an agent word inside a hyphenated modifier is no actor: "six-nation agreement", "hostage-takers"
    if (hu.t1 + 1 < b && isJoiner(keys[hu.t1]) && !view.cap[hu.t1 + 1]) return possessor;
    // nor an adjective with nothing that makes it a noun phrase: "relations remained poor"
    if (h === core0 && h === body0 && hu.t1 - hu.t0 === 1 && u0 === body0 && !view.cap[hu.t0]) {
      const own = view.hasSyntax ? toks[hu.t0].pos : kb.wordPos.get(keys[hu.t0]);
      if (own === 'ADJ' && (hu.agent! & 1) === 0) return possessor;
    }
    // nor one used as an adjective before a noun: "civilian buildings", "military operations"
    if (
      h === u1 - 1 &&
      hu.t1 - hu.t0 === 1 &&
      hu.t1 < b &&
      !view.cap[hu.t1] &&
      !view.lex[hu.t1] &&
      /^[a-z]+$/.test(keys[hu.t1])
    ) {
      const own = view.hasSyntax ? toks[hu.t0].pos : kb.wordPos.get(keys[hu.t0]);
      const next = posOf(doc, kb, view, hu.t1);
      if (own === 'ADJ' && (next === 'NOUN' || next === '')) {
        // the demonym still names its country: "Israeli military policies" -> Israel
        for (let v = core0; v < h; v++) {
          const mu = units[v];
          if (mu.kind !== 'name') continue;
          const c = mu.values!.find((x) => kb.entries[x >> 2].kind === 'country' && (x & 3) === Form.Adjective);
          if (c === undefined) continue;
          const m = newMention(s, mu.t0, mu.t1, 'name', 'demonym', 'country');
          m.kb = c >> 2;
          m.kbForm = Form.Adjective;
          m.nameKeys = keys.slice(mu.t0, mu.t1).filter((k) => !isJoiner(k));
          m.possessor = possessor;
          return push(m);
        }
        return possessor;
      }
    }
    if (h - 2 >= u0 && units[h - 1].kind === 'join' && units[h - 2].kind === 'num') return possessor;
    if (h === core0 && h > u0 && units[h - 1].kind === 'join') return possessor;
    // an agent ending in a preposition ("ambassador to", "embassy in"): the name after it is
    // where the agent is posted, an actor of its own ("its ambassador to Israel"), not its name
    if (tail0 === h + 1 && h + 1 < u1 && POSTED.has(keys[hu.t1 - 1])) {
      const pu = units[h + 1];
      if (pu.kind === 'name' && pu.values?.some((x) => kb.entries[x >> 2].kind === 'country')) {
        // the country, then the agent with the name after it, if any ("ambassador to Russia Tony Brenton")
        namePhrase(h + 1, h + 2, -1, false, 0, false, pu.t0);
        const end = h + 2 < u1 ? u1 : h + 1;
        return agentPhrase(u0, body0, core0, h, end, possessor, definite, count, both, former, h + 2);
      }
      const m = agentPhrase(u0, body0, core0, h, h + 1, possessor, definite, count, both, former);
      namePhrase(h + 1, u1, -1, false, 0, false, pu.t0);
      return m;
    }
    const agentValue = hu.agent!;
    const agent = kb.agentList[agentValue >> 1];
    const plural = (agentValue & 1) === 1;
    let country = -1;
    let countryVia = '';
    let owner = -1;
    let modRole = '';
    let titleStart = hu.t0;
    for (let v = core0; v < h; v++) {
      const mu = units[v];
      if (mu.kind === 'name') {
        const c = mu.values!.find((x) => kb.entries[x >> 2].kind === 'country');
        if (c !== undefined) {
          country = c >> 2;
          countryVia = `"${doc.text.slice(toks[mu.t0].start, toks[mu.t1 - 1].end)}" (${(c & 3) === Form.Adjective ? 'demonym' : 'country'})`;
        } else owner = mu.values![0] >> 2;
      } else if (mu.kind === 'agent') {
        const ma = kb.agentList[mu.agent! >> 1];
        if (ma.role) modRole = combineRoles(modRole, ma.role, '');
        if (titleStart > mu.t0) titleStart = mu.t0;
      } else if (mu.kind === 'former') former = true;
    }
    // capitalised words right before the head belong to the title ("Deputy Foreign Minister")
    for (let v = h - 1; v >= core0 && (units[v].kind === 'cap' || units[v].kind === 'agent'); v--)
      titleStart = Math.min(titleStart, units[v].t0);
    // trailing name: "envoy Kim Chul Ho", "broadcaster NHK"
    let nameT0 = -1;
    let nameT1 = -1;
    const nameValues: number[] = [];
    let nameAllKb = true;
    for (let v = tail0; v < u1; v++) {
      const nu = units[v];
      if (nu.kind === 'join') continue;
      if (nameT0 < 0 && nu.kind === 'hon') continue;
      if (nameT0 < 0) nameT0 = nu.t0;
      nameT1 = nu.t1;
      if (nu.kind === 'name') nameValues.push(...nu.values!);
      else nameAllKb = false;
    }
    const x0 = units[u0].t0;
    const x1 = units[u1 - 1].t1;
    // an agent word inside an institution's name ("Southern Fishermen Cooperative Association")
    if (nameT0 >= 0 && agent.kind === 'person' && view.cap[hu.t0] && !nameAllKb) {
      const lastKind = kb.nounKinds.get(keys[nameT1 - 1]);
      if (lastKind === 'organization' || lastKind === 'collective') {
        let n0 = hu.t0;
        for (let v = h - 1; v >= core0 && (units[v].kind === 'cap' || units[v].kind === 'agent'); v--) n0 = units[v].t0;
        const m = newMention(s, n0, nameT1, 'name', 'name', 'organization');
        m.x0 = x0;
        m.x1 = x1;
        m.nameKeys = keys.slice(n0, nameT1).filter((k) => !isJoiner(k));
        m.country = country;
        m.role = agent.role;
        m.possessor = possessor;
        if (view.ner[m.t0]) m.nerType = view.ner[m.t0];
        return push(m);
      }
    }
    const title = doc.text.slice(toks[titleStart].start, toks[hu.t1 - 1].end);
    const headKey = keys
      .slice(hu.t0, hu.t1)
      .filter((k) => !isJoiner(k))
      .join(' ');
    let m: Mention;
    if (nameT0 >= 0) {
      const kind: MentionKind = agent.kind === 'person' ? 'person' : 'organization';
      m = newMention(s, nameT0, nameT1, 'name', 'name', kind);
      const kbVals = nameAllKb ? nameValues.filter((x) => kb.entries[x >> 2].kind !== 'country') : [];
      if (kbVals.length > 0 && units.slice(tail0, u1).filter((x) => x.kind === 'name').length === 1) {
        m.kb = pickEntry(kb, kbVals, kind);
        m.kbForm = (kbVals.find((x) => x >> 2 === m.kb)! & 3) as Form;
        m.kbAlternatives = kbVals.map((x) => x >> 2).filter((e) => e !== m.kb);
        m.via = m.kbForm === Form.Alias ? 'alias' : 'name';
      }
      m.nameKeys = keys.slice(nameT0, nameT1).filter((k) => !isJoiner(k));
    } else {
      let kind: MentionKind;
      const many = plural || count >= 2 || both;
      if (agent.kind === 'person') kind = many ? 'group' : 'person';
      else if (agent.kind === 'country') kind = plural || count >= 2 || both ? 'group' : 'country';
      else if (agent.kind === 'side') kind = 'group';
      else kind = 'organization';
      m = newMention(s, x0, x1, 'description', 'description', kind);
      // the span leaves out articles and demonstratives ("the envoy" -> "envoy"), keeps
      // quantities ("two nations", "neither side")
      let t0 = Math.max(x0, units[body0].t0);
      while (t0 < hu.t0 && ARTICLES.has(keys[t0])) t0++;
      m.t0 = t0;
    }
    m.x0 = x0;
    m.x1 = x1;
    m.country = country;
    if (countryVia) {
      m.countryVia = countryVia;
      m.via =
        m.type === 'description' ? `${countryVia.endsWith('(demonym)') ? 'demonym' : 'country'}+description` : m.via;
    }
    m.owner = owner;
    const role = agent.attach === 'prefix' ? '' : combineRoles(modRole, agent.role, headKey);
    m.role = role;
    if (agent.attach === 'prefix') m.rolePrefix = agent.role;
    m.title = title;
    // "its ambassador to": the preposition of a posting is not part of the mention
    if (m.type === 'description' && m.t1 - m.t0 > 1 && m.t1 === hu.t1 && POSTED.has(keys[m.t1 - 1])) {
      if (m.x1 === m.t1) m.x1--;
      m.t1--;
      m.title = doc.text.slice(toks[titleStart].start, toks[m.t1 - 1].end);
    }
    m.head = headKey;
    m.headKind = agent.kind;
    if (agent.gender) m.gender = agent.gender;
    m.former = former;
    m.plural = plural || count >= 2 || both;
    m.definite = definite;
    m.count = count;
    m.both = both;
    m.possessor = possessor;
    if (view.ner[m.t0]) m.nerType = view.ner[m.t0];
    return push(m);
  };

  const namePhrase = (
    c0: number,
    u1: number,
    possessor: number,
    definite: boolean,
    count: number,
    former: boolean,
    firstToken: number,
  ): number => {
    let main = -1;
    // runs of name words
    let v = c0;
    while (v < u1) {
      while (v < u1 && !NAMEISH.has(units[v].kind)) v++;
      if (v >= u1) break;
      let w = v;
      while (w < u1 && (NAMEISH.has(units[w].kind) || units[w].kind === 'join')) w++;
      let we = w;
      while (we > v && units[we - 1].kind === 'join') we--;
      let run = units.slice(v, we);
      // a country before a name modifies it: "Russian [President Boris Yeltsin]"
      let modCountry = -1;
      while (run.length >= 2 && run[0].kind === 'name') {
        const c = run[0].values!.find((x) => kb.entries[x >> 2].kind === 'country');
        if (c === undefined) break;
        modCountry = c >> 2;
        run = run.slice(1);
        while (run.length > 0 && run[0].kind === 'join') run = run.slice(1);
      }
      if (run.length === 0) {
        v = w;
        continue;
      }
      const named = run.filter((x) => x.kind === 'name');
      const t0 = run[0].kind === 'hon' && run.length > 1 ? run[1].t0 : run[0].t0;
      const t1 = run[run.length - 1].t1;
      if (run.length === 1 && named.length === 1) {
        const nu = run[0];
        const vals = nu.values!;
        const countryVal = vals.find((x) => kb.entries[x >> 2].kind === 'country');
        if (countryVal !== undefined && (countryVal & 3) === Form.Adjective) {
          // a demonym used as a noun: "13 Japanese", "the Israelis", "Japanese said"
          const nextT = nu.t1;
          const nextIsNoun =
            we < u1 ||
            (nextT < b &&
              /^[a-z]/.test(keys[nextT]) &&
              !kb.lexicon.has(keys[nextT]) &&
              !isVerbLike(doc, kb, view, nextT));
          if (
            !nextIsNoun &&
            (count > 0 || definite || /s$/.test(keys[nu.t1 - 1]) || isVerbLike(doc, kb, view, nextT))
          ) {
            const m = newMention(s, Math.min(firstToken, t0), t1, 'people', 'demonym', 'group');
            m.country = countryVal >> 2;
            m.plural = true;
            m.count = count;
            m.definite = definite;
            m.title = null;
            // a number of people of a nationality ("13 Japanese", "two Americans"): civilians
            if (count > 0) m.role = 'CVL';
            if (modCountry >= 0) {
              // a people of a country ("Bosnian Serbs", "Iraqi Kurds"): the country's civilians
              m.country = modCountry;
              m.role = 'CVL';
              m.countryVia = 'demonym before a people';
            } else if (t0 > a && ETHNIC.has(keys[t0 - 1])) {
              // "ethnic Albanians": an ethnicity, not a nationality; the country comes from context
              m.country = -1;
              m.role = 'CVL';
              m.t0 = t0 - 1;
              m.x0 = Math.min(m.x0, t0 - 1);
            }
            main = push(m);
          } else if (
            nextIsNoun &&
            we === u1 &&
            nextT < b &&
            !view.cap[nextT] &&
            ['NOUN', ''].includes(posOf(doc, kb, view, nextT)) &&
            !LANGUAGE_NOUNS.has(keys[nextT]) &&
            !locative(firstToken, false)
          ) {
            // a demonym before a common noun names its country: "an Australian ultimatum",
            // "Palestinian riots", "the Bosnian town of Gorazde" (the noun itself is no actor)
            const m = newMention(s, t0, t1, 'name', 'demonym', 'country');
            m.kb = countryVal >> 2;
            m.kbForm = Form.Adjective;
            m.nameKeys = keys.slice(t0, t1).filter((k) => !isJoiner(k));
            m.possessor = possessor;
            main = push(m);
          }
        } else if (
          countryVal !== undefined &&
          (countryVal & 3) === Form.Capital &&
          run.length === 1 &&
          townElsewhere(t1, countryVal >> 2)
        ) {
          // a namesake town ("Paris, Texas"): no actor, no country context
        } else if (countryVal === undefined || !locative(firstToken, (countryVal & 3) === Form.Capital)) {
          const kind: MentionKind =
            countryVal !== undefined ? 'country' : (kbKind(kb.entries[vals[0] >> 2].kind) as MentionKind);
          const m = newMention(s, t0, t1, 'name', 'name', kind);
          m.x0 = v === c0 ? Math.min(firstToken, units[v].t0) : units[v].t0;
          const pickFrom = countryVal !== undefined ? [countryVal] : vals;
          m.kb = countryVal !== undefined ? countryVal >> 2 : pickEntry(kb, vals, 'unknown');
          const form = (pickFrom.find((x) => x >> 2 === m.kb)! & 3) as Form;
          m.kbForm = form;
          m.kbAlternatives = vals.map((x) => x >> 2).filter((e) => e !== m.kb);
          m.via = form === Form.Capital ? 'capital' : form === Form.Alias ? 'alias' : 'name';
          m.nameKeys = keys.slice(t0, t1).filter((k) => !isJoiner(k));
          // an alias with a title in it ("PRESIDENT BUSH") says the role the text gives
          if (kind === 'person' && t1 - t0 >= 2) {
            for (let k = t0; k < t1; k++) {
              const ag = matchAgent(kb, view, k, t1);
              if (!ag) continue;
              const agent = kb.agentList[ag.value >> 1];
              if (agent.kind !== 'person' || !agent.role) continue;
              m.role = agent.role;
              m.title = doc.text.slice(toks[k].start, toks[ag.t1 - 1].end);
              m.nameKeys = keys.slice(ag.t1, t1).filter((x) => !isJoiner(x));
              if (ag.t1 < t1) m.t0 = ag.t1;
              break;
            }
          }
          m.former = former;
          m.possessor = possessor;
          if (modCountry >= 0 && m.kind !== 'country') m.country = modCountry;
          if (view.ner[t0]) m.nerType = view.ner[t0];
          main = push(m);
        } else {
          // a country or capital as a place ("in Baku", "near Macedonia's border"): context for
          // actors whose phrase names no country
          view.placeCountries.push({ sentence: s, t: t0, country: countryVal >> 2 });
        }
      } else if (run.length <= MAX_NAME_WORDS && !locative(firstToken, true)) {
        // several words, not one knowledge-base name: an unknown name ("Yoshiki Mine",
        // "Tokyo Electric"); a country named inside gives a hint ("Sudan People's Army")
        const people =
          modCountry >= 0 && run.length === 1 && run[0].kind === 'cap' && /[a-z]s$/.test(keys[t0]) && t1 - t0 === 1;
        const m = newMention(s, t0, t1, 'name', 'name', 'unknown');
        if (people) {
          // a people of a country the knowledge base does not list as a nation ("Iraqi Kurds")
          m.t0 = firstToken;
          m.type = 'people';
          m.via = 'demonym';
          m.kind = 'group';
          m.plural = true;
          m.role = 'CVL';
        }
        m.nameKeys = keys.slice(t0, t1).filter((k) => !isJoiner(k));
        if (modCountry >= 0) m.country = modCountry;
        for (const nu of named) {
          const c = nu.values!.find((x) => kb.entries[x >> 2].kind === 'country');
          if (c !== undefined) m.country = c >> 2;
        }
        m.former = former;
        m.possessor = possessor;
        // the entity type of the name's first word the entity tagger typed ("Jan Egeland": only "Egeland")
        for (let k = t0; k < t1 && !m.nerType; k++) if (view.ner[k]) m.nerType = view.ner[k];
        // a nationality or group word before a common noun is an adjective, no actor ("the
        // Korean peninsula", "Kurdish language"); as part of a longer name, the name is the actor
        if (m.nerType === 'NORP' && (t1 < b ? isCommonNoun(doc, kb, view, t1) : false)) m.nerType = 'NORP-modifier';
        main = push(m);
      }
      v = w;
    }
    return main;
  };

  return (sentence: number, start: number, end: number): void => {
    s = sentence;
    a = start;
    b = end;
    units = scanUnits(doc, kb, view, a, b);
    const chunks = chunkUnits(kb, units);
    const first = out.length;
    /** Main mention of each chunk (for coordination and of-attachment), by chunk index. */
    const mainOf: number[] = [];
    readChunks(chunks, mainOf, first);
  };

  /** The words between chunk `cj` and the next one ("and", ", and", ","). */
  function gapText(chunks: Array<[number, number]>, cj: number): string {
    return keys.slice(units[chunks[cj][1] - 1].t1, units[chunks[cj + 1][0]].t0).join(' ');
  }

  /**
   * Countries coordinated before one head noun: "Israeli and Palestinian negotiators", "US and
   * South Korean troops", "French, German and British officials" are negotiators (troops,
   * officials) of each country. The phrase after the last "and" names them with the head; each
   * country before it (a lone demonym, which alone makes no mention, or a country's name) gets
   * a description with the same head, role and number, so that the coordination below groups
   * them all.
   */
  function distributeHeads(chunks: Array<[number, number]>, mainOf: number[]): void {
    for (let ci = 1; ci < chunks.length; ci++) {
      const di = mainOf[ci];
      if (di < 0) continue;
      const d = out[di];
      if (d.type !== 'description' || d.country < 0 || !d.role || !d.plural || !d.head) continue;
      // the description starts with its country and ends with its own head noun ("South Korean
      // troops", not "troops of ..." nor a country named after "the ministers of ... and")
      if (!units.slice(chunks[ci][0], chunks[ci][1]).some((u) => u.kind === 'agent')) continue;
      const c0 = units[chunks[ci][0]];
      if (c0.kind !== 'name' || !c0.values?.some((x) => x >> 2 === d.country)) continue;
      // the chunks of the countries before it, with each one's knowledge-base value
      const before: Array<{ cj: number; value: number }> = [];
      let sawAnd = false;
      for (let cj = ci - 1; cj >= 0; cj--) {
        const gap = gapText(chunks, cj);
        const and = gap === 'and' || gap === ', and' || gap === '&';
        // "and" closes the list, commas separate the countries before it
        if (!(cj === ci - 1 ? and : gap === ',')) break;
        if (and) sawAnd = true;
        const [k0, u1] = chunks[cj];
        // ("the Indian and Chinese armies": the article belongs to the whole phrase)
        const u0 = units[k0].kind === 'det' && u1 - k0 === 2 ? k0 + 1 : k0;
        const u = units[u0];
        if (u1 - u0 !== 1 || u.kind !== 'name') break;
        const value = u.values?.find((x) => kb.entries[x >> 2].kind === 'country');
        if (value === undefined) break;
        before.push({ cj, value });
      }
      if (!sawAnd || before.length === 0) continue;
      for (const { cj, value: c } of before) {
        const u = units[chunks[cj][1] - 1];
        const mi = mainOf[cj];
        // a country's name used as a modifier ("US and South Korean troops") stops being the country
        if (mi >= 0) out[mi].via = 'absorbed';
        const how = (c & 3) === Form.Adjective ? 'demonym' : 'country';
        const m = sameHead(d, u.t0, u.t1, c >> 2, how, `${how}+description`);
        if (view.ner[m.t0]) m.nerType = view.ner[m.t0];
        mainOf[cj] = push(m);
      }
    }
  }

  /**
   * A plural description like `d` (its head, role, title) for another country, at the country's
   * words [t0, t1): "Israeli" in "Israeli and Palestinian negotiators".
   */
  function sameHead(d: Mention, t0: number, t1: number, country: number, how: string, via: string): Mention {
    const m = newMention(s, t0, t1, 'description', via, d.kind);
    m.country = country;
    m.countryVia = `"${doc.text.slice(toks[t0].start, toks[t1 - 1].end)}" (${how})`;
    m.role = d.role;
    m.rolePrefix = d.rolePrefix;
    m.title = d.title;
    m.head = d.head;
    m.headKind = d.headKind;
    m.plural = true;
    m.definite = d.definite;
    return m;
  }

  /** A plural common noun ("ministers"): its tag when parsed, else its ending. */
  function pluralNoun(t: number): boolean {
    if (view.hasSyntax) return toks[t].tag === 'NNS';
    return /[^s]s$/.test(keys[t]);
  }

  /**
   * "The foreign ministers of Japan and South Korea": after the first country (which the
   * description `mi` took), each country of a list closed by "and" gets a description of its own
   * with the same head, at the country's name, and a group holds them all.
   */
  function ofEach(ci: number, mi: number, chunks: Array<[number, number]>, mainOf: number[]): void {
    const m = out[mi];
    const more: number[] = [];
    let closed = false;
    for (let cj = ci + 1; cj + 1 < chunks.length; cj++) {
      const gap = gapText(chunks, cj);
      const and = gap === 'and' || gap === ', and';
      if (!and && gap !== ',') break;
      const ki = mainOf[cj + 1];
      if (ki < 0 || out[ki].type !== 'name' || out[ki].kind !== 'country' || out[ki].via === 'absorbed') break;
      more.push(cj + 1);
      if (and) {
        closed = true;
        break;
      }
    }
    if (!closed) return;
    const members = [mi];
    for (const cj of more) {
      const k = out[mainOf[cj]];
      k.via = 'absorbed';
      members.push(push(sameHead(m, k.t0, k.t1, k.kb, 'country', 'description+of')));
      // grouped here: the coordination pass below does not group these again
      mainOf[cj] = -1;
    }
    const g = newMention(s, m.x0, out[members[members.length - 1]].x1, 'group', 'coordination', 'group');
    g.members = members;
    g.plural = true;
    g.count = members.length;
    push(g);
  }

  function readChunks(chunks: Array<[number, number]>, mainOf: number[], first: number): void {
    for (let ci = 0; ci < chunks.length; ci++) {
      const [u0, u1] = chunks[ci];
      if (units[u0].kind === 'pron') {
        mainOf.push(pronounMention(units[u0].t0));
        continue;
      }
      mainOf.push(analyseNp(u0, u1, ci));
    }

    // "the envoy of/from Japan": the country belongs to the description
    for (let ci = 0; ci + 1 < chunks.length; ci++) {
      const mi = mainOf[ci];
      const ni = mainOf[ci + 1];
      if (mi < 0 || ni < 0) continue;
      const m = out[mi];
      const n = out[ni];
      const between = units[chunks[ci + 1][0]].t0 - units[chunks[ci][1] - 1].t1;
      const prep = keys[units[chunks[ci][1] - 1].t1];
      if (
        between === 1 &&
        (prep === 'of' || prep === 'from') &&
        m.role &&
        m.country < 0 &&
        n.kind === 'country' &&
        n.type === 'name'
      ) {
        m.country = n.kb;
        m.via = m.type === 'description' ? 'description+of' : m.via;
        m.x1 = n.x1;
        n.type = 'name';
        n.via = 'absorbed';
        if (m.plural || pluralNoun(m.t1 - 1)) ofEach(ci, mi, chunks, mainOf);
      } else if (
        between === 1 &&
        (prep === 'of' || prep === 'for' || prep === 'from') &&
        m.type === 'description' &&
        m.role &&
        m.country < 0 &&
        m.possessor < 0 &&
        n.type === 'name' &&
        n.kind !== 'country' &&
        n.kind !== 'person'
      ) {
        // "a spokesman for the SFCA", "the leader of Hamas": a member of the organisation
        m.possessor = ni;
      }
    }

    distributeHeads(chunks, mainOf);

    // coordination: "Japan and North Korea", "Britain, France and Germany"
    for (let ci = 0; ci + 1 < chunks.length; ci++) {
      const list: number[] = [];
      let cj = ci;
      // only a list closed by "and" is a coordination ("the president, Goodluck Jonathan, said"
      // and "near Bulgaria, Macedonian officials said" are not)
      let closed = false;
      while (cj < chunks.length) {
        const mi = mainOf[cj];
        if (mi < 0 || !coordinable(out[mi])) break;
        list.push(mi);
        if (cj + 1 >= chunks.length) break;
        const gap = gapText(chunks, cj);
        if (gap === 'and' || gap === ', and' || gap === '&') {
          cj++;
          if (cj < chunks.length && mainOf[cj] >= 0 && coordinable(out[mainOf[cj]])) {
            list.push(mainOf[cj]);
            closed = true;
          }
          break;
        }
        if (gap !== ',') {
          // a list with commas only is an apposition or an enumeration of another kind
          list.length = 0;
          break;
        }
        cj++;
      }
      const unique = [...new Set(list)];
      if (unique.length >= 2 && closed) {
        const firstM = out[unique[0]];
        const lastM = out[unique[unique.length - 1]];
        const g = newMention(s, firstM.x0, lastM.x1, 'group', 'coordination', 'group');
        g.members = unique;
        g.plural = true;
        g.count = unique.length;
        push(g);
        ci = cj;
      }
    }

    // apposition: "the then president, Goodluck Jonathan," / "Jeff Mason, its president,": one
    // person; the name is the mention, the description gives its title, role and country
    const grouped = new Set<number>();
    for (let k = first; k < out.length; k++) for (const x of out[k].members) grouped.add(x);
    for (let ci = 0; ci + 1 < chunks.length; ci++) {
      const mi = mainOf[ci];
      const ni = mainOf[ci + 1];
      if (mi < 0 || ni < 0 || grouped.has(mi) || grouped.has(ni)) continue;
      const gapStart = units[chunks[ci][1] - 1].t1;
      const gapEnd = units[chunks[ci + 1][0]].t0;
      if (gapEnd - gapStart !== 1 || keys[gapStart] !== ',') continue;
      const x = out[mi];
      const y = out[ni];
      const isDesc = (m: Mention) =>
        m.type === 'description' && !!m.role && m.headKind === 'person' && !m.plural && m.via !== 'absorbed';
      const isName = (m: Mention) =>
        m.type === 'name' && (m.kind === 'person' || m.kind === 'unknown') && m.via !== 'absorbed';
      const [d, n] = isDesc(x) && isName(y) ? [x, y] : isDesc(y) && isName(x) ? [y, x] : [null, null];
      if (!d || !n) continue;
      // the apposition ends the phrase: a comma, the sentence end or a verb follows
      const after = y.x1 < b ? keys[y.x1] : '';
      if (after && after !== ',' && !isVerbLike(doc, kb, view, y.x1)) continue;
      if (!n.role) {
        n.role = d.role;
        n.rolePrefix = d.rolePrefix;
        n.title = d.title;
      }
      if (n.country < 0) n.country = d.country;
      if (n.possessor < 0) n.possessor = d.possessor;
      if (n.owner < 0) n.owner = d.owner;
      n.x0 = Math.min(n.x0, d.x0);
      n.x1 = Math.max(n.x1, d.x1);
      d.via = 'absorbed';
    }

    // grammatical function and speech verbs, for salience
    for (let k = first; k < out.length; k++) {
      const m = out[k];
      m.gram = gramOf(doc, kb, view, m, a, b);
      const next = m.x1 < b ? keys[m.x1] : '';
      m.speaker = kb.lexicon.get(next)?.features === 'speech';
      const after = m.t1 < b ? keys[m.t1] : '';
      m.possessive = after === "'s" || after === "'";
    }
  }
}

function coordinable(m: Mention): boolean {
  if (m.via === 'absorbed') return false;
  if (m.type === 'name') return m.kind !== 'unknown' || m.kb >= 0 || m.role !== '';
  return m.type === 'description' && (m.country >= 0 || m.role !== '');
}

function kbKind(kind: string): MentionKind {
  if (kind === 'person' || kind === 'country') return kind;
  if (kind === 'group') return 'organization';
  return 'organization';
}

/** Among entries sharing a name, prefer the kind the phrase asks for, then dictionary order. */
function pickEntry(kb: ActorKb, values: readonly number[], kind: MentionKind): number {
  if (kind === 'person') {
    const p = values.find((v) => kb.entries[v >> 2].kind === 'person');
    if (p !== undefined) return p >> 2;
  }
  if (kind === 'organization') {
    const o = values.find((v) => kb.entries[v >> 2].kind !== 'person');
    if (o !== undefined) return o >> 2;
  }
  return values[0] >> 2;
}

const CLAUSE_OPENERS = new Set([
  'and',
  'but',
  'that',
  'which',
  'who',
  'after',
  'before',
  'when',
  'while',
  'because',
  'as',
  'if',
  'since',
  'although',
  'though',
  'where',
  'so',
  'until',
  'unless',
  'once',
  'whether',
]);
const PREPOSITIONS = new Set([
  'on',
  'to',
  'with',
  'by',
  'about',
  'against',
  'between',
  'among',
  'over',
  'under',
  'after',
  'before',
  'during',
  'since',
  'without',
  'despite',
  'than',
  'of',
  'for',
  'in',
  'at',
  'from',
  'into',
  'toward',
  'towards',
  'through',
  'upon',
  'like',
  'near',
]);

/** A lower-case content word that is no verb: the noun a preceding adjective modifies. */
function isCommonNoun(doc: Doc, kb: ActorKb, view: TokenView, k: number): boolean {
  const key = view.keys[k];
  if (view.cap[k] || !isLowerWord(key) || kb.lexicon.has(key) || isVerbLike(doc, kb, view, k)) return false;
  const pos = posAt(view, k);
  return pos === '' || pos === 'NOUN' || pos === 'ADJ';
}

/** Dependencies of a name part or apposition: its function is the one of the word it hangs on. */
const NAME_PART_DEPS = new Set(['flat', 'flat:name', 'flat:foreign', 'fixed', 'appos']);

function gramOf(doc: Doc, kb: ActorKb, view: TokenView, m: Mention, a: number, b: number): Gram {
  const toks = doc.tokens;
  if (view.hasSyntax && toks[m.t1 - 1].dep) {
    // the dependency of the phrase's head: the last token of the head span; the parts of a
    // name and appositions take the function of the word they hang on ("envoy Yoshiki Mine
    // was": "Mine" is flat under the subject "envoy")
    let head = m.t1 - 1;
    let dep = toks[head].dep ?? '';
    for (let up = 0; up < 3 && NAME_PART_DEPS.has(dep); up++) {
      const h = toks[head].head ?? -1;
      if (h < 0 || h >= toks.length || h === head) break;
      head = h;
      dep = toks[h].dep ?? '';
    }
    if (dep.startsWith('nsubj') || dep.startsWith('csubj')) return 'subj';
    if (dep === 'obj' || dep === 'iobj') return 'obj';
    if (dep === 'obl' || dep.startsWith('nmod') || dep === 'obl:tmod') return 'obl';
    if (dep === 'conj') {
      const h = toks[head].head ?? -1;
      const hd = h >= 0 && h < toks.length ? (toks[h].dep ?? '') : '';
      if (hd.startsWith('nsubj')) return 'subj';
    }
    return 'other';
  }
  const keys = view.keys;
  const before = m.x0 - 1 >= a ? keys[m.x0 - 1] : '';
  const after = m.x1;
  if (before !== '' && PREPOSITIONS.has(before)) return 'obl';
  const openerBefore =
    before === '' ||
    /^[,;:"“”(—–-]$/.test(before) ||
    before === "''" ||
    CLAUSE_OPENERS.has(before) ||
    kb.lexicon.get(before)?.features === 'speech';
  if (openerBefore) {
    // the verb may follow an apposition or adverb: "Kim, the envoy, said"; "North Korea also said"
    let k = after;
    if (
      k < b &&
      ['also', 'then', 'still', 'now', 'never', 'often', 'already', 'has', 'have', 'had'].includes(keys[k]) &&
      k + 1 < b
    )
      k++;
    if (k < b && isVerbLike(doc, kb, view, k)) return 'subj';
    if (m.type === 'pronoun' && m.pronoun && !m.pronoun.possessive) return 'subj';
  }
  if (before !== '' && /^[a-z]+$/.test(before) && isVerbLike(doc, kb, view, m.x0 - 1)) return 'obj';
  return 'other';
}
