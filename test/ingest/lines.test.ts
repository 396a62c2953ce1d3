import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/ingest/lines.js';

async function collect(chunks: string[], max: number) {
  const out = [];
  for await (const l of readLines(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries, handles CRLF and a last line without newline', async () => {
    const lines = await collect(['ab', 'c\r\nde', 'f\n', 'g'], 100);
    expect(lines.map((l) => l.bytes?.toString())).toEqual(['abc', 'def', 'g']);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3]);
  });
  it('skips a line over the limit without keeping it, and goes on', async () => {
    const lines = await collect(['{"id":"big","text":"', 'x'.repeat(50), 'y'.repeat(50), '"}\nok\n'], 20);
    expect(lines[0].bytes).toBeNull();
    expect(lines[0].length).toBe(20 + 100 + 2);
    expect(lines[0].head?.toString()).toContain('"id":"big"');
    expect(lines[1].bytes?.toString()).toBe('ok');
  });
});
