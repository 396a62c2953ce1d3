// The quotes stage: its cost per article next to the whole pipeline, and how it grows with
// quote-heavy and hostile inputs (long quotes, thousands of stray quotation marks, long
// documents of reported speech). Inputs to the quotes stage are prepared once (the stages
// before it), so only the quotes stage is timed in the growth rows.
import { createDoc, type Doc } from '../src/doc/doc.js';
import { defaultDataDir } from '../src/pipeline/pipeline.js';
import { createPipeline } from '../src/pipeline/presets.js';
import { findQuotes, loadQuotesResources } from '../src/quotes/index.js';
import { type Bench, table } from './lib.js';
import { benchCorpus } from './pipeline.js';

export const quotesBench: Bench = {
  name: 'quotes',
  title: 'quotes stage: cost per article next to the pipeline, growth with quote-heavy input',
  async run(args) {
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 5;
    const rows: Array<[string, string]> = [];
    const t0 = performance.now();
    const res = loadQuotesResources(defaultDataDir());
    rows.push(['lexicon load', `${(performance.now() - t0).toFixed(1)} ms`]);

    const pipeline = createPipeline('full');
    const docs = benchCorpus();
    for (const d of docs) pipeline.run(d);
    const stageMs: Record<string, number> = {};
    let articles = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000)
      for (const d of docs) {
        pipeline.runTimed(d, stageMs);
        articles++;
      }
    const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
    rows.push(['articles', String(articles)]);
    rows.push(['quotes stage per article', `${((stageMs.quotes ?? 0) / articles).toFixed(3)} ms`]);
    rows.push(['full pipeline per article', `${(total / articles).toFixed(2)} ms`]);
    rows.push(['quotes share of the pipeline', `${((100 * (stageMs.quotes ?? 0)) / total).toFixed(1)} %`]);

    // growth: the stage alone on prepared documents of growing size
    const before = createPipeline('full');
    const prepare = (text: string): Doc => {
      let doc = createDoc({ id: 'g', text, date: '2016-09-08' });
      doc = before.run(doc);
      return { ...doc, quotes: [] };
    };
    const unit =
      '"We will keep talking," the minister said in Tokyo. Officials said the talks would resume, ' +
      'according to the agency. "It is hard," she told Reuters, "but we have time."\n';
    for (const n of [10, 100, 400]) {
      const doc = prepare(unit.repeat(n));
      const t = performance.now();
      const q = findQuotes(doc, res);
      const ms = performance.now() - t;
      rows.push([
        `${n} paragraphs of reported speech (${doc.tokens.length} tokens, ${q.length} quotes)`,
        `${ms.toFixed(1)} ms`,
      ]);
    }
    const long = prepare(`"${'we will not give up on this. '.repeat(340)}" he said.`);
    let t = performance.now();
    findQuotes(long, res);
    rows.push([`one quote of ${long.text.length} characters`, `${(performance.now() - t).toFixed(1)} ms`]);
    const stray = prepare('He said " it ” was ‘ odd « and “ more. '.repeat(500));
    t = performance.now();
    findQuotes(stray, res);
    rows.push([`${stray.text.length} characters of stray quotation marks`, `${(performance.now() - t).toFixed(1)} ms`]);
    return table(rows);
  },
};
