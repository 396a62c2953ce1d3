import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/doc/types.js';
import { WorkerCoder } from '../../src/ingest/pool.js';
import { sampleArticles } from '../fixtures/samples.js';

describe('WorkerCoder', () => {
  it('gathers answers sent document by document into each request, in input order', async () => {
    const samples = sampleArticles();
    const coder = new WorkerCoder(1);
    try {
      await coder.ready();
      const a: DocumentInput[] = samples.slice(0, 3).map((d, i) => ({ ...d, id: `a${i}` }));
      const b: DocumentInput[] = samples.slice(3, 5).map((d, i) => ({ ...d, id: `b${i}` }));
      // both requests in flight at once on the one thread
      const [ra, rb] = await Promise.all([coder.codePrepared(a, true), coder.code(b)]);
      expect(ra.map((r) => (r.ok ? r.doc.id : null))).toEqual(['a0', 'a1', 'a2']);
      expect(ra.every((r) => r.ok && typeof r.doc.layers === 'string')).toBe(true);
      expect(rb.map((r) => (r.ok ? r.doc.id : null))).toEqual(['b0', 'b1']);
      expect(rb.every((r) => r.ok && Array.isArray(r.doc.sentences))).toBe(true);
    } finally {
      await coder.close();
    }
  }, 120_000);
});
