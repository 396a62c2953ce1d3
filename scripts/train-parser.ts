// `npm run train:parser`: train the dependency parser on UD English (EWT train + GUM CC BY
// train) with jackknifed tags from the tagger, score it on the dev files, write
// data/models/parser.bin.gz. Needs data/models/{lexicon,tagger}.bin.gz (npm run train:tagger).
import { join, resolve } from 'node:path';
import { lower } from '../src/syntax/01-forms.js';
import {
  type LinearArrays,
  linearFromArrays,
  pruneLinear,
  putLinear,
  sliceClasses,
  writeModelFile,
} from '../src/syntax/02-linear.js';
import type { Lexicon } from '../src/syntax/03-lexicon.js';
import { TAGGER2_FEATURES, Tagger, type TaggerModel } from '../src/syntax/04-tagger.js';
import { loadLexicon, loadTaggerModel } from '../src/syntax/05-models.js';
import { Parser, type ParserModel, parserWordValue, tagCategoryOf } from '../src/syntax/06-parser.js';
import { type ParserExample, projectivize, trainParser } from './syntax/parser-train.js';
import { buildClasses, cachedJackknife, jackknife } from './syntax/tagger-train.js';
import { readDev, readTrain, type TreebankSentence } from './syntax/treebank.js';
import { cacheDir, JACKKNIFE_EPOCHS, JACKKNIFE_FOLDS, SEED as TAGGER_SEED, taggerSignature } from './train-tagger.js';

const EPOCHS = Number(process.env.PARSER_EPOCHS ?? 15);
const SEED = 20070906;
export const PRUNE_MIN = Number(process.env.PARSER_PRUNE ?? 600);
/** Keep every k-th training sentence (quick experiments; 1 = all). */
const SAMPLE = Number(process.env.PARSER_SAMPLE ?? 1);
const EXPLORE_FROM = Number(process.env.PARSER_EXPLORE_FROM ?? 1);
const EXPLORE_P = Number(process.env.PARSER_EXPLORE_P ?? 0.9);
/** Score on EWT dev every k epochs (0: never before the end). */
const EVAL_EVERY = Number(process.env.PARSER_EVAL_EVERY ?? 5);
/** Comma-separated prune levels to score on EWT dev before writing the model (PARSER_OUT=none: only score). */
const PRUNES = process.env.PARSER_PRUNES?.split(',').map(Number);
const repo = resolve(import.meta.dirname, '..');
const dataDir = join(repo, 'data');

const t0 = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}`);
const train = readTrain();
const lexicon = loadLexicon(dataDir);
const tagger = loadTaggerModel(dataDir);
const tc = buildClasses(train);
if (tc.classes.join() !== tagger.classes.join()) throw new Error('tagger classes differ: retrain the tagger first');

/**
 * Tags of each training sentence from taggers that did not see it (4-fold jackknife, cached).
 * PARSER_TAGS=two-pass: both tagger passes per fold, like the tags the parser reads at run time
 * (twice the tagging work); otherwise the first pass only, from train-tagger's cache.
 */
function jackknifedTags(): Int32Array[] {
  const first = cachedJackknife(cacheDir, taggerSignature('first'), () =>
    jackknife(train, tc, lexicon, { folds: JACKKNIFE_FOLDS, epochs: JACKKNIFE_EPOCHS, seed: TAGGER_SEED, log }),
  );
  if (process.env.PARSER_TAGS !== 'two-pass') return first;
  return cachedJackknife(cacheDir, taggerSignature(`two-pass\n${TAGGER2_FEATURES}`), () =>
    jackknife(train, tc, lexicon, {
      folds: JACKKNIFE_FOLDS,
      epochs: JACKKNIFE_EPOCHS,
      seed: TAGGER_SEED,
      firstPass: first,
      log,
    }),
  );
}

export function scoreParser(model: ParserModel, tagModel: TaggerModel, lex: Lexicon, sents: TreebankSentence[]) {
  const tg = new Tagger(tagModel, lex);
  const parser = new Parser(model);
  let n = 0;
  let uas = 0;
  let las = 0;
  let ulas = 0;
  for (const s of sents) {
    const tags = tg.tag(s.words);
    const r = parser.parse(
      s.words.map((w) => parserWordValue(lower(w), tagModel.dict.frequent)),
      tags,
    );
    for (let i = 0; i < s.words.length; i++) {
      n++;
      if (r.head[i] === s.head[i]) {
        uas++;
        const l = model.labels[r.label[i]];
        if (l === s.deprel[i]) las++;
        if (l.split(':')[0] === s.deprel[i].split(':')[0]) ulas++;
      }
    }
  }
  return { n, uas: (100 * uas) / n, las: (100 * las) / n, ulas: (100 * ulas) / n };
}

const tags = jackknifedTags();
let agree = 0;
let total = 0;
train.forEach((s, i) => {
  for (let j = 0; j < s.words.length; j++) {
    total++;
    if (tc.index.get(`${s.upos[j]}|${s.xpos[j]}`) === tags[i][j]) agree++;
  }
});
log(`jackknifed tags: ${((100 * agree) / total).toFixed(2)}% correct`);
const labelSet = new Set<string>();
for (const s of train) for (const d of s.deprel) labelSet.add(d);
const labels = [...labelSet].sort();
const labelIndex = new Map(labels.map((l, i) => [l, i]));
const tagCategory = Uint8Array.from(tc.classes, tagCategoryOf);
const examples: ParserExample[] = train
  .map((s, i) => ({
    words: Uint32Array.from(s.words, (w) => parserWordValue(lower(w), tagger.dict.frequent)),
    tags: Uint32Array.from(tags[i]),
    head: Int32Array.from(projectivize(s.head)),
    label: Int32Array.from(s.deprel, (d) => labelIndex.get(d) ?? 0),
  }))
  .filter((_, i) => i % SAMPLE === 0);
const dev = readDev('ewt');
const { moves, arcs } = trainParser(
  examples,
  labels,
  {
    epochs: EPOCHS,
    seed: SEED,
    exploreFrom: EXPLORE_FROM,
    exploreP: EXPLORE_P,
    log,
    afterEpoch: (e, moves, arcs) => {
      if (EVAL_EVERY <= 0 || (e + 1) % EVAL_EVERY !== 0 || e + 1 === EPOCHS) return;
      const m: ParserModel = {
        labels,
        rootLabel: labels.indexOf('root'),
        moves: linearFromArrays(pruneLinear(moves.export(0.0003), PRUNE_MIN)),
        arcs: linearFromArrays(pruneLinear(arcs.export(0.0003), PRUNE_MIN)),
        tagCategory,
      };
      const r = scoreParser(m, tagger, lexicon, dev);
      log(`  ewt dev after ${e + 1} epochs: UAS ${r.uas.toFixed(2)} LAS ${r.las.toFixed(2)}`);
    },
  },
  tagCategory,
);
function writeParser(path: string, ma: LinearArrays, aa: LinearArrays): number {
  const file = { meta: { kind: 'parser', version: 1, labels }, arrays: {} };
  putLinear(file, 'moves', ma);
  // the relation model by direction, as the parser reads it (see parserFromFile)
  putLinear(file, 'arcs0', sliceClasses(aa, 0, labels.length));
  putLinear(file, 'arcs1', sliceClasses(aa, labels.length, 2 * labels.length));
  (file.arrays as Record<string, Uint8Array>).tagCategory = tagCategory;
  return writeModelFile(path, file);
}

if (PRUNES) {
  const full = moves.export(0.0003);
  const fullArcs = arcs.export(0.0003);
  for (const pr of PRUNES) {
    const ma = pruneLinear(full, pr);
    const aa = pruneLinear(fullArcs, pr);
    const m: ParserModel = {
      labels,
      rootLabel: labels.indexOf('root'),
      moves: linearFromArrays(ma),
      arcs: linearFromArrays(aa),
      tagCategory,
    };
    const r = scoreParser(m, tagger, lexicon, dev);
    log(
      `prune ${pr}: ${ma.keys.length}+${aa.keys.length} features; ewt dev UAS ${r.uas.toFixed(2)} LAS ${r.las.toFixed(2)}`,
    );
    if (process.env.PARSER_SWEEP_DIR) writeParser(join(process.env.PARSER_SWEEP_DIR, `parser-${pr}.bin.gz`), ma, aa);
  }
  if (process.env.PARSER_OUT === 'none') process.exit(0);
}
// weights under PRUNE_MIN (int16 units) barely move a decision but cost memory reads
const ma = pruneLinear(moves.export(0.0003), PRUNE_MIN);
const aa = pruneLinear(arcs.export(0.0003), PRUNE_MIN);
const bytes = writeParser(process.env.PARSER_OUT ?? join(dataDir, 'models/parser.bin.gz'), ma, aa);
log(
  `parser: ${ma.keys.length}+${aa.keys.length} features, ${ma.w.length + aa.w.length} weights, ${(bytes / 1e6).toFixed(2)} MB`,
);
const model: ParserModel = {
  labels,
  rootLabel: labels.indexOf('root'),
  moves: linearFromArrays(ma),
  arcs: linearFromArrays(aa),
  tagCategory,
};
for (const name of ['ewt', 'gum'] as const) {
  const r = scoreParser(model, tagger, lexicon, readDev(name));
  log(
    `${name} dev: UAS ${r.uas.toFixed(2)}  LAS ${r.las.toFixed(2)}  (universal labels ${r.ulas.toFixed(2)}, n=${r.n})`,
  );
}
