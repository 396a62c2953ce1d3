// Queue workers give committed documents near-duplicate groups and stories through the shared
// assigner (src/queue/stories.ts): two workers at once on one store, every document linked,
// copies grouped with their originals, the decisions equal to one assigner's fed the documents
// in commit order, and the same partition as the single-process path on the same documents.
import { afterAll, describe, expect, it } from 'vitest';
import type { CodedDocument, DocumentInput } from '../../src/doc/types.js';
import type { CodeResult, Coder, PreparedResult } from '../../src/ingest/pool.js';
import { type QueueItem, WorkQueue } from '../../src/queue/queue.js';
import { QUEUE_ASSIGNER_STATE } from '../../src/queue/stories.js';
import { runWorker } from '../../src/queue/worker.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { prepareDocument } from '../../src/store/prepared.js';
import { inputHash } from '../../src/store/rows.js';
import type { DocumentLinks } from '../../src/store/types.js';
import { StoryAssigner } from '../../src/stories/03-assign.js';
import { pairwiseScore } from '../../src/stories/score.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { dropSchemas, freshSchemaUrl, pgUnavailable } from '../store/pg.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`skipping the queue stories tests: ${unavailable}`);

const bases = [...generateCorpus(40, { seed: 33 })];
// an exact wire copy of every third article, queued some places later
const docs: CodedDocument[] = [];
bases.forEach((d, i) => {
  docs.push(d);
  if (i >= 3 && (i - 3) % 3 === 0) docs.push({ ...bases[i - 3], id: `${bases[i - 3].id}~copy` });
});
const byId = new Map(docs.map((d) => [d.id, d]));

class LookupCoder implements Coder {
  readonly capacity = 1;
  async ready(): Promise<void> {}
  async code(inputs: DocumentInput[]): Promise<CodeResult[]> {
    await new Promise((r) => setTimeout(r, 5));
    return inputs.map((i) => ({ ok: true, doc: byId.get(i.id ?? '')! }));
  }
  async close(): Promise<void> {}
}

/** The same documents prepared for storing, as coding processes send them (signature and features included). */
class PreparingLookupCoder extends LookupCoder {
  async codePrepared(inputs: DocumentInput[], stories: boolean): Promise<PreparedResult[]> {
    const coded = await this.code(inputs);
    return coded.map((r) => (r.ok ? { ok: true, doc: prepareDocument(r.doc, { stories }) } : r));
  }
}

const items: QueueItem[] = docs.map((d) => {
  const input = { id: d.id, date: d.date, title: d.title, source: d.source, url: d.url, text: d.text };
  return { input, hash: inputHash(input), origin: 'test' };
});

describe.skipIf(unavailable !== null)('queue workers: groups and stories', () => {
  afterAll(() => dropSchemas());

  it.each([
    ['coded', () => new LookupCoder()],
    ['prepared', () => new PreparingLookupCoder()],
  ])(
    'two workers link every document like one assigner in commit order (%s documents)',
    async (_, makeCoder) => {
      const url = freshSchemaUrl(undefined, 'qs');
      const admin = await PostgresStore.open(url);
      const stores = [await PostgresStore.open(url), await PostgresStore.open(url)];
      try {
        await new WorkQueue(admin).enqueue(items, 'p1');
        await Promise.all(
          stores.map((store) =>
            runWorker({ store, pipeline: 'p1', coder: makeCoder(), batchSize: 3, pollMs: 20, untilEmpty: true }),
          ),
        );
        const rows = (
          await admin.pool.query<{ id: string; duplicate_of: string | null; story: string | null }>(
            'SELECT id, duplicate_of, story FROM documents',
          )
        ).rows;
        expect(rows).toHaveLength(docs.length);
        const stored = new Map(rows.map((r) => [r.id, r]));
        for (const r of rows) expect(r.story).toMatch(/^st-/);
        // each copy in its original's group and story, whichever was committed first
        const group = (id: string) => stored.get(id)!.duplicate_of ?? id;
        const copies = docs.filter((d) => d.id.endsWith('~copy'));
        expect(copies.length).toBeGreaterThan(8);
        for (const c of copies) {
          const base = c.id.slice(0, -'~copy'.length);
          expect(group(c.id)).toBe(group(base));
          expect(stored.get(c.id)!.story).toBe(stored.get(base)!.story);
        }
        expect(new Set(rows.map((r) => group(r.id))).size).toBe(bases.length);

        // the shared decisions are those of one assigner fed the documents in commit order
        const log = (await admin.pool.query<{ doc_id: string }>('SELECT doc_id FROM story_log ORDER BY seq')).rows;
        expect(log).toHaveLength(docs.length);
        const one = new StoryAssigner(null);
        const inOrder = new Map<string, { duplicateOf: string | null; story: string | null }>();
        for (const { doc_id } of log) inOrder.set(doc_id, one.assign(byId.get(doc_id)!));
        for (const [id, links] of inOrder) {
          expect(stored.get(id)!.duplicate_of).toBe(links.duplicateOf);
          expect(stored.get(id)!.story).toBe(links.story);
        }

        // and the same kind of stories as the single-process path in queue order
        const single = new StoryAssigner(null);
        const singleStories = new Map(docs.map((d) => [d.id, single.assign(d).story ?? '']));
        const shared = new Map(rows.map((r) => [r.id, r.story ?? '']));
        expect(pairwiseScore(shared, singleStories).f1).toBeGreaterThanOrEqual(0.8);

        // the story rows exist for every story
        const storyRows = (await admin.pool.query<{ id: string }>('SELECT id FROM stories')).rows;
        expect(new Set(storyRows.map((r) => r.id))).toEqual(new Set(rows.map((r) => r.story)));
      } finally {
        for (const s of [admin, ...stores]) await s.close();
      }
    },
    60_000,
  );

  it('a snapshot covers the log, and a new worker continues from it', async () => {
    const url = freshSchemaUrl(undefined, 'qs');
    const store = await PostgresStore.open(url);
    try {
      const { SharedStories } = await import('../../src/queue/stories.js');
      const a = new SharedStories(10);
      const commit = (ds: CodedDocument[]) =>
        store.transaction(async (client) => {
          const recs = ds.map((doc) => ({ status: 'coded' as const, hash: doc.id, pipeline: 'p', origin: null, doc }));
          await a.assign(client, recs);
          return recs.map((r) => (r as { links?: DocumentLinks }).links!);
        });
      const first = await commit(docs.slice(0, 12));
      expect(first.every((l) => l.story)).toBe(true);
      const snap = await store.pool.query<{ value: string }>('SELECT value FROM index_state WHERE name = $1', [
        QUEUE_ASSIGNER_STATE,
      ]);
      expect(JSON.parse(snap.rows[0].value).seq).toBeGreaterThan(0);
      expect((await store.pool.query('SELECT * FROM story_log')).rowCount).toBe(0);
      // a second worker, started afresh, finds the copy of an article the first one assigned
      const b = new SharedStories(10);
      const copy = { ...docs[0], id: `${docs[0].id}~again` };
      const links = await store.transaction(async (client) => {
        const recs = [{ status: 'coded' as const, hash: 'x', pipeline: 'p', origin: null, doc: copy }];
        await b.assign(client, recs);
        return (recs[0] as { links?: DocumentLinks }).links!;
      });
      expect(links).toEqual({ duplicateOf: docs[0].id, story: first[0].story });
    } finally {
      await store.close();
    }
  }, 60_000);
});
