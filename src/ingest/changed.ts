// What ingest and enqueue share: the starting progress of a run over listed files, and the
// skip of documents already stored unchanged by the same pipeline.
import { contentId } from '../doc/doc.js';
import type { DocumentInput } from '../doc/types.js';
import { inputHash } from '../store/rows.js';
import type { DocumentRecord, Store } from '../store/types.js';
import type { ProgressState } from './progress.js';
import { type InputItem, readSource } from './sources.js';
import type { SourceFile } from './walk.js';

/** Progress before the first document; the byte total is known when every file's size is. */
export function startProgress(files: readonly SourceFile[]): ProgressState {
  return {
    documents: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    bytesDone: 0,
    bytesTotal: files.some((f) => f.size === null) ? null : files.reduce((s, f) => s + (f.size ?? 0), 0),
  };
}

/**
 * The items whose input (by hash) or pipeline differs from the stored coded version, counting
 * the others in `state.unchanged`.
 */
export async function changedItems<T extends { input: { id: string }; hash: string }>(
  store: Pick<Store, 'versions'>,
  items: T[],
  pipeline: string,
  state: ProgressState,
): Promise<T[]> {
  const versions = await store.versions(items.map((p) => p.input.id));
  return items.filter((p) => {
    const v = versions.get(p.input.id);
    const same = v && v.status === 'coded' && v.hash === p.hash && v.pipeline === pipeline;
    if (same) state.unchanged++;
    return !same;
  });
}

/**
 * Every item of the listed files in order, counted into `state`; stops at the next item once
 * `signal` is aborted (the caller reads `signal.aborted` to report an interruption).
 */
export async function* readSources(
  files: readonly SourceFile[],
  options: { date: string | null; maxBytes: number; signal?: AbortSignal },
  state: ProgressState,
): AsyncGenerator<InputItem> {
  for (const file of files) {
    const items = readSource(file.path, {
      format: file.format,
      date: options.date,
      maxBytes: options.maxBytes,
      id: file.id,
    });
    for await (const item of items) {
      if (options.signal?.aborted) return;
      state.documents++;
      state.bytesDone += item.bytes ?? 0;
      yield item;
    }
  }
}

/** A readable document with its id (given, or a content hash) and its input hash. */
export function pendingOf(input: DocumentInput, origin: string): Pending {
  const withId = { ...input, id: input.id ?? contentId(input.text) };
  return { input: withId, hash: inputHash(withId), origin };
}

export interface Pending {
  input: DocumentInput & { id: string };
  hash: string;
  origin: string;
}

/** The failed-document record of an item that could not be read. */
export function unreadableRecord(item: Extract<InputItem, { ok: false }>, pipeline: string): DocumentRecord {
  return {
    status: 'failed',
    hash: null,
    pipeline,
    origin: item.origin,
    id: item.id ?? item.origin,
    input: null,
    error: item.error,
  };
}
