// `eventwire export`: stored events, documents or stories as CSV, JSONL, GDELT-style TSV,
// PLOVER JSONL or Parquet. Rows stream from the store with backpressure (constant memory);
// Parquet goes through an in-process DuckDB appender (no extension downloads).
import type { Writable } from 'node:stream';
import { write } from '../cli/output.js';
import { EventwireError } from '../errors.js';
import type { EventQuery, Store, StoredDocument } from '../store/types.js';
import {
  type Column,
  csvHeader,
  csvRow,
  DOCUMENT_COLUMNS,
  EVENT_COLUMNS,
  GDELT_COLUMNS,
  gdeltRow,
  objectRow,
  ploverRecord,
  STORY_COLUMNS,
  type StoryRow,
} from './formats.js';

export type ExportWhat = 'events' | 'documents' | 'stories';
export type ExportFormat = 'csv' | 'jsonl' | 'gdelt' | 'plover' | 'parquet';

export interface ExportOptions {
  what: ExportWhat;
  format: ExportFormat;
  /** Stream for text formats; Parquet needs `file`. */
  out?: Writable;
  file?: string;
  /** Event filters (events only). */
  events?: Omit<EventQuery, 'limit' | 'offset'>;
  /** Publication-date range for documents. */
  from?: string;
  to?: string;
  coder?: string;
}

/** Which formats each kind of row has. */
export const FORMATS: Record<ExportWhat, readonly ExportFormat[]> = {
  events: ['csv', 'jsonl', 'gdelt', 'plover', 'parquet'],
  documents: ['csv', 'jsonl', 'parquet'],
  stories: ['csv', 'jsonl', 'parquet'],
};

export function checkExport(what: ExportWhat, format: ExportFormat, toFile: boolean): void {
  if (!FORMATS[what].includes(format))
    throw new EventwireError(
      'usage',
      `--format ${format} is not available for ${what} (use ${FORMATS[what].join(', ')})`,
    );
  if (format === 'parquet' && !toFile) throw new EventwireError('usage', 'Parquet is binary: give --out FILE');
}

/** Export; returns the number of rows written. */
export async function runExport(store: Store, options: ExportOptions): Promise<number> {
  checkExport(options.what, options.format, !!options.file);
  if (options.format === 'parquet') return exportParquet(store, options);
  const out = options.out;
  if (!out) throw new EventwireError('usage', 'no output');
  let n = 0;
  if (options.what === 'events') {
    // CSV/JSONL carry every event with its flags; GDELT and PLOVER only those that happened
    const flagged =
      options.format === 'gdelt' || options.format === 'plover' ? 'exclude' : (options.events?.flagged ?? 'include');
    const query = { ...options.events, flagged };
    if (options.format === 'csv') await write(out, csvHeader(EVENT_COLUMNS));
    if (options.format === 'gdelt') await write(out, `${GDELT_COLUMNS.join('\t')}\n`);
    const sentences = new SentenceCache(store);
    const coder = options.coder ?? 'eventwire';
    const codedDate = new Date().toISOString().slice(0, 10);
    for await (const e of store.iterateEvents(query)) {
      let line: string | null;
      if (options.format === 'csv') line = csvRow(EVENT_COLUMNS, e);
      else if (options.format === 'jsonl') line = `${JSON.stringify(objectRow(EVENT_COLUMNS, e))}\n`;
      else if (options.format === 'gdelt') line = gdeltRow(e);
      else {
        const rec = ploverRecord(e, await sentences.get(e.docId, e.sentence), { coder, codedDate });
        line = rec ? `${JSON.stringify(rec)}\n` : null;
      }
      if (line) {
        n++;
        await write(out, line);
      }
    }
    return n;
  }
  if (options.what === 'documents') {
    if (options.format === 'csv') await write(out, csvHeader(DOCUMENT_COLUMNS));
    const full = options.format === 'jsonl';
    for await (const d of store.iterateDocuments({ from: options.from, to: options.to, status: 'all' }, full)) {
      n++;
      if (options.format === 'csv') await write(out, csvRow(DOCUMENT_COLUMNS, d));
      else await write(out, `${JSON.stringify(documentJson(d))}\n`);
    }
    return n;
  }
  const stories = await storyRows(store, options);
  if (options.format === 'csv') await write(out, csvHeader(STORY_COLUMNS));
  for (const s of stories) {
    n++;
    await write(out, options.format === 'csv' ? csvRow(STORY_COLUMNS, s) : `${JSON.stringify(s)}\n`);
  }
  return n;
}

/** A document as JSONL: the coded document (SPEC shape) plus the store's fields. */
function documentJson(d: StoredDocument): Record<string, unknown> {
  const head = objectRow(DOCUMENT_COLUMNS, d);
  if (!d.doc) return head;
  const { id, date, title, source, url, ...rest } = d.doc;
  return {
    id,
    date,
    title,
    source,
    url,
    story: d.summary.story,
    duplicate_of: d.summary.duplicateOf,
    status: d.summary.status,
    ...rest,
  };
}

/** Stories: documents grouped by their `story` (filled by story detection; none yet is empty). */
async function storyRows(store: Store, options: ExportOptions): Promise<StoryRow[]> {
  const by = new Map<string, StoryRow>();
  for await (const d of store.iterateDocuments({ from: options.from, to: options.to }, false)) {
    const s = d.summary.story;
    if (!s) continue;
    const row = by.get(s) ?? {
      story: s,
      documents: 0,
      first_date: null,
      last_date: null,
      title: d.summary.title,
      document_ids: '',
    };
    row.documents++;
    const date = d.summary.date;
    if (date && (!row.first_date || date < row.first_date)) row.first_date = date;
    if (date && (!row.last_date || date > row.last_date)) row.last_date = date;
    row.document_ids = row.document_ids ? `${row.document_ids} ${d.summary.id}` : d.summary.id;
    by.set(s, row);
  }
  return [...by.values()];
}

/** Sentence texts of recently seen documents (events of a document come close together). */
class SentenceCache {
  private readonly docs = new Map<string, { text: string; sentences: Array<{ start: number; end: number }> } | null>();
  constructor(private readonly store: Store) {}
  async get(docId: string, sentence: number): Promise<string | null> {
    let d = this.docs.get(docId);
    if (d === undefined) {
      const stored = await this.store.getDocument(docId);
      d = stored?.doc ? { text: stored.doc.text, sentences: stored.doc.sentences } : null;
      if (this.docs.size > 256) this.docs.delete(this.docs.keys().next().value as string);
      this.docs.set(docId, d);
    }
    const s = d?.sentences[sentence];
    return s ? d!.text.slice(s.start, s.end) : null;
  }
}

async function exportParquet(store: Store, options: ExportOptions): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const sqlType = { string: 'VARCHAR', integer: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN' } as const;
    const load = async <R>(columns: ReadonlyArray<Column<R>>, rows: AsyncIterable<R> | Iterable<R>) => {
      await conn.run(`CREATE TABLE t (${columns.map((c) => `"${c.name}" ${sqlType[c.type]}`).join(', ')})`);
      const app = await conn.createAppender('t');
      let n = 0;
      for await (const r of rows) {
        for (const c of columns) {
          const v = c.get(r);
          if (v === null || v === undefined) app.appendNull();
          else if (c.type === 'string') app.appendVarchar(String(v));
          else if (c.type === 'integer') app.appendBigInt(BigInt(Math.trunc(Number(v))));
          else if (c.type === 'double') app.appendDouble(Number(v));
          else app.appendBoolean(Boolean(v));
        }
        app.endRow();
        if (++n % 10_000 === 0) app.flushSync();
      }
      app.closeSync();
      return n;
    };
    let n: number;
    if (options.what === 'events')
      n = await load(EVENT_COLUMNS, store.iterateEvents({ flagged: 'include', ...options.events }));
    else if (options.what === 'documents')
      n = await load(
        DOCUMENT_COLUMNS,
        store.iterateDocuments({ from: options.from, to: options.to, status: 'all' }, false),
      );
    else n = await load(STORY_COLUMNS, await storyRows(store, options));
    const path = options.file!.replace(/'/g, "''");
    await conn.run(`COPY t TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
    return n;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
