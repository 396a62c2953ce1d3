// Gazetteer load time (must stay <= 1 s) and lookup speed, and the places stage per article.
import { join } from 'node:path';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { Gazetteer } from '../src/places/gazetteer.js';
import { placesStage } from '../src/places/index.js';
import { textStage } from '../src/text/index.js';
import { type Bench, peakRssMb, repoDir, table } from './lib.js';
import { benchCorpus } from './pipeline.js';

export const gazetteerBench: Bench = {
  name: 'gazetteer',
  title: 'gazetteer load and lookup, places stage per article',
  async run() {
    const path = join(repoDir, 'data/places/gazetteer.bin');
    const loads: number[] = [];
    let gaz: Gazetteer | null = null;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      gaz = Gazetteer.load(path);
      loads.push(performance.now() - t0);
    }
    const g = gaz!;
    const names = ['Ulan Bator', 'Sydney', 'Washington', 'Texas', 'U.S.', 'Springfield', 'Nowhere Town', 'Edmonton'];
    const n = 1_000_000;
    let hits = 0;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) hits += g.lookup(names[i % names.length]).length;
    const lookupNs = ((performance.now() - t1) * 1e6) / n;
    const pipeline = new Pipeline([textStage, placesStage]);
    const docs = benchCorpus();
    for (const d of docs) pipeline.run(d);
    const stageMs: Record<string, number> = {};
    let articles = 0;
    const start = performance.now();
    while (performance.now() - start < 5000)
      for (const d of docs) {
        pipeline.runTimed(d, stageMs);
        articles++;
      }
    return table([
      ['features', `${g.size} (${g.countries.length} countries, ${g.admin1.length} first-level divisions)`],
      ['load (best / worst of 5)', `${Math.min(...loads).toFixed(0)} ms / ${Math.max(...loads).toFixed(0)} ms`],
      ['lookup', `${lookupNs.toFixed(0)} ns per name (${hits} candidates seen)`],
      ['places stage', `${((1000 * stageMs.places) / articles).toFixed(0)} µs/article over ${docs.length} articles`],
      ['text stage (for scale)', `${((1000 * stageMs.text) / articles).toFixed(0)} µs/article`],
      ['peak RSS', `${peakRssMb().toFixed(0)} MB`],
    ]);
  },
};
