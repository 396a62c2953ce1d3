// `npm run train:speakers`: the learned choice of the speaker span (src/quotes/speaker-choice.ts,
// data/quotes/speakers.json) from the PolNeAR training annotations
// (../shared/data/polnear/train.jsonl). The stages before `quotes` of the full preset run on
// the training texts; the quotes rules (with the learned check of data/quotes/filter.json, as
// at run time) propose attributions; each attribution with a cue is paired with the gold
// attribution whose cue and content it overlaps. Its
// candidates are ranked by an averaged perceptron trained to put the gold source span (or "no
// speaker" for a gold attribution without a source) first. Attributions whose gold span is
// not among the candidates are left out of the training. The dev split is not used.
// No text of the corpus is written out, only hashed feature weights.
// Deterministic: same data, same parse -> same file.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import type { Doc } from '../src/doc/doc.js';
import { findAttributions } from '../src/quotes/04-attribute.js';
import { attributionOptions, loadQuotesResources } from '../src/quotes/index.js';
import { choosable, type SpeakerCandidate, speakerCandidates, speakerContext } from '../src/quotes/speaker-choice.js';
import { epochShuffle, parsedTrainDocs } from './quotes-filter-lib.js';

const EPOCHS = Number(process.env.SPEAKERS_EPOCHS ?? 10);
const LIMIT = Number(process.env.SPEAKERS_LIMIT ?? 0);
/** SPEAKERS_CONTENT_PAIRS=1: also learn from gold attributions paired by their content alone (another cue). */
const CONTENT_PAIRS = process.env.SPEAKERS_CONTENT_PAIRS === '1';
export const SPEAKER_BITS = 18;
const repo = resolve(import.meta.dirname, '..');

interface Spans {
  spans: Array<[number, number]>;
}
export interface SpeakerGold {
  type: string;
  source: Spans | null;
  cue: Spans | null;
  content: Spans | null;
}
interface Rec {
  id: string;
  date: string | null;
  text: string;
  attributions: SpeakerGold[];
}

/** One ranking problem: the candidates' hashed features and the index of the gold one. */
export interface RankExample {
  cands: Int32Array[];
  gold: number;
}

const overlaps = (a: Array<[number, number]>, b: Array<[number, number]>) =>
  a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

export interface SpeakerStats {
  paired: number;
  reachable: number;
  ruleRight: number;
}

/** The ranking examples of one document (`dataDir`: the quotes resources to run the rules with). */
export function speakerExamples(
  doc: Doc,
  gold: readonly SpeakerGold[],
  res: ReturnType<typeof loadQuotesResources>,
  out: RankExample[],
  stats: SpeakerStats,
  inspect?: (cands: SpeakerCandidate[], gold: number, span?: [number, number]) => void,
): void {
  const r = findAttributions(doc, res.lexicon, attributionOptions(res.filter));
  const ctx = speakerContext(doc, r, SPEAKER_BITS);
  const g = gold.filter((x) => x.content?.spans.length);
  const used = new Uint8Array(g.length);
  const seen = new Set<string>();
  const toks = doc.tokens;
  for (const a of r.attributions) {
    if (!choosable(r, a)) continue;
    const key = `${a.cueFirst}:${a.speakerFirst}:${a.speakerLast}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const content = a.pieces.map((p) => [p.start, p.end] as [number, number]);
    const cue: Array<[number, number]> = [[toks[a.cueFirst].start, toks[a.cueLast].end]];
    let j = g.findIndex(
      (x, i) => !used[i] && overlaps(x.content!.spans, content) && !!x.cue && overlaps(x.cue.spans, cue),
    );
    // by default only a gold attribution with the same cue teaches the choice: one paired by its
    // content alone is most of the time another report (an outer "X said" around ours)
    if (j < 0 && CONTENT_PAIRS) j = g.findIndex((x, i) => !used[i] && overlaps(x.content!.spans, content));
    if (j < 0) continue;
    used[j] = 1;
    stats.paired++;
    const src = g[j].source?.spans.length ? g[j].source!.spans : null;
    const s0 = src ? Math.min(...src.map((s) => s[0])) : -1;
    const s1 = src ? Math.max(...src.map((s) => s[1])) : -1;
    const cands = speakerCandidates(ctx, a);
    const at = cands.findIndex((c) =>
      c.first < 0 ? !src : !!src && toks[c.first].start === s0 && toks[c.last].end === s1,
    );
    if (src && a.speakerFirst >= 0 && toks[a.speakerFirst].start === s0 && toks[a.speakerLast].end === s1)
      stats.ruleRight++;
    else if (!src && a.speakerFirst < 0) stats.ruleRight++;
    if (at < 0) {
      inspect?.(cands, -1, [s0, s1]);
      continue;
    }
    stats.reachable++;
    inspect?.(cands, at);
    out.push({ cands: cands.map((c) => Int32Array.from(c.feats)), gold: at });
  }
}

/** Averaged ranking perceptron; returns the averaged weights. */
export function trainRanker(examples: readonly RankExample[], epochs: number, bits = SPEAKER_BITS): Float32Array {
  const n = 1 << bits;
  const w = new Float64Array(n);
  const u = new Float64Array(n);
  let c = 1;
  const order = examples.map((_, i) => i);
  const shuffle = epochShuffle();
  const score = (fs: Int32Array) => {
    let s = 0;
    for (const k of fs) s += w[k];
    return s;
  };
  for (let e = 0; e < epochs; e++) {
    shuffle(order);
    for (const k of order) {
      const x = examples[k];
      let best = 0;
      let bestScore = -Infinity;
      for (const [i, fs] of x.cands.entries()) {
        const s = score(fs);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      if (best !== x.gold) {
        for (const f of x.cands[x.gold]) {
          w[f] += 1;
          u[f] += c;
        }
        for (const f of x.cands[best]) {
          w[f] -= 1;
          u[f] -= c;
        }
      }
      c++;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = w[i] - u[i] / c;
  return out;
}

/** Share of examples whose best-scoring candidate is the gold one. */
export function rankAccuracy(examples: readonly RankExample[], w: Float32Array): number {
  let right = 0;
  for (const x of examples) {
    let best = 0;
    let bestScore = -Infinity;
    for (const [i, fs] of x.cands.entries()) {
      let s = 0;
      for (const k of fs) s += w[k];
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    if (best === x.gold) right++;
  }
  return examples.length ? right / examples.length : 0;
}

export function serializeSpeakers(weights: Float32Array, bits = SPEAKER_BITS): string {
  const scale = 1000;
  const rows: Array<[number, number]> = [];
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round(weights[i] * scale);
    if (q !== 0) rows.push([i, q]);
  }
  return `{"bits":${bits},"scale":${scale},"weights":${JSON.stringify(rows)}}\n`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('train-speakers.ts')) {
  if (!hasShared('data/polnear/train.jsonl')) {
    console.error('needs ../shared/data/polnear/train.jsonl');
    process.exit(1);
  }
  let recs = readJsonl<Rec>(sharedPath('data/polnear/train.jsonl'));
  if (LIMIT) recs = recs.slice(0, LIMIT);
  const dataDir = join(repo, 'data');
  const res = loadQuotesResources(dataDir);
  const t0 = performance.now();
  const byDoc: RankExample[][] = [];
  const stats: SpeakerStats = { paired: 0, reachable: 0, ruleRight: 0 };
  for (const { rec, doc } of parsedTrainDocs(recs)) {
    const ex: RankExample[] = [];
    speakerExamples(doc, rec.attributions, res, ex, stats);
    byDoc.push(ex);
  }
  console.log(`paired ${stats.paired}, rules right ${stats.ruleRight}, gold among the candidates ${stats.reachable}`);
  // 5-fold cross-validation over documents: how often the chooser is right where it can be
  const folds = 5;
  let right = 0;
  let total = 0;
  for (let f = 0; f < folds; f++) {
    const w = trainRanker(byDoc.filter((_, i) => i % folds !== f).flat(), EPOCHS);
    const test = byDoc.filter((_, i) => i % folds === f).flat();
    right += rankAccuracy(test, w) * test.length;
    total += test.length;
  }
  console.log(
    `cross-validated: right ${right.toFixed(0)} of ${total} reachable (${((100 * right) / total).toFixed(1)}%)`,
  );
  const w = trainRanker(byDoc.flat(), EPOCHS);
  writeFileSync(join(dataDir, 'quotes/speakers.json'), serializeSpeakers(w));
  console.log(`speaker chooser written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
