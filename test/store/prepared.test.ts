// Documents prepared for storing in the coding thread (src/store/prepared.ts) are stored as
// exactly the rows `put` writes from the coded documents: every table, value for value (but
// the time of writing), including the story assigner's saved state.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/ingest.js';
import { InlineCoder } from '../../src/ingest/pool.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { repeatedSample, sampleArticles, writeJsonl } from '../fixtures/samples.js';

const TABLES: Record<string, string> = {
  documents: 'key',
  events: 'key',
  actors: 'doc, actor_id',
  quotes: 'doc, n',
  places: 'doc, n',
  series_country_day: '1, 2, 3, 4, 5',
  series_country_month: '1, 2, 3, 4, 5',
  series_code_month: '1, 2, 3, 4, 5',
  stories: 'id',
  index_state: 'name',
};
const TIMES = new Set(['ingested_at', 'updated_at', 'saved_at']);

function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, unknown[]> = {};
  for (const [t, order] of Object.entries(TABLES)) {
    const rows = db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all() as Record<string, unknown>[];
    out[t] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !TIMES.has(k))));
  }
  out.fts = db
    .prepare("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'korea OR talks OR minister' ORDER BY rowid")
    .all();
  db.close();
  return out;
}

describe('prepared documents', () => {
  it('store the same rows as coded documents, new and replaced, copies and stories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-prepared-'));
    const first = join(dir, 'first.jsonl');
    const docs = repeatedSample(sampleArticles().length * 2);
    writeJsonl(first, docs);
    // a second run where some documents changed: replaced rows, stories recomputed
    const second = join(dir, 'second.jsonl');
    writeJsonl(
      second,
      docs.map((d, i) => (i % 7 === 0 ? { ...d, text: `${d.text}\nJapan and China held talks on Monday.` } : d)),
    );
    const coder = new InlineCoder('full');
    const dbs: string[] = [];
    for (const prepare of [false, true]) {
      const path = join(dir, `${prepare}.db`);
      const store = new SqliteStore(path);
      const err = new PassThrough();
      const s1 = await runIngest([first], { store, coder, prepare, err, batchSize: 16, chunkSize: 4 });
      expect(s1).toMatchObject({ new: docs.length, failed: 0 });
      const s2 = await runIngest([second], { store, coder, prepare, err, batchSize: 16, chunkSize: 4 });
      expect(s2.updated).toBeGreaterThan(0);
      await store.close();
      dbs.push(path);
    }
    const [a, b] = dbs.map(dump);
    expect((a.events as unknown[]).length).toBeGreaterThan(0);
    expect((a.stories as unknown[]).length).toBeGreaterThan(0);
    expect(a.documents.some((d) => (d as { duplicate_of: string | null }).duplicate_of !== null)).toBe(true);
    for (const t of Object.keys(a)) expect(b[t], t).toEqual(a[t]);
  }, 120_000);
});
