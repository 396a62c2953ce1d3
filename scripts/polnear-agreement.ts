// How far PolNeAR's annotators agree with each other, scored as the quotes eval scores the
// stage (eval/components/quotes.ts): on the training documents annotated by several annotators
// (`alt_annotations`), each other annotator's attributions against the first annotator's.
// `tsx scripts/polnear-agreement.ts`. Prints aggregate figures only.
import { emptyCounts, goldUnits, metrics, type PolnearRecord, scoreUnits } from '../eval/components/quotes.js';
import { readJsonl, sharedPath } from '../eval/lib.js';

type Rec = PolnearRecord & {
  alt_annotations?: Array<{ annotator: string; attributions: PolnearRecord['attributions'] }>;
};
const recs = readJsonl<Rec>(sharedPath('data/polnear/train.jsonl'));
const c = emptyCounts();
let pairs = 0;
for (const r of recs)
  for (const alt of r.alt_annotations ?? []) {
    scoreUnits(goldUnits({ ...r, attributions: alt.attributions }), goldUnits(r), c);
    pairs++;
  }
const m = metrics(c);
const pct = (x: number) => (100 * x).toFixed(1);
console.log(
  `${pairs} annotator pairs: source F1 ${pct(m.sourceF)} (P ${pct(m.sourceP)} R ${pct(m.sourceR)}), content F1 ${pct(m.contentF)} (P ${pct(m.contentP)} R ${pct(m.contentR)})`,
);
