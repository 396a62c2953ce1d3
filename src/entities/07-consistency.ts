// Step 7: document-level consistency. Once "Kim Chul Ho" is a person, a later (or earlier)
// "Kim" on its own is that person too: single capitalised words that are part of a
// multi-word person name in the same document are re-typed, or tagged when the model left
// them out (only where the word is not usually written in lower case).
import { Caps, caseBucket, isCapitalised } from './01-words.js';
import type { TokenInfo } from './03-features.js';
import { MODEL_TYPES } from './04-model.js';
import type { TokenSpanEntity } from './05-tag.js';

const PER = MODEL_TYPES.indexOf('PER');

/** Re-type and add person name parts, in place. Returns the number of changes. */
export function harmonisePersons(tokens: readonly TokenInfo[][], entities: TokenSpanEntity[][]): number {
  const parts = new Set<string>();
  for (let s = 0; s < entities.length; s++)
    for (const e of entities[s]) {
      if (e.type !== PER || e.end - e.start < 2) continue;
      for (let i = e.start; i < e.end; i++) {
        const t = tokens[s][i];
        if (t.caps === Caps.Initial && t.form.length > 1) parts.add(t.lower);
      }
    }
  if (parts.size === 0) return 0;
  let changes = 0;
  for (let s = 0; s < entities.length; s++) {
    const toks = tokens[s];
    const ents = entities[s];
    const covered = new Uint8Array(toks.length);
    for (const e of ents) {
      for (let i = e.start; i < e.end; i++) covered[i] = 1;
      if (e.end - e.start === 1 && e.type !== PER && parts.has(toks[e.start].lower)) {
        e.type = PER;
        changes++;
      }
    }
    let added = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (covered[i] || t.caps !== Caps.Initial || !parts.has(t.lower)) continue;
      if (t.first && caseBucket(t.entry) <= 2) continue;
      // a capitalised neighbour means a longer name the model chose not to tag
      if (i > 0 && isCapitalised(toks[i - 1].caps) && !toks[i].first) continue;
      if (i + 1 < toks.length && isCapitalised(toks[i + 1].caps)) continue;
      if (caseBucket(t.entry) === 1) continue;
      ents.push({ start: i, end: i + 1, type: PER, confidence: 0.6 });
      added = true;
      changes++;
    }
    if (added) ents.sort((a, b) => a.start - b.start);
  }
  return changes;
}
