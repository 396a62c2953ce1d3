// Word classes the tagger reads besides its tag dictionary, derived from running text
// (no labels): distributional clusters (spherical k-means over each word's left and right
// neighbours, Schütze 1995 style; a coarse and a fine clustering). They cover words the
// treebanks saw too rarely to learn from. The text is the
// training treebanks' own words plus the CoNLL-2003 training tokens (Reuters news; a trained
// model's weights may be shared, the text may not: only a word list with class numbers is kept).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lower, normalizeForm } from '../../src/syntax/01-forms.js';
import type { WordClasses } from '../../src/syntax/04-tagger.js';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import { rng } from './perceptron.js';
import { readTrain, type TreebankSentence } from './treebank.js';

export function conllText(): string[][] {
  const shared = process.env.EVENTWIRE_SHARED ?? resolve(import.meta.dirname, '../../../shared');
  const path = join(shared, 'data/conll2003/train.jsonl');
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  const out: string[][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const toks = (JSON.parse(line) as { tokens: string[] }).tokens.filter((t) => t !== '-DOCSTART-');
    if (toks.length > 0) out.push(toks.map(normalizeForm));
  }
  return out;
}

/** Sentences of CC BY news text (ECB+ and MEANTIME), tokenized by the text stage. */
export function newsText(): string[][] {
  const shared = process.env.EVENTWIRE_SHARED ?? resolve(import.meta.dirname, '../../../shared');
  const res = loadTextResources(join(resolve(import.meta.dirname, '../..'), 'data'));
  const out: string[][] = [];
  for (const file of ['ecbplus/train.jsonl', 'meantime/train.jsonl']) {
    const path = join(shared, 'data', file);
    if (!existsSync(path)) throw new Error(`${path} is missing`);
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: string }).text ?? '';
      const a = analyzeText(text, res);
      let cur: string[] = [];
      let sent = -1;
      for (const t of a.tokens) {
        if (t.sentence !== sent && cur.length > 0) {
          out.push(cur);
          cur = [];
        }
        sent = t.sentence;
        cur.push(normalizeForm(t.norm ?? t.text));
      }
      if (cur.length > 0) out.push(cur);
    }
  }
  return out;
}

export interface ClusterOptions {
  /** Clusters of the fine and the coarse clustering. */
  fine: number;
  coarse: number;
  /** Words seen fewer times are left out. */
  minCount: number;
  /** Context words: the most frequent ones (others are a shape class). */
  contexts: number;
  iterations: number;
  seed: number;
}

export const CLUSTER_OPTIONS: ClusterOptions = {
  fine: Number(process.env.CL_FINE ?? 256),
  coarse: 32,
  minCount: Number(process.env.CL_MIN ?? 3),
  contexts: Number(process.env.CL_CTX ?? 600),
  iterations: 20,
  seed: 1995,
};

function shapeClass(w: string): number {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return 1;
  if (c >= 65 && c <= 90) return 2;
  if ((c >= 97 && c <= 122) || c > 127) return 3;
  return 4;
}

/** Spherical k-means of the rows (sparse, unit length); returns each row's cluster. */
function kmeans(
  rows: { idx: Int32Array; val: Float32Array }[],
  dim: number,
  k: number,
  iterations: number,
  seed: number,
  candidates: number,
): Int32Array {
  const rand = rng(seed);
  const cent = new Float64Array(k * dim);
  // seeds: distinct rows drawn among the `candidates` most frequent
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(rand() * Math.min(candidates, rows.length)));
  let c = 0;
  for (const r of [...picked].sort((a, b) => a - b)) {
    const row = rows[r];
    for (let j = 0; j < row.idx.length; j++) cent[c * dim + row.idx[j]] = row.val[j];
    c++;
  }
  const assign = new Int32Array(rows.length).fill(-1);
  const dots = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let r = 0; r < rows.length; r++) {
      const { idx, val } = rows[r];
      dots.fill(0);
      for (let j = 0; j < idx.length; j++) {
        const d = idx[j];
        const v = val[j];
        for (let q = 0; q < k; q++) dots[q] += v * cent[q * dim + d];
      }
      let best = 0;
      for (let q = 1; q < k; q++) if (dots[q] > dots[best]) best = q;
      if (assign[r] !== best) moved++;
      assign[r] = best;
    }
    cent.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const { idx, val } = rows[r];
      const base = assign[r] * dim;
      for (let j = 0; j < idx.length; j++) cent[base + idx[j]] += val[j];
    }
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += cent[q * dim + d] ** 2;
      const norm = Math.sqrt(s) || 1;
      for (let d = 0; d < dim; d++) cent[q * dim + d] /= norm;
    }
    if (moved === 0) break;
  }
  return assign;
}

/** Word -> cluster numbers (fine * 256 + coarse, both from 1). */
export function buildWordClasses(
  sents: readonly (readonly string[])[],
  opts: ClusterOptions = CLUSTER_OPTIONS,
): WordClasses {
  const counts = new Map<string, number>();
  for (const s of sents) for (const w of s) counts.set(lower(w), (counts.get(lower(w)) ?? 0) + 1);
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const ctxIndex = new Map<string, number>();
  for (let i = 0; i < Math.min(opts.contexts, byFreq.length); i++) ctxIndex.set(byFreq[i][0], i);
  const side = opts.contexts + 6;
  const dim = 2 * side;
  const words = byFreq.filter(([, c]) => c >= opts.minCount).map(([w]) => w);
  const row = new Map<string, number>(words.map((w, i) => [w, i]));
  const ctx: Map<number, number>[] = words.map(() => new Map());
  const ctxOf = (w: string | undefined, edge: number) =>
    w === undefined ? edge : (ctxIndex.get(lower(w)) ?? opts.contexts + shapeClass(w));
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const r = row.get(lower(s[i]));
      if (r === undefined) continue;
      const m = ctx[r];
      const a = ctxOf(s[i - 1], opts.contexts);
      const b = side + ctxOf(s[i + 1], opts.contexts + 5);
      m.set(a, (m.get(a) ?? 0) + 1);
      m.set(b, (m.get(b) ?? 0) + 1);
    }
  }
  const rows = ctx.map((m) => {
    const idx = Int32Array.from([...m.keys()].sort((a, b) => a - b));
    const val = Float32Array.from(idx, (d) => Math.sqrt(m.get(d) as number));
    let s = 0;
    for (const v of val) s += v * v;
    const n = Math.sqrt(s) || 1;
    for (let j = 0; j < val.length; j++) val[j] /= n;
    return { idx, val };
  });
  const fine = kmeans(rows, dim, opts.fine, opts.iterations, opts.seed, 5000);
  const coarse = kmeans(rows, dim, opts.coarse, opts.iterations, opts.seed + 1, 2000);
  const cluster = new Map<string, number>();
  words.forEach((w, i) => {
    cluster.set(w, (fine[i] + 1) * 256 + coarse[i] + 1);
  });
  return { cluster };
}

export function trainingText(train: readonly TreebankSentence[]): string[][] {
  return [...train.map((s) => s.words), ...conllText(), ...(process.env.CL_NEWS === '1' ? newsText() : [])];
}

let memo: WordClasses | undefined;
/** Word classes of the whole training text, built once per process (no labels are read, so every jackknife fold may share them). */
export function trainingWordClasses(): WordClasses {
  memo ??= buildWordClasses(trainingText(readTrain()));
  return memo;
}
