// Identity check for speed work: tag, lemmatize and parse the dev files (and an ALL CAPS copy
// of EWT dev) and print a digest of every UPOS, XPOS, lemma, head and relation. A change that
// should not alter predictions must leave the digest unchanged; `--dump FILE` writes the
// outputs line by line (for diffing), `--time S` also times the analyzer for S seconds.
// `--expect HASH` exits with status 1 when the digest differs (data/models/README.md gives
// the digest of the committed models).
//   npx tsx scripts/syntax/syntax-digest.ts [--dump FILE] [--time 5] [--expect HASH]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConllu } from '../../src/conllu/conllu.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadSyntaxResources, SyntaxAnalyzer } from '../../src/syntax/index.js';

const shared = process.env.EVENTWIRE_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const files = ['en_ewt-ud-dev.conllu', 'gum-ccby-dev.conllu'];
const sents: string[][] = [];
for (const f of files) {
  const text = readFileSync(join(shared, 'data/ud-english', f), 'utf8');
  for (const s of parseConllu(text)) sents.push(s.words.map((w) => w.form));
}
const nText = sents.length;
for (let i = 0; i < nText; i++) if (i % 2 === 0) sents.push(sents[i].map((w) => w.toUpperCase()));
// robustness: one long sentence built from many
sents.push(sents.slice(0, 40).flat());

const analyzer = new SyntaxAnalyzer(loadSyntaxResources(defaultDataDir()));
const hash = createHash('sha256');
const lines: string[] = [];
for (const s of sents) {
  const r = analyzer.analyze(s);
  for (let i = 0; i < s.length; i++) {
    const line = `${s[i]}\t${r.upos[i]}\t${r.xpos[i]}\t${r.lemma[i]}\t${r.head[i]}\t${r.deprel[i]}`;
    hash.update(line);
    hash.update('\n');
    if (opt('--dump')) lines.push(line);
  }
  hash.update('\n');
  if (opt('--dump')) lines.push('');
}
const digest = hash.digest('hex');
console.log(`${sents.length} sentences, digest ${digest}`);
const expect = opt('--expect');
if (expect && expect !== digest) {
  console.error(`digest differs from ${expect}: predictions changed`);
  process.exitCode = 1;
}
const dump = opt('--dump');
if (dump) writeFileSync(dump, `${lines.join('\n')}\n`);

const seconds = Number(opt('--time') ?? 0);
if (seconds > 0) {
  const dev = sents.slice(0, 2001);
  // one-second bursts: the mean, and the best burst (the least disturbed by other processes)
  let n = 0;
  let cpu = 0;
  let best = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const c0 = process.cpuUsage();
    const b0 = performance.now();
    let k = 0;
    while (performance.now() - b0 < 1000) {
      for (const s of dev) analyzer.analyze(s);
      k += dev.length;
    }
    const c = process.cpuUsage(c0);
    const us = c.user + c.system;
    best = Math.max(best, k / (us / 1e6));
    n += k;
    cpu += us;
  }
  const c = { user: cpu, system: 0 };
  console.log(`best one-second burst: ${best.toFixed(0)} sentences/CPU-s`);
  console.log(`tag+lemma+parse: ${(n / ((c.user + c.system) / 1e6)).toFixed(0)} sentences/CPU-s`);
}
