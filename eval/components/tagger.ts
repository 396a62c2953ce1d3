// Tagger and lemmatizer accuracy on the UD English dev files (gold tokenization): UPOS,
// XPOS and lemma accuracy per word, through the same analyzer the pipeline runs.
import { readFileSync } from 'node:fs';
import { type ConlluSentence, parseConllu } from '../../src/conllu/conllu.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadSyntaxResources, type SentenceSyntax, SyntaxAnalyzer } from '../../src/syntax/index.js';
import { type EvalOptions, type EvalResult, sharedPath } from '../lib.js';

export const UD_DEV = [
  { dataset: 'UD English EWT dev', file: 'en_ewt-ud-dev.conllu' },
  { dataset: 'UD English GUM (CC BY) dev', file: 'gum-ccby-dev.conllu' },
] as const;

let analyzer: SyntaxAnalyzer | null = null;

/** Gold sentences of a dev file with the analyzer's output, cached per run. */
const cache = new Map<string, Array<{ gold: ConlluSentence; pred: SentenceSyntax }>>();
export function analyzeDev(file: string, sample?: number): Array<{ gold: ConlluSentence; pred: SentenceSyntax }> {
  const key = `${file}:${sample ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  analyzer ??= new SyntaxAnalyzer(loadSyntaxResources(defaultDataDir()));
  const sents = [...parseConllu(readFileSync(sharedPath('data/ud-english', file), 'utf8'))].filter(
    (s) => s.words.length,
  );
  const out = (sample ? sents.slice(0, sample) : sents).map((gold) => ({
    gold,
    pred: (analyzer as SyntaxAnalyzer).analyze(gold.words.map((w) => w.form)),
  }));
  cache.set(key, out);
  return out;
}

export function runTaggerEval(options: EvalOptions): EvalResult[] {
  const results: EvalResult[] = [];
  for (const { dataset, file } of UD_DEV) {
    let n = 0;
    let upos = 0;
    let xpos = 0;
    let lemma = 0;
    for (const { gold, pred } of analyzeDev(file, options.sample)) {
      gold.words.forEach((w, i) => {
        n++;
        if (pred.upos[i] === w.upos) upos++;
        if (pred.xpos[i] === w.xpos) xpos++;
        if (pred.lemma[i] === w.lemma) lemma++;
      });
    }
    results.push({ dataset, metric: 'UPOS accuracy', value: upos / n, n });
    results.push({ dataset, metric: 'XPOS accuracy', value: xpos / n, n });
    results.push({ dataset, metric: 'lemma accuracy', value: lemma / n, n });
  }
  return results;
}
