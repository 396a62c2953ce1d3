// What ingest and enqueue share: the starting progress of a run over listed files, and the
// skip of documents already stored unchanged by the same pipeline.
import type { Store } from '../store/types.js';
import type { ProgressState } from './progress.js';
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
