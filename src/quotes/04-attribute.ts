// Attributions: who said what. Two sources of evidence meet here:
//  - cues found in the parse: a speech or cognition verb outside quotation marks with its
//    complement (ccomp, a "that" clause read as parataxis, an infinitive or an object, as the
//    cue's entry in data/quotes/cues.tsv allows) and its subject, or "according to X";
//  - quotation segments (02-marks.ts): each is given the cue whose complement lies in it, else
//    the nearest cue of the same sentence ("X," he said / he said: "X" / said Caddell), else
//    the speaker of the quote just before it when nothing but that quote's attribution lies
//    between them (a quote carried on in the next sentence or paragraph); with no known cue near
//    it, the verb no list knows of a clause right after it ("“...,” Trump barked.") or before a
//    colon that opens it ("Trump went even further: “...”"), or a name before that colon.
// Content pieces exclude the cue and the speaker. Everything is linear in the document size.
import type { Doc } from '../doc/doc.js';
import type { QuoteKind, Span } from '../doc/types.js';
import { sentenceRange } from '../syntax/tree.js';
import type { CueEntry, Frame, QuoteLexicon } from './01-lexicon.js';
import { findQuoteSegments, type QuoteSegment } from './02-marks.js';
import {
  buildParseView,
  depOf,
  frameLemma,
  frameRelation,
  headOf,
  kid,
  kids,
  type ParseView,
  subtreeRange,
  trimPunct,
} from './03-tree.js';
import { actorKinds, attributionFeatures, type FilterModel, nestingFeatures, scoreFeatures } from './06-filter.js';

export interface Attribution {
  kind: QuoteKind;
  /** Content pieces (character spans), in text order. */
  pieces: Span[];
  /** Speaker noun phrase as a token range [a, b] inclusive, and its head token; -1 when none. */
  speakerFirst: number;
  speakerLast: number;
  speakerHead: number;
  /** Cue tokens [a, b] inclusive; -1 when none. */
  cueFirst: number;
  cueLast: number;
  cue: CueEntry | null;
  /** Addressee of "told X" (token range), for `via`. */
  addresseeFirst: number;
  addresseeLast: number;
  /** The attribution this one continues (a quote carried on), or -1. */
  carriedFrom: number;
  /** Indexes of the quotation segments it contains. */
  segments: number[];
  confidence: number;
  /** How it was found (for --explain). */
  how: string;
  /**
   * Another reading of the same cue's complement ("accused them of X": the object or the "of"
   * phrase), made from the learned frames: the attribution it is an alternative to. Of a cue's
   * readings only the one the learned check scores highest stays.
   */
  alternativeOf?: Attribution;
  /** The learned check's score, when it ran. */
  score?: number;
}

interface CueHit {
  token: number;
  last: number;
  entry: CueEntry;
  /** Content token ranges (inclusive); empty when the cue has no complement in the parse. */
  content: Array<[number, number]>;
  subject: [number, number, number] | null; // first, last, head
  addressee: [number, number] | null;
  how: string;
  /** Another reading of the complement of the cue hit before it (same token). */
  alternative?: boolean;
}

const SUBJECT_RELS = ['nsubj'] as const;
/** Tokens that may sit between a cue and its subject in "said Caddell", "says the report". */
const NP_POS = new Set(['PROPN', 'NOUN', 'DET', 'ADJ', 'NUM', 'PRON']);

function isPassiveSubject(v: ParseView, j: number): boolean {
  return depOf(v, j).startsWith('nsubj:pass') || depOf(v, j).startsWith('csubj');
}

/** The subject of cue verb `c`: its nsubj, else (for "and says", "adding") its governor's. */
function subjectOf(v: ParseView, c: number, isTime: (i: number) => boolean): [number, number, number] | null {
  let x = c;
  for (let hop = 0; hop < 3 && x >= 0; hop++) {
    const s = kids(v, x, SUBJECT_RELS).find((j) => !isPassiveSubject(v, j));
    if (s !== undefined) {
      if (isTime(s)) return null;
      let [a, b] = speakerRange(v, s, c);
      if (s > c) b = invertedEnd(v, b);
      return [a, b, s];
    }
    const dep = depOf(v, x);
    if (!(dep.startsWith('conj') || dep.startsWith('xcomp') || dep.startsWith('advcl'))) break;
    x = headOf(v, x);
  }
  return null;
}

/**
 * The end of a subject after its cue ("said Carmel Martin, executive vice president for policy for
 * the Center for American Progress, a liberal think tank."): such a subject closes the sentence,
 * so it runs to the sentence end, stopping at a quotation mark, a relative clause on an inner
 * noun, or a comma before a new clause (", adding that ...").
 */
function invertedEnd(v: ParseView, b: number): number {
  let sentence = v.tokens[b].sentence;
  let k = b + 1;
  for (; k < v.tokens.length; k++) {
    // a sentence break inside a word ("(D-N.|Y.)") is the splitter's slip, not an end
    if (v.tokens[k].sentence !== sentence) {
      if (v.tokens[k].start !== v.tokens[k - 1].end) break;
      sentence = v.tokens[k].sentence;
    }
    const w = v.lower[k];
    if (/^["“”'‘’«»]+$/.test(w) || RELATIVE.has(w)) break;
    if (w === ',' && k + 1 < v.tokens.length && /^(VERB|SCONJ|ADV|AUX|PRON)$/.test(v.tokens[k + 1].pos ?? '')) break;
    if (w === ';' || w === ':') break;
  }
  let e = k - 1;
  while (e > b && /^[\W_]+$/.test(v.tokens[e].text) && v.tokens[e].text !== ')') e--;
  return e;
}

/** Dependents of a speaker noun that are not part of its phrase ("Mr. Obama, dedicating the museum"). */
const NOT_IN_PHRASE = ['acl', 'advcl', 'parataxis', 'dep', 'punct', 'discourse', 'dislocated', 'vocative'];
const WH = new Set(['what', 'whatever', 'how', 'why']);
const OPENING = new Set(['(', '[', '“', '‘']);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '”': '“', '’': '‘' };

/**
 * The speaker phrase of subject `s` of cue `c`: its subtree without clauses hanging on it, without
 * dependents set off before it by a comma ("Climate change, Mr. Obama"), keeping a closing
 * bracket that has its opening inside ("Sen. David Perdue (R-Ga.)") and, for a phrase with an
 * appositive before the cue, the comma that closes the appositive ("Brian Fallon, the
 * campaign's press secretary, said").
 */
function speakerRange(v: ParseView, s: number, c: number): [number, number] {
  const skip = new Set<number>();
  for (let k = v.childStart[s]; k < v.childStart[s + 1]; k++) {
    const j = v.childIndex[k];
    const dep = depOf(v, j);
    const base = dep.split(':')[0];
    if (NOT_IN_PHRASE.includes(base) && dep !== 'acl:relcl') skip.add(j);
  }
  // a prepositional phrase set off by a comma is an adjunct, not part of the name
  // ("Rep. Elijah Cummings, the top Democrat, in a statement")
  for (let k = v.childStart[s]; k < v.childStart[s + 1]; k++) {
    const j = v.childIndex[k];
    if (j < s || !depOf(v, j).startsWith('nmod')) continue;
    let f = v.first[j];
    while (f < j && /^[\W_]+$/.test(v.tokens[f].text)) f++;
    if (f > 0 && v.lower[f - 1] === ',' && v.tokens[f].pos === 'ADP') skip.add(j);
  }
  let [a, b] = subtreeRange(v, s, skip);
  // a comma between a pre-head dependent and the head cuts the phrase there
  for (let k = s - 1; k > a; k--)
    if (
      v.lower[k] === ',' ||
      v.lower[k] === '—' ||
      v.lower[k] === '--' ||
      (v.lower[k] === '-' && v.tokens[k].spaceAfter)
    ) {
      a = k + 1;
      break;
    }
  [a, b] = trimPunct(v, a, b);
  // "what Trump says": the wh-word is not part of the speaker
  if (a < b && WH.has(v.lower[a])) a++;
  // a closing bracket or quote whose opening is inside the phrase stays
  const nb = b + 1;
  if (nb < v.tokens.length && nb < c && CLOSING[v.tokens[nb].text] !== undefined) {
    const open = CLOSING[v.tokens[nb].text];
    for (let k = a; k <= b; k++)
      if (v.tokens[k].text === open) {
        b = nb;
        break;
      }
  }
  void OPENING;
  // "Brian Fallon, the campaign's press secretary, said": the closing comma of the appositive
  if (b + 1 < c && v.lower[b + 1] === ',') {
    for (let k = a; k <= b; k++)
      if (v.lower[k] === ',') {
        b = b + 1;
        break;
      }
  }
  return [a, b];
}

const NOUN_PREP = new Set(['of', 'for', 'from', 'at', 'with', 'in', 'on', 'by']);
const POSSESSIVE = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
const PRE_NOUN = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);

/**
 * Span repairs of a speaker phrase [a, b] (head h) of cue `c` that the parse cuts short:
 *  - words right before a phrase that precedes its cue, in one run of nominals, belong to it
 *    ("Republican presidential candidate Donald Trump", "Voting rights advocates"), and so does
 *    a coordination of nominals ("China and Russia", "Federal and state officials");
 *  - an opening bracket inside the phrase keeps its closing one ("Rep. Joseph Crowley (D-N.Y.)");
 *  - a word joined by a hyphen without spaces is not split ("Ban Ki-moon").
 */
function repairSpeaker(
  v: ParseView,
  subject: [number, number, number],
  c: number,
  begin: number,
  end: number,
  isTime: (i: number) => boolean,
): [number, number, number] {
  let [a, b] = subject;
  const h = subject[2];
  const nominal = (k: number) =>
    !isTime(k) &&
    (PRE_NOUN.has(v.tokens[k].pos ?? '') ||
      (v.tokens[k].pos === 'PRON' && POSSESSIVE.has(v.lower[k])) ||
      ((v.lower[k] === "'s" || v.lower[k] === '’s') && k > a - 2));
  if (b < c && v.tokens[h].pos !== 'PRON') {
    let k = a - 1;
    let na = a;
    while (k >= begin) {
      if (nominal(k)) na = k;
      else if ((v.lower[k] === 'and' || v.lower[k] === 'or') && k - 1 >= begin && nominal(k - 1)) na = k;
      // "A spokeswoman for Hillary Clinton", "officials from both parties": a noun's prepositional phrase
      else if (
        NOUN_PREP.has(v.lower[k]) &&
        k - 1 >= begin &&
        /^(NOUN|PROPN)$/.test(v.tokens[k - 1].pos ?? '') &&
        !isTime(k - 1)
      )
        na = k;
      else break;
      k--;
    }
    // not the object of a preposition or a verb before it ("After the meeting Obama said")
    if (
      na < a &&
      !(na - 1 >= begin && /^(ADP|VERB|AUX|SCONJ)$/.test(v.tokens[na - 1].pos ?? '')) &&
      v.lower[na] !== 'and'
    )
      a = na;
  }
  // a speaker phrase does not open with a preposition or a conjunction ("After campaign aides
  // insisted") nor run over a colon before its head
  for (let k = h - 1; k >= a; k--)
    if (v.lower[k] === ':' || v.lower[k] === ';') {
      a = k + 1;
      break;
    }
  while (a < h && /^(ADP|SCONJ|CCONJ)$/.test(v.tokens[a].pos ?? '') && v.lower[a] !== 'according') a++;
  // nor end with a time ("David Axelrod on Wednesday", "A group of doctors in 2015")
  for (let k = b; k > h; k--) {
    if (isTime(k) || v.tokens[k].pos === 'DET' || v.tokens[k].pos === 'NUM') continue;
    if (v.tokens[k].pos === 'ADP' && k < b && isTime(b)) {
      b = k - 1;
      while (b > h && /^[,—–-]$/.test(v.lower[b])) b--;
    }
    break;
  }
  // brackets: the closing one within the same run of joined tokens (the sentence splitter may
  // have cut "(D-N.Y.)" after "N.")
  const n = v.tokens.length;
  const joined = (k: number) => k < n && k !== c && v.tokens[k].start === v.tokens[k - 1].end;
  let open = 0;
  for (let k = a; k <= b; k++) {
    if (v.lower[k] === '(') open++;
    else if (v.lower[k] === ')') open--;
  }
  if (open > 0)
    for (let k = b + 1; k <= b + 8 && joined(k); k++)
      if (v.lower[k] === ')') {
        b = k;
        break;
      }
  // hyphenated words
  while (
    joined(b + 1) &&
    ((v.lower[b + 1] === '-' && joined(b + 2) && /^\w/.test(v.tokens[b + 2].text)) ||
      (v.lower[b] === '-' && /^\w/.test(v.tokens[b + 1].text)))
  )
    b++;
  void end;
  return [a, b, h];
}

/**
 * The phrase between a closing quotation mark and cue `c` (“...,” Scott Pruitt, the Republican
 * attorney general of Oklahoma, said): names, nouns, appositives and brackets only, no verb. With
 * an inner comma the comma before the cue stays, as in the speaker phrases of subjectOf.
 */
const QUOTE_MARK = /^["“”'‘’«»]+$/;
const QUOTE_END = /^(,|\?|!|…|—|–|-|--|\.\.\.)$/;

function speakerAfterQuote(
  v: ParseView,
  c: number,
  begin: number,
  tokenSeg: Int32Array,
): [number, number, number] | null {
  let k = c - 1;
  while (k >= begin && (v.tokens[k].pos === 'AUX' || v.tokens[k].pos === 'ADV')) k--;
  const b0 = k;
  while (k >= begin && tokenSeg[k] < 0 && !/^["“”'‘’«»]+$/.test(v.tokens[k].text)) {
    const p = v.tokens[k].pos ?? '';
    // a verb of an appositive's clause, or a capitalised word the tagger took for a verb ("United States")
    const inAppositive = p === 'VERB' && (depOf(v, k).startsWith('acl') || /^[A-Z]/.test(v.tokens[k].text));
    if (
      (p === 'VERB' && !inAppositive) ||
      p === 'SCONJ' ||
      (p === 'AUX' && k < b0) ||
      v.lower[k] === ';' ||
      v.lower[k] === ':'
    )
      return null;
    k--;
  }
  // a quotation right before (its closing mark, maybe inside the segment)
  if (k < begin || !(tokenSeg[k] >= 0 || QUOTE_MARK.test(v.tokens[k].text))) return null;
  // a quote that closes a statement ends on a comma, a question or exclamation mark or a dash
  // (“...,” X said), or a comma follows it; a quoted word inside a clause (the “Brexit” problem,
  // she added) is no quote before its speaker
  const lastInQuote = QUOTE_MARK.test(v.tokens[k].text) ? k - 1 : k;
  if (!(lastInQuote >= 0 && QUOTE_END.test(v.tokens[lastInQuote].text)) && v.lower[k + 1] !== ',') return null;
  let [a, b] = trimPunct(v, k + 1, b0);
  if (b < a || !/^(PROPN|NOUN|DET|ADJ|NUM)$/.test(v.tokens[a].pos ?? '')) return null;
  let head = -1;
  for (let j = a; j <= b; j++)
    if (/^(PROPN|NOUN)$/.test(v.tokens[j].pos ?? '')) {
      head = j;
      // the name before an appositive
      if (j + 1 <= b && v.lower[j + 1] === ',') break;
    }
  if (head < 0 || b - a > 40) return null;
  // the closing bracket of a party tag, the period of an abbreviation ("R-Ky."), the comma that
  // closes an appositive
  if (v.lower[b0] === ')' && b < b0) b = b0;
  if (
    b + 1 < c &&
    v.lower[b + 1] === '.' &&
    v.tokens[b + 1].start === v.tokens[b].end &&
    /^[A-Z][A-Za-z]{0,2}$/.test(v.tokens[b].text)
  )
    b++;
  let inner = false;
  for (let j = a; j < b; j++) if (v.lower[j] === ',') inner = true;
  if (inner && b + 1 < c && v.lower[b + 1] === ',') b++;
  return [a, b, head];
}

/** A relative clause on an inner noun of the appositive (", which represents ...") ends the speaker phrase. */
const RELATIVE = new Set(['which', 'whose']);
const BRACKET_INNER = /^[()\-.]$/;

/** The noun phrase that ends right before the cue ("Rep. Gwen Moore (D-Wis.) said"), skipping auxiliaries and adverbs. */
function subjectBefore(
  v: ParseView,
  c: number,
  begin: number,
  isTime: (i: number) => boolean,
): [number, number, number] | null {
  let b = c - 1;
  while (b >= begin && (v.tokens[b].pos === 'AUX' || v.tokens[b].pos === 'ADV' || v.tokens[b].pos === 'PART')) b--;
  if (b < begin) return null;
  // a bracketed party tag after a name: "(D-Wis.)"
  let a = b;
  if (v.lower[a] === ')') {
    let k = a - 1;
    while (k >= begin && k > a - 8 && v.lower[k] !== '(') k--;
    if (k >= begin && v.lower[k] === '(') a = k - 1;
    else return null;
  }
  const head0 = a;
  while (
    a >= begin &&
    (NP_POS.has(v.tokens[a].pos ?? '') || (BRACKET_INNER.test(v.lower[a]) && a > begin)) &&
    !isTime(a)
  )
    a--;
  a++;
  if (a > head0) return null;
  let head = head0;
  while (head > a && !/^(PROPN|NOUN|PRON)$/.test(v.tokens[head].pos ?? '')) head--;
  if (!/^(PROPN|NOUN|PRON)$/.test(v.tokens[head].pos ?? '')) return null;
  // a lone relative or demonstrative pronoun is not a speaker here
  if (v.tokens[head].pos === 'PRON' && a === head && !/^(he|she|they|i|we|you|it)$/.test(v.lower[head])) return null;
  return [a, b, head];
}

/** "said Caddell", "says the report": the noun phrase right after the cue (parse missed it). */
function subjectAfter(
  v: ParseView,
  c: number,
  end: number,
  isTime: (i: number) => boolean,
): [number, number, number] | null {
  let b = c + 1;
  while (b < end && (v.tokens[b].pos === 'ADV' || v.lower[b] === 'also')) b++;
  const a = b;
  const inNp = (k: number) =>
    NP_POS.has(v.tokens[k].pos ?? '') ||
    (v.lower[k] === '-' && k + 1 < end && v.tokens[k + 1].pos === 'PROPN') ||
    (v.lower[k] === '.' && k + 1 < end && /^[A-Z]/.test(v.tokens[k + 1].text));
  while (b < end && inNp(b) && !isTime(b)) b++;
  if (b === a) return null;
  let last = b - 1;
  // the head: the last noun of the run
  let head = last;
  while (
    head > a &&
    !(v.tokens[head].pos === 'PROPN' || v.tokens[head].pos === 'NOUN' || v.tokens[head].pos === 'PRON')
  )
    head--;
  const pos = v.tokens[head].pos;
  if (pos !== 'PROPN' && pos !== 'NOUN' && pos !== 'PRON') return null;
  // over an appositive to the end of the sentence: "said David Wasserman, House editor for ..."
  // (not over a relative clause: ", who watched the ceremony")
  if (last + 2 < end && v.lower[last + 1] === ',' && /^(DET|ADJ|NOUN|PROPN|NUM)$/.test(v.tokens[last + 2].pos ?? '')) {
    let k = last + 2;
    while (k < end && !/^["“”'‘’]+$/.test(v.tokens[k].text) && !RELATIVE.has(v.lower[k])) k++;
    let e = k - 1;
    while (e > last && /^[\W_]+$/.test(v.tokens[e].text) && v.tokens[e].text !== ')') e--;
    last = e;
  }
  return [a, last, head];
}

const ADVERBIAL_CLAUSE = new Set(['as', 'where', 'when', 'while', 'because', 'if', 'since', 'after', 'before']);

function complementOf(
  v: ParseView,
  c: number,
  e: CueEntry,
  tokenSeg: Int32Array,
): { ranges: Array<[number, number]>; how: string } {
  const f = e.frames;
  const sentenceOf = v.tokens[c].sentence;
  const withThat = (j: number): [number, number] => {
    let a = v.first[j];
    const b = v.last[j];
    // "insists that X": the parser sometimes hangs "that" on the cue, not on the clause
    if (a - 1 > c && v.lower[a - 1] === 'that' && v.tokens[a - 1].sentence === sentenceOf) a--;
    return trimPunct(v, a, b);
  };
  if (f.has('ccomp') || f.has('quote')) {
    // not "as quoted by ...", "where he is attending ...": clauses with their own function word
    const cc = kids(v, c, ['ccomp']).filter((j) => !ADVERBIAL_CLAUSE.has(v.lower[v.first[j]]));
    if (cc.length) {
      // one complement: a quoted one first, else the first after the cue, else the one before
      const quoted = cc.filter((j) => tokenSeg[j] >= 0);
      const pick = quoted.length ? quoted : [cc.find((j) => j > c) ?? cc[cc.length - 1]];
      const ranges = pick.map(withThat);
      // "said relations with Japan remained poor": a subject the parser made the cue's object
      const ob = kid(v, c, ['obj']);
      if (ob > c && ranges.length === 1 && v.last[ob] < ranges[0][0] && v.first[ob] === c + 1)
        ranges[0][0] = v.first[ob];
      return { ranges, how: 'ccomp' };
    }
    // a "that" clause or a colon/quote read as parataxis: only the first after the cue
    const par = kids(v, c, ['parataxis']).filter((j) => j > c && v.lower[j] !== 'that');
    if (par.length && f.has('ccomp')) return { ranges: [withThat(par[0])], how: 'parataxis' };
  }
  if (f.has('xcomp')) {
    const xc = kid(v, c, ['xcomp']);
    if (xc >= 0 && xc > c) return { ranges: [trimPunct(v, v.first[xc], v.last[xc])], how: 'xcomp' };
  }
  if (f.has('obj')) {
    const ob = kid(v, c, ['obj']);
    if (ob >= 0 && ob > c && v.tokens[ob].pos !== 'PRON')
      return { ranges: [trimPunct(v, v.first[ob], v.last[ob])], how: 'obj' };
  }
  // a parenthetical cue: "The economy, he said, is strong" / "..., Japanese media said."
  const dep = depOf(v, c);
  const h = headOf(v, c);
  if (
    h >= 0 &&
    (f.has('ccomp') || f.has('quote')) &&
    (dep.startsWith('parataxis') || (dep.startsWith('conj') && h < c && v.last[c] === v.last[h] - 0))
  ) {
    if (dep.startsWith('parataxis')) {
      const out: Array<[number, number]> = [];
      const a = v.first[h];
      const b = v.last[h];
      const ca = v.first[c];
      const cb = v.last[c];
      if (ca > a) out.push(trimPunct(v, a, ca - 1));
      if (cb < b) out.push(trimPunct(v, cb + 1, b));
      const kept = out.filter(([x, y]) => y >= x && !(y === x && /^\W+$/.test(v.tokens[x].text)));
      if (kept.length) return { ranges: kept, how: 'parenthetical' };
    }
  }
  return { ranges: [], how: '' };
}

const NO_FRAMES: ReadonlySet<Frame> = new Set();
const NO_RATES: ReadonlyMap<string, number> = new Map();
/** Words outside the quotation marks that still leave a complement a direct quote ("Later, \"...\""). */
const FRAME_WORD_POS = new Set(['ADV', 'CCONJ', 'SCONJ', 'INTJ']);
const TIME_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tonight',
  'earlier',
  'later',
  'recently',
  'now',
]);

/** The end of a sentence, carried over breaks inside a word ("(D-N.|Y.)"): the splitter's slips. */
function joinedSentenceEnd(tokens: Doc['tokens'], end: number): number {
  let e = end;
  for (let hop = 0; hop < 3 && e < tokens.length && e > 0 && tokens[e].start === tokens[e - 1].end; hop++)
    e = sentenceRange(tokens, e)[1];
  return e;
}

function firstTokenFrom(tokens: Doc['tokens'], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface AttributionOptions {
  /** Least rate of a learned frame (data/quotes/cue-frames.tsv) for it to count. */
  minRate: number;
  /** Drop attributions of these cue classes whose cue lies inside another attribution's content. */
  dropNested: ReadonlySet<string>;
  /** The learned check of the attributions (none: keep all). */
  filter: FilterModel | null;
  /** Least score of the learned check for an attribution to stay. */
  threshold: number;
  /**
   * Any verb with a clausal complement (ccomp) after it is a candidate (the learned check
   * decides): for cues the lexicon and the learned frames do not know ("he mused that ...").
   * Infinitives and objects of any verb were tried as well: too many for the check to separate.
   */
  generic: boolean;
  /** Training without a model: describe attributions with the structural features (06-filter.ts). */
  richFeatures?: boolean;
  /** Training without a model: describe attributions with the nesting features (06-filter.ts). */
  nestFeatures?: boolean;
  /**
   * Every complement the learned frames allow is a reading of its own ("accused them of X": the
   * object "them" and the "of" phrase); the learned check keeps the best-scoring one per cue.
   * Off: the frame with the best rate only.
   */
  alternatives?: boolean;
  /** Training: receives each attribution with a cue and its features. */
  collect?: (a: Attribution, feats: string[]) => void;
}
export const DEFAULT_OPTIONS: AttributionOptions = {
  minRate: 0.2,
  dropNested: new Set(['other', 'cognition', 'intent']),
  filter: null,
  threshold: 0,
  generic: false,
};

/** Cue `c` in the passive (not "he's sought": the parser may take that 's for "is"). */
function isPassive(v: ParseView, c: number): boolean {
  const aux = kids(v, c, ['aux:pass']);
  if (aux.some((j) => v.lower[j] !== "'s" && v.lower[j] !== '’s')) return true;
  return aux.length === 0 && kids(v, c, ['nsubj:pass']).length > 0;
}

/** Raising verbs: their subject belongs to the content ("He seems to have vanished"). */
const RAISING = new Set(['seem', 'appear']);

export const GENERIC_RELS = ['ccomp'];

/** A candidate complement of any verb: its first clausal complement after it. */
function genericComplement(v: ParseView, c: number): { ranges: Array<[number, number]>; how: string } {
  for (const rel of GENERIC_RELS) {
    const j = kids(v, c, [rel]).find((x) => x > c);
    if (j !== undefined) {
      const r = trimPunct(v, v.first[j], v.last[j]);
      if (r[1] >= r[0]) return { ranges: [r], how: `generic ${rel}` };
    }
  }
  return { ranges: [], how: '' };
}

/**
 * "Mr. Clarke said he decided to ...": an attitude or belief reported inside someone's
 * statement is part of what was said, not a statement of its own. Linear: attributions are
 * swept in order of their content against a running list of open contents.
 */
function dropNested(doc: Doc, attributions: Attribution[], options: AttributionOptions): Int32Array {
  // for each attribution, 1 + the index of an attribution whose content holds its cue (0: none)
  const nested = new Int32Array(attributions.length);
  const spans: Array<{ start: number; end: number; owner: number }> = [];
  for (const [i, a] of attributions.entries())
    if (a.pieces.length && a.cue && a.cueFirst >= 0 && !a.alternativeOf)
      for (const p of a.pieces) spans.push({ start: p.start, end: p.end, owner: i });
  spans.sort((x, y) => x.start - y.start);
  // prefix maximum of ends for "is this offset inside some content"
  const maxEnd = new Int32Array(spans.length);
  let m = -1;
  for (let i = 0; i < spans.length; i++) {
    m = Math.max(m, spans[i].end);
    maxEnd[i] = m;
  }
  const covering = (off: number, own: number): number => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= off) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || maxEnd[lo - 1] <= off) return -1;
    // some span starting before the offset reaches past it: not one of the attribution's own
    for (let i = lo - 1; i >= 0 && maxEnd[i] > off; i--)
      if (spans[i].end > off && spans[i].owner !== own) return spans[i].owner;
    return -1;
  };
  for (const [i, a] of attributions.entries()) {
    if (!a.cue || a.cueFirst < 0) continue;
    const o = covering(doc.tokens[a.cueFirst].start, i);
    if (o < 0) continue;
    nested[i] = o + 1;
    if (options.dropNested.has(a.cue.cls)) a.pieces = [];
  }
  return nested;
}

/**
 * The learned check (06-filter.ts): attributions with a cue whose score is below the model's
 * threshold are dropped; `collect` receives every scored attribution's features (training).
 */
function applyFilter(
  doc: Doc,
  v: ParseView,
  attributions: Attribution[],
  nested: Int32Array,
  options: AttributionOptions,
): void {
  const m = options.filter;
  if (!m && !options.collect) return;
  const kinds = actorKinds(doc);
  const nest = m ? m.nest === true : options.nestFeatures === true;
  // the attribution whose cue each token is (for the cue above another cue in the parse)
  const cueAt = new Int32Array(nest ? v.tokens.length : 0).fill(-1);
  if (nest)
    for (const [i, a] of attributions.entries())
      if (a.cue && a.cueFirst >= 0 && !a.alternativeOf && cueAt[a.cueFirst] < 0) cueAt[a.cueFirst] = i;
  for (const [i, a] of attributions.entries()) {
    // speaker labels ("WALLACE: ...") and bylines ("― Sonya Herridge") are layout, not cues
    if (!a.cue || a.cueFirst < 0 || a.pieces.length === 0 || a.cue === SPEECH_LABEL || a.cue === SPEECH_DASH) continue;
    const feats = attributionFeatures(doc, v, a, nested[i] > 0, kinds, m ? m.rich : options.richFeatures === true);
    if (nest) {
      let outer = nested[i] > 0 ? attributions[nested[i] - 1] : null;
      let via = 'cover';
      // else the nearest cue above this one in the parse ("X said ... after Y proposed Z")
      for (let h = headOf(v, a.cueFirst), d = 0; !outer && h >= 0 && d < 6; h = headOf(v, h), d++)
        if (cueAt[h] >= 0 && cueAt[h] !== i) {
          outer = attributions[cueAt[h]];
          via = 'above';
        }
      nestingFeatures(v, a, outer, via, feats);
    }
    if (options.collect) options.collect(a, feats);
    if (m) a.score = scoreFeatures(m, feats);
  }
  // dropped after all are scored: the nesting features read the outer attribution's content
  if (m)
    for (const a of attributions)
      if (a.score !== undefined && a.pieces.length && a.score < options.threshold) a.pieces = [];
}

/**
 * One reading per cue: of an attribution and its alternatives (`alternativeOf`), the one the
 * learned check scored highest among those it kept; none of the alternatives without a check or
 * when a quotation was given to the first reading.
 */
function chooseReadings(attributions: Attribution[]): void {
  const best = new Map<Attribution, Attribution>();
  for (const a of attributions) {
    const p = a.alternativeOf ?? a;
    if (a.pieces.length === 0 || (p !== a && p.segments.length > 0)) continue;
    const b = best.get(p);
    if (!b || (a.score ?? Number.NEGATIVE_INFINITY) > (b.score ?? Number.NEGATIVE_INFINITY)) best.set(p, a);
  }
  for (const a of attributions) {
    const p = a.alternativeOf ?? a;
    if (a.pieces.length === 0 || (p === a && !best.has(p))) continue;
    const noCheck = a.score === undefined && a.alternativeOf !== undefined;
    if (best.get(p) !== a || noCheck) a.pieces = [];
  }
}

/**
 * The complement of cue `c` by the learned frames: the child (or the head) with the best rate;
 * with `others`, the other children (and the head) whose frame reaches `minRate` are pushed to
 * it as alternative readings, best rate first. With `backoff` (the frames of any cue of the
 * word class: the lemma `*`, for nouns and adjectives `*` with `/n`, `/a`, in data/quotes/cue-frames.tsv), a child whose relation the cue's
 * own frames do not list is a reading too when the relation's rate over all cues reaches
 * `minRate` ("joked about X", "feelings toward X"; how: `learned* rel`), the first one when the
 * own frames give none.
 */
function learnedComplement(
  v: ParseView,
  c: number,
  frames: ReadonlyMap<string, number>,
  minRate: number,
  others?: Array<{ ranges: Array<[number, number]>; how: string }>,
  backoff?: ReadonlyMap<string, number>,
  mark = '*',
): { ranges: Array<[number, number]>; how: string } {
  if (others) {
    const all: Array<{ j: number; rel: string; rate: number; any: boolean }> = [];
    for (let k = v.childStart[c]; k < v.childStart[c + 1]; k++) {
      const j = v.childIndex[k];
      const rel = frameRelation(v, j);
      const r = frames.get(rel);
      if (r !== undefined && r >= minRate) all.push({ j, rel, rate: r, any: false });
      else if (r === undefined && backoff) {
        const b = backoff.get(rel);
        if (b !== undefined && b >= minRate) all.push({ j, rel, rate: b, any: true });
      }
    }
    const childRange = (j: number, rel: string): [number, number] => {
      let a = v.first[j];
      if (rel.startsWith('obl:') || rel.startsWith('nmod:')) {
        const m = kid(v, j, ['case', 'mark']);
        if (m === a) a = m + 1;
      }
      return trimPunct(v, a, v.last[j]);
    };
    all.sort((x, y) => y.rate - x.rate || x.j - y.j);
    let first = learnedComplement(v, c, frames, minRate);
    if (first.ranges.length === 0) {
      for (const x of all) {
        if (!x.any) continue;
        const r = childRange(x.j, x.rel);
        if (r[1] < r[0]) continue;
        first = { ranges: [r], how: `learned${mark} ${x.rel}` };
        break;
      }
      if (first.ranges.length === 0) return first;
    }
    const seen = new Set<string>([first.ranges.map(([a, b]) => `${a}-${b}`).join(',')]);
    const push = (o: { ranges: Array<[number, number]>; how: string }) => {
      const key = o.ranges.map(([a, b]) => `${a}-${b}`).join(',');
      if (o.ranges.length === 0 || seen.has(key)) return;
      seen.add(key);
      others.push(o);
    };
    for (const { j, rel, any } of all) {
      const r = childRange(j, rel);
      if (r[1] >= r[0]) push({ ranges: [r], how: `learned${any ? mark : ''} ${rel}` });
    }
    const fromHead = headComplement(v, c, frames, minRate);
    if (fromHead) push(fromHead);
    return first;
  }
  let best = -1;
  let bestRate = minRate;
  let bestRel = '';
  for (let k = v.childStart[c]; k < v.childStart[c + 1]; k++) {
    const j = v.childIndex[k];
    const rel = frameRelation(v, j);
    const r = frames.get(rel);
    if (r !== undefined && r >= bestRate && !(r === bestRate && best >= 0)) {
      best = j;
      bestRate = r;
      bestRel = rel;
    }
  }
  // "called on North Korea to take concrete steps": the infinitive clause, not the addressee
  if (best >= 0 && bestRel.startsWith('obl')) {
    const clause = kids(v, c, ['xcomp', 'advcl']).find((j) => j > best && v.lower[v.first[j]] === 'to');
    if (clause !== undefined) {
      best = clause;
      bestRel = frameRelation(v, clause);
    }
  }
  if (best >= 0) {
    let a = v.first[best];
    // the preposition of "called for X" is part of the cue, not the content
    if (bestRel.startsWith('obl:') || bestRel.startsWith('nmod:')) {
      const m = kid(v, best, ['case', 'mark']);
      if (m === a) a = m + 1;
    }
    return { ranges: [trimPunct(v, a, v.last[best])], how: `learned ${bestRel}` };
  }
  return headComplement(v, c, frames, minRate) ?? { ranges: [], how: '' };
}

/** The head's phrase without the cue's own, when the cue's relation to its head is a learned frame. */
function headComplement(
  v: ParseView,
  c: number,
  frames: ReadonlyMap<string, number>,
  minRate: number,
): { ranges: Array<[number, number]>; how: string } | null {
  const h = headOf(v, c);
  // a cue in a relative clause ("people it does not acknowledge") does not report its antecedent
  const upRel = frameRelation(v, c);
  const up = h >= 0 && !upRel.startsWith('acl') ? frames.get(`^${upRel}`) : undefined;
  if (h < 0 || up === undefined || up < minRate) return null;
  const out: Array<[number, number]> = [];
  if (v.first[c] > v.first[h]) out.push(trimPunct(v, v.first[h], v.first[c] - 1));
  if (v.last[c] < v.last[h]) out.push(trimPunct(v, v.last[c] + 1, v.last[h]));
  return { ranges: out.filter(([x, y]) => y > x), how: `learned ^${upRel}` };
}

function findCues(
  doc: Doc,
  v: ParseView,
  lex: QuoteLexicon,
  tokenSeg: Int32Array,
  options: AttributionOptions,
): CueHit[] {
  const hits: CueHit[] = [];
  const tokens = doc.tokens;
  // tokens inside a time expression ("said Friday": not a speaker)
  const timeMask = new Uint8Array(tokens.length);
  for (const t of doc.times) {
    let k = firstTokenFrom(tokens, t.start);
    for (; k < tokens.length && tokens[k].start < t.end; k++) timeMask[k] = 1;
  }
  const isTime = (k: number) => timeMask[k] === 1 || TIME_WORDS.has(v.lower[k]);
  // the frames pooled over all verb cues (present only when trained with them)
  const backoff = options.alternatives ? lex.frames.get('*') : undefined;
  // the frames of a verb neither the lexicon nor the learned frames know (present only when trained with them)
  const unknown = options.alternatives ? lex.frames.get('?') : undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (tokenSeg[i] >= 0) continue;
    const t = tokens[i];
    // "according to X, ...": X is the source, the clause X hangs on the content
    if (v.lower[i] === 'according' && i + 1 < tokens.length && v.lower[i + 1] === 'to') {
      const entry = lex.cues.get('according to');
      if (!entry) continue;
      const hit = accordingTo(v, i, entry, tokens.length);
      if (hit) hits.push(hit);
      continue;
    }
    if ((t.pos === 'NOUN' || t.pos === 'ADJ') && v.parsed) {
      const others: Array<{ ranges: Array<[number, number]>; how: string }> = [];
      const hit = nominalCue(v, i, lex, options.minRate, isTime, options.alternatives ? others : undefined);
      if (hit) {
        hits.push(hit);
        const by = hit.how.replace(/^(nominal \([^)]*\)).*$/, '$1');
        for (const o of others)
          if (!(hit.subject && o.ranges.some(([x, y]) => hit.subject![2] >= x && hit.subject![2] <= y)))
            hits.push({ ...hit, content: o.ranges, how: `${by} ${o.how}`, alternative: true });
      }
      continue;
    }
    if (t.pos !== 'VERB' && !(t.pos === 'AUX' && v.lower[i].startsWith('sa'))) continue;
    // "so-called": part of a hyphenated word, not a cue
    if (i > 0 && v.lower[i - 1] === '-' && tokens[i - 1].end === t.start) continue;
    const lemma = (t.lemma ?? v.lower[i]).toLowerCase();
    const learned = lex.frames.get(lemma);
    let entry = lex.cues.get(lemma);
    if (entry?.cls === 'nominal') continue;
    if (!entry) {
      if (!learned && !options.generic && !unknown) continue;
      entry = { lemma, cls: 'other', frames: NO_FRAMES };
    }
    let { ranges, how } = v.parsed ? complementOf(v, i, entry, tokenSeg) : { ranges: [], how: '' };
    if (
      ranges.length === 0 &&
      v.parsed &&
      (entry.frames.has('ccomp') || (entry.cls === 'other' && (learned || options.generic)))
    ) {
      // "said at an event in Colorado Springs that ...": the "that" clause hung on a noun after the cue
      const r = thatClauseAfter(v, i);
      if (r) {
        ranges = [r];
        how = 'that-clause after the cue';
      }
    }
    const others: Array<{ ranges: Array<[number, number]>; how: string }> = [];
    if (ranges.length === 0 && (learned || backoff || unknown) && v.parsed)
      ({ ranges, how } = learnedComplement(
        v,
        i,
        learned ?? NO_RATES,
        options.minRate,
        options.alternatives ? others : undefined,
        learned || entry.cls !== 'other' ? backoff : unknown,
        learned || entry.cls !== 'other' ? '*' : '?',
      ));
    if (ranges.length === 0 && !learned && entry.cls === 'other' && !options.generic) continue;
    if (ranges.length === 0 && options.generic && v.parsed) ({ ranges, how } = genericComplement(v, i));
    let subject = v.parsed ? subjectOf(v, i, isTime) : null;
    const [sbegin, send0] = sentenceRange(tokens, i);
    const send = joinedSentenceEnd(tokens, send0);
    const adjacent = subjectBefore(v, i, sbegin, isTime);
    // the phrase right before the cue wins over a far subject the parse chose across a comma
    if (adjacent && subject && subject[2] < i && !endsRightBefore(v, subject[1], i) && adjacent[0] > subject[1])
      subject = adjacent;
    // a parse that made a bracket or a dash the subject ("Rep. Stephen Lynch (D-Mass.) said")
    if (adjacent && subject && !hasNominal(v, subject[0], subject[1])) subject = adjacent;
    if (!subject) subject = adjacent;
    const adjacentSubject = subject !== null && subject === adjacent;
    if (!subject) subject = subjectAfter(v, i, send, isTime);
    // "is expected to", "was accused of", "seems": the grammatical subject is part of what is
    // attributed, not its source; the agent of a passive is ("was written by Springsteen")
    if (subject && v.parsed && (RAISING.has(lemma) || isPassive(v, i))) {
      const ag = kids(v, i, ['obl:agent']).find((j) => j > i);
      if (ag !== undefined) {
        let a = v.first[ag];
        if (v.lower[a] === 'by') a++;
        const r = trimPunct(v, a, v.last[ag]);
        subject = r[1] >= r[0] ? [r[0], r[1], ag] : null;
      } else {
        // "Trump is expected to deliver a speech": no source; the subject and the infinitive
        // are what is expected
        if (how === 'xcomp' && subject[1] < i && ranges.length === 1 && ranges[0][0] > i) {
          ranges = [[subject[0], subject[1]], ranges[0]];
          how = 'xcomp passive';
        }
        subject = null;
      }
    }
    // "standards that prohibit ...": the relative "that" stands for its antecedent
    if (subject && subject[0] === subject[1] && v.lower[subject[0]] === 'that' && subject[0] < i && v.parsed) {
      let r = i;
      while (r >= 0 && !depOf(v, r).startsWith('acl:relcl') && depOf(v, r).match(/^(xcomp|conj)/)) r = headOf(v, r);
      const ante = r >= 0 && depOf(v, r).startsWith('acl:relcl') ? headOf(v, r) : -1;
      if (ante >= 0 && ante < subject[0]) {
        const [a, b] = trimPunct(v, v.first[ante], subject[0] - 1);
        if (b >= a && b >= ante) subject = [a, b, ante];
      }
    }
    if (how.startsWith('generic') && !subject) continue;
    if (subject) subject = repairSpeaker(v, subject, i, sbegin, send, isTime);
    // "X agreed to extend sanctions, diplomats said": a parse that hung the phrase before the cue
    // on the reported clause; the phrase after the comma is the speaker, the content ends before it
    // (the subject right before the cue follows a comma that closes a clause before it)
    const afterComma = (sub: [number, number, number] | null): sub is [number, number, number] =>
      sub !== null && adjacentSubject && sub[0] - 1 > sbegin && v.lower[sub[0] - 1] === ',';
    if (afterComma(subject)) {
      const [sa, , sh] = subject;
      ranges = ranges.map(([x, y]): [number, number] =>
        x < sa - 1 && y >= sh && y < i ? trimPunct(v, x, sa - 2) : [x, y],
      );
    }
    // "Sanctions have had limited effect, argued X, a fellow at Y": an inverted cue after a comma
    // whose speaker follows it; a phrase without a verb after the speaker describes the speaker,
    // and the clause before the comma is the content
    if (
      entry.cls === 'speech' &&
      entry.frames.has('quote') &&
      lemma !== 'tell' &&
      !v.lower[i].endsWith('ing') &&
      !hasVerb(v, i + 1, send - 1) &&
      subject &&
      subject[0] > i &&
      i - 1 > sbegin &&
      v.lower[i - 1] === ',' &&
      tokenSeg[i - 2] < 0 &&
      ranges.length > 0 &&
      ranges.every(([x, y]) => x >= subject![0] && !hasVerb(v, x, y)) &&
      hasVerb(v, sbegin, i - 2)
    ) {
      ranges = [trimPunct(v, sbegin, i - 2)];
      how = 'set off by commas';
    }
    if (entry.cls === 'speech' && entry.frames.has('ccomp') && v.parsed) {
      // "said in a report released on Wednesday that X": a "that" clause after a phrase of
      // place, time or medium, which the parse hung on that phrase
      const t = thatClauseAfterAdjunct(v, i, send, tokenSeg);
      if (t && !ranges.some(([x, y]) => x <= t[0] && t[0] <= y)) {
        ranges = [t];
        how = 'ccomp';
      } else if (ranges.length === 1) {
        // "said morale among the officers was low": a complement whose predicate the parse cut off
        const [x, y] = ranges[0];
        const e = lastWord(v, send - 1, y);
        if (x > i && x <= i + 2 && e > y && /^(AUX|VERB)$/.test(v.tokens[y + 1].pos ?? '') && !hasVerb(v, x, y)) {
          let plain = true;
          for (let k = y + 1; k <= e && plain; k++)
            plain = tokenSeg[k] < 0 && !/^(PUNCT|CCONJ|SCONJ)$/.test(v.tokens[k].pos ?? '');
          if (plain) ranges = [[x, e]];
        }
      }
    }
    // “...,” Scott Pruitt, the attorney general of Oklahoma, said: the phrase between the closing
    // quotation mark and the cue, when the parse put the speaker in the quote or in its clause
    const between = speakerAfterQuote(v, i, sbegin, tokenSeg);
    if (
      between &&
      (!subject ||
        tokenSeg[subject[2]] >= 0 ||
        subject[2] < between[0] ||
        ranges.some(([x, y]) => y >= between[0] && x <= between[1]))
    ) {
      subject = between;
      ranges = ranges
        .map(([x, y]): [number, number] =>
          y >= between[0] && x < between[0] ? trimPunct(v, x, between[0] - 1) : [x, y],
        )
        .filter(([x, y]) => y >= x && !(x >= between[0] && y <= between[1]));
    }
    // "X, the ministry said, adding that Y": a speech cue set off by commas after its clause
    // takes that clause, not the participle a learned frame reads after it
    const setOff =
      /^learned\S* advcl$/.test(how) &&
      afterComma(subject) &&
      subject[1] < i &&
      hasVerb(v, sbegin, subject[0] - 2) &&
      ranges.length === 1 &&
      ranges[0][0] > i &&
      v.lower[ranges[0][0]].endsWith('ing');
    if (
      (ranges.length === 0 || setOff) &&
      subject &&
      entry.cls === 'speech' &&
      (entry.frames.has('ccomp') || entry.frames.has('quote'))
    ) {
      const r = parentheticalContent(v, i, subject, sbegin, send, tokenSeg);
      if (r.length) {
        ranges = r;
        how = 'set off by commas';
      } else if (subject[1] < i && entry.frames.has('ccomp')) {
        // "X said the plan was a "historic step"": the rest of the sentence, when the parse lost it
        const rest = clauseAfter(v, i, send);
        if (rest) {
          ranges = [rest];
          how = 'rest of the sentence';
        }
      }
    }
    let addressee: [number, number] | null = null;
    if (entry.lemma === 'tell') {
      const o = kid(v, i, ['iobj', 'obj']);
      if (o >= 0 && o > i) addressee = trimPunct(v, v.first[o], v.last[o]);
    }
    // the cue's own words: auxiliaries and particles are not part of it; "pointed out"
    let last = i;
    const prt = kid(v, i, ['compound:prt']);
    if (prt === i + 1) last = prt;
    const hit: CueHit = { token: i, last, entry, content: ranges, subject, addressee, how };
    hits.push(hit);
    // the other readings of a complement only the learned frames gave
    if (how.startsWith('learned'))
      for (const o of others) hits.push({ ...hit, content: o.ranges, how: o.how, alternative: true });
  }
  return hits;
}

/** Noun and adjective cues, by their learned frames ("his claim that", "a statement from", "is confident that"). */
const NOMINAL_ENTRIES = new Map<string, CueEntry>();

/**
 * A noun or adjective cue with a learned frame (data/quotes/cue-frames.tsv, keyed `lemma/n`,
 * `lemma/a`): its content is the complement the frames give ("claim that X", "criticism of X",
 * "confident that X"); its source the possessor ("his claim"), the subject of a copula ("X is a
 * supporter of", "X is confident that") or the "by"/"from" phrase ("a report by X"), else none.
 */
function nominalCue(
  v: ParseView,
  i: number,
  lex: QuoteLexicon,
  minRate: number,
  isTime: (i: number) => boolean,
  others?: Array<{ ranges: Array<[number, number]>; how: string }>,
): CueHit | null {
  const key = frameLemma(v, i);
  const own = lex.frames.get(key);
  const cls = key.endsWith('/a') ? '/a' : '/n';
  // a noun or adjective no frame knows: the frames of unknown cues (present only when trained with them)
  const unknown = !own && others ? lex.frames.get(`?${cls}`) : undefined;
  if (!own && !unknown) return null;
  const frames = own ?? NO_RATES;
  const backoff = others ? (own ? lex.frames.get(`*${cls}`) : unknown) : undefined;
  const { ranges, how } = learnedComplement(v, i, frames, minRate, others, backoff, own ? '*' : '?');
  if (ranges.length === 0) return null;
  let subject: [number, number, number] | null = null;
  let by = '';
  const poss = kid(v, i, ['nmod:poss']);
  if (poss >= 0 && poss < i) {
    const [a, b] = trimPunct(v, v.first[poss], v.last[poss]);
    subject = [a, b, poss];
    by = 'possessor';
  }
  if (!subject && kids(v, i, ['cop']).length) {
    subject = subjectOf(v, i, isTime);
    by = 'subject';
  }
  if (!subject)
    for (const j of kids(v, i, ['nmod'])) {
      const m = kid(v, j, ['case']);
      if (j < i || m < 0 || (v.lower[m] !== 'by' && v.lower[m] !== 'from')) continue;
      const [a, b] = trimPunct(v, m + 1, v.last[j]);
      if (b >= a) subject = [a, b, j];
      by = v.lower[m];
      break;
    }
  if (subject && ranges.some(([x, y]) => subject![2] >= x && subject![2] <= y)) subject = null;
  if (!subject) by = 'none';
  let entry = NOMINAL_ENTRIES.get(key);
  if (!entry) NOMINAL_ENTRIES.set(key, (entry = { lemma: key, cls: 'other', frames: NO_FRAMES }));
  return { token: i, last: i, entry, content: ranges, subject, addressee: null, how: `nominal (${by}) ${how}` };
}

function accordingTo(v: ParseView, i: number, entry: CueEntry, n: number): CueHit | null {
  // the noun "according to" introduces: the head of the phrase after "to"
  let src = -1;
  const h = headOf(v, i);
  if (h > i + 1 && v.tokens[h].sentence === v.tokens[i].sentence) src = h;
  else {
    for (let j = i + 2; j < Math.min(n, i + 12); j++) {
      const p = v.tokens[j].pos;
      if (p === 'PROPN' || p === 'NOUN' || p === 'PRON') src = j;
      else if (src >= 0) break;
      if (v.tokens[j].sentence !== v.tokens[i].sentence) break;
    }
  }
  if (src < 0) return null;
  // the source phrase: its subtree minus "according to"
  let lastSrc = v.last[src];
  for (let k = src + 1; k <= lastSrc; k++)
    if (v.lower[k] === ',') {
      lastSrc = k - 1;
      break;
    }
  let [a, b] = trimPunct(v, Math.max(v.first[src], i + 2), lastSrc);
  if (a > src) a = src;
  // the content: the clause the phrase hangs on, without the phrase
  const clause = headOf(v, src);
  const content: Array<[number, number]> = [];
  // When the parse made the phrase itself the root (a quoted fragment can do that: "According
  // to X, the plan was "illegal"."), the content is the rest of its sentence.
  let ca = -1;
  let cb = -1;
  let pa = Math.min(i, v.first[src]);
  if (clause >= 0) {
    ca = v.first[clause];
    cb = v.last[clause];
  } else if (v.first[src] <= i) {
    const s = v.tokens[i].sentence;
    ca = i;
    while (ca > 0 && v.tokens[ca - 1].sentence === s) ca--;
    cb = lastSrc;
    while (cb + 1 < n && v.tokens[cb + 1].sentence === s) cb++;
    pa = i;
  }
  if (ca >= 0) {
    const pb = Math.max(b, lastSrc);
    if (pa > ca) content.push(trimPunct(v, ca, pa - 1));
    if (pb < cb) content.push(trimPunct(v, pb + 1, cb));
  }
  const kept = content.filter(([x, y]) => y > x || (y === x && /\w/.test(v.tokens[x].text)));
  if (b < a) b = a;
  return { token: i, last: i + 1, entry, content: kept, subject: [a, b, src], addressee: null, how: 'according to' };
}

const LABEL_STOP = new Set([
  'note',
  'update',
  'updated',
  'editor',
  'related',
  'photo',
  'photos',
  'source',
  'sources',
  'read',
  'see',
  'also',
  'warning',
  'correction',
  'caption',
  'video',
  'watch',
  'listen',
  'tags',
  'topics',
  'by',
  'q',
  'a',
  'question',
  'answer',
  'step',
  'part',
  'chapter',
  'figure',
  'table',
  'example',
  'summary',
  'background',
  'bottom',
  'line',
]);
/** Most words of a speaker label before its colon. */
const LABEL_MAX_TOKENS = 9;
const DASHES = new Set(['―', '—', '–', '-', '--']);
const SPEECH_LABEL: CueEntry = { lemma: ':', cls: 'speech', frames: new Set<Frame>(['quote']) };
const SPEECH_DASH: CueEntry = { lemma: '―', cls: 'speech', frames: new Set<Frame>(['quote']) };

/**
 * "PENCE: Well, look, ..." / "Pence: Gennifer Flowers Won't Be at Debate": a paragraph that
 * opens with a short name and a colon gives the rest of the paragraph to that name
 * (transcripts, headlines).
 */
function speakerLabels(doc: Doc, v: ParseView): CueHit[] {
  const out: CueHit[] = [];
  const toks = doc.tokens;
  let t = 0;
  for (const p of doc.paragraphs) {
    while (t < toks.length && toks[t].start < p.start) t++;
    let f = t;
    while (f < toks.length && toks[f].start < p.end && /^["“”'‘’«»]+$/.test(toks[f].text)) f++;
    let colon = -1;
    for (let k = f; k < toks.length && k < f + LABEL_MAX_TOKENS + 1 && toks[k].start < p.end; k++)
      if (v.lower[k] === ':') {
        colon = k;
        break;
      }
    if (colon <= f) continue;
    let ok = true;
    let lower = false;
    let name = false;
    for (let k = f; k < colon && ok; k++) {
      const w = toks[k].text;
      if (!(/^[A-Z]/.test(w) || /^(\.|-|of|the|de|van|von)$/.test(w))) lower = true;
      if (toks[k].pos === 'PROPN') name = true;
      if (LABEL_STOP.has(v.lower[k]) || /\d/.test(w)) ok = false;
    }
    // "Republican pollster Daron Shaw: ...", "Former AG Mukasey at RNC: ...": lower-case words
    // only in a short noun phrase with a name, no verb, ending in a noun
    if (ok && (lower || colon - f > 5)) {
      const endsInNoun = /^(PROPN|NOUN)$/.test(toks[colon - 1].pos ?? '');
      let verb = false;
      for (let k = f; k < colon; k++) if (/^(VERB|AUX|PRON|SCONJ|CCONJ)$/.test(toks[k].pos ?? '')) verb = true;
      ok = name && endsInNoun && !verb;
    }
    if (!ok) continue;
    let e = colon + 1;
    while (e < toks.length && toks[e].start < p.end) e++;
    let last = e - 1;
    while (last > colon && /^[\W_]+$/.test(toks[last].text)) last--;
    let words = 0;
    for (let k = colon + 1; k <= last; k++) if (/\w/.test(toks[k].text)) words++;
    if (words < 3) continue;
    let head = colon - 1;
    while (head > f && toks[head].pos !== 'PROPN' && toks[head].pos !== 'NOUN') head--;
    out.push({
      token: colon,
      last: colon,
      entry: SPEECH_LABEL,
      content: [[colon + 1, last]],
      subject: [f, colon - 1, head],
      addressee: null,
      how: 'speaker label',
    });
  }
  return out;
}

/** “...” ― Sonya Herridge: a dash and a name of up to five words right after a quote, ending its line. */
function signature(v: ParseView, l: number, n: number, tokenSeg: Int32Array): CueHit | null {
  let k = l + 1;
  while (k < n && /^["“”'‘’«»]+$/.test(v.tokens[k].text)) k++;
  if (k >= n || !DASHES.has(v.lower[k])) return null;
  const dash = k;
  let e = dash + 1;
  while (e < n && e <= dash + 5 && tokenSeg[e] < 0 && /^[A-Z]/.test(v.tokens[e].text) && v.tokens[e].pos !== 'VERB')
    e++;
  if (e === dash + 1) return null;
  // the name ends the line, the sentence or the paragraph
  if (
    e < n &&
    !/^[.,;]$/.test(v.lower[e]) &&
    v.tokens[e].sentence === v.tokens[e - 1].sentence &&
    !/^["“”]+$/.test(v.tokens[e].text)
  )
    return null;
  let head = e - 1;
  while (head > dash + 1 && v.tokens[head].pos !== 'PROPN') head--;
  return {
    token: dash,
    last: dash,
    entry: SPEECH_DASH,
    content: [],
    subject: [dash + 1, e - 1, head],
    addressee: null,
    how: 'signature',
  };
}

const CLAUSE_EDGE = /^[,—–]$|^--$/;

/**
 * "The talks will resume, he said." / "The talks, he said, will resume." / "..., said Mr. Barrett,
 * the lawyer.": a cue and its subject set off by commas from the rest of the sentence, which is
 * the content (when the parse did not link them).
 */
function parentheticalContent(
  v: ParseView,
  c: number,
  subject: [number, number, number],
  begin: number,
  end: number,
  tokenSeg: Int32Array,
): Array<[number, number]> {
  const left = Math.min(subject[0], c);
  const right = Math.max(subject[1], c);
  if (left - 1 <= begin || !CLAUSE_EDGE.test(v.lower[left - 1])) return [];
  let a = begin;
  while (a < left - 1 && /^[\W_]+$/.test(v.tokens[a].text)) a++;
  const out: Array<[number, number]> = [];
  if (a < left - 1) out.push(trimPunct(v, a, left - 2));
  // "..., he said, is usually full": the rest after the comma that closes the parenthetical
  const k = right + 1;
  if (k < end && CLAUSE_EDGE.test(v.lower[k]) && tokenSeg[k] < 0) {
    const e = lastWord(v, end - 1, k);
    if (e > k) out.push(trimPunct(v, k + 1, e));
  }
  return out.filter(([x, y]) => y >= x);
}

const CLAUSE_START = /^(DET|PRON|PROPN|NOUN|NUM|ADJ)$/;

/** The words after cue `c` to the end of its sentence (or a semicolon), when they open a clause. */
function clauseAfter(v: ParseView, c: number, end: number): [number, number] | null {
  let a = c + 1;
  if (a < end && v.lower[a] === 'that') a++;
  while (a < end && /^["“”'‘’«»]+$/.test(v.tokens[a].text)) a++;
  if (a >= end || !CLAUSE_START.test(v.tokens[a].pos ?? '')) return null;
  let e = a;
  while (e + 1 < end && v.lower[e + 1] !== ';') e++;
  let words = 0;
  let verb = false;
  for (let k = a; k <= e; k++) {
    if (/\w/.test(v.tokens[k].text)) words++;
    if (v.tokens[k].pos === 'VERB' || v.tokens[k].pos === 'AUX') verb = true;
  }
  if (words < 3 || !verb) return null;
  return trimPunct(v, c + 1, e);
}

/** A "that" clause within a few words after cue c and inside its subtree, as a token range. */
function thatClauseAfter(v: ParseView, c: number): [number, number] | null {
  const end = Math.min(v.last[c], c + 10);
  for (let k = c + 1; k <= end; k++) {
    if (v.lower[k] === ';' || v.tokens[k].pos === 'VERB') return null;
    if (v.lower[k] !== 'that' || v.tokens[k].pos !== 'SCONJ') continue;
    const h = headOf(v, k);
    if (h <= k || v.tokens[h].sentence !== v.tokens[c].sentence) return null;
    return trimPunct(v, k, v.last[h]);
  }
  return null;
}

/**
 * "said in a statement on Monday that X": the "that" clause (to the end of the sentence) within a
 * few words after cue c, past only a phrase of prepositions, nouns, modifiers and participles.
 */
function thatClauseAfterAdjunct(v: ParseView, c: number, end: number, tokenSeg: Int32Array): [number, number] | null {
  for (let k = c + 1; k < end && k <= c + 15; k++) {
    const p = v.tokens[k].pos ?? '';
    if (tokenSeg[k] >= 0) return null;
    if (v.lower[k] === 'that') {
      // "in that interview": a determiner
      if (k === c + 1 || v.tokens[k - 1].pos === 'ADP' || k + 1 >= end) return null;
      if (!CLAUSE_START.test(v.tokens[k + 1].pos ?? '') || !hasVerb(v, k + 2, end - 1)) return null;
      const e = lastWord(v, end - 1, k);
      return e > k + 1 ? [k, e] : null;
    }
    const participle = p === 'VERB' && /(ed|en|ing)$/.test(v.lower[k]) && v.tokens[k - 1].pos === 'NOUN';
    if (!(ADJUNCT_POS.test(p) || participle || v.lower[k] === ',')) return null;
  }
  return null;
}

const ADJUNCT_POS = /^(ADP|DET|NOUN|PROPN|ADJ|NUM|ADV)$/;

/** Whether tokens [a, b] lie inside one place mention. */
function isPlace(doc: Doc, a: number, b: number): boolean {
  const s = doc.tokens[a].start;
  const e = doc.tokens[b].end;
  return doc.places.some((p) => p.start <= s && e <= p.end);
}

/** The last token from `e` back to `floor` that is not only punctuation (or `floor`). */
function lastWord(v: ParseView, e: number, floor: number): number {
  while (e > floor && /^[\W_]+$/.test(v.tokens[e].text)) e--;
  return e;
}

function hasVerb(v: ParseView, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (v.tokens[k].pos === 'VERB' || v.tokens[k].pos === 'AUX') return true;
  return false;
}

function hasNominal(v: ParseView, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (/^(PROPN|NOUN|PRON|NUM)$/.test(v.tokens[k].pos ?? '')) return true;
  return false;
}

/** Only auxiliaries, adverbs and commas lie between token `b` and the cue `c`. */
function endsRightBefore(v: ParseView, b: number, c: number): boolean {
  for (let k = b + 1; k < c; k++) {
    const p = v.tokens[k].pos;
    if (p !== 'AUX' && p !== 'ADV' && p !== 'PART' && v.lower[k] !== ',') return false;
  }
  return true;
}

/** Segment index of each token (-1 outside quotation marks), by a merge of two sorted lists. */
function tokenSegments(doc: Doc, segs: readonly QuoteSegment[]): Int32Array {
  const out = new Int32Array(doc.tokens.length).fill(-1);
  let s = 0;
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i];
    while (s < segs.length && segs[s].end <= t.start) s++;
    if (s < segs.length && t.start >= segs[s].start && t.end <= segs[s].end) out[i] = s;
  }
  return out;
}

export interface AttributionResult {
  attributions: Attribution[];
  segments: QuoteSegment[];
  view: ParseView;
  tokenSeg: Int32Array;
}

const SCARE_QUOTE_MAX_TOKENS = 3;
/** Words that link another clause: a quote and a cue with one of these between them do not belong together. */
const CLAUSE_LINK = new Set(['VERB', 'CCONJ', 'SCONJ']);

/** Find the attributions of `doc` (tokens, sentences, paragraphs; the parse when present). */
export function findAttributions(
  doc: Doc,
  lex: QuoteLexicon,
  options: AttributionOptions = DEFAULT_OPTIONS,
): AttributionResult {
  const segments = findQuoteSegments(doc.text, doc.paragraphs);
  const v = buildParseView(doc.tokens);
  const tokenSeg = tokenSegments(doc, segments);
  const cues = findCues(doc, v, lex, tokenSeg, options);
  cues.push(...speakerLabels(doc, v));
  cues.sort((a, b) => a.token - b.token);
  const tokens = doc.tokens;
  const n = tokens.length;

  // segment token ranges
  const segFirst = new Int32Array(segments.length).fill(-1);
  const segLast = new Int32Array(segments.length).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = tokenSeg[i];
    if (s < 0) continue;
    if (segFirst[s] < 0) segFirst[s] = i;
    segLast[s] = i;
  }

  const attributions: Attribution[] = [];
  const segOwner = new Int32Array(segments.length).fill(-1);
  // cue token -> attribution made from it
  const cueOwner = new Map<number, number>();

  let primary: Attribution | undefined;
  const make = (c: CueHit, kind: QuoteKind, pieces: Span[], segs: number[], how: string, conf: number): number => {
    const a: Attribution = {
      kind,
      pieces,
      speakerFirst: c.subject ? c.subject[0] : -1,
      speakerLast: c.subject ? c.subject[1] : -1,
      speakerHead: c.subject ? c.subject[2] : -1,
      cueFirst: c.token,
      cueLast: c.last,
      cue: c.entry,
      addresseeFirst: c.addressee ? c.addressee[0] : -1,
      addresseeLast: c.addressee ? c.addressee[1] : -1,
      carriedFrom: -1,
      segments: segs,
      confidence: conf,
      how,
    };
    if (c.alternative) {
      // a reading of a cue whose first reading made no attribution stands in for it
      if (primary && primary.cueFirst === c.token) a.alternativeOf = primary;
      else primary = a;
      attributions.push(a);
      if (a.alternativeOf) return attributions.length - 1;
    } else {
      primary = a;
      attributions.push(a);
    }
    for (const s of segs) segOwner[s] = attributions.length - 1;
    cueOwner.set(c.token, attributions.length - 1);
    return attributions.length - 1;
  };

  // 1. cues whose complement the parse gives
  for (const c of cues) {
    if (c.content.length === 0) continue;
    // a prepositional complement only the learned frames gave that is nothing but a place ("fired rockets at
    // Haifa") is where something was done, not something said
    if (/^learned\S* obl/.test(c.how) && c.content.every(([a, b]) => isPlace(doc, a, b))) continue;
    // segments the content touches
    const segs = new Set<number>();
    let outside = 0;
    let inside = 0;
    for (const [a, b] of c.content)
      for (let k = a; k <= b; k++) {
        if (tokenSeg[k] >= 0) {
          segs.add(tokenSeg[k]);
          inside++;
        } else if (
          !/^[\W_]+$/.test(tokens[k].text) &&
          v.lower[k] !== 'that' &&
          !FRAME_WORD_POS.has(tokens[k].pos ?? '')
        )
          outside++;
      }
    // the speaker lies outside the content: a phrase inside it ("saying they violate ...", the
    // content's own subject taken for an inverted one) is no speaker; the content stays
    if (c.subject && c.content.some(([a, b]) => c.subject![2] >= a && c.subject![2] <= b)) c.subject = null;
    if (c.entry.cls === 'cognition' && !c.subject && c.how !== 'xcomp passive' && !c.how.includes('nsubj:pass'))
      continue;
    const segList = [...segs].sort((x, y) => x - y);
    if (segList.length && outside === 0) {
      // direct: the content is the quotation itself
      const pieces = segList.map((s) => ({ start: segments[s].start, end: segments[s].end }));
      make(c, 'direct', pieces, segList, `${c.how}: quoted complement`, 0.9);
    } else if (segList.length && inside > 0) {
      const pieces = c.content.map(([a, b]) => charSpan(doc, a, b));
      make(c, 'mixed', pieces, segList, `${c.how}: complement with a quoted part`, 0.8);
    } else {
      const pieces = c.content.map(([a, b]) => charSpan(doc, a, b));
      const conf = c.subject ? (c.entry.cls === 'speech' ? 0.75 : 0.6) : 0.4;
      make(c, 'indirect', pieces, [], c.how, conf);
    }
  }

  // 2. quotation segments the parse did not attach: nearest cue of the same sentence
  const cueAt = new Map<number, CueHit>();
  for (const c of cues) if (!c.alternative) cueAt.set(c.token, c);
  for (let s = 0; s < segments.length; s++) {
    if (segOwner[s] >= 0 || segFirst[s] < 0) continue;
    const seg = segments[s];
    const f = segFirst[s];
    const l = segLast[s];
    // after the quote: up to the end of the sentence of its last token, or the next quote
    let found: CueHit | null = null;
    let how = '';
    const lastSentence = tokens[l].sentence;
    for (let k = l + 1; k < n && k <= l + 40; k++) {
      if (tokenSeg[k] >= 0) break;
      if (tokens[k].sentence !== lastSentence && tokens[k].sentence !== lastSentence + 1) break;
      // the next sentence only when it opens right after the closing mark (“...?” Graham asked.)
      if (
        tokens[k].sentence !== lastSentence &&
        tokens[k - 1].sentence === lastSentence &&
        !closingOnlyBefore(v, tokens, l, k)
      )
        break;
      // "called the report "a pack of lies" and said ...": another clause lies between
      if (CLAUSE_LINK.has(tokens[k].pos ?? '') && !cueAt.has(k)) break;
      const c = cueAt.get(k);
      // in the next sentence, only a cue without a complement of its own ("Graham asked.")
      if (c && tokens[k].sentence !== lastSentence && c.content.length > 0 && !closingOnlyBefore(v, tokens, l, k))
        break;
      if (c?.entry.frames.has('quote') && cueOwner.get(k) === undefined) {
        found = c;
        how = 'cue after the quote';
        break;
      }
      if (c && (c.entry.frames.has('quote') || c.entry.cls === 'speech')) {
        found = c;
        how = 'cue after the quote';
        break;
      }
    }
    // a quoted phrase inside the description of the cue's own speaker ("the leader, who called
    // the plan "a betrayal", said ...") is not what the speaker said
    if (found?.subject && v.parsed) {
      const sh = found.subject[2];
      if (sh >= 0 && f > sh && l <= v.last[sh]) found = null;
    }
    if (!found) {
      // a byline after the quote: “...” ― Sonya Herridge
      const sig = signature(v, l, n, tokenSeg);
      if (sig) {
        found = sig;
        how = 'name after a dash';
      }
    }
    if (!found) {
      // before the quote: "he said: ", "Caddell continued:" (also at the end of the previous paragraph)
      const firstSentence = tokens[f].sentence;
      for (let k = f - 1; k >= 0 && k >= f - 25; k--) {
        if (tokenSeg[k] >= 0) break;
        const ts = tokens[k].sentence;
        if (ts !== firstSentence && !(ts === firstSentence - 1 && endsWithColon(v, tokens, k, f))) break;
        const c = cueAt.get(k);
        if (c && (c.entry.frames.has('quote') || c.entry.cls === 'speech')) {
          found = c;
          how = 'cue before the quote';
          // "he said the plan was "a disaster"": a quote inside the cue's own complement
          for (let j = k + 1; j < f && found; j++)
            if (CLAUSE_LINK.has(tokens[j].pos ?? '') && !(j >= (c.subject?.[0] ?? 0) && j <= (c.subject?.[1] ?? -1)))
              found = null;
          break;
        }
      }
    }
    if (!found) {
      // “...,” Trump barked. / Trump went even further: “...”: a verb the lexicon does not know
      found = unknownVerbCue(v, tokenSeg, f, l, n);
      if (found) how = found.how;
    }
    if (found) {
      const owner = cueOwner.get(found.token);
      if (owner !== undefined) {
        const a = attributions[owner];
        // the cue's parse complement already made an attribution: the quote belongs to it
        // (a complement only the learned frames gave, "said Tuesday", gives way to the quote)
        if (a.how.startsWith('learned') && a.segments.length === 0) {
          a.pieces = [];
          a.kind = 'direct';
        } else if (a.kind === 'indirect') a.kind = 'mixed';
        a.pieces.push({ start: seg.start, end: seg.end });
        a.pieces.sort((x, y) => x.start - y.start);
        a.segments.push(s);
        segOwner[s] = owner;
      } else make(found, 'direct', [{ start: seg.start, end: seg.end }], [s], how, 0.85);
      continue;
    }
    // 3. carried on from the quote before
    const prevSeg = s - 1;
    if (prevSeg >= 0 && segOwner[prevSeg] >= 0) {
      const pa = attributions[segOwner[prevSeg]];
      if (onlyAttributionBetween(doc, v, tokenSeg, segLast[prevSeg], f, pa)) {
        const carried: Attribution = {
          ...pa,
          kind: 'direct',
          pieces: [{ start: seg.start, end: seg.end }],
          segments: [s],
          carriedFrom: pa.carriedFrom >= 0 ? pa.carriedFrom : segOwner[prevSeg],
          confidence: Math.min(pa.confidence, 0.8),
          how: 'carried on from the quote before',
        };
        attributions.push(carried);
        segOwner[s] = attributions.length - 1;
        continue;
      }
    }
    // 4. an unattributed quotation: kept when it reads as a statement, not a scare quote
    const words = l - f + 1;
    let before = f - 1;
    while (before >= 0 && tokens[before].sentence === tokens[f].sentence && /^[\W_]+$/.test(tokens[before].text))
      before--;
    const atSentenceStart = before < 0 || tokens[before].sentence !== tokens[f].sentence || segments[s].continued;
    if (words > SCARE_QUOTE_MAX_TOKENS && atSentenceStart && !seg.continued) {
      attributions.push({
        kind: 'direct',
        pieces: [{ start: seg.start, end: seg.end }],
        speakerFirst: -1,
        speakerLast: -1,
        speakerHead: -1,
        cueFirst: -1,
        cueLast: -1,
        cue: null,
        addresseeFirst: -1,
        addresseeLast: -1,
        carriedFrom: -1,
        segments: [s],
        confidence: 0.3,
        how: 'quotation without attribution',
      });
      segOwner[s] = attributions.length - 1;
    } else if (seg.continued && segOwner[s - 1] >= 0) {
      const a = attributions[segOwner[s - 1]];
      a.pieces.push({ start: seg.start, end: seg.end });
      a.segments.push(s);
      segOwner[s] = segOwner[s - 1];
    }
  }

  // 4b. a quote running over paragraphs belongs to the attribution its last paragraph has
  //     ("“It is over.¶“We have nothing more to say,” the company said.")
  for (let s = segments.length - 1; s > 0; s--) {
    if (!segments[s].continued || segOwner[s] < 0) continue;
    const owner = attributions[segOwner[s]];
    if (owner.carriedFrom >= 0 || owner.cueFirst < 0) continue;
    let p = s - 1;
    while (p >= 0 && segments[p].continues && segOwner[p] >= 0 && segOwner[p] !== segOwner[s]) {
      const prev = attributions[segOwner[p]];
      if (prev.cueFirst >= 0 && prev.carriedFrom < 0) break;
      owner.pieces.unshift(...prev.pieces.filter((x) => x.start === segments[p].start));
      prev.pieces = prev.pieces.filter((x) => x.start !== segments[p].start);
      owner.segments.unshift(p);
      segOwner[p] = segOwner[s];
      if (!segments[p].continued) break;
      p--;
    }
  }

  // 5. "X," he said, "Y.": a quote right after its own attribution in the same sentence is a part
  mergeInterrupted(doc, attributions, segments, segFirst);
  const nested = dropNested(doc, attributions, options);
  applyFilter(doc, v, attributions, nested, options);
  chooseReadings(attributions);
  const kept = attributions.filter((a) => a.pieces.length > 0);
  kept.sort((a, b) => a.pieces[0].start - b.pieces[0].start);
  return { attributions: kept, segments, view: v, tokenSeg };
}

/** Words that only link the clause after them: not the end of a content cut before it. */
const LINK_POS = new Set(['CCONJ', 'SCONJ', 'PUNCT']);
const LINK_WORDS = new Set(['that', 'which', 'who', 'whom', 'when', 'while', 'as', 'where']);

/**
 * "He said the talks failed, calling them a waste" / "Four in 10 see X as unfair, and a third
 * said that of Y": an attribution kept inside another's content is a statement of its own, and
 * the other's content ends before it (PolNeAR nests no attribution in another's content). The
 * outer piece is cut before the inner's first word (cue, speaker or content), and so are the
 * linking words before it; when nothing would be left, both stay as they are.
 */
export function cutBeforeInner(doc: Doc, attributions: Attribution[]): void {
  const tokens = doc.tokens;
  const cuts: Array<{ piece: Span; owner: Attribution; end: number; innerEnd: number }> = [];
  const pieces: Array<{ piece: Span; owner: Attribution }> = [];
  for (const o of attributions)
    if (o.pieces.length && o.cueFirst >= 0) for (const p of o.pieces) pieces.push({ piece: p, owner: o });
  if (pieces.length < 2) return;
  pieces.sort((x, y) => x.piece.start - y.piece.start);
  const maxEnd = new Int32Array(pieces.length);
  for (let i = 0, m = -1; i < pieces.length; i++) maxEnd[i] = m = Math.max(m, pieces[i].piece.end);
  const drop = new Set<Attribution>();
  for (const a of attributions) {
    if (!a.pieces.length || a.cueFirst < 0 || a.carriedFrom >= 0) continue;
    const cueOff = tokens[a.cueFirst].start;
    let start = Math.min(cueOff, a.pieces[0].start);
    // a subject right before the cue goes with it ("and a third said"), one further back may be the outer's
    if (a.speakerFirst >= 0 && a.speakerLast < a.cueFirst && a.cueFirst - a.speakerLast <= 3)
      start = Math.min(start, tokens[a.speakerFirst].start);
    const innerEnd = Math.max(tokens[a.cueLast].end, a.pieces[a.pieces.length - 1].end);
    // the pieces that start before the cue and reach past it: back from the last one starting before it
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid].piece.start <= cueOff) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && maxEnd[i] > cueOff; i--) {
      const { piece, owner } = pieces[i];
      if (owner === a || owner.carriedFrom >= 0 || piece.end <= cueOff || owner.cue === SPEECH_LABEL) continue;
      // "responded, calling X Y": the outer content is the inner attribution with the same speaker
      if (start <= piece.start) {
        if (owner.pieces.length === 1 && owner.speakerHead === a.speakerHead && a.speakerHead >= 0) drop.add(owner);
        continue;
      }
      // the last word before the inner attribution that is not a linking word
      let k = firstTokenFrom(tokens, start) - 1;
      while (
        k >= 0 &&
        tokens[k].start >= piece.start &&
        (LINK_POS.has(tokens[k].pos ?? '') || LINK_WORDS.has(tokens[k].text.toLowerCase()))
      )
        k--;
      if (k < 0 || tokens[k].start < piece.start) continue;
      let words = 0;
      for (let j = k; j >= 0 && tokens[j].start >= piece.start && words < 2; j--)
        if (/\w/.test(tokens[j].text)) words++;
      if (words < 2) continue;
      cuts.push({ piece, owner, end: tokens[k].end, innerEnd });
      cuts.push({ piece, owner, end: tokens[k].end, innerEnd });
    }
  }
  for (const o of drop) o.pieces = [];
  for (const c of cuts) {
    if (c.end >= c.piece.end || drop.has(c.owner)) continue;
    c.piece.end = c.end;
    // pieces of the outer attribution inside the inner one's extent go with it
    c.owner.pieces = c.owner.pieces.filter((p) => p === c.piece || p.start < c.end || p.start >= c.innerEnd);
  }
}

function charSpan(doc: Doc, a: number, b: number): Span {
  return { start: doc.tokens[a].start, end: doc.tokens[b].end };
}

const CLAUSE_DEPS = new Set(['root', 'conj', 'parataxis', 'ccomp', 'advcl']);
const unknownEntries = new Map<string, CueEntry>();
/** The cue of verb `c` that no list knows: a speech cue taking only a quote. */
function unknownCue(v: ParseView, c: number, content: Array<[number, number]>, how: string): CueHit | null {
  const s = subjectOf(v, c, (k) => TIME_WORDS.has(v.lower[k]));
  if (!s || v.tokens[s[2]].pos === 'DET') return null;
  const lemma = (v.tokens[c].lemma ?? v.lower[c]).toLowerCase();
  let entry = unknownEntries.get(lemma);
  if (!entry) unknownEntries.set(lemma, (entry = { lemma, cls: 'speech', frames: new Set<Frame>(['quote']) }));
  // a particle right after the verb is part of the cue ("shot back", "went on")
  let last = c;
  while (last + 1 < v.tokens.length && depOf(v, last + 1).startsWith('compound:prt') && headOf(v, last + 1) === c)
    last++;
  return { token: c, last, entry, content, subject: s, addressee: null, how };
}

/**
 * A quote next to a clause whose verb no list knows: “...,” Trump barked. (the quote ends with a
 * comma, a question or exclamation mark and the clause after it is only a subject and its verb)
 * or Trump went even further: “...” (a clause that ends with a colon right before the quote).
 */
function unknownVerbCue(v: ParseView, tokenSeg: Int32Array, f: number, l: number, n: number): CueHit | null {
  const tokens = v.tokens;
  // after: the quote's last word is a comma, "?" or "!"
  let e = l;
  while (e > f && QUOTE_MARK.test(tokens[e].text)) e--;
  if (/^[,?!]$/.test(tokens[e].text)) {
    let k = l + 1;
    while (k < n && QUOTE_MARK.test(tokens[k].text) && tokenSeg[k] < 0) k++;
    for (let j = k; j < n && j <= k + 6 && tokenSeg[j] < 0; j++) {
      if (/^[.,;:!?]$/.test(tokens[j].text) || tokens[j].sentence > tokens[k].sentence) break;
      if (tokens[j].pos !== 'VERB') continue;
      const hit = unknownCue(v, j, [], 'unknown verb after the quote');
      if (!hit || hit.subject![2] < k) return null;
      // the clause ends with the verb, its particle, its subject or an adverb
      let z = Math.max(hit.last, hit.subject![1]) + 1;
      while (z < n && tokenSeg[z] < 0 && tokens[z].pos === 'ADV') z++;
      if (z < n && tokenSeg[z] < 0 && !/^[.,;:!?]$/.test(tokens[z].text) && !QUOTE_MARK.test(tokens[z].text))
        return null;
      return hit;
    }
    return null;
  }
  // before: a colon right before the opening mark
  let b = f - 1;
  while (b >= 0 && QUOTE_MARK.test(tokens[b].text) && tokenSeg[b] < 0) b--;
  if (b < 1 || tokens[b].text !== ':') return null;
  const name = nameBeforeColon(v, tokenSeg, b);
  if (name) return name;
  for (let j = b - 1; j >= 0 && j >= b - 12 && tokenSeg[j] < 0 && tokens[j].sentence === tokens[b].sentence; j--) {
    // a verb of the clause, not a participle on a noun ("the following statement:")
    if (tokens[j].pos !== 'VERB' || !CLAUSE_DEPS.has(depOf(v, j).split(':')[0])) continue;
    const hit = unknownCue(v, j, [], 'unknown verb before the quote');
    if (!hit || hit.subject![1] >= b || hit.subject![0] > j) return null;
    return hit;
  }
  return null;
}

const COLON_CUE: CueEntry = { lemma: ':', cls: 'speech', frames: new Set<Frame>(['quote']) };
const NAME_RUN = new Set(['PROPN', 'NOUN', 'ADJ']);

/**
 * "... doesn’t surprise Republican pollster Daron Shaw: “...”" / "More from Jones: “...”": a name
 * right before the colon that opens a quote is its speaker, the colon its cue.
 */
function nameBeforeColon(v: ParseView, tokenSeg: Int32Array, b: number): CueHit | null {
  const tokens = v.tokens;
  const head = b - 1;
  if (tokens[head].pos !== 'PROPN' || tokenSeg[head] >= 0) return null;
  let a = head;
  while (
    a - 1 >= 0 &&
    a - 1 >= head - 7 &&
    tokenSeg[a - 1] < 0 &&
    tokens[a - 1].sentence === tokens[head].sentence &&
    (NAME_RUN.has(tokens[a - 1].pos ?? '') || (v.lower[a - 1] === 'and' && a - 2 >= 0 && tokens[a - 2].pos === 'PROPN'))
  )
    a--;
  return {
    token: b,
    last: b,
    entry: COLON_CUE,
    content: [],
    subject: [a, head, head],
    addressee: null,
    how: 'name before a colon',
  };
}

/** Only punctuation (a closing mark, a full stop) lies between token l and token k. */
function closingOnlyBefore(v: ParseView, tokens: Doc['tokens'], l: number, k: number): boolean {
  for (let j = l + 1; j < k; j++) if (/\w/.test(tokens[j].text)) return false;
  void v;
  return true;
}

/** Token k ends a sentence that runs to a colon right before token f. */
function endsWithColon(v: ParseView, tokens: Doc['tokens'], k: number, f: number): boolean {
  let j = f - 1;
  while (j > k && /^["“”'‘’«»\s]+$/.test(tokens[j].text)) j--;
  void v;
  return tokens[j].text === ':' || tokens[j].text === ',';
}

/**
 * Whether the words between the end of one quote (token `from`) and the start of the next
 * (token `to`) are only the first quote's own attribution (its cue, speaker, and what hangs
 * on them in their sentence).
 */
function onlyAttributionBetween(
  doc: Doc,
  v: ParseView,
  tokenSeg: Int32Array,
  from: number,
  to: number,
  prev: Attribution,
): boolean {
  const tokens = doc.tokens;
  let cueSentence = prev.cueFirst >= 0 ? tokens[prev.cueFirst].sentence : -1;
  const fromSentence = tokens[from].sentence;
  for (let k = from + 1; k < to; k++) {
    if (tokenSeg[k] >= 0) return false;
    const s = tokens[k].sentence;
    // a sentence break inside a word ("(D-N.|C.)") does not leave the attribution's sentence
    if (
      s === cueSentence + 1 &&
      cueSentence >= 0 &&
      tokens[k - 1].sentence === cueSentence &&
      tokens[k].start === tokens[k - 1].end
    )
      cueSentence = s;
    if (!/\w/.test(tokens[k].text)) continue;
    if (s === cueSentence || (s === fromSentence && cueSentence < 0)) continue;
    if (s === fromSentence && prev.cueFirst >= 0 && prev.cueFirst < from) continue;
    return false;
  }
  void v;
  return true;
}

function mergeInterrupted(
  doc: Doc,
  attributions: Attribution[],
  segments: readonly QuoteSegment[],
  segFirst: Int32Array,
): void {
  const text = doc.text;
  const bySeg = new Map<number, number>();
  for (const [i, a] of attributions.entries()) if (a.segments.length === 1) bySeg.set(a.segments[0], i);
  for (const [i, a] of attributions.entries()) {
    if (a.carriedFrom < 0 || a.segments.length !== 1) continue;
    const s = a.segments[0];
    if (s === 0) continue;
    const owner = attributions[a.carriedFrom];
    const prev = segments[s - 1];
    if (!owner.segments.includes(s - 1)) continue;
    // the gap (the attribution) ends with a comma or colon and stays in one sentence
    const gap = text.slice(prev.outerEnd, segments[s].outerStart).trim();
    const f = segFirst[s];
    if (f < 0) continue;
    const sameSentence = owner.cueFirst >= 0 && doc.tokens[owner.cueFirst].sentence === doc.tokens[f].sentence;
    if (!sameSentence || !/[,:;—–]$/.test(gap)) continue;
    owner.pieces.push(...a.pieces);
    owner.segments.push(s);
    a.pieces = [];
    void i;
    void bySeg;
  }
}
