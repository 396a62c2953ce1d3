// Step 2: name lists compiled into one phrase table keyed by lower-cased tokens. A lookup
// walks forward from each token while the words so far are a listed phrase or the prefix of
// one, so a sentence costs one or two map probes per token whatever the list sizes.

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

export interface Gazetteer {
  /** "north korea" -> class bits (| PREFIX). */
  readonly phrases: ReadonlyMap<string, number>;
  readonly size: number;
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
  // "Côte d'Ivoire" / "People's Republic": a possessive or elided clitic may be its own token
  const clitic = base.flatMap((w) => (/^[^']+'s$/.test(w) ? [w.slice(0, -2), "'s"] : [w]));
  if (clitic.length !== base.length) out.push(clitic);
  return out.filter((v) => v.length > 0 && v.length <= MAX_WORDS);
}

export class GazetteerBuilder {
  private readonly map = new Map<string, number>();

  add(phrase: string, cls: GazClass): void {
    const bit = 1 << GAZ_INDEX[cls];
    for (const words of phraseTokenVariants(phrase)) {
      let key = '';
      for (let i = 0; i < words.length; i++) {
        key = i === 0 ? words[0] : `${key} ${words[i]}`;
        const old = this.map.get(key) ?? 0;
        this.map.set(key, i === words.length - 1 ? old | bit : old | PREFIX);
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

  build(): Gazetteer {
    return { phrases: this.map, size: this.map.size };
  }
}

/**
 * Gazetteer positions for each token: `out[i * GAZ_CLASSES.length + c]` is 0 (none), 1 B, 2 I,
 * 3 L, 4 U of the longest phrase of class c covering token i.
 */
export function matchGazetteer(gaz: Gazetteer, lower: readonly string[]): Uint8Array {
  const n = lower.length;
  const k = GAZ_CLASSES.length;
  const pos = new Uint8Array(n * k);
  const len = new Uint8Array(n * k);
  for (let i = 0; i < n; i++) {
    let key = lower[i];
    for (let j = i; j < n && j - i < MAX_WORDS; ) {
      const v = gaz.phrases.get(key);
      if (v === undefined) break;
      const classes = v & ~PREFIX;
      if (classes !== 0) {
        const l = j - i + 1;
        for (let c = 0; c < k; c++) {
          if ((classes & (1 << c)) === 0) continue;
          for (let t = i; t <= j; t++) {
            const at = t * k + c;
            if (len[at] >= l) continue;
            len[at] = l;
            pos[at] = l === 1 ? 4 : t === i ? 1 : t === j ? 3 : 2;
          }
        }
      }
      if ((v & PREFIX) === 0) break;
      j++;
      if (j < n) key = `${key} ${lower[j]}`;
    }
  }
  return pos;
}

/** Classes of a whole phrase (bit set of GAZ_INDEX), 0 when not listed. */
export function lookupPhrase(gaz: Gazetteer, lowerWords: readonly string[]): number {
  const v = gaz.phrases.get(lowerWords.join(' '));
  return v === undefined ? 0 : v & ~PREFIX;
}
