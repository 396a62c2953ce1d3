import { readFileSync } from 'node:fs';
import { createPipeline } from './src/pipeline/presets.js';
import { explainDocument } from './src/cli/explain.js';
const p = createPipeline('full');
const text = process.argv[2] ?? readFileSync('../shared/examples/japan-north-korea-talks.txt', 'utf8');
const d = p.run({ text, date: '2007-09-06' }, { explain: true });
for (const pl of d.places) console.log(JSON.stringify(pl));
console.log(d.explain.map((n) => `${n.sentence}: ${n.message}`).join('\n'));
