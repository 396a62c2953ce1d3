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

export interface Rule {
  name: string;
  phase: string;
  /** Position in the file: earlier rules win ties. */
  order: number;
  line: number;
  source: string;
  elems: Elem[];
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

export interface RuleSet {
  phases: string[];
  rules: Rule[];
  /** phase -> first key -> rules in file order. */
  index: Map<string, Map<string, Rule[]>>;
  /** phase -> rules that can start anywhere. */
  wildcard: Map<string, Rule[]>;
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
  QUANTMOD: 'qmod',
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
      type: type as TimexType,
      action,
      args,
    });
  }
  const index = new Map<string, Map<string, Rule[]>>();
  const wildcard = new Map<string, Rule[]>();
  for (const p of phases) {
    index.set(p, new Map());
    wildcard.set(p, []);
  }
  for (const r of rules) {
    const keys = new Set<string>();
    if (firstKeys(r.elems, keys)) throw new RuleError(r.line, `rule "${r.name}" can match nothing`);
    if (keys.has('*')) {
      wildcard.get(r.phase)!.push(r);
      continue;
    }
    const idx = index.get(r.phase)!;
    for (const k of keys) {
      let list = idx.get(k);
      if (!list) idx.set(k, (list = []));
      list.push(r);
    }
  }
  return { phases, rules, index, wildcard };
}

/** Rules of `phase` that can start at `item`, in file order. */
export function candidateRules(set: RuleSet, phase: string, item: MatchItem): Rule[] {
  const idx = set.index.get(phase);
  if (!idx) return [];
  const seen = new Set<Rule>();
  const add = (list: Rule[] | undefined) => {
    if (list) for (const r of list) seen.add(r);
  };
  if (item.chunk) {
    add(idx.get(`k:${item.chunk.type}`));
    add(idx.get('k:ANY'));
  } else {
    add(idx.get(`w:${item.word}`));
    for (const c of item.classes) add(idx.get(`c:${c.cls}`));
  }
  add(set.wildcard.get(phase));
  return [...seen].sort((a, b) => a.order - b.order);
}

interface State {
  open: number;
  close: number;
  caps: Capture[];
}

/** Ways atom `a` matches at `pos`: [length in items, capture or null]. */
function atomOptions(
  a: Atom,
  items: readonly MatchItem[],
  pos: number,
  alias: string | null,
  out: Array<[number, Capture | null]>,
): void {
  if (a.kind === 'eos') {
    if (pos === items.length) out.push([0, null]);
    return;
  }
  const it = items[pos];
  if (!it) return;
  if (a.kind === 'lit') {
    if (!it.chunk && it.word === a.word)
      out.push([1, alias ? { name: alias, cls: '', value: it.word, from: pos, to: pos + 1 } : null]);
  } else if (a.kind === 'cls') {
    if (it.chunk) return;
    for (const c of it.classes)
      if (c.cls === a.cls && pos + c.len <= items.length)
        out.push([
          c.len,
          { name: alias ?? ROLE[c.cls] ?? c.cls.toLowerCase(), cls: c.cls, value: c.value, from: pos, to: pos + c.len },
        ]);
  } else if (
    it.chunk &&
    (a.type === 'ANY' || a.type === it.chunk.type) &&
    (a.gran === null || a.gran === it.chunk.gran)
  ) {
    out.push([1, { name: alias ?? 'chunk', cls: '@', value: it.chunk.type, from: pos, to: pos + 1 }]);
  }
}

/** The longest match of `rule` starting at item `start`, or null. */
export function matchRule(rule: Rule, items: readonly MatchItem[], start: number): RuleMatch | null {
  let best: RuleMatch | null = null;
  let bestLen = -1;
  const st: State = { open: -1, close: -1, caps: [] };
  const done = (pos: number) => {
    const from = st.open >= 0 ? st.open : start;
    const to = st.close >= 0 ? st.close : pos;
    if (to <= from) return;
    const len = items[to - 1].end - items[from].start;
    if (len > bestLen) {
      bestLen = len;
      best = { rule, from, to, captures: st.caps.slice() };
    }
  };
  const run = (elems: readonly Elem[], ei: number, pos: number, k: (pos: number) => void): void => {
    if (ei === elems.length) {
      k(pos);
      return;
    }
    const e = elems[ei];
    if (e.kind === 'open' || e.kind === 'close') {
      const key = e.kind;
      const prev = st[key];
      st[key] = pos;
      run(elems, ei + 1, pos, k);
      st[key] = prev;
      return;
    }
    if (e.kind === 'group') {
      for (const alt of e.alts) run(alt, 0, pos, (p) => run(elems, ei + 1, p, k));
      if (e.opt) run(elems, ei + 1, pos, k);
      return;
    }
    const options: Array<[number, Capture | null]> = [];
    for (const a of e.atoms) atomOptions(a, items, pos, e.alias, options);
    if (e.neg) {
      if (options.length === 0) run(elems, ei + 1, pos, k);
      return;
    }
    for (const [len, cap] of options) {
      if (cap) st.caps.push(cap);
      run(elems, ei + 1, pos + len, k);
      if (cap) st.caps.pop();
    }
    if (e.opt) run(elems, ei + 1, pos, k);
  };
  run(rule.elems, 0, start, done);
  return best;
}
