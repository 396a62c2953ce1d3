// PostgreSQL for tests: the server in EVENTWIRE_TEST_PG (default the local one at
// 127.0.0.1:5432, database test), a fresh schema per store, every schema dropped afterwards.
import pg from 'pg';

export const PG_URL = process.env.EVENTWIRE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

/** Null when the server answers, else why not (tests skip with that message). */
export async function pgUnavailable(url = PG_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL at ${url} is not reachable (${err instanceof Error ? err.message : err}); set EVENTWIRE_TEST_PG`;
  } finally {
    await client.end().catch(() => {});
  }
}

const made: string[] = [];

/** A store URL on a schema of its own (unique per process and call). */
export function freshSchemaUrl(url = PG_URL, tag = 't'): string {
  const name = `ew_${tag}_${process.pid}_${Date.now().toString(36)}_${made.length}`;
  made.push(name);
  const u = new URL(url);
  u.searchParams.set('schema', name);
  return u.toString();
}

/** Drop every schema this process made. */
export async function dropSchemas(url = PG_URL): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    for (const s of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end().catch(() => {});
  }
}
