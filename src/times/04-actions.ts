// Step 4: what a matched rule means. Each rule names an action that turns its captures into
// a Frame: an unresolved description of the time ("the weekday Thursday, year by tense",
// "one year before the publication date", "a duration of 2 days"). Resolution against the
// publication date and the last mentioned time happens later (05-resolve.ts), in text order.
import type { TimexType } from '../doc/types.js';
import type { Item } from './02-items.js';
import type { Capture, Rule, RuleMatch } from './03-rules.js';
import { daysInMonth, isValidDate } from './calendar.js';

/** TIMEX3 units: Y M W D H TM(minute) S Q DE(decade) CE(century) ML WE(weekend) FN(fortnight) HA(half). */
export type Unit = 'Y' | 'M' | 'W' | 'D' | 'H' | 'TM' | 'S' | 'Q' | 'DE' | 'CE' | 'ML' | 'WE' | 'FN' | 'HA';

export interface Shift {
  unit: Unit;
  /** Units to move (negative: back); fractional for "two and a half years ago". */
  n: number;
  /** From the publication date, or from the last mentioned time. */
  base: 'dct' | 'anchor';
  /** Keep the finer fields of the base ("a year earlier" than a quarter is a quarter). */
  keep?: boolean;
  /** "the latest quarter": the last mentioned one, else the last complete one. */
  latest?: boolean;
  /** "a year ago": next to a quarter or month of the same sentence, that period a year before. */
  ago?: boolean;
  /** Count from the last mentioned time only if it is in this or the previous sentence. */
  near?: boolean;
  /** "year-earlier results": from the current period (a time mentioned in the publication year), else the publication year. */
  current?: boolean;
}

export interface PointSpec {
  kind: 'point';
  century?: number;
  decade?: number;
  /** "the '80s": the decade within a century chosen at resolution. */
  decadeInCentury?: number;
  year?: number;
  /** Two-digit year ("'98"). */
  yy?: number;
  half?: number;
  quarter?: number;
  season?: string;
  month?: number;
  weekend?: boolean;
  weekday?: number;
  day?: number;
  part?: string;
  hour?: number;
  minute?: number;
  second?: number;
  zone?: string;
  holiday?: string;
  shift?: Shift;
  /** How to choose the year (or week) of a partial date: last/next/this; else by tense. */
  pick?: 'last' | 'next' | 'this';
  /** Pick the weekday relative to the last mentioned day ("the previous Friday"). */
  fromAnchor?: boolean;
  /** A day that the text does not identify ("the first day"): XXXX-XX-XX. */
  unknown?: boolean;
  /** Recognised, but no valid TIMEX3 value exists (e.g. "Feb 29 2007"); the reason. */
  invalid?: string;
}

export interface DurationSpec {
  kind: 'duration';
  /** null = unspecified amount (TIMEX3 X). */
  n: number | null;
  unit: Unit;
}

export interface RefSpec {
  kind: 'ref';
  ref: string;
}

export interface SetSpec {
  kind: 'set';
  value: string;
}

export interface RangeSpec {
  kind: 'range';
  begin: Frame;
  end: Frame;
  /**
   * Written with words ("from 1991 to 1997", "between May and July"): TimeML annotates the
   * two ends as separate expressions (the DURATION between them consumes no text), so the
   * ends are reported, each carrying the range.
   */
  split?: boolean;
}

export interface MergeSpec {
  kind: 'merge';
  /** The coarser expression ("Wednesday"), resolved first ... */
  outer: Frame;
  /** ... and the finer one ("10 p.m.") placed inside it. */
  inner: Frame;
}

export interface OffsetSpec {
  kind: 'offset';
  /** The expression counted from ("the day before [last Tuesday]", "the week of [March 6]"). */
  base: Frame;
  /** Move by n units (0: the unit that contains the base). */
  unit: Unit;
  n: number;
}

export type Spec = PointSpec | DurationSpec | RefSpec | SetSpec | RangeSpec | MergeSpec | OffsetSpec;

export interface Frame {
  type: TimexType;
  spec: Spec;
  mod?: string;
  /** Rules that built the frame (for --explain). */
  rules: string[];
}

/** What an action sees: captures by name, and the chunks (earlier expressions) in order. */
export class Captures {
  constructor(
    readonly list: readonly Capture[],
    readonly chunks: readonly Frame[],
  ) {}
  get(name: string): Capture | undefined {
    return this.list.find((c) => c.name === name);
  }
  has(name: string): boolean {
    return this.list.some((c) => c.name === name);
  }
  value(name: string): string | undefined {
    return this.get(name)?.value;
  }
  /** Numeric value of a capture; NaN-free: undefined when absent or not a number. */
  num(name: string): number | undefined {
    const v = this.get(name)?.value;
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
}

export type Action = (c: Captures, args: Readonly<Record<string, string>>, rule: Rule) => Frame | null;

const GRAN_ORDER: Record<string, number> = { CE: 0, DE: 1, Y: 2, HA: 3, Q: 4, SE: 5, M: 6, W: 7, D: 8, T: 9 };

/** The granularity of a frame's value, as far as it can be told before resolution. */
export function frameGran(f: Frame): string {
  const s = f.spec;
  if (s.kind === 'merge') return frameGran(s.inner);
  if (s.kind !== 'point') return s.kind.toUpperCase();
  if (s.hour !== undefined || s.part !== undefined) return 'T';
  if (s.shift && !s.shift.keep) {
    const u = s.shift.unit;
    return u === 'WE' || u === 'FN' ? 'W' : u === 'H' || u === 'TM' || u === 'S' ? 'T' : u === 'ML' ? 'CE' : u;
  }
  if (s.day !== undefined || s.weekday !== undefined || s.holiday !== undefined || s.unknown) return 'D';
  if (s.weekend) return 'W';
  if (s.month !== undefined) return 'M';
  if (s.season !== undefined) return 'SE';
  if (s.quarter !== undefined) return 'Q';
  if (s.half !== undefined) return 'HA';
  if (s.year !== undefined || s.yy !== undefined) return 'Y';
  if (s.decade !== undefined || s.decadeInCentury !== undefined) return 'DE';
  if (s.century !== undefined) return 'CE';
  return 'D';
}

/** Whether granularity a is coarser than b. */
export function coarser(a: string, b: string): boolean {
  return (GRAN_ORDER[a] ?? 10) < (GRAN_ORDER[b] ?? 10);
}

function point(type: TimexType, rule: Rule, spec: Omit<PointSpec, 'kind'>): Frame {
  return { type, spec: { kind: 'point', ...spec }, rules: [rule.name] };
}

function invalid(type: TimexType, rule: Rule, reason: string): Frame {
  return point(type, rule, { invalid: reason });
}

const UNIT_OF_CLASS: Record<string, Unit> = {
  Y: 'Y',
  M: 'M',
  W: 'W',
  D: 'D',
  H: 'H',
  TM: 'TM',
  S: 'S',
  Q: 'Q',
  DE: 'DE',
  CE: 'CE',
  ML: 'ML',
  WE: 'WE',
  FN: 'FN',
  HA: 'HA',
};

function unitOf(c: Captures, args: Readonly<Record<string, string>>): Unit | undefined {
  const v = c.value('unit') ?? c.value('units') ?? args.unit;
  return v === undefined ? undefined : UNIT_OF_CLASS[v];
}

/** The amount of a duration or shift: NUM/VAGUE, "a"/"an"/"one", "couple", halves and fractions. */
function amountOf(c: Captures, args: Readonly<Record<string, string>>): { n: number | null; approx: boolean } {
  let n: number | null | undefined;
  let approx = false;
  if (args.num === 'X') n = null;
  else if (args.num !== undefined) n = Number(args.num);
  const numCap = c.get('num');
  if (n === undefined && numCap) n = numCap.value === 'X' ? null : Number(numCap.value);
  if (n === undefined && c.has('couple')) {
    n = 2;
    approx = true;
  }
  if (n === undefined && (c.has('one') || args.one === '1')) n = 1;
  if (n === undefined) n = 1;
  if (c.has('approx')) approx = true;
  if (n !== null) {
    if (args.half === '1') n += 0.5;
    const frac = c.num('frac');
    if (frac !== undefined) n += frac;
    if (!Number.isFinite(n) || n < 0 || n > 1e6) n = null;
  }
  return { n, approx };
}

function directionOf(c: Captures, args: Readonly<Record<string, string>>): number | undefined {
  if (args.n !== undefined) return Number(args.n);
  const dir = c.value('dir');
  if (dir !== undefined) {
    if (/^-?\d+$/.test(dir)) return Number(dir);
    return /^(earlier|before|ago|previous|prior)$/.test(dir) ? -1 : 1;
  }
  const ashift = c.value('ashift');
  if (ashift !== undefined) return Number(ashift);
  const shift = c.value('shift');
  if (shift !== undefined) return Number(shift) || 0;
  if (c.has('last')) return -1;
  return undefined;
}

/** Four-digit year from a YEAR/NUM capture, or undefined. */
function yearOf(c: Captures): number | undefined {
  const y = c.num('year');
  if (y !== undefined) return y;
  const fy = c.value('fy');
  if (fy !== undefined) return fy.length === 4 ? Number(fy) : undefined;
  const ys = c.value('yearslash');
  if (ys !== undefined) return Number(ys.slice(0, 4));
  return undefined;
}

// --- the actions -----------------------------------------------------------------------

const date: Action = (c, _args, rule) => {
  const year = yearOf(c);
  const month = c.num('month');
  const day = c.num('day');
  if (month === undefined) return null;
  // "32 March": a day number no month has; a malformed date, not the month
  const bad = c.num('badday');
  if (bad !== undefined)
    return Number.isInteger(bad) && bad > 31 && bad < 100 ? invalid('DATE', rule, `day ${bad} is in no month`) : null;
  if (year !== undefined && (year < 1 || year > 9999)) return invalid('DATE', rule, `year ${year} out of range`);
  if (day !== undefined) {
    if (year !== undefined && !isValidDate(year, month, day))
      return invalid('DATE', rule, `${year}-${month}-${day} is not a calendar date`);
    if (day > daysInMonth(2000, month)) return null;
  }
  return point('DATE', rule, { year, month, day });
};

const slashdate: Action = (c, _args, rule) => {
  const parts = (c.value('slashdate') ?? '').split('/').map(Number);
  if (parts.length !== 3) return null;
  let [m, d, y] = parts;
  if (m > 12 && d <= 12) [m, d] = [d, m];
  if (String(parts[2]).length <= 2 && y < 100) return point('DATE', rule, { yy: y, month: m, day: d });
  if (!isValidDate(y, m, d)) return invalid('DATE', rule, `${y}-${m}-${d} is not a calendar date`);
  return point('DATE', rule, { year: y, month: m, day: d });
};

const year: Action = (c, _args, rule) => {
  const yy = c.num('yy');
  if (yy !== undefined && !c.has('year') && !c.has('num')) return point('DATE', rule, { yy });
  const y = yearOf(c) ?? c.num('num');
  if (y === undefined) return null;
  if (!Number.isInteger(y) || y < 1 || y > 9999) return invalid('DATE', rule, `year ${y} out of range`);
  return point('DATE', rule, { year: y });
};

const decade: Action = (c, _args, rule) => {
  const d = c.num('decade');
  // "the 1800s", "the early 1900s": a century; "the 2000s" is the decade of its first years
  if (d !== undefined && d % 10 === 0 && d < 200) return point('DATE', rule, { century: d / 10 });
  if (d !== undefined) return point('DATE', rule, { decade: d });
  const dy = c.num('decadeyear');
  if (dy !== undefined) return point('DATE', rule, { decade: Math.floor(dy / 10) });
  const d2 = c.num('decade2');
  if (d2 !== undefined) return point('DATE', rule, { decadeInCentury: d2 });
  return null;
};

const century: Action = (c, _args, rule) => {
  const ord = c.num('ord');
  if (ord === undefined || ord < 1 || ord > 100) return null;
  return point('DATE', rule, { century: ord - 1 });
};

const quarter: Action = (c, _args, rule) => {
  const q = c.num('quarter') ?? c.num('ord');
  if (q === undefined || q < 1 || q > 4) return null;
  return point('DATE', rule, { quarter: q, year: yearOf(c) });
};

const half: Action = (c, args, rule) => {
  const h = c.num('halfyear') ?? c.num('ord') ?? (args.n !== undefined ? Number(args.n) : undefined);
  if (h === undefined || h < 1 || h > 2) return null;
  return point('DATE', rule, { half: h, year: yearOf(c) });
};

const season: Action = (c, _args, rule) => {
  const s = c.value('season');
  if (!s) return null;
  return point('DATE', rule, { season: s, year: yearOf(c) });
};

const holiday: Action = (c, _args, rule) => {
  const h = c.value('holiday');
  if (!h) return null;
  return point('DATE', rule, { holiday: h, year: yearOf(c) });
};

const dayrel: Action = (c, args, rule) => {
  let n = args.n !== undefined ? Number(args.n) : c.num('dayrel');
  if (n === undefined && c.has('tonight')) n = 0;
  if (n === undefined) return null;
  const part = c.value('part') ?? (c.has('tonight') ? 'NI' : undefined);
  const f = point(part ? 'TIME' : 'DATE', rule, { shift: { unit: 'D', n, base: 'dct' }, part });
  const dir = c.value('dir');
  if (dir === 'earlier' || dir === 'later') f.mod = undefined;
  return f;
};

const weekday: Action = (c, _args, rule) => {
  if (c.has('weekend')) return point('DATE', rule, { weekend: true });
  const wd = c.num('weekday');
  if (wd === undefined) return null;
  const part = c.value('part');
  return point(part ? 'TIME' : 'DATE', rule, { weekday: wd, part });
};

const shift: Action = (c, args, rule) => {
  const unit = unitOf(c, args);
  const n = Number(c.value('shift') ?? args.n ?? Number.NaN);
  if (unit === undefined || !Number.isFinite(n)) return null;
  // "last day", "next day", "last minute": idioms, or anchored to another time
  if (unit === 'D' || unit === 'H' || unit === 'TM' || unit === 'S') return null;
  const f = point('DATE', rule, {
    shift: { unit: unit === 'WE' ? 'W' : unit, n, base: 'dct' },
    weekend: unit === 'WE' ? true : undefined,
  });
  const dir = c.value('dir');
  if (dir === 'earlier') f.mod = 'START';
  else if (dir === 'later') f.mod = 'END';
  return f;
};

const shiftpick: Action = (c, args, rule) => {
  const n = c.has('dir') ? (directionOf(c, {}) ?? Number.NaN) : Number(c.value('shift') ?? Number.NaN);
  if (!Number.isFinite(n)) return null;
  const pick = n < 0 ? 'last' : n > 0 ? 'next' : 'this';
  const part = c.value('part');
  const month = c.num('month');
  const wd = c.num('weekday');
  const season = c.value('season');
  const holiday = c.value('holiday');
  if (month === undefined && wd === undefined && !season && !holiday) return null;
  const day = month !== undefined ? c.num('day') : undefined;
  return point(part ? 'TIME' : 'DATE', rule, {
    month,
    day,
    weekday: wd,
    season,
    holiday,
    part,
    pick,
    fromAnchor: args.anchor === '1' || undefined,
  });
};

/** Parts of the day written as words in rules (`the morning|afternoon|evening:part`). */
const DAYPART_WORDS: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  overnight: 'NI',
};

const daypart: Action = (c, args, rule) => {
  const part = c.value('part');
  if (!part) return null;
  const code = DAYPART_WORDS[part.toLowerCase()] ?? part;
  const n = c.value('shift') === 'last' ? -1 : 0;
  // "in the morning": of the day last mentioned (else the publication date)
  const base = args.anchor === '1' ? 'anchor' : 'dct';
  const f = point('TIME', rule, { shift: { unit: 'D', n, base }, part: code });
  const pmod = c.value('pmod');
  if (pmod) f.mod = pmod === 'early' ? 'START' : pmod === 'late' ? 'END' : 'MID';
  return f;
};

const ago: Action = (c, args, rule) => {
  const unit = unitOf(c, args);
  if (!unit) return null;
  const { n, approx } = amountOf(c, args);
  if (n === null || (!c.has('num') && !c.has('one') && !c.has('couple') && args.num === undefined && c.has('units')))
    return { type: 'DATE', spec: { kind: 'ref', ref: 'PAST_REF' }, rules: [rule.name] };
  // granularity of the unit ("two weeks ago" is a week); decades and centuries ago are years;
  // ahead=1: "two weeks from now", the same distance the other way
  const years = unit === 'DE' ? 10 : unit === 'CE' ? 100 : unit === 'ML' ? 1000 : 0;
  const ahead = args.ahead === '1';
  const k = ahead ? n : -n;
  const f = years
    ? point('DATE', rule, { shift: { unit: 'Y', n: k * years, base: 'dct', ago: !ahead } })
    : point('DATE', rule, { shift: { unit, n: k, base: 'dct', keep: unit === 'D', ago: !ahead } });
  if (approx) f.mod = 'APPROX';
  return f;
};

const anchored: Action = (c, args, rule) => {
  let unit = unitOf(c, args);
  const part = c.value('part');
  const sign = directionOf(c, args);
  const keep = args.keep === '1';
  if (!unit && part) unit = 'D';
  if (!unit && !keep) return null;
  const counted = c.has('num') || c.has('one') || c.has('couple') || args.one === '1';
  // "the second", "that minute": not a time unless counted ("two hours later")
  if ((unit === 'S' || unit === 'TM' || unit === 'H') && !counted) return null;
  let n = 0;
  if (args.n !== undefined && sign !== undefined) n = sign;
  else if (counted) {
    const amt = amountOf(c, args);
    if (amt.n === null) return null;
    n = amt.n * (sign ?? 0);
  } else n = sign ?? 0;
  const type: TimexType = part ? 'TIME' : 'DATE';
  // "a year earlier" than a quarter is that quarter a year before: counted shifts keep the
  // granularity of what they count from
  const f = point(type, rule, {
    shift: {
      unit: unit ?? 'D',
      n,
      base: 'anchor',
      keep: keep || counted || undefined,
      latest: args.latest === '1' || undefined,
      near: args.near === '1' || undefined,
      current: args.current === '1' || undefined,
    },
    part,
    // "the 1988 quarter": the last mentioned quarter, in 1988
    year: c.num('year'),
  });
  if (args.mod) f.mod = args.mod;
  return f;
};

const unknown: Action = (_c, _args, rule) => point('DATE', rule, { unknown: true });

const duration: Action = (c, args, rule) => {
  const unit = unitOf(c, args);
  if (!unit) return null;
  const { n, approx } = amountOf(c, args);
  // "a second term": "a second" is an ordinal far more often than a duration
  if (unit === 'S' && /^an?$/.test(c.value('one') ?? '')) return null;
  // "the first hours": a plural with no number is an unspecified amount
  const amount = c.has('units') && !c.has('num') && !c.has('couple') && args.num === undefined ? null : n;
  const f: Frame = { type: 'DURATION', spec: { kind: 'duration', n: amount, unit }, rules: [rule.name] };
  if (approx) f.mod = 'APPROX';
  return f;
};

const freq: Action = (c, _args, rule) => {
  const v = c.value('freq');
  return v ? { type: 'SET', spec: { kind: 'set', value: v }, rules: [rule.name] } : null;
};

const WEEKDAY_SET = (wd: number, part?: string) => `XXXX-WXX-${wd}${part ? `T${part}` : ''}`;

const set: Action = (c, args, rule) => {
  const mk = (value: string): Frame => ({ type: 'SET', spec: { kind: 'set', value }, rules: [rule.name] });
  const wd = c.num('weekday') ?? c.num('weekdays');
  const part = c.value('part') ?? c.value('parts');
  if (wd !== undefined) return mk(WEEKDAY_SET(wd, part));
  const month = c.num('month');
  if (month !== undefined) return mk(`XXXX-${String(month).padStart(2, '0')}`);
  const season = c.value('season');
  if (season) return mk(`XXXX-${season}`);
  if (part) return mk(`XXXX-XX-XXT${part}`);
  const unit = unitOf(c, args);
  if (!unit) return null;
  // "every two weeks", "every other week"; "twice a year", "three times a week": one unit
  let n = c.num('num') ?? 1;
  if (c.has('other')) n = 2;
  if (args.per === '1') n = 1;
  const d = durationValue(n, unit);
  return d ? mk(d) : null;
};

const time: Action = (c, _args, rule) => {
  const clock = c.value('clock');
  let hour: number | undefined;
  let minute = 0;
  let second: number | undefined;
  if (clock) {
    const p = clock.split(':').map(Number);
    [hour, minute] = p;
    second = p[2];
  } else hour = c.num('hour') ?? c.num('num');
  if (hour === undefined || !Number.isInteger(hour) || hour < 0 || hour > 24) return null;
  const ampm = c.value('ampm');
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'pm' && hour < 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
  }
  const part = c.value('part');
  if (part === 'AF' || part === 'EV' || part === 'NI') {
    if (hour < 12 && !(part === 'NI' && hour <= 4)) hour += 12;
  }
  if (hour === 24 && (minute !== 0 || second)) return null;
  return point('TIME', rule, { hour, minute, second, zone: c.value('zone') });
};

const ref: Action = (c, args, rule) => {
  const r = args.ref ?? c.value('ref');
  return r ? { type: 'DATE', spec: { kind: 'ref', ref: r }, rules: [rule.name] } : null;
};

// --- actions over earlier expressions (compose phase) ----------------------------------

const merge: Action = (c, _args, rule) => {
  const [a, b] = c.chunks;
  if (!a || !b) return null;
  if (a.spec.kind !== 'point' && a.spec.kind !== 'merge') return null;
  if (b.spec.kind !== 'point' && b.spec.kind !== 'merge') return null;
  const ga = frameGran(a);
  const gb = frameGran(b);
  const [outer, inner] = coarser(gb, ga) || (ga === gb && b.type === 'DATE') ? [b, a] : [a, b];
  const type: TimexType = a.type === 'TIME' || b.type === 'TIME' ? 'TIME' : 'DATE';
  return {
    type,
    spec: { kind: 'merge', outer, inner },
    mod: a.mod ?? b.mod,
    rules: [...a.rules, ...b.rules, rule.name],
  };
};

const partOf: Action = (c, _args, rule) => {
  const [d] = c.chunks;
  const part = c.value('part');
  if (!d || !part) return null;
  const inner: Frame = { type: 'TIME', spec: { kind: 'point', part }, rules: [rule.name] };
  return { type: 'TIME', spec: { kind: 'merge', outer: d, inner }, rules: [...d.rules, rule.name] };
};

const pointmod: Action = (c, _args, rule) => {
  const [d] = c.chunks;
  const mod = c.value('pmod');
  if (!d || !mod) return null;
  return { ...d, mod, rules: [...d.rules, rule.name] };
};

const quantmod: Action = (c, _args, rule) => {
  const [d] = c.chunks;
  if (!d) return null;
  const mod = c.value('qmod');
  return { ...d, mod: mod ? mod : d.mod, rules: [...d.rules, rule.name] };
};

/** "the day before last Tuesday" (unit and direction from the rule), "the week of March 6" (n=0). */
const around: Action = (c, args, rule) => {
  const [b] = c.chunks;
  if (!b || (b.spec.kind !== 'point' && b.spec.kind !== 'merge')) return null;
  const part = c.value('part');
  const unit = unitOf(c, args) ?? (part ? 'D' : undefined);
  if (!unit || unit === 'H' || unit === 'TM' || unit === 'S') return null;
  const n = directionOf(c, args) ?? 0;
  const spec: OffsetSpec = { kind: 'offset', base: b, unit: part ? 'D' : unit, n };
  const f: Frame = { type: 'DATE', spec, rules: [...b.rules, rule.name] };
  return part
    ? {
        type: 'TIME',
        spec: { kind: 'merge', outer: f, inner: { type: 'TIME', spec: { kind: 'point', part }, rules: [] } },
        rules: f.rules,
      }
    : f;
};

const range: Action = (c, args, rule) => {
  const [b, e] = c.chunks;
  if (!b || !e) return null;
  if (b.spec.kind !== 'point' && b.spec.kind !== 'merge') return null;
  if (e.spec.kind !== 'point' && e.spec.kind !== 'merge') return null;
  const spec: RangeSpec = { kind: 'range', begin: b, end: e };
  if (args.split === '1') spec.split = true;
  return { type: 'DURATION', spec, rules: [...b.rules, ...e.rules, rule.name] };
};

export const ACTIONS: Readonly<Record<string, Action>> = {
  date,
  slashdate,
  year,
  decade,
  century,
  quarter,
  half,
  season,
  holiday,
  dayrel,
  weekday,
  shift,
  shiftpick,
  daypart,
  ago,
  anchored,
  unknown,
  duration,
  freq,
  set,
  time,
  ref,
  merge,
  partof: partOf,
  pointmod,
  quantmod,
  range,
  around,
};

// --- guards: conditions on the surrounding text that a pattern cannot say ---------------

export type Guard = (items: readonly GuardItem[], m: RuleMatch, frames: readonly Frame[]) => boolean;

export interface GuardItem {
  word: string;
  classes: readonly Item['classes'][number][];
  chunk?: { type: string; gran: string } | null;
  lead?: string;
}

const hasCls = (it: GuardItem | undefined, cls: string) => !!it?.classes.some((c) => c.cls === cls);

export const GUARDS: Readonly<Record<string, Guard>> = {
  /** A bare four-digit number is a year unless the words around make it a quantity or a name. */
  year(items, m) {
    const prev = items[m.from - 1];
    const next = items[m.to];
    if (hasCls(prev, 'NOT_YEAR_BEFORE') || hasCls(next, 'NOT_YEAR_AFTER')) return false;
    if (
      prev &&
      (prev.word === '-' || prev.word === '/') &&
      hasCls(items[m.from - 2], 'NUM') &&
      !hasCls(items[m.from - 2], 'YEAR')
    )
      return false;
    return true;
  },
  /** "the year", "the day": not when a clause or "of" phrase follows to say which one. */
  theunit(items, m) {
    const next = items[m.to];
    return !hasCls(next, 'NOT_THEUNIT_AFTER');
  },
  /** "$5 million a year", "four flights a week": a rate, not a duration. */
  rate(items, m) {
    const prev = items[m.from - 1];
    return !(hasCls(prev, 'RATE_BEFORE') || hasCls(prev, 'NUM'));
  },
  /**
   * "over a week", "more than two years": an amount; "over the last two weeks" is a stretch of
   * time and "over" its preposition ("over", "under" before a duration led by "the" are
   * prepositions; "at least the past 18 months" keeps its modifier).
   */
  bareamount(items, m) {
    const last = items[m.to - 1];
    const w = items[m.from]?.word;
    return !((w === 'over' || w === 'under') && last?.chunk && last.lead === 'the');
  },
  /** "about two years ago" approximates; "worried about the future" is about a topic. */
  approx(items, m) {
    const last = items[m.to - 1];
    return !(items[m.from]?.word === 'about' && last?.chunk && last.lead === 'the');
  },
  samekind(_items, _m, frames) {
    const [a, b] = frames;
    return !!a && !!b && a.type === b.type && frameGran(a) === frameGran(b);
  },
  yearless(_items, _m, frames) {
    const [a] = frames;
    return !!a && a.spec.kind === 'point' && a.spec.year === undefined && !a.spec.shift;
  },
  /** "this year's third quarter": a year, then a period without one. */
  yearless2(_items, _m, frames) {
    const [, b] = frames;
    return !!b && b.spec.kind === 'point' && b.spec.year === undefined && !b.spec.shift;
  },
  /** Durations: a four-digit number before a singular unit is a year ("the 1988 quarter"); quarters of something are fractions. */
  amount(items, m) {
    for (let k = m.from; k < m.to; k++) {
      const it = items[k];
      if (
        it.classes.some((c) => c.cls === 'YEAR' && c.len === 1) &&
        items.slice(m.from, m.to).some((x) => x.classes.some((c) => c.cls === 'UNIT'))
      )
        return false;
    }
    const last = items[m.to - 1];
    if (last?.word === 'quarters' && items[m.to]?.word === 'of') return false;
    return true;
  },
};

/** The ISO 8601 duration for n units (n null: X); fractions go to the next smaller unit. */
export function durationValue(n: number | null, unit: Unit): string | null {
  const amount = (k: number | null) => (k === null ? 'X' : String(k));
  switch (unit) {
    case 'DE':
      return n === null ? 'PXDE' : `P${trimNum(n * 10)}Y`;
    case 'CE':
      return n === null ? 'PXCE' : `P${trimNum(n * 100)}Y`;
    case 'ML':
      return n === null ? 'PXML' : `P${trimNum(n * 1000)}Y`;
    case 'FN':
      return n === null ? 'PXW' : `P${trimNum(n * 2)}W`;
    case 'WE':
      return n === null ? 'PXWE' : `P${trimNum(n)}WE`;
    case 'HA':
      return n === null ? 'PXM' : `P${trimNum(n * 6)}M`;
    default:
      break;
  }
  if (n === null)
    return unit === 'H' || unit === 'TM' || unit === 'S' ? `PTX${unit === 'TM' ? 'M' : unit}` : `PX${unit}`;
  if (!Number.isInteger(n)) {
    const whole = Math.floor(n);
    const frac = n - whole;
    const smaller: Partial<Record<Unit, [Unit, number]>> = {
      Y: ['M', 12],
      M: ['D', 30],
      D: ['H', 24],
      H: ['TM', 60],
      TM: ['S', 60],
      W: ['D', 7],
      Q: ['M', 3],
    };
    const s = smaller[unit];
    if (s && Number.isInteger(Math.round(frac * s[1] * 1e6) / 1e6)) {
      const rest = Math.round(frac * s[1]);
      const parts: Array<[number, Unit]> =
        whole > 0
          ? [
              [whole, unit],
              [rest, s[0]],
            ]
          : [[rest, s[0]]];
      return composeDuration(parts);
    }
    return composeDuration([[Math.round(n * 100) / 100, unit]]);
  }
  return composeDuration([[n, unit]]) ?? amount(n);
}

function trimNum(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function composeDuration(parts: Array<[number, Unit]>): string {
  let date = '';
  let time = '';
  for (const [k, u] of parts) {
    if (u === 'H' || u === 'TM' || u === 'S') time += `${trimNum(k)}${u === 'TM' ? 'M' : u}`;
    else date += `${trimNum(k)}${u}`;
  }
  return `P${date}${time ? `T${time}` : ''}`;
}
