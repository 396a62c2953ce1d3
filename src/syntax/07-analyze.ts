// Tagging, lemmatizing and parsing one sentence of words: the piece the pipeline stage and
// `eventwire parse` share.
import { lower, normalizeForm } from './01-forms.js';
import type { Lexicon } from './03-lexicon.js';
import { Tagger, type TaggerModel } from './04-tagger.js';
import { loadLexicon, loadParserModel, loadTaggerModel } from './05-models.js';
import { Parser, type ParserModel, parserWordValue } from './06-parser.js';

export interface SyntaxResources {
  lexicon: Lexicon;
  tagger: TaggerModel;
  parser: ParserModel;
}

export function loadSyntaxResources(dataDir: string): SyntaxResources {
  return { lexicon: loadLexicon(dataDir), tagger: loadTaggerModel(dataDir), parser: loadParserModel(dataDir) };
}

/** The syntax of one sentence: per word UPOS, XPOS, lemma, 0-based head (-1 root), relation. */
export interface SentenceSyntax {
  upos: string[];
  xpos: string[];
  lemma: string[];
  head: number[];
  deprel: string[];
}

/** Sentences longer than this are parsed in chunks (keeps the work linear and bounded). */
export const MAX_PARSE_LENGTH = 250;

const LEMMA_CACHE_SIZE = 50000;

/** Reusable analyzer (buffers are shared between calls; not re-entrant). */
export class SyntaxAnalyzer {
  readonly res: SyntaxResources;
  private readonly tagger: Tagger;
  private readonly parser: Parser;
  /** Lemma per normalized word and tag class, for words longer than the tagger's word entries. */
  private readonly lemmas = new Map<string, string[]>();

  constructor(res: SyntaxResources) {
    this.res = res;
    this.tagger = new Tagger(res.tagger, res.lexicon);
    this.parser = new Parser(res.parser);
  }

  /** Buffers reused between calls: normalized words, tag classes, parser word values. */
  private readonly words: string[] = [];
  private tags = new Int32Array(64);
  private values = new Uint32Array(64);

  /** Analyze one sentence given its surface forms (as written, or the tokenizer's `norm`). */
  analyze(forms: readonly string[]): SentenceSyntax {
    const n = forms.length;
    const out: SentenceSyntax = {
      upos: new Array<string>(n),
      xpos: new Array<string>(n),
      lemma: new Array<string>(n),
      head: new Array<number>(n),
      deprel: new Array<string>(n),
    };
    if (n === 0) return out;
    if (this.tags.length < n) {
      this.tags = new Int32Array(n * 2);
      this.values = new Uint32Array(n * 2);
    }
    const words = this.words;
    words.length = n;
    for (let i = 0; i < n; i++) {
      const f = forms[i];
      words[i] = normalizeForm(f.length > 100 ? f.slice(0, 100) : f);
    }
    const tags = this.tagger.tag(words, this.tags);
    const { tagger, lexicon, parser } = this.res;
    const lemmas = this.lemmas;
    const features = this.tagger.features;
    const entries = features.entries;
    const { upos, xpos, lemma, head, deprel } = out;
    for (let i = 0; i < n; i++) {
      const c = tags[i];
      const u = tagger.upos[c];
      upos[i] = u;
      xpos[i] = tagger.xpos[c];
      // punctuation keeps its own form as lemma (UD); words use the normalized form
      if (u === 'PUNCT' || u === 'SYM') {
        lemma[i] = forms[i];
        continue;
      }
      const w = words[i];
      // the tagger's entry of the word holds its lemmas (a form of more than 60 characters
      // shares the entry of its first 60, so it keeps its own)
      let byClass = w.length <= 60 ? entries[i].lemmas : lemmas.get(w);
      if (byClass === undefined) {
        byClass = [];
        if (w.length <= 60) entries[i].lemmas = byClass;
        else {
          if (lemmas.size >= LEMMA_CACHE_SIZE) lemmas.clear();
          lemmas.set(w, byClass);
        }
      }
      let l = byClass[c];
      if (l === undefined) l = byClass[c] = lexicon.lemma(w, u, tagger.xpos[c]);
      lemma[i] = l;
    }
    const vocabulary = tagger.dict.frequent;
    const known = features.parserWords;
    const values = this.values;
    // the tagger's word cache holds the parser value of words up to 60 characters
    for (let i = 0; i < n; i++)
      values[i] = words[i].length <= 60 ? known[i] : parserWordValue(lower(words[i]), vocabulary);
    // long sentences: parse consecutive chunks; each chunk's root attaches to the first chunk's root
    let firstRoot = -1;
    const labels = parser.labels;
    for (let start = 0; start < n; start += MAX_PARSE_LENGTH) {
      const end = Math.min(n, start + MAX_PARSE_LENGTH);
      const r = this.parser.parseSpan(values, tags, start, end);
      const rh = r.head;
      const rl = r.label;
      for (let i = 0; i < end - start; i++) {
        let h = rh[i] < 0 ? -1 : rh[i] + start;
        let l = labels[rl[i]];
        if (h < 0) {
          if (firstRoot < 0) firstRoot = start + i;
          else {
            h = firstRoot;
            l = 'parataxis';
          }
        }
        head[start + i] = h;
        deprel[start + i] = l;
      }
    }
    return out;
  }
}
