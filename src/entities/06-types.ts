// Step 6: from the model's four coarse types to the fine ones. PER -> PERSON; LOC -> GPE
// (countries, divisions, cities), LOC (continents, seas, rivers, mountains) or FAC
// (airports, streets, buildings); MISC -> NORP (nationalities, religious and political
// groups), EVENT (wars, summits, games) or MISC; ORG stays ORG except party-member nouns
// ("Democrats"), which are NORP.
import type { EntityType } from '../doc/types.js';
import { GAZ_INDEX, type Gazetteer, lookupPhrase } from './02-gazetteer.js';

export interface HeadRule {
  type: 'FAC' | 'LOC' | 'EVENT' | 'ORG';
  /** The head word comes first ("Mount Fuji", "Battle of Hastings"). */
  first: boolean;
}

export interface TypingResources {
  gazetteer: Gazetteer;
  /** Lower-case head word -> rule (data/entities/heads.tsv). */
  heads: ReadonlyMap<string, HeadRule[]>;
  /** Lower-case phrase -> type (data/entities/places.tsv). */
  places: ReadonlyMap<string, EntityType>;
}

export function parseHeads(tsv: string): Map<string, HeadRule[]> {
  const m = new Map<string, HeadRule[]>();
  for (const line of tsv.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [word, type, flag] = line.split('\t');
    if (!word || !type) continue;
    const rules = m.get(word.toLowerCase()) ?? [];
    rules.push({ type: type.trim() as HeadRule['type'], first: flag?.trim() === 'first' });
    m.set(word.toLowerCase(), rules);
  }
  return m;
}

export function parsePlaces(tsv: string): Map<string, EntityType> {
  const m = new Map<string, EntityType>();
  for (const line of tsv.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [name, type] = line.split('\t');
    if (name && type) m.set(name.toLowerCase(), type.trim());
  }
  return m;
}

const bit = (name: keyof typeof GAZ_INDEX) => 1 << GAZ_INDEX[name];
const GPE_BITS = bit('country') | bit('region') | bit('city');
const NORP_BITS = bit('demonym') | bit('norp');

export interface FineTyping {
  type: EntityType;
  /** Why (for --explain). */
  reason: string;
}

function headType(words: readonly string[], res: TypingResources, allowed: ReadonlySet<string>): FineTyping | null {
  const last = words[words.length - 1];
  for (const r of res.heads.get(last) ?? [])
    if (!r.first && allowed.has(r.type)) return { type: r.type, reason: `head word "${last}"` };
  if (words.length > 1)
    for (const r of res.heads.get(words[0]) ?? [])
      if (r.first && allowed.has(r.type)) return { type: r.type, reason: `leading word "${words[0]}"` };
  return null;
}

const LOC_HEADS = new Set(['LOC', 'FAC']);
const EVENT_HEADS = new Set(['EVENT']);

/** Fine type of a name given its coarse model type (PER, ORG, LOC, MISC) and its words. */
export function fineType(coarse: string, forms: readonly string[], res: TypingResources): FineTyping {
  let words = forms.map((f) => f.toLowerCase().replace(/’/g, "'"));
  if (words.length > 1 && words[0] === 'the') words = words.slice(1);
  if (coarse === 'PER') return { type: 'PERSON', reason: 'model: person' };
  const listed = lookupPhrase(res.gazetteer, words);
  if (coarse === 'ORG') {
    if (words.length === 1 && listed & bit('norp')) return { type: 'NORP', reason: 'group list' };
    return { type: 'ORG', reason: 'model: organisation' };
  }
  if (coarse === 'LOC') {
    const place = res.places.get(words.join(' '));
    if (place) return { type: place, reason: 'place list' };
    if (listed & bit('country')) return { type: 'GPE', reason: 'country list' };
    const head = headType(words, res, LOC_HEADS);
    if (head) return head;
    if (listed & GPE_BITS) return { type: 'GPE', reason: 'city or division list' };
    if (listed & bit('loc')) return { type: 'LOC', reason: 'geographic feature list' };
    if (listed & bit('fac')) return { type: 'FAC', reason: 'facility list' };
    return { type: 'GPE', reason: 'unlisted place (most are towns)' };
  }
  // MISC
  if (listed & NORP_BITS) return { type: 'NORP', reason: 'nationality or group list' };
  const last = words[words.length - 1];
  if (last.length > 3 && last.endsWith('s')) {
    const singular = [...words.slice(0, -1), last.slice(0, -1)];
    if (lookupPhrase(res.gazetteer, singular) & NORP_BITS) return { type: 'NORP', reason: 'plural of a nationality' };
  }
  if (listed & bit('event')) return { type: 'EVENT', reason: 'event list' };
  const head = headType(words, res, EVENT_HEADS);
  if (head) return head;
  return { type: 'MISC', reason: 'model: other name' };
}
