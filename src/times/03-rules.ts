// Step 3: the pattern rules of data/times/rules.txt, compiled once into element lists and
// an index from each rule's possible first piece (literal, class or expression type) to
// the rule, so that at each piece only the few rules that can start there are tried.
// Patterns are short and anchored, so trying every way through their optional parts is a
// bounded amount of work per piece: one linear pass per sentence.
import type { TimexType } from '../doc/types.js';
import type { ClassMatch } from './02-items.js';

export type Atom =
  | { kind: 'lit'; word: string }
  | { kind: 'cls'; cls: string }
  | { kind: 'chunk'; type: string; gran: string | null }
  | { kind: 'eos' };

export type Elem =
  | { kind: 'atoms'; atoms: Atom[]; opt: boolean; neg: boolean; alias: string | null }
  | { kind: 'group'; alts: Elem[][]; opt: boolean }
  | { kind: 'open' }
  | { kind: 'close' };

/** An element of a pattern whose groups have been expanded. */
export type FlatElem =
  | { kind: 'atoms'; atoms: Atom[]; opt: boolean; neg: boolean; alias: string | null }
  | { kind: 'open' }
  | { kind: 'close' };

export interface Rule {
  name: string;
  phase: string;
  /** Position in the file: earlier rules win ties. */
  order: number;
  line: number;
  source: string;
  elems: Elem[];
  /** The pattern with its groups expanded: one flat element list per way through them. */
  variants: FlatElem[][];
  type: TimexType;
  action: string;
  args: Readonly<Record<string, string>>;
}

/** What the matcher needs to know about a piece or an earlier expression. */
export interface MatchItem {
  start: number;
  end: number;
  word: string;
  classes: readonly ClassMatch[];
  chunk?: { type: string; gran: string } | null;
  /** An expression found by an earlier phase: its first word. */
  lead?: string;
}

export interface Capture {
  name: string;
  cls: string;
  value: string;
  /** Item range [from, to). */
  from: number;
  to: number;
}

export interface RuleMatch {
  rule: Rule;
  /** Item range [from, to) of the expression (context excluded). */
  from: number;
  to: number;
  captures: Capture[];
}

/** One way through a rule's pattern. */
export interface Variant {
  rule: Rule;
  elems: FlatElem[];
}

/**
 * Where the variants of one phase can start. Variants that open with a literal word and go
 * on with a required element are filed under both ("the" + UNIT), so that common words
 * ("the", "in", "a") only bring the few variants whose second element also fits.
 */
export interface PairIndex {
  byWord: Map<string, Variant[]>;
  byClass: Map<string, Variant[]>;
}

export interface PhaseIndex {
  byWord: Map<string, Variant[]>;
  byClass: Map<string, Variant[]>;
  byChunk: Map<string, Variant[]>;
  /** First word or class -> keys of the piece after the first element. */
  pairsByWord: Map<string, PairIndex>;
  pairsByClass: Map<string, PairIndex>;
  anywhere: Variant[];
}

export interface RuleSet {
  phases: string[];
  rules: Rule[];
  index: Map<string, PhaseIndex>;
}

/** The role a class is captured under (what actions read), unless the rule gives an alias. */
export const ROLE: Readonly<Record<string, string>> = {
  MONTH: 'month',
  MONTH_ABBR: 'month',
  MONTH_AMB: 'month',
  MONTHNUM: 'month',
  DAY: 'day',
  ORDDAY: 'day',
  YEAR: 'year',
  APOSYEAR: 'yy',
  YY: 'yy',
  FISCALYEAR: 'fy',
  YEARSLASH: 'yearslash',
  WEEKDAY: 'weekday',
  WEEKDAYS: 'weekdays',
  UNIT: 'unit',
  UNITS: 'units',
  PERIODADJ: 'unit',
  NUM: 'num',
  VAGUE: 'num',
  COUPLE: 'couple',
  HALF: 'half',
  FRACTION: 'frac',
  ORD: 'ord',
  ORDWORD: 'ord',
  SHIFT: 'shift',
  ASHIFT: 'ashift',
  AGO: 'ago',
  RELDIR: 'dir',
  REF: 'ref',
  DAYREL: 'dayrel',
  TONIGHT: 'tonight',
  SEASON: 'season',
  DAYPART: 'part',
  DAYPARTS: 'parts',
  CLOCK: 'clock',
  CLOCKDOT: 'clock',
  CLOCKWORD: 'clock',
  HHMM: 'clock',
  HOUR: 'hour',
  AMPM: 'ampm',
  ZONE: 'zone',
  OCLOCK: 'oclock',
  HOLIDAY: 'holiday',
  POINTMOD: 'pmod',
  POINTNOUN: 'pmod',
  APPROXMOD: 'qmod',
  AMOUNTMOD: 'qmod',
  DECADE: 'decade',
  DECADE2: 'decade2',
  DECADE2B: 'decade2',
  DECADEWORD: 'decade2',
  DECADEYEAR: 'decadeyear',
  QUARTER: 'quarter',
  HALFYEAR: 'halfyear',
  FREQ: 'freq',
  SLASHDATE: 'slashdate',
};

/** Classes made from the shape of a piece or by composing number words (02-items.ts). */
export const SHAPE_CLASSES = [
  'NUM',
  'YEAR',
  'DECADEYEAR',
  'HHMM',
  'DAY',
  'MONTHNUM',
  'HOUR',
  'YY',
  'APOSYEAR',
  'ORD',
  'ORDDAY',
  'DECADE',
  'DECADE2',
  'DECADE2B',
  'CLOCK',
  'CLOCKDOT',
  'SLASHDATE',
  'YEARSLASH',
  'FRACTION',
  'QUARTER',
  'HALFYEAR',
  'FISCALYEAR',
];

const TYPES = new Set(['DATE', 'TIME', 'DURATION', 'SET']);

export class RuleError extends Error {
  constructor(line: number, message: string) {
    super(`rules.txt line ${line}: ${message}`);
  }
}

function splitPattern(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur !== '') out.push(cur);
    cur = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t') flush();
    else if (ch === '(' || ch === '{' || ch === '}') {
      flush();
      out.push(ch);
    } else if (ch === ')') {
      flush();
      if (s[i + 1] === '?') {
        out.push(')?');
        i++;
      } else out.push(')');
    } else cur += ch;
  }
  flush();
  return out;
}

interface ParseContext {
  line: number;
  macros: Map<string, string[]>;
  classes: ReadonlySet<string>;
}

function parseAtoms(body: string, ctx: ParseContext, depth = 0): Atom[] {
  if (depth > 8) throw new RuleError(ctx.line, `macro nesting too deep at "${body}"`);
  const atoms: Atom[] = [];
  for (const alt of body.split('|')) {
    if (alt === '') throw new RuleError(ctx.line, `empty alternative in "${body}"`);
    if (alt === '$') atoms.push({ kind: 'eos' });
    else if (alt[0] === '@') {
      const [type, gran = null] = alt.slice(1).split('.');
      if (type !== 'ANY' && !TYPES.has(type)) throw new RuleError(ctx.line, `unknown expression type "${alt}"`);
      atoms.push({ kind: 'chunk', type, gran });
    } else if (/^[A-Z][A-Z0-9_]*$/.test(alt)) {
      const macro = ctx.macros.get(alt);
      if (macro) for (const m of macro) atoms.push(...parseAtoms(m, ctx, depth + 1));
      else if (ctx.classes.has(alt)) atoms.push({ kind: 'cls', cls: alt });
      else throw new RuleError(ctx.line, `unknown class "${alt}"`);
    } else atoms.push({ kind: 'lit', word: alt.toLowerCase() });
  }
  return atoms;
}

function parseElem(tok: string, ctx: ParseContext): Elem {
  let body = tok;
  let neg = false;
  let opt = false;
  let alias: string | null = null;
  if (body.length > 1 && body.startsWith('!')) {
    neg = true;
    body = body.slice(1);
  }
  if (body.length > 1 && body.endsWith('?')) {
    opt = true;
    body = body.slice(0, -1);
  }
  const colon = body.lastIndexOf(':');
  if (colon > 0 && /^[a-z][a-z0-9_]*$/.test(body.slice(colon + 1))) {
    alias = body.slice(colon + 1);
    body = body.slice(0, colon);
  }
  return { kind: 'atoms', atoms: parseAtoms(body, ctx), opt, neg, alias };
}

function parseSequence(
  toks: string[],
  pos: number,
  ctx: ParseContext,
  inGroup: boolean,
): { alts: Elem[][]; pos: number } {
  const alts: Elem[][] = [[]];
  while (pos < toks.length) {
    const t = toks[pos];
    if (t === ')' || t === ')?') {
      if (!inGroup) throw new RuleError(ctx.line, 'unbalanced ")"');
      return { alts, pos };
    }
    pos++;
    const cur = alts[alts.length - 1];
    if (t === '|') {
      if (!inGroup) throw new RuleError(ctx.line, '" | " between sequences is only allowed inside ( )');
      alts.push([]);
    } else if (t === '(') {
      const sub = parseSequence(toks, pos, ctx, true);
      if (sub.pos >= toks.length) throw new RuleError(ctx.line, 'unclosed "("');
      cur.push({ kind: 'group', alts: sub.alts, opt: toks[sub.pos] === ')?' });
      pos = sub.pos + 1;
    } else if (t === '{') {
      if (inGroup) throw new RuleError(ctx.line, '"{" inside a group');
      cur.push({ kind: 'open' });
    } else if (t === '}') {
      if (inGroup) throw new RuleError(ctx.line, '"}" inside a group');
      cur.push({ kind: 'close' });
    } else cur.push(parseElem(t, ctx));
  }
  if (inGroup) throw new RuleError(ctx.line, 'unclosed "("');
  return { alts, pos };
}

/** Add the keys a sequence can start with; true when it can match nothing at all. */
function firstKeys(elems: readonly Elem[], keys: Set<string>): boolean {
  for (const e of elems) {
    if (e.kind === 'open' || e.kind === 'close') continue;
    if (e.kind === 'group') {
      let nullable = false;
      for (const alt of e.alts) if (firstKeys(alt, keys)) nullable = true;
      if (!e.opt && !nullable) return false;
      continue;
    }
    if (e.neg) continue;
    for (const a of e.atoms) {
      if (a.kind === 'lit') keys.add(`w:${a.word}`);
      else if (a.kind === 'cls') keys.add(`c:${a.cls}`);
      else if (a.kind === 'chunk') keys.add(`k:${a.type}`);
      else keys.add('*');
    }
    if (!e.opt) return false;
  }
  return true;
}

/** Most ways through one pattern's groups (a guard against patterns that explode). */
const MAX_VARIANTS = 256;

/** Expand the groups of a sequence into flat alternatives. */
function flatten(elems: readonly Elem[], line: number): FlatElem[][] {
  let out: FlatElem[][] = [[]];
  for (const e of elems) {
    if (e.kind !== 'group') {
      for (const v of out) v.push(e);
      continue;
    }
    const alts: FlatElem[][] = [];
    for (const alt of e.alts) alts.push(...flatten(alt, line));
    if (e.opt) alts.push([]);
    const next: FlatElem[][] = [];
    for (const v of out) for (const a of alts) next.push([...v, ...a]);
    if (next.length > MAX_VARIANTS) throw new RuleError(line, `pattern has more than ${MAX_VARIANTS} variants`);
    out = next;
  }
  return out;
}

/**
 * Make the first two elements of a variant required, by writing out the variants with and
 * without each optional one, so that the variant can be filed under its first two keys.
 */
function expandHead(v: FlatElem[], k: number): FlatElem[][] {
  if (k >= 2) return [v];
  let seen = 0;
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (e.kind !== 'atoms' || e.neg) continue;
    if (seen < k) {
      seen++;
      continue;
    }
    if (!e.opt) return expandHead(v, k + 1);
    const withIt = v.slice();
    withIt[i] = { ...e, opt: false };
    const without = v.slice(0, i).concat(v.slice(i + 1));
    return [...expandHead(withIt, k + 1), ...expandHead(without, k)];
  }
  return [v];
}

/** Parse the rule file. `actions` are the action names that exist; `classes` the known classes. */
export function parseRules(source: string, actions: ReadonlySet<string>, lexClasses: ReadonlySet<string>): RuleSet {
  const classes = new Set([...lexClasses, ...SHAPE_CLASSES]);
  const macros = new Map<string, string[]>();
  const rules: Rule[] = [];
  const phases: string[] = [];
  let phase = '';
  const lines = source.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li].replace(/\r$/, '').trim();
    const ctx: ParseContext = { line: li + 1, macros, classes };
    if (line === '' || line.startsWith('#')) continue;
    const phaseHead = /^\[([a-z]+)\]$/.exec(line);
    if (phaseHead) {
      phase = phaseHead[1];
      if (!phases.includes(phase)) phases.push(phase);
      continue;
    }
    const def = /^define\s+([A-Z][A-Z0-9_]*)\s*=\s*(.+)$/.exec(line);
    if (def) {
      macros.set(
        def[1],
        def[2].split('|').map((s) => s.trim()),
      );
      continue;
    }
    const m = /^([a-z0-9][\w.-]*)\s*:\s*(.+?)\s*=>\s*(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) throw new RuleError(li + 1, `cannot read "${line}"`);
    if (phase === '') throw new RuleError(li + 1, 'rule before any [phase] heading');
    const [, name, pattern, type, action, rest] = m;
    if (!TYPES.has(type)) throw new RuleError(li + 1, `unknown type "${type}"`);
    if (!actions.has(action)) throw new RuleError(li + 1, `unknown action "${action}"`);
    const args: Record<string, string> = {};
    for (const kv of rest.trim().split(/\s+/)) {
      if (kv === '') continue;
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new RuleError(li + 1, `argument "${kv}" is not key=value`);
      args[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    const toks = splitPattern(pattern);
    const { alts } = parseSequence(toks, 0, ctx, false);
    const elems = alts[0];
    const opens = elems.filter((e) => e.kind === 'open').length;
    const closes = elems.filter((e) => e.kind === 'close').length;
    if (opens > 1 || opens !== closes) throw new RuleError(li + 1, 'use exactly one { } pair, or none');
    if (rules.some((r) => r.name === name)) throw new RuleError(li + 1, `duplicate rule name "${name}"`);
    rules.push({
      name,
      phase,
      order: rules.length,
      line: li + 1,
      source: line,
      elems,
      variants: flatten(elems, li + 1).flatMap((v) => expandHead(v, 0)),
      type: type as TimexType,
      action,
      args,
    });
  }
  for (const r of rules) {
    const keys = new Set<string>();
    if (firstKeys(r.elems, keys)) throw new RuleError(r.line, `rule "${r.name}" can match nothing`);
  }
  const index = new Map<string, PhaseIndex>();
  for (const p of phases)
    index.set(p, {
      byWord: new Map(),
      byClass: new Map(),
      byChunk: new Map(),
      pairsByWord: new Map(),
      pairsByClass: new Map(),
      anywhere: [],
    });
  for (const r of rules) for (const elems of r.variants) indexVariant(index.get(r.phase)!, { rule: r, elems });
  return { phases, rules, index };
}

function addTo(map: Map<string, Variant[]>, key: string, v: Variant): void {
  const list = map.get(key);
  if (!list) map.set(key, [v]);
  else if (!list.includes(v)) list.push(v);
}

/** The elements of a variant without its { } markers. */
function content(elems: readonly FlatElem[]): Array<Extract<FlatElem, { kind: 'atoms' }>> {
  const out: Array<Extract<FlatElem, { kind: 'atoms' }>> = [];
  for (const e of elems) if (e.kind === 'atoms') out.push(e);
  return out;
}

const required = (e: Extract<FlatElem, { kind: 'atoms' }> | undefined): boolean =>
  !!e && !e.opt && !e.neg && e.atoms.every((a) => a.kind === 'lit' || a.kind === 'cls');

function indexVariant(idx: PhaseIndex, v: Variant): void {
  const els = content(v.elems);
  const [e1, e2] = els;
  if (required(e1) && required(e2)) {
    for (const a1 of e1.atoms) {
      const map = a1.kind === 'lit' ? idx.pairsByWord : idx.pairsByClass;
      const k1 = a1.kind === 'lit' ? a1.word : a1.kind === 'cls' ? a1.cls : '';
      let pair = map.get(k1);
      if (!pair) map.set(k1, (pair = { byWord: new Map(), byClass: new Map() }));
      for (const a2 of e2.atoms) {
        if (a2.kind === 'lit') addTo(pair.byWord, a2.word, v);
        else if (a2.kind === 'cls') addTo(pair.byClass, a2.cls, v);
      }
    }
    return;
  }
  // otherwise by every atom the variant can start with
  for (const e of els) {
    if (e.neg) continue;
    for (const a of e.atoms) {
      if (a.kind === 'lit') addTo(idx.byWord, a.word, v);
      else if (a.kind === 'cls') addTo(idx.byClass, a.cls, v);
      else if (a.kind === 'chunk') addTo(idx.byChunk, a.type, v);
      else if (!idx.anywhere.includes(v)) idx.anywhere.push(v);
    }
    if (!e.opt) return;
  }
  if (!idx.anywhere.includes(v)) idx.anywhere.push(v);
}

/** Variants gathered for one piece: the first list as is, merged into a copy only when a second comes. */
interface Gathered {
  first: readonly Variant[] | null;
  merged: Variant[] | null;
}

function gather(g: Gathered, list: readonly Variant[] | undefined): void {
  if (!list || list.length === 0) return;
  if (!g.first) {
    g.first = list;
    return;
  }
  if (list === g.first) return;
  if (!g.merged) g.merged = g.first.slice();
  for (const v of list) if (!g.merged.includes(v)) g.merged.push(v);
}

function gatherPair(g: Gathered, pair: PairIndex | undefined, next: MatchItem | undefined): void {
  if (!pair || !next || next.chunk) return;
  gather(g, pair.byWord.get(next.word));
  for (const c of next.classes) gather(g, pair.byClass.get(c.cls));
}

function byRuleOrder(a: Variant, b: Variant): number {
  return a.rule.order - b.rule.order;
}

const NO_VARIANTS: readonly Variant[] = [];

/** Variants of `phase` that can start at item `i`, grouped by rule in file order (do not modify). */
export function candidateVariants(idx: PhaseIndex, items: readonly MatchItem[], i: number): readonly Variant[] {
  const it = items[i];
  const g: Gathered = { first: null, merged: null };
  if (it.chunk) {
    gather(g, idx.byChunk.get(it.chunk.type));
    gather(g, idx.byChunk.get('ANY'));
  } else {
    gather(g, idx.byWord.get(it.word));
    gatherPair(g, idx.pairsByWord.get(it.word), items[i + 1]);
    for (const c of it.classes) {
      gather(g, idx.byClass.get(c.cls));
      gatherPair(g, idx.pairsByClass.get(c.cls), items[i + c.len]);
    }
  }
  gather(g, idx.anywhere);
  if (g.merged) return g.merged.sort(byRuleOrder);
  return g.first ?? NO_VARIANTS;
}

/** State of one attempt to match a rule at one position (no closures on the hot path). */
interface MatchState {
  rule: Rule;
  items: readonly MatchItem[];
  start: number;
  open: number;
  close: number;
  caps: Capture[];
  best: RuleMatch | null;
  bestLen: number;
}

function record(st: MatchState, pos: number): void {
  const from = st.open >= 0 ? st.open : st.start;
  const to = st.close >= 0 ? st.close : pos;
  if (to <= from) return;
  const len = st.items[to - 1].end - st.items[from].start;
  if (len > st.bestLen) {
    st.bestLen = len;
    st.best = { rule: st.rule, from, to, captures: st.caps.slice() };
  }
}

function captureName(alias: string | null, cls: string): string {
  return alias ?? ROLE[cls] ?? cls.toLowerCase();
}

/** Whether atom `a` matches at `pos` in any way (for negated elements). */
function atomMatches(a: Atom, items: readonly MatchItem[], pos: number): boolean {
  if (a.kind === 'eos') return pos === items.length;
  const it = items[pos];
  if (!it) return false;
  if (a.kind === 'lit') return !it.chunk && it.word === a.word;
  if (a.kind === 'cls') {
    if (it.chunk) return false;
    for (const c of it.classes) if (c.cls === a.cls) return true;
    return false;
  }
  return !!it.chunk && (a.type === 'ANY' || a.type === it.chunk.type) && (a.gran === null || a.gran === it.chunk.gran);
}

function walk(st: MatchState, elems: readonly FlatElem[], ei: number, pos: number): void {
  if (ei === elems.length) {
    record(st, pos);
    return;
  }
  const e = elems[ei];
  if (e.kind === 'open') {
    const prev = st.open;
    st.open = pos;
    walk(st, elems, ei + 1, pos);
    st.open = prev;
    return;
  }
  if (e.kind === 'close') {
    const prev = st.close;
    st.close = pos;
    walk(st, elems, ei + 1, pos);
    st.close = prev;
    return;
  }
  const items = st.items;
  if (e.neg) {
    for (const a of e.atoms) if (atomMatches(a, items, pos)) return;
    walk(st, elems, ei + 1, pos);
    return;
  }
  const it = items[pos];
  for (const a of e.atoms) {
    if (a.kind === 'eos') {
      if (pos === items.length) walk(st, elems, ei + 1, pos);
      continue;
    }
    if (!it) continue;
    if (a.kind === 'lit') {
      if (it.chunk || it.word !== a.word) continue;
      if (e.alias) st.caps.push({ name: e.alias, cls: '', value: it.word, from: pos, to: pos + 1 });
      walk(st, elems, ei + 1, pos + 1);
      if (e.alias) st.caps.pop();
    } else if (a.kind === 'cls') {
      if (it.chunk) continue;
      for (const c of it.classes) {
        if (c.cls !== a.cls || pos + c.len > items.length) continue;
        st.caps.push({ name: captureName(e.alias, c.cls), cls: c.cls, value: c.value, from: pos, to: pos + c.len });
        walk(st, elems, ei + 1, pos + c.len);
        st.caps.pop();
      }
    } else if (
      it.chunk &&
      (a.type === 'ANY' || a.type === it.chunk.type) &&
      (a.gran === null || a.gran === it.chunk.gran)
    ) {
      st.caps.push({ name: e.alias ?? 'chunk', cls: '@', value: it.chunk.type, from: pos, to: pos + 1 });
      walk(st, elems, ei + 1, pos + 1);
      st.caps.pop();
    }
  }
  if (e.opt) walk(st, elems, ei + 1, pos);
}

/** The longest match of `rule` starting at item `start`, or null. */
export function matchRule(rule: Rule, items: readonly MatchItem[], start: number): RuleMatch | null {
  const st: MatchState = { rule, items, start, open: -1, close: -1, caps: [], best: null, bestLen: -1 };
  for (const v of rule.variants) {
    st.open = -1;
    st.close = -1;
    walk(st, v, 0, start);
  }
  return st.best;
}

/** The longest match of one variant starting at item `start`, or null. */
export function matchVariant(v: Variant, items: readonly MatchItem[], start: number): RuleMatch | null {
  const st: MatchState = { rule: v.rule, items, start, open: -1, close: -1, caps: [], best: null, bestLen: -1 };
  walk(st, v.elems, 0, start);
  return st.best;
}

/**
 * Words without which no rule can match: for every way through every first-phase rule, the
 * words of its most selective required element (a class contributes the first words of its
 * phrases; shapes are recognised by their first character). A sentence with none of them is
 * skipped without building its pieces.
 */
export interface Triggers {
  words: Set<string>;
}

/** Function words too common to select anything; an element made only of them is not used as a trigger. */
const COMMON = new Set([
  'the',
  'a',
  'an',
  'in',
  'of',
  'to',
  'and',
  'or',
  'on',
  'for',
  'by',
  'at',
  'from',
  'with',
  '-',
  ',',
  '.',
  "'s",
]);

export function computeTriggers(set: RuleSet, firstWords: ReadonlyMap<string, ReadonlySet<string>>): Triggers {
  const words = new Set<string>();
  const shapes = new Set(SHAPE_CLASSES);
  // classes that number words compose as well as digits ("nineteen ninety-six" is a YEAR)
  const composed = new Set(['NUM', 'YEAR', 'DAY']);
  const numberWords = firstWords.get('NUMWORD') ?? new Set<string>();
  const first = set.phases[0];
  const cost = (e: Extract<FlatElem, { kind: 'atoms' }>): number => {
    let c = 0;
    for (const a of e.atoms) {
      if (a.kind === 'lit') c += COMMON.has(a.word) ? 1e6 : 1;
      else if (a.kind === 'cls')
        c += composed.has(a.cls) ? 1 + numberWords.size : shapes.has(a.cls) ? 1 : (firstWords.get(a.cls)?.size ?? 1e6);
      else return Number.POSITIVE_INFINITY;
    }
    return c;
  };
  for (const r of set.rules) {
    if (r.phase !== first) continue;
    for (const v of r.variants) {
      let best: Extract<FlatElem, { kind: 'atoms' }> | null = null;
      let bestCost = Number.POSITIVE_INFINITY;
      for (const e of v) {
        if (e.kind !== 'atoms' || e.opt || e.neg) continue;
        const c = cost(e);
        if (c < bestCost) {
          bestCost = c;
          best = e;
        }
      }
      if (!best) throw new RuleError(r.line, `rule "${r.name}" has no required element`);
      for (const a of best.atoms) {
        if (a.kind === 'lit') words.add(a.word);
        else if (a.kind === 'cls' && composed.has(a.cls)) for (const w of numberWords) words.add(w);
        else if (a.kind === 'cls' && !shapes.has(a.cls)) for (const w of firstWords.get(a.cls) ?? []) words.add(w);
      }
    }
  }
  return { words };
}

/** Whether a token could start or be part of a time expression (see Triggers). */
export function isTrigger(t: Triggers, text: string): boolean {
  const c0 = text.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) return true;
  if (c0 === 39 || c0 === 0x2019) {
    const c1 = text.charCodeAt(1);
    if (c1 >= 48 && c1 <= 57) return true;
  }
  const w = text.toLowerCase();
  if (t.words.has(w)) return true;
  if (
    (c0 === 81 || c0 === 113 || c0 === 72 || c0 === 104) &&
    w.length === 2 &&
    w.charCodeAt(1) >= 49 &&
    w.charCodeAt(1) <= 52
  )
    return true; // Q3, H1
  if (w.startsWith('fy')) return true;
  // hyphenated and dotted words: any part ("two-day", "mid-1990s", "year-earlier")
  if (w.length > 2)
    for (let i = 1; i < w.length - 1; i++) {
      const ch = w.charCodeAt(i);
      if (ch === 45 || (ch >= 0x2010 && ch <= 0x2015)) {
        for (const part of w.split(/[-\u2010-\u2015]/)) if (part && isTrigger(t, part)) return true;
        break;
      }
    }
  return false;
}
