import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe('ProcessCoder', () => {
  it('answers a batch while the next one waits, not once that one is coded too', () => {
    // two batches in flight, each answer larger than the channel takes at once: the first must
    // be written out before the coding process starts the second
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/fixtures/process-coder-timing.ts')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const r = JSON.parse(out) as {
      first: number;
      both: number;
      a: string[];
      b: string[];
      wantA: string[];
      wantB: string[];
    };
    expect(r.a).toEqual(r.wantA);
    expect(r.b).toEqual(r.wantB);
    // the second batch costs about as much as the first: its answer comes well after the first's
    expect(r.first).toBeLessThan(0.75 * r.both);
  }, 150_000);
});
