// Aggregate TIMEX3 errors on the development data, to see which rules to add or fix:
//   npx tsx scripts/timex-errors.ts [timebank|aquaint|meantime ...] [--top N] [--context]
// Prints the most frequent missed expressions, false alarms, and value/type disagreements,
// each grouped by (lower-cased) text.

import { evaluateDoc, TIMEX_CORPORA, type TimexRecord, timesPipeline } from '../eval/components/timex.js';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import { overlaps } from '../eval/scorers/spans.js';
import { canonicalValue } from '../eval/scorers/timex.js';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const withContext = args.includes('--context');
const names = args.filter((a, i) => !a.startsWith('--') && !(topAt >= 0 && i === topAt + 1));
const pipeline = timesPipeline();

const missed = new Map<string, string[]>();
const spurious = new Map<string, string[]>();
const wrongValue = new Map<string, string[]>();
const wrongType = new Map<string, string[]>();
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
        if (canonicalValue(g.value) !== canonicalValue(p.value))
          add(wrongValue, `${gt.toLowerCase()} | ${pt.toLowerCase()}`, `gold ${g.value} pred ${p.value}${ctx(g)}`);
      }
    }
    for (const p of pred)
      if (!gold.some((g) => overlaps(g, p)))
        add(spurious, `${p.type} ${r.text.slice(p.start, p.end).toLowerCase()}`, `${p.value}${ctx(p)}`);
  }
}

function show(title: string, m: Map<string, string[]>) {
  const total = [...m.values()].reduce((a, b) => a + b.length, 0);
  console.log(`\n## ${title} (${total})`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, top))
    console.log(
      `${String(v.length).padStart(4)}  ${k}    e.g. ${v.slice(0, withContext ? 3 : 4).join(withContext ? '\n          ' : '; ')}`,
    );
}
show('missed', missed);
show('false alarms', spurious);
show('wrong value', wrongValue);
show('wrong type', wrongType);
