// Step 3: the near-duplicate index, online and bounded. MinHash signatures are cut into bands
// (locality-sensitive hashing: two signatures land in a common bucket with probability
// 1 - (1 - J^rows)^bands), candidates from the buckets are verified on the whole signature, and
// a document joins the group of its most similar earlier document when the estimated Jaccard
// similarity reaches the threshold and their dates are within a time window. At most
// `maxEntries` documents are kept (the most recently added; a stream in date order keeps the
// newest days, and an archive ingested out of order still finds its copies) and the newest
// `maxBucket` per bucket, so memory and work per document stay constant however long the
// stream runs.
import { estimatedContainment, estimatedJaccard, type TextSignature } from './02-minhash.js';

export interface NearDuplicateOptions {
  bands: number;
  rows: number;
  /** Least estimated Jaccard similarity of 4-word shingles for a near-duplicate. */
  threshold: number;
  /**
   * Or: least estimated containment of the smaller text in the larger (a copy with a byline,
   * boilerplate or a cut tail), when their sizes differ by at most `maxSizeRatio` and the
   * Jaccard similarity reaches `containmentFloor`.
   */
  containment: number;
  containmentFloor: number;
  maxSizeRatio: number;
  /** Documents further apart than this many days are never duplicates. */
  windowDays: number;
  maxEntries: number;
  maxBucket: number;
}

export const DEFAULT_NEAR_DUPLICATE: NearDuplicateOptions = {
  bands: 42,
  rows: 3,
  threshold: 0.5,
  containment: 0.75,
  containmentFloor: 0.3,
  maxSizeRatio: 2,
  windowDays: 7,
  maxEntries: 100_000,
  maxBucket: 24,
};

export interface NearDuplicateMatch {
  /** The earlier document found most similar. */
  id: string;
  /** Its group: the first document of the group (the document itself when it is no copy). */
  group: string;
  /** A label kept with the document (the ingester keeps its story). */
  tag: string | null;
  similarity: number;
}

interface Entry {
  id: string;
  group: string;
  day: number;
  sig: Uint32Array;
  size: number;
  tag: string | null;
  keys: number[];
  /** The last `match` call that looked at this entry (a document is in many of the buckets searched). */
  seen: number;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (null when there is none). */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** The saved form of an index: its newest day and entries `[id, group, day, size, tag, signature]`. */
export interface NearDuplicateState {
  latest: number | null;
  entries: Array<[string, string, number, number, string | null, string]>;
}

export class NearDuplicateIndex {
  readonly options: NearDuplicateOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly buckets = new Map<number, Entry[]>();
  private queue: Entry[] = [];
  private head = 0;
  private latest: number | null = null;
  private matches = 0;

  constructor(options: Partial<NearDuplicateOptions> = {}) {
    this.options = { ...DEFAULT_NEAR_DUPLICATE, ...options };
  }

  get size(): number {
    return this.entries.size;
  }

  /** The day a document counts at: its own, else the newest seen (undated streams never expire). */
  private dayOf(day: number | null): number {
    return day ?? this.latest ?? 0;
  }

  private bandKeys(sig: Uint32Array): number[] {
    const { bands, rows } = this.options;
    const keys: number[] = [];
    for (let b = 0; b < bands; b++) {
      let h = 0x1b873593 ^ b;
      for (let r = 0; r < rows; r++) {
        const v = sig[b * rows + r] ?? 0;
        h = Math.imul(h ^ v, 0xcc9e2d51);
        h ^= h >>> 15;
      }
      keys.push(b * 4294967296 + (h >>> 0));
    }
    return keys;
  }

  /** The most similar earlier document at or above the threshold, within the window. */
  match(signature: TextSignature, day: number | null, exclude?: string): NearDuplicateMatch | null {
    const { sig, size } = signature;
    const o = this.options;
    const d = this.dayOf(day);
    const call = ++this.matches;
    let best: Entry | null = null;
    let bestSim = 0;
    for (const key of this.bandKeys(sig)) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const e of bucket) {
        if (e.seen === call) continue;
        e.seen = call;
        if (e.id === exclude || Math.abs(e.day - d) > o.windowDays) continue;
        const j = estimatedJaccard(sig, e.sig);
        let sim = j >= o.threshold ? j : 0;
        if (
          !sim &&
          j >= o.containmentFloor &&
          Math.max(size, e.size) <= o.maxSizeRatio * Math.min(size, e.size) &&
          estimatedContainment(j, size, e.size) >= o.containment
        )
          sim = j;
        if (sim > bestSim || (sim > 0 && sim === bestSim && best && e.day < best.day)) {
          best = e;
          bestSim = sim;
        }
      }
    }
    if (!best || bestSim === 0) return null;
    return { id: best.id, group: best.group, tag: best.tag, similarity: bestSim };
  }

  /** Index a document (replacing an earlier entry of the same id). */
  add(id: string, signature: TextSignature, day: number | null, group: string, tag: string | null = null): void {
    this.remove(id);
    const d = this.dayOf(day);
    if (day !== null && (this.latest === null || day > this.latest)) this.latest = day;
    const { sig, size } = signature;
    const e: Entry = { id, group, day: d, sig, size, tag, keys: this.bandKeys(sig), seen: 0 };
    this.entries.set(id, e);
    this.queue.push(e);
    for (const key of e.keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = [];
        this.buckets.set(key, bucket);
      }
      bucket.push(e);
      if (bucket.length > this.options.maxBucket) bucket.shift();
    }
    this.evict();
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.unbucket(e);
  }

  private unbucket(e: Entry): void {
    for (const key of e.keys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      const i = bucket.indexOf(e);
      if (i >= 0) bucket.splice(i, 1);
      if (bucket.length === 0) this.buckets.delete(key);
    }
  }

  /** Drop the least recently added documents beyond `maxEntries`. */
  private evict(): void {
    while (this.head < this.queue.length) {
      const e = this.queue[this.head];
      const live = this.entries.get(e.id) === e;
      if (live && this.entries.size <= this.options.maxEntries) break;
      this.head++;
      if (live) {
        this.entries.delete(e.id);
        this.unbucket(e);
      }
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** The indexed documents, oldest first (for saving the state). */
  toJSON(): NearDuplicateState {
    const entries: NearDuplicateState['entries'] = [];
    for (let i = this.head; i < this.queue.length; i++) {
      const e = this.queue[i];
      if (this.entries.get(e.id) !== e) continue;
      entries.push([
        e.id,
        e.group,
        e.day,
        e.size,
        e.tag,
        Buffer.from(e.sig.buffer, e.sig.byteOffset, e.sig.byteLength).toString('base64'),
      ]);
    }
    return { latest: this.latest, entries };
  }

  static fromJSON(state: NearDuplicateState, options: Partial<NearDuplicateOptions> = {}): NearDuplicateIndex {
    const index = new NearDuplicateIndex(options);
    for (const [id, group, day, size, tag, sig64] of state.entries ?? []) {
      const buf = Buffer.from(sig64, 'base64');
      const sig = new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      index.add(id, { sig, size }, day, group, tag);
    }
    index.latest = state.latest ?? index.latest;
    return index;
  }
}
