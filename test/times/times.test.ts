import { describe, expect, it } from 'vitest';
import { code, find, times, values } from './helpers.js';

// Publication date of most cases: Thursday 2007-09-06.
describe('dates relative to the publication date (news style)', () => {
  it('resolves a bare weekday by the tense of its clause, past by default', () => {
    expect(values('The council voted on Monday.')).toEqual({ Monday: '2007-09-03' });
    expect(values('The council met Thursday.')).toEqual({ Thursday: '2007-09-06' });
    expect(values('The council will vote on Monday.')).toEqual({ Monday: '2007-09-10' });
    expect(values('Ministers are expected to sign the accord on Saturday.')).toEqual({ Saturday: '2007-09-08' });
    expect(values('Officials plan to travel to Geneva on Tuesday.', '2007-09-03')).toEqual({ Tuesday: '2007-09-04' });
  });
  it('resolves months, seasons and dates without a year', () => {
    expect(values('The factory closed in March.')).toEqual({ March: '2007-03' });
    expect(values('The factory will reopen in November.')).toEqual({ November: '2007-11' });
    expect(values('Exports fell sharply in October.')).toEqual({ October: '2006-10' });
    expect(values('The hearing is set for Oct. 12.')).toEqual({ 'Oct. 12': '2007-10-12' });
    expect(values('The strike began on Aug. 30.')).toEqual({ 'Aug. 30': '2007-08-30' });
    expect(values('Prices rose this summer and fell last winter.')).toEqual({
      'this summer': '2007-SU',
      'last winter': '2006-WI',
    });
  });
  it('moves calendar units from the publication date', () => {
    expect(values('Sales grew last year, slowed this month and will recover next year.')).toEqual({
      'last year': '2006',
      'this month': '2007-09',
      'next year': '2008',
    });
    expect(values('The plant was sold last week and the buyer takes over next week.')).toEqual({
      'last week': '2007-W35',
      'next week': '2007-W37',
    });
    expect(values('He resigned a year ago, and his deputy left two weeks ago.')).toEqual({
      'a year ago': '2006',
      'two weeks ago': '2007-W34',
    });
    expect(values('The vote happened three days ago.')).toEqual({ 'three days ago': '2007-09-03' });
  });
  it('reads "last <month>" as the latest one before the publication month, never last month', () => {
    expect(values('Prices peaked last April.')).toEqual({ 'last April': '2007-04' });
    // August is "last month" in September: "last August" is the one a year before
    expect(values('Prices peaked last August.')).toEqual({ 'last August': '2006-08' });
    expect(values('Prices peaked last December.', '2008-01-15')).toEqual({ 'last December': '2006-12' });
  });
  it('keeps "earlier this month" and "later this year" with their mods', () => {
    const t = times('The rebels attacked earlier this month and may attack again later this year.');
    expect(find(t, 'earlier this month')).toMatchObject({ type: 'DATE', value: '2007-09', mod: 'START' });
    expect(find(t, 'later this year')).toMatchObject({ type: 'DATE', value: '2007', mod: 'END' });
  });
  it('counts from the last mentioned date where news does', () => {
    expect(values('The envoys arrived on June 12, 2005. The following day they met the king.')).toEqual({
      'June 12, 2005': '2005-06-12',
      'The following day': '2005-06-13',
    });
    expect(values('The bank was founded in May 1998, and a year later it collapsed.')).toEqual({
      'May 1998': '1998-05',
      'a year later': '1999-05',
    });
    expect(values('Output fell in the third quarter of 2005, after rising a year earlier.')).toEqual({
      'the third quarter of 2005': '2005-Q3',
      'a year earlier': '2004-Q3',
    });
    expect(values('Voters went to the polls on Sunday. The day before, the army had closed the border.')).toEqual({
      Sunday: '2007-09-02',
      'The day before': '2007-09-01',
    });
  });
  it('handles today, yesterday, tomorrow and parts of the day', () => {
    const t = times('The minister spoke today, after talks yesterday afternoon, and leaves tomorrow morning.');
    expect(find(t, 'today')).toMatchObject({ type: 'DATE', value: '2007-09-06' });
    expect(find(t, 'yesterday afternoon')).toMatchObject({ type: 'TIME', value: '2007-09-05TAF' });
    expect(find(t, 'tomorrow morning')).toMatchObject({ type: 'TIME', value: '2007-09-07TMO' });
    expect(find(times('Troops moved in last night.'), 'last night')).toMatchObject({ value: '2007-09-05TNI' });
    // "in the morning": of the day last mentioned
    expect(values('Stocks fell on Tuesday. Dealers placed heavy buy orders in the morning.')).toEqual({
      Tuesday: '2007-09-04',
      'the morning': '2007-09-04TMO',
    });
  });
  it('marks references to past, present and future', () => {
    expect(values('Relations are currently poor and right now nothing moves.')).toEqual({
      currently: 'PRESENT_REF',
      'right now': 'PRESENT_REF',
    });
    expect(values('The two sides met recently and hope to meet in the future.')).toEqual({
      recently: 'PAST_REF',
      'the future': 'FUTURE_REF',
    });
    // "the future of the industry" names no time
    expect(values('Electric cars are the future of the industry, he is currently of the view.')).toEqual({
      currently: 'PRESENT_REF',
    });
    expect(values('Holders may buy shares at the then current market price.')).toEqual({
      'then current': 'PAST_REF',
    });
  });
});

describe('absolute dates, decades, centuries, quarters, holidays', () => {
  it('reads calendar dates in the usual orders', () => {
    expect(values('It was signed on Sept. 6, 2007, ratified on 12 October 2007 and filed on 2007-11-02.')).toEqual({
      'Sept. 6, 2007': '2007-09-06',
      '12 October 2007': '2007-10-12',
      '2007-11-02': '2007-11-02',
    });
    expect(values('The ceasefire of March 2003 held until 1999.')).toEqual({ 'March 2003': '2003-03', '1999': '1999' });
    expect(values('The report is dated 9/6/2007.')).toEqual({ '9/6/2007': '2007-09-06' });
    expect(values('The summit will be held on Oct. 24 and 25 in Washington.')).toEqual({
      'Oct. 24': '2007-10-24',
      '25': '2007-10-25',
    });
    expect(Object.keys(values('Between March 2 and 5 percent of the vote was lost.'))).toEqual(['March 2']);
  });
  it('reads decades and centuries', () => {
    expect(values('Factories closed in the 1970s and 1980s, and again in the early 1990s.')).toEqual({
      'the 1970s': '197X',
      '1980s': '198X',
      'the early 1990s': '199X',
    });
    expect(find(times('It was built in the early 1990s.'), 'the early 1990s')?.mod).toBe('START');
    expect(values("Music of the '60s and the nineties.")).toEqual({ "the '60s": '196X', 'the nineties': '199X' });
    expect(values('Cathedrals of the 12th century and the twentieth century.')).toEqual({
      'the 12th century': '11XX',
      'the twentieth century': '19XX',
    });
  });
  it('reads quarters, halves and fiscal years', () => {
    expect(values('Third-quarter profit rose, and the company expects a loss in the fourth quarter of 2008.')).toEqual({
      'Third-quarter': '2007-Q3',
      'the fourth quarter of 2008': '2008-Q4',
    });
    expect(values('Revenue in the first half of 2006 and in fiscal 2005 was flat.')).toEqual({
      'the first half of 2006': '2006-H1',
      'fiscal 2005': '2005',
    });
    // "the fiscal year" is the current one, like "the year"
    expect(values('The drop will result in lower earnings for the fiscal year.')).toEqual({
      'the fiscal year': '2007',
    });
  });
  it('resolves holidays whose date follows a rule', () => {
    expect(values('Shops closed on Christmas Day and on Independence Day.')).toEqual({
      'Christmas Day': '2006-12-25',
      'Independence Day': '2007-07-04',
    });
    expect(values('Families gathered on Thanksgiving 2007 and Easter 2008.')).toEqual({
      'Thanksgiving 2007': '2007-11-22',
      'Easter 2008': '2008-03-23',
    });
    // the Tuesday after the first Monday of November (Nov. 1 is a Tuesday in 2005 and 2011)
    expect(values('Voters went to the polls on Election Day 2005 and Election Day 2012.')).toEqual({
      'Election Day 2005': '2005-11-08',
      'Election Day 2012': '2012-11-06',
    });
  });
});

describe('ranges, durations, sets and times of day', () => {
  it('gives ranges a begin, an end and a length', () => {
    const t = times('Under its 1910-1945 rule, and between 1990 and 1995, from March to May 2006.');
    expect(find(t, '1910-1945')).toMatchObject({
      type: 'DURATION',
      value: 'P35Y',
      range: { begin: '1910', end: '1945' },
    });
    // written with words, the two ends are the expressions (TimeML), each carrying the range
    expect(find(t, '1990')).toMatchObject({ type: 'DATE', value: '1990', range: { begin: '1990', end: '1995' } });
    expect(find(t, '1995')).toMatchObject({ type: 'DATE', value: '1995', range: { begin: '1990', end: '1995' } });
    expect(find(t, 'between 1990 and 1995')).toBeUndefined();
    // the begin takes its year from the end
    expect(find(t, 'March')).toMatchObject({ value: '2006-03', range: { begin: '2006-03', end: '2006-05' } });
    expect(find(t, 'May 2006')).toMatchObject({ value: '2006-05' });
  });
  it('reads durations, counted and vague', () => {
    expect(values('After a two-day meeting and 45 minutes of talks they rested for a few hours.')).toEqual({
      'two-day': 'P2D',
      '45 minutes': 'PT45M',
      'a few hours': 'PTXH',
    });
    expect(values('The war lasted three years; the siege, several months; the truce, a decade.')).toEqual({
      'three years': 'P3Y',
      'several months': 'PXM',
      'a decade': 'P10Y',
    });
    expect(find(times('The talks lasted about two hours.'), 'about two hours')).toMatchObject({
      value: 'PT2H',
      mod: 'APPROX',
    });
    expect(find(times('He waited more than four hours.'), 'more than four hours')).toMatchObject({ mod: 'MORE_THAN' });
  });
  it('reads sets', () => {
    expect(values('The board meets every Monday, publishes annually and reports twice a year.')).toEqual({
      'every Monday': 'XXXX-WXX-1',
      annually: 'P1Y',
      'twice a year': 'P1Y',
    });
    expect(times('Buses run daily.')[0]).toMatchObject({ type: 'SET', value: 'P1D' });
  });
  it('reads clock times with zones and joins them to their day', () => {
    const t = times(
      'Polls closed at 3 p.m. EST on Sept. 6, 2007; the count began at 10 p.m. Wednesday and ended at 18:00 UTC.',
    );
    // the local clock time (as TimeBank writes it), the zone's offset beside it
    expect(find(t, '3 p.m. EST on Sept. 6, 2007')).toMatchObject({
      type: 'TIME',
      value: '2007-09-06T15:00',
      zone: '-05',
    });
    expect(find(t, '10 p.m. Wednesday')).toMatchObject({ type: 'TIME', value: '2007-09-05T22:00' });
    expect(find(t, '18:00 UTC')?.value).toMatch(/^2007-09-0\dT18:00Z$/);
  });
});

describe('what is not a time expression', () => {
  it('leaves ordinary words and numbers alone', () => {
    expect(times('Abe has long campaigned on the issue.')).toEqual([]);
    expect(times('The army may march on the capital; May said so.')).toEqual([]);
    expect(times('The company employs 2000 people and paid $1990 in fees.')).toEqual([]);
    expect(times('The SEC fined him, and he won a second term at the last minute.')).toEqual([]);
  });
  it('sees no time in the titles of programmes and films', () => {
    expect(times('Baker said on ABC\'s "This Week With David Brinkley" that talks would go on.')).toEqual([]);
    expect(times('He told CBS\'s "60 Minutes" he would stay. This is VOA Today.')).toEqual([]);
    expect(times('The poster showed Gary Cooper in "High Noon."')).toEqual([]);
    // but a time word that opens a sentence or a quotation, or a capitalised name, is a time
    expect(
      Object.keys(values('He said: "Today we act." This week, Christmas Day and New Year\'s Day were discussed.')),
    ).toEqual(['Today', 'This week', 'Christmas Day', "New Year's Day"]);
    // a headline in title case keeps its times
    expect(values('Stocks Rally This Week As Oil Prices Fall')).toEqual({ 'This Week': '2007-W36' });
  });
  it('does not turn "the last day" into a date before the publication date', () => {
    const t = find(times('The last talks broke down, with the last day ending early.'), 'the last day');
    expect(t?.value === null || t?.value === 'XXXX-XX-XX').toBe(true);
  });
});

describe('without a publication date', () => {
  it('keeps relative expressions unresolved or as X patterns, never today', () => {
    const v = values('The council met on Thursday, on Sept. 6 and last year, in 1998 and in the 1970s.', null);
    expect(v).toEqual({
      Thursday: 'XXXX-WXX-4',
      'Sept. 6': 'XXXX-09-06',
      'last year': null,
      '1998': '1998',
      'the 1970s': '197X',
    });
  });
  it('uses a full date from the dateline when the document has none', () => {
    const doc = code('WASHINGTON, Sept. 6, 2007 (Reuters) - The council met on Monday.', null);
    expect(find(doc.times, 'Monday')?.value).toBe('2007-09-03');
  });
});

describe('explanations', () => {
  it('says which rule fired and what the expression was resolved against', () => {
    const doc = code('The council voted on Monday.', '2007-09-06', true);
    const note = doc.explain.find((n) => n.stage === 'times');
    expect(note?.message).toMatch(/"Monday" DATE 2007-09-03: rule weekday/);
    expect(note?.message).toMatch(/publication date 2007-09-06/);
  });
  it('records the anchor of relative expressions', () => {
    expect(find(times('The council voted on Monday.'), 'Monday')?.anchor).toBe('2007-09-06');
    expect(find(times('The vote was in 1990.'), '1990')?.anchor).toBeUndefined();
  });
});

describe('a future weekday on the same weekday as the publication date', () => {
  it('is the next one, a week later', () => {
    expect(values('Japan and North Korea will meet on Thursday.')).toEqual({ Thursday: '2007-09-13' });
    expect(values('Japan and North Korea met on Thursday.')).toEqual({ Thursday: '2007-09-06' });
  });
});

describe('periods of financial and news reports', () => {
  it('reads "the past year" and "the last decade" as the previous calendar year and decade', () => {
    expect(values('Hate groups grew over the past year; wages fell in the last decade.')).toEqual({
      'the past year': '2006',
      'the last decade': '199X',
    });
  });
  it('keeps the period a date ends as the reference time', () => {
    expect(
      values(
        'Net rose in the third quarter ended Sept. 30. In the corresponding period last year it fell.',
        '2007-10-25',
      ),
    ).toEqual({
      'the third quarter': '2007-Q3',
      'Sept. 30': '2007-09-30',
      'the corresponding period last year': '2006-Q3',
    });
  });
  it('counts a comparison told in the past from a reported period, not from a forecast', () => {
    expect(
      values(
        'Net rose 5% in the third quarter. The company expects gains to continue through the third quarter of 2008. ' +
          'In the year-ago period, it earned $5 million.',
        '2007-10-25',
      ),
    ).toEqual({
      'the third quarter': '2007-Q3',
      'the third quarter of 2008': '2008-Q3',
      'the year-ago period': '2006-Q3',
    });
  });
  it('sees no time in compounds like quarter-to-quarter', () => {
    expect(times('The quarter-to-quarter comparison and the day-to-day work improved.')).toEqual([]);
  });
});

describe('copulas, clefts and adverbial "one day"', () => {
  it('dates an ordinal day by what it is said to be', () => {
    expect(values('Today is the eighth day of the blockade.')).toEqual({
      Today: '2007-09-06',
      'the eighth day': '2007-09-06',
    });
    expect(values("It's the second day of the offensive.")).toEqual({ 'the second day': '2007-09-06' });
    expect(values('Monday was the third day of protests.')).toEqual({
      Monday: '2007-09-03',
      'the third day': '2007-09-03',
    });
    // nothing says which day the first day of talks was
    expect(values('They met on the first day of talks.')).toEqual({ 'the first day': 'XXXX-XX-XX' });
  });
  it('reads "it was not until Tuesday that ..." as a past day, "will not ... until" as a future one', () => {
    expect(values('It was not until Tuesday that the minister spoke.')).toEqual({ Tuesday: '2007-09-04' });
    expect(values("It wasn't until Thursday that the minister spoke.")).toEqual({ Thursday: '2007-09-06' });
    expect(values('The talks will not resume until Tuesday.')).toEqual({ Tuesday: '2007-09-11' });
  });
  it('reads "will one day" as the future, "in one day" as a duration', () => {
    expect(values('Islam will one day be the second largest religion.')).toEqual({ 'one day': 'FUTURE_REF' });
    expect(values('He hopes to one day lead the party.')).toEqual({ 'one day': 'FUTURE_REF' });
    expect(values('Prices fell 5 percent in one day.')).toEqual({ 'one day': 'P1D' });
    expect(values('The strike will last one day.')).toEqual({ 'one day': 'P1D' });
  });
});

describe('weekends', () => {
  it('writes a weekend as its week in value and whole in timeml', () => {
    const t = find(times('Talks resumed over the weekend and will continue next weekend.'), 'the weekend');
    expect(t).toMatchObject({ value: '2007-W35', timeml: '2007-W35-WE' });
    const next = find(times('Talks will continue next weekend.'), 'next weekend');
    expect(next).toMatchObject({ value: '2007-W37', timeml: '2007-W37-WE' });
  });
  it('leaves timeml out when value already says it all', () => {
    expect(find(times('The council met Thursday.'), 'Thursday')?.timeml).toBeUndefined();
  });
});

describe('hundreds written as a plural year', () => {
  it('reads "the 1800s" as a century and "the 2000s" as a decade', () => {
    expect(values('The company was founded in the late 1800s.')).toEqual({ 'the late 1800s': '18XX' });
    expect(values('In the early 1900s the city grew.')).toEqual({ 'the early 1900s': '19XX' });
    expect(values('Prices rose in the 1990s and in the 2000s.')).toEqual({ 'the 1990s': '199X', 'the 2000s': '200X' });
  });
});

describe('a clock range across midnight', () => {
  it('puts an end earlier on the clock than the begin on the next day', () => {
    expect(values('A curfew runs from 10 p.m. to 6 a.m.', '2013-03-14')).toEqual({
      '10 p.m.': '2013-03-14T22:00',
      '6 a.m.': '2013-03-15T06:00',
    });
    expect(values('The shop opens from 9 a.m. to 5 p.m.', '2013-03-14')).toEqual({
      '9 a.m.': '2013-03-14T09:00',
      '5 p.m.': '2013-03-14T17:00',
    });
  });
});

describe('"this past", "this coming" and a fiscal year named by its number first', () => {
  it('reads the whole phrase', () => {
    expect(values('This past weekend, thousands marched.', '2013-03-14')).toEqual({
      'This past weekend': '2013-W10',
    });
    expect(values('Prices fell this past spring.', '2013-03-14')).toEqual({ 'this past spring': '2012-SP' });
    expect(values('The minister will visit this coming week.', '2013-03-14')).toEqual({
      'this coming week': '2013-W12',
    });
    expect(values('The 2013 fiscal year was difficult.', '2013-03-14')).toEqual({ 'The 2013 fiscal year': '2013' });
  });
});
