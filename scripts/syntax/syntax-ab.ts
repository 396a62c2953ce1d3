// Speed of two versions of the syntax code in one process, in turn (fair on a busy machine):
// this checkout against another checkout BASE (e.g. `git worktree add /tmp/base <commit>`),
// alternating short bursts of tag+lemma+parse over EWT dev; prints sentences per CPU-second.
//   npx tsx scripts/syntax/syntax-ab.ts /tmp/base [rounds=8] [burst ms=700]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConllu } from '../../src/conllu/conllu.js';
import * as current from '../../src/syntax/index.js';

interface Analyzer {
  analyze(forms: readonly string[]): unknown;
}
type SyntaxModule = typeof current;

const baseDir = resolve(process.argv[2] ?? '');
const rounds = Number(process.argv[3] ?? 8);
const burstMs = Number(process.argv[4] ?? 700);
const repo = resolve(import.meta.dirname, '..', '..');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const sents = [...parseConllu(readFileSync(join(shared, 'data/ud-english/en_ewt-ud-dev.conllu'), 'utf8'))].map((s) =>
  s.words.map((w) => w.form),
);
const base = (await import(join(baseDir, 'src/syntax/index.ts'))) as SyntaxModule;
const A: Analyzer = new base.SyntaxAnalyzer(base.loadSyntaxResources(join(baseDir, 'data')));
const B: Analyzer = new current.SyntaxAnalyzer(current.loadSyntaxResources(join(repo, 'data')));

function burst(a: Analyzer): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < burstMs) {
    for (const s of sents) a.analyze(s);
    k += sents.length;
  }
  const c = process.cpuUsage(c0);
  return k / ((c.user + c.system) / 1e6);
}

burst(A);
burst(B);
const ra: number[] = [];
const rb: number[] = [];
for (let r = 0; r < rounds; r++) {
  ra.push(burst(A));
  rb.push(burst(B));
}
const median = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
console.log(`base    ${ra.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`current ${rb.map((x) => x.toFixed(0)).join(' ')}`);
console.log(
  `median sentences/CPU-s: base ${median(ra).toFixed(0)}, current ${median(rb).toFixed(0)} (${(median(rb) / median(ra)).toFixed(2)}x)`,
);
// each round's two bursts ran back to back, under about the same load: their ratio drifts less
console.log(`median of the rounds' ratios: ${median(rb.map((b, i) => b / ra[i])).toFixed(3)}x`);
