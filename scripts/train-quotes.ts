// `npm run train:quotes`: what the quotes stage learns from the PolNeAR training annotations
// (../shared/data/polnear/train.jsonl), in two steps over one run of the pipeline (the stages
// before `quotes` of the full preset) on the training texts:
//  1. cue frames (data/quotes/cue-frames.tsv): which (cue lemma, complement relation) pairs carry
//     attributed content. For every gold attribution the cue's head word and the relation that
//     links it to the content in our own parse are counted ("say" + ccomp, "call" + obl:for,
//     "accord" + ^obl = the cue hangs on the content); every token of the training texts with
//     the same lemma and relation counts as an occurrence. The pairs seen at least MIN_COUNT
//     times with a rate of at least MIN_RATE are written with their rate.
//  2. the learned check (data/quotes/filter.json, src/quotes/06-filter.ts): the attributions the
//     rules propose with those frames, labelled by the gold (a gold attribution with the same cue
//     and overlapping content), train an averaged perceptron; its threshold is the one with the
//     best F1 in 5-fold cross-validation on the training split.
// No text of the corpus is written out, only lemmas, counts and hashed feature weights.
// Deterministic: same data, same parse -> same files.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import type { Doc } from '../src/doc/doc.js';
import { loadQuoteLexicon, parseFrames, tsvRows } from '../src/quotes/01-lexicon.js';
import { buildParseView, frameLemma, frameRelation, headOf } from '../src/quotes/03-tree.js';
import {
  type Example,
  examplesOf,
  foldsOf,
  type GoldAttr,
  parsedTrainDocs,
  pickStageThreshold,
  pickThreshold,
  serializeFilter,
  trainPerceptron,
} from './quotes-filter-lib.js';

const MIN_COUNT = Number(process.env.QUOTES_MIN_COUNT ?? 2);
const MIN_RATE = Number(process.env.QUOTES_MIN_RATE ?? 0.05);
// frames of any cue by relation (lemma `*`, for nouns and adjectives `*` with `/n`, `/a`; QUOTES_BACKOFF=0: off, default on), kept from this many attributions
const BACKOFF = (process.env.QUOTES_BACKOFF ?? '1') === '1';
const BACKOFF_MIN_COUNT = Number(process.env.QUOTES_BACKOFF_MIN_COUNT ?? 3);
// frames of an unknown cue by relation (lemma `?`, `?/n`, `?/a`: pooled over the verbs, nouns and
// adjectives that neither the lexicon nor the kept frames know; QUOTES_UNKNOWN=1: on), kept from
// this many attributions
const UNKNOWN = (process.env.QUOTES_UNKNOWN ?? '0') === '1';
const UNKNOWN_MIN_COUNT = Number(process.env.QUOTES_UNKNOWN_MIN_COUNT ?? 10);
const UNKNOWN_MIN_RATE = Number(process.env.QUOTES_UNKNOWN_MIN_RATE ?? MIN_RATE);
const LIMIT = Number(process.env.QUOTES_LIMIT ?? 0);
const EPOCHS = Number(process.env.QUOTES_EPOCHS ?? 10);
/** Candidates of the check's training from frames counted out of fold (QUOTES_OOF_FRAMES=0: from all documents). */
const OOF_FRAMES = (process.env.QUOTES_OOF_FRAMES ?? '1') === '1';
const repo = resolve(import.meta.dirname, '..');
/** How the check's threshold is chosen: `stage` (default) or `candidates` (see trainFilter). */
const THRESHOLD_BY = process.env.QUOTES_THRESHOLD ?? 'stage';

interface Rec {
  id: string;
  date: string | null;
  text: string;
  attributions: Array<GoldAttr & { content: { spans: Array<[number, number]> } | null }>;
}

const lemmaOf = frameLemma;

/**
 * Frames pooled over (lemma, relation) pairs: each pair of `all` (occurrences; `pos` the
 * attributed ones) is added to the pooled key `keyOf` gives (null: left out); the pooled keys
 * attributed at least `minCount` times at a rate of at least `minRate` are appended to `rows`.
 */
function pooledRows(
  all: ReadonlyMap<string, number>,
  pos: ReadonlyMap<string, number>,
  minCount: number,
  minRate: number,
  rows: Array<[string, number, number, number]>,
  keyOf: (k: string) => string | null,
): void {
  const pooled = new Map<string, [number, number]>();
  for (const [k, total] of all) {
    const key = keyOf(k);
    if (key === null) continue;
    const acc = pooled.get(key) ?? [0, 0];
    acc[0] += pos.get(k) ?? 0;
    acc[1] += Math.max(total, pos.get(k) ?? 0);
    pooled.set(key, acc);
  }
  for (const [k, [p, total]] of pooled) {
    const rate = p / total;
    if (p >= minCount && rate >= minRate) rows.push([k, p, total, rate]);
  }
}

function tokensIn(doc: Doc, spans: Array<[number, number]>): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of spans)
    for (let i = 0; i < doc.tokens.length; i++) {
      const t = doc.tokens[i];
      if (t.start >= e) break;
      if (t.end > s && t.start < e) out.add(i);
    }
  return out;
}

/** Step 1: the cue frames file's text. */
export function countFrames(
  items: ReadonlyArray<{ rec: Rec; doc: Doc }>,
  minCount = MIN_COUNT,
  minRate = MIN_RATE,
): string {
  const pos = new Map<string, number>();
  const all = new Map<string, number>();
  // by word class, for the frames of unknown cues: `?`, `?/n`, `?/a` TAB lemma TAB relation
  const posUnk = new Map<string, number>();
  const allUnk = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const unkClass = (v: ReturnType<typeof buildParseView>, i: number) => {
    const p = v.tokens[i].pos;
    return p === 'VERB' ? '?' : p === 'NOUN' ? '?/n' : p === 'ADJ' ? '?/a' : '';
  };
  let linked = 0;
  let unlinked = 0;
  for (const { rec: r, doc } of items) {
    const v = buildParseView(doc.tokens);
    for (let j = 0; j < doc.tokens.length; j++) {
      const h = headOf(v, j);
      if (h < 0) continue;
      inc(all, `${lemmaOf(v, h)}\t${frameRelation(v, j)}`);
      inc(all, `${lemmaOf(v, j)}\t^${frameRelation(v, j)}`);
      const u = UNKNOWN ? unkClass(v, h) : '';
      if (u) inc(allUnk, `${u}\t${lemmaOf(v, h)}\t${frameRelation(v, j)}`);
    }
    for (const a of r.attributions) {
      if (!a.cue?.spans.length || !a.content?.spans.length) continue;
      const cue = tokensIn(doc, a.cue.spans);
      const content = tokensIn(doc, a.content.spans);
      let key: string | null = null;
      // the content's head hangs on a cue word
      for (const j of content) {
        const h = headOf(v, j);
        if (h >= 0 && cue.has(h) && !content.has(h)) {
          key = `${lemmaOf(v, h)}\t${frameRelation(v, j)}`;
          const u = UNKNOWN ? unkClass(v, h) : '';
          if (u) inc(posUnk, `${u}\t${key}`);
          break;
        }
      }
      // or the cue hangs on the content ("X, he said", "according to X")
      if (!key)
        for (const c of cue) {
          const h = headOf(v, c);
          if (h >= 0 && content.has(h) && !cue.has(h)) {
            key = `${lemmaOf(v, c)}\t^${frameRelation(v, c)}`;
            break;
          }
        }
      if (key) {
        inc(pos, key);
        linked++;
      } else unlinked++;
    }
  }
  const rows: Array<[string, number, number, number]> = [];
  for (const [k, p] of pos) {
    const total = Math.max(all.get(k) ?? p, p);
    const rate = p / total;
    if (p >= minCount && rate >= minRate) rows.push([k, p, total, rate]);
  }
  // the frames of any cue (`*` for verbs, `*/n`, `*/a`): for the lemmas that have a frame, the
  // (lemma, relation) pairs that are not one of their own frames, pooled by relation: how often
  // a relation the cue's own frames do not list carries content (src/quotes/04-attribute.ts
  // proposes such readings and the learned check decides)
  if (BACKOFF) {
    const kept = new Set(rows.map((r) => r[0]));
    const cueLemmas = new Set(rows.map((r) => r[0].split('\t')[0]));
    pooledRows(all, pos, BACKOFF_MIN_COUNT, minRate, rows, (k) => {
      const [lemma, rel] = k.split('\t');
      if (rel.startsWith('^') || kept.has(k) || !cueLemmas.has(lemma)) return null;
      const cls = lemma.endsWith('/n') ? '*/n' : lemma.endsWith('/a') ? '*/a' : '*';
      return `${cls}\t${rel}`;
    });
  }
  // the frames of an unknown cue (`?` for verbs, `?/n`, `?/a`): the (lemma, relation) pairs of
  // the lemmas that neither the lexicon nor a kept frame knows, pooled by word class and relation
  if (UNKNOWN) {
    const known = new Set([
      ...rows.map((r) => r[0].split('\t')[0]),
      ...loadQuoteLexicon(join(repo, 'data')).cues.keys(),
    ]);
    pooledRows(allUnk, posUnk, UNKNOWN_MIN_COUNT, Math.max(minRate, UNKNOWN_MIN_RATE), rows, (k) => {
      const [cls, lemma, rel] = k.split('\t');
      return known.has(lemma) ? null : `${cls}\t${rel}`;
    });
  }
  rows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const header = [
    '# Cue frames learned from the PolNeAR training annotations by `npm run train:quotes`.',
    `# ${items.length} documents; ${linked} attributions linked cue->content in the parse, ${unlinked} not.`,
    `# lemma<TAB>relation<TAB>attributions<TAB>occurrences<TAB>rate  (kept: attributions >= ${minCount}, rate >= ${minRate})`,
    '# relation: the dependency relation of the content under the cue; ^rel: the cue hangs on the content by rel.',
  ];
  const body = rows.map(([k, p, t, rate]) => `${k}\t${p}\t${t}\t${rate.toFixed(3)}`);
  return `${header.join('\n')}\n${body.join('\n')}\n`;
}

/** Step 2: the learned check's file text (needs the frames of step 1 in data/quotes). */
export function trainFilter(items: ReadonlyArray<{ rec: Rec; doc: Doc }>, dataDir: string, epochs = EPOCHS): string {
  const lex = loadQuoteLexicon(dataDir);
  const folds = 5;
  const fold = foldsOf(
    items.map((x) => x.rec),
    folds,
  );
  // the candidates of a document come from frames counted on the other folds' documents: with
  // the frames of all documents, a frame seen once or twice would be right on the very document
  // it was learned from, and the check would trust rare frames more than they deserve on new text
  const lexOf = Array.from({ length: folds }, (_, f) =>
    OOF_FRAMES ? { ...lex, frames: parseFrames(tsvRows(countFrames(items.filter((_, i) => fold[i] !== f)))) } : lex,
  );
  const byDoc: Example[][] = [];
  let gold = 0;
  for (const [i, { rec, doc }] of items.entries()) {
    const ex: Example[] = [];
    examplesOf(doc, rec.attributions, lexOf[fold[i]], ex);
    byDoc.push(ex);
    gold += rec.attributions.filter((a) => a.content?.spans.length).length;
  }
  // threshold: 5-fold cross-validation over documents
  const scored: Array<{ score: number; label: number }> = [];
  const foldWeights: Float32Array[] = [];
  for (let f = 0; f < folds; f++) {
    const train = byDoc.filter((_, i) => fold[i] !== f).flat();
    const w = trainPerceptron(train, epochs);
    foldWeights.push(w);
    for (const x of byDoc.filter((_, i) => fold[i] === f).flat()) {
      let s = 0;
      for (const k of x.feats) s += w[k];
      scored.push({ score: s, label: x.label });
    }
  }
  const first = pickThreshold(scored, gold);
  // then around that cut, the one with the best content F1 of the whole stage on the held-out
  // documents, scored as the eval scores (QUOTES_THRESHOLD=candidates: the cut above alone)
  const threshold =
    THRESHOLD_BY === 'candidates' ? first : pickStageThreshold(items, lexOf, foldWeights, first, folds, fold);
  const w = trainPerceptron(byDoc.flat(), epochs);
  return serializeFilter(w, threshold);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('train-quotes.ts')) {
  if (!hasShared('data/polnear/train.jsonl')) {
    console.error('needs ../shared/data/polnear/train.jsonl');
    process.exit(1);
  }
  let recs = readJsonl<Rec>(sharedPath('data/polnear/train.jsonl'));
  if (LIMIT) recs = recs.slice(0, LIMIT);
  const t0 = performance.now();
  const items = [...parsedTrainDocs(recs)];
  const dataDir = join(repo, 'data');
  writeFileSync(join(dataDir, 'quotes/cue-frames.tsv'), countFrames(items));
  console.log('cue frames written');
  writeFileSync(join(dataDir, 'quotes/filter.json'), trainFilter(items, dataDir));
  console.log(`learned check written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
