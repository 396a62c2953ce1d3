// `eventwire ingest`: read sources, skip what the store already holds (same id, same input
// hash, same pipeline), code the rest on worker threads, and write results in batches, one
// transaction each. A crash or Ctrl-C loses at most the batches not yet committed, which a
// re-run codes again: no document is lost, none is stored twice.
import type { Writable } from 'node:stream';
import type { CodedDocument } from '../doc/types.js';
import { describeError } from '../errors.js';
import { PRESETS, type PresetName } from '../pipeline/presets.js';
import type { PreparedDocument, PreparedRecord } from '../store/prepared.js';
import type { DocumentRecord, Store } from '../store/types.js';
import { StoryAssigner } from '../stories/03-assign.js';
import { changedItems, type Pending, pendingOf, readSources, startProgress, unreadableRecord } from './changed.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { type CodeResult, type Coder, InlineCoder, type PreparedResult, WorkerCoder } from './pool.js';
import type { Progress, ProgressState } from './progress.js';
import type { InputFormat } from './sources.js';
import { listSources } from './walk.js';

export interface IngestOptions {
  store: Store;
  input?: InputFormat;
  date?: string | null;
  /** Worker threads; 0 codes in the calling thread. */
  workers?: number;
  maxBytes?: number;
  preset?: PresetName;
  /** Identifies the coder: unchanged input coded by another pipeline is coded again. */
  pipeline?: string;
  /** Re-code even unchanged documents. */
  recode?: boolean;
  /** Documents per store transaction (at most; a batch is also written after `flushMs`). */
  batchSize?: number;
  /** Longest wait, in ms, before the documents coded so far are written. */
  flushMs?: number;
  /** Documents per message to a worker. */
  chunkSize?: number;
  signal?: AbortSignal;
  err?: Writable;
  progress?: Progress | null;
  /** Most per-document error lines printed (the rest are counted). */
  maxErrorLines?: number;
  coder?: Coder;
  /** Group near-duplicates and thread stories as documents arrive (default true). */
  stories?: boolean;
  /** Prepare documents for storing in the coding threads when store and coder can (default true). */
  prepare?: boolean;
}

export interface IngestSummary {
  documents: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  skippedFiles: number;
  interrupted: boolean;
  seconds: number;
}

export function pipelineSignature(preset: PresetName = 'full', version = ''): string {
  const stages = PRESETS[preset]()
    .map((s) => s.name)
    .join('+');
  return version ? `${version}:${stages}` : stages;
}

export async function runIngest(sources: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const store = options.store;
  const err = options.err ?? process.stderr;
  const preset = options.preset ?? 'full';
  const pipeline = options.pipeline ?? pipelineSignature(preset);
  // large batches: each commit writes every index page the batch touched, so 1,024 documents
  // per transaction cost the storing thread ~10% less per document than 256
  const batchSize = options.batchSize ?? 1024;
  const flushMs = options.flushMs ?? 2000;
  const chunkSize = options.chunkSize ?? 16;
  const maxErrorLines = options.maxErrorLines ?? 20;
  const progress = options.progress ?? null;
  const { files, skipped } = await listSources(sources, options.input);
  const state: ProgressState = startProgress(files);
  let errorLines = 0;
  const report = (origin: string, id: string | null, e: { code: string; message: string }) => {
    if (errorLines++ < maxErrorLines) {
      progress?.done();
      err.write(`eventwire: ${origin}${id ? ` (${id})` : ''}: ${e.code}: ${e.message}\n`);
    }
  };

  const coder =
    options.coder ?? ((options.workers ?? 0) > 0 ? new WorkerCoder(options.workers!, preset) : new InlineCoder(preset));
  let interrupted = false;
  const assigner = options.stories === false ? null : await StoryAssigner.open(store);
  let lastSave = performance.now();
  try {
    await coder.ready();
    // a store that takes prepared documents gets them from the coding threads, which then do
    // the storing thread's per-document work (layers JSON, rows, story inputs)
    const prepared = options.prepare !== false && !!store.putPrepared && !!coder.codePrepared;
    let toWrite: Array<DocumentRecord | PreparedRecord> = [];
    let writing: Promise<void> = Promise.resolve();
    let lastFlush = performance.now();
    const flush = (force: boolean) => {
      if (toWrite.length === 0) return;
      if (!force && toWrite.length < batchSize && performance.now() - lastFlush < flushMs) return;
      const batch = toWrite;
      toWrite = [];
      lastFlush = performance.now();
      writing = writing.then(async () => {
        const outcomes = prepared ? await store.putPrepared!(batch) : await store.put(batch as DocumentRecord[]);
        for (const o of outcomes) state[o]++;
        progress?.update(state);
        // the grouping state follows the stored documents (at most a minute behind after a crash)
        if (assigner && performance.now() - lastSave > 60_000) {
          lastSave = performance.now();
          await assigner.save(store);
        }
      });
    };

    const inflight = new Set<Promise<void>>();
    const depth = Math.max(coder.capacity * 2, Math.ceil(batchSize / chunkSize / 2));
    let chunk: Pending[] = [];
    const dispatch = async () => {
      if (chunk.length === 0) return;
      const items = chunk;
      chunk = [];
      let todo = items;
      if (!options.recode) {
        todo = await changedItems(store, items, pipeline, state);
      }
      if (todo.length === 0) return;
      const inputs = todo.map((p) => p.input);
      const coded: Promise<Array<CodeResult | PreparedResult>> = prepared
        ? coder.codePrepared!(inputs, assigner !== null)
        : coder.code(inputs);
      const job = coded.then((results) => {
        results.forEach((r, i) => {
          const p = todo[i];
          if (r.ok && prepared) {
            const d = r.doc as PreparedDocument;
            const links = assigner ? assigner.assignPrepared(d, d.story?.sig ?? null, d.story?.inputs ?? null) : null;
            // the store does not read them: not kept alive until the batch is written
            d.story = undefined;
            toWrite.push({
              status: 'prepared',
              hash: p.hash,
              pipeline,
              origin: p.origin,
              doc: d,
              ...(links ? { links } : {}),
            });
          } else if (r.ok) {
            const d = r.doc as CodedDocument;
            toWrite.push({
              status: 'coded',
              hash: p.hash,
              pipeline,
              origin: p.origin,
              doc: d,
              ...(assigner ? { links: assigner.assign(d) } : {}),
            });
          } else {
            report(p.origin, p.input.id, r.error);
            toWrite.push({
              status: 'failed',
              hash: p.hash,
              pipeline,
              origin: p.origin,
              id: p.input.id,
              input: p.input,
              error: r.error,
            });
          }
        });
        flush(false);
      });
      inflight.add(job);
      job.finally(() => inflight.delete(job)).catch(() => {});
      // enough queued per worker to outlast the main thread's longest stretch of storing (a
      // batch), so no worker waits for work: twice the coder's depth, and half a batch at least
      while (inflight.size >= depth) await Promise.race(inflight);
    };

    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    for await (const item of readSources(
      files,
      { date: options.date ?? null, maxBytes, signal: options.signal },
      state,
    )) {
      if (!item.ok) {
        report(item.origin, item.id, item.error);
        toWrite.push(unreadableRecord(item, pipeline));
        flush(false);
      } else {
        chunk.push(pendingOf(item.input, item.origin));
        if (chunk.length >= chunkSize) await dispatch();
      }
      progress?.update(state);
    }
    if (options.signal?.aborted) interrupted = true;
    await dispatch();
    while (inflight.size) await Promise.race(inflight);
    flush(true);
    await writing;
    if (assigner && assigner.count > 0) await assigner.save(store);
  } catch (e) {
    progress?.done();
    throw e;
  } finally {
    if (!options.coder) await coder.close();
  }
  progress?.update(state, true);
  progress?.done();
  if (errorLines > maxErrorLines)
    err.write(
      `eventwire: ... and ${errorLines - maxErrorLines} more failed documents (list them with: eventwire export --what documents --format csv, status column)\n`,
    );
  return {
    documents: state.documents,
    new: state.new,
    updated: state.updated,
    unchanged: state.unchanged,
    failed: state.failed,
    skippedFiles: skipped,
    interrupted,
    seconds: (performance.now() - t0) / 1000,
  };
}

export function describeIngestError(e: unknown): string {
  const d = describeError(e);
  return `${d.code}: ${d.message}`;
}
