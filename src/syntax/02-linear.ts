// Linear models over hashed sparse features, as read at run time. A model maps a 32-bit
// feature key to the few classes it has a weight for; scoring adds those weights. Keys sit in
// an open-addressing table (one cache line per probe), weights in one Int32Array as
// (int16 weight << 8 | class), so a feature costs about two memory reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

export class SparseLinear {
  readonly nClasses: number;
  /** Multiply summed integer weights by this to get model units. */
  readonly scale: number;
  readonly size: number;
  private readonly mask: number;
  /** Per slot: key, then (offset << 8 | count) into `entries`. */
  private readonly table: Uint32Array;
  private readonly entries: Int32Array;

  constructor(nClasses: number, scale: number, keys: Uint32Array, counts: Uint8Array, cls: Uint8Array, w: Int16Array) {
    if (nClasses > 256) throw new Error('at most 256 classes');
    if (w.length >= 1 << 24) throw new Error('too many weights');
    this.nClasses = nClasses;
    this.scale = scale;
    this.size = keys.length;
    let cap = 1024;
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

  /** Add the weights of `keys[0..n)` to `out` (integer units; see `scale`). */
  score(keys: Uint32Array, n: number, out: Float32Array): void {
    const table = this.table;
    const entries = this.entries;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      let s = Math.imul(k, 0x9e3779b1) & mask;
      for (;;) {
        const t = table[s * 2];
        if (t === k) {
          const v = table[s * 2 + 1];
          const end = (v >>> 8) + (v & 255);
          for (let j = v >>> 8; j < end; j++) {
            const e = entries[j];
            out[e & 255] += e >> 8;
          }
          break;
        }
        if (t === 0) break;
        s = (s + 1) & mask;
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
