// Whole-pipeline throughput on one core: articles/s and sentences/s over the Wikinews demo
// corpus and the reference article, per-stage time, pipeline load time, CLI start-up time
// and peak RSS.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentInput } from '../src/doc/types.js';
import { createPipeline } from '../src/pipeline/presets.js';
import { type Bench, peakRssMb, repoDir, table } from './lib.js';

const shared = process.env.EVENTWIRE_SHARED ?? join(repoDir, '..', 'shared');

export function benchCorpus(): DocumentInput[] {
  const docs: DocumentInput[] = [];
  const wiki = join(shared, 'data/wikinews_demo/articles.jsonl');
  if (existsSync(wiki))
    for (const line of readFileSync(wiki, 'utf8').split('\n'))
      if (line.trim()) {
        const r = JSON.parse(line) as DocumentInput;
        docs.push({ id: r.id, text: r.text, date: r.date, title: r.title });
      }
  const ref = join(shared, 'examples/japan-north-korea-talks.txt');
  if (existsSync(ref)) docs.push({ id: 'reference', text: readFileSync(ref, 'utf8'), date: '2007-09-06' });
  if (docs.length === 0) {
    for (const f of ['samples/articles.jsonl'])
      for (const line of readFileSync(join(repoDir, f), 'utf8').split('\n'))
        if (line.trim()) docs.push(JSON.parse(line) as DocumentInput);
  }
  return docs;
}

export const pipelineBench: Bench = {
  name: 'pipeline',
  title: 'whole pipeline, one core',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 10;
    const t0 = performance.now();
    const pipeline = createPipeline('full');
    const loadMs = performance.now() - t0;
    const docs = benchCorpus();
    // warm up
    for (const d of docs) pipeline.run(d);
    const stageMs: Record<string, number> = {};
    const stageCpu: Record<string, number> = {};
    let articles = 0;
    let sentences = 0;
    let tokens = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      for (const d of docs) {
        const doc = pipeline.runTimed(d, stageMs, stageCpu);
        articles++;
        sentences += doc.sentences.length;
        tokens += doc.tokens.length;
      }
    }
    const elapsed = (performance.now() - start) / 1000;
    // CLI start-up: a one-line document through the built command
    let startup = 'n/a (run npm run build)';
    const bin = join(repoDir, 'bin/eventwire.js');
    if (existsSync(join(repoDir, 'dist/cli/main.js'))) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        execFileSync(process.execPath, [bin, 'code', '--date', '2007-09-06'], {
          input: 'Japan and North Korea met on Thursday.',
        });
        runs.push(performance.now() - s);
      }
      startup = `${Math.min(...runs).toFixed(0)} ms (best of 3, includes model loading)`;
    }
    const totalStage = Object.values(stageMs).reduce((a, b) => a + b, 0);
    const rows: Array<[string, string]> = [
      ['corpus', `${docs.length} articles (Wikinews demo + reference), ${elapsed.toFixed(1)} s`],
      ['articles/s', (articles / elapsed).toFixed(1)],
      ['sentences/s', (sentences / elapsed).toFixed(0)],
      ['tokens/s', (tokens / elapsed).toFixed(0)],
      [
        'pipeline load',
        `${loadMs.toFixed(0)} ms (${Object.entries(pipeline.loadTimes)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')})`,
      ],
      ['CLI start-up', startup],
      ['peak RSS', `${peakRssMb().toFixed(0)} MB`],
    ];
    for (const [k, v] of Object.entries(stageMs))
      rows.push([
        `  stage ${k}`,
        `${((100 * v) / totalStage).toFixed(1)}% (${((1000 * v) / articles).toFixed(1)} µs/article wall, ${((1000 * (stageCpu[k] ?? 0)) / articles).toFixed(1)} µs/article CPU)`,
      ]);
    // the budget of entities + actors (with coreference): a share of text + syntax, CPU time
    const sum = (names: string[]) => names.reduce((a, k) => a + (stageCpu[k] ?? 0), 0);
    const base = sum(['text', 'syntax']);
    if (base > 0 && stageCpu.entities !== undefined)
      rows.push([
        'entities+actors / text+syntax',
        `${((100 * sum(['entities', 'actors'])) / base).toFixed(1)}% CPU (entities ${((100 * sum(['entities'])) / base).toFixed(1)}%, actors ${((100 * sum(['actors'])) / base).toFixed(1)}%; of text alone ${((100 * sum(['entities', 'actors'])) / sum(['text'])).toFixed(0)}%)`,
      ]);
    return table(rows);
  },
};
