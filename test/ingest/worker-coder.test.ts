import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/doc/types.js';
import { ANSWER_GROUP, WorkerCoder } from '../../src/ingest/pool.js';
import { sampleArticles } from '../fixtures/samples.js';

describe('WorkerCoder', () => {
  it('gathers answers sent in parts into each request, in input order', async () => {
    const samples = sampleArticles();
    const coder = new WorkerCoder(1);
    try {
      await coder.ready();
      // more documents than one part holds, so each request is answered in several
      const a: DocumentInput[] = samples.slice(0, ANSWER_GROUP + 2).map((d, i) => ({ ...d, id: `a${i}` }));
      const b: DocumentInput[] = samples.slice(10, 11 + ANSWER_GROUP).map((d, i) => ({ ...d, id: `b${i}` }));
      // both requests in flight at once on the one thread
      const [ra, rb, none] = await Promise.all([coder.codePrepared(a, true), coder.code(b), coder.code([])]);
      expect(none).toEqual([]);
      expect(ra.map((r) => (r.ok ? r.doc.id : null))).toEqual(a.map((d) => d.id));
      expect(ra.every((r) => r.ok && typeof r.doc.layers === 'string')).toBe(true);
      expect(rb.map((r) => (r.ok ? r.doc.id : null))).toEqual(b.map((d) => d.id));
      expect(rb.every((r) => r.ok && Array.isArray(r.doc.sentences))).toBe(true);
    } finally {
      await coder.close();
    }
  }, 120_000);
});
