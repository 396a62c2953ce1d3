// `npm run train:tagger`: build the lemma lexicon and train the POS tagger on UD English
// (EWT train + GUM CC BY train), score them on the dev files, write data/models/.
import { join, resolve } from 'node:path';
import { lower } from '../src/syntax/01-forms.js';
import { linearFromArrays, putLinear, writeModelFile } from '../src/syntax/02-linear.js';
import { type Lexicon, lexiconToText } from '../src/syntax/03-lexicon.js';
import { Tagger, type TaggerModel } from '../src/syntax/04-tagger.js';
import { tagDictionaryToText } from '../src/syntax/05-models.js';
import { buildLexicon } from './syntax/lexicon-build.js';
import { buildClasses, buildTagDictionary, trainTagger } from './syntax/tagger-train.js';
import { readDev, readTrain, type TreebankSentence } from './syntax/treebank.js';

const EPOCHS = Number(process.env.TAGGER_EPOCHS ?? 12);
const SEED = 20070906;
const modelsDir = resolve(import.meta.dirname, '../data/models');

export function scoreTagger(model: TaggerModel, lexicon: Lexicon, sents: TreebankSentence[]) {
  const tagger = new Tagger(model, lexicon);
  let n = 0;
  let upos = 0;
  let xpos = 0;
  let lemma = 0;
  for (const s of sents) {
    const tags = tagger.tag(s.words);
    for (let i = 0; i < s.words.length; i++) {
      n++;
      const u = model.upos[tags[i]];
      const x = model.xpos[tags[i]];
      if (u === s.upos[i]) upos++;
      if (x === s.xpos[i]) xpos++;
      if (lexicon.lemma(s.words[i], u, x) === s.lemma[i]) lemma++;
    }
  }
  return { n, upos: (100 * upos) / n, xpos: (100 * xpos) / n, lemma: (100 * lemma) / n };
}

const t0 = performance.now();
const train = readTrain();
console.log(`train: ${train.length} sentences, ${train.reduce((a, s) => a + s.words.length, 0)} words`);
const lexicon = buildLexicon(train);
const lexText = lexiconToText(lexicon.data);
const lexBytes = writeModelFile(join(modelsDir, 'lexicon.bin.gz'), {
  meta: { kind: 'lexicon', version: 1, ...lexText },
  arrays: {},
});
console.log(
  `lexicon: ${lexicon.data.vocab.size} lemmas, ${lexicon.data.rules.size} rule keys, ${lexicon.data.exceptions.size} exceptions, ${(lexBytes / 1e6).toFixed(2)} MB`,
);
const tc = buildClasses(train);
const dict = buildTagDictionary(train, tc);
console.log(`classes: ${tc.classes.length}; dictionary: ${dict.ambiguity.size} words, ${dict.sure.size} sure`);
const { perceptron } = trainTagger(train, tc, dict, lexicon, { epochs: EPOCHS, seed: SEED, log: console.log });
const arrays = perceptron.export(Number(process.env.TAGGER_PRUNE ?? 0.0005));
const file = {
  meta: { kind: 'tagger', version: 1, classes: tc.classes, dictionary: tagDictionaryToText(dict) },
  arrays: {},
};
putLinear(file, 'tagger', arrays);
const bytes = writeModelFile(join(modelsDir, 'tagger.bin.gz'), file);
console.log(`tagger: ${arrays.keys.length} features, ${arrays.w.length} weights, ${(bytes / 1e6).toFixed(2)} MB`);
const model: TaggerModel = {
  classes: tc.classes,
  upos: tc.classes.map((c) => c.split('|')[0]),
  xpos: tc.classes.map((c) => c.split('|')[1]),
  scorer: linearFromArrays(arrays),
  dict,
};
for (const name of ['ewt', 'gum'] as const) {
  const r = scoreTagger(model, lexicon, readDev(name));
  console.log(
    `${name} dev: UPOS ${r.upos.toFixed(2)}  XPOS ${r.xpos.toFixed(2)}  lemma ${r.lemma.toFixed(2)}  (n=${r.n})`,
  );
}
const upper = readDev('ewt').map((s) => ({ ...s, words: s.words.map((w) => w.toUpperCase()) }));
const r = scoreTagger(model, lexicon, upper);
console.log(`ewt dev ALL CAPS: UPOS ${r.upos.toFixed(2)}  XPOS ${r.xpos.toFixed(2)}`);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
void lower;
