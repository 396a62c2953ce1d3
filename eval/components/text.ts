// The text component: sentence-boundary and token F1 of the text stage on raw text rebuilt
// from the UD English dev treebanks (GUM written genres, EWT). Sentences and tokens are
// scored as exact spans over the rebuilt text.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConllu } from '../../src/conllu/conllu.js';
import { analyzeText, loadTextResources, type TextResources } from '../../src/text/index.js';
import type { EvalOptions, EvalResult } from '../lib.js';
import { hasShared, sharedPath } from '../lib.js';
import { exactF1, microPrf, type PRF } from '../scorers/spans.js';
import { mergeInside, rebuildDocuments, sentenceEnds, type UdDocument } from '../scorers/ud-text.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** GUM genres of edited written (or prepared spoken) text; vlog and conversation are excluded. */
export const GUM_WRITTEN = new Set(['news', 'interview', 'bio', 'voyage', 'textbook', 'speech']);

export interface TextScores {
  /** Exact sentence spans. */
  sentences: PRF;
  /** Sentence ends (a missed boundary costs one error, not the two spans it merges). */
  boundaries: PRF;
  tokens: PRF;
  documents: number;
  unaligned: number;
}

/** Score the text stage on rebuilt documents. */
export function scoreText(docs: readonly UdDocument[], res: TextResources): TextScores {
  const sentences: PRF[] = [];
  const boundaries: PRF[] = [];
  const tokens: PRF[] = [];
  let unaligned = 0;
  for (const d of docs) {
    const a = analyzeText(d.text, res);
    sentences.push(exactF1(d.sentences, a.sentences));
    boundaries.push(exactF1(sentenceEnds(d.sentences), sentenceEnds(a.sentences)));
    tokens.push(exactF1(d.tokens, mergeInside(a.tokens, d.fused)));
    unaligned += d.unaligned;
  }
  return {
    sentences: microPrf(sentences),
    boundaries: microPrf(boundaries),
    tokens: microPrf(tokens),
    documents: docs.length,
    unaligned,
  };
}

export function readUdDocuments(file: string): UdDocument[] {
  return rebuildDocuments(parseConllu(readFileSync(sharedPath('data/ud-english', file), 'utf8')));
}

function results(dataset: string, s: TextScores): EvalResult[] {
  const note = (p: PRF) =>
    `P=${p.precision.toFixed(4)} R=${p.recall.toFixed(4)} docs=${s.documents}${s.unaligned ? ` unaligned=${s.unaligned}` : ''}`;
  return [
    {
      dataset,
      metric: 'sentence F1 (exact spans)',
      value: s.sentences.f1,
      n: s.sentences.tp + s.sentences.fn,
      note: note(s.sentences),
    },
    {
      dataset,
      metric: 'sentence-boundary F1',
      value: s.boundaries.f1,
      n: s.boundaries.tp + s.boundaries.fn,
      note: note(s.boundaries),
    },
    { dataset, metric: 'token F1', value: s.tokens.f1, n: s.tokens.tp + s.tokens.fn, note: note(s.tokens) },
  ];
}

export function runText(options: EvalOptions): EvalResult[] {
  if (!hasShared('data/ud-english')) return [];
  const res = loadTextResources(join(repo, 'data'));
  const take = <T>(xs: T[]) => (options.sample ? xs.slice(0, options.sample) : xs);
  const gum = readUdDocuments('gum-ccby-dev.conllu');
  const written = take(gum.filter((d) => d.genre !== null && GUM_WRITTEN.has(d.genre)));
  const spoken = take(gum.filter((d) => d.genre === null || !GUM_WRITTEN.has(d.genre)));
  const ewt = take(readUdDocuments('en_ewt-ud-dev.conllu'));
  const spokenScores = scoreText(spoken, res);
  return [
    ...results('GUM dev (written genres)', scoreText(written, res)),
    ...results('EWT dev', scoreText(ewt, res)),
    {
      dataset: 'GUM dev (vlog, conversation)',
      metric: 'sentence F1 (spans, info)',
      value: spokenScores.sentences.f1,
      n: spokenScores.sentences.tp + spokenScores.sentences.fn,
    },
  ];
}
