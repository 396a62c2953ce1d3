// `eventwire ingest --enqueue`: read sources as ingest does, skip what the store holds
// unchanged, and put the rest on the PostgreSQL work queue for `eventwire worker`s. Input
// that cannot be read (bad JSON, binary files) is stored as failed documents right away.
import type { Writable } from 'node:stream';
import { changedItems, pendingOf, readSources, startProgress, unreadableRecord } from '../ingest/changed.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import type { Progress, ProgressState } from '../ingest/progress.js';
import type { InputFormat } from '../ingest/sources.js';
import { listSources } from '../ingest/walk.js';
import type { PostgresStore } from '../store/postgres/store.js';
import type { DocumentRecord } from '../store/types.js';
import { type QueueItem, WorkQueue } from './queue.js';

export interface EnqueueOptions {
  store: PostgresStore;
  pipeline: string;
  input?: InputFormat;
  date?: string | null;
  maxBytes?: number;
  recode?: boolean;
  batchSize?: number;
  signal?: AbortSignal;
  err?: Writable;
  progress?: Progress | null;
  maxErrorLines?: number;
}

export interface EnqueueSummary {
  documents: number;
  queued: number;
  unchanged: number;
  failed: number;
  skippedFiles: number;
  interrupted: boolean;
  seconds: number;
}

export async function runEnqueue(sources: readonly string[], options: EnqueueOptions): Promise<EnqueueSummary> {
  const t0 = performance.now();
  const { store, pipeline } = options;
  const queue = new WorkQueue(store);
  const err = options.err ?? process.stderr;
  const batchSize = options.batchSize ?? 500;
  const maxErrorLines = options.maxErrorLines ?? 20;
  const progress = options.progress ?? null;
  const { files, skipped } = await listSources(sources, options.input);
  const state: ProgressState = startProgress(files);
  let queued = 0;
  let errorLines = 0;
  let items: QueueItem[] = [];
  let failures: DocumentRecord[] = [];
  const flush = async () => {
    if (items.length) {
      let todo = items;
      if (!options.recode) {
        todo = await changedItems(store, items, pipeline, state);
      }
      queued += await queue.enqueue(todo, pipeline);
      state.new = queued;
      items = [];
    }
    if (failures.length) {
      for (const o of await store.put(failures)) if (o === 'failed') state.failed++;
      failures = [];
    }
    progress?.update(state);
  };
  let interrupted = false;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    for await (const item of readSources(
      files,
      { date: options.date ?? null, maxBytes, signal: options.signal },
      state,
    )) {
      if (!item.ok) {
        if (errorLines++ < maxErrorLines) {
          progress?.done();
          err.write(
            `eventwire: ${item.origin}${item.id ? ` (${item.id})` : ''}: ${item.error.code}: ${item.error.message}\n`,
          );
        }
        failures.push(unreadableRecord(item, pipeline));
      } else items.push(pendingOf(item.input, item.origin));
      if (items.length + failures.length >= batchSize) await flush();
    }
    interrupted = options.signal?.aborted ?? false;
    await flush();
  } finally {
    progress?.update(state, true);
    progress?.done();
  }
  return {
    documents: state.documents,
    queued,
    unchanged: state.unchanged,
    failed: state.failed,
    skippedFiles: skipped,
    interrupted,
    seconds: (performance.now() - t0) / 1000,
  };
}
