// `npx tsx scripts/quotes-recall.ts [--from N] [--limit N] [--dev]`: where the recall of the quotes stage
// goes on PolNeAR *training* documents, scored with exactly the eval's pairing
// (eval/components/quotes.ts). Every gold attribution the stage's output does not pair with is
// put in one class:
//  - taken: a kept prediction overlaps its content but was paired with another gold attribution
//    (one prediction over two gold contents, "X said A and B" annotated as two);
//  - dropped: a proposal of the rules overlaps its content, the learned check or the nesting rule
//    removed it;
//  - never: no proposal overlaps its content, split by the gold cue's words (lower-cased, at most
//    three) and by where the content lies against the cue (before, after, around).
// Also the unpaired predictions: overlapping a gold attribution another prediction took, or none.
// Prints counts and cue words only, no sentences of the corpus. With QUOTES_PARSE_CACHE the
// parsed documents come from that file (scripts/quotes-filter-lib.ts). Note the learned check
// was trained on these documents: "dropped" is lower here than on unseen text.
import { join, resolve } from 'node:path';
import { emptyCounts, goldUnits, metrics, pairUnits, predictedUnits, scoreUnits } from '../eval/components/quotes.js';
import { DEFAULT_OPTIONS, findAttributions } from '../src/quotes/04-attribute.js';
import { findQuotes, loadQuotesResources } from '../src/quotes/index.js';
import { numberOption, parsedTrainDocs, polnearRecords } from './quotes-filter-lib.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => numberOption(args, name, d);
const FROM = opt('from', 0);
const LIMIT = opt('limit', 840);
const TOP = opt('top', 50);

// --dev: the dev split, class counts only (no cue words: dev is for measuring, not for reading)
const DEV = args.includes('--dev');
const all = polnearRecords(DEV ? 'dev' : 'train');
if (DEV) delete process.env.QUOTES_PARSE_CACHE;
const res = loadQuotesResources(join(resolve(import.meta.dirname, '..'), 'data'));
type Spans = Array<[number, number]>;
const overlaps = (a: Spans, b: Spans) => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

const counts = emptyCounts();
const cls = new Map<string, number>();
const neverCue = new Map<string, number>();
const neverSide = new Map<string, number>();
const takenCue = new Map<string, number>();
let unpairedTaken = 0;
let unpairedNone = 0;
let n = 0;
for (const { rec: r, doc } of parsedTrainDocs(all)) {
  if (n++ < FROM || n > FROM + LIMIT) continue;
  const quotes = findQuotes(doc, res);
  const pred = predictedUnits({ ...doc, quotes } as Parameters<typeof predictedUnits>[0]);
  const gold = r.attributions.filter((a) => a.content?.spans.length);
  const gu = goldUnits(r);
  // the eval's pairing, to know which gold and which prediction are paired
  const { usedP, usedG } = pairUnits(pred, gu);
  scoreUnits(pred, gu, counts);
  const props = findAttributions(doc, res.lexicon, {
    ...DEFAULT_OPTIONS,
    minRate: res.filter?.minRate ?? DEFAULT_OPTIONS.minRate,
    dropNested: new Set(),
    generic: res.filter?.generic ?? false,
  }).attributions.map((a) => a.pieces.map((p) => [p.start, p.end] as [number, number]));
  for (const [j, g] of gold.entries()) {
    if (usedG[j]) {
      inc(cls, 'paired');
      continue;
    }
    const cueWords = (g.cue?.text ?? '(none)')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .split(' ')
      .slice(0, 3)
      .join(' ');
    if (pred.some((p) => overlaps(p.content, gu[j].content))) {
      inc(cls, 'taken');
      inc(takenCue, cueWords);
    } else if (props.some((p) => overlaps(p, gu[j].content))) inc(cls, 'dropped');
    else {
      inc(cls, 'never');
      inc(neverCue, cueWords);
      const c0 = g.cue?.spans.length ? Math.min(...g.cue.spans.map((s) => s[0])) : -1;
      const t0 = Math.min(...gu[j].content.map((s) => s[0]));
      const t1 = Math.max(...gu[j].content.map((s) => s[1]));
      const side = c0 < 0 ? 'no cue' : t1 <= c0 ? 'content before cue' : t0 >= c0 ? 'content after cue' : 'around';
      const sents = new Set<number>();
      for (const t of doc.tokens) if (t.start < t1 && t.end > t0) sents.add(t.sentence);
      inc(neverSide, `${side}, ${sents.size > 1 ? 'several sentences' : 'one sentence'}`);
    }
  }
  for (const [i, p] of pred.entries()) {
    if (usedP[i]) continue;
    if (gu.some((g) => overlaps(p.content, g.content))) unpairedTaken++;
    else unpairedNone++;
  }
}
const m = metrics(counts);
const pc = (x: number) => (100 * x).toFixed(1);
console.log(
  `${counts.gold} gold, ${counts.pred} predicted; content P ${pc(m.contentP)} R ${pc(m.contentR)} F1 ${pc(m.contentF)}; source P ${pc(m.sourceP)} R ${pc(m.sourceR)} F1 ${pc(m.sourceF)}`,
);
console.log('gold attributions:', Object.fromEntries(cls));
console.log(`unpaired predictions: ${unpairedTaken} overlap a gold another took, ${unpairedNone} overlap none`);
console.log('never proposed, by where the content lies:', Object.fromEntries(neverSide));
const top = (t: string, mm: Map<string, number>) => {
  console.log(`\n${t}`);
  for (const [k, v] of [...mm].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`  ${String(v).padStart(5)}  ${k}`);
};
if (!DEV) {
  top('never proposed, by gold cue words', neverCue);
  top('taken by a prediction paired with another gold, by gold cue words', takenCue);
}
