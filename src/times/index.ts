// The times stage: TIMEX3 recognition and normalization. Expressions are found sentence by
// sentence with the rules of data/times/ (one pass over the pieces of each sentence), then
// resolved in text order against the publication date and the last mentioned time, with
// the tense of their clause deciding the direction of bare weekdays and months.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { TimeExpression, Token } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { type Lexicon, loadLexicon, wordCase } from './01-lexicon.js';
import { computeTriggers, isTrigger, parseRules, RuleError, type RuleSet, type Triggers } from './03-rules.js';
import { ACTIONS, type Frame, GUARDS } from './04-actions.js';
import { type Resolution, type RPoint, resolveFrame } from './05-resolve.js';
import { buildChildren, type Children, tenseCues } from './06-tense.js';
import { type Found, recognize } from './07-recognize.js';
import { parseIsoDate, type YMD } from './calendar.js';
import { contractValue, isTimexValue } from './values.js';

export interface TimesResources {
  lexicon: Lexicon;
  rules: RuleSet;
  /** Sentences without any of these words are skipped (null: look at every sentence). */
  triggers: Triggers | null;
}

/** Load and compile data/times (lexicon/*.tsv and rules.txt); throws on a malformed rule. */
export function loadTimesResources(dataDir: string): TimesResources {
  const dir = join(dataDir, 'times');
  const lexicon = loadLexicon(dir);
  const rules = parseRules(
    readFileSync(join(dir, 'rules.txt'), 'utf8'),
    new Set(Object.keys(ACTIONS)),
    lexicon.classes,
  );
  for (const r of rules.rules) {
    const g = r.args.guard;
    if (g !== undefined && !GUARDS[g]) throw new RuleError(r.line, `unknown guard "${g}"`);
  }
  return { lexicon, rules, triggers: computeTriggers(rules, lexicon.firstWords) };
}

interface Located extends Found {
  sentence: number;
  first: number;
  last: number;
  s0: number;
  s1: number;
}

/** All expressions of the document with their sentence and token ranges, in text order. */
function findAll(doc: Doc, res: TimesResources): Located[] {
  const out: Located[] = [];
  const tokens = doc.tokens;
  let i = 0;
  while (i < tokens.length) {
    const s = tokens[i].sentence;
    let j = i + 1;
    const triggers = res.triggers;
    let trigger = !triggers || isTrigger(triggers, tokens[i].norm ?? tokens[i].text);
    for (; j < tokens.length && tokens[j].sentence === s; j++)
      if (!trigger && isTrigger(triggers!, tokens[j].norm ?? tokens[j].text)) trigger = true;
    if (!trigger) {
      i = j;
      continue;
    }
    const found = recognize(tokens, i, j, res.lexicon, res.rules);
    let k = i;
    const titleCase = isTitleCase(tokens, i, j);
    for (const f of found) {
      while (k < j && tokens[k].end <= f.start) k++;
      let last = k;
      while (last + 1 < j && tokens[last + 1].start < f.end) last++;
      if (!titleCase && inTitle(tokens, k, last, i, res.lexicon)) continue;
      if (!f.whole && modifiesNext(doc.text, tokens, k, last, j)) {
        out.push({ ...f, start: tokens[k + 1].start, sentence: s, first: k + 1, last, s0: i, s1: j });
        continue;
      }
      out.push({ ...f, sentence: s, first: k, last, s0: i, s1: j });
    }
    i = j;
  }
  return out;
}

/** Auxiliaries and verbs that commonly follow a period as subject (the tagger may take "rose" for a noun). */
const NOT_HEAD_VERBS = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'has',
  'had',
  'have',
  'will',
  'would',
  'could',
  'may',
  'might',
  'should',
  'rose',
  'fell',
  'saw',
  'began',
  'brought',
]);

/** Words after a hyphenated expression that are not a noun it modifies. */
const NOT_HEAD = new Set([
  'of',
  'in',
  'and',
  'or',
  'to',
  'for',
  'on',
  'at',
  'by',
  'with',
  'ended',
  'ending',
  'that',
  'when',
]);

/**
 * "the third-quarter loss", "the late-November trip": a hyphenated expression before a noun
 * modifies that noun, and the article in front belongs to the noun, not to the time expression
 * (TimeML leaves it out). Tokens [first, last] are the expression, `s1` ends the sentence.
 */
function modifiesNext(text: string, tokens: readonly Token[], first: number, last: number, s1: number): boolean {
  if (last <= first || (tokens[first].norm ?? tokens[first].text).toLowerCase() !== 'the') return false;
  if (!/\p{L}-\p{L}+$/u.test(text.slice(tokens[first].start, tokens[last].end))) return false;
  const next = tokens[last + 1];
  if (!next || last + 1 >= s1 || !/^\p{L}+$/u.test(next.text) || NOT_HEAD.has(next.text.toLowerCase())) return false;
  const w = next.text;
  if (NOT_HEAD_VERBS.has(w)) return false;
  if (next.tag) return /^(NN|JJ)/.test(next.tag);
  // without a parse: a lower-case word that is no past form
  return /^\p{Ll}/u.test(w) && !/ed$/.test(w);
}

const OPENERS = new Set(['"', '“', '‘', "'", '``', '`', '(', '[', '--', '—', ':', "''"]);
const isCapitalized = (w: string) => /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w);

/** A headline written in title case: three in four longer words capitalised. */
function isTitleCase(tokens: readonly Token[], s0: number, s1: number): boolean {
  let words = 0;
  let caps = 0;
  for (let k = s0; k < s1; k++) {
    const w = tokens[k].text;
    if (w.length < 4 || !/^\p{L}+$/u.test(w)) continue;
    words++;
    if (isCapitalized(w)) caps++;
  }
  return words >= 3 && caps * 4 >= words * 3;
}

/**
 * A name or title that contains a time word ("ABC's "This Week"", "VOA Today", "60 Minutes",
 * "High Noon"): a word the lexicon writes in lower case, capitalised where no sentence or
 * quotation starts, and no word of the expression that is written with a capital ("Christmas
 * Day", "Easter Sunday").
 */
function inTitle(tokens: readonly Token[], first: number, last: number, s0: number, lex: Lexicon): boolean {
  let titled = false;
  for (let k = first; k <= last; k++) {
    const w = tokens[k].text;
    const c = wordCase(lex, w);
    if (c === 'cap' && isCapitalized(w)) return false;
    if (c !== 'lower' || !isCapitalized(w) || k === s0 || OPENERS.has(tokens[k - 1].text)) continue;
    titled = true;
  }
  return titled;
}

/** The publication date, or a full date in the dateline when the document has none. */
function documentDate(doc: Doc, found: readonly Located[]): { dct: YMD | null; from: string } {
  const dct = parseIsoDate(doc.date);
  if (dct) return { dct, from: 'publication date' };
  const dl = doc.dateline?.date;
  if (!dl) return { dct: null, from: 'none' };
  for (const f of found) {
    if (f.end <= dl.start || f.start >= dl.end) continue;
    const r = resolveFrame(f.frame, {
      dct: null,
      anchor: null,
      anchorSameSentence: false,
      tense: null,
    });
    const d = parseIsoDate(r.value);
    if (d && r.value?.length === 10) return { dct: d, from: 'dateline' };
  }
  return { dct: null, from: 'none' };
}

/**
 * "a year ago", "a year earlier", "the year-ago quarter": comparisons that do not move the
 * story's reference time, so later expressions still count from the earlier one.
 */
function isComparison(f: Frame): boolean {
  const s = f.spec;
  if (s.kind !== 'point' || !s.shift) return false;
  const sh = s.shift;
  return sh.ago === true || (sh.base === 'anchor' && sh.keep === true && (sh.n !== 0 || s.year !== undefined));
}

function isDctShift(f: Frame): boolean {
  return f.spec.kind === 'point' && f.spec.shift?.base === 'dct';
}

/** A frame counted from the last mentioned time ("the year-ago period", "a day earlier"). */
function isAnchorShift(f: Frame): boolean {
  return f.spec.kind === 'point' && f.spec.shift?.base === 'anchor';
}

/** The point begins after the publication date (a forecast: "the third quarter of 1990"). */
function startsAfter(p: RPoint, dct: YMD): boolean {
  if (p.year === null) return false;
  if (p.year !== dct.year) return p.year > dct.year;
  const month =
    p.month ?? (p.quarter !== undefined ? p.quarter * 3 - 2 : p.half !== undefined ? p.half * 6 - 5 : undefined);
  if (month === undefined) return false;
  if (month !== dct.month) return month > dct.month;
  return p.day !== undefined && p.day > dct.day;
}

/** The point is over by the publication date (a reported period: "the third quarter"). */
function endedBy(p: RPoint, dct: YMD): boolean {
  if (p.year === null) return false;
  if (p.year !== dct.year) return p.year < dct.year;
  const last = p.month ?? (p.quarter !== undefined ? p.quarter * 3 : p.half !== undefined ? p.half * 6 : undefined);
  if (last === undefined) return false;
  if (last !== dct.month) return last < dct.month;
  return p.day !== undefined && p.day <= dct.day;
}

const PERIOD_END = new Set(['ended', 'ending', 'ends', 'through']);

const COPULA_PRESENT = new Set(['is', "'s"]);
const COPULA_PAST = new Set(['was']);
const DAY_VALUE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day an ordinal day ("the eighth day of the blockade") is equated with by a copula: the
 * time expression right before "is"/"was" when it names a day ("Friday was the third day
 * of ..."), or the publication date for "it is"/"today is" ("it's the second day of ...").
 */
function equatedDay(
  doc: Doc,
  f: Located,
  before: readonly TimeExpression[],
  dctValue: string | null,
): { value: string; anchor: 'dct' | null; how: string } | null {
  const t = doc.tokens;
  const cop = f.first - 1;
  if (cop <= f.s0) return null;
  const w = (t[cop].norm ?? t[cop].text).toLowerCase();
  if (!COPULA_PRESENT.has(w) && !COPULA_PAST.has(w)) return null;
  const subj = t[cop - 1];
  const prev = before[before.length - 1];
  if (prev && prev.end === subj.end && prev.value && DAY_VALUE.test(prev.value))
    return { value: prev.value, anchor: null, how: `the day "${prev.text}" is said to be` };
  const s = (subj.norm ?? subj.text).toLowerCase();
  if (COPULA_PRESENT.has(w) && (s === 'it' || s === 'this') && dctValue)
    return { value: dctValue, anchor: 'dct', how: 'said to be today: the publication date' };
  return null;
}

export interface TimesResult {
  times: TimeExpression[];
  notes: ExplainNote[];
}

/** Find and normalize the time expressions of a tokenized document. */
export function findTimes(doc: Doc, res: TimesResources, explain = false): TimesResult {
  const found = findAll(doc, res);
  const { dct, from } = documentDate(doc, found);
  const dctValue = dct
    ? `${String(dct.year).padStart(4, '0')}-${String(dct.month).padStart(2, '0')}-${String(dct.day).padStart(2, '0')}`
    : null;
  const children: Children | null = doc.layers.includes('syntax') ? buildChildren(doc.tokens) : null;
  const times: TimeExpression[] = [];
  const notes: ExplainNote[] = [];
  let anchor: RPoint | null = null;
  let anchorValue: string | null = null;
  let anchorSentence = -1;
  // the last mentioned time that was over by the publication date (see below)
  let pastAnchor: { point: RPoint; value: string | null; sentence: number } | null = null;
  let prev: Located | null = null;
  for (const f of found) {
    // "the third quarter ended Sept. 30": the date describes the period before it, which stays
    // the time later expressions count from (after a duration, "the six months ended Aug. 12",
    // the date is the time)
    const endOfPeriod =
      prev !== null &&
      prev.sentence === f.sentence &&
      prev.frame.type === 'DATE' &&
      prev.last === f.first - 2 &&
      PERIOD_END.has((doc.tokens[f.first - 1].norm ?? doc.tokens[f.first - 1].text).toLowerCase());
    prev = f;
    const cues = tenseCues(doc.tokens, f.first, f.last, f.s0, f.s1, res.lexicon, children);
    const tense = cues.clause;
    // a comparison told in the past ("in the year-ago period, it earned ...") counts from a
    // time already reported, not from a forecast mentioned since ("the third quarter of 1990")
    const fromPast =
      tense === 'PAST' &&
      dct !== null &&
      anchor !== null &&
      pastAnchor !== null &&
      pastAnchor.point !== anchor &&
      isAnchorShift(f.frame) &&
      startsAfter(anchor, dct);
    const useAnchor = fromPast ? pastAnchor!.point : anchor;
    const useSentence = fromPast ? pastAnchor!.sentence : anchorSentence;
    const ctx = {
      dct,
      anchor: useAnchor,
      anchorSameSentence: useSentence === f.sentence,
      anchorDistance: useSentence < 0 ? undefined : f.sentence - useSentence,
      tense,
      tenseBefore: cues.before,
      tenseBeforeFirst: cues.beforeFirst,
    };
    let r: Resolution = resolveFrame(f.frame, ctx);
    if (f.whole) {
      // an end of a range written with words: its value as the range resolves it (the
      // begin may take its year from the end: "from December to March 1990")
      const whole = resolveFrame(f.whole, ctx);
      if (whole.range) r = { ...r, value: f.part === 0 ? whole.range.begin : whole.range.end, range: whole.range };
    }
    // "today is the eighth day of ...", "Friday was the third day of ...": the ordinal day
    // is the day it is said to be
    if (r.value === 'XXXX-XX-XX' && f.frame.rules.includes('ordinal-day')) {
      const same = equatedDay(doc, f, times, dctValue);
      if (same) r = { ...r, value: same.value, anchor: same.anchor, how: same.how };
    }
    // a last guard: nothing malformed leaves the stage
    const timeml = r.value !== null && isTimexValue(r.value) ? r.value : null;
    const value = timeml !== null ? contractValue(timeml) : null;
    const entry: TimeExpression = {
      start: f.start,
      end: f.end,
      text: doc.text.slice(f.start, f.end),
      type: f.frame.type,
      value,
    };
    if (timeml !== null && timeml !== value) entry.timeml = timeml;
    if (f.frame.mod) entry.mod = f.frame.mod;
    if (value !== null && r.point?.zone && r.point.zone !== 'Z' && r.point.hour !== undefined)
      entry.zone = r.point.zone;
    if (r.range && isTimexValue(r.range.begin) && isTimexValue(r.range.end)) entry.range = r.range;
    const anchorText =
      r.anchor === 'dct' ? dctValue : r.anchor === 'anchor' ? (fromPast ? pastAnchor!.value : anchorValue) : null;
    if (anchorText) entry.anchor = contractValue(anchorText) ?? anchorText;
    times.push(entry);
    if (explain)
      notes.push({
        sentence: f.sentence,
        stage: 'times',
        message: `"${entry.text}" ${entry.type} ${entry.value ?? '(no value)'}${entry.mod ? ` mod=${entry.mod}` : ''}: rule ${f.frame.rules.join('+')}; ${r.how}${anchorText ? ` (${r.anchor === 'dct' ? from : 'last mentioned time'} ${anchorText})` : ''}${tense ? `; clause tense ${tense.toLowerCase()}` : ''}`,
      });
    if (
      value !== null &&
      r.point &&
      r.point.year !== null &&
      (entry.type === 'DATE' || entry.type === 'TIME') &&
      !isComparison(f.frame) &&
      !endOfPeriod &&
      !(r.anchor === 'anchor' && isDctShift(f.frame))
    ) {
      anchor = r.point;
      anchorValue = r.value;
      anchorSentence = f.sentence;
      if (dct && endedBy(r.point, dct)) pastAnchor = { point: r.point, value: r.value, sentence: f.sentence };
    }
  }
  return { times, notes };
}

export const timesStage = defineStage<TimesResources>({
  name: 'times',
  needs: ['tokens', 'sentences'],
  adds: ['times'],
  load: (ctx) => loadTimesResources(ctx.dataDir),
  run(doc, res, ctx) {
    const { times, notes } = findTimes(doc, res, ctx.explain);
    const out = withLayers(doc, ['times'], { times });
    return ctx.explain ? withExplain(out, notes) : out;
  },
});

export { timeOfClause } from './link.js';
export { isTimexValue } from './values.js';
