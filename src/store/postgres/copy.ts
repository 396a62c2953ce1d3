// Bulk writes with COPY ... FROM STDIN (text format): rows are encoded here and streamed to
// the server in one command per table, far faster than one INSERT per row.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | undefined;

/** PostgreSQL text can hold every character but NUL; it becomes U+FFFD (same length, spans hold). */
export function pgText(s: string): string;
export function pgText(s: string | null | undefined): string | null;
export function pgText(s: string | null | undefined): string | null {
  if (s == null) return null;
  return s.indexOf('\u0000') >= 0 ? s.replace(/\u0000/g, '\uFFFD') : s;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '\uFFFD' };

/** One value in COPY's text format (\N for null; backslash, tab and line breaks escaped). */
export function copyValue(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot store the number ${v}`);
    return String(v);
  }
  return /[\\\n\r\t\u0000]/.test(v) ? v.replace(/[\\\n\r\t\u0000]/g, (c) => ESCAPES[c]) : v;
}

/** COPY rows into `table (columns)` on this client (inside the caller's transaction). */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly CopyValue[]>,
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
  // a batch's rows in a few large writes (one round trip for small batches)
  let buf = '';
  for (const row of rows) {
    buf += `${row.map(copyValue).join('\t')}\n`;
    if (buf.length > 1 << 20) {
      if (!stream.write(buf)) await new Promise((r) => stream.once('drain', r));
      buf = '';
    }
  }
  stream.end(buf);
  await done;
}
