// `eventwire code [FILE...]`: read documents, run the full pipeline, print coded documents.
// Documents stream one at a time; a bad one is reported (stderr, and in place in the output)
// and the rest are still coded.
import type { Writable } from 'node:stream';
import { toCodedDocument } from '../doc/doc.js';
import type { FailedDocument } from '../doc/types.js';
import { describeError } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import { type InputFormat, type InputItem, readSource } from '../ingest/sources.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { createPipeline } from '../pipeline/presets.js';
import { explainDocument } from './explain.js';
import { DocumentWriter, type OutputFormat, write } from './output.js';

export interface CodeOptions {
  input?: InputFormat;
  output?: OutputFormat;
  date?: string | null;
  explain?: boolean;
  tokens?: boolean;
  maxBytes?: number;
  out?: Writable;
  err?: Writable;
  pipeline?: Pipeline;
}

export interface CodeSummary {
  coded: number;
  failed: number;
}

/** All documents of all sources, in order. */
async function* allItems(files: readonly string[], options: CodeOptions): AsyncGenerator<InputItem> {
  const sources = files.length ? files : ['-'];
  for (const f of sources)
    yield* readSource(f, {
      format: options.input,
      date: options.date ?? null,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    });
}

export async function runCode(files: readonly string[], options: CodeOptions = {}): Promise<CodeSummary> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const pipeline = options.pipeline ?? createPipeline('full');
  const items = allItems(files, options);
  // one document of lookahead decides the default format: json for one, jsonl for several
  const first = await items.next();
  const second = first.done ? first : await items.next();
  const several = !second.done;
  const format: OutputFormat = options.explain ? 'explain' : (options.output ?? (several ? 'jsonl' : 'json'));
  const writer = new DocumentWriter(out, format, format === 'json' && several);
  const summary: CodeSummary = { coded: 0, failed: 0 };
  await writer.begin();
  const handle = async (item: InputItem) => {
    if (!item.ok) return fail(item.origin, item.id, item.error);
    try {
      const doc = pipeline.run(item.input, { explain: options.explain ?? false });
      if (format === 'explain') await write(out, explainDocument(doc));
      else await writer.document(toCodedDocument(doc, { tokens: options.tokens }));
      summary.coded++;
    } catch (e) {
      await fail(item.origin, item.input.id ?? null, describeError(e));
    }
  };
  const fail = async (origin: string, id: string | null, error: { code: string; message: string }) => {
    summary.failed++;
    err.write(`eventwire: ${origin}${id ? ` (${id})` : ''}: ${error.code}: ${error.message}\n`);
    const failed: FailedDocument = { id, error };
    await writer.document(failed);
  };
  if (!first.done) await handle(first.value);
  if (!second.done) {
    await handle(second.value);
    for await (const item of items) await handle(item);
  }
  await writer.end();
  return summary;
}
