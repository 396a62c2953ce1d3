import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { generateCorpus, rng } from '../fixtures/corpus.js';
import { coded, storeSuite } from './suite.js';

const dir = mkdtempSync(join(tmpdir(), 'ew-store-'));
let n = 0;
storeSuite('sqlite file', async () => new SqliteStore(join(dir, `s${n++}.db`)));
storeSuite('sqlite in memory', async () => new SqliteStore(':memory:'));

describe('SQLite store specifics', () => {
  it('creates the schema once, in WAL mode, and reopens an existing file', async () => {
    const path = join(dir, 'reopen.db');
    const s1 = new SqliteStore(path);
    const [doc] = generateCorpus(1);
    await s1.put([coded(doc)]);
    await s1.close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const s2 = await openStore(path, { readonly: true });
    expect((await s2.stats()).documents).toBe(1);
    await s2.close();
  });

  it('refuses files that are not stores and newer schemas with clear errors', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database at all, just some text '.repeat(100));
    expect(() => new SqliteStore(junk)).toThrow(/not an eventwire store|cannot/);
    const newer = join(dir, 'newer.db');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new SqliteStore(newer)).toThrow(/newer than this eventwire/);
    await expect(openStore(join(dir, 'missing.db'), { readonly: true })).rejects.toThrow(/cannot open store/);
  });

  it('keeps story rows equal to a recount from their documents, batch after batch', async () => {
    const path = join(dir, 'stories.db');
    const store = new SqliteStore(path);
    const docs = [...generateCorpus(80, { seed: 5, from: '2007-01-01', to: '2007-12-31' })];
    const r = rng(17);
    const stories = ['s1', 's2', 's3', 's4'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    for (let round = 0; round < 8; round++) {
      const batch = Array.from({ length: 12 }, (_, k) => {
        const picked = pick(docs);
        // new documents only at first, then some replaced ones
        const doc = round < 5 || r() < 0.7 ? { ...picked, id: `${picked.id}-${round}-${k}` } : picked;
        // missing dates, titles and sources, shared sources, copies, and documents moving between stories
        const variant = {
          ...doc,
          date: r() < 0.2 ? null : doc.date,
          title: r() < 0.2 ? null : doc.title,
          source: r() < 0.3 ? null : pick(['Wire A', 'Wire B', 'Wire C']),
        };
        const copyOf = r() < 0.3 ? pick(docs).id : null;
        return coded(variant, r() < 0.2 ? 'test-v2' : 'test', { duplicateOf: copyOf, story: pick(stories) });
      });
      await store.put(batch);
    }
    await store.close();
    const raw = new Database(path, { readonly: true });
    const got = raw
      .prepare(
        'SELECT id, title, first_date, last_date, articles, unique_articles, sources, events FROM stories ORDER BY id',
      )
      .all();
    const want = raw
      .prepare(
        `SELECT story AS id,
           (SELECT coalesce(title, substr(text, 1, 120)) FROM documents x WHERE x.story = d.story AND x.status = 'coded'
            ORDER BY x.date IS NULL, x.date, x.key LIMIT 1) AS title,
           min(date) AS first_date, max(date) AS last_date, count(*) AS articles,
           sum(duplicate_of IS NULL) AS unique_articles, count(DISTINCT coalesce(source, '#' || id)) AS sources,
           (SELECT count(*) FROM events e JOIN documents x ON x.key = e.doc WHERE x.story = d.story
            AND x.status = 'coded' AND e.happened = 1 AND e.is_primary = 1) AS events
         FROM documents d WHERE story IS NOT NULL AND status = 'coded' GROUP BY story ORDER BY story`,
      )
      .all() as Array<{ title: string | null }>;
    raw.close();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });
});
