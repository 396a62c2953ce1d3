// Parser accuracy on the UD English dev files: gold tokenization, predicted tags. UAS and LAS
// over all words (punctuation included); LAS with full relations (nsubj:pass) and, as CoNLL
// 2018 scores it, with universal relations only.
import type { EvalOptions, EvalResult } from '../lib.js';
import { analyzeDev, UD_DEV } from './tagger.js';

export function runParserEval(options: EvalOptions): EvalResult[] {
  const results: EvalResult[] = [];
  for (const { dataset, file } of UD_DEV) {
    let n = 0;
    let uas = 0;
    let las = 0;
    let ulas = 0;
    for (const { gold, pred } of analyzeDev(file, options.sample)) {
      gold.words.forEach((w, i) => {
        n++;
        if (pred.head[i] + 1 !== w.head) return;
        uas++;
        if (pred.deprel[i] === w.deprel) las++;
        if (pred.deprel[i].split(':')[0] === w.deprel.split(':')[0]) ulas++;
      });
    }
    results.push({ dataset, metric: 'UAS', value: uas / n, n });
    results.push({ dataset, metric: 'LAS', value: las / n, n });
    results.push({ dataset, metric: 'LAS (universal relations)', value: ulas / n, n });
  }
  return results;
}
