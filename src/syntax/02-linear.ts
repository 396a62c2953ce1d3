// Linear models over hashed sparse features, as read at run time. A model maps a 32-bit
// feature key to the few classes it has a weight for; scoring adds those weights. Memory
// reads of random table slots dominate the cost, so the tables are compact and most features
// cost one read: keys sit in an open-addressing table (linear probing, half full, the slot
// from the high bits of a multiplicative hash); a model of up to 4 classes (the parser's
// moves) keeps its int16 weights in the key's 12-byte slot; larger models keep up to three
// (int16 weight << 8 | class) entries in the key's 16-byte slot, the rest of a key's
// entries in an overflow array the third entry points to, and the weights of a key with
// weights for half the classes or more in a dense row of int16 (one per class). Model files
// list the keys in table order (`tableOrder`), so building a table at load writes it in order.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Class value marking the third entry of a slot as a pointer into the overflow array. */
const OVERFLOW = 255;
/** Class value marking the third entry of a slot as the number of a dense row (long lists). */
const DENSE = 254;
/** 2^-32: turns a 32-bit hash times the capacity into a slot index (Lemire's reduction). */
const INV_2_32 = 2.3283064365386963e-10;
const MAX_LOAD = 0.5;
/** Keys with weights for at least this share of the classes keep them in a dense row. */
const DENSE_SHARE = 0.5;

/** Slot of `key` in a table of `cap` slots (the product is exact in a double: cap < 2^21). */
function homeSlot(key: number, cap: number): number {
  return ((Math.imul(key, 0x9e3779b1) >>> 0) * cap * INV_2_32) | 0;
}

/** Slots of the table of a model of `nKeys` keys. */
function tableCapacity(nKeys: number): number {
  const cap = Math.max(1024, Math.ceil(nKeys / MAX_LOAD));
  if (cap >= 1 << 21) throw new Error('too many keys');
  return cap;
}

export class SparseLinear {
  readonly nClasses: number;
  /** Multiply summed integer weights by this to get model units. */
  readonly scale: number;
  readonly size: number;
  /** Sums of integer weights are exact in any order (callers may cache and add partial scores). */
  readonly integerWeights = true;
  private readonly cap: number;
  /** Models of more than 4 classes, per slot: key, three entries (0: none; class 255: overflow pointer). */
  private readonly table: Int32Array;
  /** Overflow entries: at a pointer's offset, the count, then the entries. */
  private readonly overflow: Int32Array;
  /**
   * Keys with weights for many classes keep them as a dense row of nClasses weights (adding a
   * row in order is cheaper than scattering as many entries): row r at r * nClasses.
   */
  private readonly dense: Int16Array;
  /** Models of at most 4 classes, per slot: key, (w0 | w1 << 16), (w2 | w3 << 16). */
  private readonly inline: Int32Array | null;
  /** Per feature of the call being scored: its home slot, and the first table word read. */
  private slots = new Int32Array(128);
  private first = new Int32Array(128);
  /** Per overflow list of the call being scored: its length. */
  private lengths = new Int32Array(128);
  /** Integer score sums of the call being scored (one slot per class value, 0..255). */
  private readonly acc = new Int32Array(256);

  /** Building is fastest with the keys in `tableOrder` (the table is then written in order). */
  constructor(nClasses: number, scale: number, keys: Uint32Array, counts: Uint8Array, cls: Uint8Array, w: Int16Array) {
    if (nClasses > 254) throw new Error('at most 254 classes');
    if (w.length >= 1 << 23) throw new Error('too many weights');
    this.nClasses = nClasses;
    this.scale = scale;
    this.size = keys.length;
    const cap = tableCapacity(keys.length);
    this.cap = cap;
    if (nClasses <= 4) {
      const t = new Int32Array(cap * 3);
      for (let i = 0, off = 0; i < keys.length; off += counts[i++]) {
        const k = keys[i] | 0;
        let s = homeSlot(k, cap);
        while (t[s * 3] !== 0) s = s + 1 === cap ? 0 : s + 1;
        t[s * 3] = k;
        for (let j = off; j < off + counts[i]; j++) {
          // class c goes to word 1 + (c >> 1), low half for even c
          const c = cls[j];
          t[s * 3 + 1 + (c >> 1)] |= c & 1 ? w[j] << 16 : w[j] & 0xffff;
        }
      }
      this.inline = t;
      this.table = new Int32Array(0);
      this.overflow = new Int32Array(0);
      this.dense = new Int16Array(0);
      return;
    }
    this.inline = null;
    const t = new Int32Array(cap * 4);
    const denseMin = Math.max(4, Math.ceil(nClasses * DENSE_SHARE));
    let nOver = 1; // offset 0 stays unused, so a pointer is never 0
    let nDense = 0;
    for (let i = 0; i < keys.length; i++)
      if (counts[i] >= denseMin) nDense++;
      else if (counts[i] > 3) nOver += 1 + counts[i] - 2;
    const over = new Int32Array(nOver);
    const dense = new Int16Array(nDense * nClasses);
    let o = 1;
    let r = 0;
    for (let i = 0, off = 0; i < keys.length; off += counts[i++]) {
      const k = keys[i] | 0;
      let s = homeSlot(k, cap);
      while (t[s * 4] !== 0) s = s + 1 === cap ? 0 : s + 1;
      t[s * 4] = k;
      const c = counts[i];
      if (c <= 3) for (let j = 0; j < c; j++) t[s * 4 + 1 + j] = (w[off + j] << 8) | cls[off + j];
      else if (c >= denseMin) {
        // the row's weights in order of class; the slot keeps only the row number
        for (let j = 0; j < c; j++) dense[r * nClasses + cls[off + j]] = w[off + j];
        t[s * 4 + 3] = (r++ << 8) | DENSE;
      } else {
        t[s * 4 + 1] = (w[off] << 8) | cls[off];
        t[s * 4 + 2] = (w[off + 1] << 8) | cls[off + 1];
        t[s * 4 + 3] = (o << 8) | OVERFLOW;
        over[o++] = c - 2;
        for (let j = 2; j < c; j++) over[o++] = (w[off + j] << 8) | cls[off + j];
      }
    }
    this.table = t;
    this.overflow = over;
    this.dense = dense;
  }

  private grow(n: number): void {
    if (this.slots.length >= n) return;
    this.slots = new Int32Array(n * 2);
    this.first = new Int32Array(n * 2);
    this.lengths = new Int32Array(n * 2);
  }

  // The first loop of each scorer reads the home slot of every feature with no branch
  // depending on what it reads, so the reads of all features are in flight together; probing
  // and adding then hit the cache. Sums are of integers, exact in float32.
  private scoreInline(t: Int32Array, keys: Uint32Array, n: number, out: Float32Array): void {
    const cap = this.cap;
    this.grow(n);
    const slots = this.slots;
    const first = this.first;
    for (let i = 0; i < n; i++) {
      const s = homeSlot(keys[i] | 0, cap);
      slots[i] = s;
      first[i] = t[s * 3];
    }
    let o0 = 0;
    let o1 = 0;
    let o2 = 0;
    let o3 = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i] | 0;
      let x = first[i];
      let s = slots[i];
      while (x !== k && x !== 0) {
        s = s + 1 === cap ? 0 : s + 1;
        x = t[s * 3];
      }
      if (x === 0) continue;
      const a = t[s * 3 + 1];
      const b = t[s * 3 + 2];
      o0 += (a << 16) >> 16;
      o1 += a >> 16;
      o2 += (b << 16) >> 16;
      o3 += b >> 16;
    }
    out[0] += o0;
    out[1] += o1;
    out[2] += o2;
    out[3] += o3;
  }

  /** Add the weights of `keys[0..n)` to `out` (integer units; see `scale`). */
  score(keys: Uint32Array, n: number, out: Float32Array): void {
    if (this.inline) {
      this.scoreInline(this.inline, keys, n, out);
      return;
    }
    const acc = this.sums(keys, n);
    for (let c = 0; c < this.nClasses; c++) out[c] += acc[c];
  }

  /**
   * The integer sums of the weights of `keys[0..n)` per class, in this model's buffer (valid
   * until its next call; models of more than 4 classes).
   */
  sums(keys: Uint32Array, n: number): Int32Array {
    if (this.inline) throw new Error('sums: a model of more than 4 classes only');
    const t = this.table;
    const cap = this.cap;
    this.grow(n);
    const slots = this.slots;
    const first = this.first;
    for (let i = 0; i < n; i++) {
      const s = homeSlot(keys[i] | 0, cap);
      slots[i] = s;
      first[i] = t[s * 4];
    }
    // integer sums (cheaper than float32 read-modify-writes), added to `out` at the end
    const acc = this.acc;
    const nc = this.nClasses;
    acc.fill(0, 0, nc);
    let nOver = 0;
    let nDense = 0;
    const rows = first; // its values are read by now: reused for the dense row offsets
    for (let i = 0; i < n; i++) {
      const k = keys[i] | 0;
      let x = first[i];
      let s = slots[i];
      while (x !== k && x !== 0) {
        s = s + 1 === cap ? 0 : s + 1;
        x = t[s * 4];
      }
      if (x === 0) continue;
      // an empty entry (0) adds 0 to class 0 (a dense row's slot has only its third entry)
      const e0 = t[s * 4 + 1];
      const e1 = t[s * 4 + 2];
      const e2 = t[s * 4 + 3];
      acc[e0 & 255] += e0 >> 8;
      acc[e1 & 255] += e1 >> 8;
      const c2 = e2 & 255;
      if (c2 < DENSE) acc[c2] += e2 >> 8;
      else if (c2 === OVERFLOW) slots[nOver++] = e2 >>> 8;
      else rows[nDense++] = (e2 >>> 8) * nc;
    }
    const dense = this.dense;
    for (let i = 0; i < nDense; i++) {
      const base = rows[i];
      for (let c = 0; c < nc; c++) acc[c] += dense[base + c];
    }
    // the overflow lists last, so their reads (one per feature) overlap too: first the length
    // of every list (independent reads, in flight together), then their entries
    const over = this.overflow;
    const lengths = this.lengths;
    for (let i = 0; i < nOver; i++) lengths[i] = over[slots[i]];
    for (let i = 0; i < nOver; i++) {
      const p = slots[i] + 1;
      const end = p + lengths[i];
      for (let j = p; j < end; j++) {
        const e = over[j];
        acc[e & 255] += e >> 8;
      }
    }
    return acc;
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
  // typed views straight into the inflated bytes when they are aligned, else into a copy
  let body: ArrayBufferLike = buf.buffer;
  let base = buf.byteOffset + headLen;
  if (base % 8 !== 0) {
    body = new ArrayBuffer(buf.length - headLen);
    new Uint8Array(body).set(buf.subarray(headLen));
    base = 0;
  }
  const arrays: Record<string, Typed> = {};
  for (const [name, d] of Object.entries(head.arrays)) {
    const Ctor = CTORS[d.type];
    if (!Ctor) throw new Error(`${path}: unknown array type ${d.type}`);
    arrays[name] = new Ctor(body, base + d.offset, d.length);
  }
  return { meta: head.meta, arrays };
}

/** Store a linear model's arrays under `prefix.*` in a model file (keys in `tableOrder`). */
export function putLinear(file: ModelFile, prefix: string, model: LinearArrays): void {
  const a = tableOrder(model);
  file.meta[`${prefix}.nClasses`] = a.nClasses;
  file.meta[`${prefix}.scale`] = a.scale;
  file.arrays[`${prefix}.keys`] = a.keys;
  file.arrays[`${prefix}.counts`] = a.counts;
  file.arrays[`${prefix}.cls`] = a.cls;
  file.arrays[`${prefix}.w`] = a.w;
}

/** The linear model `prefix` of a model file. */
export function getLinear(file: ModelFile, prefix: string): SparseLinear {
  const a = linearArrays(file, prefix);
  for (const [n, v] of Object.entries(a)) if (v === undefined) throw new Error(`model lacks ${prefix}.${n}`);
  return linearFromArrays(a);
}

/**
 * The same model with its keys in the order of the slots they take in the run-time table
 * when inserted in the given order (a gap of that table first): building the table at load
 * in this order puts every key straight into that slot (linear probing finds the slots
 * before it taken), writing the table in order instead of at random, and gives the same
 * table as the given order. That order matters for speed: keys inserted first sit in their
 * home slots, and the trainers list features in the order they first took part in an update,
 * frequent ones early (sorting by slot alone, inserting in slot order, made the parser ~5%
 * slower). Model files store their models this way.
 */
export function tableOrder(a: LinearArrays): LinearArrays {
  const n = a.keys.length;
  const cap = tableCapacity(n);
  const taken = new Uint32Array(cap); // key index + 1 per slot
  const slotOf = new Uint32Array(n);
  const offsets = new Uint32Array(n);
  for (let i = 0, off = 0; i < n; off += a.counts[i++]) {
    offsets[i] = off;
    let s = homeSlot(a.keys[i] | 0, cap);
    while (taken[s] !== 0) s = s + 1 === cap ? 0 : s + 1;
    taken[s] = i + 1;
    slotOf[i] = s;
  }
  // from the slot after a gap (no probe run crosses a gap), in slot order
  const gap = taken.indexOf(0);
  const keys = new Uint32Array(n);
  const counts = new Uint8Array(n);
  const cls = new Uint8Array(a.cls.length);
  const w = new Int16Array(a.w.length);
  let r = 0;
  let o = 0;
  for (let q = 1; q <= cap; q++) {
    const t = taken[(gap + q) % cap];
    if (t === 0) continue;
    const i = t - 1;
    keys[r] = a.keys[i];
    counts[r++] = a.counts[i];
    for (let j = offsets[i]; j < offsets[i] + a.counts[i]; j++) {
      cls[o] = a.cls[j];
      w[o++] = a.w[j];
    }
  }
  return { nClasses: a.nClasses, scale: a.scale, keys, counts, cls, w };
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

/**
 * `arena`, or a copy at least twice as long (and at least `min` floats) when `need` floats do not
 * fit: the score caches of the tagger and the parser grow by doubling.
 */
export function withRoom(arena: Float32Array<ArrayBuffer>, need: number, min: number): Float32Array<ArrayBuffer> {
  if (need <= arena.length) return arena;
  const grown = new Float32Array(Math.max(min, arena.length * 2, need));
  grown.set(arena);
  return grown;
}
