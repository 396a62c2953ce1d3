// Step 6: the tense of the clause a time expression belongs to, which decides whether a bare
// "Thursday" or "in March" is the last one or the next one. With a parse: the governing
// verb and its auxiliaries. Without: the nearest tense cue (auxiliary, "-ed" form, "said",
// "will", "plans") around the expression within its sentence.
import type { Token } from '../doc/types.js';
import type { Lexicon, Tense } from './01-lexicon.js';

/** Children of each token (built once per document when the parse is present). */
export type Children = readonly (readonly number[])[];

export function buildChildren(tokens: readonly Token[]): number[][] {
  const out: number[][] = tokens.map(() => []);
  for (let i = 0; i < tokens.length; i++) {
    const h = tokens[i].head;
    if (h !== undefined && h >= 0 && h < tokens.length && h !== i) out[h].push(i);
  }
  return out;
}

const lower = (t: Token) => (t.norm ?? t.text).toLowerCase();

const FUTURE_AUX = new Set(['will', "'ll", 'shall', 'wo', 'ca']);
const PAST_MODALS = new Set(['would', "'d", 'might', 'could']);
const isVerb = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX' || (t.tag?.startsWith('VB') ?? false);

/** The token of [first, last] whose head lies outside the span (the span's syntactic head). */
export function spanHead(tokens: readonly Token[], first: number, last: number): number {
  for (let i = first; i <= last; i++) {
    const h = tokens[i].head;
    if (h === undefined) return -1;
    if (h < first || h > last) return i;
  }
  return first;
}

/** The verb governing token `i` (itself if a verb), climbing at most `maxUp` heads. */
export function governingVerb(tokens: readonly Token[], i: number, maxUp = 6): number {
  let k = i;
  for (let step = 0; step <= maxUp && k >= 0 && k < tokens.length; step++) {
    if (isVerb(tokens[k]) && tokens[k].dep !== 'aux' && tokens[k].dep !== 'aux:pass') return k;
    const h = tokens[k].head;
    if (h === undefined || h === k) return -1;
    k = h;
  }
  return -1;
}

/** A verb that schedules what follows ("planned to", "set for", "scheduled"). */
function schedules(t: Token, lex: Lexicon): boolean {
  const w = lower(t);
  return lex.tenseTo.get(w) === 'FUTURE' || lex.tense.get(w) === 'FUTURE';
}

/**
 * Tense of the clause of a verb. 'PRESENT' also stands for "no side of the publication date
 * implied": a plan or an infinitive seen from a past moment ("agreed in June to buy it in
 * February", "the vote was scheduled for March") may fall before or after it.
 */
function parsedTense(tokens: readonly Token[], children: Children, verb: number, lex: Lexicon): Tense | null {
  const v = tokens[verb];
  const auxes = children[verb].filter((c) => tokens[c].dep === 'aux' || tokens[c].dep === 'aux:pass');
  const perfect = auxes.some((a) => /^(has|have|had|'ve|'s|'d)$/.test(lower(tokens[a])));
  for (const a of auxes) if (FUTURE_AUX.has(lower(tokens[a]))) return 'FUTURE';
  for (const a of auxes) if (lower(tokens[a]) === 'going' || lower(tokens[a]) === 'gonna') return 'FUTURE';
  // modals, unless perfect ("would have met"): "may meet Monday" is ahead; "would", "might"
  // and "could" look ahead from a reported past ("said it would pay in January"): either side
  if (!perfect)
    for (const a of auxes) {
      const w = lower(tokens[a]);
      if (tokens[a].tag !== 'MD' || lex.tense.get(w) !== 'FUTURE') continue;
      return PAST_MODALS.has(w) ? 'PRESENT' : 'FUTURE';
    }
  if (v.tag === 'VBN' && schedules(v, lex)) {
    // "a summit set for April", "is scheduled for Monday"; "was planned for March": either side
    if (auxes.some((a) => tokens[a].tag === 'VBD') || perfect) return 'PRESENT';
    if (auxes.length > 0 || v.dep?.startsWith('acl')) return 'FUTURE';
  }
  if (v.tag === 'VBD' || auxes.some((a) => tokens[a].tag === 'VBD')) return 'PAST';
  // "has met", "have been searching since ..."
  if (perfect && (v.tag === 'VBN' || v.tag === 'VBG')) return 'PAST';
  if (v.tag === 'VBG' && auxes.some((a) => /^(is|are|am|'re|'m)$/.test(lower(tokens[a])))) return 'FUTURE';
  if (v.tag === 'VB' || v.tag === 'VBG') {
    // "plans to meet Thursday", "is expected to arrive Monday": the governing verb decides
    const gov = v.head !== undefined && v.head >= 0 ? governingVerb(tokens, v.head, 3) : -1;
    if (gov >= 0 && gov !== verb) {
      const g = tokens[gov];
      const cue = lex.tense.get(lower(g)) ?? lex.tense.get((g.lemma ?? '').toLowerCase());
      // "had been scheduled to expire Friday": a plan seen from before a past moment
      const pastPerfect = children[gov].some((c) => lower(tokens[c]) === 'had' && tokens[c].dep?.startsWith('aux'));
      if (cue === 'FUTURE' && !pastPerfect) return 'FUTURE';
      const infinitive =
        v.tag === 'VB' && children[verb].some((c) => tokens[c].dep === 'mark' && lower(tokens[c]) === 'to');
      // "agreed to buy ... in February": planned from a past moment, still ahead of it
      if (infinitive && schedules(g, lex) && !pastPerfect) return 'FUTURE';
      const t = parsedTense(tokens, children, gov, lex);
      // any other infinitive after a past verb looks ahead from a past moment
      return infinitive && t === 'PAST' ? 'PRESENT' : t;
    }
  }
  // "He and Arafat meet Monday" tagged as a bare infinitive: with its own subject and no
  // auxiliary or "to" it is a present
  if (
    v.tag === 'VB' &&
    auxes.length === 0 &&
    children[verb].some((c) => tokens[c].dep?.startsWith('nsubj')) &&
    !children[verb].some((c) => lower(tokens[c]) === 'to')
  )
    return lex.tense.get(lower(v)) === 'PAST' ? 'PAST' : 'PRESENT';
  if (v.tag === 'VBN' && auxes.length === 0) return 'PAST';
  // a known past form tagged as a present ("Exports fell" read as VBP) is past
  if (v.tag === 'VBZ' || v.tag === 'VBP') return lex.tense.get(lower(v)) === 'PAST' ? 'PAST' : 'PRESENT';
  return null;
}

/** Before these a participle is an adjective or a passive: the tense is on the verb before. */
const COPULAS = new Set([
  'be',
  'is',
  'are',
  'am',
  'was',
  'were',
  'been',
  'being',
  "'s",
  "'re",
  'remain',
  'remains',
  'remained',
  'stay',
  'stays',
  'stayed',
  'get',
  'gets',
  'got',
  'become',
  'becomes',
  'became',
]);

const AUXILIARIES = new Set(['was', 'were', 'had', 'did', 'said', 'told']);
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
]);

function cueOf(tokens: readonly Token[], i: number, lex: Lexicon): Tense | null {
  const w = lower(tokens[i]);
  let t = (i + 1 < tokens.length && lower(tokens[i + 1]) === 'to' ? lex.tenseTo.get(w) : undefined) ?? lex.tense.get(w);
  // "is heard", "be held": a participle after a copula takes its tense from the copula
  if (t === 'PAST' && !AUXILIARIES.has(w) && i > 0 && COPULAS.has(lower(tokens[i - 1]))) return null;
  // "had been due to expire Friday": a future seen from the past
  if (t === 'FUTURE' && ((i > 0 && lower(tokens[i - 1]) === 'had') || (i > 1 && lower(tokens[i - 2]) === 'had')))
    t = 'PAST';
  if (t) return t;
  if (w === 'going' && i + 1 < tokens.length && lower(tokens[i + 1]) === 'to') return 'FUTURE';
  // "is to resume", "are to meet": arranged
  if (w === 'to' && i > 0 && /^(is|are|'re|am)$/.test(lower(tokens[i - 1]))) return 'FUTURE';
  // a regular past form; not a name ("United"), an adjective after a determiner or a copula
  if (w.length > 4 && w.endsWith('ed')) {
    // tagged: only a verb ("a still unspecified date" is no past)
    const tag = tokens[i].tag;
    if (tag && tag !== 'VBD' && tag !== 'VBN') return null;
    const t0 = tokens[i].text.charCodeAt(0);
    if (t0 >= 65 && t0 <= 90 && i > 0 && tokens[i - 1].sentence === tokens[i].sentence) return null;
    const prev = i > 0 ? lower(tokens[i - 1]) : '';
    if (COPULAS.has(prev) || DETERMINERS.has(prev)) return null;
    return 'PAST';
  }
  return null;
}

const BOUNDARY = new Set([';', '"', '“', '”', '``', "''"]);
/** The right-hand scan stops at a comma or a conjunction: what follows is another clause. */
const RIGHT_BOUNDARY = new Set([',', 'and', 'but', 'or', 'while', 'as', 'after', 'before', 'when', 'which', 'who']);

export interface TenseCues {
  /** A word right before the expression that sets its direction ("by", "since"). */
  before: Tense | null;
  /** The word before decides even against the clause ("as early as Tuesday"). */
  beforeFirst: boolean;
  /** The tense of the clause. */
  clause: Tense | null;
}

/** Direction cues for the expression at tokens [first, last] of sentence tokens [s0, s1). */
export function tenseCues(
  tokens: readonly Token[],
  first: number,
  last: number,
  s0: number,
  s1: number,
  lex: Lexicon,
  children: Children | null,
): TenseCues {
  // the longest phrase of up to three words right before the expression
  let before: { tense: Tense; first: boolean } | undefined;
  let phrase = '';
  for (let k = 1; k <= 3 && first - k >= s0; k++) {
    phrase = phrase ? `${lower(tokens[first - k])} ${phrase}` : lower(tokens[first - k]);
    before = lex.tenseBefore.get(phrase) ?? before;
  }
  return {
    before: before?.tense ?? null,
    beforeFirst: before?.first ?? false,
    clause: clauseTense(tokens, first, last, s0, s1, lex, children),
  };
}

/** Past verbs that arrange an event for a time of its own ("planned a rally on Saturday"). */
const ARRANGED = new Set([
  'planned',
  'scheduled',
  'slated',
  'set',
  'called',
  'announced',
  'organized',
  'organised',
  'arranged',
  'proposed',
]);

const SCHEDULED = new Set(['planned', 'scheduled', 'slated']);

/**
 * The time belongs to an event noun arranged in the past ("planned a demonstration on
 * Saturday") or follows "for" after the arranging verb ("scheduled a vote for Tuesday"): it
 * may fall on either side of the publication date, like a plan seen from the past.
 */
function plannedEvent(tokens: readonly Token[], noun: number, first: number): boolean {
  const n = tokens[noun];
  if (n.tag === 'VBD' && ARRANGED.has(lower(n))) {
    // "called a strike for Monday": the time after "for" is the event's
    if (first > 0 && lower(tokens[first - 1]) === 'for') return true;
    // "planned a rally in the capital on Saturday" read as the verb's: with a plan verb and
    // its event object, still the event's
    return SCHEDULED.has(lower(n)) && tokens.some((t) => t.head === noun && t.dep === 'obj' && t.tag?.startsWith('NN'));
  }
  if (!n.tag?.startsWith('NN') || n.tag.startsWith('NNP') || n.dep !== 'obj') return false;
  const v = n.head;
  if (v === undefined || v < 0) return false;
  return tokens[v].tag === 'VBD' && ARRANGED.has(lower(tokens[v]));
}

/** Tense of the clause of tokens [first, last] of sentence tokens [s0, s1). */
export function clauseTense(
  tokens: readonly Token[],
  first: number,
  last: number,
  s0: number,
  s1: number,
  lex: Lexicon,
  children: Children | null,
): Tense | null {
  if (children) {
    // "a federal appeals court Thursday refused ...": between its subject and a past verb the
    // expression is that verb's, however the parse attached it
    const next = tokens[last + 1];
    if (last + 1 < s1 && first > s0 && next.tag === 'VBD' && /^(NN|PRP)/.test(tokens[first - 1].tag ?? ''))
      return 'PAST';
    const head = spanHead(tokens, first, last);
    const h = head >= 0 ? tokens[head].head : undefined;
    if (h !== undefined && h >= 0 && plannedEvent(tokens, h, first)) return 'PRESENT';
    if (h !== undefined && h >= 0) {
      const verb = governingVerb(tokens, h);
      if (verb >= 0) {
        const t = parsedTense(tokens, children, verb, lex);
        if (t) return t;
      }
    }
  }
  // nearest cue, preferring the left side a little (the verb usually precedes)
  let best: Tense | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  let leftOpen = true;
  let rightOpen = true;
  // "In March, the company bought ...": an opening phrase belongs to the clause after its comma
  let commaCrossings = first - s0 <= 2 ? 1 : 0;
  for (let d = 1; d <= 12 && (leftOpen || rightOpen); d++) {
    const l = first - d;
    if (leftOpen) {
      if (l < s0 || BOUNDARY.has(tokens[l].text)) leftOpen = false;
      else {
        const t = cueOf(tokens, l, lex);
        if (t && d < bestDist) {
          best = t;
          bestDist = d;
          leftOpen = false;
        }
      }
    }
    const r = last + d;
    if (rightOpen && d <= 8) {
      if (r < s1 && tokens[r].text === ',' && commaCrossings > 0) commaCrossings--;
      else if (r >= s1 || BOUNDARY.has(tokens[r].text) || RIGHT_BOUNDARY.has(lower(tokens[r]))) rightOpen = false;
      else {
        const t = cueOf(tokens, r, lex);
        if (t && d + 1 < bestDist) {
          best = t;
          bestDist = d + 1;
          rightOpen = false;
        }
      }
    }
    if (d + 1 >= bestDist) break;
  }
  return best;
}
