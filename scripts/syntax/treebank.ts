// Reading the UD English treebanks for training and evaluation.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConllu } from '../../src/conllu/conllu.js';
import { normalizeForm } from '../../src/syntax/01-forms.js';

export interface TreebankSentence {
  id: string;
  /** Normalized forms (what the models read). */
  words: string[];
  upos: string[];
  xpos: string[];
  lemma: string[];
  /** 0-based head index, -1 for the root. */
  head: number[];
  deprel: string[];
}

export function udDir(): string {
  const shared = process.env.EVENTWIRE_SHARED ?? resolve(import.meta.dirname, '../../../shared');
  return join(shared, 'data/ud-english');
}

export function readTreebank(path: string): TreebankSentence[] {
  const out: TreebankSentence[] = [];
  for (const s of parseConllu(readFileSync(path, 'utf8'))) {
    if (s.words.length === 0) continue;
    const id =
      s.comments
        .find((c) => c.startsWith('sent_id'))
        ?.split('=')[1]
        ?.trim() ?? String(out.length);
    out.push({
      id,
      words: s.words.map((w) => normalizeForm(w.form)),
      upos: s.words.map((w) => w.upos),
      xpos: s.words.map((w) => w.xpos),
      lemma: s.words.map((w) => w.lemma),
      head: s.words.map((w) => w.head - 1),
      deprel: s.words.map((w) => w.deprel),
    });
  }
  return out;
}

export const TRAIN_FILES = ['en_ewt-ud-train.conllu', 'gum-ccby-train.conllu'];
export const DEV_FILES = { ewt: 'en_ewt-ud-dev.conllu', gum: 'gum-ccby-dev.conllu' } as const;

export function readTrain(): TreebankSentence[] {
  return TRAIN_FILES.flatMap((f) => readTreebank(join(udDir(), f)));
}

export function readDev(name: keyof typeof DEV_FILES): TreebankSentence[] {
  return readTreebank(join(udDir(), DEV_FILES[name]));
}

/** Sentence variants a news reader meets: ALL CAPS headlines and Title Case headlines. */
export function recase(words: string[], mode: 'upper' | 'title'): string[] {
  if (mode === 'upper') return words.map((w) => w.toUpperCase());
  const small = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'but', 'by', 'with']);
  return words.map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)));
}
