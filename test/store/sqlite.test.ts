import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
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
});
