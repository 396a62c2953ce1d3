// What `eventwire ingest` reads: the files named, and folders walked recursively (sorted,
// hidden entries skipped, only known document types), each with its format, size and the id
// its document gets (the path inside the folder, so two `index.html` never collide).
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { EventwireError } from '../errors.js';
import { fileId, formatFor, type InputFormat } from './sources.js';

export interface SourceFile {
  path: string;
  format: InputFormat;
  /** Bytes, or null for stdin. */
  size: number | null;
  /** Id for a text/html document (feeds and JSONL carry their own). */
  id: string | null;
}

const FEED_EXT = new Set(['.rss', '.atom', '.xml']);
const KNOWN_EXT = new Set(['.txt', '.text', '.md', '.jsonl', '.ndjson', '.html', '.htm', '.xhtml', ...FEED_EXT]);

/** The format `ingest` reads a path as: `code`'s choice, plus feeds (.rss, .atom, .xml). */
export function ingestFormatFor(path: string, forced?: InputFormat): InputFormat {
  if (forced) return forced;
  if (FEED_EXT.has(extname(path).toLowerCase())) return 'feed';
  return formatFor(path);
}

export interface WalkResult {
  files: SourceFile[];
  /** Files inside folders skipped for their type. */
  skipped: number;
}

export async function listSources(paths: readonly string[], forced?: InputFormat): Promise<WalkResult> {
  const files: SourceFile[] = [];
  let skipped = 0;
  for (const p of paths) {
    if (p === '-') {
      files.push({ path: '-', format: forced ?? 'jsonl', size: null, id: null });
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new EventwireError(
        code === 'ENOENT' ? 'not-found' : 'io',
        code === 'ENOENT' ? `no such file or folder: ${p}` : `cannot read ${p}: ${(err as Error).message}`,
      );
    }
    if (!st.isDirectory()) {
      files.push({ path: p, format: ingestFormatFor(p, forced), size: st.size, id: fileId(p) });
      continue;
    }
    // iterative walk, sorted for a reproducible order
    const stack = [p];
    const found: SourceFile[] = [];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        throw new EventwireError('io', `cannot read folder ${dir}: ${(err as Error).message}`);
      }
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const full = join(dir, e.name);
        if (e.isDirectory()) stack.push(full);
        else if (e.isFile() || e.isSymbolicLink()) {
          if (!KNOWN_EXT.has(extname(e.name).toLowerCase()) && !forced) {
            skipped++;
            continue;
          }
          let size = 0;
          try {
            const s = await stat(full);
            if (!s.isFile()) continue;
            size = s.size;
          } catch {
            continue; // a dangling link
          }
          const rel = relative(p, full).split(sep).join('/');
          const ext = extname(rel);
          found.push({
            path: full,
            format: ingestFormatFor(full, forced),
            size,
            id: ext ? rel.slice(0, -ext.length) : rel,
          });
        }
      }
    }
    found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    files.push(...found);
  }
  return { files, skipped };
}
