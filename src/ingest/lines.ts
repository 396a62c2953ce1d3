// Lines of a byte stream in constant memory: a line longer than the limit is skipped (its
// bytes are counted, not kept) and reported as too long, so a 1 GB JSONL file or a 50 MB
// single line never has to be held whole.

export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line's bytes without the line break, or null when it was longer than the limit. */
  bytes: Buffer | null;
  /** Length in bytes (also for a skipped line). */
  length: number;
  /** The first bytes of a skipped line (to name it in the error). */
  head?: Buffer;
}

const HEAD_BYTES = 4096;

export async function* readLines(stream: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let head: Buffer | undefined;
  let number = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    while (from < buf.length) {
      const nl = buf.indexOf(10, from);
      const end = nl < 0 ? buf.length : nl;
      const piece = buf.subarray(from, end);
      size += piece.length;
      if (!skipping) {
        if (size > maxBytes) {
          skipping = true;
          head = Buffer.concat(parts.concat(Buffer.from(piece))).subarray(0, HEAD_BYTES);
          parts = [];
        } else if (piece.length) parts.push(Buffer.from(piece));
      }
      if (nl < 0) break;
      number++;
      yield finish(number, parts, size, skipping, head);
      parts = [];
      size = 0;
      skipping = false;
      head = undefined;
      from = nl + 1;
    }
  }
  if (size > 0 || parts.length) {
    number++;
    yield finish(number, parts, size, skipping, head);
  }
}

function finish(number: number, parts: Buffer[], size: number, skipped: boolean, head?: Buffer): Line {
  if (skipped) return { number, bytes: null, length: size, head };
  let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  if (bytes.length && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
  return { number, bytes, length: bytes.length };
}
