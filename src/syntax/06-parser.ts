// Dependency parser: arc-eager transitions with the root token at the end of the buffer
// (Ballesteros & Nivre 2013), greedy, scored by two averaged perceptrons over hashed
// features: one chooses the move from rich Zhang & Nivre (2011) context features, the other
// the relation of an arc from features of its head and dependent once the move is an arc.
// Both are trained with a dynamic oracle (see scripts/syntax/parser-train.ts).
import { fkey, hashString } from './01-forms.js';
import { withRoom } from './02-linear.js';
import type { Scorer } from './04-tagger.js';

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;

export interface ParserModel {
  labels: string[];
  /** Index of "root" in `labels`. */
  rootLabel: number;
  moves: Scorer;
  /** Classes: dir * labels.length + label, dir 0 = leftward arc (head after dependent); needed without `arcsByDirection`. */
  arcs?: Scorer;
  /** The relation model split by direction (leftward, rightward arcs): half the weights to read per arc. */
  arcsByDirection?: [Scorer, Scorer];
  /** Per tag class: category bits (TAG_VERB, TAG_PUNCT, TAG_CONJ) for the in-between features. */
  tagCategory?: Uint8Array;
}

export const TAG_VERB = 1;
export const TAG_PUNCT = 2;
export const TAG_CONJ = 4;

/** Category bits of a tagger class named "UPOS|XPOS". */
export function tagCategoryOf(cls: string): number {
  const u = cls.split('|')[0];
  return u === 'VERB' ? TAG_VERB : u === 'PUNCT' ? TAG_PUNCT : u === 'CCONJ' ? TAG_CONJ : 0;
}

const NONE = 0x7f4a7c15;
// Roles whose single-token features the parser caches: stack top and second, the top's
// head and grand-head, left/right-most dependents of the top and of the buffer front.
const ROLE_S0 = 0;
const ROLE_S1 = 1;
const ROLE_S0H = 2;
const ROLE_S0L = 3;
const ROLE_S0R = 4;
const ROLE_N0L = 5;
const ROLE_S0H2 = 6;
const ROLE_S0L2 = 7;
const ROLE_S0R2 = 8;
/** The second left-most dependent of the buffer front (`roleToken`'s default case). */
const ROLE_N0L2 = 9;
const ROLES = 10;
/** Template of the word feature of each role (its tag feature is the next one). */
const ROLE_TEMPLATE = [1, 73, 39, 42, 45, 48, 51, 54, 57, 60];
const ROOT_W = hashString('<root>');
export const MAX_MOVE_FEATURES = 96;
export const MAX_ARC_FEATURES = 40;

/** Parser configuration over one sentence; index n is the root token. */
export class ParseState {
  n = 0;
  cap = 0;
  stack = new Int32Array(0);
  sp = 0;
  b = 0;
  head = new Int32Array(0);
  label = new Int32Array(0);
  lc1 = new Int32Array(0);
  lc2 = new Int32Array(0);
  rc1 = new Int32Array(0);
  rc2 = new Int32Array(0);
  nl = new Int32Array(0);
  nr = new Int32Array(0);
  lsetL = new Int32Array(0);
  lsetR = new Int32Array(0);
  /** Word and tag values per token (index n: root). */
  w = new Uint32Array(0);
  p = new Uint32Array(0);
  /** Prefix counts of verbs, punctuation and conjunctions: token i counts in [i + 1]. */
  nVerb = new Int32Array(0);
  nPunct = new Int32Array(0);
  nConj = new Int32Array(0);
  /** Category bits per tag class (empty: no in-between features). */
  tagCategory: Uint8Array = new Uint8Array(0);

  reset(n: number): void {
    if (n + 1 > this.cap) {
      const c = Math.max(n + 1, this.cap * 2, 64);
      this.cap = c;
      this.stack = new Int32Array(c);
      this.head = new Int32Array(c);
      this.label = new Int32Array(c);
      this.lc1 = new Int32Array(c);
      this.lc2 = new Int32Array(c);
      this.rc1 = new Int32Array(c);
      this.rc2 = new Int32Array(c);
      this.nl = new Int32Array(c);
      this.nr = new Int32Array(c);
      this.lsetL = new Int32Array(c);
      this.lsetR = new Int32Array(c);
      this.w = new Uint32Array(c);
      this.p = new Uint32Array(c);
      this.nVerb = new Int32Array(c + 1);
      this.nPunct = new Int32Array(c + 1);
      this.nConj = new Int32Array(c + 1);
    }
    this.n = n;
    this.sp = 0;
    this.b = 0;
    for (let i = 0; i <= n; i++) {
      this.head[i] = -1;
      this.label[i] = -1;
      this.lc1[i] = -1;
      this.lc2[i] = -1;
      this.rc1[i] = -1;
      this.rc2[i] = -1;
      this.nl[i] = 0;
      this.nr[i] = 0;
      this.lsetL[i] = 0;
      this.lsetR[i] = 0;
    }
    this.w[n] = ROOT_W;
    this.p[n] = 0xfff;
  }

  /** Call once the words and tags of tokens 0..n-1 are set: the prefix counts. */
  finishInput(): void {
    const cats = this.tagCategory;
    let v = 0;
    let pu = 0;
    let cj = 0;
    this.nVerb[0] = this.nPunct[0] = this.nConj[0] = 0;
    for (let i = 0; i < this.n; i++) {
      const t = this.p[i];
      const c = t < cats.length ? cats[t] : 0;
      if (c & TAG_VERB) v++;
      if (c & TAG_PUNCT) pu++;
      if (c & TAG_CONJ) cj++;
      this.nVerb[i + 1] = v;
      this.nPunct[i + 1] = pu;
      this.nConj[i + 1] = cj;
    }
  }

  /** Verbs, punctuation and conjunctions strictly between tokens a < b, each capped at 2, packed. */
  between(a: number, b: number): number {
    if (b - a < 2) return 0;
    const v = this.nVerb[b] - this.nVerb[a + 1];
    const pu = this.nPunct[b] - this.nPunct[a + 1];
    const cj = this.nConj[b] - this.nConj[a + 1];
    return (Math.min(v, 2) << 4) | (Math.min(pu, 2) << 2) | Math.min(cj, 2);
  }

  get terminal(): boolean {
    return this.b >= this.n && this.sp === 0;
  }

  /** Whether move `m` is allowed now. */
  valid(m: number): boolean {
    const atRoot = this.b >= this.n;
    switch (m) {
      case SHIFT:
        return !atRoot;
      case RIGHT:
        return !atRoot && this.sp > 0;
      case LEFT:
        return this.sp > 0 && this.head[this.stack[this.sp - 1]] < 0;
      default:
        return this.sp > 0 && this.head[this.stack[this.sp - 1]] >= 0;
    }
  }

  private arc(h: number, d: number, l: number): void {
    this.head[d] = h;
    this.label[d] = l;
    const bit = 1 << (l % 31);
    if (d < h) {
      this.nl[h]++;
      this.lsetL[h] |= bit;
      if (this.lc1[h] < 0 || d < this.lc1[h]) {
        this.lc2[h] = this.lc1[h];
        this.lc1[h] = d;
      } else if (this.lc2[h] < 0 || d < this.lc2[h]) this.lc2[h] = d;
    } else {
      this.nr[h]++;
      this.lsetR[h] |= bit;
      if (this.rc1[h] < 0 || d > this.rc1[h]) {
        this.rc2[h] = this.rc1[h];
        this.rc1[h] = d;
      } else if (this.rc2[h] < 0 || d > this.rc2[h]) this.rc2[h] = d;
    }
  }

  apply(m: number, l: number): void {
    switch (m) {
      case SHIFT:
        this.stack[this.sp++] = this.b++;
        break;
      case REDUCE:
        this.sp--;
        break;
      case LEFT:
        this.arc(this.b, this.stack[--this.sp], l);
        break;
      default:
        this.arc(this.stack[this.sp - 1], this.b, l);
        this.stack[this.sp++] = this.b++;
    }
  }

  /** The token filling `role` now (-1 when none). */
  roleToken(role: number): number {
    const n = this.n;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1] : -1;
    switch (role) {
      case ROLE_S0:
        return s0;
      case ROLE_S1:
        return this.sp > 1 ? this.stack[this.sp - 2] : -1;
      case ROLE_S0H:
        return s0 >= 0 ? this.head[s0] : -1;
      case ROLE_S0H2: {
        const h = s0 >= 0 ? this.head[s0] : -1;
        return h >= 0 && h < n ? this.head[h] : -1;
      }
      case ROLE_S0L:
        return s0 >= 0 ? this.lc1[s0] : -1;
      case ROLE_S0L2:
        return s0 >= 0 ? this.lc2[s0] : -1;
      case ROLE_S0R:
        return s0 >= 0 ? this.rc1[s0] : -1;
      case ROLE_S0R2:
        return s0 >= 0 ? this.rc2[s0] : -1;
      case ROLE_N0L:
        return this.lc1[this.b];
      default:
        return this.lc2[this.b];
    }
  }

  /** Features of one token in one role: they depend on that token alone, so the parser caches their scores. */
  roleFeatures(role: number, i: number, out: Uint32Array, k: number): number {
    const w = i < 0 ? NONE : this.w[i];
    const p = i < 0 ? 0xffe : this.p[i];
    switch (role) {
      case ROLE_S0:
        out[k++] = fkey(1, w, p);
        out[k++] = fkey(2, w);
        out[k++] = fkey(3, p);
        return k;
      case ROLE_S1:
        out[k++] = fkey(73, w, p);
        return k;
      default: {
        const t = ROLE_TEMPLATE[role];
        out[k++] = fkey(t, w);
        out[k++] = fkey(t + 1, p);
        return k;
      }
    }
  }

  /** Features of the buffer front alone (cached per buffer position). */
  bufferFeatures(out: Uint32Array, k: number): number {
    const n = this.n;
    const { w, p } = this;
    const n0 = this.b;
    const n1 = n0 + 1 <= n ? n0 + 1 : -1;
    const n2 = n0 + 2 <= n ? n0 + 2 : -1;
    const n3 = n0 + 3 <= n ? n0 + 3 : -1;
    const n0w = w[n0];
    const n0p = p[n0];
    const n1w = n1 < 0 ? NONE : w[n1];
    const n1p = n1 < 0 ? 0xffe : p[n1];
    const n2w = n2 < 0 ? NONE : w[n2];
    const n2p = n2 < 0 ? 0xffe : p[n2];
    out[k++] = fkey(4, n0w, n0p);
    out[k++] = fkey(5, n0w);
    out[k++] = fkey(6, n0p);
    out[k++] = fkey(7, n1w, n1p);
    out[k++] = fkey(8, n1w);
    out[k++] = fkey(9, n1p);
    out[k++] = fkey(10, n2w, n2p);
    out[k++] = fkey(11, n2w);
    out[k++] = fkey(12, n2p);
    out[k++] = fkey(20, n0p, n1p);
    out[k++] = fkey(21, n0p, n1p, n2p);
    out[k++] = fkey(77, n0p, n1p, n3 < 0 ? 0xffe : p[n3]);
    out[k++] = fkey(81, n0w, n1w);
    return k;
  }

  /**
   * The buffer features that read one token alone: `slot` 0, 1, 2 for the front and the next
   * two tokens (`i` -1: none). With `bufferFeaturesRest`, the same keys as `bufferFeatures`.
   */
  bufferTokenFeatures(slot: number, i: number, out: Uint32Array, k: number): number {
    const w = i < 0 ? NONE : this.w[i];
    const p = i < 0 ? 0xffe : this.p[i];
    if (slot === 0) {
      out[k++] = fkey(4, w, p);
      out[k++] = fkey(5, w);
      out[k++] = fkey(6, p);
    } else if (slot === 1) {
      out[k++] = fkey(7, w, p);
      out[k++] = fkey(8, w);
      out[k++] = fkey(9, p);
    } else {
      out[k++] = fkey(10, w, p);
      out[k++] = fkey(11, w);
      out[k++] = fkey(12, p);
    }
    return k;
  }

  /** The buffer features that combine several tokens. */
  bufferFeaturesRest(out: Uint32Array, k: number): number {
    const n = this.n;
    const { w, p } = this;
    const n0 = this.b;
    const n1 = n0 + 1 <= n ? n0 + 1 : -1;
    const n2 = n0 + 2 <= n ? n0 + 2 : -1;
    const n3 = n0 + 3 <= n ? n0 + 3 : -1;
    const n0p = p[n0];
    const n1p = n1 < 0 ? 0xffe : p[n1];
    const n2p = n2 < 0 ? 0xffe : p[n2];
    out[k++] = fkey(20, n0p, n1p);
    out[k++] = fkey(21, n0p, n1p, n2p);
    out[k++] = fkey(77, n0p, n1p, n3 < 0 ? 0xffe : p[n3]);
    out[k++] = fkey(81, w[n0], n1 < 0 ? NONE : w[n1]);
    return k;
  }

  /** All move features (Zhang & Nivre 2011 plus second-stack-item context). */
  moveFeatures(out: Uint32Array): number {
    let k = this.structureFeatures(out, 0);
    for (let r = 0; r < ROLES; r++) k = this.roleFeatures(r, this.roleToken(r), out, k);
    return this.bufferFeatures(out, k);
  }

  /** The move features that combine several tokens or the partial tree. */
  structureFeatures(out: Uint32Array, k: number): number {
    return this.n0StateFeatures(out, this.s0RightFeatures(out, this.s0FixedFeatures(out, this.pairFeatures(out, k))));
  }

  /**
   * Move features of the stack top with what cannot change while it is on the stack: its
   * head side (head, grand-head, its relation) and its left dependents (attached while it was
   * the buffer front). The parser caches their scores per token.
   */
  s0FixedFeatures(out: Uint32Array, k: number): number {
    const n = this.n;
    const { p, label, head } = this;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1] : -1;
    const s0h = s0 >= 0 ? head[s0] : -1;
    const s0h2 = s0h >= 0 && s0h < n ? head[s0h] : -1;
    const s0l = s0 >= 0 ? this.lc1[s0] : -1;
    const s0l2 = s0 >= 0 ? this.lc2[s0] : -1;
    const s0w = s0 < 0 ? NONE : this.w[s0];
    const s0p = s0 < 0 ? 0xffe : p[s0];
    const s0vl = s0 >= 0 ? Math.min(this.nl[s0], 7) : 8;
    const s0sl = s0 >= 0 ? this.lsetL[s0] : -1;
    out[k++] = fkey(35, s0w, s0vl);
    out[k++] = fkey(36, s0p, s0vl);
    out[k++] = fkey(41, s0 < 0 ? 255 : label[s0] + 1);
    out[k++] = fkey(44, s0l < 0 ? 255 : label[s0l] + 1);
    out[k++] = fkey(53, s0h < 0 ? 255 : label[s0h] + 1);
    out[k++] = fkey(56, s0l2 < 0 ? 255 : label[s0l2] + 1);
    out[k++] = fkey(63, s0p, s0l < 0 ? 0xffe : p[s0l], s0l2 < 0 ? 0xffe : p[s0l2]);
    out[k++] = fkey(65, s0p, s0h < 0 ? 0xffe : p[s0h], s0h2 < 0 ? 0xffe : p[s0h2]);
    out[k++] = fkey(69, s0w, s0sl);
    out[k++] = fkey(70, s0p, s0sl);
    return k;
  }

  /**
   * Move features of the buffer front with its left dependents (they change only when it
   * takes one), and the bias: the parser caches their scores per (front, left valency).
   */
  n0StateFeatures(out: Uint32Array, k: number): number {
    const { w, p, label } = this;
    const n0 = this.b;
    const n0l = this.lc1[n0];
    const n0l2 = this.lc2[n0];
    const n0w = n0 < 0 ? NONE : w[n0];
    const n0p = n0 < 0 ? 0xffe : p[n0];
    const n0vl = Math.min(this.nl[n0], 7);
    const n0sl = this.lsetL[n0];
    out[k++] = fkey(37, n0w, n0vl);
    out[k++] = fkey(38, n0p, n0vl);
    out[k++] = fkey(50, n0l < 0 ? 255 : label[n0l] + 1);
    out[k++] = fkey(62, n0l2 < 0 ? 255 : label[n0l2] + 1);
    out[k++] = fkey(66, n0p, n0l < 0 ? 0xffe : p[n0l], n0l2 < 0 ? 0xffe : p[n0l2]);
    out[k++] = fkey(71, n0w, n0sl);
    out[k++] = fkey(72, n0p, n0sl);
    out[k++] = fkey(0, 0);
    return k;
  }

  /**
   * Move features of the stack top's right side (they change only when it takes a right
   * dependent): the parser caches their scores per (top, right valency).
   */
  s0RightFeatures(out: Uint32Array, k: number): number {
    const { p, label } = this;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1] : -1;
    const s0r = s0 >= 0 ? this.rc1[s0] : -1;
    const s0r2 = s0 >= 0 ? this.rc2[s0] : -1;
    const s0w = s0 < 0 ? NONE : this.w[s0];
    const s0p = s0 < 0 ? 0xffe : p[s0];
    const s0vr = s0 >= 0 ? Math.min(this.nr[s0], 7) : 8;
    const s0sr = s0 >= 0 ? this.lsetR[s0] : -1;
    out[k++] = fkey(33, s0w, s0vr);
    out[k++] = fkey(34, s0p, s0vr);
    out[k++] = fkey(47, s0r < 0 ? 255 : label[s0r] + 1);
    out[k++] = fkey(59, s0r2 < 0 ? 255 : label[s0r2] + 1);
    out[k++] = fkey(64, s0p, s0r < 0 ? 0xffe : p[s0r], s0r2 < 0 ? 0xffe : p[s0r2]);
    out[k++] = fkey(67, s0w, s0sr);
    out[k++] = fkey(68, s0p, s0sr);
    return k;
  }

  /** The move features that change with every move: the top and the front together. */
  pairFeatures(out: Uint32Array, k: number): number {
    const n = this.n;
    const { w, p, label, head } = this;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1] : -1;
    const s1 = this.sp > 1 ? this.stack[this.sp - 2] : -1;
    const n0 = this.b;
    const n1 = n0 + 1 <= n ? n0 + 1 : -1;
    const s0h = s0 >= 0 ? head[s0] : -1;
    const s0l = s0 >= 0 ? this.lc1[s0] : -1;
    const s0r = s0 >= 0 ? this.rc1[s0] : -1;
    const n0l = this.lc1[n0];
    const s0w = s0 < 0 ? NONE : w[s0];
    const s0p = s0 < 0 ? 0xffe : p[s0];
    const n0w = n0 < 0 ? NONE : w[n0];
    const n0p = n0 < 0 ? 0xffe : p[n0];
    const n1w = n1 < 0 ? NONE : w[n1];
    const n1p = n1 < 0 ? 0xffe : p[n1];
    let dist = s0 >= 0 ? n0 - s0 : 0;
    if (n0 === n) dist = 15;
    else if (dist > 10) dist = dist > 20 ? 12 : 11;
    // pairs
    out[k++] = fkey(13, s0w, n0w, (s0p << 12) | n0p);
    out[k++] = fkey(14, s0w, n0w, s0p);
    out[k++] = fkey(15, s0w, n0w, n0p);
    out[k++] = fkey(16, s0w, (s0p << 12) | n0p);
    out[k++] = fkey(17, n0w, (s0p << 12) | n0p);
    out[k++] = fkey(18, s0w, n0w);
    out[k++] = fkey(19, s0p, n0p);
    // three tags
    out[k++] = fkey(22, s0p, n0p, n1p);
    out[k++] = fkey(23, s0h < 0 ? 0xffe : p[s0h], s0p, n0p);
    out[k++] = fkey(24, s0p, s0l < 0 ? 0xffe : p[s0l], n0p);
    out[k++] = fkey(25, s0p, s0r < 0 ? 0xffe : p[s0r], n0p);
    out[k++] = fkey(26, s0p, n0p, n0l < 0 ? 0xffe : p[n0l]);
    // distance
    out[k++] = fkey(27, s0w, dist);
    out[k++] = fkey(28, s0p, dist);
    out[k++] = fkey(29, n0w, dist);
    out[k++] = fkey(30, n0p, dist);
    out[k++] = fkey(31, s0w, n0w, dist);
    out[k++] = fkey(32, s0p, n0p, dist);
    // the item below the top
    out[k++] = fkey(74, s1 < 0 ? 0xffe : p[s1], s0p, n0p);
    out[k++] = fkey(75, s1 < 0 ? 0xffe : p[s1], s0p);
    out[k++] = fkey(76, s1 < 0 ? 0xffe : p[s1], n0p);
    out[k++] = fkey(78, s0p, s0 < 0 ? 255 : label[s0] + 1, n0p);
    out[k++] = fkey(79, s0w, s0 < 0 ? 255 : label[s0] + 1, n0p);
    out[k++] = fkey(80, head[n0] >= 0 ? 1 : 0, s0 >= 0 && head[s0] >= 0 ? 1 : 0, n0p);
    out[k++] = fkey(82, s0p, n0w, n1p);
    out[k++] = fkey(83, s0p, n0p, n1w);
    return k;
  }

  /** Features of an arc from head `h` to dependent `d` (either may be the root token n). */
  arcFeatures(h: number, d: number, out: Uint32Array): number {
    const n = this.n;
    const { w, p, label } = this;
    const hw = w[h];
    const hp = p[h];
    const dw = w[d];
    const dp = p[d];
    let dist = h - d;
    if (dist > 6) dist = dist > 12 ? 9 : 8;
    else if (dist < -6) dist = dist < -12 ? -9 : -8;
    const dl = this.lc1[d];
    const dr = this.rc1[d];
    const hl = this.lc1[h];
    const hr = this.rc1[h];
    const hh = h < n ? this.head[h] : -1;
    let k = 0;
    out[k++] = fkey(100, 0);
    out[k++] = fkey(101, hw);
    out[k++] = fkey(102, hp);
    out[k++] = fkey(103, dw);
    out[k++] = fkey(104, dp);
    out[k++] = fkey(105, hw, dp);
    out[k++] = fkey(106, hp, dw);
    out[k++] = fkey(107, hp, dp);
    out[k++] = fkey(108, hw, dw);
    out[k++] = fkey(109, hp, dp, dist);
    out[k++] = fkey(110, dp, labelValue(label, dl), labelValue(label, dr));
    out[k++] = fkey(111, dw, labelValue(label, dl));
    out[k++] = fkey(112, hp, this.lsetL[h], this.lsetR[h]);
    out[k++] = fkey(113, hp, dp, d > h ? this.lsetR[h] : this.lsetL[h]);
    out[k++] = fkey(114, dp, tagAt(p, n, d + 1));
    out[k++] = fkey(115, dp, tagAt(p, n, d - 1));
    out[k++] = fkey(116, hp, dp, tagAt(p, n, dl));
    out[k++] = fkey(117, hp, dp, wordAt(w, n, dl));
    out[k++] = fkey(118, hp, tagAt(p, n, hh), h < n ? label[h] + 1 : 255);
    out[k++] = fkey(119, dw, dist);
    out[k++] = fkey(120, hp, dp, labelValue(label, d > h ? hr : hl));
    out[k++] = fkey(121, hw, dp, dist);
    out[k++] = fkey(122, dp, tagAt(p, n, d + 1), tagAt(p, n, d + 2));
    out[k++] = fkey(123, hp, dp, tagAt(p, n, d > h ? d - 1 : d + 1));
    out[k++] = fkey(124, dw, dp, hp);
    out[k++] = fkey(125, hw, hp, dp);
    out[k++] = fkey(126, dp, this.nl[d] > 0 ? 1 : 0, this.nr[d] > 0 ? 1 : 0);
    out[k++] = fkey(127, hp, dp, wordAt(w, n, dr));
    out[k++] = fkey(128, hw, dw, d < h ? 1 : 0);
    out[k++] = fkey(129, hp, dp, h < n ? (d < h ? this.between(d, h) : this.between(h, d)) : 63);
    return k;
  }

  /**
   * The arc features that read only the head's and the dependent's tags and whether the
   * dependent has dependents on each side (`deps`: left 1, right 2): the parser caches their
   * scores. With `arcFeaturesRest`, the same keys as `arcFeatures`.
   */
  static arcTagFeatures(hp: number, dp: number, deps: number, out: Uint32Array): number {
    out[0] = fkey(100, 0);
    out[1] = fkey(102, hp);
    out[2] = fkey(104, dp);
    out[3] = fkey(107, hp, dp);
    out[4] = fkey(126, dp, deps & 1, deps >> 1);
    return 5;
  }

  /** Whether token `d` has dependents on its left (1) and right (2). */
  dependentSides(d: number): number {
    return (this.nl[d] > 0 ? 1 : 0) | (this.nr[d] > 0 ? 2 : 0);
  }

  /** `arcFeatures` without the `arcTagFeatures`. */
  arcFeaturesRest(h: number, d: number, out: Uint32Array): number {
    const n = this.n;
    const { w, p, label } = this;
    const hw = w[h];
    const hp = p[h];
    const dw = w[d];
    const dp = p[d];
    let dist = h - d;
    if (dist > 6) dist = dist > 12 ? 9 : 8;
    else if (dist < -6) dist = dist < -12 ? -9 : -8;
    const dl = this.lc1[d];
    const dr = this.rc1[d];
    const hl = this.lc1[h];
    const hr = this.rc1[h];
    const hh = h < n ? this.head[h] : -1;
    let k = 0;
    out[k++] = fkey(101, hw);
    out[k++] = fkey(103, dw);
    out[k++] = fkey(105, hw, dp);
    out[k++] = fkey(106, hp, dw);
    out[k++] = fkey(108, hw, dw);
    out[k++] = fkey(109, hp, dp, dist);
    out[k++] = fkey(110, dp, labelValue(label, dl), labelValue(label, dr));
    out[k++] = fkey(111, dw, labelValue(label, dl));
    out[k++] = fkey(112, hp, this.lsetL[h], this.lsetR[h]);
    out[k++] = fkey(113, hp, dp, d > h ? this.lsetR[h] : this.lsetL[h]);
    out[k++] = fkey(114, dp, tagAt(p, n, d + 1));
    out[k++] = fkey(115, dp, tagAt(p, n, d - 1));
    out[k++] = fkey(116, hp, dp, tagAt(p, n, dl));
    out[k++] = fkey(117, hp, dp, wordAt(w, n, dl));
    out[k++] = fkey(118, hp, tagAt(p, n, hh), h < n ? label[h] + 1 : 255);
    out[k++] = fkey(119, dw, dist);
    out[k++] = fkey(120, hp, dp, labelValue(label, d > h ? hr : hl));
    out[k++] = fkey(121, hw, dp, dist);
    out[k++] = fkey(122, dp, tagAt(p, n, d + 1), tagAt(p, n, d + 2));
    out[k++] = fkey(123, hp, dp, tagAt(p, n, d > h ? d - 1 : d + 1));
    out[k++] = fkey(124, dw, dp, hp);
    out[k++] = fkey(125, hw, hp, dp);
    out[k++] = fkey(127, hp, dp, wordAt(w, n, dr));
    out[k++] = fkey(128, hw, dw, d < h ? 1 : 0);
    out[k++] = fkey(129, hp, dp, h < n ? (d < h ? this.between(d, h) : this.between(h, d)) : 63);
    return k;
  }
}

/** Entries of the parser's cache of token scores (cleared when full). */
const TOKEN_CACHE_SIZE = 30000;
/** Floats of a cached token vector: 4 scores for each of the ten roles and the three buffer slots. */
const TOKEN_VECTOR = 4 * (ROLES + 3);

/** Tag values below this get cached arc scores (tagger classes; the root's value is above). */
const ARC_CACHE_TAGS = 128;

function labelValue(label: Int32Array, i: number): number {
  return i < 0 ? 255 : label[i] + 1;
}

function tagAt(p: Uint32Array, n: number, i: number): number {
  return i < 0 || i > n ? 0xffe : p[i];
}

function wordAt(w: Uint32Array, n: number, i: number): number {
  return i < 0 || i > n ? NONE : w[i];
}

export interface ParseResult {
  /** 0-based heads, -1 for the root. */
  head: Int32Array;
  label: Int32Array;
}

/** Greedy parsing with a trained model. Reuses its buffers between calls. */
export class Parser {
  readonly model: ParserModel;
  readonly state = new ParseState();
  private readonly mkeys = new Uint32Array(MAX_MOVE_FEATURES);
  private readonly akeys = new Uint32Array(MAX_ARC_FEATURES);
  private readonly mscores: Float32Array;
  private readonly ascores: Float32Array;
  readonly nLabels: number;

  /** Index of "punct" in the model's labels (-1: none). */
  private readonly punctLabel: number;

  constructor(model: ParserModel) {
    this.model = model;
    this.nLabels = model.labels.length;
    this.punctLabel = model.labels.indexOf('punct');
    if (model.tagCategory) this.state.tagCategory = model.tagCategory;
    this.mscores = new Float32Array(4);
    this.ascores = new Float32Array(2 * this.nLabels);
  }

  /** Best relation for an arc h -> d. */
  bestLabel(h: number, d: number): number {
    const st = this.state;
    const L = this.nLabels;
    const root = this.model.rootLabel;
    if (h === st.n) return root;
    // punctuation: its relation is punct (the relation model agrees on all but a handful of
    // dev arcs), so it is not scored
    const cats = st.tagCategory;
    if (this.punctLabel >= 0 && st.p[d] < cats.length && cats[st.p[d]] & TAG_PUNCT) return this.punctLabel;
    const sc = this.ascores;
    const split = this.model.arcsByDirection;
    const hp = st.p[h];
    const dp = st.p[d];
    if (split?.[0].integerWeights && split[1].integerWeights && hp < ARC_CACHE_TAGS && dp < ARC_CACHE_TAGS) {
      // the tag-only features' scores from the cache, then the rest
      const dir = d < h ? 0 : 1;
      const model = split[dir];
      const sides = st.dependentSides(d);
      const slot = (((hp * ARC_CACHE_TAGS + dp) << 2) | sides) * 2 + dir;
      let at = this.arcTagAt[slot];
      if (at < 0) {
        at = this.arcTagUsed;
        this.arcTagArena = withRoom(this.arcTagArena, at + L, 64 * L);
        this.arcTagUsed += L;
        model.score(
          this.akeys,
          ParseState.arcTagFeatures(hp, dp, sides, this.akeys),
          this.arcTagArena.subarray(at, at + L),
        );
        this.arcTagAt[slot] = at;
      }
      const cached = this.arcTagArena;
      const nk = st.arcFeaturesRest(h, d, this.akeys);
      let best = -1;
      let bs = -Infinity;
      if (model.sums) {
        // the cached scores and the rest's integer sums added in the loop that finds the best
        const acc = model.sums(this.akeys, nk);
        for (let l = 0; l < L; l++) {
          const v = cached[at + l] + acc[l];
          if (l !== root && (best < 0 || v > bs)) {
            best = l;
            bs = v;
          }
        }
        return best;
      }
      for (let l = 0; l < L; l++) sc[l] = cached[at + l];
      model.score(this.akeys, nk, sc);
      for (let l = 0; l < L; l++) {
        const v = sc[l];
        if (l !== root && (best < 0 || v > bs)) {
          best = l;
          bs = v;
        }
      }
      return best;
    }
    const nk = st.arcFeatures(h, d, this.akeys);
    let off = 0;
    if (split) {
      for (let l = 0; l < L; l++) sc[l] = 0;
      split[d < h ? 0 : 1].score(this.akeys, nk, sc);
    } else {
      sc.fill(0);
      if (!this.model.arcs) throw new Error('parser model lacks a relation model');
      this.model.arcs.score(this.akeys, nk, sc);
      off = d < h ? 0 : L;
    }
    let best = -1;
    let bs = -Infinity;
    for (let l = 0; l < L; l++) {
      const v = sc[off + l];
      if (l !== root && (best < 0 || v > bs)) {
        best = l;
        bs = v;
      }
    }
    return best;
  }

  /**
   * Scores of the arc features of `ParseState.arcTagFeatures` per (head tag, dependent tag,
   * sides, direction): their offset in `arcTagArena` (-1: not scored yet), nLabels each.
   */
  private readonly arcTagAt = new Int32Array(ARC_CACHE_TAGS * ARC_CACHE_TAGS * 8).fill(-1);
  private arcTagArena = new Float32Array(0);
  private arcTagUsed = 0;

  // Scores of single-token and buffer-front features, cached for the sentence being parsed
  // (integer sums are exact in float32, so cached and fresh scores agree bit for bit).
  private roleScores = new Float32Array(0);
  private roleKnown = new Uint8Array(0);
  private readonly bufferScores = new Float32Array(4);
  private bufferAt = -1;
  private readonly tmp = new Float32Array(4);

  /** Scores of the stack top's fixed-side features per token (known: 1). */
  private s0Scores = new Float32Array(0);
  private s0Known = new Uint8Array(0);
  /** Scores of the buffer front's state features per token, and the left valency they were scored at (-1: none). */
  private n0Scores = new Float32Array(0);
  private n0Valency = new Int32Array(0);
  /** Scores of the stack top's right-side features per token, and the right valency they were scored at (-1: none). */
  private s0RightScores = new Float32Array(0);
  private s0RightValency = new Int32Array(0);

  private resetCaches(n: number): void {
    const size = ROLES * (n + 2);
    if (this.roleKnown.length < size) {
      this.roleKnown = new Uint8Array(size * 2);
      this.roleScores = new Float32Array(size * 8);
    } else this.roleKnown.fill(0, 0, size);
    if (this.s0Known.length < n + 2) {
      this.s0Known = new Uint8Array((n + 2) * 2);
      this.s0Scores = new Float32Array((n + 2) * 8);
      this.n0Valency = new Int32Array((n + 2) * 2);
      this.n0Scores = new Float32Array((n + 2) * 8);
      this.s0RightValency = new Int32Array((n + 2) * 2);
      this.s0RightScores = new Float32Array((n + 2) * 8);
    }
    this.s0RightValency.fill(-1, 0, n + 2);
    this.s0Known.fill(0, 0, n + 2);
    this.n0Valency.fill(-1, 0, n + 2);
    this.bufferAt = -1;
  }

  /**
   * Scores of the move features that read one token alone (its word and tag values): the ten
   * roles of `roleFeatures`, then the three buffer slots of `bufferTokenFeatures`, 4 per role.
   * Kept across sentences per (word, tag), for models of integer weights.
   */
  private readonly tokenIndex = new Map<number, number>();
  /** The cached vectors (TOKEN_VECTOR floats each) in one array, and each one's word and tag values. */
  private tokenArena = new Float32Array(0);
  private tokenW = new Uint32Array(0);
  private tokenP = new Uint32Array(0);
  private tokenUsed = 0;
  /** Per token of the sentence being parsed: the offset of its vector in `tokenArena` (-1: score its features). */
  private tokenOffsets = new Int32Array(0);

  /** Fill `tokenOffsets` for the sentence being parsed. */
  private prepareTokenScores(): void {
    const st = this.state;
    const n = st.n;
    if (this.tokenOffsets.length < n + 1) this.tokenOffsets = new Int32Array((n + 1) * 2);
    const offsets = this.tokenOffsets;
    offsets.fill(-1, 0, n + 1);
    const moves = this.model.moves;
    if (!moves.integerWeights) return;
    const index = this.tokenIndex;
    // emptied before the sentence, never during it (its tokens' offsets must hold)
    if (index.size + n > TOKEN_CACHE_SIZE) {
      index.clear();
      this.tokenUsed = 0;
    }
    const keys = this.mkeys;
    for (let i = 0; i < n; i++) {
      const w = st.w[i];
      const p = st.p[i];
      const key = (Math.imul(w, 0x2f) + p) | 0;
      let e = index.get(key);
      if (e === undefined || this.tokenW[e] !== w || this.tokenP[e] !== p) {
        e = this.tokenUsed++;
        if (e >= this.tokenW.length) {
          const size = Math.max(1024, this.tokenW.length * 2);
          const arena = new Float32Array(size * TOKEN_VECTOR);
          arena.set(this.tokenArena);
          this.tokenArena = arena;
          const tw = new Uint32Array(size);
          tw.set(this.tokenW);
          this.tokenW = tw;
          const tp = new Uint32Array(size);
          tp.set(this.tokenP);
          this.tokenP = tp;
        }
        this.tokenW[e] = w;
        this.tokenP[e] = p;
        const o = e * TOKEN_VECTOR;
        const v = this.tokenArena.subarray(o, o + TOKEN_VECTOR);
        v.fill(0);
        for (let r = 0; r < ROLES; r++) moves.score(keys, st.roleFeatures(r, i, keys, 0), v.subarray(4 * r));
        for (let q = 0; q < 3; q++)
          moves.score(keys, st.bufferTokenFeatures(q, i, keys, 0), v.subarray(4 * (ROLES + q)));
        index.set(key, e);
      }
      offsets[i] = e * TOKEN_VECTOR;
    }
  }

  /** Add to `out` the scores of buffer slot `q`'s token features for token `i` (-1: none). */
  private addBufferToken(q: number, i: number, out: Float32Array): void {
    const at = i >= 0 ? this.tokenOffsets[i] : -1;
    if (at >= 0) {
      const v = this.tokenArena;
      const o = at + 4 * (ROLES + q);
      out[0] += v[o];
      out[1] += v[o + 1];
      out[2] += v[o + 2];
      out[3] += v[o + 3];
    } else this.model.moves.score(this.mkeys, this.state.bufferTokenFeatures(q, i, this.mkeys, 0), out);
  }

  /** Add to `out` the scores of the single-token features of `role`'s token now (cached per token). */
  private addRole(role: number, out: Float32Array): void {
    const st = this.state;
    const tok = st.roleToken(role);
    const at = tok >= 0 ? this.tokenOffsets[tok] : -1;
    if (at >= 0) {
      const v = this.tokenArena;
      const o = at + 4 * role;
      out[0] += v[o];
      out[1] += v[o + 1];
      out[2] += v[o + 2];
      out[3] += v[o + 3];
      return;
    }
    const width = st.n + 2;
    const slot = role * width + (tok < 0 ? width - 1 : tok);
    const o = slot * 4;
    const rs = this.roleScores;
    if (this.roleKnown[slot] === 0) {
      const t = this.roleTmp;
      t[0] = t[1] = t[2] = t[3] = 0;
      this.model.moves.score(this.mkeys, st.roleFeatures(role, tok, this.mkeys, 0), t);
      rs[o] = t[0];
      rs[o + 1] = t[1];
      rs[o + 2] = t[2];
      rs[o + 3] = t[3];
      this.roleKnown[slot] = 1;
    }
    out[0] += rs[o];
    out[1] += rs[o + 1];
    out[2] += rs[o + 2];
    out[3] += rs[o + 3];
  }

  private readonly roleTmp = new Float32Array(4);

  /** Move scores of the current state (integer units of the move model). */
  moveScores(): Float32Array {
    const st = this.state;
    const moves = this.model.moves;
    const ms = this.mscores;
    const keys = this.mkeys;
    const tmp = this.tmp;
    const bs = this.bufferScores;
    if (this.bufferAt !== st.b) {
      tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
      if (moves.integerWeights) {
        const n0 = st.b;
        this.addBufferToken(0, n0, tmp);
        this.addBufferToken(1, n0 + 1 <= st.n ? n0 + 1 : -1, tmp);
        this.addBufferToken(2, n0 + 2 <= st.n ? n0 + 2 : -1, tmp);
        moves.score(keys, st.bufferFeaturesRest(keys, 0), tmp);
      } else moves.score(keys, st.bufferFeatures(keys, 0), tmp);
      bs[0] = tmp[0];
      bs[1] = tmp[1];
      bs[2] = tmp[2];
      bs[3] = tmp[3];
      this.bufferAt = st.b;
    }
    ms[0] = bs[0];
    ms[1] = bs[1];
    ms[2] = bs[2];
    ms[3] = bs[3];
    const width = st.n + 2;
    // the stack top's fixed side: scored once per token (it is pushed once and cannot change on the stack)
    const s0 = st.sp > 0 ? st.stack[st.sp - 1] : width - 1;
    let o = s0 * 4;
    if (this.s0Known[s0] === 0) {
      tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
      moves.score(keys, st.s0FixedFeatures(keys, 0), tmp);
      // with the single-token features of the top, the item below it, the top's head and
      // grand-head and its left-most dependents: none of them changes while it is the top
      this.addRole(ROLE_S0, tmp);
      this.addRole(ROLE_S1, tmp);
      this.addRole(ROLE_S0H, tmp);
      this.addRole(ROLE_S0H2, tmp);
      this.addRole(ROLE_S0L, tmp);
      this.addRole(ROLE_S0L2, tmp);
      const f = this.s0Scores;
      f[o] = tmp[0];
      f[o + 1] = tmp[1];
      f[o + 2] = tmp[2];
      f[o + 3] = tmp[3];
      this.s0Known[s0] = 1;
    }
    const f = this.s0Scores;
    ms[0] += f[o];
    ms[1] += f[o + 1];
    ms[2] += f[o + 2];
    ms[3] += f[o + 3];
    // the stack top's right side: scored again when it takes a right dependent
    const nr = st.sp > 0 ? st.nr[s0] : 0;
    const r = this.s0RightScores;
    if (this.s0RightValency[s0] !== nr) {
      tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
      moves.score(keys, st.s0RightFeatures(keys, 0), tmp);
      // with those of its right-most dependents
      this.addRole(ROLE_S0R, tmp);
      this.addRole(ROLE_S0R2, tmp);
      r[o] = tmp[0];
      r[o + 1] = tmp[1];
      r[o + 2] = tmp[2];
      r[o + 3] = tmp[3];
      this.s0RightValency[s0] = nr;
    }
    ms[0] += r[o];
    ms[1] += r[o + 1];
    ms[2] += r[o + 2];
    ms[3] += r[o + 3];
    // the buffer front with its left dependents: scored again when it takes one
    const n0 = st.b;
    o = n0 * 4;
    const nl = st.nl[n0];
    const g = this.n0Scores;
    if (this.n0Valency[n0] !== nl) {
      tmp[0] = tmp[1] = tmp[2] = tmp[3] = 0;
      moves.score(keys, st.n0StateFeatures(keys, 0), tmp);
      // with those of its left-most dependents
      this.addRole(ROLE_N0L, tmp);
      this.addRole(ROLE_N0L2, tmp);
      g[o] = tmp[0];
      g[o + 1] = tmp[1];
      g[o + 2] = tmp[2];
      g[o + 3] = tmp[3];
      this.n0Valency[n0] = nl;
    }
    ms[0] += g[o];
    ms[1] += g[o + 1];
    ms[2] += g[o + 2];
    ms[3] += g[o + 3];
    moves.score(keys, st.pairFeatures(keys, 0), ms);
    return ms;
  }

  /** Make the next move chosen by the move model, labelled by the arc model. */
  step(): void {
    const st = this.state;
    let move = -1;
    let nValid = 0;
    for (let m = 0; m < 4; m++)
      if (st.valid(m)) {
        nValid++;
        move = m;
      }
    // a forced move (empty stack, or the buffer at the root token) needs no scoring
    if (nValid > 1) {
      const ms = this.moveScores();
      move = -1;
      for (let m = 0; m < 4; m++) if (st.valid(m) && (move < 0 || ms[m] > ms[move])) move = m;
    }
    let label = -1;
    if (move === LEFT) label = this.bestLabel(st.b, st.stack[st.sp - 1]);
    else if (move === RIGHT) label = this.bestLabel(st.stack[st.sp - 1], st.b);
    st.apply(move, label);
  }

  /** Parse one sentence given word and tag values per token. */
  parse(words: ArrayLike<number>, tags: ArrayLike<number>): ParseResult {
    this.run(words, tags, 0, words.length);
    return finishTree(this.state, this.model);
  }

  /** Buffers of `parseSpan`'s result. */
  private readonly span: ParseResult = { head: new Int32Array(64), label: new Int32Array(64) };

  /**
   * Parse tokens [from, to) of `words` and `tags` as one sentence. The result's arrays are
   * this parser's buffers (read their first to - from values before the next call).
   */
  parseSpan(words: ArrayLike<number>, tags: ArrayLike<number>, from: number, to: number): ParseResult {
    const n = to - from;
    if (this.span.head.length < n) {
      this.span.head = new Int32Array(n * 2);
      this.span.label = new Int32Array(n * 2);
    }
    this.run(words, tags, from, to);
    return finishTree(this.state, this.model, this.span);
  }

  private run(words: ArrayLike<number>, tags: ArrayLike<number>, from: number, to: number): void {
    const n = to - from;
    const st = this.state;
    st.reset(n);
    this.resetCaches(n);
    for (let i = 0; i < n; i++) {
      st.w[i] = words[from + i];
      st.p[i] = tags[from + i];
    }
    st.finishInput();
    this.prepareTokenScores();
    while (!st.terminal) this.step();
  }
}

/** Heads and labels from a final state: exactly one root; extra root children attach to it. */
export function finishTree(st: ParseState, model: ParserModel, into?: ParseResult): ParseResult {
  const n = st.n;
  const head = into ? into.head : new Int32Array(n);
  const label = into ? into.label : new Int32Array(n);
  let root = -1;
  for (let i = 0; i < n; i++) if (st.head[i] === n && root < 0) root = i;
  for (let i = 0; i < n; i++) {
    let h = st.head[i];
    let l = st.label[i];
    if (h === n || h < 0) {
      if (i === root || root < 0) {
        root = i;
        h = -1;
        l = model.rootLabel;
      } else {
        h = root;
        l = model.labels.indexOf('parataxis');
      }
    }
    head[i] = h;
    label[i] = Math.max(l, 0);
  }
  return into ?? { head, label };
}

const UNKNOWN_WORD = hashString('<unk>', 3);

/**
 * The value a word has in parser features: case-folded (headlines parse like text), and one
 * shared value for words outside the vocabulary (seen at least twice in training), so the
 * model stays small and rare words lean on their tags.
 */
export function parserWordValue(lowerWord: string, vocabulary: ReadonlySet<string>): number {
  return vocabulary.has(lowerWord) ? hashString(lowerWord, 3) : UNKNOWN_WORD;
}
