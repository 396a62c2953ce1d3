// Shared helpers of the times tests: a text + times pipeline over eventwire's own data.
import { join } from 'node:path';
import type { Doc } from '../../src/doc/doc.js';
import type { TimeExpression } from '../../src/doc/types.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { textStage } from '../../src/text/index.js';
import { timesStage } from '../../src/times/index.js';
import { repoDir } from '../shared.js';

export const pipeline = new Pipeline([textStage, timesStage], { dataDir: join(repoDir, 'data') });

export function code(text: string, date: string | null = '2007-09-06', explain = false): Doc {
  return pipeline.run({ text, date }, { explain });
}

export function times(text: string, date: string | null = '2007-09-06'): TimeExpression[] {
  return code(text, date).times as TimeExpression[];
}

/** The expression whose text is `t` (first one), or undefined. */
export function find(list: readonly TimeExpression[], t: string): TimeExpression | undefined {
  return list.find((x) => x.text === t);
}

/** text -> value of every expression. */
export function values(text: string, date: string | null = '2007-09-06'): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const t of times(text, date)) out[t.text] = t.value;
  return out;
}
