import { readFileSync } from 'node:fs';
import { parseConllu } from '/work/ew-syntax/src/conllu/conllu.js';
import { lower, normalizeForm } from '/work/ew-syntax/src/syntax/01-forms.js';
import { Tagger } from '/work/ew-syntax/src/syntax/04-tagger.js';
import { Parser, parserWordValue } from '/work/ew-syntax/src/syntax/06-parser.js';
import { loadSyntaxResources } from '/work/ew-syntax/src/syntax/index.js';
const res = loadSyntaxResources('/work/ew-syntax/data');
const sents = [...parseConllu(readFileSync('/work/shared/data/ud-english/en_ewt-ud-dev.conllu', 'utf8'))].map((s) => s.words.map((w) => normalizeForm(w.form)));
const tagger = new Tagger(res.tagger, res.lexicon); const parser = new Parser(res.parser);
const tags = sents.map((w) => tagger.tag(w)); const values = sents.map((w) => w.map((x) => parserWordValue(lower(x))));
const mode = process.argv[2];
let t = performance.now();
for (let r = 0; r < 5; r++) { if (mode === 'tag') for (const w of sents) tagger.tag(w); else for (let i = 0; i < sents.length; i++) parser.parse(values[i], tags[i]); }
console.log(mode, (5 * sents.length / ((performance.now() - t) / 1000)).toFixed(0), 'sent/s');
