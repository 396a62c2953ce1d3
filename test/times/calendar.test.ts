import { describe, expect, it } from 'vitest';
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
  parseIsoDate,
  toDayNumber,
} from '../../src/times/calendar.js';

describe('calendar arithmetic', () => {
  it('round-trips day numbers across eras and leap years', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [1900, 3, 1],
      [1, 1, 1],
      [9999, 12, 31],
      [2007, 9, 6],
    ]) {
      expect(fromDayNumber(toDayNumber(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
    expect(toDayNumber(1970, 1, 1)).toBe(0);
    expect(toDayNumber(2007, 9, 7) - toDayNumber(2007, 9, 6)).toBe(1);
  });
  it('knows weekdays and ISO weeks', () => {
    expect(isoWeekday(toDayNumber(2007, 9, 6))).toBe(4); // a Thursday
    expect(isoWeek(toDayNumber(2007, 9, 6))).toEqual({ year: 2007, week: 36 });
    expect(isoWeek(toDayNumber(2008, 12, 29))).toEqual({ year: 2009, week: 1 });
    expect(isoWeek(toDayNumber(2010, 1, 3))).toEqual({ year: 2009, week: 53 });
    expect(fromDayNumber(isoWeekStart(2007, 36))).toEqual({ year: 2007, month: 9, day: 3 });
  });
  it('validates dates, including leap days', () => {
    expect(isValidDate(2008, 2, 29)).toBe(true);
    expect(isValidDate(2007, 2, 29)).toBe(false);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(2007, 4, 31)).toBe(false);
    expect(isValidDate(0, 1, 1)).toBe(false);
    expect(isValidDate(10000, 1, 1)).toBe(false);
    expect(daysInMonth(2007, 2)).toBe(28);
  });
  it('finds moving holidays', () => {
    expect(fromDayNumber(easterSunday(2007))).toEqual({ year: 2007, month: 4, day: 8 });
    expect(fromDayNumber(easterSunday(2024))).toEqual({ year: 2024, month: 3, day: 31 });
    // Thanksgiving 2007: fourth Thursday of November; Memorial Day 2007: last Monday of May
    expect(fromDayNumber(nthWeekdayOfMonth(2007, 11, 4, 4))).toEqual({ year: 2007, month: 11, day: 22 });
    expect(fromDayNumber(nthWeekdayOfMonth(2007, 5, 1, -1))).toEqual({ year: 2007, month: 5, day: 28 });
  });
  it('adds months across years and parses ISO dates strictly', () => {
    expect(addMonths(2007, 11, 3)).toEqual({ year: 2008, month: 2 });
    expect(addMonths(2007, 1, -1)).toEqual({ year: 2006, month: 12 });
    expect(parseIsoDate('2007-09-06')).toEqual({ year: 2007, month: 9, day: 6 });
    expect(parseIsoDate('2007-02-30')).toBeNull();
    expect(parseIsoDate('20070906')).toBeNull();
    expect(parseIsoDate(null)).toBeNull();
  });
});
