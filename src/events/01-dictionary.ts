// The event pattern dictionary: data/events/patterns/NN-*.tsv (one file per CAMEO root),
// compiled once into a map from anchor lemma to the entries it can fire.
//
// A pattern is a sequence of elements separated by spaces. Each element is a list of
// alternatives separated by `|`; an alternative may join several words with `_` ("walk_out",
// "state_of_emergency"). The anchor (the word the event hangs on) is the element marked with
// `*`, else the first word. Other elements:
//   word     a lemma that must follow the anchor (or precede it, when written before the anchor),
//            either within a few words or as a dependent of the anchor in the parse
//   +        the target: an actor (after a preposition: its object; else the anchor's object)
//   $        the source, for nominal events ("attack by $ on +")
//   ~        a complement clause ("call on + to ~"): its event gives the composed code
//   <w       the anchor's subject must be a noun with lemma w ("talks broke down")
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElementKind = 'word' | 'target' | 'source' | 'clause' | 'subject';

export interface Element {
  kind: ElementKind;
  /** Alternatives, each a list of lemmas that follow one another. */
  alts: string[][];
  /** Written before the anchor. */
  before: boolean;
}

export type ComposeClass = 'intent' | 'appeal' | 'demand' | 'reject' | 'threaten';

export interface EntryFlags {
  /** A meeting-like event: coded in both directions. */
  sym: boolean;
  /** May be coded with a source and no target. */
  solo: boolean;
  /**
   * A relation between two sides: one way when the text names the other side ("Senegal broke ties
   * with Iran"), both ways among coordinated subjects that name none ("Iran and Iraq cut ties").
   */
  mutual: boolean;
  /** A denial: the act its clause or the claim its object names ("denied reports that ...") did not happen. */
  denies: boolean;
  /** The code comes from the act in the complement (compose.tsv). */
  compose: ComposeClass | null;
  /** Code when the anchor is negated ("would not comment" = 011). */
  neg: string | null;
  /** Fires only when negated. */
  negOnly: boolean;
  /** Code when the event is in the future ("will meet" = 036). */
  fut: string | null;
  /** A statement verb: a blameworthy act in its content is an accusation. */
  accuse: boolean;
  /** Only as the act inside a complement ("settle the dispute" under "call on X to"). */
  comp: boolean;
  /** Weak intent verbs ("plan", "hope"): without an act in the complement nothing is coded. */
  weak: boolean;
  /** Coded only when nothing else is coded in the sentence (plain statements: "X said"). */
  fallback: boolean;
  /** Code when the verb reports content in a clause ("..., a rights group protested" = 114). */
  say: string | null;
  /** The subject receives: it is the target, the `$` slot the source ("received aid from $"). */
  recv: boolean;
  /** Fits only when every actor slot is filled ("called Obama" is a phone call, "called the plan a start" is not). */
  full: boolean;
  /**
   * A predicative complement of the object ("called the plan a good start", "described the talks as
   * useful"): `need` fits only with one, `forbid` only without ("called Putin" is a phone call).
   */
  pred: 'need' | 'forbid' | null;
}

export interface Entry {
  id: string;
  code: string;
  pattern: string;
  anchorPos: 'verb' | 'noun' | 'adj';
  /** Anchor alternatives (each possibly several words). */
  anchors: string[][];
  elements: Element[];
  flags: EntryFlags;
  examples: string[];
  source: string;
  file: string;
  line: number;
  /** Order of the entry in the dictionary (earlier wins ties). */
  order: number;
  /** How many elements the pattern has, for specificity. */
  weight: number;
}

export interface Dictionary {
  entries: Entry[];
  /** First anchor word -> entries. */
  byAnchor: Map<string, Entry[]>;
  byId: Map<string, Entry>;
}

export class DictionaryError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

function parseAlts(s: string): string[][] {
  return s
    .split('|')
    .filter((a) => a !== '')
    .map((a) => a.toLowerCase().split('_').filter(Boolean));
}

/** Parse one pattern string into its anchor and elements. */
export function parsePattern(
  pattern: string,
  where: { file: string; line: number },
): { anchors: string[][]; elements: Element[] } {
  const parts = pattern.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) throw new DictionaryError(where.file, where.line, 'empty pattern');
  let anchorAt = parts.findIndex((p) => p.startsWith('*'));
  if (anchorAt < 0) anchorAt = 0;
  const anchorText = parts[anchorAt].replace(/^\*/, '');
  if (/[+$~<]/.test(anchorText)) throw new DictionaryError(where.file, where.line, 'the anchor must be a word');
  const anchors = parseAlts(anchorText);
  if (anchors.length === 0) throw new DictionaryError(where.file, where.line, 'no anchor word');
  const elements: Element[] = [];
  parts.forEach((p, i) => {
    if (i === anchorAt) return;
    const before = i < anchorAt;
    if (p === '+') elements.push({ kind: 'target', alts: [], before });
    else if (p === '$') elements.push({ kind: 'source', alts: [], before });
    else if (p === '~') elements.push({ kind: 'clause', alts: [], before });
    else if (p.startsWith('<')) elements.push({ kind: 'subject', alts: parseAlts(p.slice(1)), before });
    else if (/^[a-z][a-z'-]*([_|][a-z][a-z'-]*)*$/i.test(p))
      elements.push({ kind: 'word', alts: parseAlts(p), before });
    else throw new DictionaryError(where.file, where.line, `bad element "${p}"`);
  });
  return { anchors, elements };
}

const COMPOSE = new Set<ComposeClass>(['intent', 'appeal', 'demand', 'reject', 'threaten']);

function parseFlags(s: string, where: { file: string; line: number }, codes: ReadonlySet<string>) {
  const flags: EntryFlags = {
    sym: false,
    solo: false,
    mutual: false,
    denies: false,
    compose: null,
    neg: null,
    negOnly: false,
    fut: null,
    accuse: false,
    comp: false,
    weak: false,
    fallback: false,
    say: null,
    recv: false,
    full: false,
    pred: null,
  };
  let anchorPos: Entry['anchorPos'] = 'verb';
  for (const raw of s.split(',')) {
    const f = raw.trim();
    if (!f) continue;
    const [k, v] = f.split('=');
    const needCode = () => {
      if (!v || !codes.has(v))
        throw new DictionaryError(where.file, where.line, `flag ${k}: unknown CAMEO code "${v}"`);
      return v;
    };
    switch (k) {
      case 'sym':
        flags.sym = true;
        break;
      case 'solo':
        flags.solo = true;
        break;
      case 'mutual':
        flags.mutual = true;
        break;
      case 'denies':
        flags.denies = true;
        break;
      case 'noun':
        anchorPos = 'noun';
        break;
      case 'adj':
        anchorPos = 'adj';
        break;
      case 'accuse':
        flags.accuse = true;
        break;
      case 'comp':
        flags.comp = true;
        break;
      case 'fallback':
        flags.fallback = true;
        break;
      case 'weak':
        flags.weak = true;
        break;
      case 'recv':
        flags.recv = true;
        break;
      case 'full':
        flags.full = true;
        break;
      case 'pred':
        flags.pred = 'need';
        break;
      case 'nopred':
        flags.pred = 'forbid';
        break;
      case 'neg':
        flags.neg = needCode();
        break;
      case 'negonly':
        flags.neg = needCode();
        flags.negOnly = true;
        break;
      case 'fut':
        flags.fut = needCode();
        break;
      case 'say':
        flags.say = needCode();
        break;
      case 'compose':
        if (!COMPOSE.has(v as ComposeClass))
          throw new DictionaryError(where.file, where.line, `unknown compose class "${v}"`);
        flags.compose = v as ComposeClass;
        break;
      default:
        throw new DictionaryError(where.file, where.line, `unknown flag "${k}"`);
    }
  }
  return { flags, anchorPos };
}

/** Parse one dictionary file's text. `codes` are the valid CAMEO codes. */
export function parseDictionaryFile(text: string, file: string, codes: ReadonlySet<string>, startOrder = 0): Entry[] {
  const out: Entry[] = [];
  let source = '';
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    const where = { file, line: i + 1 };
    if (line.startsWith('#')) {
      const m = /^#\s*source:\s*(.+)$/.exec(line);
      if (m) source = m[1].trim();
      return;
    }
    if (line.trim() === '') return;
    const cols = line.split('\t');
    if (cols.length < 3) throw new DictionaryError(file, i + 1, 'expected id, code, pattern, flags, example');
    const [id, code, pattern, flagText = '', example = '', ownSource = ''] = cols.map((c) => c.trim());
    if (!/^[0-9]{2}-[a-z0-9-]+$/.test(id)) throw new DictionaryError(file, i + 1, `bad id "${id}"`);
    if (!codes.has(code)) throw new DictionaryError(file, i + 1, `unknown CAMEO code "${code}"`);
    const { anchors, elements } = parsePattern(pattern, where);
    const { flags, anchorPos } = parseFlags(flagText, where, codes);
    if (flags.compose === null && elements.some((e) => e.kind === 'clause') && !flags.accuse)
      throw new DictionaryError(file, i + 1, '"~" needs a compose= or accuse flag');
    out.push({
      id,
      code,
      pattern,
      anchorPos,
      anchors,
      elements,
      flags,
      examples: example ? example.split(' || ') : [],
      source: ownSource || source,
      file,
      line: i + 1,
      order: startOrder + out.length,
      weight: elements.reduce((w, e) => w + (e.kind === 'word' || e.kind === 'subject' ? 2 : 1), 0),
    });
  });
  return out;
}

/** Load and compile every `NN-*.tsv` of `dir`. Throws DictionaryError on a malformed entry. */
export function loadDictionary(dir: string, codes: ReadonlySet<string>): Dictionary {
  const files = readdirSync(dir)
    .filter((f) => /^\d\d-.*\.tsv$/.test(f))
    .sort();
  const entries: Entry[] = [];
  for (const f of files)
    entries.push(...parseDictionaryFile(readFileSync(join(dir, f), 'utf8'), f, codes, entries.length));
  return compileDictionary(entries);
}

export function compileDictionary(entries: Entry[]): Dictionary {
  const byAnchor = new Map<string, Entry[]>();
  const byId = new Map<string, Entry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new DictionaryError(e.file, e.line, `duplicate id "${e.id}"`);
    byId.set(e.id, e);
    for (const a of e.anchors) {
      const key = a[0];
      let list = byAnchor.get(key);
      if (!list) byAnchor.set(key, (list = []));
      if (!list.includes(e)) list.push(e);
    }
  }
  // most specific first, then dictionary order
  for (const list of byAnchor.values()) list.sort((a, b) => b.weight - a.weight || a.order - b.order);
  return { entries, byAnchor, byId };
}
