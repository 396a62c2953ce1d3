// Linear models over hashed sparse features, as read at run time. A model maps a 32-bit
// feature key to the few classes it has a weight for; scoring adds those weights. Memory
// reads dominate the cost, so: keys sit in an open-addressing table; a model of up to 4
// classes (the parser's moves) keeps its int16 weights in the key's own slot (one cache line
// per feature); larger models point from the slot into one Int32Array of
// (int16 weight << 8 | class) entries.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const NO_REF = 0xffffffff;

export class SparseLinear {
  readonly nClasses: number;
  /** Multiply summed integer weights by this to get model units. */
  readonly scale: number;
  readonly size: number;
  private readonly mask: number;
  /** Per slot: key, then (offset << 8 | count) into `entries`. */
  private readonly table: Uint32Array;
  private readonly entries: Int32Array;
  private refs = new Uint32Array(128);
  /** Models of at most 4 classes keep their weights in the slot itself: one read per feature. */
  private readonly inline: Int32Array | null;

  constructor(nClasses: number, scale: number, keys: Uint32Array, counts: Uint8Array, cls: Uint8Array, w: Int16Array) {
    if (nClasses > 256) throw new Error('at most 256 classes');
    if (w.length >= 1 << 24) throw new Error('too many weights');
    this.nClasses = nClasses;
    this.scale = scale;
    this.size = keys.length;
    let cap = 1024;
    if (nClasses <= 4) {
      while (cap < keys.length * 1.4) cap *= 2;
      this.mask = cap - 1;
      this.table = new Uint32Array(0);
      this.entries = new Int32Array(0);
      // slot: key, (w0 | w1 << 16), (w2 | w3 << 16), unused
      const t = new Int32Array(cap * 4);
      let off = 0;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        let s = Math.imul(k, 0x9e3779b1) & this.mask;
        while (t[s * 4] !== 0) s = (s + 1) & this.mask;
        t[s * 4] = k | 0;
        const ws = [0, 0, 0, 0];
        for (let j = 0; j < counts[i]; j++) ws[cls[off + j]] = w[off + j];
        off += counts[i];
        t[s * 4 + 1] = (ws[0] & 0xffff) | (ws[1] << 16);
        t[s * 4 + 2] = (ws[2] & 0xffff) | (ws[3] << 16);
      }
      this.inline = t;
      return;
    }
    this.inline = null;
    while (cap < keys.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.table = new Uint32Array(cap * 2);
    this.entries = new Int32Array(w.length);
    for (let i = 0; i < w.length; i++) this.entries[i] = (w[i] << 8) | cls[i];
    let off = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      let s = Math.imul(k, 0x9e3779b1) & this.mask;
      while (this.table[s * 2] !== 0) s = (s + 1) & this.mask;
      this.table[s * 2] = k;
      this.table[s * 2 + 1] = (off << 8) | counts[i];
      off += counts[i];
    }
  }

  private scoreInline(t: Int32Array, keys: Uint32Array, n: number, out: Float32Array): void {
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const k = keys[i] | 0;
      let s = Math.imul(k, 0x9e3779b1) & mask;
      let x = t[s * 4];
      while (x !== k && x !== 0) {
        s = (s + 1) & mask;
        x = t[s * 4];
      }
      if (x === 0) continue;
      const a = t[s * 4 + 1];
      const b = t[s * 4 + 2];
      out[0] += (a << 16) >> 16;
      out[1] += a >> 16;
      out[2] += (b << 16) >> 16;
      out[3] += b >> 16;
    }
  }

  /** Add the weights of `keys[0..n)` to `out` (integer units; see `scale`). */
  score(keys: Uint32Array, n: number, out: Float32Array): void {
    if (this.inline) {
      this.scoreInline(this.inline, keys, n, out);
      return;
    }
    const table = this.table;
    const entries = this.entries;
    const mask = this.mask;
    const refs = this.refs.length >= n ? this.refs : (this.refs = new Uint32Array(n * 2));
    // two passes so the table reads of all features are independent and overlap in memory
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      let s = Math.imul(k, 0x9e3779b1) & mask;
      let t = table[s * 2];
      while (t !== k && t !== 0) {
        s = (s + 1) & mask;
        t = table[s * 2];
      }
      refs[i] = t === 0 ? NO_REF : table[s * 2 + 1];
    }
    for (let i = 0; i < n; i++) {
      const v = refs[i];
      if (v === NO_REF) continue;
      const end = (v >>> 8) + (v & 255);
      for (let j = v >>> 8; j < end; j++) {
        const e = entries[j];
        out[e & 255] += e >> 8;
      }
    }
  }
}

/** The arrays a trained linear model is stored as. */
export interface LinearArrays {
  nClasses: number;
  scale: number;
  keys: Uint32Array;
  counts: Uint8Array;
  cls: Uint8Array;
  w: Int16Array;
}

export function linearFromArrays(a: LinearArrays): SparseLinear {
  return new SparseLinear(a.nClasses, a.scale, a.keys, a.counts, a.cls, a.w);
}

type Typed = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;
const CTORS = { Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array } as const;
type CtorName = keyof typeof CTORS;

/**
 * A model file: gzip of [magic "EWM1", u32 header length, JSON header, arrays aligned to 8].
 * The header holds metadata (class names, vocabularies) and the array directory.
 */
export interface ModelFile {
  meta: Record<string, unknown>;
  arrays: Record<string, Typed>;
}

export function writeModelFile(path: string, file: ModelFile): number {
  const dir: Record<string, { type: string; offset: number; length: number }> = {};
  let offset = 0;
  for (const [name, arr] of Object.entries(file.arrays)) {
    dir[name] = { type: arr.constructor.name, offset, length: arr.length };
    offset += Math.ceil(arr.byteLength / 8) * 8;
  }
  const header = Buffer.from(JSON.stringify({ meta: file.meta, arrays: dir }), 'utf8');
  const headLen = Math.ceil((8 + header.length) / 8) * 8;
  const buf = Buffer.alloc(headLen + offset);
  buf.write('EWM1', 0, 'latin1');
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  for (const [name, arr] of Object.entries(file.arrays)) {
    const src = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    src.copy(buf, headLen + dir[name].offset);
  }
  const gz = gzipSync(buf, { level: 9 });
  writeFileSync(path, gz);
  return gz.length;
}

export function readModelFile(path: string): ModelFile {
  const raw = readFileSync(path);
  const buf = gunzipSync(raw);
  if (buf.toString('latin1', 0, 4) !== 'EWM1') throw new Error(`${path}: not an eventwire model file`);
  const len = buf.readUInt32LE(4);
  const head = JSON.parse(buf.toString('utf8', 8, 8 + len)) as {
    meta: Record<string, unknown>;
    arrays: Record<string, { type: CtorName; offset: number; length: number }>;
  };
  const headLen = Math.ceil((8 + len) / 8) * 8;
  // copy into an aligned buffer so typed views are legal
  const body = new ArrayBuffer(buf.length - headLen);
  new Uint8Array(body).set(buf.subarray(headLen));
  const arrays: Record<string, Typed> = {};
  for (const [name, d] of Object.entries(head.arrays)) {
    const Ctor = CTORS[d.type];
    if (!Ctor) throw new Error(`${path}: unknown array type ${d.type}`);
    arrays[name] = new Ctor(body, d.offset, d.length);
  }
  return { meta: head.meta, arrays };
}

/** Store a linear model's arrays under `prefix.*` in a model file. */
export function putLinear(file: ModelFile, prefix: string, a: LinearArrays): void {
  file.meta[`${prefix}.nClasses`] = a.nClasses;
  file.meta[`${prefix}.scale`] = a.scale;
  file.arrays[`${prefix}.keys`] = a.keys;
  file.arrays[`${prefix}.counts`] = a.counts;
  file.arrays[`${prefix}.cls`] = a.cls;
  file.arrays[`${prefix}.w`] = a.w;
}

export function getLinear(file: ModelFile, prefix: string): SparseLinear {
  const arr = (n: string) => {
    const a = file.arrays[`${prefix}.${n}`];
    if (!a) throw new Error(`model lacks ${prefix}.${n}`);
    return a;
  };
  return new SparseLinear(
    Number(file.meta[`${prefix}.nClasses`]),
    Number(file.meta[`${prefix}.scale`]),
    arr('keys') as Uint32Array,
    arr('counts') as Uint8Array,
    arr('cls') as Uint8Array,
    arr('w') as Int16Array,
  );
}

/** Drop weights smaller than `minAbs` (int16 units), and features left without any. */
export function pruneLinear(a: LinearArrays, minAbs: number): LinearArrays {
  const keys: number[] = [];
  const counts: number[] = [];
  const cls: number[] = [];
  const w: number[] = [];
  let off = 0;
  for (let i = 0; i < a.keys.length; i++) {
    let c = 0;
    for (let j = off; j < off + a.counts[i]; j++)
      if (Math.abs(a.w[j]) >= minAbs) {
        cls.push(a.cls[j]);
        w.push(a.w[j]);
        c++;
      }
    off += a.counts[i];
    if (c > 0) {
      keys.push(a.keys[i]);
      counts.push(c);
    }
  }
  return {
    nClasses: a.nClasses,
    scale: a.scale,
    keys: Uint32Array.from(keys),
    counts: Uint8Array.from(counts),
    cls: Uint8Array.from(cls),
    w: Int16Array.from(w),
  };
}

/** The classes [from, to) of a model, renumbered from 0 (e.g. one direction of the relation model). */
export function sliceClasses(a: LinearArrays, from: number, to: number): LinearArrays {
  // two passes over typed arrays: count, then copy (this runs at model load)
  let nKeys = 0;
  let nW = 0;
  let off = 0;
  for (let i = 0; i < a.keys.length; i++) {
    let c = 0;
    for (let j = off; j < off + a.counts[i]; j++) if (a.cls[j] >= from && a.cls[j] < to) c++;
    off += a.counts[i];
    if (c > 0) {
      nKeys++;
      nW += c;
    }
  }
  const keys = new Uint32Array(nKeys);
  const counts = new Uint8Array(nKeys);
  const cls = new Uint8Array(nW);
  const w = new Int16Array(nW);
  let k = 0;
  let x = 0;
  off = 0;
  for (let i = 0; i < a.keys.length; i++) {
    let c = 0;
    for (let j = off; j < off + a.counts[i]; j++)
      if (a.cls[j] >= from && a.cls[j] < to) {
        cls[x] = a.cls[j] - from;
        w[x++] = a.w[j];
        c++;
      }
    off += a.counts[i];
    if (c > 0) {
      keys[k] = a.keys[i];
      counts[k++] = c;
    }
  }
  return { nClasses: to - from, scale: a.scale, keys, counts, cls, w };
}

/** The stored arrays of the linear model `prefix` in a model file. */
export function linearArrays(file: ModelFile, prefix: string): LinearArrays {
  return {
    nClasses: Number(file.meta[`${prefix}.nClasses`]),
    scale: Number(file.meta[`${prefix}.scale`]),
    keys: file.arrays[`${prefix}.keys`] as Uint32Array,
    counts: file.arrays[`${prefix}.counts`] as Uint8Array,
    cls: file.arrays[`${prefix}.cls`] as Uint8Array,
    w: file.arrays[`${prefix}.w`] as Int16Array,
  };
}
