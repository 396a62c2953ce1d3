// Score story threading on ECB+ train and dev with the shipped parameters (or those given as
// JSON on the command line, over them): pairwise and BCubed F1, mean of 5 stream orders.
import { labelledFeatures, scoreStories } from '../../src/stories/evaluate.js';
import { storyParams } from '../../src/stories/params.js';
import { codedEcb } from './ecb.js';

const over = process.argv[2] ? JSON.parse(process.argv[2]) : {};
const params = { ...storyParams(), ...over };
for (const split of ['train', 'dev'] as const) {
  const items = labelledFeatures(codedEcb(split));
  const t0 = performance.now();
  const s = scoreStories(items, params);
  const ms = (performance.now() - t0) / (5 * items.length);
  console.log(
    `${split.padEnd(5)} pairwise F1 ${s.pairwise.f1.toFixed(4)} (P ${s.pairwise.precision.toFixed(3)} R ${s.pairwise.recall.toFixed(3)}, min ${s.minPairwiseF1.toFixed(3)})  BCubed F1 ${s.bcubed.f1.toFixed(4)}  stories ${s.stories.toFixed(1)}  ${ms.toFixed(3)} ms/doc`,
  );
}
