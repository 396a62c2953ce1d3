// Step 1: toponym mentions. Capitalised token sequences that name a gazetteer entry
// (longest match), NER GPE/LOC/FAC spans when the entities layer is present, and demonyms
// ("Japanese"), which inform the country context but are not places. Each mention carries
// the cues later steps weigh: a place preposition before it, a comma qualifier after it,
// the dateline, membership of a list of places, signs of a person or organisation name.
import type { Doc } from '../doc/doc.js';
import type { Token } from '../doc/types.js';
import { type Gazetteer, NAME_ALIAS } from './gazetteer.js';
import { placeKey } from './key.js';

export interface Mention {
  start: number;
  end: number;
  /** Token range [first, last). */
  first: number;
  last: number;
  sentence: number;
  key: string;
  /** Preceded by a place preposition ("in", "near", "from"...). */
  prep: string | null;
  /** Part of the dateline. */
  dateline: boolean;
  /** NER label when the entities layer covers the span. */
  ner: string | null;
  /** That entity is exactly the mention (not a longer name such as "Sidney Crosby"). */
  nerExact: boolean;
  /** The entity begins before the mention ("Hospital" in "Winnipeg Animal Emergency Hospital"). */
  nerInside: boolean;
  /** Written in capitals and at most four letters long ("EU", "OPP"): an acronym. */
  acronym: boolean;
  /** Followed by ", <mention>" (a qualifier such as "Paris, Texas"): index of that mention. */
  qualifier: number;
  /** Is itself the qualifier of the previous mention. */
  isQualifier: boolean;
  /** In a coordination or list with other place mentions ("Turkey, Russia and Iran"). */
  inList: boolean;
  /** First token of its sentence. */
  sentenceInitial: boolean;
  /** Signs of a larger proper name around it ("Jordan Peterson", "Washington Post"). */
  inLargerName: boolean;
  /** Preceded by a person title ("President", "Mr."). */
  personTitle: boolean;
  /** A generic word before it names its kind: "the city of Turkey" (city), "the province of Karak" (division). */
  kind: 'city' | 'division' | null;
  /** The next word, right after it, is capitalised ("South Ossetia", "Central Anatolia"). */
  capitalAfter: boolean;
  /** "Jane Doe, 40, of McKee": the residence of a person in a news report. */
  residence: boolean;
  /** Followed by a word of a local institution ("Glasgow Police", "Adair County Sheriff's Office"). */
  institutionAfter: boolean;
  /** Forced by the caller (evaluation of gold spans). */
  forced: boolean;
}

export interface Demonym {
  start: number;
  end: number;
  /** The country or region feature it refers to. */
  feature: number;
}

/** Prepositions that introduce a location. */
export const PLACE_PREPS = new Set([
  'in',
  'at',
  'near',
  'from',
  'to',
  'into',
  'outside',
  'across',
  'throughout',
  'around',
  'via',
  'toward',
  'towards',
  'through',
  'inside',
  'within',
  'between',
  'visit',
  'visited',
  'visiting',
  'entered',
  'left',
  'reached',
  'invaded',
  'of',
  'and',
]);
/** Words allowed inside a multi-word name ("Isle of Man", "Bosnia and Herzegovina"). */
const CONNECTORS = new Set([
  'of',
  'and',
  'de',
  'del',
  'la',
  'le',
  'du',
  'da',
  'upon',
  'on',
  'the',
  'al',
  'el',
  "'s",
  '-',
  '.',
  "'",
]);
/** Lowercase generic words that can end a region name. */
const GEO_HEADS = new Set([
  'peninsula',
  'strip',
  'bank',
  'island',
  'islands',
  'sea',
  'gulf',
  'coast',
  'valley',
  'basin',
  'desert',
  'mountains',
  'river',
  'lake',
  'ocean',
  'region',
  'province',
  'county',
  'district',
  'state',
  'territory',
  'heights',
]);
/** Titles before a person name. */
const PERSON_TITLES = new Set([
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sen',
  'sen.',
  'rep',
  'rep.',
  'gov',
  'gov.',
  'gen',
  'gen.',
  'president',
  'minister',
  'premier',
  'senator',
  'governor',
  'mayor',
  'judge',
  'coach',
  'sir',
  'lord',
  'lady',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'saint',
  'st.',
  'sgt.',
  'cpl.',
  'lt.',
  'col.',
  'capt.',
  'officer',
  'constable',
  'detective',
  'chief',
  'envoy',
  'ambassador',
]);
/** Capitalised words after a place that keep it a place ("U.S. Army", "Texas governor"). */
const MODIFIED_HEADS = new Set([
  'army',
  'navy',
  'air',
  'forces',
  'force',
  'military',
  'government',
  'embassy',
  'consulate',
  'police',
  'president',
  'prime',
  'minister',
  'ministry',
  'foreign',
  'defence',
  'defense',
  'interior',
  'senate',
  'congress',
  'parliament',
  'cabinet',
  'state',
  'department',
  'officials',
  'troops',
  'coast',
  'guard',
  'border',
  'city',
  'council',
  'mayor',
  'governor',
  'premier',
  'court',
  'supreme',
  'legislature',
  'election',
  'elections',
  'national',
  'federal',
  'central',
  'special',
  'attorney',
  'general',
  'secretary',
  'ambassador',
  'envoy',
  'consul',
  'king',
  'queen',
  'crown',
  'province',
  'region',
  'county',
  'district',
  'capital',
  'airport',
  'university',
  'school',
  'hospital',
  'health',
  'fire',
  'emergency',
  'public',
  'general',
  'ministers',
  'authorities',
]);

const isCap = (t: Token) => {
  const c = t.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(t.text);
};
const lower = (t: Token | undefined) => (t ? (t.norm ?? t.text).toLowerCase() : '');

/** A window of tokens that may form one name: capitalised words and connectors. */
function nameWindowEnd(tokens: readonly Token[], i: number, limit: number, maxWords: number): number {
  let j = i + 1;
  let words = 1;
  while (j < limit && words < maxWords) {
    const t = tokens[j];
    if (isCap(t)) {
      words++;
      j++;
    } else if (CONNECTORS.has(lower(t))) {
      // connectors join names ("Isle of Man", "Stratford-upon-Avon")
      if (t.text === '.' && tokens[j - 1].end !== t.start) break;
      words++;
      j++;
    } else if (GEO_HEADS.has(t.text)) {
      // a lowercase generic word may end a region name ("Korean peninsula", "Gaza strip")
      j++;
      break;
    } else break;
  }
  return j;
}

export interface MentionOptions {
  /** Spans that must be mentions (evaluation of gold spans). */
  forced?: ReadonlyArray<{ start: number; end: number }>;
}

/** Find the toponym mentions and demonyms of `doc`. */
export function findMentions(
  doc: Doc,
  gaz: Gazetteer,
  options: MentionOptions = {},
): { mentions: Mention[]; demonyms: Demonym[]; personNames: Set<string> } {
  const { tokens, text } = doc;
  const mentions: Mention[] = [];
  const demonyms: Demonym[] = [];
  const personNames = new Set<string>();
  const hasEntities = doc.layers.includes('entities');
  const entityAt = new Map<number, { end: number; type: string }>();
  if (hasEntities) for (const e of doc.entities) entityAt.set(e.start, { end: e.end, type: String(e.type) });
  // the first entity (in document order) overlapping [start, end): entities sorted by start with a
  // running maximum of their ends, so a lookup skips those that end before `start` by bisection
  const ents = hasEntities
    ? doc.entities.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i)
    : [];
  const maxEnd: number[] = [];
  for (const { e } of ents) maxEnd.push(Math.max(e.end, maxEnd.length ? maxEnd[maxEnd.length - 1] : 0));
  const entityOver = (start: number, end: number): string | null => {
    if (!hasEntities) return null;
    let lo = 0;
    let hi = ents.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maxEnd[mid] > start) hi = mid;
      else lo = mid + 1;
    }
    let found: { e: (typeof ents)[number]['e']; i: number } | null = null;
    for (let k = lo; k < ents.length && ents[k].e.start < end; k++) {
      const x = ents[k];
      if (start < x.e.end && (!found || x.i < found.i)) found = x;
    }
    return found ? String(found.e.type) : null;
  };
  const dl = doc.dateline?.place ?? null;
  const forced = (options.forced ?? []).slice().sort((a, b) => a.start - b.start);
  const taken = new Uint8Array(tokens.length);
  const tokenIndexAt = (offset: number) => {
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].end <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return lo;
  };

  const push = (first: number, last: number, key: string, isForced: boolean, start?: number, end?: number) => {
    const s = start ?? tokens[first].start;
    const e = end ?? tokens[last - 1].end;
    const sent = tokens[first].sentence;
    const prev = tokens[first - 1];
    const prevIn = prev && prev.sentence === sent;
    mentions.push({
      start: s,
      end: e,
      first,
      last,
      sentence: sent,
      key,
      prep: prevIn && PLACE_PREPS.has(lower(prev)) ? lower(prev) : null,
      dateline: dl !== null && s >= dl.start && e <= dl.end,
      ner: entityOver(s, e),
      nerExact: entityAt.get(s)?.end === e,
      nerInside: hasEntities && !entityAt.has(s) && entityOver(s, e) !== null,
      acronym: /^[A-Z]{2,4}$/.test(text.slice(s, e)),
      qualifier: -1,
      isQualifier: false,
      inList: false,
      sentenceInitial: !prevIn || (first > 0 && /^["“‘'(]$/.test(prev.text) && !tokens[first - 2]) || false,
      inLargerName: false,
      personTitle: false,
      institutionAfter: false,
      kind: prevIn && lower(prev) === 'of' ? (KIND_WORDS.get(lower(tokens[first - 2])) ?? null) : null,
      capitalAfter:
        tokens[last] !== undefined &&
        tokens[last].sentence === sent &&
        tokens[last].start === e + 1 &&
        isCap(tokens[last]),
      residence:
        prevIn &&
        lower(prev) === 'of' &&
        tokens[first - 2]?.text === ',' &&
        /^\d{1,3}$/.test(tokens[first - 3]?.text ?? '') &&
        tokens[first - 4]?.text === ',',
      forced: isForced,
    });
    for (let k = first; k < last; k++) taken[k] = 1;
  };

  // forced spans first (they win over overlapping matches)
  for (const f of forced) {
    if (f.end <= f.start || f.start < 0 || f.end > text.length) continue;
    const first = Math.min(tokenIndexAt(f.start), tokens.length - 1);
    let last = first;
    while (last < tokens.length && tokens[last].start < f.end) last++;
    if (first < 0 || last <= first) continue;
    push(first, last, placeKey(text.slice(f.start, f.end)), true, f.start, f.end);
  }

  // NER spans of place types
  if (hasEntities)
    for (const e of doc.entities) {
      if (e.type !== 'GPE' && e.type !== 'LOC' && e.type !== 'FAC') continue;
      const first = tokenIndexAt(e.start);
      let last = first;
      while (last < tokens.length && tokens[last].start < e.end) last++;
      if (last <= first || taken.subarray(first, last).some((x) => x)) continue;
      let key = placeKey(e.text);
      if (key.startsWith('the ')) key = key.slice(4);
      if (KIND_WORDS.has(key) && lower(tokens[last]) === 'of') continue;
      // "Churchill, Man.": the abbreviation with the period the tokenizer split off
      const dot = tokens[last];
      if (dot && dot.text === '.' && dot.start === tokens[last - 1].end && !taken[last]) {
        const dotKey = placeKey(text.slice(tokens[first].start, dot.end));
        if (gaz.lookupKey(dotKey).some((c) => c.flags & NAME_ALIAS)) {
          push(first, last + 1, dotKey, false);
          continue;
        }
      }
      // facilities and natural features the gazetteer lacks are still places
      if (gaz.hasKey(key) || e.type !== 'GPE') push(first, last, key, false);
    }

  // capitalised sequences
  const maxWords = gaz.maxWords;
  let personRunEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !isCap(tokens[i])) continue;
    const sent = tokens[i].sentence;
    // bounded look-ahead keeps the scan linear in the number of tokens
    let limit = i;
    while (limit < tokens.length && limit - i <= 2 * maxWords && tokens[limit].sentence === sent && !taken[limit])
      limit++;
    const wEnd = nameWindowEnd(tokens, i, limit, maxWords);
    let matched = false;
    for (let j = wEnd; j > i; j--) {
      const lastTok = tokens[j - 1];
      if (!isCap(lastTok) && !(j - i > 1 && /^[a-z]+$/.test(lastTok.text))) continue;
      if (j - i > 1 && CONNECTORS.has(lower(lastTok))) continue;
      // an abbreviation whose period the tokenizer split off ("Barrie, Ont.", "Melville, Sask.")
      const dot = tokens[j];
      if (dot && dot.text === '.' && dot.start === lastTok.end && !taken[j]) {
        const dotKey = placeKey(text.slice(tokens[i].start, dot.end));
        if (gaz.lookupKey(dotKey).some((c) => c.flags & NAME_ALIAS) && gaz.demonym(dotKey) < 0) {
          push(i, j + 1, dotKey, false);
          matched = true;
          break;
        }
      }
      const key = placeKey(text.slice(tokens[i].start, lastTok.end));
      // the generic word of "the City of Turkey" is no place of its own
      if (j === i + 1 && KIND_WORDS.has(key) && lower(tokens[j]) === 'of') continue;
      const feature = gaz.demonym(key);
      if (feature >= 0) {
        demonyms.push({ start: tokens[i].start, end: lastTok.end, feature });
        for (let k = i; k < j; k++) taken[k] = 1;
        matched = true;
        break;
      }
      const cands = gaz.lookupKey(key);
      if (cands.length === 0) continue;
      // a lowercase last word only for regions and divisions ("Korean peninsula")
      if (!isCap(lastTok) && !cands.some((c) => !gaz.featureCode(c.feature).startsWith('PPL'))) continue;
      push(i, j, key, false);
      matched = true;
      break;
    }
    if (!matched && i >= personRunEnd) {
      // remember person-like names: two or more capitalised words that are not a place
      let j = i;
      while (
        j < tokens.length &&
        tokens[j].sentence === sent &&
        !taken[j] &&
        isCap(tokens[j]) &&
        /^\p{L}[\p{L}'’.-]*$/u.test(tokens[j].text)
      )
        j++;
      personRunEnd = j;
      if (
        j - i >= 2 &&
        !FUNCTION_WORDS.has(lower(tokens[i])) &&
        !isProminentName(gaz, placeKey(tokens[j - 1].text)) &&
        !PERSON_TITLES.has(lower(tokens[i])) &&
        !MODIFIED_HEADS.has(lower(tokens[i]))
      ) {
        for (let k = i + 1; k < j; k++) personNames.add(placeKey(tokens[k].text));
      }
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  markStructure(doc, gaz, mentions);
  return { mentions, demonyms, personNames };
}

/** Qualifiers, lists, and signs that a mention is part of a larger non-place name. */
/** Words that may follow a comma qualifier ("Paris, Texas, on Monday"). */
const QUALIFIER_FOLLOWERS = new Set(
  'and or but in on at for to from near after before during since until where when which who whose with as is was were are has had have said says'.split(
    ' ',
  ),
);

/** A name whose best reading is a country, a division or a city of 100,000 people. */
export function isProminentName(gaz: Gazetteer, key: string): boolean {
  const c = gaz.lookupKey(key)[0];
  return c !== undefined && c.flags !== 0 && isProminentFeature(gaz, c.feature);
}

export function isProminentFeature(gaz: Gazetteer, f: number): boolean {
  const code = gaz.featureCode(f);
  if (code.startsWith('PCL') || code === 'ADM1' || code === 'PPLC' || code === 'CONT') return true;
  return code.startsWith('PPL') && gaz.population[f] >= 100000;
}

function isCountryName(gaz: Gazetteer, key: string): boolean {
  const c = gaz.lookupKey(key)[0];
  return c !== undefined && c.flags !== 0 && gaz.featureCode(c.feature).startsWith('PCL');
}

function markStructure(doc: Doc, gaz: Gazetteer, mentions: Mention[]): void {
  const { tokens } = doc;
  const mentionAtToken = new Map<number, number>();
  const mentionEnds = new Set<number>();
  for (const m of mentions) mentionEnds.add(m.last);
  for (let i = 0; i < mentions.length; i++) mentionAtToken.set(mentions[i].first, i);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const next = tokens[m.last];
    // "X, Y": Y qualifies X (Paris, Texas; Sydney, Nova Scotia)
    if (next && next.text === ',' && next.sentence === m.sentence && !isCountryName(gaz, m.key)) {
      const q = mentionAtToken.get(m.last + 1);
      // a qualifier closes the name: "Paris, Texas, said" but not "Russia, U.S. officials said"
      const after = q !== undefined ? tokens[mentions[q].last] : undefined;
      const closes =
        after === undefined ||
        after.sentence !== m.sentence ||
        /^[^\p{L}\p{N}]+$/u.test(after.text) ||
        QUALIFIER_FOLLOWERS.has(lower(after));
      if (q !== undefined && closes) {
        m.qualifier = q;
        mentions[q].isQualifier = true;
      }
    }
    // lists: "X, Y and Z", "X and Y", "X or Y"
    const sep = tokens[m.last];
    if (sep && sep.sentence === m.sentence && /^(,|and|or|&|\/)$/.test(sep.text)) {
      const q =
        mentionAtToken.get(m.last + 1) ??
        (tokens[m.last + 1]?.text === 'and' ? mentionAtToken.get(m.last + 2) : undefined);
      if (q !== undefined) {
        m.inList = true;
        mentions[q].inList = true;
      }
    }
    const follower = tokens[m.last];
    if (follower && follower.sentence === m.sentence && isCap(follower) && LOCAL_INSTITUTIONS.has(lower(follower)))
      m.institutionAfter = true;
    if (m.forced) continue;
    // larger proper names around the mention
    const before = tokens[m.first - 1];
    const after = tokens[m.last];
    const sameSentence = (t: Token | undefined) => t !== undefined && t.sentence === m.sentence;
    if (sameSentence(before) && isCap(before!) && !mentionEnds.has(m.first)) {
      const b = lower(before);
      if (PERSON_TITLES.has(b)) {
        m.inLargerName = true;
        m.personTitle = true;
      } else if (!FUNCTION_WORDS.has(b) && !isPlaceModifierBefore(b) && /^\p{L}+$/u.test(before!.text))
        m.inLargerName = true;
    }
    if (sameSentence(after) && isCap(after!) && after!.start === m.end + 1 && !mentionAtToken.has(m.last)) {
      const a = lower(after);
      if (!MODIFIED_HEADS.has(a) && /^\p{Lu}\p{Ll}/u.test(after!.text)) m.inLargerName = true;
    }
  }
}

/** Generic words before "of <name>" that say which kind of place the name is. */
const KIND_WORDS = new Map<string, 'city' | 'division'>([
  ['city', 'city'],
  ['town', 'city'],
  ['towns', 'city'],
  ['village', 'city'],
  ['villages', 'city'],
  ['hamlet', 'city'],
  ['municipality', 'city'],
  ['suburb', 'city'],
  ['mayor', 'city'],
  ['province', 'division'],
  ['governorate', 'division'],
  ['governor', 'division'],
]);

/** Words that name a local institution after its place ("Glasgow Police", "Bantam Superior Court"). */
const LOCAL_INSTITUTIONS = new Set(
  'police sheriff sheriffs marshal court superior circuit fire coroner council councillor mayor mla mpp reeve alderman township municipal regional jail ems rcmp opp department county parish city town village borough'.split(
    ' ',
  ),
);

/** Capitalised only because they start a sentence or heading. */
const FUNCTION_WORDS = new Set(
  'the a an in at on from to for by with and but as if when while after before since during of said says across near outside inside into over under about both all some many most several this that these those then yet so or nor where why how what which who whose both either neither like unlike unless until despite through throughout via per'.split(
    ' ',
  ),
);

function isPlaceModifierBefore(word: string): boolean {
  // "North Texas", "Greater London", "Metro Vancouver", "Northern Alberta"
  return /^(north|south|east|west|northern|southern|eastern|western|central|greater|metro|downtown|upper|lower|new|old|rural|suburban|coastal)$/.test(
    word,
  );
}
