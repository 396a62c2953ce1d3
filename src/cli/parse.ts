// `eventwire parse --conllu FILE`: tag and parse the gold-tokenized sentences of a CoNLL-U
// file and print CoNLL-U with predicted UPOS, XPOS, LEMMA, HEAD and DEPREL; comments,
// multiword-token and empty-node lines and the other columns are copied.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { type ConlluWord, conlluProblem, formatConlluSentence, parseConllu } from '../conllu/conllu.js';
import { EventwireError } from '../errors.js';
import { defaultDataDir } from '../pipeline/pipeline.js';
import { loadSyntaxResources, SyntaxAnalyzer } from '../syntax/index.js';
import { registerCommand } from './main.js';

export interface ParseConlluOptions {
  dataDir?: string;
  out?: Writable;
}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  if (!existsSync(file)) throw new EventwireError('not-found', `${file}: no such file`);
  if (statSync(file).isDirectory()) throw new EventwireError('io', `${file}: is a directory`);
  return readFileSync(file, 'utf8');
}

/** Parse a CoNLL-U file and write the result; returns the number of sentences. */
export async function runParseConllu(file: string, options: ParseConlluOptions = {}): Promise<number> {
  const text = readInput(file);
  const problem = conlluProblem(text);
  if (problem) throw new EventwireError('malformed-conllu', `${file}: ${problem}`);
  const analyzer = new SyntaxAnalyzer(loadSyntaxResources(options.dataDir ?? defaultDataDir()));
  const out = options.out ?? process.stdout;
  let count = 0;
  let buf = '';
  for (const s of parseConllu(text)) {
    count++;
    if (s.words.length === 0) {
      buf += formatConlluSentence(s);
      continue;
    }
    const syn = analyzer.analyze(s.words.map((w) => w.form));
    const words: ConlluWord[] = s.words.map((w, i) => ({
      ...w,
      upos: syn.upos[i],
      xpos: syn.xpos[i],
      lemma: syn.lemma[i],
      head: syn.head[i] + 1,
      deprel: syn.deprel[i],
    }));
    buf += formatConlluSentence(s, words);
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  if (buf) out.write(buf);
  return count;
}

registerCommand((program, setExit) => {
  program
    .command('parse')
    .description('tag and parse gold-tokenized CoNLL-U; print CoNLL-U with predicted UPOS, XPOS, LEMMA, HEAD, DEPREL')
    .requiredOption('--conllu <file>', 'CoNLL-U input ("-" for stdin)')
    .exitOverride()
    .action(async (opts: { conllu: string }) => {
      await runParseConllu(opts.conllu);
      setExit(0);
    });
});
