// The evaluation components, in pipeline order. A component without `run` prints
// "not implemented"; each component module reads its data from ../shared/data and prints
// the metric its README names.
import type { EvalComponent } from '../lib.js';
import { actorsComponent } from './actors.js';
import { runDedupEval } from './dedup.js';
import { eventsComponent } from './events.js';
import { evaluateGeo } from './geo.js';
import { runNer } from './ner.js';
import { runParserEval } from './parser.js';
import { quotesComponent } from './quotes.js';
import { runStoriesEval } from './stories.js';
import { runTaggerEval } from './tagger.js';
import { runText } from './text.js';
import { runTimexEval } from './timex.js';

export const COMPONENTS: EvalComponent[] = [
  { name: 'text', title: 'sentences and tokens (UD English dev: GUM written genres, EWT)', run: runText },
  { name: 'tagger', title: 'UPOS / XPOS / lemma (UD English EWT dev)', run: runTaggerEval },
  { name: 'parser', title: 'UAS / LAS (UD English EWT dev)', run: runParserEval },
  { name: 'ner', title: 'entity F1 (CoNLL-2003 dev, GUM dev)', run: runNer },
  actorsComponent,
  { name: 'timex', title: 'TIMEX3 span and value F1 (TimeBank+AQUAINT, MEANTIME)', run: runTimexEval },
  { name: 'geo', title: 'toponym accuracy within 161 km, country accuracy (TR-News)', run: (o) => evaluateGeo(o) },
  quotesComponent,
  eventsComponent,
  {
    name: 'dedup',
    title: 'near-duplicate recall and false merges (ECB+ articles + generated copies)',
    run: runDedupEval,
  },
  { name: 'stories', title: 'story pairwise and BCubed F1 (ECB+ dev)', run: runStoriesEval },
];
