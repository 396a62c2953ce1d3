// `npm run train:tagger`: build the lemma lexicon and train the two-pass POS tagger on UD
// English (EWT train + GUM CC BY train), score them on the dev files, write data/models/.
// The second pass learns from first-pass tags of sentences the first pass did not see
// (4-fold jackknife), so it learns how far to trust them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lower } from '../src/syntax/01-forms.js';
import { linearFromArrays, pruneLinear, putLinear, writeModelFile } from '../src/syntax/02-linear.js';
import { type Lexicon, lexiconToText } from '../src/syntax/03-lexicon.js';
import { TAGGER_FEATURES, Tagger, type TaggerModel } from '../src/syntax/04-tagger.js';
import { tagDictionaryToText } from '../src/syntax/05-models.js';
import { buildLexicon } from './syntax/lexicon-build.js';
import { buildClasses, buildTagDictionary, cachedJackknife, jackknife, trainTagger } from './syntax/tagger-train.js';
import { readDev, readTrain, type TreebankSentence } from './syntax/treebank.js';

export const TAGGER_EPOCHS = Number(process.env.TAGGER_EPOCHS ?? 12);
export const JACKKNIFE_FOLDS = 4;
export const JACKKNIFE_EPOCHS = 10;
export const SEED = 20070906;
const repo = resolve(import.meta.dirname, '..');
const modelsDir = join(repo, 'data/models');
export const cacheDir = join(repo, '.cache/syntax');
/** Weights under this many int16 units are dropped: they barely move a decision but cost memory and load time. */
const PRUNE_MIN = Number(process.env.TAGGER_PRUNE_MIN ?? 1000);
/** Where the tagger file is written (experiments: elsewhere than data/models). */
const outDir = process.env.TAGGER_OUT_DIR ?? modelsDir;

/** What jackknifed tags depend on: the feature set version, the lexicon and the settings. */
export function taggerSignature(extra: string): string {
  const lexicon = createHash('sha1')
    .update(readFileSync(join(modelsDir, 'lexicon.bin.gz')))
    .digest('hex');
  return [TAGGER_FEATURES, lexicon, JACKKNIFE_FOLDS, JACKKNIFE_EPOCHS, SEED, extra].join('\n');
}

export function scoreTagger(model: TaggerModel, lexicon: Lexicon, sents: TreebankSentence[]) {
  const tagger = new Tagger(model, lexicon);
  let n = 0;
  let upos = 0;
  let xpos = 0;
  let lemma = 0;
  let nKnown = 0;
  let errKnown = 0;
  for (const s of sents) {
    const tags = tagger.tag(s.words);
    for (let i = 0; i < s.words.length; i++) {
      n++;
      const u = model.upos[tags[i]];
      const x = model.xpos[tags[i]];
      const known = model.dict.ambiguity.has(lower(s.words[i]));
      if (known) nKnown++;
      if (u === s.upos[i]) upos++;
      else if (known) errKnown++;
      if (x === s.xpos[i]) xpos++;
      if (lexicon.lemma(s.words[i], u, x) === s.lemma[i]) lemma++;
    }
  }
  const errUnknown = n - upos - errKnown;
  return {
    n,
    upos: (100 * upos) / n,
    xpos: (100 * xpos) / n,
    lemma: (100 * lemma) / n,
    nKnown,
    errKnown,
    nUnknown: n - nKnown,
    errUnknown,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const t0 = performance.now();
  const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}`);
  const train = readTrain();
  log(`train: ${train.length} sentences, ${train.reduce((a, s) => a + s.words.length, 0)} words`);
  const lexicon = buildLexicon(train);
  const lexText = lexiconToText(lexicon.data);
  const lexBytes = writeModelFile(join(outDir, 'lexicon.bin.gz'), {
    meta: { kind: 'lexicon', version: 1, ...lexText },
    arrays: {},
  });
  log(
    `lexicon: ${lexicon.data.vocab.size} lemmas, ${lexicon.data.rules.size} rule keys, ${lexicon.data.exceptions.size} exceptions, ${(lexBytes / 1e6).toFixed(2)} MB`,
  );
  const tc = buildClasses(train);
  const dict = buildTagDictionary(train, tc);
  log(`classes: ${tc.classes.length}; dictionary: ${dict.ambiguity.size} words, ${dict.sure.size} sure`);
  const dev = readDev('ewt');
  const first = trainTagger(train, tc, dict, lexicon, { epochs: TAGGER_EPOCHS, seed: SEED, log });
  const prune = Number(process.env.TAGGER_PRUNE ?? 0.0005);
  const a1 = pruneLinear(first.perceptron.export(prune), PRUNE_MIN);
  const model: TaggerModel = { ...first.model, scorer: linearFromArrays(a1) };
  const r1 = scoreTagger(model, lexicon, dev);
  log(`first pass, ewt dev: UPOS ${r1.upos.toFixed(2)} XPOS ${r1.xpos.toFixed(2)}`);
  const firstPass = cachedJackknife(cacheDir, taggerSignature('first'), () =>
    jackknife(train, tc, lexicon, { folds: JACKKNIFE_FOLDS, epochs: JACKKNIFE_EPOCHS, seed: SEED, log }),
  );
  const second = trainTagger(train, tc, dict, lexicon, {
    epochs: TAGGER_EPOCHS,
    seed: SEED + 1,
    rightTags: firstPass,
    log,
  });
  const full2 = second.perceptron.export(prune);
  model.scorer2 = linearFromArrays(full2);
  const rf = scoreTagger(model, lexicon, dev);
  log(`second pass before pruning, ewt dev: UPOS ${rf.upos.toFixed(2)} XPOS ${rf.xpos.toFixed(2)}`);
  const a2 = pruneLinear(full2, PRUNE_MIN);
  model.scorer2 = linearFromArrays(a2);
  const file = {
    meta: { kind: 'tagger', version: 2, classes: tc.classes, dictionary: tagDictionaryToText(dict) },
    arrays: {},
  };
  putLinear(file, 'tagger', a1);
  putLinear(file, 'tagger2', a2);
  const bytes = writeModelFile(join(outDir, 'tagger.bin.gz'), file);
  log(
    `tagger: ${a1.keys.length}+${a2.keys.length} features, ${a1.w.length + a2.w.length} weights, ${(bytes / 1e6).toFixed(2)} MB`,
  );
  for (const name of ['ewt', 'gum'] as const) {
    const r = scoreTagger(model, lexicon, readDev(name));
    const known = 100 - (100 * r.errKnown) / r.nKnown;
    const unknown = 100 - (100 * r.errUnknown) / Math.max(1, r.nUnknown);
    log(
      `${name} dev: UPOS ${r.upos.toFixed(2)} (words seen in training ${known.toFixed(2)}, unseen ${unknown.toFixed(2)} of ${r.nUnknown})  XPOS ${r.xpos.toFixed(2)}  lemma ${r.lemma.toFixed(2)}  (n=${r.n})`,
    );
  }
  const upper = dev.map((s) => ({ ...s, words: s.words.map((w) => w.toUpperCase()) }));
  const ru = scoreTagger(model, lexicon, upper);
  log(`ewt dev ALL CAPS: UPOS ${ru.upos.toFixed(2)}  XPOS ${ru.xpos.toFixed(2)}`);
}
