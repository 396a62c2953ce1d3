// Fill the jackknifed-tags cache (.cache/syntax) that train:parser reads, without training anything else.
import { join, resolve } from 'node:path';
import { loadLexicon } from '../../src/syntax/05-models.js';
import { cacheDir, JACKKNIFE_EPOCHS, JACKKNIFE_FOLDS, SEED, taggerSignature } from '../train-tagger.js';
import { buildClasses, cachedJackknife, jackknife } from './tagger-train.js';
import { readTrain } from './treebank.js';

const t0 = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}`);
const train = readTrain();
const lexicon = loadLexicon(join(resolve(import.meta.dirname, '../..'), 'data'));
const tc = buildClasses(train);
cachedJackknife(cacheDir, taggerSignature('first'), () =>
  jackknife(train, tc, lexicon, { folds: JACKKNIFE_FOLDS, epochs: JACKKNIFE_EPOCHS, seed: SEED, log }),
);
log('jackknife cache ready');
