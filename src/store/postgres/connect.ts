// Connecting to PostgreSQL from a `--store postgres://user:password@host:port/db?schema=name`
// value: a pool whose clients use the store's schema (search_path), numbers as numbers, and
// the location shown to users without the password.
import pg from 'pg';
import { EventwireError } from '../../errors.js';

const INT8 = 20;
const NUMERIC = 1700;

/** 64-bit integers and numerics as JS numbers (counts and keys stay far below 2^53). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PgTarget {
  /** The connection string without eventwire's own parameters. */
  connectionString: string;
  /** The schema holding the store's tables (default `public`). */
  schema: string;
  /** The URL without its password, for messages. */
  display: string;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Read a postgres:// URL; `?schema=` picks the schema (created on first use). */
export function parsePgUrl(location: string): PgTarget {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new EventwireError('usage', 'not a valid postgres:// URL');
  }
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new EventwireError('usage', `bad schema name "${schema}" (letters, digits and _, at most 63)`);
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  const shown = new URL(url.toString());
  if (shown.password) shown.password = '***';
  if (schema !== 'public') shown.searchParams.set('schema', schema);
  return { connectionString, schema, display: shown.toString() };
}

export interface PoolOptions {
  max?: number;
  /** Milliseconds to wait for a connection. */
  connectTimeout?: number;
  applicationName?: string;
  /** synchronous_commit = off for this pool's sessions. */
  asyncCommit?: boolean;
}

export function createPool(target: PgTarget, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeout ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'eventwire',
    options: `-c search_path=${target.schema}${options.asyncCommit ? ' -c synchronous_commit=off' : ''}`,
    types,
  });
  // a client losing its server (a restart) is not fatal: an idle one is dropped by the pool, a
  // busy one fails its query (the caller sees that error and retries); without these listeners
  // the lost connection would be an uncaught 'error' event
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

const statementNames = new Map<string, string>();

/**
 * A query as a named prepared statement: parsed once per connection (node-postgres keeps
 * track of what each connection has prepared, so a new connection after a restart prepares it
 * again), then only bound and executed, and after a few runs PostgreSQL reuses its plan. For
 * the fixed statements of every commit and claim: parsing and planning them took about a sixth
 * of the server's CPU per stored document. Names are per text, so a text must be one of a
 * bounded set (no values spliced in).
 */
export function named(text: string, values: unknown[] = []): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ew_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/**
 * `named` for a statement whose text grows with its batch (a VALUES row per record): prepared
 * for batches of up to `NAMED_BATCH_ROWS` rows (a claim's size and below, so a bounded set of
 * texts), parsed each time beyond.
 */
export function namedBatch(text: string, values: unknown[], rows: number): pg.QueryConfig {
  return rows <= NAMED_BATCH_ROWS ? named(text, values) : { text, values };
}
const NAMED_BATCH_ROWS = 64;

/** Is this error a lost or refused connection (worth retrying), rather than a bad query? */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = e.code ?? '';
  // 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
  // 40001/40P01: serialization failure, deadlock (retry the transaction)
  if (/^08|^57P0[123]$|^40001$|^40P01$|^53300$/.test(code)) return true;
  if (/^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND)$/.test(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    e.message ?? '',
  );
}

export function describePgError(err: unknown, display: string): EventwireError {
  if (err instanceof EventwireError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new EventwireError('store', `PostgreSQL store ${display}: ${msg}`);
}
