// Training the tagger and building its tag dictionary (used by train-tagger and, for
// jackknifed tags, by train-parser).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lower } from '../../src/syntax/01-forms.js';
import type { Lexicon } from '../../src/syntax/03-lexicon.js';
import { type TagDictionary, Tagger, type TaggerModel } from '../../src/syntax/04-tagger.js';
import { AveragedPerceptron, rng, shuffle } from './perceptron.js';
import { recase, type TreebankSentence } from './treebank.js';

export interface TagClasses {
  classes: string[];
  /** "UPOS|XPOS" -> class id (rare pairs map to the usual pair of their XPOS). */
  index: Map<string, number>;
}

export function buildClasses(train: TreebankSentence[], minCount = 3): TagClasses {
  const counts = new Map<string, number>();
  for (const s of train)
    for (let i = 0; i < s.words.length; i++) {
      const k = `${s.upos[i]}|${s.xpos[i]}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const classes = sorted.filter(([, c]) => c >= minCount).map(([k]) => k);
  const index = new Map<string, number>(classes.map((k, i) => [k, i]));
  for (const [k] of sorted) {
    if (index.has(k)) continue;
    const xpos = k.split('|')[1];
    const alt = classes.findIndex((c) => c.split('|')[1] === xpos);
    const upos = k.split('|')[0];
    const alt2 = classes.findIndex((c) => c.split('|')[0] === upos);
    index.set(k, alt >= 0 ? alt : Math.max(alt2, 0));
  }
  return { classes, index };
}

export function goldClasses(s: TreebankSentence, tc: TagClasses): Int32Array {
  return Int32Array.from(s.words.map((_, i) => tc.index.get(`${s.upos[i]}|${s.xpos[i]}`) ?? 0));
}

/** Ambiguity class of a word from its class counts: the classes it takes, and how often it was seen. */
export function ambiguityOf(m: ReadonlyMap<number, number>, skip = -1): number {
  let total = 0;
  for (const [c, k] of m) total += c === skip ? k - 1 : k;
  if (total <= 0) return 0;
  const cls: number[] = [];
  for (const [c, k0] of m) {
    const k = c === skip ? k0 - 1 : k0;
    if (k > 0 && (k / total >= 0.05 || k >= 5)) cls.push(c);
  }
  cls.sort((a, b) => a - b);
  const bucket = total === 1 ? 1 : total <= 4 ? 2 : 3;
  let h = Math.imul(0x811c9dc5 ^ bucket, 0x01000193);
  for (const c of cls) h = Math.imul(h ^ (c + 1), 0x01000193);
  return (h | 1) >>> 0;
}

export interface TrainingDictionary extends TagDictionary {
  /** Class counts per lower-case word (training only: for leave-one-out ambiguity classes). */
  counts: Map<string, Map<number, number>>;
}

export function buildTagDictionary(train: TreebankSentence[], tc: TagClasses): TrainingDictionary {
  const counts = new Map<string, Map<number, number>>();
  for (const s of train) {
    const g = goldClasses(s, tc);
    for (let i = 0; i < s.words.length; i++) {
      const lw = lower(s.words[i]);
      let m = counts.get(lw);
      if (!m) counts.set(lw, (m = new Map()));
      m.set(g[i], (m.get(g[i]) ?? 0) + 1);
    }
  }
  const ambiguity = new Map<string, number>();
  const sure = new Map<string, number>();
  const frequent = new Set<string>();
  for (const [w, m] of counts) {
    ambiguity.set(w, ambiguityOf(m));
    let total = 0;
    for (const c of m.values()) total += c;
    if (total >= 2) frequent.add(w);
    const top = [...m].sort((a, b) => b[1] - a[1])[0];
    if (total >= 25 && top[1] / total >= 0.997) sure.set(w, top[0]);
  }
  return { ambiguity, sure, frequent, counts };
}

/** Each token's ambiguity class as if its own occurrence had not been counted (so rare words are trusted as at test time). */
export function leaveOneOut(s: TreebankSentence, gold: Int32Array, dict: TrainingDictionary): Uint32Array {
  return Uint32Array.from(s.words, (w, i) => {
    const m = dict.counts.get(lower(w));
    return m ? ambiguityOf(m, gold[i]) : 0;
  });
}

export interface TrainTaggerOptions {
  epochs: number;
  seed: number;
  /** Train the second pass: first-pass tags of each sentence (jackknifed). */
  rightTags?: Int32Array[];
  log?: (msg: string) => void;
  /** Called after each epoch (e.g. to score the dev set). */
  afterEpoch?: (epoch: number, perceptron: AveragedPerceptron) => void;
}

/** Train on `train`; returns a model whose scorer is the trainer (call export for the file). */
export function trainTagger(
  train: TreebankSentence[],
  tc: TagClasses,
  dict: TrainingDictionary,
  lexicon: Lexicon,
  opts: TrainTaggerOptions,
): { perceptron: AveragedPerceptron; model: TaggerModel } {
  const nc = tc.classes.length;
  const perceptron = new AveragedPerceptron(nc, 1 << 18);
  const model: TaggerModel = {
    classes: tc.classes,
    upos: tc.classes.map((c) => c.split('|')[0]),
    xpos: tc.classes.map((c) => c.split('|')[1]),
    scorer: perceptron,
    dict,
  };
  const tagger = new Tagger(model, lexicon);
  const f = tagger.features;
  const keys = new Uint32Array(128);
  const scores = new Float32Array(nc);
  const rand = rng(opts.seed);
  const order = train.map((_, i) => i);
  const golds = train.map((s) => goldClasses(s, tc));
  const ambs = train.map((s, i) => leaveOneOut(s, golds[i], dict));
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    let correct = 0;
    let total = 0;
    for (const si of order) {
      const s = train[si];
      const gold = golds[si];
      const r = rand();
      const words = r < 0.04 ? recase(s.words, 'upper') : r < 0.07 ? recase(s.words, 'title') : s.words;
      f.prepare(words, ambs[si]);
      const pred = new Int32Array(words.length);
      for (let i = 0; i < words.length; i++) {
        const sure = dict.sure.get(f.lowers[i]);
        if (sure !== undefined) {
          pred[i] = sure;
          continue;
        }
        const right = opts.rightTags?.[si];
        const t1 = i > 0 ? pred[i - 1] : -1;
        const t2 = i > 1 ? pred[i - 2] : -1;
        const n = right
          ? f.extract(
              i,
              t1,
              t2,
              keys,
              i + 1 < right.length ? right[i + 1] : -1,
              i + 2 < right.length ? right[i + 2] : -1,
              right[i],
            )
          : f.extract(i, t1, t2, keys);
        scores.fill(0);
        perceptron.score(keys, n, scores);
        let best = 0;
        for (let c = 1; c < nc; c++) if (scores[c] > scores[best]) best = c;
        if (best !== gold[i]) {
          perceptron.update(keys, n, gold[i], 1);
          perceptron.update(keys, n, best, -1);
        } else correct++;
        total++;
        perceptron.tick();
        pred[i] = best;
      }
    }
    opts.log?.(
      `epoch ${epoch + 1}: train accuracy ${((100 * correct) / Math.max(1, total)).toFixed(2)}% (scored tokens)`,
    );
    opts.afterEpoch?.(epoch, perceptron);
  }
  return { perceptron, model };
}

export interface JackknifeOptions {
  folds: number;
  epochs: number;
  seed: number;
  /** Also train a second pass per fold on these (jackknifed) first-pass tags. */
  firstPass?: Int32Array[];
  log?: (msg: string) => void;
}

/** Tags of each training sentence from taggers that did not see it (K-fold, by index mod K). */
export function jackknife(
  train: TreebankSentence[],
  tc: TagClasses,
  lexicon: Lexicon,
  opts: JackknifeOptions,
): Int32Array[] {
  const out: Int32Array[] = new Array(train.length);
  const K = opts.folds;
  for (let k = 0; k < K; k++) {
    const idx = train.map((_, i) => i).filter((i) => i % K !== k);
    const part = idx.map((i) => train[i]);
    const dict = buildTagDictionary(part, tc);
    const { model } = trainTagger(part, tc, dict, lexicon, { epochs: opts.epochs, seed: opts.seed + k });
    if (opts.firstPass) {
      const rightTags = idx.map((i) => (opts.firstPass as Int32Array[])[i]);
      const second = trainTagger(part, tc, dict, lexicon, {
        epochs: opts.epochs,
        seed: opts.seed + 100 + k,
        rightTags,
      });
      model.scorer2 = second.perceptron;
    }
    const fold = new Tagger(model, lexicon);
    train.forEach((s, i) => {
      if (i % K === k) out[i] = Int32Array.from(fold.tag(s.words));
    });
    opts.log?.(`jackknife fold ${k + 1}/${K}${opts.firstPass ? ' (two passes)' : ''}`);
  }
  return out;
}

/** `jackknife` with its result kept in a cache file (named by everything it depends on). */
export function cachedJackknife(cacheDir: string, signature: string, compute: () => Int32Array[]): Int32Array[] {
  const path = join(cacheDir, `jackknife-${createHash('sha1').update(signature).digest('hex').slice(0, 12)}.json`);
  if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as number[][]).map((a) => Int32Array.from(a));
  const out = compute();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path, JSON.stringify(out.map((a) => Array.from(a))));
  return out;
}
