// ECB+ articles coded by the full pipeline, with their story labels (cached in the temp folder
// between runs of the story scripts; delete the cache after changing the pipeline).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl, sharedPath } from '../../eval/lib.js';
import { toCodedDocument } from '../../src/doc/doc.js';
import type { CodedDocument } from '../../src/doc/types.js';
import { createPipeline } from '../../src/pipeline/presets.js';

interface EcbRecord {
  id: string;
  subtopic: string;
  date: string | null;
  text: string;
}

/** ECB+ train or dev articles coded by the full pipeline. The test topics are never read. */
export function codedEcb(split: 'dev' | 'train'): Array<{ doc: CodedDocument; story: string }> {
  const dir = join(tmpdir(), 'eventwire-tune');
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, `ecbplus-${split}-coded.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const pipeline = createPipeline('full');
  const docs = readJsonl<EcbRecord>(sharedPath(`data/ecbplus/${split}.jsonl`)).map((r) => ({
    doc: toCodedDocument(pipeline.run({ id: r.id, text: r.text, date: r.date })),
    story: r.subtopic,
  }));
  writeFileSync(cache, JSON.stringify(docs));
  return docs;
}
