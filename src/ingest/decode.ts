// Bytes to text, with clear errors for what cannot be text: empty input, binary data,
// invalid UTF-8, and documents over the size limit. UTF-8 and UTF-16 byte-order marks are
// honoured; a declared charset (HTML meta, feed XML declaration) is used when given.
import { EventwireError } from '../errors.js';

/** Default largest document, in bytes (a long article is well under 1 MB). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface DecodeOptions {
  maxBytes?: number;
  /** A charset label declared by the container (e.g. `<meta charset>`). */
  charset?: string | null;
}

export function checkSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes)
    throw new EventwireError(
      'too-large',
      `document is ${formatBytes(bytes)}, over the limit of ${formatBytes(maxBytes)} (raise it with --max-bytes)`,
    );
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Decode a document's bytes to a string, or throw an EventwireError saying why not. */
export function decodeText(buf: Uint8Array, options: DecodeOptions = {}): string {
  checkSize(buf.length, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (buf.length === 0) throw new EventwireError('empty', 'document is empty');
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else {
    if (looksBinary(buf)) throw new EventwireError('binary', 'document is binary data, not text');
    const label = normalizeCharset(options.charset);
    if (label && label !== 'utf-8') {
      try {
        text = new TextDecoder(label).decode(buf);
      } catch {
        throw new EventwireError('encoding', `unsupported declared charset "${options.charset}"`);
      }
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
      } catch {
        const at = firstInvalidUtf8(buf);
        throw new EventwireError(
          'encoding',
          `invalid UTF-8 at byte ${at}; convert the document to UTF-8 (e.g. iconv -f windows-1252 -t utf-8)`,
        );
      }
    }
  }
  checkText(text);
  return text;
}

/** Checks every decoded text must pass: not empty, not binary. */
export function checkText(text: string): void {
  if (text.trim() === '') throw new EventwireError('empty', 'document has no text');
  if (text.indexOf('\u0000') >= 0)
    throw new EventwireError('binary', 'document contains NUL characters (binary data?)');
}

function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  return l;
}

/** NUL bytes, or many control bytes in the first 8 KB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return control > n * 0.1;
}

function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
