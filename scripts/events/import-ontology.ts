// Copy the CAMEO/PLOVER ontology facts the event coder needs from ../shared/ontology into
// data/events/ontology/ (run once when the ontology changes: `tsx scripts/events/import-ontology.ts`).
// The files keep their headers, which name their sources and licences; the coder reads only
// the copies, never ../shared, at run time.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const out = join(repo, 'data', 'events', 'ontology');
mkdirSync(out, { recursive: true });
for (const f of ['cameo-event-codes.tsv', 'cameo-to-plover.tsv']) {
  const src = join(shared, 'ontology', f);
  if (!existsSync(src)) {
    console.error(`missing ${src}`);
    process.exit(1);
  }
  copyFileSync(src, join(out, f));
  console.log(`copied ${f}`);
}
