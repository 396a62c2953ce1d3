// The work queue on the shared PostgreSQL server: enqueue is idempotent, failing documents
// are retried with backoff and then dead-lettered, lost leases are never committed, status
// counts it all, and the CLI (ingest --enqueue, worker, status) runs the real pipeline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/doc/types.js';
import type { CodeResult, Coder } from '../../src/ingest/pool.js';
import { runEnqueue } from '../../src/queue/enqueue.js';
import { type QueueItem, WorkQueue } from '../../src/queue/queue.js';
import { runWorker } from '../../src/queue/worker.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { inputHash } from '../../src/store/rows.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { dropSchemas, freshSchemaUrl, pgUnavailable } from '../store/pg.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`skipping the work queue tests: ${unavailable}`);
const repoDir = join(import.meta.dirname, '../..');

const docs = [...generateCorpus(40, { seed: 21 })];
const byId = new Map(docs.map((d) => [d.id, d]));
const items = (n: number): QueueItem[] =>
  docs.slice(0, n).map((d) => {
    const input = { id: d.id, date: d.date, title: d.title, source: d.source, url: d.url, text: d.text };
    return { input, hash: inputHash(input), origin: 'test' };
  });

/** Codes by looking the document up; ids in `failing` fail with an internal error every time. */
class LookupCoder implements Coder {
  readonly capacity = 1;
  calls = 0;
  constructor(readonly failing = new Set<string>()) {}
  async ready(): Promise<void> {}
  async code(inputs: DocumentInput[]): Promise<CodeResult[]> {
    this.calls++;
    return inputs.map((i) =>
      this.failing.has(i.id ?? '')
        ? { ok: false, error: { code: 'internal', message: 'the coder broke' } }
        : { ok: true, doc: byId.get(i.id ?? '')! },
    );
  }
  async close(): Promise<void> {}
}

describe.skipIf(unavailable !== null)('work queue', () => {
  afterAll(() => dropSchemas());

  it('enqueues once, retries failures with backoff, dead-letters them, and requeues on demand', async () => {
    const store = await PostgresStore.open(freshSchemaUrl(undefined, 'q'));
    const queue = new WorkQueue(store, { maxAttempts: 3, backoffMs: 50 });
    expect(await queue.enqueue(items(20), 'p1')).toBe(20);
    // the same input again changes nothing; changed input replaces the queued job
    expect(await queue.enqueue(items(20), 'p1')).toBe(0);
    const changed = items(1).map((x) => ({ ...x, hash: 'changed' }));
    expect(await queue.enqueue(changed, 'p1')).toBe(1);
    expect(await queue.depth()).toBe(20);

    const bad = docs[3].id;
    const coder = new LookupCoder(new Set([bad]));
    const s = await runWorker({
      store,
      pipeline: 'p1',
      coder,
      maxAttempts: 3,
      backoffMs: 50,
      batchSize: 8,
      pollMs: 20,
      untilEmpty: true,
    });
    expect(s.stored).toBe(19);
    expect(s.retried).toBe(2);
    expect(s.dead).toBe(1);
    const status = await queue.status();
    expect(status.depth).toBe(0);
    expect(status.dead).toBe(1);
    expect(status.lastDead[0]).toMatchObject({ docId: bad, attempts: 3 });
    expect(status.lastDead[0].error).toContain('the coder broke');
    expect(status.doneLast5Minutes).toBe(19);
    expect(status.retriedLast5Minutes).toBe(2);
    expect(status.failedLast5Minutes).toBe(1);
    expect(status.rate).toBeGreaterThan(0);
    expect(status.workers.map((w) => w.done)).toEqual([19]);
    const stats = await store.stats();
    expect(stats.documents).toBe(19);
    // the dead document is listed as failed, with its error
    expect((await store.getDocument(bad))?.summary.error?.message).toBe('the coder broke');

    // fixed: requeued, coded, stored; the dead-letter table is empty again
    expect(await queue.requeueDead()).toBe(1);
    const again = await runWorker({ store, pipeline: 'p1', coder: new LookupCoder(), pollMs: 20, untilEmpty: true });
    expect(again.stored).toBe(1);
    expect((await queue.status()).dead).toBe(0);
    expect((await store.stats()).documents).toBe(20);
    expect((await store.getDocument(bad))?.summary.status).toBe('coded');
    await store.close();
  });

  it('an idle worker wakes when documents are enqueued, long before its next poll', async () => {
    const url = freshSchemaUrl(undefined, 'q');
    const store = await PostgresStore.open(url);
    const admin = await PostgresStore.open(url);
    const stop = new AbortController();
    let started!: () => void;
    const isStarted = new Promise<void>((r) => (started = r));
    const stored: number[] = [];
    const worker = runWorker({
      store,
      pipeline: 'p1',
      coder: new LookupCoder(),
      pollMs: 60_000,
      signal: stop.signal,
      onStart: () => started(),
      onProgress: (s) => stored.push(s.stored),
    });
    try {
      await isStarted;
      // idle: its first claim found nothing and it sleeps (listening) until the next poll
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      await new WorkQueue(admin).enqueue(items(3), 'p1');
      while (stored.at(-1) !== 3 && performance.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
      expect(stored.at(-1)).toBe(3);
      expect(performance.now() - t0).toBeLessThan(10_000);
    } finally {
      stop.abort();
      await worker;
      await store.close();
      await admin.close();
    }
  }, 30_000);

  it('a document the store refuses is retried alone and dead-lettered, and never stops the worker', async () => {
    const store = await PostgresStore.open(freshSchemaUrl(undefined, 'q'));
    await new WorkQueue(store).enqueue(items(10), 'p1');
    const poison = docs[4].id;
    const coder: Coder = {
      capacity: 1,
      ready: async () => {},
      close: async () => {},
      code: async (inputs) =>
        inputs.map((i) => {
          const doc = byId.get(i.id ?? '')!;
          // an event without a Goldstein score: the store refuses the row
          if (i.id === poison)
            return { ok: true, doc: { ...doc, events: [{ ...doc.events[0], goldstein: null as unknown as number }] } };
          return { ok: true, doc };
        }),
    };
    const s = await runWorker({
      store,
      pipeline: 'p1',
      coder,
      maxAttempts: 2,
      backoffMs: 20,
      pollMs: 20,
      untilEmpty: true,
    });
    expect(s.stored).toBe(9);
    expect(s.dead).toBe(1);
    const status = await new WorkQueue(store).status();
    expect(status.lastDead.map((d) => d.docId)).toEqual([poison]);
    expect(status.lastDead[0].error).toMatch(/^store: /);
    expect((await store.stats()).documents).toBe(9);
    await store.close();
  });

  it('never commits a claim whose lease was lost, and a second claim codes it once', async () => {
    const store = await PostgresStore.open(freshSchemaUrl(undefined, 'q'));
    const queue = new WorkQueue(store);
    await queue.enqueue(items(5), 'p1');
    await queue.register('slow');
    await queue.register('fast');
    const first = await queue.claim('slow', 10, 50);
    expect(first.jobs.length).toBe(5);
    expect((await queue.claim('fast', 10, 60_000)).jobs.length).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    // the lease ran out: another worker takes the jobs
    const second = await queue.claim('fast', 10, 60_000);
    expect(second.jobs.map((j) => j.attempts)).toEqual([2, 2, 2, 2, 2]);
    const results = (claim: typeof first) =>
      claim.jobs.map((job) => ({
        job,
        kind: 'store' as const,
        record: { status: 'coded' as const, hash: job.hash, pipeline: 'p1', origin: null, doc: byId.get(job.docId)! },
      }));
    const late = await queue.commit('slow', first.token, results(first), 'p1');
    expect(late.held).toBe(0);
    expect((await store.stats()).documents).toBe(0);
    const ok = await queue.commit('fast', second.token, results(second), 'p1');
    expect(ok.held).toBe(5);
    expect(ok.outcomes).toEqual(['new', 'new', 'new', 'new', 'new']);
    const events = docs.slice(0, 5).reduce((n, d) => n + d.events.length, 0);
    expect((await store.stats()).events).toBe(events);
    expect(await queue.depth()).toBe(0);
    await store.close();
  });

  it('skips documents stored unchanged and stores unreadable input as failed (ingest --enqueue)', async () => {
    const url = freshSchemaUrl(undefined, 'q');
    const dir = mkdtempSync(join(tmpdir(), 'ew-enqueue-'));
    const file = join(dir, 'in.jsonl');
    const lines = items(6).map((x) => JSON.stringify(x.input));
    writeFileSync(file, `${lines.join('\n')}\n{not json\n`);
    const store = await PostgresStore.open(url);
    const err = { write: () => true } as unknown as NodeJS.WritableStream;
    const s1 = await runEnqueue([file], { store, pipeline: 'p1', err: err as never });
    expect([s1.documents, s1.queued, s1.failed]).toEqual([7, 6, 1]);
    await runWorker({ store, pipeline: 'p1', coder: new LookupCoder(), pollMs: 20, untilEmpty: true });
    const s2 = await runEnqueue([file], { store, pipeline: 'p1', err: err as never });
    expect([s2.queued, s2.unchanged]).toEqual([0, 6]);
    const s3 = await runEnqueue([file], { store, pipeline: 'p2', err: err as never });
    expect(s3.queued).toBe(6);
    await store.close();
  });

  it('runs from the command line with the real pipeline', { timeout: 120_000 }, () => {
    const url = freshSchemaUrl(undefined, 'q');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), ...args], {
        cwd: repoDir,
        encoding: 'utf8',
        timeout: 110_000,
      });
    const dir = mkdtempSync(join(tmpdir(), 'ew-cli-queue-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'talks', date: '2007-09-06', text: 'Japan and North Korea agreed on Thursday to resume talks in Mongolia.' })}\n` +
        `${JSON.stringify({ id: 'visit', date: '2007-09-07', text: 'The Chinese foreign minister visited Seoul on Friday.' })}\n`,
    );
    const q = cli(['ingest', '--store', url, '--enqueue', '--quiet', file]);
    expect(q.stderr).toBe('');
    expect(q.status).toBe(0);
    expect(q.stdout).toMatch(/queued 2 of 2 documents/);
    const before = cli(['status', '--store', url, '--json']);
    expect(JSON.parse(before.stdout).queue).toMatchObject({ depth: 2, ready: 2, dead: 0 });
    const w = cli(['worker', '--store', url, '--threads', '1', '--until-empty', '--poll', '100ms', '--quiet']);
    expect(w.status).toBe(0);
    expect(w.stdout).toMatch(/2 documents stored/);
    const after = cli(['status', '--store', url]);
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/documents {2}2 coded, 0 failed/);
    expect(after.stdout).toMatch(/queue {6}0 jobs/);
    expect(after.stdout).toMatch(/0 dead-lettered/);
    const ev = cli(['export', '--store', url, '--what', 'documents', '--format', 'jsonl']);
    expect(ev.status).toBe(0);
    expect(ev.stdout.trim().split('\n').length).toBe(2);
    const bad = cli(['worker', '--store', join(dir, 'x.db')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/PostgreSQL store/);
  });
});
