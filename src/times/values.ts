// The shape of TIMEX3 values this stage writes: a check that every value it outputs is
// well-formed (calendar points with optional X placeholders, ISO 8601 durations, the three
// references), used as a last guard before output and by the tests.

import { isValidDate } from './calendar.js';

const YEAR = '(?:\\d{4}|\\d{3}X|\\d{2}XX|XXXX)';
const TIME = '(?:T(?:(?:[01]\\d|2[0-4])(?::[0-5]\\d(?::[0-5]\\d)?)?|MO|AF|EV|NI|DT)(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)';
const MONTH = '(?:0[1-9]|1[0-2]|XX)';
const DAY = '(?:0[1-9]|[12]\\d|3[01]|XX)';
const POINT = new RegExp(
  `^${YEAR}(?:-(?:${MONTH}(?:-${DAY}${TIME}?)?|W(?:0[1-9]|[1-4]\\d|5[0-3]|XX)(?:-(?:[1-7]|WE)${TIME}?)?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?$`,
);
const AMOUNT = '(?:\\d+(?:\\.\\d+)?|X)';
const DURATION = new RegExp(`^P(?=[\\dXT])(?:${AMOUNT}(?:Y|M|W|D|Q|DE|CE|ML|WE))*(?:T(?=[\\dX])(?:${AMOUNT}[HMS])+)?$`);
const REFS = new Set(['PAST_REF', 'PRESENT_REF', 'FUTURE_REF']);

/** Whether `v` is a well-formed TIMEX3 value (as this stage writes them); full dates must exist. */
export function isTimexValue(v: string): boolean {
  if (v.length > 40) return false;
  if (REFS.has(v)) return true;
  if (v[0] === 'P') return DURATION.test(v);
  if (!POINT.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (
    v.length >= 10 &&
    v[4] === '-' &&
    v[7] === '-' &&
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d)
  )
    return isValidDate(y, m, d);
  return true;
}

// The contract's value shape (SPEC.md, as ../shared/tools/check-coded.mjs checks it) is
// narrower than TimeML for one form the stage writes: a weekend (2007-W36-WE). Its value
// is the weekend's week, and the TimeML value is kept whole in the time's `timeml` field.
const CONTRACT =
  /^(\d{4}|\d{3}X|\d{2}XX|XXXX)(-(\d{2}|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?(-\d{2})?(T.*)?$|^P(\d+(\.\d+)?[YMWDHS]|T[\dHMS.]+|X+[YMWDHS]?|\d*[YMWD]T?.*)$|^(PRESENT_REF|PAST_REF|FUTURE_REF)$|^XXXX-XX-XX.*$|^T\d{2}(:\d{2})?|^[XP]/;

/** Whether the contract's checker accepts `v` as a value. */
export function isContractValue(v: string): boolean {
  return CONTRACT.test(v);
}

/** `v` (a well-formed TIMEX3 value) in the contract's value shape, or null if it has none. */
export function contractValue(v: string): string | null {
  if (CONTRACT.test(v)) return v;
  const w = v.endsWith('-WE') ? v.slice(0, -3) : v;
  return CONTRACT.test(w) ? w : null;
}
