// Matching dictionary patterns at an anchor token. Each element of a pattern is looked for in
// two ways: along the words (within a small gap, not across clause breaks), which survives
// parse errors, and in the dependency tree (a dependent of the anchor), which survives word
// order (passives, fronted objects). Actor slots are filled from the actors layer.
import type { Token } from '../doc/types.js';
import type { Element, Entry } from './01-dictionary.js';

/** A sentence prepared for matching: lower-cased lemmas and forms, children lists. */
export interface SentenceView {
  tokens: readonly Token[];
  /** Token range [s0, s1). */
  s0: number;
  s1: number;
  lem: string[];
  low: string[];
  kids: number[][];
  /** Token index -> whether an actor mention covers it. */
  isActor: (j: number) => boolean;
  /** Last token of the actor mention covering `j` (for skipping over it). */
  actorEnd: (j: number) => number;
}

export interface Match {
  entry: Entry;
  anchor: number;
  anchorEnd: number;
  /** Tokens matched by word elements. */
  words: number[];
  /** Head tokens of target / source actor phrases. */
  targets: number[];
  sources: number[];
  /** Head of the complement clause, or -1. */
  clause: number;
  /** Subject noun required by a `<` element, or -1. */
  subject: number;
  /** Actor slots of the pattern left empty (the text names no actor there). */
  missing: number;
}

const GAP_AFTER = 6;
const GAP_BEFORE = 3;
const BARRIER_TEXT = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–', '--', '.', '?', '!']);
const FINITE = new Set(['VBD', 'VBZ', 'VBP', 'MD']);

export function makeView(
  tokens: readonly Token[],
  s0: number,
  s1: number,
  isActor: (j: number) => boolean,
  actorEnd: (j: number) => number,
): SentenceView {
  const n = s1 - s0;
  const lem = new Array<string>(n);
  const low = new Array<string>(n);
  const kids: number[][] = Array.from({ length: n }, () => []);
  for (let j = s0; j < s1; j++) {
    const t = tokens[j];
    low[j - s0] = (t.norm ?? t.text).toLowerCase();
    lem[j - s0] = (t.lemma ?? t.norm ?? t.text).toLowerCase();
    const h = t.head;
    if (h !== undefined && h >= s0 && h < s1 && h !== j) kids[h - s0].push(j);
  }
  return { tokens, s0, s1, lem, low, kids, isActor, actorEnd };
}

export const lemOf = (v: SentenceView, j: number) => v.lem[j - v.s0];
export const lowOf = (v: SentenceView, j: number) => v.low[j - v.s0];
export const kidsOf = (v: SentenceView, j: number): number[] => (j >= v.s0 && j < v.s1 ? v.kids[j - v.s0] : []);

/** Candidate base forms of a regular -ed / -ing verb form ("freed" -> free, "stopped" -> stop). */
export function stems(x: string): string[] {
  const out: string[] = [];
  const undouble = (b: string) => (b.length > 3 && b.at(-1) === b.at(-2) ? [b.slice(0, -1)] : []);
  if (x.length > 4 && x.endsWith('ied')) out.push(`${x.slice(0, -3)}y`);
  else if (x.length > 3 && x.endsWith('ed')) out.push(x.slice(0, -1), x.slice(0, -2), ...undouble(x.slice(0, -2)));
  else if (x.length > 5 && x.endsWith('ing'))
    out.push(x.slice(0, -3), `${x.slice(0, -3)}e`, ...undouble(x.slice(0, -3)));
  return out;
}

function wordIs(v: SentenceView, j: number, w: string): boolean {
  const l = lemOf(v, j);
  if (l === w) return true;
  const x = lowOf(v, j);
  if (x === w) return true;
  // a verb form the lemmatizer got wrong ("freed" -> "fre") or left alone (an "-ed" adjective)
  if (
    (l.length < x.length - 1 || l === x) &&
    (x.endsWith('ed') || x.endsWith('ing')) &&
    x.startsWith(w.slice(0, -1)) &&
    stems(x).includes(w)
  )
    return true;
  // plural nouns the lemmatizer left alone ("troops", "talks")
  if (x.length > w.length && x.charCodeAt(x.length - 1) === 115 /* s */ && x.startsWith(w)) {
    const rest = x.length - w.length;
    return rest === 1 || (rest === 2 && x.endsWith('es'));
  }
  return w.endsWith('y') && x === `${w.slice(0, -1)}ies`;
}

/** Pattern words are common words: a proper noun ("March", "Strike Force") never matches one. */
function commonWordIs(v: SentenceView, j: number, w: string): boolean {
  // a capital at the start of the sentence says nothing about being a name, and a word written
  // in lower case is none whatever its tag ("NATO jets" tagged as one name)
  return (v.tokens[j].pos !== 'PROPN' || j === v.s0 || lowOf(v, j) === v.tokens[j].text) && wordIs(v, j, w);
}

/** Match alternative `alt` starting at token j; returns its last token or -1. */
export function matchAlt(v: SentenceView, j: number, alt: readonly string[]): number {
  if (j < v.s0 || j >= v.s1 || !commonWordIs(v, j, alt[0])) return -1;
  let last = j;
  for (let k = 1; k < alt.length; k++) {
    let found = -1;
    // the next word within two tokens, or a particle attached to the head
    // (a preposition heading a phrase of its own is not part of the verb one word further
    // on: "called Putin on Tuesday" is a phone call, not "call on")
    for (let x = last + 1; x < Math.min(v.s1, last + 3); x++)
      if (wordIs(v, x, alt[k]) && (x === last + 1 || v.tokens[x].dep !== 'case')) {
        found = x;
        break;
      }
    if (found < 0)
      for (const c of kidsOf(v, j))
        if (c > j && wordIs(v, c, alt[k]) && (v.tokens[c].dep ?? '').startsWith('compound:prt')) found = c;
    if (found < 0) return -1;
    last = found;
  }
  return last;
}

function isBarrier(v: SentenceView, j: number): boolean {
  const t = v.tokens[j];
  if (BARRIER_TEXT.has(t.text)) return true;
  if (t.pos === 'CCONJ' || t.pos === 'SCONJ' || t.pos === 'AUX') return true;
  // a finite verb or an infinitive starts another clause ("pledged to send aid")
  if (t.pos === 'VERB' && (FINITE.has(t.tag ?? '') || t.tag === 'VB')) return true;
  if (t.pos === 'PART' && t.text.toLowerCase() === 'to') return true;
  return false;
}

function findAfter(v: SentenceView, from: number, alts: string[][]): [number, number] {
  for (let j = from + 1, n = 0; j < v.s1 && n < GAP_AFTER; j++, n++) {
    for (const a of alts) {
      const e = matchAlt(v, j, a);
      if (e >= 0) return [j, e];
    }
    if (isBarrier(v, j)) break;
  }
  return [-1, -1];
}

function findBefore(v: SentenceView, from: number, alts: string[][]): [number, number] {
  for (let j = from - 1, n = 0; j >= v.s0 && n < GAP_BEFORE; j--, n++) {
    for (const a of alts) {
      const e = matchAlt(v, j, a);
      if (e >= 0) return [j, e];
    }
    if (isBarrier(v, j)) break;
  }
  return [-1, -1];
}

/** A dependent of `head` (depth <= 2) matching one of `alts`, not already used. */
const CLAUSE_LINKS = new Set(['xcomp', 'ccomp', 'advcl', 'acl', 'parataxis', 'conj', 'csubj', 'list']);

/** Dependents that, before the anchor, cannot stand for a word the pattern writes after it. */
const BEFORE_ONLY = new Set(['mark', 'case', 'aux', 'cc', 'advmod', 'discourse', 'csubj', 'det']);

/** Dependents that belong to the same clause (not a complement or coordinated clause). */
function sameClauseKids(v: SentenceView, head: number): number[] {
  return kidsOf(v, head).filter((c) => !CLAUSE_LINKS.has((v.tokens[c].dep ?? '').split(':')[0]));
}

function findInTree(
  v: SentenceView,
  head: number,
  alts: string[][],
  used: ReadonlySet<number>,
  after = false,
): [number, number] {
  // a word written after the anchor is not the active subject of a verb anchor ("the minister
  // welcomed ..." is not "welcome minister"), nor a function word before it ("to protest" is not
  // "protest to"); a passive subject is ("the curfew was lifted")
  const level1 = sameClauseKids(v, head).filter((c) => {
    if (!after) return true;
    const d = (v.tokens[c].dep ?? '').split(':')[0];
    if (v.tokens[head].pos === 'VERB' && v.tokens[c].dep === 'nsubj') return false;
    return c > head || !BEFORE_ONLY.has(d);
  });
  for (const depth of [level1, level1.flatMap((c) => sameClauseKids(v, c))])
    for (const c of depth) {
      if (used.has(c)) continue;
      for (const a of alts) {
        const e = matchAlt(v, c, a);
        if (e >= 0) return [c, e];
      }
    }
  return [-1, -1];
}

const SKIP_TO_ACTOR = new Set(['DET', 'ADJ', 'NUM', 'ADV', 'PUNCT']);

/** The first actor token after `from` within a few determiners/adjectives; -1 if none. */
function actorAfter(v: SentenceView, from: number, max = 4): number {
  for (let j = from + 1, n = 0; j < v.s1 && n < max; j++, n++) {
    if (v.isActor(j)) return j;
    const t = v.tokens[j];
    // "were killed when gunmen opened fire": a wh-adverb opens another clause
    if (!SKIP_TO_ACTOR.has(t.pos ?? '') || BARRIER_TEXT.has(t.text) || t.tag === 'WRB') return -1;
  }
  return -1;
}

function actorBefore(v: SentenceView, from: number, max = 3): number {
  for (let j = from - 1, n = 0; j >= v.s0 && n < max; j--, n++) {
    if (v.isActor(j)) return j;
    const t = v.tokens[j];
    if (!SKIP_TO_ACTOR.has(t.pos ?? '') && t.dep !== 'case') return -1;
  }
  return -1;
}

/** The head of the phrase of token j within its actor mention (climb while the head is inside). */
function phraseHead(v: SentenceView, j: number): number {
  const end = v.actorEnd(j);
  let h = j;
  for (let guard = 0; guard < 8; guard++) {
    const up = v.tokens[h].head ?? -1;
    if (up < v.s0 || up >= v.s1 || up > end || up < j - 6) break;
    if (!v.isActor(up)) break;
    h = up;
  }
  return h;
}

const CLAUSE_DEPS = new Set(['xcomp', 'ccomp', 'advcl', 'parataxis', 'acl', 'csubj', 'obl', 'nmod', 'obj', 'conj']);
const CLAUSE_POS = new Set(['VERB', 'ADJ', 'AUX', 'NOUN']);

/** The complement clause of `head` after `after`, by the parse, else "to"/"that" + verb. */
function findClause(v: SentenceView, head: number, after: number): number {
  let best = -1;
  for (const c of kidsOf(v, head)) {
    if (c <= after) continue;
    const dep = (v.tokens[c].dep ?? '').split(':')[0];
    if (!CLAUSE_DEPS.has(dep)) continue;
    const pos = v.tokens[c].pos ?? '';
    if (!CLAUSE_POS.has(pos)) continue;
    // nominal complements count only as gerunds or event nouns reached by "to"/"for"/"of"
    if ((dep === 'obl' || dep === 'nmod' || dep === 'obj' || dep === 'conj') && pos !== 'VERB') continue;
    if (dep === 'conj') continue;
    if (best < 0 || c < best) best = c;
  }
  if (best >= 0) return best;
  for (let j = after + 1, n = 0; j < v.s1 && n < 5; j++, n++) {
    const t = v.tokens[j];
    if (t.pos === 'VERB') return j;
    if (BARRIER_TEXT.has(t.text) && t.text !== ',') break;
  }
  return -1;
}

/** Try `entry` at anchor `a`; the match or null. */
export function matchEntry(v: SentenceView, entry: Entry, a: number): Match | null {
  let anchorEnd = -1;
  for (const alt of entry.anchors) {
    const e = matchAlt(v, a, alt);
    if (e >= 0) {
      anchorEnd = e;
      break;
    }
  }
  if (anchorEnd < 0) return null;
  const m: Match = {
    entry,
    anchor: a,
    anchorEnd,
    words: [],
    targets: [],
    sources: [],
    clause: -1,
    subject: -1,
    missing: 0,
  };
  const used = new Set<number>([a, anchorEnd]);
  // elements before the anchor, nearest first
  let pos = a;
  const before = entry.elements.filter((e) => e.before).reverse();
  for (const el of before) {
    const r = matchBefore(v, el, pos, a, used, m);
    if (r < 0) return null;
    pos = r;
  }
  pos = anchorEnd;
  let prevPrep = -1;
  for (const el of entry.elements) {
    if (el.before) continue;
    const r = matchAfterEl(v, el, pos, a, used, m, prevPrep);
    if (r.end < 0) return null;
    prevPrep = r.prep;
    pos = Math.max(pos, r.end);
  }
  return m;
}

function matchBefore(v: SentenceView, el: Element, pos: number, a: number, used: Set<number>, m: Match): number {
  if (el.kind === 'word') {
    let [s, e] = findBefore(v, pos, el.alts);
    if (s < 0) [s, e] = findInTree(v, a, el.alts, used);
    if (s < 0) return -1;
    for (let k = s; k <= e; k++) used.add(k);
    m.words.push(s);
    return s;
  }
  if (el.kind === 'source' || el.kind === 'target') {
    const j = actorBefore(v, pos);
    if (j < 0) return -1;
    (el.kind === 'source' ? m.sources : m.targets).push(phraseHead(v, j));
    return j;
  }
  return -1;
}

function matchAfterEl(
  v: SentenceView,
  el: Element,
  pos: number,
  a: number,
  used: Set<number>,
  m: Match,
  prevPrep: number,
): { end: number; prep: number } {
  switch (el.kind) {
    case 'word': {
      let [s, e] = findAfter(v, pos, el.alts);
      // by the parse, an object word is not inside a prepositional phrase the pattern does not name
      // ("staged a hunger strike ... in protest" is not "stage protest")
      // (an amount's "in"/"of" phrase names what is given: "$50 million in aid", "tonnes of food")
      const amount = (x: number) => {
        const h = v.tokens[x].head ?? -1;
        if (h < v.s0 || h >= v.s1) return false;
        const t = v.tokens[h];
        return t.pos === 'NUM' || t.pos === 'SYM' || kidsOf(v, h).some((k) => v.tokens[k].dep === 'nummod');
      };
      const inPP = (x: number) =>
        prevPrep < 0 &&
        kidsOf(v, x).some((k) => (v.tokens[k].dep ?? '').split(':')[0] === 'case' && k < x) &&
        !amount(x);
      if (s < 0) {
        [s, e] = findInTree(v, a, el.alts, used, true);
        if (s >= 0 && inPP(s)) [s, e] = [-1, -1];
      }
      if (s < 0 && m.words.length) [s, e] = findInTree(v, m.words[m.words.length - 1], el.alts, used);
      // a relative clause whose pronoun stands for the word ("the agreement, which was signed by ...")
      if (s < 0 && !m.words.length) {
        const r = relativeAntecedent(v, a);
        if (r >= 0 && !used.has(r))
          for (const alt of el.alts) {
            const x = matchAlt(v, r, alt);
            if (x >= 0) {
              [s, e] = [r, x];
              break;
            }
          }
      }
      if (s < 0) return { end: -1, prep: -1 };
      for (let k = s; k <= e; k++) used.add(k);
      m.words.push(s);
      const pos2 = v.tokens[s].pos;
      const isPrep = pos2 === 'ADP' || pos2 === 'SCONJ' || (pos2 === 'PART' && lowOf(v, s) === 'to');
      return { end: e, prep: isPrep ? s : -1 };
    }
    case 'source':
    case 'target': {
      let j = -1;
      if (prevPrep >= 0) {
        // the object of the preposition: by the parse, else the next actor
        const h = v.tokens[prevPrep].head ?? -1;
        if (h > prevPrep && h < v.s1 && v.isActor(h)) j = h;
        if (j < 0) j = actorAfter(v, prevPrep);
      } else {
        j = actorAfter(v, pos);
        if (j < 0)
          for (const c of kidsOf(v, a)) {
            const dep = v.tokens[c].dep ?? '';
            if ((dep === 'obj' || dep === 'iobj') && v.isActor(c)) {
              j = c;
              break;
            }
          }
      }
      if (j < 0) {
        // no actor where the pattern has a slot: the pattern still fits, less well
        m.missing++;
        return { end: pos, prep: -1 };
      }
      const head = phraseHead(v, j);
      (el.kind === 'source' ? m.sources : m.targets).push(head);
      return { end: Math.max(v.actorEnd(j), head), prep: -1 };
    }
    case 'clause': {
      const c = findClause(v, a, a) >= 0 ? findClause(v, a, a) : findClause(v, a, pos);
      if (c < 0) {
        // no clause: a noun after the last preposition may name the act ("threatened Iran with sanctions")
        const n = prevPrep >= 0 ? (v.tokens[prevPrep].head ?? -1) : -1;
        m.clause = n > prevPrep && n < v.s1 ? n : -1;
        if (m.clause < 0) m.missing++;
        return { end: pos, prep: -1 };
      }
      m.clause = c;
      return { end: pos, prep: -1 };
    }
    case 'subject': {
      // the subject, a gerund subject ("Fighting broke out"), or the noun a headline-like clause
      // was hung under as a modifier ("Clashes erupted in ..." parsed as a noun phrase)
      const cands = kidsOf(v, a).filter((c) => /^(nsubj|csubj)/.test(v.tokens[c].dep ?? ''));
      const h = v.tokens[a].head ?? -1;
      if (!cands.length && h === a - 1 && h >= v.s0 && (v.tokens[a].dep ?? '') === 'acl') cands.push(h);
      // ("500 tons of aid arrived": the amount's "of" phrase names what arrived)
      for (const c of [...cands]) {
        const kc = kidsOf(v, c);
        if (v.tokens[c].pos !== 'NUM' && !kc.some((k) => v.tokens[k].dep === 'nummod')) continue;
        for (const k of kc)
          if ((v.tokens[k].dep ?? '').startsWith('nmod') && kidsOf(v, k).some((x) => lowOf(v, x) === 'of'))
            cands.push(k);
      }
      for (const c of cands) {
        if (el.alts.some((alt) => matchAlt(v, c, alt) >= 0)) {
          m.subject = c;
          return { end: pos, prep: -1 };
        }
      }
      return { end: -1, prep: -1 };
    }
  }
}

/**
 * Whether verb `a` has a predicative complement of its object: "called the plan a good start",
 * "called the sanctions illegal" (a nominal or adjectival xcomp, or a second, common-noun object),
 * "described the talks as useful" (an "as" phrase after the object).
 */
export function hasPredicative(v: SentenceView, a: number): boolean {
  const kids = kidsOf(v, a);
  const dep = (k: number) => v.tokens[k].dep ?? '';
  const obj = kids.some((k) => dep(k) === 'obj' || dep(k) === 'iobj');
  for (const k of kids) {
    if (k < a) continue;
    const t = v.tokens[k];
    const d = dep(k).split(':')[0];
    if (d === 'xcomp' && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'NUM')) return true;
    if (d === 'obj' && t.pos === 'NOUN' && kids.some((o) => o < k && o > a && dep(o) === 'iobj')) return true;
    if (obj && (d === 'obl' || d === 'advcl') && kidsOf(v, k).some((x) => x < k && lowOf(v, x) === 'as')) return true;
  }
  return false;
}

const RELATIVE = new Set(['which', 'that', 'whom']);

/**
 * The noun a relative clause headed by verb `a` is about, when the clause's relative pronoun is
 * its object or passive subject ("the aid that Japan sent", "the treaty, which was signed by"); else -1.
 */
export function relativeAntecedent(v: SentenceView, a: number): number {
  const t = v.tokens[a];
  if (t.pos !== 'VERB' || t.dep !== 'acl:relcl') return -1;
  const h = t.head ?? -1;
  if (h < v.s0 || h >= a) return -1;
  const rel = kidsOf(v, a).some(
    (k) => k < a && RELATIVE.has(lowOf(v, k)) && (v.tokens[k].dep === 'obj' || v.tokens[k].dep === 'nsubj:pass'),
  );
  return rel ? h : -1;
}

/** Whether a token's part of speech fits the entry's anchor. */
export function anchorFits(entry: Entry, t: Token): boolean {
  const pos = t.pos ?? '';
  if (entry.anchorPos === 'noun') return pos === 'NOUN' || pos === 'PROPN';
  if (entry.anchorPos === 'adj') return pos === 'ADJ' || (pos === 'VERB' && (t.tag === 'VBN' || t.tag === 'JJ'));
  return pos === 'VERB' || (pos === 'ADJ' && t.tag === 'VBN') || (pos === '' && !t.tag);
}
