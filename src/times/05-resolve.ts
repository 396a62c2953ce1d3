// Step 5: TIMEX3 values. A Frame is resolved against the publication date (DCT) and the
// last mentioned time (the anchor), news style: a bare weekday or month is the latest one on
// or before the publication date unless its clause is in the future; "the following day" and
// "a year earlier" count from the last mentioned time. Without a publication date, relative
// expressions keep an X pattern (XXXX-09-06, XXXX-WXX-4) or no value: nothing is guessed.

import type { Tense } from './01-lexicon.js';
import { durationValue, type Frame, type PointSpec, type Shift } from './04-actions.js';
import {
  addMonths,
  daysInMonth,
  easterSunday,
  fromDayNumber,
  isoWeek,
  isoWeekday,
  isoWeekStart,
  isValidDate,
  nthWeekdayOfMonth,
  pad,
  toDayNumber,
  type YMD,
} from './calendar.js';

/** A resolved point in time: calendar fields at some granularity; year null = unknown. */
export interface RPoint {
  year: number | null;
  century?: number;
  decade?: number;
  half?: number;
  quarter?: number;
  season?: string;
  month?: number;
  week?: number;
  weekend?: boolean;
  weekday?: number;
  day?: number;
  part?: string;
  hour?: number;
  minute?: number;
  second?: number;
  zone?: string;
  unknownDay?: boolean;
}

export interface ResolveContext {
  dct: YMD | null;
  /** The last mentioned time, and whether it was in the same sentence. */
  anchor: RPoint | null;
  anchorSameSentence: boolean;
  /** Sentences between the last mentioned time and this expression (0: same sentence). */
  anchorDistance?: number;
  /** Tense of the clause. */
  tense: Tense | null;
  /** Direction set by a word right before the expression ("by", "since"). */
  tenseBefore?: Tense | null;
  /** That word decides even a weekday against the clause ("as early as Tuesday"). */
  tenseBeforeFirst?: boolean;
}

export interface Resolution {
  value: string | null;
  /** What later expressions may count from (points only). */
  point: RPoint | null;
  range: { begin: string; end: string } | null;
  /** What a relative expression was resolved against. */
  anchor: 'dct' | 'anchor' | null;
  /** Why, in a few words (for --explain). */
  how: string;
}

type Direction = 'last' | 'next' | 'this' | 'last-incl' | 'next-incl' | 'nearest' | 'lean-past' | 'lean-future';

/**
 * Days added to the distance of a candidate on the wrong side of the publication date: a
 * past clause can still mean a date a few weeks ahead ("extended to Nov. 20") rather than
 * one nearly a year back; with no tense, a mild preference for the past.
 */
const AGAINST_TENSE_DAYS = 200;

/** Months and seasons: the tense's side; a present clause ("the case is heard in May"): the nearest. */
function tenseDirection(t: Tense | null): Direction {
  return t === 'FUTURE' ? 'next-incl' : t === 'PRESENT' ? 'nearest' : 'last-incl';
}

// --- serialisation ----------------------------------------------------------------------

/** TIMEX3 value of a resolved point. */
export function pointValue(r: RPoint): string {
  if (r.unknownDay) return timeSuffix(r, 'XXXX-XX-XX');
  if (r.year === null && r.century !== undefined) return `${pad(r.century, 2)}XX`;
  if (r.year === null && r.decade !== undefined) return `${pad(r.decade, 3)}X`;
  const y = r.year === null ? 'XXXX' : pad(r.year, 4);
  let v: string;
  if (r.day !== undefined) v = `${y}-${r.month !== undefined ? pad(r.month) : 'XX'}-${pad(r.day)}`;
  else if (r.week !== undefined) v = `${y}-W${pad(r.week)}${r.weekend ? '-WE' : ''}`;
  else if (r.weekday !== undefined) v = `${y}-WXX-${r.weekday}`;
  else if (r.month !== undefined) v = `${y}-${pad(r.month)}`;
  else if (r.season !== undefined) v = `${y}-${r.season}`;
  else if (r.quarter !== undefined) v = `${y}-Q${r.quarter}`;
  else if (r.half !== undefined) v = `${y}-H${r.half}`;
  else if (r.hour !== undefined || r.part !== undefined) v = `${y}-XX-XX`;
  else v = y;
  return timeSuffix(r, v);
}

function timeSuffix(r: RPoint, v: string): string {
  if (r.hour !== undefined) {
    let t = `T${pad(r.hour)}:${pad(r.minute ?? 0)}`;
    if (r.second !== undefined) t += `:${pad(r.second)}`;
    // the local clock time, as TimeBank writes it ("5 p.m. EST" = T17:00); the offset of a
    // named zone is reported beside the value (TimeExpression.zone); UTC itself is Z
    if (r.zone === 'Z') t += r.zone;
    return v + t;
  }
  if (r.part !== undefined && (r.day !== undefined || r.unknownDay || r.weekday !== undefined)) return `${v}T${r.part}`;
  return v;
}

// --- helpers ------------------------------------------------------------------------------

const dayOf = (r: RPoint): number | null =>
  r.year !== null && r.month !== undefined && r.day !== undefined && isValidDate(r.year, r.month, r.day)
    ? toDayNumber(r.year, r.month, r.day)
    : null;

const fromDay = (dn: number): RPoint => {
  const d = fromDayNumber(dn);
  return { year: d.year, month: d.month, day: d.day };
};

function dctPoint(ctx: ResolveContext): RPoint | null {
  return ctx.dct ? { year: ctx.dct.year, month: ctx.dct.month, day: ctx.dct.day } : null;
}

function holidayDay(h: string, y: number): number | null {
  if (y < 1 || y > 9999) return null;
  let m = /^(\d\d)-(\d\d)$/.exec(h);
  if (m) {
    const mo = Number(m[1]);
    const d = Number(m[2]);
    return isValidDate(y, mo, d) ? toDayNumber(y, mo, d) : null;
  }
  m = /^(\d\d)-W([1-5L])-([1-7])([+-]\d)?$/.exec(h);
  if (m) {
    const dn = nthWeekdayOfMonth(y, Number(m[1]), Number(m[3]), m[2] === 'L' ? -1 : Number(m[2]));
    return dn + Number(m[4] ?? 0);
  }
  m = /^EASTER([+-]\d+)$/.exec(h);
  if (m) return easterSunday(y) + Number(m[1]);
  return null;
}

const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] };

/** First and last day of the partial date `s` in year y, or null when it does not exist. */
function interval(s: PointSpec, y: number): [number, number] | null {
  if (y < 1 || y > 9999) return null;
  if (s.holiday !== undefined) {
    const d = holidayDay(s.holiday, y);
    return d === null ? null : [d, d];
  }
  if (s.month !== undefined) {
    if (s.day !== undefined) {
      if (!isValidDate(y, s.month, s.day)) return null;
      const d = toDayNumber(y, s.month, s.day);
      return [d, d];
    }
    return [toDayNumber(y, s.month, 1), toDayNumber(y, s.month, daysInMonth(y, s.month))];
  }
  let months: [number, number] | null = null;
  if (s.season !== undefined) months = SEASON_MONTHS[s.season] ?? null;
  else if (s.quarter !== undefined) months = [s.quarter * 3 - 2, s.quarter * 3];
  else if (s.half !== undefined) months = [s.half * 6 - 5, s.half * 6];
  if (!months) return null;
  const a = addMonths(y, months[0], 0);
  const b = addMonths(y, months[1], 0);
  return [toDayNumber(a.year, a.month, 1), toDayNumber(b.year, b.month, daysInMonth(b.year, b.month))];
}

/** The year of a partial date, chosen relative to day `ref` in direction `dir`. */
function chooseYear(s: PointSpec, ref: number, refYear: number, dir: Direction): number | null {
  const step = dir === 'next' || dir === 'next-incl' ? 1 : -1;
  const ok = (y: number): boolean => {
    const iv = interval(s, y);
    if (!iv) return false;
    switch (dir) {
      case 'last-incl':
        return iv[0] <= ref;
      case 'last':
        return iv[1] < ref;
      case 'next-incl':
        return iv[1] >= ref;
      case 'next':
        return iv[0] > ref;
      default:
        return true;
    }
  };
  if (dir === 'this') {
    for (let k = 0; k <= 8; k++) if (interval(s, refYear + k * -1)) return refYear - k;
    return null;
  }
  if (dir === 'nearest' || dir === 'lean-past' || dir === 'lean-future') {
    let best: number | null = null;
    let bestDist = Number.POSITIVE_INFINITY;
    // a leap day may be years away: look up to eight years each way
    let years: number[] = [];
    for (let k = -8; k <= 8; k++) years.push(refYear + k);
    // "Saturday, April 25": the year in which the date falls on that weekday
    if (s.weekday !== undefined && s.month !== undefined && s.day !== undefined) {
      const fit = years.filter(
        (y) => isValidDate(y, s.month!, s.day!) && isoWeekday(toDayNumber(y, s.month!, s.day!)) === s.weekday,
      );
      if (fit.length) years = fit;
    }
    for (const y of years) {
      const iv = interval(s, y);
      if (!iv) continue;
      let d = ref < iv[0] ? iv[0] - ref : ref > iv[1] ? ref - iv[1] : 0;
      const against = (dir === 'lean-past' && iv[0] > ref) || (dir === 'lean-future' && iv[1] < ref);
      // on the tense's side, any distance beyond a year (a leap day) counts as a year
      if (against) d += AGAINST_TENSE_DAYS;
      else if (dir !== 'nearest') d = Math.min(d, 366) + d / 1e6;
      if (d < bestDist) {
        bestDist = d;
        best = y;
      }
    }
    if (best !== null) return best;
    return chooseYear(s, ref, refYear, 'last-incl');
  }
  // a leap day may be up to eight years away
  for (let k = 0; k <= 9; k++) {
    const y = refYear + k * step;
    if (ok(y)) return y;
  }
  return null;
}

function weekdayNear(ref: number, wd: number, dir: Direction): number {
  const refWd = isoWeekday(ref);
  switch (dir) {
    case 'last-incl':
      return ref - ((refWd - wd + 7) % 7);
    case 'next-incl':
      return ref + ((wd - refWd + 7) % 7);
    case 'last':
      return ref - ((refWd - wd + 7) % 7 || 7);
    case 'next':
      return ref + ((wd - refWd + 7) % 7 || 7);
    case 'nearest': {
      // on or before unless the next one is closer
      const back = (refWd - wd + 7) % 7;
      const ahead = (wd - refWd + 7) % 7;
      return ahead < back ? ref + ahead : ref - back;
    }
    default:
      return ref - refWd + wd;
  }
}

// --- shifts --------------------------------------------------------------------------------

/** Move `base` by a shift; null when the base is too coarse for the unit. */
export function applyShift(base: RPoint, sh: Shift): RPoint | null {
  if (base.year === null) return null;
  let n = sh.n;
  let unit = sh.unit;
  // fractional amounts move in the next smaller unit ("two and a half years ago")
  if (!Number.isInteger(n)) {
    if (unit === 'Y') {
      n = Math.round(n * 12);
      unit = 'M';
    } else if (unit === 'M' || unit === 'W') {
      n = Math.round(n * (unit === 'M' ? 30 : 7));
      unit = 'D';
    } else n = Math.round(n);
  }
  const y = base.year;
  const month = base.month;
  switch (unit) {
    case 'Y': {
      if (!sh.keep) return { year: y + n };
      const r: RPoint = { ...base, year: y + n };
      if (r.month !== undefined && r.day !== undefined && r.day > daysInMonth(y + n, r.month))
        r.day = daysInMonth(y + n, r.month);
      return r;
    }
    case 'M': {
      const m = month ?? (base.quarter !== undefined ? base.quarter * 3 - 2 : undefined);
      if (m === undefined) return null;
      const t = addMonths(y, m, n);
      if (sh.keep && base.day !== undefined)
        return { year: t.year, month: t.month, day: Math.min(base.day, daysInMonth(t.year, t.month)) };
      return { year: t.year, month: t.month };
    }
    case 'Q':
    case 'HA': {
      const per = unit === 'Q' ? 3 : 6;
      const m =
        month ??
        (base.quarter !== undefined ? base.quarter * 3 - 2 : base.half !== undefined ? base.half * 6 - 5 : undefined);
      if (m === undefined) return null;
      const idx = y * (12 / per) + Math.floor((m - 1) / per) + n;
      const ny = Math.floor(idx / (12 / per));
      const k = idx - ny * (12 / per) + 1;
      return unit === 'Q' ? { year: ny, quarter: k } : { year: ny, half: k };
    }
    case 'W':
    case 'WE':
    case 'FN': {
      const weeks = unit === 'FN' ? 2 * n : n;
      const dn = dayOf(base);
      let target: number;
      if (dn !== null) target = dn + 7 * weeks;
      else if (base.week !== undefined) target = isoWeekStart(y, base.week) + 7 * weeks;
      else return null;
      if (sh.keep && dn !== null) return fromDay(target);
      const w = isoWeek(target);
      return { year: w.year, week: w.week, weekend: unit === 'WE' || base.weekend || undefined };
    }
    case 'D': {
      const dn = dayOf(base);
      if (dn === null) return null;
      return fromDay(dn + n);
    }
    case 'DE':
      return sh.keep ? { ...base, year: y + 10 * n } : { year: null, decade: Math.floor(y / 10) + n };
    case 'CE':
      return sh.keep ? { ...base, year: y + 100 * n } : { year: null, century: Math.floor(y / 100) + n };
    case 'ML':
      return sh.keep ? { ...base, year: y + 1000 * n } : null;
    default: {
      // hours, minutes, seconds: only the day is known
      const dn = dayOf(base);
      return dn === null ? null : fromDay(dn);
    }
  }
}

/** Whether the point is of exactly the granularity of a unit (a quarter for Q ...). */
function isExactly(r: RPoint, unit: Shift['unit']): boolean {
  if (r.year === null || r.hour !== undefined) return false;
  switch (unit) {
    case 'Q':
      return r.quarter !== undefined;
    case 'HA':
      return r.half !== undefined;
    case 'M':
      return r.month !== undefined && r.day === undefined;
    case 'W':
      return r.week !== undefined;
    case 'D':
      return r.day !== undefined;
    case 'Y':
      return (
        r.month === undefined &&
        r.quarter === undefined &&
        r.half === undefined &&
        r.week === undefined &&
        r.season === undefined
      );
    default:
      return false;
  }
}

/** Whether the point has (at least) the granularity of a unit. */
function hasUnit(r: RPoint, unit: Shift['unit']): boolean {
  switch (unit) {
    case 'Q':
      return r.quarter !== undefined || r.month !== undefined;
    case 'M':
      return r.month !== undefined;
    case 'W':
    case 'WE':
      return r.week !== undefined || r.day !== undefined;
    case 'D':
      return r.day !== undefined;
    case 'HA':
      return r.half !== undefined || r.quarter !== undefined || r.month !== undefined;
    default:
      return r.year !== null;
  }
}

function validPoint(r: RPoint | null): RPoint | null {
  if (!r) return null;
  if (r.year !== null && (r.year < 1 || r.year > 9999)) return null;
  if (r.decade !== undefined && (r.decade < 0 || r.decade > 999)) return null;
  if (r.century !== undefined && (r.century < 0 || r.century > 99)) return null;
  return r;
}

// --- points ------------------------------------------------------------------------------

interface PointResult {
  point: RPoint | null;
  anchor: 'dct' | 'anchor' | null;
  how: string;
}

function resolveShift(s: PointSpec, sh: Shift, ctx: ResolveContext): PointResult {
  const dct = dctPoint(ctx);
  let base: RPoint | null = null;
  let used: 'dct' | 'anchor' | null = null;
  let how = '';
  if (sh.base === 'anchor') {
    if (sh.latest) {
      // the last mentioned period of that kind, else the last complete one
      if (ctx.anchor && isExactly(ctx.anchor, sh.unit))
        return { point: ctx.anchor, anchor: 'anchor', how: 'the last mentioned period' };
      if (!dct) return { point: null, anchor: null, how: 'no publication date' };
      return {
        point: applyShift(dct, { unit: sh.unit, n: -1, base: 'dct' }),
        anchor: 'dct',
        how: 'the last complete period',
      };
    }
    const nearEnough = !sh.near || (ctx.anchorDistance ?? 0) <= 1;
    if (
      sh.current &&
      dct &&
      dct.year !== null &&
      (!ctx.anchor || ctx.anchor.year === null || ctx.anchor.year < dct.year)
    )
      return {
        point: applyShift({ year: dct.year }, { ...sh, keep: true }),
        anchor: 'dct',
        how: 'from the publication year',
      };
    if (ctx.anchor && nearEnough && (hasUnit(ctx.anchor, sh.unit) || sh.keep)) {
      base = ctx.anchor;
      used = 'anchor';
      how = 'from the last mentioned time';
    } else if (dct) {
      base = dct;
      used = 'dct';
      how = 'from the publication date (no earlier time mentioned)';
    }
  } else {
    // "a year ago" after "the third quarter": that quarter a year before (financial news
    // compares periods); "last year" only when the quarter is in the same sentence
    const a = ctx.anchor;
    if (
      sh.unit === 'Y' &&
      !sh.keep &&
      sh.n < 0 &&
      a &&
      a.year !== null &&
      a.day === undefined &&
      a.hour === undefined &&
      ((a.quarter !== undefined && ((sh.ago && sh.n === -1) || ctx.anchorSameSentence)) ||
        (a.month !== undefined && sh.ago && sh.n === -1 && ctx.anchorSameSentence))
    ) {
      return {
        point: applyShift(a, { ...sh, keep: true }),
        anchor: 'anchor',
        how: 'the period last mentioned, a year before',
      };
    }
    base = dct;
    used = dct ? 'dct' : null;
    how = 'from the publication date';
  }
  if (!base) return { point: null, anchor: null, how: 'no publication date' };
  let r = applyShift(base, sh);
  if (r && s.year !== undefined && sh.keep) r = { ...r, year: s.year };
  if (r && s.part !== undefined) r = r.day !== undefined ? { ...r, part: s.part } : r;
  if (r && s.weekend) r = { ...r, weekend: true };
  return { point: r, anchor: used, how };
}

function resolvePoint(s: PointSpec, ctx: ResolveContext, container: RPoint | null): PointResult {
  if (s.invalid) return { point: null, anchor: null, how: s.invalid };
  if (s.unknown)
    return { point: { year: null, unknownDay: true }, anchor: null, how: 'a day the text does not identify' };
  if (s.shift) return resolveShift(s, s.shift, ctx);
  if (s.century !== undefined) return { point: { year: null, century: s.century }, anchor: null, how: 'century' };
  if (s.decade !== undefined) return { point: { year: null, decade: s.decade }, anchor: null, how: 'decade' };
  const dct = ctx.dct;
  const dctDay = dct ? toDayNumber(dct.year, dct.month, dct.day) : null;
  if (s.decadeInCentury !== undefined) {
    // the latest such decade that has begun by the publication date (or the 1900s)
    const refYear = dct ? dct.year : 1999;
    let c = Math.floor(refYear / 100);
    if (c * 100 + s.decadeInCentury * 10 > refYear) c--;
    return {
      point: { year: null, decade: c * 10 + s.decadeInCentury },
      anchor: dct ? 'dct' : null,
      how: 'decade of the latest century',
    };
  }
  let year: number | null = s.year ?? null;
  if (year === null && s.yy !== undefined) {
    // two-digit years: the nearest such year not more than 20 years after the DCT
    const refYear = dct ? dct.year : 2000;
    let y = Math.floor(refYear / 100) * 100 + s.yy;
    if (y > refYear + 20) y -= 100;
    year = y;
  }
  const needsDate =
    s.month !== undefined ||
    s.day !== undefined ||
    s.season !== undefined ||
    s.quarter !== undefined ||
    s.half !== undefined ||
    s.holiday !== undefined;
  const timeOnly =
    !needsDate && s.weekday === undefined && year === null && (s.hour !== undefined || s.part !== undefined);
  // weekdays follow the tense: in a future clause the next one after the publication date
  // ("will meet on Thursday" written on a Thursday means a week later), else the latest on
  // or before it; months and seasons follow the tense (without one: the past unless that is
  // most of a year further than the future); quarters
  // and halves are the nearest; a full date ("Nov. 20") is the nearest one on the side the
  // tense says, unless that is most of a year further than the other side
  const periodOnly =
    s.month === undefined &&
    s.holiday === undefined &&
    s.season === undefined &&
    (s.quarter !== undefined || s.half !== undefined);
  // ("by Friday" can be a deadline passed; "by Jan. 14" is nearly always ahead)
  const dayTense = ctx.tenseBeforeFirst ? (ctx.tenseBefore ?? null) : (ctx.tense ?? ctx.tenseBefore ?? null);
  // a weekday in a clause that points to neither side ("meet Monday", "would be traveling
  // Thursday", "has scheduled a news conference Thursday"), or a deadline word against a past
  // clause ("remained closed until Friday"): the nearest such day
  const dayEither =
    dayTense === 'PRESENT' || (!ctx.tenseBeforeFirst && ctx.tense === 'PAST' && ctx.tenseBefore === 'FUTURE');
  const dateTense = ctx.tenseBefore ?? ctx.tense;
  // a holiday is a day like a full date ("as Easter week began": the coming Easter if near)
  const fullDate = (s.month !== undefined && s.day !== undefined) || s.holiday !== undefined;
  const dir: Direction =
    s.pick ??
    ((s.weekday !== undefined || s.weekend) && !needsDate
      ? dayTense === 'FUTURE'
        ? 'next'
        : dayEither
          ? 'nearest'
          : 'last-incl'
      : periodOnly
        ? // quarters and halves: a past clause means one that has begun ("earned ... in the
          // fiscal first quarter"); otherwise the nearest ("expects to report third-quarter
          // results" is about the quarter just ended)
          dateTense === 'PAST'
          ? 'last-incl'
          : 'nearest'
        : !fullDate
          ? dateTense
            ? tenseDirection(dateTense)
            : 'lean-past'
          : dateTense === 'FUTURE'
            ? 'lean-future'
            : dateTense === 'PAST'
              ? 'lean-past'
              : 'nearest');
  const base: RPoint = { year };
  const timeFields = (r: RPoint): RPoint => {
    if (s.hour !== undefined) {
      r.hour = s.hour;
      r.minute = s.minute;
      if (s.second !== undefined) r.second = s.second;
      if (s.zone) r.zone = s.zone;
    }
    if (s.part !== undefined) r.part = s.part;
    return r;
  };
  if (timeOnly) {
    // a time of day: on the day of the enclosing expression, the day mentioned in the same
    // sentence, or the publication date
    let day: RPoint | null = null;
    let used: 'dct' | 'anchor' | null = null;
    if (container && container.day !== undefined)
      day = { year: container.year, month: container.month, day: container.day };
    else if (ctx.anchor && ctx.anchor.day !== undefined && ctx.anchor.year !== null) {
      day = { year: ctx.anchor.year, month: ctx.anchor.month, day: ctx.anchor.day };
      used = 'anchor';
    } else if (dct) {
      day = { year: dct.year, month: dct.month, day: dct.day };
      used = 'dct';
    }
    if (!day) return { point: timeFields({ year: null, unknownDay: true }), anchor: null, how: 'no publication date' };
    return {
      point: timeFields(day),
      anchor: used,
      how: used === 'anchor' ? 'on the last mentioned day' : 'on the publication date',
    };
  }
  if (s.weekend && !needsDate && year === null && s.weekday === undefined) {
    if (dctDay === null) return { point: null, anchor: null, how: 'no publication date' };
    const sat = weekdayNear(dctDay, 6, dir === 'next' ? 'next-incl' : 'last-incl');
    const w = isoWeek(sat);
    return {
      point: { year: w.year, week: w.week, weekend: true },
      anchor: 'dct',
      how: `the weekend ${directionWords(dir, !!s.pick)} the publication date`,
    };
  }
  if (s.weekday !== undefined && !needsDate && year === null) {
    if (container && container.day !== undefined)
      return {
        point: timeFields({ year: container.year, month: container.month, day: container.day }),
        anchor: null,
        how: 'within the enclosing date',
      };
    if (container && container.week !== undefined && container.year !== null) {
      const dn = isoWeekStart(container.year, container.week) + s.weekday - 1;
      return { point: timeFields(fromDay(dn)), anchor: null, how: 'within the enclosing week' };
    }
    // "the previous Friday": counted from the last mentioned day
    const a = ctx.anchor;
    if (
      s.fromAnchor &&
      a &&
      a.year !== null &&
      a.month !== undefined &&
      a.day !== undefined &&
      isValidDate(a.year, a.month, a.day)
    ) {
      const dn = weekdayNear(toDayNumber(a.year, a.month, a.day), s.weekday, dir);
      return {
        point: timeFields(fromDay(dn)),
        anchor: 'anchor',
        how: `${directionWords(dir, true)} the last mentioned day`,
      };
    }
    if (dctDay === null)
      return { point: timeFields({ year: null, weekday: s.weekday }), anchor: null, how: 'no publication date' };
    const dn = weekdayNear(dctDay, s.weekday, dir);
    return {
      point: timeFields(fromDay(dn)),
      anchor: 'dct',
      how: `${directionWords(dir, !!s.pick)} the publication date`,
    };
  }
  let used: 'dct' | 'anchor' | null = null;
  let how = 'explicit';
  if (year === null && container && container.year !== null) {
    year = container.year;
    how = 'year of the enclosing expression';
  }
  if (year === null && needsDate) {
    if (dctDay === null || !dct) {
      how = 'no publication date';
    } else {
      year = chooseYear(s, dctDay, dct.year, dir);
      used = 'dct';
      how = `${directionWords(dir, !!s.pick)} the publication date`;
      // "last February" written in March is not last month (which it would be called) but the
      // February a year before
      if (
        s.pick === 'last' &&
        year !== null &&
        s.month !== undefined &&
        s.day === undefined &&
        year * 12 + s.month === dct.year * 12 + dct.month - 1
      ) {
        year -= 1;
        how = 'the one before last month (which it would be called)';
      }
    }
  }
  const r: RPoint = { ...base, year };
  if (s.holiday !== undefined) {
    const dn = year !== null ? holidayDay(s.holiday, year) : null;
    if (dn === null) return { point: null, anchor: null, how: 'holiday without a year' };
    return { point: timeFields(fromDay(dn)), anchor: used, how };
  }
  if (s.month !== undefined) r.month = s.month;
  if (s.day !== undefined) r.day = s.day;
  if (s.season !== undefined) r.season = s.season;
  if (s.quarter !== undefined) r.quarter = s.quarter;
  if (s.half !== undefined) r.half = s.half;
  if (year !== null && r.month !== undefined && r.day !== undefined && !isValidDate(year, r.month, r.day))
    return { point: null, anchor: null, how: `${year}-${r.month}-${r.day} is not a calendar date` };
  return { point: timeFields(r), anchor: used, how };
}

function directionWords(dir: Direction, explicit: boolean): string {
  const src = explicit ? '' : ' (by tense)';
  switch (dir) {
    case 'last-incl':
      return `the latest on or before${src}`;
    case 'next-incl':
      return `the next on or after${src}`;
    case 'nearest':
      return 'the nearest to';
    case 'lean-past':
      return 'the nearest (preferring the past, by tense) to';
    case 'lean-future':
      return 'the nearest (preferring the future, by tense) to';
    case 'last':
      return 'the last before';
    case 'next':
      return 'the next after';
    default:
      return 'the same week/year as';
  }
}

/** Resolve a point-like frame (point or merge) to a point. */
function resolvePointFrame(f: Frame, ctx: ResolveContext, container: RPoint | null): PointResult {
  const s = f.spec;
  if (s.kind === 'point') return resolvePoint(s, ctx, container);
  if (s.kind === 'merge') {
    const outer = resolvePointFrame(s.outer, ctx, container);
    if (!outer.point) return outer;
    const inner = resolvePointFrame(s.inner, ctx, outer.point);
    if (!inner.point) return { point: outer.point, anchor: outer.anchor, how: outer.how };
    return {
      point: mergePoints(outer.point, inner.point),
      anchor: outer.anchor ?? inner.anchor,
      how: `${outer.how}; ${inner.how}`,
    };
  }
  if (s.kind === 'offset') {
    const base = resolvePointFrame(s.base, ctx, container);
    if (!base.point) return base;
    const moved =
      s.n === 0
        ? coarsen(base.point, s.unit)
        : applyShift(base.point, { unit: s.unit, n: s.n, base: 'anchor', keep: true });
    return {
      point: moved,
      anchor: base.anchor,
      how: `${base.how}; ${s.n === 0 ? `the ${s.unit} containing it` : `${s.n > 0 ? '+' : ''}${s.n} ${s.unit}`}`,
    };
  }
  return { point: null, anchor: null, how: 'not a point' };
}

/** The unit (week, month, year ...) that contains a point. */
function coarsen(p: RPoint, unit: Shift['unit']): RPoint | null {
  if (p.year === null) return null;
  const dn = dayOf(p);
  switch (unit) {
    case 'W':
    case 'WE': {
      if (dn === null) return p.week !== undefined ? { year: p.year, week: p.week } : null;
      const w = isoWeek(dn);
      return { year: w.year, week: w.week, weekend: unit === 'WE' || undefined };
    }
    case 'M':
      return p.month !== undefined ? { year: p.year, month: p.month } : null;
    case 'Q':
      return p.month !== undefined
        ? { year: p.year, quarter: Math.ceil(p.month / 3) }
        : p.quarter !== undefined
          ? { year: p.year, quarter: p.quarter }
          : null;
    case 'Y':
      return { year: p.year };
    case 'D':
      return dn !== null ? fromDay(dn) : null;
    default:
      return null;
  }
}

function mergePoints(outer: RPoint, inner: RPoint): RPoint {
  const r: RPoint = { ...inner };
  if (r.year === null && outer.year !== null) r.year = outer.year;
  if (r.day === undefined && outer.day !== undefined && r.month === undefined) {
    r.month = outer.month;
    r.day = outer.day;
  }
  if (r.unknownDay && outer.day !== undefined) {
    r.unknownDay = undefined;
    r.year = outer.year;
    r.month = outer.month;
    r.day = outer.day;
  }
  return r;
}

/** Index of a point at a granularity, for the length of ranges. */
function rangeLength(a: RPoint, b: RPoint): string | null {
  if (a.year !== null && b.year !== null) {
    const da = dayOf(a);
    const db = dayOf(b);
    if (da !== null && db !== null) return db >= da ? `P${db - da}D` : null;
    if (a.month !== undefined && b.month !== undefined && a.day === undefined && b.day === undefined) {
      const k = b.year * 12 + b.month - (a.year * 12 + a.month);
      return k >= 0 ? `P${k}M` : null;
    }
    if (a.quarter !== undefined && b.quarter !== undefined) {
      const k = b.year * 4 + b.quarter - (a.year * 4 + a.quarter);
      return k >= 0 ? `P${k * 3}M` : null;
    }
    const onlyYear = (p: RPoint) =>
      p.month === undefined &&
      p.day === undefined &&
      p.quarter === undefined &&
      p.week === undefined &&
      p.season === undefined &&
      p.half === undefined;
    if (onlyYear(a) && onlyYear(b)) return b.year >= a.year ? `P${b.year - a.year}Y` : null;
    return null;
  }
  if (a.decade !== undefined && b.decade !== undefined)
    return b.decade >= a.decade ? `P${(b.decade - a.decade) * 10}Y` : null;
  return null;
}

/** The frame names its own day ("6 a.m. Tuesday"), not only a clock time. */
function ownDay(f: Frame): boolean {
  const s = f.spec;
  if (s.kind === 'merge') return true;
  return s.kind === 'point' && (s.day !== undefined || s.weekday !== undefined || s.shift !== undefined);
}

function comparable(a: RPoint, b: RPoint): boolean {
  const da = dayOf(a);
  const db = dayOf(b);
  if (da !== null && db !== null) return da <= db;
  if (a.year !== null && b.year !== null) {
    if (a.year !== b.year) return a.year < b.year;
    return (a.month ?? 0) <= (b.month ?? 13);
  }
  return true;
}

// --- frames ------------------------------------------------------------------------------

export function resolveFrame(f: Frame, ctx: ResolveContext): Resolution {
  const s = f.spec;
  switch (s.kind) {
    case 'duration':
      return { value: durationValue(s.n, s.unit), point: null, range: null, anchor: null, how: 'duration' };
    case 'ref':
      return { value: s.ref, point: null, range: null, anchor: null, how: 'reference to past/present/future' };
    case 'set':
      return { value: s.value, point: null, range: null, anchor: null, how: 'set' };
    case 'range': {
      const end = resolvePointFrame(s.end, ctx, null);
      const beginSpec = s.begin.spec;
      const beginYearless =
        beginSpec.kind === 'point' &&
        beginSpec.year === undefined &&
        !beginSpec.shift &&
        beginSpec.decade === undefined &&
        beginSpec.century === undefined;
      let begin = resolvePointFrame(
        s.begin,
        ctx,
        beginYearless && end.point?.year != null ? { year: end.point.year } : null,
      );
      if (begin.point && end.point && beginYearless && !comparable(begin.point, end.point) && begin.point.year !== null)
        begin = { ...begin, point: { ...begin.point, year: begin.point.year - 1 } };
      const bp = validPoint(begin.point);
      let ep = validPoint(end.point);
      // "from 10 p.m. to 6 a.m.": a clock time before the begin on the same day is the next day's
      if (bp && ep && ep.hour !== undefined && bp.hour !== undefined && !ownDay(s.end)) {
        const db = dayOf(bp);
        if (db !== null && db === dayOf(ep) && ep.hour * 60 + (ep.minute ?? 0) < bp.hour * 60 + (bp.minute ?? 0)) {
          const next = fromDayNumber(db + 1);
          ep = { ...ep, year: next.year, month: next.month, day: next.day };
        }
      }
      if (!bp || !ep)
        return {
          value: null,
          point: null,
          range: null,
          anchor: begin.anchor ?? end.anchor,
          how: 'range with an unresolved end',
        };
      return {
        value: rangeLength(bp, ep),
        point: bp,
        range: { begin: pointValue(bp), end: pointValue(ep) },
        anchor: begin.anchor ?? end.anchor,
        how: `range: ${begin.how}; ${end.how}`,
      };
    }
    default: {
      const r = resolvePointFrame(f, ctx, null);
      const p = validPoint(r.point);
      return { value: p ? pointValue(p) : null, point: p, range: null, anchor: r.anchor, how: r.how };
    }
  }
}
