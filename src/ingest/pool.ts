// Coding documents on every core: a pool of worker threads, each with its own pipeline
// (loaded once), fed batches by the main thread. `InlineCoder` does the same in the calling
// thread (for `--workers 0`, tests, and tiny inputs).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { toCodedDocument } from '../doc/doc.js';
import type { CodedDocument, DocumentInput } from '../doc/types.js';
import { describeError, EventwireError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { createPipeline, type PresetName } from '../pipeline/presets.js';
import { type PreparedDocument, prepareDocument } from '../store/prepared.js';
import { spawnWorker } from './spawn.js';

export type CodeResult = { ok: true; doc: CodedDocument } | { ok: false; error: { code: string; message: string } };

/** A document coded and prepared for a row store (src/store/prepared.ts). */
export type PreparedResult =
  | { ok: true; doc: PreparedDocument }
  | { ok: false; error: { code: string; message: string } };

export interface CodeRequest {
  seq: number;
  inputs: DocumentInput[];
  /** Return prepared documents instead of coded ones (with the story assigner's inputs when `stories`). */
  prepare?: { stories: boolean };
}

/** Code one document, prepared for storing when `prepare` is given (what workers run). */
export function codeOne(
  pipeline: Pipeline,
  input: DocumentInput,
  prepare: CodeRequest['prepare'],
): CodeResult | PreparedResult {
  try {
    const doc = toCodedDocument(pipeline.run(input));
    return prepare ? { ok: true, doc: prepareDocument(doc, prepare) } : { ok: true, doc };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** Documents per answer of a coding thread (`part` messages). */
export const ANSWER_GROUP = 4;

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'results'; seq: number; results: CodeResult[] | PreparedResult[] }
  /** A request's results from `index` on, of `count` in all (a coding thread answers in parts). */
  | { type: 'part'; seq: number; index: number; count: number; results: CodeResult[] | PreparedResult[] }
  | { type: 'fatal'; error: { code: string; message: string } };

export interface Coder {
  /** How many batches it can usefully hold at once. */
  readonly capacity: number;
  ready(): Promise<void>;
  code(inputs: DocumentInput[]): Promise<CodeResult[]>;
  /** Code and prepare for a row store's `putPrepared` in the coding thread (optional). */
  codePrepared?(inputs: DocumentInput[], stories: boolean): Promise<PreparedResult[]>;
  close(): Promise<void>;
}

export class InlineCoder implements Coder {
  readonly capacity = 1;
  private readonly pipeline: Pipeline;
  constructor(preset: PresetName = 'full', pipeline?: Pipeline) {
    this.pipeline = pipeline ?? createPipeline(preset);
  }
  async ready(): Promise<void> {}
  async code(inputs: DocumentInput[]): Promise<CodeResult[]> {
    const out = inputs.map((input) => codeOne(this.pipeline, input, undefined) as CodeResult);
    // yield to the event loop between batches (progress, signals)
    await new Promise((r) => setImmediate(r));
    return out;
  }
  async codePrepared(inputs: DocumentInput[], stories: boolean): Promise<PreparedResult[]> {
    const out = inputs.map((input) => codeOne(this.pipeline, input, { stories }) as PreparedResult);
    await new Promise((r) => setImmediate(r));
    return out;
  }
  async close(): Promise<void> {}
}

/** One coding thread or process: requests in flight, and how to send it one. */
interface Slot {
  busy: number;
  ready: Promise<void>;
  send: (request: CodeRequest) => void;
}

/** Requests spread over coding threads or processes, the least busy first; answers by sequence number. */
abstract class SlotCoder {
  protected readonly slots: Slot[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: coded or prepared results, as the request asked
  private readonly waiting = new Map<number, { resolve: (r: any[]) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failure: Error | null = null;

  constructor(readonly size: number) {}

  get capacity(): number {
    return this.size * 2;
  }

  protected fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
    this.partial.clear();
  }

  /** Results of requests answered in parts, until the last part arrives. */
  private readonly partial = new Map<number, { results: Array<CodeResult | PreparedResult>; left: number }>();

  /** A slot's answer (or a part of it) arrived. */
  protected received(slot: Slot, m: WorkerMessage): void {
    let results: CodeResult[] | PreparedResult[] | Array<CodeResult | PreparedResult>;
    if (m.type === 'results') results = m.results;
    else if (m.type === 'part') {
      let p = this.partial.get(m.seq);
      if (!p) {
        p = { results: new Array(m.count), left: m.count };
        this.partial.set(m.seq, p);
      }
      for (let i = 0; i < m.results.length; i++) p.results[m.index + i] = m.results[i];
      p.left -= m.results.length;
      if (p.left > 0) return;
      this.partial.delete(m.seq);
      results = p.results;
    } else return;
    slot.busy--;
    const w = this.waiting.get(m.seq);
    this.waiting.delete(m.seq);
    w?.resolve(results);
  }

  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  code(inputs: DocumentInput[]): Promise<CodeResult[]> {
    return this.request(inputs, undefined);
  }

  codePrepared(inputs: DocumentInput[], stories: boolean): Promise<PreparedResult[]> {
    return this.request(inputs, { stories });
  }

  protected request<R>(inputs: DocumentInput[], prepare: CodeRequest['prepare']): Promise<R[]> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    slot.busy++;
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      slot.send(prepare ? { seq, inputs, prepare } : { seq, inputs });
    });
  }
}

export class WorkerCoder extends SlotCoder implements Coder {
  private readonly workers: Worker[] = [];

  constructor(size: number, preset: PresetName = 'full') {
    super(size);
    const ts = import.meta.url.endsWith('.ts');
    const url = new URL(ts ? './worker.ts' : './worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = spawnWorker(url, { workerData: { preset } });
      const slot: Slot = {
        busy: 0,
        ready: new Promise((resolve, reject) => {
          worker.once('message', (m: WorkerMessage) => {
            if (m.type === 'ready') resolve();
            else if (m.type === 'fatal') reject(new EventwireError('pipeline', m.error.message));
          });
          worker.once('error', reject);
        }),
        send: (request) => worker.postMessage(request),
      };
      worker.on('message', (m: WorkerMessage) => this.received(slot, m));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new EventwireError('internal', `a coding worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.slots.push(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * V8 flags of a coding child process: garbage collection and optimizing compilation in the
 * coding thread itself, no background threads. A worker thread shares its process's V8
 * helper threads; with them, one coding thread kept about 1.4 cores busy (the collector's
 * parallel and concurrent tasks, background compilation), so 2 processes on 2 cores got
 * little more than 1. Single-threaded, the same documents cost less CPU in all (5.4 instead of
 * 6.6 ms per document in bench/workers.ts's measurement) and one coder uses one core.
 */
export const CODING_PROCESS_FLAGS = [
  '--single-threaded-gc',
  '--no-concurrent-recompilation',
  '--no-concurrent-sparkplug',
];

/** Like `WorkerCoder`, with coding child processes (src/ingest/child.ts) instead of threads. */
export class ProcessCoder extends SlotCoder implements Coder {
  private readonly children: ChildProcess[] = [];
  private closing = false;

  constructor(size: number, preset: PresetName = 'full', flags: readonly string[] = CODING_PROCESS_FLAGS) {
    super(size);
    const ts = import.meta.url.endsWith('.ts');
    const file = fileURLToPath(new URL(ts ? './child.ts' : './child.js', import.meta.url));
    const execArgv = [...flags];
    if (ts) execArgv.push('--import', import.meta.resolve('tsx'));
    for (let i = 0; i < size; i++) {
      const child = fork(file, [], {
        execArgv,
        serialization: 'advanced',
        env: { ...process.env, EVENTWIRE_CODER_PRESET: preset },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const slot: Slot = {
        busy: 0,
        ready: new Promise((resolve, reject) => {
          child.once('message', (m: WorkerMessage) => {
            if (m.type === 'ready') resolve();
            else if (m.type === 'fatal') reject(new EventwireError('pipeline', m.error.message));
          });
          child.once('error', reject);
          child.once('exit', (code) =>
            reject(new EventwireError('internal', `a coding process stopped (exit code ${code})`)),
          );
        }),
        send: (request) => child.send(request),
      };
      slot.ready.catch(() => {});
      child.on('message', (m: WorkerMessage) => this.received(slot, m));
      child.on('error', (err) => this.fail(err));
      child.on('exit', (code, signal) => {
        if (!this.closing)
          this.fail(new EventwireError('internal', `a coding process stopped (${signal ?? `exit code ${code}`})`));
      });
      this.children.push(child);
      this.slots.push(slot);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
  }
}
