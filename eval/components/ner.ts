// NER evaluation: entity-level exact-match micro F1 (conlleval convention) on the gold
// tokens of CoNLL-2003 dev and of GUM CC BY dev. eventwire's types are mapped to CoNLL's:
// PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/MISC and any other name->MISC. GUM's
// named mentions are mapped the same way (person->PER, organization->ORG, place->LOC,
// event/object/abstract->MISC; see src/entities/corpora.ts for what counts as named).
import { readFileSync } from 'node:fs';
import { GAZ_INDEX, lookupPhrase } from '../../src/entities/02-gazetteer.js';
import { type NerDocument, readConllDocuments, readGumDocuments } from '../../src/entities/corpora.js';
import { type EntityResources, loadEntityResources, tagTokenSentences } from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { type EvalOptions, type EvalResult, hasShared, sharedPath } from '../lib.js';
import { type EntityScore, entityF1, type LabelledSpan, toConllType } from '../scorers/entities.js';

/** Tag every document on its gold tokens and score against its gold entities. */
export function scoreDocuments(docs: readonly NerDocument[], res: EntityResources): EntityScore {
  const gold: LabelledSpan[] = [];
  const pred: LabelledSpan[] = [];
  let sid = 0;
  for (const d of docs) {
    const tagged = tagTokenSentences(
      d.sentences.map((s) => s.tokens),
      res,
    );
    d.sentences.forEach((s, i) => {
      for (const e of s.entities) gold.push({ sentence: sid, start: e.start, end: e.end, type: e.type });
      for (const e of tagged[i]) pred.push({ sentence: sid, start: e.start, end: e.end, type: toConllType(e.type) });
      sid++;
    });
  }
  return entityF1(gold, pred);
}

function results(dataset: string, s: EntityScore): EvalResult[] {
  const n = s.tp + s.fn;
  const perType = Object.entries(s.byType)
    .map(([t, p]) => `${t} ${(100 * p.f1).toFixed(1)}`)
    .join(', ');
  return [
    { dataset, metric: 'entity F1 (exact, micro)', value: s.f1, n, note: perType },
    { dataset, metric: 'entity precision', value: s.precision },
    { dataset, metric: 'entity recall', value: s.recall },
  ];
}

export function runNer(options: EvalOptions): EvalResult[] {
  const res = loadEntityResources(defaultDataDir());
  const out: EvalResult[] = [];
  const take = <T>(xs: T[]) => (options.sample ? xs.slice(0, options.sample) : xs);
  if (hasShared('data/conll2003/dev.jsonl')) {
    const docs = take(readConllDocuments(readFileSync(sharedPath('data/conll2003/dev.jsonl'), 'utf8')));
    out.push(...results('CoNLL-2003 dev', scoreDocuments(docs, res)));
  }
  if (hasShared('data/ud-english/gum-ccby-dev.conllu')) {
    const nationality = (1 << GAZ_INDEX.demonym) | (1 << GAZ_INDEX.norp);
    const isNationality = (w: string) => (lookupPhrase(res.features.gazetteer, [w]) & nationality) !== 0;
    const docs = take(
      readGumDocuments(readFileSync(sharedPath('data/ud-english/gum-ccby-dev.conllu'), 'utf8'), isNationality, (w) =>
        res.notNames.has(w),
      ),
    );
    out.push(...results('GUM CC BY dev (named mentions)', scoreDocuments(docs, res)));
  }
  return out;
}
