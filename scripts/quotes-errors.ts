// Error analysis of the quotes stage on PolNeAR TRAIN (../shared/data/polnear/train.jsonl):
// which gold attributions the stage misses, grouped by their cue word, and whether the rules
// never proposed them (no candidate with an overlapping cue and content), proposed them but the
// learned check or the nesting rule dropped them, or kept them with another content.
// `tsx scripts/quotes-errors.ts [--from N] [--limit N] [--top N]` (default: documents 0..300).
// Prints counts only (cue words), no sentences of the corpus.

import { join, resolve } from 'node:path';
import { type PolnearRecord, predictedUnits } from '../eval/components/quotes.js';
import { type Doc, firstTokenAtOrAfter } from '../src/doc/doc.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { PRESETS } from '../src/pipeline/presets.js';
import { buildParseView, frameLemma, frameRelation, headOf } from '../src/quotes/03-tree.js';
import { type Attribution, DEFAULT_OPTIONS, findAttributions } from '../src/quotes/04-attribute.js';
import { findQuotes, loadQuotesResources } from '../src/quotes/index.js';
import { numberOption, polnearRecords } from './quotes-filter-lib.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => numberOption(args, name, d);
const FROM = opt('from', 0);
const LIMIT = opt('limit', 300);
const TOP = opt('top', 60);
/** Share of never-proposed attributions to print (cue, source, content) for reading. */
const SHOW = opt('show', 0);
/** Print only never-proposed attributions whose reason starts with this ("not linked", "VERB lexicon"). */
const SHOW_WHY = args.includes('--why') ? args[args.indexOf('--why') + 1] : '';

type Gold = PolnearRecord['attributions'][number];
const recs = polnearRecords('train').slice(FROM, FROM + LIMIT);
const stages = PRESETS.full().filter((s) => s.name !== 'quotes' && s.name !== 'events');
const pipeline = new Pipeline(stages);
const res = loadQuotesResources(join(resolve(import.meta.dirname, '..'), 'data'));

const overlaps = (a: Array<[number, number]>, b: Array<[number, number]>) =>
  a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

const missed = new Map<string, { never: number; dropped: number; other: number }>();
const byPos = new Map<string, { gold: number; found: number; never: number }>();
const wrongSource = new Map<string, number>();
let gold = 0;
let unmatchedDup = 0;
let unmatchedNone = 0;
let found = 0;
let exact = 0;
let withSource = 0;
const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

const neverWhy = new Map<string, number>();
const byHow = new Map<string, { n: number; content: number; withSource: number; source: number }>();
const lemmaOf = frameLemma;
/** Why the rules never proposed gold attribution `g`: its cue head's tag and lemma, and how the content links to it. */
function whyNever(doc: Doc, g: Gold): string {
  const v = buildParseView(doc.tokens);
  const inSpans = (spans: Array<[number, number]>) => {
    const out = new Set<number>();
    for (const [s, e] of spans)
      for (let i = firstTokenAtOrAfter(doc.tokens, s); i >= 0 && i < doc.tokens.length && doc.tokens[i].start < e; i++)
        out.add(i);
    return out;
  };
  if (!g.cue?.spans.length) return 'no cue';
  const cue = inSpans(g.cue.spans);
  const content = inSpans(g.content!.spans);
  for (const j of content) {
    const h = headOf(v, j);
    if (h >= 0 && cue.has(h) && !content.has(h)) {
      const lemma = lemmaOf(v, h);
      const rel = frameRelation(v, j);
      const known = res.lexicon.cues.has(lemma)
        ? 'lexicon'
        : res.lexicon.frames.get(lemma)?.has(rel)
          ? 'frame'
          : res.lexicon.frames.has(lemma)
            ? 'lemma-other-rel'
            : 'unknown';
      return `${v.tokens[h].pos} ${known}${known === 'unknown' ? ` ${rel}` : ` ${lemma}`}`;
    }
  }
  for (const c of cue) {
    const h = headOf(v, c);
    if (h >= 0 && content.has(h) && !cue.has(h)) {
      const l = lemmaOf(v, c);
      const known = res.lexicon.cues.has(l)
        ? 'lexicon'
        : res.lexicon.frames.get(l)?.has(`^${frameRelation(v, c)}`)
          ? 'frame'
          : 'unknown';
      return `${v.tokens[c].pos} cue-on-content ${known} ^${frameRelation(v, c)}`;
    }
  }
  return 'not linked';
}

for (const r of recs) {
  const doc = pipeline.run({ id: r.id, text: r.text, date: r.date });
  const from: Attribution[] = [];
  const quotes = findQuotes(doc, res, undefined, from);
  const units = predictedUnits({ ...doc, quotes } as Parameters<typeof predictedUnits>[0]);
  // precision by how each kept quote was found (quotes one by one, not grouped as units)
  const goldAll = r.attributions.filter((a) => a.content?.spans.length) as Gold[];
  for (const [i, q] of quotes.entries()) {
    const how = (from[i]?.how ?? '?')
      .replace(/:.*$/, '')
      .replace(/ (ccomp|xcomp|obj|nsubj|acl|advcl|obl|nmod|conj|parataxis|\^)\S*$/, ' …');
    const h = byHow.get(how) ?? { n: 0, content: 0, withSource: 0, source: 0 };
    byHow.set(how, h);
    h.n++;
    const content: Array<[number, number]> = [
      [q.start, q.end],
      ...(q.parts ?? []).map((p) => [p.start, p.end] as [number, number]),
    ];
    const hit = goldAll.filter((g) => overlaps(content, g.content!.spans));
    if (hit.length) h.content++;
    if (q.speaker && q.speaker.start !== null) {
      h.withSource++;
      if (
        hit.some(
          (g) =>
            g.source?.spans.length &&
            Math.min(...g.source.spans.map((s) => s[0])) === q.speaker!.start &&
            Math.max(...g.source.spans.map((s) => s[1])) === q.speaker!.end,
        )
      )
        h.source++;
    }
  }
  // every proposal of the rules, before the nesting rule and the learned check
  const cands: Array<{ cue: [number, number]; content: Array<[number, number]> }> = [];
  const all = findAttributions(doc, res.lexicon, {
    ...DEFAULT_OPTIONS,
    minRate: res.filter?.minRate ?? DEFAULT_OPTIONS.minRate,
    dropNested: new Set(),
    generic: res.filter?.generic ?? false,
  });
  for (const a of all.attributions)
    if (a.cueFirst >= 0)
      cands.push({
        cue: [doc.tokens[a.cueFirst].start, doc.tokens[a.cueLast].end],
        content: a.pieces.map((p) => [p.start, p.end] as [number, number]),
      });
  const golds = r.attributions.filter((a) => a.content?.spans.length) as Gold[];
  const usedP = new Uint8Array(units.length);
  for (const g of golds) {
    gold++;
    const cueWords = (g.cue?.text ?? '(none)').toLowerCase().replace(/\s+/g, ' ').trim();
    // the cue's part of speech: the tag of its first token in our tagging
    let pos = 'none';
    if (g.cue?.spans.length) {
      const t = doc.tokens.find((x) => x.end > g.cue!.spans[0][0]);
      pos = t?.pos ?? 'X';
    }
    const bp = byPos.get(pos) ?? { gold: 0, found: 0, never: 0 };
    byPos.set(pos, bp);
    bp.gold++;
    const src = g.source?.spans.length
      ? [Math.min(...g.source.spans.map((s) => s[0])), Math.max(...g.source.spans.map((s) => s[1]))]
      : null;
    if (src) withSource++;
    let j = units.findIndex(
      (u, i) =>
        !usedP[i] &&
        overlaps(u.content, g.content!.spans) &&
        !!src &&
        !!u.source &&
        u.source[0] === src[0] &&
        u.source[1] === src[1],
    );
    if (j < 0) j = units.findIndex((u, i) => !usedP[i] && overlaps(u.content, g.content!.spans));
    if (j >= 0) {
      usedP[j] = 1;
      found++;
      bp.found++;
      const u = units[j];
      if (src && u.source && u.source[0] === src[0] && u.source[1] === src[1]) exact++;
      else if (src) inc(wrongSource, u.source ? 'different span' : 'no speaker');
      continue;
    }
    const m = missed.get(cueWords) ?? { never: 0, dropped: 0, other: 0 };
    missed.set(cueWords, m);
    const cueSpans = g.cue?.spans ?? [];
    const proposed = cands.some((c) => overlaps([c.cue], cueSpans) && overlaps(c.content, g.content!.spans));
    const proposedCue = cands.some((c) => overlaps([c.cue], cueSpans));
    const show = (why: string, extra = '') => {
      if (!SHOW || Math.random() >= SHOW || !why.startsWith(SHOW_WHY)) return;
      const sp = (x: { spans: Array<[number, number]> } | null) =>
        x?.spans.length ? x.spans.map(([a, b]) => r.text.slice(a, b)).join(' … ') : '-';
      console.log(`[${why}] cue=${sp(g.cue)} | src=${sp(g.source)} | content=${sp(g.content).slice(0, 150)}${extra}`);
    };
    if (proposed) {
      m.dropped++;
      show('dropped');
    } else if (proposedCue) {
      m.other++;
      const c = cands.find((x) => overlaps([x.cue], cueSpans));
      show(
        'other content',
        ` || ours=${c?.content
          .map(([a, b]) => r.text.slice(a, b))
          .join(' … ')
          .slice(0, 120)}`,
      );
    } else {
      m.never++;
      bp.never++;
      const why = whyNever(doc, g);
      inc(neverWhy, why);
      show(why);
    }
  }
  for (const [i, u] of units.entries()) {
    if (usedP[i]) continue;
    const g = golds.find((x) => overlaps(u.content, x.content!.spans));
    if (g) unmatchedDup++;
    else unmatchedNone++;
    if (SHOW && SHOW_WHY === (g ? 'duplicate' : 'spurious') && Math.random() < SHOW) {
      const txt = (x: Array<[number, number]> | null) =>
        x
          ? x
              .map(([a, b]) => r.text.slice(a, b))
              .join(' … ')
              .slice(0, 100)
          : '-';
      const other = g ? units.find((o, k) => usedP[k] && overlaps(o.content, g.content!.spans)) : undefined;
      console.log(`[${SHOW_WHY}] ours: ${txt(u.content)} | by ${txt(u.source ? [u.source] : null)}`);
      if (g) console.log(`   gold: ${txt(g.content!.spans)} | cue ${g.cue?.text} | by ${g.source?.text}`);
      if (other) console.log(`   taken by: ${txt(other.content)} | by ${txt(other.source ? [other.source] : null)}`);
    }
  }
}

console.log(
  `unmatched predictions: ${unmatchedDup} overlap a gold another prediction took, ${unmatchedNone} overlap no gold`,
);

console.log(
  `${recs.length} documents, ${gold} gold attributions, ${found} found (content overlap), ${exact} of ${withSource} with the exact source`,
);
console.log('wrong source of found ones:', Object.fromEntries(wrongSource));
console.log("\nby the tag of the gold cue's first token: gold / found / never proposed");
for (const [p, c] of [...byPos].sort((a, b) => b[1].gold - a[1].gold))
  console.log(`  ${p.padEnd(6)} ${c.gold} / ${c.found} / ${c.never}`);
const rows = [...missed].map(([k, m]) => ({ k, ...m, n: m.never + m.dropped + m.other }));
const tot = rows.reduce(
  (s, r) => ({ never: s.never + r.never, dropped: s.dropped + r.dropped, other: s.other + r.other }),
  {
    never: 0,
    dropped: 0,
    other: 0,
  },
);
console.log(
  `\nmissed: never proposed ${tot.never}, proposed but dropped ${tot.dropped}, cue proposed with another content ${tot.other}`,
);
console.log('\nkept quotes by how they were found: n, content overlaps a gold, with a speaker, speaker exact');
for (const [k, h] of [...byHow].sort((a, b) => b[1].n - a[1].n).slice(0, TOP))
  console.log(
    `  ${String(h.n).padStart(5)} ${String(h.content).padStart(5)} ${String(h.withSource).padStart(5)} ${String(h.source).padStart(5)}  ${k}`,
  );
console.log('\nwhy never proposed (cue head tag, known as)');
for (const [k, n] of [...neverWhy].sort((a, b) => b[1] - a[1]).slice(0, TOP))
  console.log(`  ${String(n).padStart(4)}  ${k}`);
console.log(`\ntop missed cue words (missed: never / dropped / other content)`);
for (const r of rows.sort((a, b) => b.n - a.n).slice(0, TOP))
  console.log(`  ${String(r.n).padStart(4)}  ${r.never} / ${r.dropped} / ${r.other}  ${r.k}`);
