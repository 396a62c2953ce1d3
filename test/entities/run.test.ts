import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext } from '../../src/entities/03-features.js';
import { applyRestrictions, labelRestrictions, tagDocument } from '../../src/entities/05-tag.js';
import { tagRun } from '../../src/entities/08-run.js';
import { readConllDocuments } from '../../src/entities/corpora.js';
import { type EntityResources, loadEntityResources } from '../../src/entities/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { hasShared, sharedPath } from '../shared.js';

let res: EntityResources;
beforeAll(() => {
  res = loadEntityResources(defaultDataDir());
});

/** The reference tagger: per-document context maps, labelRestrictions and tagDocument. */
function reference(sentences: string[][]) {
  const ctx = documentContext(sentences, res.features, res.words.infos);
  return tagDocument(
    ctx.tokens,
    (s) => {
      const restrict = labelRestrictions(ctx.tokens[s], ctx.modes[s], res.linkers, res.breakers);
      const emit = res.words.emissions(ctx, s, res.model, restrict);
      applyRestrictions(restrict, emit);
      return emit;
    },
    res.model,
    undefined,
    res.words.history,
  );
}

const fast = (sentences: string[][]) =>
  tagRun(sentences, res.runWords, res.words, res.model, res.features.gazetteer).tagged;

const split = (text: string) => text.split('\n').map((l) => l.split(' ').filter(Boolean));

describe('run-time tagger', () => {
  it('gives the labels of the reference tagger', () => {
    const docs = [
      split(
        '" North Korean envoy Kim Chul Ho met Yoshiki Mine in Ulan Bator , NHK said .\nKim said Pyongyang was ready .\nKIM MEETS MINE IN MONGOLIA\nThe Prime Minister Of The Republic Met The Envoy\nAna Silva , the mayor of Porto , flew to New York City .\nsilva said talks went well .',
      ),
      split('Москва и Пекин\n東京 で 会談\nSão Paulo FC beat Club Atlético River Plate 2 - 1 .'),
      [[], ['Yes'], ['(', ')']],
    ];
    for (const d of docs) {
      const a = reference(d);
      const b = fast(d);
      expect(b.map((t) => [...t.labels])).toEqual(a.map((t) => [...t.labels]));
    }
  });

  it.skipIf(!hasShared('data/conll2003/dev.jsonl'))(
    'gives the labels of the reference tagger on CoNLL-2003 dev documents',
    () => {
      const docs = readConllDocuments(readFileSync(sharedPath('data/conll2003/dev.jsonl'), 'utf8')).slice(0, 40);
      for (const d of docs) {
        const sentences = d.sentences.map((s) => s.tokens.slice());
        const a = reference(sentences);
        const b = fast(sentences);
        expect(b.map((t) => [...t.labels])).toEqual(a.map((t) => [...t.labels]));
      }
    },
  );
});
