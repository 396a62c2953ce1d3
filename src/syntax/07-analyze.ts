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

/** Reusable analyzer (buffers are shared between calls; not re-entrant). */
export class SyntaxAnalyzer {
  readonly res: SyntaxResources;
  private readonly tagger: Tagger;
  private readonly parser: Parser;

  constructor(res: SyntaxResources) {
    this.res = res;
    this.tagger = new Tagger(res.tagger, res.lexicon);
    this.parser = new Parser(res.parser);
  }

  /** Analyze one sentence given its surface forms (as written, or the tokenizer's `norm`). */
  analyze(forms: readonly string[]): SentenceSyntax {
    const n = forms.length;
    const out: SentenceSyntax = { upos: [], xpos: [], lemma: [], head: [], deprel: [] };
    if (n === 0) return out;
    const words = forms.map((f) => normalizeForm(f.length > 100 ? f.slice(0, 100) : f));
    const tags = this.tagger.tag(words);
    const { tagger, lexicon, parser } = this.res;
    for (let i = 0; i < n; i++) {
      const u = tagger.upos[tags[i]];
      const x = tagger.xpos[tags[i]];
      out.upos.push(u);
      out.xpos.push(x);
      // punctuation keeps its own form as lemma (UD); words use the normalized form
      out.lemma.push(u === 'PUNCT' || u === 'SYM' ? forms[i] : lexicon.lemma(words[i], u, x));
    }
    const vocabulary = tagger.dict.frequent;
    const values = words.map((w) => parserWordValue(lower(w), vocabulary));
    // long sentences: parse consecutive chunks; each chunk's root attaches to the first chunk's root
    let firstRoot = -1;
    for (let start = 0; start < n; start += MAX_PARSE_LENGTH) {
      const end = Math.min(n, start + MAX_PARSE_LENGTH);
      const r = this.parser.parse(values.slice(start, end), tags.subarray(start, end));
      for (let i = 0; i < end - start; i++) {
        let h = r.head[i] < 0 ? -1 : r.head[i] + start;
        let l = parser.labels[r.label[i]];
        if (h < 0) {
          if (firstRoot < 0) firstRoot = start + i;
          else {
            h = firstRoot;
            l = 'parataxis';
          }
        }
        out.head.push(h);
        out.deprel.push(l);
      }
    }
    return out;
  }
}
