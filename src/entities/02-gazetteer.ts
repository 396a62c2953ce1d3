// Step 2: name lists compiled into one phrase table keyed by lower-cased tokens. A lookup
// walks forward from each token while the words so far are a listed phrase or the prefix of
// one, so a sentence costs one or two table probes per token whatever the list sizes.
import { hashString } from './01-words.js';

export const GAZ_CLASSES = [
  'country',
  'region',
  'city',
  'demonym',
  'norp',
  'person',
  'org',
  'loc',
  'fac',
  'event',
  'first-name',
  'org-head',
] as const;
export type GazClass = (typeof GAZ_CLASSES)[number];
export const GAZ_INDEX: Readonly<Record<GazClass, number>> = Object.fromEntries(
  GAZ_CLASSES.map((c, i) => [c, i]),
) as Record<GazClass, number>;

/** Bit set on a key that is the prefix of a longer phrase. */
const PREFIX = 1 << 30;
const MAX_WORDS = 8;

/**
 * Phrases are stored by the 32-bit FNV-1a hash of their lower-cased words joined by spaces, in
 * an open-addressing table (no strings kept: it loads in milliseconds). A different phrase
 * with the same hash would match by accident; with ~200k phrases that is about one chance in
 * 20,000 per probe, harmless for features and list look-ups.
 */
export interface Gazetteer {
  readonly slots: Uint32Array;
  readonly bits: Uint32Array;
  readonly mask: number;
  readonly size: number;
}

/** Continue a phrase hash with a space and the next word. */
export function extendPhraseHash(h: number, lowerWord: string): number {
  return hashString(lowerWord, Math.imul(h ^ 32, 0x01000193) >>> 0);
}

export function phraseHash(lowerWords: readonly string[]): number {
  let h = hashString(lowerWords[0] ?? '');
  for (let i = 1; i < lowerWords.length; i++) h = extendPhraseHash(h, lowerWords[i]);
  return h;
}

/** Classes (with the PREFIX bit) of a phrase hash, -1 when absent. */
export function probe(g: Gazetteer, h: number): number {
  const k = h === 0 ? 1 : h;
  let s = (Math.imul(k, 0x9e3779b1) >>> 0) & g.mask;
  for (;;) {
    const v = g.slots[s];
    if (v === k) return g.bits[s];
    if (v === 0) return -1;
    s = (s + 1) & g.mask;
  }
}

/** Split a listed phrase into the tokens eventwire's tokenizer (and CoNLL) would produce. */
export function phraseTokenVariants(phrase: string): string[][] {
  const base = phrase.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean);
  const out = [base];
  if (base.some((w) => w.includes('-') && w.length > 1)) {
    const split: string[] = [];
    for (const w of base) {
      if (w.length > 1 && w.includes('-'))
        w.split(/(-)/).forEach((p) => {
          if (p) split.push(p);
        });
      else split.push(w);
    }
    out.push(split);
  }
  // "People's Republic": a possessive may be its own token
  const clitic = base.flatMap((w) => (/^[^']+'s$/.test(w) ? [w.slice(0, -2), "'s"] : [w]));
  if (clitic.length !== base.length) out.push(clitic);
  return out.filter((v) => v.length > 0 && v.length <= MAX_WORDS);
}

/** Collects phrase hashes straight into the open-addressing table (no Map: uint32 keys box). */
export class GazetteerBuilder {
  private slots = new Uint32Array(1 << 16);
  private bits = new Uint32Array(1 << 16);
  private size = 0;

  private put(h: number, b: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const k = h === 0 ? 1 : h;
    const mask = this.slots.length - 1;
    let s = (Math.imul(k, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[s] !== 0 && this.slots[s] !== k) s = (s + 1) & mask;
    if (this.slots[s] === 0) {
      this.slots[s] = k;
      this.size++;
    }
    this.bits[s] |= b;
  }

  private grow(): void {
    const { slots, bits } = this;
    this.slots = new Uint32Array(slots.length * 2);
    this.bits = new Uint32Array(slots.length * 2);
    this.size = 0;
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) this.put(slots[s], bits[s]);
  }

  add(phrase: string, cls: GazClass): void {
    const bit = 1 << GAZ_INDEX[cls];
    for (const words of phraseTokenVariants(phrase)) {
      let h = 0;
      for (let i = 0; i < words.length; i++) {
        h = i === 0 ? hashString(words[0]) : extendPhraseHash(h, words[i]);
        this.put(h, i === words.length - 1 ? bit : PREFIX);
      }
    }
  }

  /** One phrase per line; `#` starts a comment line. */
  addLines(text: string, cls: GazClass): void {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      this.add(line.split('\t')[0], cls);
    }
  }

  /** Compiled form: (hash, bits) pairs sorted by hash, little-endian uint32. */
  toBinary(): Uint8Array {
    const keys: number[] = [];
    for (let s = 0; s < this.slots.length; s++) if (this.slots[s] !== 0) keys.push(s);
    keys.sort((a, b) => this.slots[a] - this.slots[b]);
    const a = new Uint32Array(keys.length * 2);
    keys.forEach((s, i) => {
      a[2 * i] = this.slots[s];
      a[2 * i + 1] = this.bits[s];
    });
    return new Uint8Array(a.buffer);
  }

  addBinary(bytes: Uint8Array): void {
    const copy = new Uint8Array(bytes.length - (bytes.length % 8));
    copy.set(bytes.subarray(0, copy.length));
    const a = new Uint32Array(copy.buffer);
    while (this.slots.length < a.length * 2) this.grow();
    for (let i = 0; i < a.length; i += 2) this.put(a[i], a[i + 1]);
  }

  build(): Gazetteer {
    return { slots: this.slots, bits: this.bits, mask: this.slots.length - 1, size: this.size };
  }
}

const NO_POSITIONS = new Uint8Array(0);

/** A token as the matcher sees it: lower-cased form and its hash (hashString(lower)). */
export interface GazToken {
  lower: string;
  hLower: number;
  /** probe(gaz, hLower), when the caller has it cached. */
  gaz1?: number;
}

/**
 * Gazetteer positions for each token: `out[i * GAZ_CLASSES.length + c]` is 0 (none), 1 B, 2 I,
 * 3 L, 4 U of the longest phrase of class c covering token i. When given, `mask[i]` gets bit c
 * set for each class c with a position at token i, and a sentence without any listed phrase
 * gets an empty array (read positions only where the mask has bits).
 */
export function matchGazetteer(gaz: Gazetteer, toks: readonly GazToken[], mask?: Uint16Array): Uint8Array {
  const n = toks.length;
  const k = GAZ_CLASSES.length;
  let pos: Uint8Array | null = mask === undefined ? new Uint8Array(n * k) : null;
  let len: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const tok = toks[i];
    let h = tok.hLower;
    for (let j = i; j < n && j - i < MAX_WORDS; ) {
      const v = j === i && tok.gaz1 !== undefined ? tok.gaz1 : probe(gaz, h);
      if (v < 0) break;
      const classes = v & ~PREFIX;
      if (classes !== 0) {
        const l = j - i + 1;
        for (let c = 0; c < k; c++) {
          if ((classes & (1 << c)) === 0) continue;
          for (let t = i; t <= j; t++) {
            const at = t * k + c;
            if (len === null) len = new Uint8Array(n * k);
            if (pos === null) pos = new Uint8Array(n * k);
            if (len[at] >= l) continue;
            len[at] = l;
            pos[at] = l === 1 ? 4 : t === i ? 1 : t === j ? 3 : 2;
            if (mask !== undefined) mask[t] |= 1 << c;
          }
        }
      }
      if ((v & PREFIX) === 0) break;
      j++;
      if (j < n) h = extendPhraseHash(h, toks[j].lower);
    }
  }
  return pos ?? NO_POSITIONS;
}

/** Classes of a whole phrase (bit set of GAZ_INDEX), 0 when not listed. */
export function lookupPhrase(gaz: Gazetteer, lowerWords: readonly string[]): number {
  if (lowerWords.length === 0) return 0;
  const v = probe(gaz, phraseHash(lowerWords));
  return v < 0 ? 0 : v & ~PREFIX;
}
