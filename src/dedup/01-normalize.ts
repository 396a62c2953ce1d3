// Step 1: text to the normalized word sequence that near-duplicate detection compares. Case,
// accents, punctuation and spacing are folded away, so a re-typeset wire copy reads the same;
// words are hashed to 32-bit numbers once (FNV-1a) and shingles are built from those numbers.

/** FNV-1a over the UTF-16 code units of `s`, 32-bit. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower-case words (letters and digits) with accents removed; at most `maxWords`. */
export function normalizedWords(text: string, maxWords = 20_000): string[] {
  const folded = text.slice(0, 400_000).normalize('NFKD').replace(MARKS, '').toLowerCase();
  const out: string[] = [];
  for (const m of folded.matchAll(WORD)) {
    out.push(m[0]);
    if (out.length >= maxWords) break;
  }
  return out;
}

/** The 32-bit hashes of the words of a text. */
export function wordHashes(text: string, maxWords?: number): Uint32Array {
  const words = normalizedWords(text, maxWords);
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = fnv1a(words[i]);
  return out;
}

/** Hashes of the word k-shingles (consecutive k words); a shorter text is one shingle. */
export function shingleHashes(words: Uint32Array, k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const n = Math.max(1, words.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    const end = Math.min(words.length, i + k);
    for (let j = i; j < end; j++) {
      h = Math.imul(h ^ words[j], 0x5bd1e995);
      h ^= h >>> 15;
    }
    out[i] = h >>> 0;
  }
  return out;
}
