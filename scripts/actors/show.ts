// `npx tsx scripts/actors/show.ts FILE [DATE]`: print the actors of a text file (for analysts
// checking the knowledge base and the coder by eye).
import { readFileSync } from 'node:fs';
import { findActors, loadActorResources } from '../../src/actors/index.js';
import type { ExplainNote } from '../../src/doc/doc.js';
import { createDoc } from '../../src/doc/doc.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { analyzeText, loadTextResources } from '../../src/text/index.js';

const [file, date] = process.argv.slice(2);
if (!file) {
  console.error('usage: show.ts FILE [YYYY-MM-DD]');
  process.exit(2);
}
const dataDir = defaultDataDir();
const res = loadActorResources(dataDir);
const text = readFileSync(file, 'utf8');
const a = analyzeText(text, loadTextResources(dataDir));
const doc = {
  ...createDoc({ text, date: date ?? null }),
  ...a,
  layers: ['paragraphs', 'tokens', 'sentences'] as const,
};
const notes: ExplainNote[] = [];
const actors = findActors(doc as never, res, notes);
for (const x of actors) {
  console.log(
    `${x.id} ${x.kind} ${x.code ?? '-'} ${x.country ?? '-'} "${x.name}" title=${x.title ?? '-'} conf=${x.confidence}${x.members ? ` members=${x.members}` : ''}${x.belongsTo ? ` of=${x.belongsTo}` : ''}`,
  );
  console.log(`   ${x.mentions.map((m) => `${m.text}[${m.via}]`).join(' | ')}`);
}
if (process.argv.includes('--explain')) for (const n of notes) console.log(`  s${n.sentence}: ${n.message}`);
