// Tagger and parser throughput on one core over the UD English EWT dev sentences (gold
// tokenization): sentences/s for tagging alone, parsing alone and both, and model load time.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseConllu } from '../src/conllu/conllu.js';
import { defaultDataDir } from '../src/pipeline/pipeline.js';
import { lower, normalizeForm } from '../src/syntax/01-forms.js';
import { Tagger } from '../src/syntax/04-tagger.js';
import { Parser, parserWordValue } from '../src/syntax/06-parser.js';
import { loadSyntaxResources, SyntaxAnalyzer } from '../src/syntax/index.js';
import { type Bench, peakRssMb, repoDir, table } from './lib.js';

const shared = process.env.EVENTWIRE_SHARED ?? join(repoDir, '..', 'shared');

function sentences(): string[][] {
  const path = join(shared, 'data/ud-english/en_ewt-ud-dev.conllu');
  if (!existsSync(path)) {
    // without the treebank: sentences of the bundled samples, split on spaces
    const text = readFileSync(join(repoDir, 'samples/articles.jsonl'), 'utf8');
    return text
      .split(/(?<=[.!?])\s+/)
      .map((s) => s.split(/\s+/).filter(Boolean))
      .filter((s) => s.length > 0);
  }
  return [...parseConllu(readFileSync(path, 'utf8'))].map((s) => s.words.map((w) => w.form));
}

/** Rate per wall-clock second and per CPU second of this process (the fair figure on a busy machine). */
function timeLoop(seconds: number, body: () => number): { perSecond: number; perCpuSecond: number } {
  body(); // warm up
  let units = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) units += body();
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: units / ((performance.now() - start) / 1000),
    perCpuSecond: units / ((cpu.user + cpu.system) / 1e6),
  };
}

const rate = (r: { perSecond: number; perCpuSecond: number }, unit: string) =>
  `${r.perCpuSecond.toFixed(0)} ${unit}/CPU-s (${r.perSecond.toFixed(0)} per wall-clock s)`;

export const parserBench: Bench = {
  name: 'parser',
  title: 'tagger + parser, one core (EWT dev, gold tokens)',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 5;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = loadSyntaxResources(defaultDataDir());
    const loadMs = performance.now() - t0;
    const lc = process.cpuUsage(c0);
    const loadCpuMs = (lc.user + lc.system) / 1000;
    const sents = sentences();
    const words = sents.map((s) => s.map(normalizeForm));
    const tokens = sents.reduce((a, s) => a + s.length, 0);
    const tagger = new Tagger(res.tagger, res.lexicon);
    const parser = new Parser(res.parser);
    const tags = words.map((w) => tagger.tag(w));
    const values = words.map((w) => w.map((x) => parserWordValue(lower(x), res.tagger.dict.frequent)));
    const tag = timeLoop(seconds, () => {
      for (const w of words) tagger.tag(w);
      return words.length;
    });
    const parse = timeLoop(seconds, () => {
      for (let i = 0; i < words.length; i++) parser.parse(values[i], tags[i]);
      return words.length;
    });
    // the two models in turn per sentence, without lemmas and output arrays: against the sum of
    // the two lines above, the cost of running them together; against the next, of the rest
    const tagBuf = new Int32Array(words.reduce((m, w) => Math.max(m, w.length), 1));
    const inTurn = timeLoop(seconds, () => {
      for (let i = 0; i < words.length; i++) {
        const t = tagger.tag(words[i], tagBuf);
        parser.parseSpan(values[i], t, 0, values[i].length);
      }
      return words.length;
    });
    const analyzer = new SyntaxAnalyzer(res);
    const both = timeLoop(seconds, () => {
      for (const s of sents) analyzer.analyze(s);
      return sents.length;
    });
    const perTok = (tokens / sents.length).toFixed(1);
    return table([
      ['corpus', `${sents.length} sentences, ${tokens} tokens (${perTok} per sentence)`],
      ['model load', `${loadMs.toFixed(0)} ms wall-clock, ${loadCpuMs.toFixed(0)} CPU-ms (lexicon, tagger, parser)`],
      ['tagger', rate(tag, 'sentences')],
      ['parser', rate(parse, 'sentences')],
      ['tag, then parse', rate(inTurn, 'sentences')],
      ['tag+lemma+parse', rate(both, 'sentences')],
      ['  tokens', `${((both.perCpuSecond * tokens) / sents.length).toFixed(0)} tokens/CPU-s`],
      [
        'load average',
        loadavg()
          .map((x) => x.toFixed(1))
          .join(' '),
      ],
      ['peak RSS', `${peakRssMb().toFixed(0)} MB`],
    ]);
  },
};
