// Event coding cost: the full pipeline with and without the events stage over the same corpus
// (Wikinews demo + reference article), the share of pipeline time the stage adds, events per
// article, and the time of one sentence naming 40 countries.

import { Pipeline } from '../src/pipeline/pipeline.js';
import { PRESETS } from '../src/pipeline/presets.js';
import { type Bench, table } from './lib.js';
import { benchCorpus } from './pipeline.js';

export const eventsBench: Bench = {
  name: 'events',
  title: 'event coding: share of pipeline time, events per article, worst-case sentence',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 6;
    const full = PRESETS.full();
    const without = new Pipeline(full.filter((s) => s.name !== 'events'));
    const withEvents = new Pipeline(full);
    const docs = benchCorpus();
    for (const d of docs) withEvents.run(d); // warm up
    const stageMs: Record<string, number> = {};
    let articles = 0;
    let events = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      for (const d of docs) {
        const doc = withEvents.runTimed(d, stageMs);
        events += doc.events.length;
        articles++;
      }
    }
    const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
    const eventsMs = stageMs.events ?? 0;
    const rest = total - eventsMs;
    // the same corpus through the pipeline without the stage, for a direct comparison
    const t0 = performance.now();
    let n0 = 0;
    while (performance.now() - t0 < (seconds * 1000) / 2) {
      for (const d of docs) without.run(d);
      n0 += docs.length;
    }
    const withoutMs = (performance.now() - t0) / n0;
    const names = Array.from(
      { length: 40 },
      (_, i) => ['France', 'Japan', 'Kenya', 'Peru', 'Chile', 'India', 'Egypt', 'Spain'][i % 8],
    );
    const worst = `${names.join(', ')} and Brazil met in Geneva.`;
    const w0 = performance.now();
    const wdoc = withEvents.run({ text: worst, date: '2007-09-06' });
    const worstMs = performance.now() - w0;
    return table([
      ['corpus', `${docs.length} articles, ${articles} coded`],
      ['events stage', `${((1000 * eventsMs) / articles).toFixed(0)} µs/article`],
      ['rest of pipeline', `${((1000 * rest) / articles).toFixed(0)} µs/article`],
      ['added by events', `${((100 * eventsMs) / Math.max(1, rest)).toFixed(1)}% of the pipeline without it`],
      ['pipeline without events', `${(1000 * withoutMs).toFixed(0)} µs/article (separate run)`],
      ['events per article', (events / Math.max(1, articles)).toFixed(1)],
      ['40-country sentence', `${worstMs.toFixed(1)} ms whole pipeline, ${wdoc.events.length} events`],
    ]);
  },
};
