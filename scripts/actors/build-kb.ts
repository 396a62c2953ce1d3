// `npm run kb:actors`: regenerate the actor knowledge base in data/actors/ from the shared
// actor data (../shared/data/actors: Phoenix dictionaries, CountryInfo, office holders),
// the npm packages world-countries and i18n-iso-countries, and UD English (common words).
// The output is readable TSV that analysts extend by hand (data/actors/README.md); the files
// under data/actors/curated/ are written by hand and never touched by this script.
// Deterministic: same inputs, same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const src = join(shared, 'data/actors');
const out = join(repo, 'data/actors');
const require = createRequire(import.meta.url);

interface PhxCode {
  code: string | null;
  from: string | null;
  to: string | null;
  problem?: string;
}
interface PhxEntry {
  id: string;
  name: string;
  aliases: string[];
  codes: PhxCode[];
  kind: string;
  dates_inverted?: boolean;
  differs_from?: string[];
  line: number;
}
interface LeaderRow {
  name: string;
  aliases: string[];
  country_iso3: string | null;
  parent_iso3?: string | null;
  jurisdiction_type: string;
  role: string;
  title: string | null;
  from: string | null;
  to: string | null;
  cameo_code: string | null;
  wikidata_id?: string;
  phoenix_ids?: string[];
  source: string;
  dates_inverted?: boolean;
}
interface CountryRow {
  iso3: string | null;
  cameo_code: string;
  name: string;
  names: string[];
  adjectives: string[];
  capitals: string[];
  phoenix_other_aliases: string[];
  historical: boolean;
  valid_from?: string | null;
  valid_to?: string | null;
  code_prefix_only?: boolean;
  source: string;
}
interface AgentRow {
  term: string;
  variants: string[];
  plural: string[] | null;
  code: string | null;
  role_code: string | null;
  attach: string;
  line: number;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** The matching key of a name (same folding as src/actors/normalize.ts). */
function key(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘ʼ`]/g, "'")
    .replace(/\./g, '')
    .replace(/[-‐–—_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ').trim();
/** A |-separated list cell. */
const list = (items: Iterable<string>) => [...items].map((s) => s.replace(/\|/g, ' ').trim()).join('|');
const hasLatin = (s: string) => /[A-Za-z]/.test(s);
/** Text that is not a usable name: mojibake, unexpanded TABARI markers, stray brackets. */
const junk = (s: string) => /Ã|Â|�|!|[{}[\]]/.test(s) || !hasLatin(s);

function tsv(path: string, header: string[], comment: string[], rows: string[][]): void {
  const lines = comment.map((c) => `# ${c}`);
  lines.push(header.join('\t'));
  for (const r of rows) lines.push(r.map((c) => clean(c)).join('\t'));
  writeFileSync(path, `${lines.join('\n')}\n`);
  console.log(`${path.replace(`${repo}/`, '')}: ${rows.length} rows`);
}

const SOURCE_PREFIX: Array<[string, string]> = [
  ['every-politician-scrapers/world-leaders-2021', 'WL'],
  ['every-politician-scrapers/world@', 'WF'],
  ['every-politician-scrapers/', 'EP'],
  ['OEFDataScience/REIGN', 'REIGN'],
  ['openeventdata/CountryInfo', 'CI'],
];
function leaderSource(s: string): string {
  for (const [p, id] of SOURCE_PREFIX) if (s.startsWith(p)) return id;
  return 'other';
}
function phxSource(id: string): string {
  const [file, line] = id.split(':');
  const pre = file.startsWith('gm-') ? 'GM' : file.startsWith('dict-') ? 'DICT' : 'P2';
  const part = file.replace(/^(phx|gm|dict)-/, '');
  return `${pre}:${part[0]}${line}`;
}

// ---------------------------------------------------------------- countries
const countries = readJsonl<CountryRow>(join(src, 'countries.jsonl'));
const worldCountries = require('world-countries') as Array<{
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { m: string; f: string } };
  capital?: string[];
}>;
const i18n = require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> };
const alpha3to2 = new Map<string, string>();
for (const w of require('i18n-iso-countries/codes.json') as Array<[string, string, string]>) alpha3to2.set(w[1], w[0]);

const wcByIso = new Map(worldCountries.map((w) => [w.cca3, w]));
const cameoToIso = new Map<string, string>();
const countryRows: string[][] = [];
// adjectives claimed by two countries ("KOREAN", "CONGOLESE") are ambiguous: left out
const adjOwners = new Map<string, Set<string>>();
for (const c of countries)
  for (const a of c.adjectives ?? []) {
    const k = key(a);
    if (!adjOwners.has(k)) adjOwners.set(k, new Set());
    adjOwners.get(k)!.add(c.cameo_code);
  }
// CountryInfo gives the SRB block the ISO code of Serbia and Montenegro (SCG): Serbia is SRB
const ISO_FIXES: Record<string, string> = { SRB: 'SRB' };
for (const c of countries) {
  // four CountryInfo blocks have no CAMEO code (Northern Cyprus, three small territories)
  if (!c.cameo_code) continue;
  if (ISO_FIXES[c.cameo_code]) c.iso3 = ISO_FIXES[c.cameo_code];
  // territories sharing their sovereign's code (Mayotte, Jersey: FRA, GBR) do not name it
  if (c.iso3 && (!cameoToIso.has(c.cameo_code) || c.iso3 === c.cameo_code)) cameoToIso.set(c.cameo_code, c.iso3);
  const wc = c.iso3 ? wcByIso.get(c.iso3) : undefined;
  const names = new Map<string, string>();
  const addName = (n: string) => {
    if (!junk(n) && !names.has(key(n))) names.set(key(n), n);
  };
  for (const n of c.names ?? []) addName(n);
  // Phoenix aliases that name the country itself ("STATE OF ISRAEL", "THE UNITED STATES"),
  // not its provinces or parties ("HELMAND", "FATAH")
  const stems = [...(c.names ?? []), ...(c.adjectives ?? [])].map(key).filter((k) => k.length >= 4);
  for (const a of c.phoenix_other_aliases ?? []) {
    const k = key(a);
    if (stems.some((s) => k.includes(s))) addName(a);
  }
  const sources = [c.source.replace(/^openeventdata\/CountryInfo@\w+:/, 'CI:')];
  if (wc) {
    addName(wc.name.common);
    sources.push('WC');
  }
  const iso2 = c.iso3 ? alpha3to2.get(c.iso3) : undefined;
  const en = iso2 ? i18n.countries[iso2] : undefined;
  if (en) {
    for (const n of Array.isArray(en) ? en : [en]) if (!/,/.test(n) && n.length > 3) addName(n);
    sources.push('I18N');
  }
  const adjectives = new Map<string, string>();
  for (const a of c.adjectives ?? []) if (!junk(a) && adjOwners.get(key(a))!.size === 1) adjectives.set(key(a), a);
  const dem = wc?.demonyms?.eng;
  if (dem)
    for (const a of [dem.m, dem.f])
      if (!adjectives.has(key(a)) && ![...adjOwners.entries()].some(([k, o]) => k === key(a) && !o.has(c.cameo_code)))
        adjectives.set(key(a), a);
  const capitals = new Map<string, string>();
  for (const cap of c.capitals ?? []) if (!junk(cap)) capitals.set(key(cap), cap);
  const display = wc?.name.common ?? titleCase(c.name);
  countryRows.push([
    c.cameo_code,
    c.iso3 ?? '',
    display,
    list(names.values()),
    list(adjectives.values()),
    list(capitals.values()),
    c.valid_from ?? '',
    c.valid_to ?? '',
    sources.join(' '),
  ]);
}
countryRows.sort((a, b) => a[0].localeCompare(b[0]));

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s(-])(\p{L})/gu, (_m, p: string, l: string) => p + l.toUpperCase());
}

// ------------------------------------------------------ Phoenix entries
const actors = readJsonl<PhxEntry>(join(src, 'actors.jsonl'));
// DICT and GM entries that are new names (not changed copies of P2 entries)
const variants = readJsonl<PhxEntry>(join(src, 'actors_variants.jsonl')).filter(
  (v) => !v.differs_from || v.differs_from.length === 0,
);
const phxById = new Map<string, PhxEntry>();
for (const a of [...actors, ...variants]) phxById.set(a.id, a);

function usableCodes(e: PhxEntry): PhxCode[] {
  return e.codes.filter(
    (c) =>
      c.code !== null &&
      /^([A-Z]{3})+$/.test(c.code) &&
      !c.problem &&
      !(c.from && c.to && c.from > c.to) &&
      !(e.dates_inverted && c.from && c.to),
  );
}

function countryOf(codes: readonly string[]): string {
  for (const c of codes) {
    const iso = cameoToIso.get(c.slice(0, 3));
    if (iso) return iso;
  }
  return '';
}

// ------------------------------------------------------ organisations and groups
const orgRows: string[][] = [];
for (const e of [...actors, ...variants]) {
  if (e.kind === 'person' || e.kind === 'country') continue;
  const codes = usableCodes(e);
  if (codes.length === 0 || junk(e.name)) continue;
  const aliases = uniqueNames(e.name, e.aliases);
  codes.forEach((c, i) => {
    orgRows.push([
      i === 0 ? e.name : '',
      i === 0 ? list(aliases) : '',
      i === 0 ? (e.kind === 'location' ? 'place' : e.kind) : '',
      i === 0 ? countryOf(codes.map((x) => x.code!)) : '',
      c.code!,
      c.from ?? '',
      c.to ?? '',
      phxSource(e.id),
    ]);
  });
}

function uniqueNames(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([key(name)]);
  const outNames: string[] = [];
  for (const a of aliases) {
    const k = key(a);
    if (!seen.has(k) && !junk(a)) {
      seen.add(k);
      outNames.push(a);
    }
  }
  return outNames;
}

// ------------------------------------------------------ people
interface Person {
  /** Folded name -> every spelling seen. */
  names: Map<string, string[]>;
  country: string;
  phx: Array<{ code: string; from: string; to: string; source: string }>;
  offices: Array<{ code: string; from: string; to: string; role: string; title: string; source: string }>;
  order: number;
}
const people = new Map<string, Person>();
let order = 0;
function person(k: string): Person {
  let p = people.get(k);
  if (!p) {
    p = { names: new Map(), country: '', phx: [], offices: [], order: order++ };
    people.set(k, p);
  }
  return p;
}
for (const e of [...actors, ...variants]) {
  if (e.kind !== 'person') continue;
  const codes = usableCodes(e);
  if (codes.length === 0 || junk(e.name)) continue;
  const p = person(`P:${e.id}`);
  for (const n of [e.name, ...e.aliases]) addSpelling(p, n);
  p.country = countryOf(codes.map((c) => c.code!));
  for (const c of codes) p.phx.push({ code: c.code!, from: c.from ?? '', to: c.to ?? '', source: phxSource(e.id) });
}
const leaders = readJsonl<LeaderRow>(join(src, 'leaders.jsonl'));
const byWikidata = new Map<string, string>();
for (const r of leaders)
  if (r.wikidata_id && r.phoenix_ids?.length && phxById.has(r.phoenix_ids[0]))
    byWikidata.set(r.wikidata_id, `P:${r.phoenix_ids[0]}`);
const byNameCountry = new Map<string, string>();
for (const [k, p] of people) for (const n of p.names.keys()) byNameCountry.set(`${n}|${p.country}`, k);

/** CountryInfo lists alternative spellings in braces: "{A LEITE }{A DE JESUS LEITE }". */
function splitBraces(name: string): string[] {
  const m = name.match(/\{([^}]*)\}/g);
  return m ? m.map((x) => x.slice(1, -1).trim()).filter(Boolean) : [name];
}

for (const r of leaders) {
  if (!r.cameo_code || !/^([A-Z]{3})+$/.test(r.cameo_code) || r.dates_inverted) continue;
  const names = [...splitBraces(r.name), ...r.aliases].filter((n) => !junk(n));
  if (names.length === 0) continue;
  const country = r.country_iso3 ?? r.parent_iso3 ?? '';
  let k: string | undefined;
  if (r.phoenix_ids?.length && phxById.has(r.phoenix_ids[0])) k = `P:${r.phoenix_ids[0]}`;
  else if (r.wikidata_id) k = byWikidata.get(r.wikidata_id) ?? `Q:${r.wikidata_id}`;
  if (!k) for (const n of names) k ??= byNameCountry.get(`${key(n)}|${country}`);
  k ??= `N:${key(names[0])}|${country}`;
  const p = person(k);
  if (!p.country) p.country = country;
  for (const n of names) {
    addSpelling(p, n);
    byNameCountry.set(`${key(n)}|${country}`, k);
  }
  p.offices.push({
    code: r.cameo_code,
    from: r.from ?? '',
    to: r.to ?? '',
    role: r.role,
    title: r.title ?? '',
    source: leaderSource(r.source),
  });
}

function addSpelling(p: Person, n: string): void {
  if (junk(n)) return;
  const k = key(n);
  const forms = p.names.get(k);
  if (!forms) p.names.set(k, [n]);
  else if (!forms.includes(n)) forms.push(n);
}

const ROLE_PRIORITY = [
  'head_of_state',
  'head_of_government',
  'effective_leader',
  'head_of_state_representative',
  'deputy_head_of_state',
  'deputy_head_of_government',
  'foreign_minister',
  'defence_minister',
  'interior_minister',
  'finance_minister',
  'justice_minister',
  'minister',
];
const rolePriority = (r: string) => {
  const i = ROLE_PRIORITY.indexOf(r);
  return i < 0 ? ROLE_PRIORITY.length : i;
};

/** Offices with the same code and overlapping or touching dates are one row (sources joined). */
function mergeOffices(offices: Person['offices']): Person['offices'] {
  const sorted = offices.slice().sort((a, b) => (a.from || '0').localeCompare(b.from || '0'));
  const outRows: Person['offices'] = [];
  for (const o of sorted) {
    const prev = outRows.find(
      (q) =>
        q.code === o.code &&
        (q.to === '' || o.from === '' || o.from <= q.to) &&
        (o.to === '' || q.from === '' || q.from <= o.to),
    );
    if (prev) {
      if (o.from && (!prev.from || o.from < prev.from)) prev.from = o.from;
      if (prev.to && (!o.to || o.to > prev.to)) prev.to = o.to;
      if (rolePriority(o.role) < rolePriority(prev.role)) prev.role = o.role;
      if (!prev.source.split(' ').includes(o.source)) prev.source += ` ${o.source}`;
    } else outRows.push({ ...o });
  }
  return outRows;
}

/** The display name: a mixed-case form when a source has one, else the dictionary form. */
function displayName(p: Person): string {
  const first = [...p.names.values()][0];
  const mixed = (n: string) => n !== n.toUpperCase();
  const ascii = (n: string) => /^[\x20-\x7e]+$/.test(n);
  return first.find((n) => mixed(n) && ascii(n)) ?? first.find(mixed) ?? titleCase(first[0]);
}

const personRows: string[][] = [];
for (const p of [...people.values()].sort((a, b) => a.order - b.order)) {
  const name = displayName(p);
  const aliases = [...p.names.values()].map((forms) => forms[0]).filter((n) => key(n) !== key(name));
  const rows: string[][] = [];
  for (const c of p.phx) rows.push([c.code, c.from, c.to, '', c.source]);
  for (const o of mergeOffices(p.offices)) {
    // CountryInfo <Government> rows repeat what the Phoenix dictionary (generated from it) says
    const covered = p.phx.some(
      (c) => c.code === o.code && c.from !== '' && c.from <= o.from && o.to !== '' && o.to <= c.to,
    );
    if (!covered) rows.push([o.code, o.from, o.to, o.role, o.source]);
  }
  rows.forEach((r, i) => {
    personRows.push([i === 0 ? name : '', i === 0 ? list(aliases) : '', i === 0 ? p.country : '', ...r]);
  });
}

// ------------------------------------------------------ agents
const agents = readJsonl<AgentRow>(join(src, 'agents.jsonl'));
const agentRows: string[][] = [];
const seenAgent = new Set<string>();
for (const a of agents) {
  if (!a.code || !a.role_code || !/^([A-Z]{3})+$/.test(a.role_code) || junk(a.term)) continue;
  const plural = new Set((a.plural ?? []).map(key));
  const singular = a.variants.filter((v) => !plural.has(key(v)) && !junk(v));
  const plurals = a.variants.filter((v) => plural.has(key(v)) && !junk(v));
  const k = `${key(a.term)}|${a.code}`;
  if (seenAgent.has(k)) continue;
  seenAgent.add(k);
  agentRows.push([list(singular).toLowerCase(), list(plurals).toLowerCase(), a.code, `P2:agents:${a.line}`]);
}

// ------------------------------------------------------ common English words
// Lower-case words of UD English (EWT, GUM) that are rarely capitalised inside a sentence:
// a capitalised one at the start of a sentence is most likely the word, not a name.
const counts = new Map<string, { lower: number; upperInside: number; propn: number; pos: Map<string, number> }>();
for (const f of ['en_ewt-ud-train.conllu', 'gum-ccby-train.conllu']) {
  let first = true;
  for (const line of readFileSync(join(shared, 'data/ud-english', f), 'utf8').split('\n')) {
    if (line === '') {
      first = true;
      continue;
    }
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols.length < 4 || cols[0].includes('-') || cols[0].includes('.')) continue;
    const form = cols[1];
    const lw = form.toLowerCase();
    if (!/^[a-z][a-z'-]*$/.test(lw)) {
      first = false;
      continue;
    }
    let c = counts.get(lw);
    if (!c) counts.set(lw, (c = { lower: 0, upperInside: 0, propn: 0, pos: new Map() }));
    if (form === lw) {
      c.lower++;
      c.pos.set(cols[3], (c.pos.get(cols[3]) ?? 0) + 1);
    } else if (!first) c.upperInside++;
    if (cols[3] === 'PROPN') c.propn++;
    first = false;
  }
}
const common = [...counts.entries()]
  .filter(([, c]) => c.lower >= 3)
  .map(([w, c]) => {
    const pos = [...c.pos.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const nameLike = c.upperInside > c.lower * 0.1 || c.propn > c.lower * 0.1;
    return `${w}\t${pos}\t${nameLike ? 'name' : ''}`;
  })
  .sort();

// ------------------------------------------------------ write
tsv(
  join(out, 'countries.tsv'),
  ['code', 'iso3', 'name', 'names', 'adjectives', 'capitals', 'from', 'to', 'source'],
  [
    'Countries and territories: CAMEO code, ISO 3166-1 alpha-3, display name, names, adjectives/demonyms,',
    'capitals (used as metonyms: "Pyongyang said"). Lists are |-separated. Generated by scripts/actors/build-kb.ts;',
    'see README.md for the sources (CI = CountryInfo, CC BY-SA 3.0; WC = world-countries, ODbL; I18N = i18n-iso-countries, MIT).',
  ],
  countryRows,
);
tsv(
  join(out, 'organizations.tsv'),
  ['name', 'aliases', 'kind', 'country', 'code', 'from', 'to', 'source'],
  [
    'International organisations, agencies, armed and non-state groups, government metonyms (Phoenix, MIT).',
    'One row per code; a row with an empty name continues the entry above. Dated codes are tried in order,',
    'then the first undated (default) code. Generated by scripts/actors/build-kb.ts; see README.md.',
  ],
  orgRows,
);
tsv(
  join(out, 'people.tsv'),
  ['name', 'aliases', 'country', 'code', 'from', 'to', 'role', 'source'],
  [
    'Named people with dated codes. A row with an empty name continues the person above. Rows whose source is',
    'a Phoenix dictionary (P2, GM, DICT) are its codes in dictionary order; the other rows are offices (EP, WL, WF',
    'Wikidata CC0; REIGN no licence stated; CI CountryInfo CC BY-SA 3.0). Generated by scripts/actors/build-kb.ts.',
  ],
  personRows,
);
tsv(
  join(out, 'agents.tsv'),
  ['singular', 'plural', 'code', 'source'],
  [
    'Generic agent words (Phoenix agents, MIT): ~XXX adds role XXX after the country ("Japanese troops" -> JPNMIL),',
    'XXX~ puts XXX before it. Forms are |-separated. Generated by scripts/actors/build-kb.ts; add words in curated/agents.tsv.',
  ],
  agentRows,
);
writeFileSync(
  join(out, 'common-words.tsv'),
  `# Lower-case English words (seen at least 3 times) with their most frequent part of speech; "name" marks words often\n# capitalised inside a sentence or tagged PROPN (counts from UD English EWT train, CC BY-SA 4.0, and GUM train,\n# CC BY 4.0). Generated by scripts/actors/build-kb.ts.\nword\tupos\tname\n${common.join('\n')}\n`,
);
console.log(`data/actors/common-words.tsv: ${common.length} words`);
