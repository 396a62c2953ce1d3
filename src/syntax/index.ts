// The syntax stage: part-of-speech tags (UPOS and Penn XPOS), lemmas and a UD v2 dependency
// parse for every token, from models trained on UD English (EWT + GUM). Steps: 01 forms and
// feature hashing, 02 linear models, 03 lexicon (lemmas), 04 tagger, 05 model files,
// 06 parser, 07 one sentence end to end; tree.ts reads the parse for later stages.
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Token } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { loadSyntaxResources, type SentenceSyntax, SyntaxAnalyzer } from './07-analyze.js';

export { loadSyntaxResources, type SentenceSyntax, SyntaxAnalyzer, type SyntaxResources } from './07-analyze.js';
export * from './tree.js';

/** Tag, lemmatize and parse `tokens` (grouped into sentences by `token.sentence`); returns new tokens. */
export function parseTokens(
  tokens: readonly Token[],
  analyzer: SyntaxAnalyzer,
  onSentence?: (first: number, syntax: SentenceSyntax) => void,
): Token[] {
  const out: Token[] = new Array(tokens.length);
  let a = 0;
  while (a < tokens.length) {
    let b = a + 1;
    while (b < tokens.length && tokens[b].sentence === tokens[a].sentence) b++;
    const forms: string[] = [];
    for (let i = a; i < b; i++) forms.push(tokens[i].norm ?? tokens[i].text);
    const syn = analyzer.analyze(forms);
    for (let i = a; i < b; i++) {
      const k = i - a;
      const t = tokens[i];
      // one literal with the fields in a fixed order (norm undefined when absent, which JSON
      // leaves out): every token of every document gets the same object shape, so later stages
      // read tokens through monomorphic property access (a spread copy gave each document's
      // tokens a shape of their own)
      const o: Token = {
        start: t.start,
        end: t.end,
        text: t.text,
        sentence: t.sentence,
        spaceAfter: t.spaceAfter,
        norm: t.norm,
        pos: syn.upos[k],
        tag: syn.xpos[k],
        lemma: syn.lemma[k],
        head: syn.head[k] < 0 ? -1 : a + syn.head[k],
        dep: syn.deprel[k],
      };
      out[i] = o;
    }
    onSentence?.(a, syn);
    a = b;
  }
  return out;
}

function describe(tokens: readonly Token[], first: number, syn: SentenceSyntax): string {
  const root = syn.head.indexOf(-1);
  if (root < 0) return 'no parse';
  const parts: string[] = [];
  for (let i = 0; i < syn.head.length; i++)
    if (syn.head[i] === root && syn.deprel[i] !== 'punct') parts.push(`${syn.deprel[i]}=${tokens[first + i].text}`);
  return `root "${tokens[first + root].text}" (${syn.upos[root]}, lemma ${syn.lemma[root]}): ${parts.join(', ')}`;
}

export const syntaxStage = defineStage<SyntaxAnalyzer>({
  name: 'syntax',
  needs: ['tokens', 'sentences'],
  adds: ['syntax'],
  load: (ctx) => new SyntaxAnalyzer(loadSyntaxResources(ctx.dataDir)),
  run(doc: Doc, analyzer, ctx): Doc {
    const notes: ExplainNote[] = [];
    const tokens = parseTokens(
      doc.tokens,
      analyzer,
      ctx.explain
        ? (first, syn) =>
            notes.push({
              sentence: doc.tokens[first].sentence,
              stage: 'syntax',
              message: describe(doc.tokens, first, syn),
            })
        : undefined,
    );
    return withExplain(withLayers(doc, ['syntax'], { tokens }), notes);
  },
});
