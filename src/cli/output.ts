// Output formats of `eventwire code`: one JSON document (or an array), JSON Lines, and the
// events TSV of SPEC.md. Writes respect backpressure so output streams in constant memory.
import type { Writable } from 'node:stream';
import type { CodedDocument, CodedEvent, FailedDocument } from '../doc/types.js';

export type OutputFormat = 'json' | 'jsonl' | 'events-tsv' | 'explain';

export const EVENTS_TSV_COLUMNS = [
  'doc_id',
  'date',
  'source_code',
  'target_code',
  'code',
  'root',
  'goldstein',
  'quad_class',
  'place_name',
  'country',
  'lat',
  'lon',
  'sentence',
  'trigger',
] as const;

/** A TSV cell: tabs and line breaks folded to spaces, null as empty. */
export function tsvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

export function eventTsvRow(docId: string, e: CodedEvent): string {
  return [
    docId,
    e.date,
    e.source?.code,
    e.target?.code,
    e.code,
    e.root,
    e.goldstein,
    e.quadClass,
    e.place?.name,
    e.place?.country,
    e.place?.lat,
    e.place?.lon,
    e.sentence,
    e.trigger?.text,
  ]
    .map(tsvCell)
    .join('\t');
}

/** Write a string, waiting for the stream to drain when its buffer is full. */
export function write(out: Writable, s: string): Promise<void> | void {
  if (out.write(s)) return;
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      out.off('drain', onDrain);
      reject(err);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

export class DocumentWriter {
  private count = 0;
  constructor(
    private readonly out: Writable,
    private readonly format: OutputFormat,
    /** For `json`: print an array (several documents) rather than one object. */
    private readonly array: boolean,
  ) {}

  async begin(): Promise<void> {
    if (this.format === 'events-tsv') await write(this.out, `${EVENTS_TSV_COLUMNS.join('\t')}\n`);
    else if (this.format === 'json' && this.array) await write(this.out, '[\n');
  }

  async document(doc: CodedDocument | FailedDocument): Promise<void> {
    const first = this.count === 0;
    this.count++;
    switch (this.format) {
      case 'jsonl':
        await write(this.out, `${JSON.stringify(doc)}\n`);
        return;
      case 'json':
        await write(
          this.out,
          `${this.array && !first ? ',\n' : ''}${JSON.stringify(doc, null, 2)}${this.array ? '' : '\n'}`,
        );
        return;
      case 'events-tsv': {
        if ('error' in doc) return;
        let chunk = '';
        for (const e of doc.events) chunk += `${eventTsvRow(doc.id, e)}\n`;
        if (chunk) await write(this.out, chunk);
        return;
      }
      case 'explain':
        // explanations are written by the caller from the full Doc (explainDocument)
        if ('error' in doc) await write(this.out, `# ${doc.id ?? '?'}: error: ${doc.error.message}\n\n`);
        return;
    }
  }

  async end(): Promise<void> {
    if (this.format === 'json' && this.array) await write(this.out, '\n]\n');
  }
}
