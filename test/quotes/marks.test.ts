import { describe, expect, it } from 'vitest';
import { findQuoteSegments } from '../../src/quotes/02-marks.js';

function paragraphs(t: string) {
  const out: Array<{ start: number; end: number }> = [];
  let s = 0;
  for (const m of t.matchAll(/\n+/g)) {
    out.push({ start: s, end: m.index ?? 0 });
    s = (m.index ?? 0) + m[0].length;
  }
  out.push({ start: s, end: t.length });
  return out;
}
const segs = (t: string) => findQuoteSegments(t, paragraphs(t)).map((s) => t.slice(s.start, s.end));

describe('quotation segments', () => {
  it('reads every quotation mark style', () => {
    expect(segs('"Straight," he said.')).toEqual(['Straight,']);
    expect(segs('“Curly,” he said.')).toEqual(['Curly,']);
    expect(segs("''Doubled,'' he said. ``TeX'' too")).toEqual(['Doubled,', 'TeX']);
    expect(segs('„Wir schaffen das“, sagte sie.')).toEqual(['Wir schaffen das']);
    expect(segs('«Bonjour» et ‹oui›')).toEqual(['Bonjour', 'oui']);
    expect(segs('He called it a ‘rant’.')).toEqual(['rant']);
    expect(segs('「東京」')).toEqual(['東京']);
  });

  it('reads straight single quotes and tells them from apostrophes and elisions', () => {
    expect(segs("'We will not back down,' the minister said.")).toEqual(['We will not back down,']);
    expect(segs("'The workers' rights are at stake,' she said.")).toEqual(["The workers' rights are at stake,"]);
    expect(segs("'It's rock 'n' roll, and the '90s are over.'")).toEqual([
      "It's rock 'n' roll, and the '90s are over.",
    ]);
    expect(segs("He called the plan 'a betrayal' and left.")).toEqual(['a betrayal']);
    expect(segs("The Joneses' house and the students' union, 'tis said.")).toEqual([]);
    // unbalanced: dropped, and a quote does not run on into the next paragraph
    expect(segs("'This never closes\n'Nor this")).toEqual([]);
  });

  it('keeps apostrophes and nested quotes inside the outer quote', () => {
    expect(segs('“I don’t think ‘yes’ is the answer,” she said, about the students’ union.')).toEqual([
      'I don’t think ‘yes’ is the answer,',
    ]);
    expect(segs('"He told me “never”," she said.')).toEqual(['He told me “never”,']);
  });

  it('drops an unbalanced mark without upsetting later quotes', () => {
    expect(segs('Unbalanced "quote with no end.\nNext "fine" here.')).toEqual(['fine']);
    expect(segs('A stray ” mark, then “a quote.”')).toEqual(['a quote.']);
    expect(segs('"')).toEqual([]);
    expect(segs('')).toEqual([]);
  });

  it('runs a quote over paragraphs that reopen it', () => {
    const t = '"First paragraph of it.\n\n"Second paragraph." He left.';
    const s = findQuoteSegments(t, paragraphs(t));
    expect(s.map((x) => t.slice(x.start, x.end))).toEqual(['First paragraph of it.', 'Second paragraph.']);
    expect(s[0].continues).toBe(true);
    expect(s[1].continued).toBe(true);
  });

  it('is linear: 10,000-character quotes and thousands of stray marks', () => {
    const long = `"${'word '.repeat(2000)}" he said.`;
    expect(segs(long)[0].length).toBe(10000);
    const stray = 'a " b “ c ‘ d « '.repeat(20000);
    const t0 = performance.now();
    findQuoteSegments(stray, [{ start: 0, end: stray.length }]);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
