// The actors stage: knowledge-base load time, cost per article and sentence next to the text
// stage (and the syntax/entities stages when present in the pipeline), and how the cost grows
// with document length (5,000-sentence documents, documents full of capitalised words).
import { join } from 'node:path';
import { compileActorKb, isCompiledFresh, loadActorKb } from '../src/actors/01-kb.js';
import { findActors, loadActorResources } from '../src/actors/index.js';
import { createDoc, type Doc } from '../src/doc/doc.js';
import { defaultDataDir } from '../src/pipeline/pipeline.js';
import { createPipeline } from '../src/pipeline/presets.js';
import { type Bench, table } from './lib.js';
import { benchCorpus } from './pipeline.js';

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return c.user / 1000;
};

export const actorsBench: Bench = {
  name: 'actors',
  title: 'actors stage: load, cost next to the text stage, growth with length',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 5;
    const dir = join(defaultDataDir(), 'actors');
    const rows: Array<[string, string]> = [];
    // load: the compiled form (npm run build) and the TSV sources
    const fresh = isCompiledFresh(dir);
    loadActorKb(dir);
    const loads = [0, 1, 2].map(() => cpuMs(() => loadActorKb(dir)));
    rows.push([
      fresh ? 'KB load (compiled.json)' : 'KB load (compiled.json stale or missing: npm run build)',
      `${Math.min(...loads).toFixed(0)} ms CPU (best of 3)`,
    ]);
    rows.push(['KB compile from TSV', `${cpuMs(() => compileActorKb(dir)).toFixed(0)} ms CPU`]);

    const pipeline = createPipeline('full');
    const docs = benchCorpus();
    for (const d of docs) pipeline.run(d);
    const wallMs: Record<string, number> = {};
    // CPU time of each stage: on a loaded machine wall time mostly measures waiting for a core
    const stageMs: Record<string, number> = {};
    let articles = 0;
    let sentences = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000)
      for (const d of docs) {
        const doc = pipeline.runTimed(d, wallMs, stageMs);
        articles++;
        sentences += doc.sentences.length;
      }
    // the stages the actors stage runs after (text, syntax, entities when present)
    const order = pipeline.stages;
    const before = Object.entries(stageMs).filter(([k]) => order.indexOf(k) < order.indexOf('actors'));
    const baseMs = before.reduce((a, [, v]) => a + v, 0);
    rows.push(['corpus', `${docs.length} articles, ${articles} runs, ${sentences} sentences`]);
    for (const [k, v] of Object.entries(stageMs))
      rows.push([
        `  stage ${k}`,
        `${((1000 * v) / articles).toFixed(0)} µs/article, ${((1000 * v) / sentences).toFixed(1)} µs/sentence (CPU)`,
      ]);
    rows.push([
      'actors / earlier stages',
      `${((100 * (stageMs.actors ?? 0)) / baseMs).toFixed(1)}% of ${before.map(([k]) => k).join('+')} time`,
    ]);

    // growth with length: the same sentences repeated into longer documents (the actors stage
    // alone, on documents the text stage has read once)
    const pool = docs.flatMap((d) => d.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
    const textStages = createPipeline('text');
    const res = loadActorResources(defaultDataDir());
    const perSentence = (text: string, date: string | null): [number, number, number] => {
      const doc: Doc = textStages.run(createDoc({ text, date }));
      findActors(doc, res);
      const reps = Math.max(1, Math.round(5000 / Math.max(1, doc.sentences.length)));
      let n = 0;
      const ms = cpuMs(() => {
        for (let r = 0; r < reps; r++) n = findActors(doc, res).length;
      });
      return [(1000 * ms) / reps / Math.max(1, doc.sentences.length), (1000 * ms) / reps / doc.tokens.length, n];
    };
    for (const n of [50, 500, 5000]) {
      const [us, , actors] = perSentence(
        Array.from({ length: n }, (_, i) => pool[i % pool.length]).join(' '),
        '2012-03-01',
      );
      rows.push([`  ${n} sentences`, `${us.toFixed(1)} µs/sentence (actors stage), ${actors} actors`]);
    }
    const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
    for (const n of [2000, 20000]) {
      const caps = Array.from({ length: n }, (_, i) => words[(i * 5) % words.length]).join(' ');
      const [, perToken] = perSentence(caps, null);
      rows.push([`  ${n} capitalised words`, `${perToken.toFixed(2)} µs/token (actors stage)`]);
    }
    return table(rows);
  },
};
