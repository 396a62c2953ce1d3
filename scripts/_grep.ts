import { evaluateDoc, TIMEX_CORPORA, type TimexRecord, timesPipeline } from '../eval/components/timex.js';
import { readJsonl, sharedPath } from '../eval/lib.js';
import { overlaps } from '../eval/scorers/spans.js';
import { canonicalValue } from '../eval/scorers/timex.js';
const re = new RegExp(process.argv[2], 'i');
const pipeline = timesPipeline();
for (const corpus of TIMEX_CORPORA) {
  for (const r of readJsonl<TimexRecord>(sharedPath(...corpus.file))) {
    const { gold, pred } = evaluateDoc(pipeline, r);
    for (const g of gold) {
      const gt = r.text.slice(g.start, g.end);
      const p = pred.find((x) => overlaps(x, g));
      const pt = p ? r.text.slice(p.start, p.end) : '';
      if (!re.test(gt) && !re.test(pt)) continue;
      const ok = p && canonicalValue(p.value) === canonicalValue(g.value);
      console.log(ok ? 'OK ' : 'BAD', r.date, JSON.stringify(gt), g.value, '|', JSON.stringify(pt), p?.value, ' …' + r.text.slice(Math.max(0, g.start - 70), g.end + 30).replace(/\s+/g, ' '));
    }
  }
}
