// Reading documents from files and stdin: plain text, JSON Lines (streamed, constant
// memory), HTML and RSS/Atom feeds. Every document comes out either as an input or as an error attached to
// where it came from; one bad document never stops the others.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DocumentInput } from '../doc/types.js';
import { describeError, EventwireError } from '../errors.js';
import { checkSize, DEFAULT_MAX_BYTES, decodeText } from './decode.js';
import { parseFeed } from './feed.js';
import { htmlToDocument, sniffHtmlCharset } from './html.js';
import { parseJsonlRecord } from './jsonl.js';
import { readLines } from './lines.js';

export type InputFormat = 'text' | 'jsonl' | 'html' | 'feed';

export interface ReadOptions {
  /** Forced format; else chosen by extension. */
  format?: InputFormat;
  /** Publication date for text/html input (YYYY-MM-DD). */
  date?: string | null;
  maxBytes?: number;
  /** Id of a text/html file's document (default: the file name without extension). */
  id?: string | null;
}

/** `bytes`: how much of the source the item took (for progress). */
export type InputItem =
  | { ok: true; origin: string; input: DocumentInput; bytes?: number }
  | { ok: false; origin: string; id: string | null; error: { code: string; message: string }; bytes?: number };

export function formatFor(path: string, forced?: InputFormat): InputFormat {
  if (forced) return forced;
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  return 'text';
}

/** The id a file's document gets: its name without extension. */
export function fileId(path: string): string | null {
  if (path === '-') return null;
  const b = basename(path);
  const e = extname(b);
  return e ? b.slice(0, -e.length) : b;
}

/** Documents of one source (a file path, or `-` for stdin). */
export async function* readSource(path: string, options: ReadOptions = {}): AsyncGenerator<InputItem> {
  const format = formatFor(path, options.format);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const origin = path === '-' ? '<stdin>' : path;
  if (format === 'jsonl') {
    let stream: AsyncIterable<Buffer>;
    try {
      stream = path === '-' ? (process.stdin as AsyncIterable<Buffer>) : await openStream(path);
    } catch (err) {
      yield { ok: false, origin, id: null, error: describeError(err) };
      return;
    }
    try {
      for await (const line of readLines(stream, maxBytes)) {
        const where = `${origin}:${line.number}`;
        const bytes = line.length + 1;
        if (line.bytes !== null && line.bytes.toString('latin1').trim() === '') continue; // blank lines separate nothing
        try {
          if (line.bytes === null) checkSize(line.length, maxBytes);
          const input = parseJsonlRecord(line.bytes!, maxBytes);
          yield { ok: true, origin: where, input, bytes };
        } catch (err) {
          yield {
            ok: false,
            origin: where,
            id: peekId(line.bytes ?? line.head ?? null),
            error: describeError(err),
            bytes,
          };
        }
      }
    } catch (err) {
      yield { ok: false, origin, id: null, error: describeError(err) };
    }
    return;
  }
  try {
    const bytes = path === '-' ? await readStdin(maxBytes) : await readFileCapped(path, maxBytes);
    const id = options.id ?? fileId(path);
    if (format === 'feed') {
      const xml = decodeText(bytes, { maxBytes, charset: sniffXmlCharset(bytes) });
      const items = parseFeed(xml, origin);
      if (items.length === 0) throw new EventwireError('empty', 'feed has no items');
      const share = Math.floor(bytes.length / items.length);
      for (const [n, item] of items.entries()) {
        const where = `${origin}#${n + 1}`;
        if (item.ok) yield { ok: true, origin: where, input: item.input, bytes: share };
        else yield { ok: false, origin: where, id: item.id, error: describeError(item.error), bytes: share };
      }
    } else if (format === 'html') {
      const html = decodeText(bytes, { maxBytes, charset: sniffHtmlCharset(bytes) });
      const input = htmlToDocument(html, id);
      if (options.date) input.date = options.date;
      yield { ok: true, origin, input, bytes: bytes.length };
    } else {
      const text = decodeText(bytes, { maxBytes });
      yield { ok: true, origin, input: { id, text, date: options.date ?? null }, bytes: bytes.length };
    }
  } catch (err) {
    yield { ok: false, origin, id: options.id ?? fileId(path), error: describeError(err) };
  }
}

/** The encoding an XML declaration names, if any. */
function sniffXmlCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 256)).toString('latin1');
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m ? m[1] : null;
}

async function openStream(path: string): Promise<AsyncIterable<Buffer>> {
  const st = await statOrThrow(path);
  if (st.isDirectory()) throw new EventwireError('io', `${path} is a directory`);
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EventwireError('not-found', `no such file: ${path}`);
    if (code === 'EACCES') throw new EventwireError('io', `permission denied: ${path}`);
    throw new EventwireError('io', `cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Read a file, refusing (without reading it) one over the limit. */
async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const st = await statOrThrow(path);
  if (st.isDirectory()) throw new EventwireError('io', `${path} is a directory`);
  checkSize(st.size, maxBytes);
  const fh = await open(path, 'r');
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      // drain the rest so the writer is not blocked, keep nothing
      for await (const _ of process.stdin as AsyncIterable<Buffer>) size += _.length;
      checkSize(size, maxBytes);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Best-effort id of a malformed JSONL line, for the error record. */
function peekId(bytes: Buffer | null): string | null {
  if (!bytes) return null;
  const head = bytes.subarray(0, 4096).toString('utf8');
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,20})/.exec(head);
  if (!m) return null;
  try {
    return String(JSON.parse(m[1]));
  } catch {
    return null;
  }
}
