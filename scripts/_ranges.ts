import { evaluateDoc, TIMEX_CORPORA, type TimexRecord, timesPipeline } from '../eval/components/timex.js';
import { readJsonl, sharedPath } from '../eval/lib.js';
import { overlaps } from '../eval/scorers/spans.js';
const pipeline = timesPipeline();
for (const corpus of TIMEX_CORPORA) {
  for (const r of readJsonl<TimexRecord>(sharedPath(...corpus.file))) {
    const { doc, gold } = evaluateDoc(pipeline, r);
    for (const t of doc.times) if ((t as any).range) {
      const gs = gold.filter((g) => overlaps(g, t)).map((g) => `${r.text.slice(g.start, g.end)}=${g.type}:${g.value}`);
      console.log(corpus.name, JSON.stringify(t.text), t.type, t.value, '|', gs.join(' ; '));
    }
  }
}
