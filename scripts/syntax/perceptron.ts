// Averaged perceptron over hashed features, for training. Rows are created only when a
// feature takes part in an update. Averaging uses the running-sum trick: avg = w - u / c.

import { seededRandom as rng } from '../../src/random.js';
import type { LinearArrays } from '../../src/syntax/02-linear.js';

export class AveragedPerceptron {
  readonly nClasses: number;
  readonly scale = 1;
  private cap: number;
  private slotKey: Uint32Array;
  private slotRow: Int32Array;
  private rows = 0;
  private rowCap: number;
  private rowKey: Uint32Array;
  private w: Float32Array;
  private u: Float64Array;
  /** Update clock. */
  c = 1;

  constructor(nClasses: number, initialRows = 1 << 16) {
    this.nClasses = nClasses;
    this.cap = 1 << 18;
    this.slotKey = new Uint32Array(this.cap);
    this.slotRow = new Int32Array(this.cap);
    this.rowCap = initialRows;
    this.rowKey = new Uint32Array(this.rowCap);
    this.w = new Float32Array(this.rowCap * nClasses);
    this.u = new Float64Array(this.rowCap * nClasses);
  }

  get size(): number {
    return this.rows;
  }

  private find(k: number): number {
    const mask = this.cap - 1;
    let s = Math.imul(k, 0x9e3779b1) & mask;
    for (;;) {
      const t = this.slotKey[s];
      if (t === k) return this.slotRow[s];
      if (t === 0) return -1;
      s = (s + 1) & mask;
    }
  }

  private insert(k: number): number {
    if (this.rows * 2 >= this.cap) this.growTable();
    if (this.rows >= this.rowCap) this.growRows();
    const mask = this.cap - 1;
    let s = Math.imul(k, 0x9e3779b1) & mask;
    while (this.slotKey[s] !== 0) s = (s + 1) & mask;
    this.slotKey[s] = k;
    const r = this.rows++;
    this.slotRow[s] = r;
    this.rowKey[r] = k;
    return r;
  }

  private growTable(): void {
    this.cap *= 2;
    this.slotKey = new Uint32Array(this.cap);
    this.slotRow = new Int32Array(this.cap);
    const mask = this.cap - 1;
    for (let r = 0; r < this.rows; r++) {
      const k = this.rowKey[r];
      let s = Math.imul(k, 0x9e3779b1) & mask;
      while (this.slotKey[s] !== 0) s = (s + 1) & mask;
      this.slotKey[s] = k;
      this.slotRow[s] = r;
    }
  }

  private growRows(): void {
    this.rowCap *= 2;
    const rk = new Uint32Array(this.rowCap);
    rk.set(this.rowKey);
    this.rowKey = rk;
    const w = new Float32Array(this.rowCap * this.nClasses);
    w.set(this.w);
    this.w = w;
    const u = new Float64Array(this.rowCap * this.nClasses);
    u.set(this.u);
    this.u = u;
  }

  /** Add the current weights of `keys[0..n)` to `out`. */
  score(keys: Uint32Array, n: number, out: Float32Array): void {
    const nc = this.nClasses;
    const w = this.w;
    for (let i = 0; i < n; i++) {
      const r = this.find(keys[i]);
      if (r < 0) continue;
      const base = r * nc;
      for (let j = 0; j < nc; j++) out[j] += w[base + j];
    }
  }

  /** Add `delta` to class `cls` for each feature. */
  update(keys: Uint32Array, n: number, cls: number, delta: number): void {
    const nc = this.nClasses;
    const cd = this.c * delta;
    for (let i = 0; i < n; i++) {
      let r = this.find(keys[i]);
      if (r < 0) r = this.insert(keys[i]);
      const j = r * nc + cls;
      this.w[j] += delta;
      this.u[j] += cd;
    }
  }

  tick(): void {
    this.c++;
  }

  /** Averaged weights, pruned below `threshold` (relative to the largest), quantized to int16. */
  export(threshold = 0): LinearArrays {
    const nc = this.nClasses;
    const avg = new Float32Array(this.rows * nc);
    let max = 0;
    for (let i = 0; i < this.rows * nc; i++) {
      const a = this.w[i] - this.u[i] / this.c;
      avg[i] = a;
      if (Math.abs(a) > max) max = Math.abs(a);
    }
    const scale = max > 0 ? max / 32767 : 1;
    const cut = threshold * max;
    const keys: number[] = [];
    const counts: number[] = [];
    const cls: number[] = [];
    const w: number[] = [];
    for (let r = 0; r < this.rows; r++) {
      let cnt = 0;
      for (let j = 0; j < nc; j++) {
        const a = avg[r * nc + j];
        const q = Math.round(a / scale);
        if (q === 0 || Math.abs(a) < cut) continue;
        cls.push(j);
        w.push(q);
        cnt++;
      }
      if (cnt > 0) {
        keys.push(this.rowKey[r]);
        counts.push(cnt);
      }
    }
    return {
      nClasses: nc,
      scale,
      keys: Uint32Array.from(keys),
      counts: Uint8Array.from(counts),
      cls: Uint8Array.from(cls),
      w: Int16Array.from(w),
    };
  }
}

export { rng };

export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
