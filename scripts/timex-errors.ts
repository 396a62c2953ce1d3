// Aggregate TIMEX3 errors on the development data, to see which rules to add or fix:
//   npx tsx scripts/timex-errors.ts [timebank|aquaint|meantime ...] [--top N] [--context]
// Prints the most frequent missed expressions, false alarms, and value/type disagreements,
// each grouped by (lower-cased) text. `--categories` adds counts of the value errors by cause
// (anchor, granularity, duration vs date, weekday direction ...) and of the strict span errors
// by the words one span has and the other lacks.

import { evaluateDoc, TIMEX_CORPORA, type TimexRecord, timesPipeline } from '../eval/components/timex.js';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import { overlaps } from '../eval/scorers/spans.js';
import { canonicalValue } from '../eval/scorers/timex.js';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const withContext = args.includes('--context');
const withCategories = args.includes('--categories');
const names = args.filter((a, i) => !a.startsWith('--') && !(topAt >= 0 && i === topAt + 1));
const pipeline = timesPipeline();
const WEEKDAY = /\b(mon|tues|wednes|thurs|fri|satur|sun)day\b/i;
const REF = /^(PAST|PRESENT|FUTURE)_REF$/;

const missed = new Map<string, string[]>();
const spurious = new Map<string, string[]>();
const wrongValue = new Map<string, string[]>();
const wrongType = new Map<string, string[]>();
const valueCategories = new Map<string, string[]>();
const spanCategories = new Map<string, string[]>();
const add = (m: Map<string, string[]>, k: string, ex: string) => {
  const l = m.get(k) ?? [];
  l.push(ex);
  m.set(k, l);
};

for (const corpus of TIMEX_CORPORA) {
  if (names.length && !names.includes(corpus.name)) continue;
  if (!hasShared(...corpus.file)) continue;
  for (const r of readJsonl<TimexRecord>(sharedPath(...corpus.file))) {
    const { gold, pred } = evaluateDoc(pipeline, r);
    const ctx = (s: { start: number; end: number }) =>
      withContext
        ? `  …${r.text.slice(Math.max(0, s.start - 50), s.end + 30).replace(/\s+/g, ' ')}… [${r.date}]`
        : ` [${r.date}]`;
    for (const g of gold) {
      const p = pred.find((x) => overlaps(x, g));
      const gt = r.text.slice(g.start, g.end);
      if (!p) add(missed, `${g.type} ${gt.toLowerCase()}`, `${g.value}${ctx(g)}`);
      else {
        const pt = r.text.slice(p.start, p.end);
        if (g.type !== p.type) add(wrongType, `${g.type}->${p.type} ${gt.toLowerCase()}`, `${pt}${ctx(g)}`);
        if (canonicalValue(g.value) !== canonicalValue(p.value)) {
          add(wrongValue, `${gt.toLowerCase()} | ${pt.toLowerCase()}`, `gold ${g.value} pred ${p.value}${ctx(g)}`);
          add(valueCategories, valueCategory(g.value, p.value, gt), `${gt} gold ${g.value} pred ${p.value}${ctx(g)}`);
        }
        if (g.start !== p.start || g.end !== p.end)
          add(spanCategories, spanCategory(r.text, g, p), `${gt} | ${pt}${ctx(g)}`);
      }
    }
    for (const p of pred)
      if (!gold.some((g) => overlaps(g, p)))
        add(spurious, `${p.type} ${r.text.slice(p.start, p.end).toLowerCase()}`, `${p.value}${ctx(p)}`);
  }
}

/** The likely cause of a value disagreement, from the two values and the gold text. */
function valueCategory(gold: string | null, pred: string | null, text: string): string {
  const g = (gold ?? '').toUpperCase();
  const p = (pred ?? '').toUpperCase();
  const t = text.toLowerCase();
  if (!p) return 'no value predicted';
  if (/\b(every|each|per|daily|weekly|monthly|annually|yearly)\b/.test(t) || g.startsWith('XXXX'))
    return 'SET / unanchored';
  if (REF.test(g) || REF.test(p)) {
    if (REF.test(g) && REF.test(p)) return 'PAST/PRESENT/FUTURE_REF confused';
    return /^P/.test(g) || /^P/.test(p) ? 'X_REF vs vague duration (recent years, coming months)' : 'X_REF vs a date';
  }
  if (/^P/.test(g) !== /^P/.test(p)) return 'duration vs date';
  if (/^P/.test(g)) return 'duration length or unit';
  const gd = g.slice(0, 10);
  const pd = p.slice(0, 10);
  if (/T(MO|AF|EV|NI|DT)|T\d/.test(g + p) && (g.startsWith(p) || p.startsWith(g) || gd === pd))
    return 'part of day / clock vs date granularity';
  if (/X/.test(g) && !/X/.test(p)) return 'gold leaves fields unknown (WXX, -XX)';
  if (WEEKDAY.test(t) || /\b(tonight|overnight)\b/.test(t)) {
    const days = (Date.parse(pd) - Date.parse(gd)) / 864e5;
    if (Math.abs(days) === 7) return `weekday: a week ${days > 0 ? 'later' : 'earlier'} than gold`;
    return 'weekday: other';
  }
  if (/-Q|-H\d|\bquarter|fiscal|period|half\b/.test(`${g} ${p} ${t}`)) return 'quarter / half / fiscal period';
  if (/-(SP|SU|FA|WI)$/.test(g + p)) return 'season';
  if (/-W/.test(g + p)) return 'week';
  if (/^\d{2,3}X*$/.test(g) || /^\d{2,3}X*$/.test(p)) return 'decade / century';
  if (g.startsWith(p) || p.startsWith(g)) return 'granularity (year vs month vs day)';
  if (/\b(ago|earlier|later|before|after|previous|following|same)\b/.test(t)) return 'anchor of a relative expression';
  if (g.length === p.length)
    return g.slice(0, 4) !== p.slice(0, 4) ? 'same shape, other year (tense/anchor)' : 'same shape, other month/day';
  return 'other';
}

/** What a predicted span has or lacks compared with the gold one. */
function spanCategory(text: string, g: { start: number; end: number }, p: { start: number; end: number }): string {
  const part = (a: number, b: number) => text.slice(Math.min(a, b), Math.max(a, b)).trim().toLowerCase();
  const out: string[] = [];
  if (p.start < g.start) out.push(`+left "${part(p.start, g.start)}"`);
  if (p.start > g.start) out.push(`-left "${part(g.start, p.start)}"`);
  if (p.end > g.end) out.push(`+right "${part(g.end, p.end)}"`);
  if (p.end < g.end) out.push(`-right "${part(p.end, g.end)}"`);
  return out.join(' ');
}

function show(title: string, m: Map<string, string[]>) {
  const total = [...m.values()].reduce((a, b) => a + b.length, 0);
  console.log(`\n## ${title} (${total})`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, top))
    console.log(
      `${String(v.length).padStart(4)}  ${k}    e.g. ${v.slice(0, withContext ? (process.env.ALL ? 1000 : 3) : 4).join(withContext ? '\n          ' : '; ')}`,
    );
}
show('missed', missed);
show('false alarms', spurious);
show('wrong value', wrongValue);
show('wrong type', wrongType);
if (withCategories) {
  show('value errors by cause', valueCategories);
  show('strict span errors (+ = predicted only, - = gold only)', spanCategories);
}
