import { describe, expect, it } from 'vitest';
import { labelName, MODEL_TYPES } from '../../src/entities/04-model.js';
import { entityLabels, readConllDocuments, readGumDocuments } from '../../src/entities/corpora.js';

// Hand-made CoNLL-U in GUM's format (our own sentences).
const row = (id: number, form: string, upos: string, misc = '_') =>
  [id, form, form, upos, '_', '_', 0, 'dep', '_', misc].join('\t');
const gum = [
  '# newdoc id = doc_a',
  '# text = The mayor of Lisbon met Ana Silva at the University of Coimbra with Swiss guests.',
  row(1, 'The', 'DET', 'Entity=(1-person-new-sssss-cf1-2-sgl'),
  row(2, 'mayor', 'NOUN'),
  row(3, 'of', 'ADP'),
  row(4, 'Lisbon', 'PROPN', 'Entity=(2-place-new-sssss-cf2-1-sgl)1)'),
  row(5, 'met', 'VERB'),
  row(6, 'Ana', 'PROPN', 'Entity=(3-person-new-sssss-cf3-1,2-sgl'),
  row(7, 'Silva', 'PROPN', 'Entity=3)'),
  row(8, 'at', 'ADP'),
  row(9, 'the', 'DET', 'Entity=(4-organization-new-sssss-cf4-2,4-sgl'),
  row(10, 'University', 'PROPN'),
  row(11, 'of', 'ADP'),
  row(12, 'Coimbra', 'PROPN', 'Entity=(5-place-new-sssss-cf5-1-sgl)4)'),
  row(13, 'with', 'ADP'),
  row(14, 'Swiss', 'ADJ', 'Entity=(6-person-new-sssss-cf6-2-sgl'),
  row(15, 'guests', 'NOUN', 'Entity=6)'),
  row(16, '.', 'PUNCT'),
  '',
  '# text = Dr. Rui Costa spoke.',
  row(1, 'Dr.', 'PROPN', 'Entity=(8-person-new-sssss-cf8-1,2,3-sgl'),
  row(2, 'Rui', 'PROPN'),
  row(3, 'Costa', 'PROPN', 'Entity=8)'),
  row(4, 'spoke', 'VERB'),
  row(5, '.', 'PUNCT'),
  '',
  '# text = It rained in May.',
  row(1, 'It', 'PRON'),
  row(2, 'rained', 'VERB'),
  row(3, 'in', 'ADP'),
  row(4, 'May', 'PROPN', 'Entity=(7-time-new-sssss-cf7-1-sgl)'),
  row(5, '.', 'PUNCT'),
  '',
].join('\n');

describe('corpus readers', () => {
  it('reads named GUM mentions: minimal spans, outermost names, nationality words', () => {
    const docs = readGumDocuments(
      gum,
      (w) => w === 'swiss',
      (w) => w === 'dr',
    );
    expect(docs).toHaveLength(1);
    const [s1, s3, s2] = docs[0].sentences;
    expect(s3.entities).toEqual([{ start: 1, end: 3, type: 'PER' }]); // the title is cut off
    const named = s1.entities.map((e) => `${s1.tokens.slice(e.start, e.end).join(' ')}/${e.type}`);
    expect(named).toEqual(['Lisbon/LOC', 'Ana Silva/PER', 'University of Coimbra/ORG', 'Swiss/MISC']);
    expect(s2.entities).toEqual([]); // times are not names
  });
  it('groups CoNLL rows into documents and turns entities into BILOU labels', () => {
    const jsonl = [
      {
        doc_id: 'd1',
        tokens: ['Ana', 'Silva', 'visited', 'Porto'],
        entities: [
          { type: 'PER', start_token: 0, end_token: 2 },
          { type: 'LOC', start_token: 3, end_token: 4 },
        ],
      },
      { doc_id: 'd1', tokens: ['Fine'], entities: [] },
      { doc_id: 'd2', tokens: ['Hello'], entities: [] },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const docs = readConllDocuments(jsonl);
    expect(docs.map((d) => d.sentences.length)).toEqual([2, 1]);
    const labels = entityLabels(docs[0].sentences[0], (t) => MODEL_TYPES.indexOf(t));
    expect([...labels].map(labelName)).toEqual(['B-PER', 'L-PER', 'O', 'U-LOC']);
  });
});
