import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { copyValue } from '../../src/store/postgres/copy.js';
import { SCHEMA_VERSION } from '../../src/store/postgres/schema.js';
import { PostgresStore, tsQuery } from '../../src/store/postgres/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { dropSchemas, freshSchemaUrl, PG_URL, pgUnavailable } from './pg.js';
import { coded, storeSuite } from './suite.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`skipping the PostgreSQL store tests: ${unavailable}`);

describe('PostgreSQL query text', () => {
  it('turns searches into safe tsqueries and rows into COPY text', () => {
    expect(tsQuery('north korea')).toBe("'north' & 'korea'");
    expect(tsQuery('"customs agreement" talk*')).toBe("('customs' <-> 'agreement') & 'talk':*");
    expect(tsQuery('NEAR( "unbalanced AND OR * \' ) & | ! <->')).toBe("'near' & 'unbalanced' & 'and' & 'or'");
    expect(tsQuery('*** !!')).toBeNull();
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\r\u0000')).toBe('a\\tb\\nc\\\\d\\r\uFFFD');
    expect(copyValue(false)).toBe('f');
    expect(() => copyValue(Number.NaN)).toThrow();
  });
});

describe.skipIf(unavailable !== null)('PostgreSQL store', () => {
  afterAll(() => dropSchemas());
  storeSuite('postgres', () => PostgresStore.open(freshSchemaUrl()));

  it('migrates once, concurrently, records the version and reopens read-only', async () => {
    const url = freshSchemaUrl();
    const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    const [doc] = generateCorpus(1);
    expect(await a.put([coded(doc)])).toEqual(['new']);
    // the same document from two writers at once: stored once, its events once
    const [x, y] = await Promise.all([a.put([coded(doc, 'v2')]), b.put([coded(doc, 'v2')])]);
    expect([...x, ...y].sort()).toEqual(['unchanged', 'updated']);
    await a.close();
    await b.close();
    const ro = await openStore(url, { readonly: true });
    expect(ro.dialect).toBe('postgres');
    expect((await ro.stats()).documents).toBe(1);
    expect((await ro.listEvents({ flagged: 'include' })).total).toBe(doc.events.length);
    await ro.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const schema = new URL(url).searchParams.get('schema');
    const v = await client.query(`SELECT max(version) AS v FROM "${schema}".eventwire_schema`);
    await client.end();
    expect(v.rows[0].v).toBe(SCHEMA_VERSION);
  });

  it('refuses a missing store read-only, bad schema names, and hides the password', async () => {
    await expect(openStore(freshSchemaUrl(), { readonly: true })).rejects.toThrow(/not an eventwire store/);
    await expect(openStore('postgres://127.0.0.1/test?schema=bad;drop')).rejects.toThrow(/bad schema name/);
    const s = new PostgresStore('postgres://me:secret@127.0.0.1:1/test?schema=abc');
    expect(s.location).not.toContain('secret');
    await s.close();
    await expect(PostgresStore.open('postgres://nobody@127.0.0.1:1/test?connect_timeout=2')).rejects.toThrow(
      /PostgreSQL store/,
    );
  });

  it('stores hostile text: NUL, backslashes, tabs, quotes and long texts', async () => {
    const store = await PostgresStore.open(freshSchemaUrl());
    const [doc] = generateCorpus(1, { seed: 5 });
    const text = `${doc.text}\\N\t"'\u0000 ${'word '.repeat(40_000)}`;
    const odd = { ...doc, id: 'odd\t\\id', title: 'tab\there \\N', text };
    expect(await store.put([coded(odd)])).toEqual(['new']);
    const got = await store.getDocument('odd\t\\id');
    expect(got?.doc?.title).toBe('tab\there \\N');
    expect(got?.doc?.text.length).toBe(text.length);
    expect((await store.listDocuments({ q: 'word' })).total).toBe(1);
    await store.close();
  });
});
