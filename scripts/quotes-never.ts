// `npx tsx scripts/quotes-never.ts [--from N] [--limit N] [--top N]`: the gold attributions of
// the PolNeAR *training* split that no proposal of the rules reaches (no proposal's content
// overlaps the gold content), sorted into structural classes: how the gold content hangs on the
// gold cue in our parse (a child of the cue, the cue's head, a conjunct of the cue, further), the
// cue's part of speech and whether the lexicon or the learned frames know it, and, when they do,
// why the rules still proposed nothing (the frame's rate under the cut, another complement chosen,
// the cue inside quotation marks, ...). Prints counts and cue lemmas only, no sentences of the
// corpus. With QUOTES_PARSE_CACHE the parsed documents come from that file.
import { join, resolve } from 'node:path';
import { goldUnits } from '../eval/components/quotes.js';
import { firstTokenAtOrAfter } from '../src/doc/doc.js';
import { buildParseView, depOf, frameLemma, frameRelation, headOf, type ParseView } from '../src/quotes/03-tree.js';
import { DEFAULT_OPTIONS, findAttributions } from '../src/quotes/04-attribute.js';
import { loadQuotesResources } from '../src/quotes/index.js';
import { numberOption, parsedTrainDocs, polnearRecords } from './quotes-filter-lib.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => numberOption(args, name, d);
const FROM = opt('from', 0);
const LIMIT = opt('limit', 840);
const TOP = opt('top', 15);
const all = polnearRecords('train');
const res = loadQuotesResources(join(resolve(import.meta.dirname, '..'), 'data'));
const minRate = res.filter?.minRate ?? DEFAULT_OPTIONS.minRate;
type Spans = Array<[number, number]>;
const overlaps = (a: Spans, b: Spans) => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
const classes = new Map<string, Map<string, number>>();
/** `--show CLASS-PREFIX [--key KEY-PREFIX]`: print the cue, source and content of the never-proposed ones of that class (reading). */
const SHOW = args.includes('--show') ? (args[args.indexOf('--show') + 1] ?? '') : null;
const KEY = args.includes('--key') ? args[args.indexOf('--key') + 1] : '';
let shown: ((cls: string, key: string) => void) | null = null;
const inc = (cls: string, key: string) => {
  shown?.(cls, key);
  let m = classes.get(cls);
  if (!m) classes.set(cls, (m = new Map()));
  m.set(key, (m.get(key) ?? 0) + 1);
};
let total = 0;
let never = 0;

function known(v: ParseView, c: number, rel: string): string {
  const lemma = frameLemma(v, c);
  const entry = res.lexicon.cues.get(lemma);
  const fr = res.lexicon.frames.get(lemma);
  const rate = fr?.get(rel);
  if (entry) return `lexicon(${entry.cls})${rate !== undefined ? (rate >= minRate ? '+frame' : '+low-frame') : ''}`;
  if (rate !== undefined) return rate >= minRate ? 'frame' : 'low-frame';
  if (fr) return 'lemma-other-rel';
  return 'unknown';
}

let n = 0;
for (const { rec: r, doc } of parsedTrainDocs(all)) {
  if (n++ < FROM || n > FROM + LIMIT) continue;
  const v = buildParseView(doc.tokens);
  const props = findAttributions(doc, res.lexicon, {
    ...DEFAULT_OPTIONS,
    minRate,
    dropNested: new Set(),
    generic: res.filter?.generic ?? false,
    alternatives: res.filter?.alternatives ?? false,
  }).attributions;
  const propSpans = props.map((p) => p.pieces.map((x) => [x.start, x.end] as [number, number]));
  const gold = r.attributions.filter((a) => a.content?.spans.length);
  const gu = goldUnits(r);
  const toks = (spans: Spans) => {
    const out: number[] = [];
    for (const [s, e] of spans)
      for (let i = firstTokenAtOrAfter(doc.tokens, s); i >= 0 && i < doc.tokens.length && doc.tokens[i].start < e; i++)
        out.push(i);
    return out;
  };
  for (const [j, g] of gold.entries()) {
    total++;
    if (propSpans.some((p) => overlaps(p, gu[j].content))) continue;
    never++;
    shown =
      SHOW !== null
        ? (cls, key) => {
            if (!cls.startsWith(SHOW ?? '') || !key.startsWith(KEY)) return;
            const sp = (x: { spans: Spans } | null | undefined) =>
              x?.spans.length ? x.spans.map(([a, b]) => r.text.slice(a, b)).join(' … ') : '-';
            console.log(
              `[${cls} | ${key}] cue=${sp(g.cue)} | src=${sp(g.source)} | content=${sp(g.content).slice(0, 160)}`,
            );
          }
        : null;
    if (!g.cue?.spans.length) {
      inc('no cue', '-');
      continue;
    }
    const C = toks(g.cue.spans);
    const T = toks(gu[j].content);
    const cs = new Set(C);
    const ts = new Set(T);
    if (!C.length || !T.length) {
      inc('no tokens', '-');
      continue;
    }
    const cueHeads = C.filter((i) => !cs.has(headOf(v, i)));
    const c = cueHeads.find((i) => /VERB|AUX/.test(doc.tokens[i].pos ?? '')) ?? cueHeads[0] ?? C[0];
    const pos = doc.tokens[c].pos ?? '?';
    const lemma = frameLemma(v, c);
    const sents = new Set(T.map((i) => doc.tokens[i].sentence));
    const sameSent = sents.has(doc.tokens[c].sentence);
    const cueWord = C.length > 1 ? C.map((i) => v.lower[i]).join(' ') : lemma;
    // the cue's own situation
    const cueDep = depOf(v, c);
    const flags: string[] = [];
    if (cueDep.startsWith('acl')) flags.push(cueDep);
    if (v.tokens[c].pos === 'VERB' && doc.tokens.some((t, k) => headOf(v, k) === c && t.dep === 'aux:pass'))
      flags.push('passive');
    if (cueDep.startsWith('conj')) flags.push('conj');
    if (C.length > 1 && cueHeads.length > 1) flags.push('split cue');
    const fl = flags.length ? ` [${flags.join(',')}]` : '';
    if (!sameSent) {
      inc(`content in other sentence(s) than the cue${sents.size > 1 ? ', several' : ''}`, `${pos} ${cueWord}`);
      continue;
    }
    // content heads: tokens whose head is outside the content
    const tHeads = T.filter((i) => !ts.has(headOf(v, i)) && !/^[\W_]+$/.test(doc.tokens[i].text));
    // direct child
    const child = tHeads.find((i) => cs.has(headOf(v, i)));
    if (child !== undefined) {
      const rel = frameRelation(v, child);
      const k = known(v, headOf(v, child), rel);
      inc(`child of cue: ${pos} ${k}${fl}`, `${lemma} ${rel}`);
      continue;
    }
    const h = headOf(v, c);
    if (h >= 0 && ts.has(h)) {
      const rel = `^${frameRelation(v, c)}`;
      inc(`cue hangs on content: ${pos} ${known(v, c, rel)}${fl}`, `${lemma} ${rel}`);
      continue;
    }
    // conjunct: content hangs on a verb coordinated with the cue, or the cue's head
    const viaConj = tHeads.find((i) => {
      const x = headOf(v, i);
      return x >= 0 && (headOf(v, x) === c || headOf(v, c) === x) && (depOf(v, x) + depOf(v, c)).includes('conj');
    });
    if (viaConj !== undefined) {
      inc(`content on a conjunct of the cue: ${pos}${fl}`, `${lemma} ${frameRelation(v, viaConj)}`);
      continue;
    }
    // sibling: content and cue hang on the same head
    const sib = tHeads.find((i) => headOf(v, i) >= 0 && headOf(v, i) === h);
    if (sib !== undefined) {
      inc(`content is a sibling of the cue: ${pos}${fl}`, `${lemma} ${frameRelation(v, c)}/${frameRelation(v, sib)}`);
      continue;
    }
    // grandchild: content under a child of the cue
    const grand = tHeads.find((i) => {
      const x = headOf(v, i);
      return x >= 0 && cs.has(headOf(v, x));
    });
    if (grand !== undefined) {
      inc(
        `content under a child of the cue: ${pos}${fl}`,
        `${lemma} ${frameRelation(v, headOf(v, grand))}>${frameRelation(v, grand)}`,
      );
      continue;
    }
    const colon = (() => {
      const a = Math.min(c, T[0]);
      const b = Math.max(c, T[0]);
      for (let k = a; k <= b; k++) if (v.lower[k] === ':') return true;
      return false;
    })();
    inc(`further in the same sentence${colon ? ' (colon between)' : ''}: ${pos}${fl}`, cueWord);
  }
}
console.log(`${total} gold attributions, ${never} never proposed (${((100 * never) / total).toFixed(1)}%)`);
for (const [cls, m] of [...classes].sort((a, b) => sumOf(b[1]) - sumOf(a[1]))) {
  const top = [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([k, x]) => `${k} ${x}`)
    .join(', ');
  console.log(`${String(sumOf(m)).padStart(5)}  ${cls}\n        ${top}`);
}
function sumOf(m: Map<string, number>): number {
  let s = 0;
  for (const x of m.values()) s += x;
  return s;
}
