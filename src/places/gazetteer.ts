// The compiled gazetteer: GeoNames-derived features (countries, first-level divisions,
// continents and regions, populated places) in typed-array columns, plus a hash from name
// keys (see key.ts) to candidate features. Built once by scripts/build-gazetteer.ts into
// data/places/gazetteer.bin; loading it is a few views over one buffer and two string splits.
import { readFileSync } from 'node:fs';
import { hashKey, placeKey } from './key.js';

const MAGIC = 0x315a4745; // "EGZ1"
const VERSION = 4;

/** Posting flags: how a name reaches a feature. */
export const NAME_PRIMARY = 1; // the feature's own name (or a country's official/short name)
export const NAME_ALIAS = 2; // a curated alias or abbreviation ("U.S.", "Ky.", "B.C.")

export interface CountryInfo {
  iso3: string;
  iso2: string;
  name: string;
  /** Feature index of the country itself, -1 when absent. */
  feature: number;
  /** Continent / region name (world-countries), for context. */
  region: string;
  subregion: string;
  /** Country-code top-level domains (".ca"): a publication's home hints at its country. */
  tld: string[];
}

export interface Admin1Info {
  /** GeoNames admin1 key "CC.code", e.g. "US.TX", "CA.01". */
  key: string;
  name: string;
  country: number;
  feature: number;
}

/** Everything the builder hands to `encodeGazetteer`. */
export interface GazetteerData {
  countries: CountryInfo[];
  admin1: Admin1Info[];
  featureCodes: string[];
  /** Demonym key -> feature of the country or region ("japanese" -> Japan, "european" -> Europe). */
  demonyms: Record<string, number>;
  /** Name keys that are common words or person names: never a place without context. */
  ambiguous: string[];
  /** Ambiguous keys that need strong evidence (month and weekday names). */
  strict: string[];
  /** Place names that are also given names ("jordan", "sydney"). */
  givenNames: string[];
  /** Features recognised but never reported ("Asia-Pacific"). */
  silent: number[];
  /** Sources and licences, carried into the file for inspection. */
  sources: string[];
  names: string[];
  lat: Float32Array;
  lon: Float32Array;
  population: Uint32Array;
  geonameId: Int32Array;
  countryOf: Uint16Array;
  admin1Of: Uint16Array;
  featureCode: Uint8Array;
  /** name key -> [feature, flags][] */
  index: Map<string, Array<[number, number]>>;
}

interface Meta {
  countries: CountryInfo[];
  admin1: Admin1Info[];
  featureCodes: string[];
  demonyms: Record<string, number>;
  ambiguous: string[];
  strict: string[];
  givenNames: string[];
  silent: number[];
  sources: string[];
  maxWords: number;
}

export const NONE16 = 0xffff;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Serialize the gazetteer (used by the build script). */
export function encodeGazetteer(d: GazetteerData): Buffer {
  const n = d.names.length;
  const keys = [...d.index.keys()];
  const nKeys = keys.length;
  let nPost = 0;
  for (const k of keys) nPost += d.index.get(k)!.length;
  let nSlots = 1;
  while (nSlots < nKeys * 2) nSlots <<= 1;
  const slots = new Int32Array(nSlots).fill(-1);
  const postOff = new Uint32Array(nKeys + 1);
  const post = new Int32Array(nPost);
  const postFlags = new Uint8Array(nPost);
  let p = 0;
  for (let i = 0; i < nKeys; i++) {
    const k = keys[i];
    let s = hashKey(k) & (nSlots - 1);
    while (slots[s] !== -1) s = (s + 1) & (nSlots - 1);
    slots[s] = i;
    postOff[i] = p;
    for (const [f, fl] of d.index.get(k)!) {
      post[p] = f;
      postFlags[p] = fl;
      p++;
    }
  }
  postOff[nKeys] = p;
  const meta: Meta = {
    countries: d.countries,
    admin1: d.admin1,
    featureCodes: d.featureCodes,
    demonyms: d.demonyms,
    ambiguous: d.ambiguous,
    strict: d.strict,
    givenNames: d.givenNames,
    silent: d.silent,
    sources: d.sources,
    maxWords: Math.min(
      8,
      keys.reduce((m, k) => Math.max(m, k.split(' ').length), 1),
    ),
  };
  const metaBuf = Buffer.from(JSON.stringify(meta), 'utf8');
  // strings are stored as one blob each plus offsets in UTF-16 units: two strings in memory
  // instead of half a million keeps loading and garbage collection cheap
  const namesStr = d.names.join('');
  const keysStr = keys.join('');
  const nameOff = new Uint32Array(n + 1);
  for (let i = 0, o = 0; i < n; i++) {
    nameOff[i] = o;
    o += d.names[i].length;
    nameOff[i + 1] = o;
  }
  const keyOff = new Uint32Array(nKeys + 1);
  for (let i = 0, o = 0; i < nKeys; i++) {
    keyOff[i] = o;
    o += keys[i].length;
    keyOff[i + 1] = o;
  }
  const namesBuf = Buffer.from(namesStr, 'utf8');
  const keysBuf = Buffer.from(keysStr, 'utf8');
  const parts: Uint8Array[] = [];
  const header = new Uint32Array([
    MAGIC,
    VERSION,
    metaBuf.length,
    n,
    nKeys,
    nPost,
    nSlots,
    namesBuf.length,
    keysBuf.length,
  ]);
  const push = (u: Uint8Array) => {
    parts.push(u);
    const padding = pad4(u.byteLength) - u.byteLength;
    if (padding) parts.push(new Uint8Array(padding));
  };
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  push(bytes(header));
  push(metaBuf);
  push(bytes(d.lat));
  push(bytes(d.lon));
  push(bytes(d.population));
  push(bytes(d.geonameId));
  push(bytes(d.countryOf));
  push(bytes(d.admin1Of));
  push(bytes(d.featureCode));
  push(bytes(nameOff));
  push(bytes(keyOff));
  push(namesBuf);
  push(keysBuf);
  push(bytes(slots));
  push(bytes(postOff));
  push(bytes(post));
  push(postFlags);
  return Buffer.concat(parts);
}

/** One candidate feature for a name. */
export interface Candidate {
  feature: number;
  flags: number;
}

/** A read-only, loaded gazetteer. */
export class Gazetteer {
  readonly countries: readonly CountryInfo[];
  readonly admin1: readonly Admin1Info[];
  readonly featureCodes: readonly string[];
  readonly sources: readonly string[];
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  readonly population: Uint32Array;
  readonly geonameId: Int32Array;
  readonly countryOf: Uint16Array;
  readonly admin1Of: Uint16Array;
  readonly featureCodeOf: Uint8Array;
  private readonly names: string;
  private readonly nameOff: Uint32Array;
  private readonly keys: string;
  private readonly keyOff: Uint32Array;
  private readonly slots: Int32Array;
  private readonly postOff: Uint32Array;
  private readonly post: Int32Array;
  private readonly postFlags: Uint8Array;
  private readonly demonymMap: Map<string, number>;
  private readonly ambiguousSet: Set<string>;
  private readonly silentSet: Set<number>;
  private readonly strictSet: Set<string>;
  private readonly givenNameSet: Set<string>;
  private readonly iso3Index: Map<string, number>;
  private readonly admin1Index: Map<string, number>;
  private readonly tldIndex: Map<string, number>;
  /** Longest name, in words: bounds the token window of a lookup. */
  readonly maxWords: number;

  constructor(input: Uint8Array) {
    if (input.byteLength < 36) throw new Error('gazetteer file is truncated');
    // typed-array views need aligned offsets: copy when the buffer is not 4-aligned
    const buf = input.byteOffset % 4 === 0 ? input : Uint8Array.from(input);
    const ab = buf.buffer;
    let off = buf.byteOffset;
    const h = new Uint32Array(ab, off, 9);
    if (h[0] !== MAGIC || h[1] !== VERSION) throw new Error('not a gazetteer file of this version (rebuild it)');
    const [, , metaLen, n, nKeys, nPost, nSlots, namesLen, keysLen] = h;
    off += 36;
    const take = (len: number) => {
      const at = off;
      off += pad4(len);
      return at;
    };
    const dec = new TextDecoder();
    const meta = JSON.parse(dec.decode(new Uint8Array(ab, take(metaLen), metaLen))) as Meta;
    this.lat = new Float32Array(ab, take(n * 4), n);
    this.lon = new Float32Array(ab, take(n * 4), n);
    this.population = new Uint32Array(ab, take(n * 4), n);
    this.geonameId = new Int32Array(ab, take(n * 4), n);
    this.countryOf = new Uint16Array(ab, take(n * 2), n);
    this.admin1Of = new Uint16Array(ab, take(n * 2), n);
    this.featureCodeOf = new Uint8Array(ab, take(n), n);
    this.nameOff = new Uint32Array(ab, take((n + 1) * 4), n + 1);
    this.keyOff = new Uint32Array(ab, take((nKeys + 1) * 4), nKeys + 1);
    this.names = dec.decode(new Uint8Array(ab, take(namesLen), namesLen));
    this.keys = dec.decode(new Uint8Array(ab, take(keysLen), keysLen));
    this.slots = new Int32Array(ab, take(nSlots * 4), nSlots);
    this.postOff = new Uint32Array(ab, take((nKeys + 1) * 4), nKeys + 1);
    this.post = new Int32Array(ab, take(nPost * 4), nPost);
    this.postFlags = new Uint8Array(ab, take(nPost), nPost);
    if (off > buf.byteOffset + buf.byteLength) throw new Error('gazetteer file is truncated');
    this.countries = meta.countries;
    this.admin1 = meta.admin1;
    this.featureCodes = meta.featureCodes;
    this.sources = meta.sources;
    this.demonymMap = new Map(Object.entries(meta.demonyms));
    this.ambiguousSet = new Set(meta.ambiguous);
    this.silentSet = new Set(meta.silent);
    this.strictSet = new Set(meta.strict);
    this.givenNameSet = new Set(meta.givenNames);
    this.iso3Index = new Map(meta.countries.map((c, i) => [c.iso3, i]));
    this.admin1Index = new Map(meta.admin1.map((a, i) => [a.key, i]));
    this.tldIndex = new Map();
    meta.countries.forEach((c, i) => {
      for (const t of c.tld ?? []) if (!this.tldIndex.has(t)) this.tldIndex.set(t, i);
    });
    this.maxWords = meta.maxWords;
  }

  static load(path: string): Gazetteer {
    return new Gazetteer(readFileSync(path));
  }

  get size(): number {
    return this.nameOff.length - 1;
  }

  /** Candidates for an already folded key (placeKey), best-known first. */
  lookupKey(key: string): Candidate[] {
    const i = this.keyIndex(key);
    if (i < 0) return [];
    const out: Candidate[] = [];
    for (let p = this.postOff[i]; p < this.postOff[i + 1]; p++)
      out.push({ feature: this.post[p], flags: this.postFlags[p] });
    return out;
  }

  /** Candidates for a surface name. */
  lookup(name: string): Candidate[] {
    return this.lookupKey(placeKey(name));
  }

  hasKey(key: string): boolean {
    return this.keyIndex(key) >= 0;
  }

  private keyIndex(key: string): number {
    if (key.length === 0 || key.length > 200) return -1;
    const mask = this.slots.length - 1;
    let s = hashKey(key) & mask;
    for (let probes = 0; probes <= mask; probes++) {
      const k = this.slots[s];
      if (k === -1) return -1;
      const at = this.keyOff[k];
      if (this.keyOff[k + 1] - at === key.length && this.keys.startsWith(key, at)) return k;
      s = (s + 1) & mask;
    }
    return -1;
  }

  name(f: number): string {
    return this.names.slice(this.nameOff[f], this.nameOff[f + 1]);
  }

  featureCode(f: number): string {
    return this.featureCodes[this.featureCodeOf[f]];
  }

  /** ISO 3166-1 alpha-3 of the feature's country, or null. */
  iso3(f: number): string | null {
    const c = this.countryOf[f];
    return c === NONE16 ? null : this.countries[c].iso3;
  }

  admin1Name(f: number): string | null {
    const a = this.admin1Of[f];
    return a === NONE16 ? null : this.admin1[a].name;
  }

  countryIndex(iso3: string): number {
    return this.iso3Index.get(iso3) ?? -1;
  }

  /** Country index of a URL's country-code top-level domain ("https://www.cbc.ca/..." -> CAN), or -1. */
  countryOfUrl(url: string | null): number {
    if (!url) return -1;
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url);
    const host = (m ? m[1] : url).toLowerCase();
    const dot = host.lastIndexOf('.');
    if (dot < 0) return -1;
    const tld = host.slice(dot);
    // generic-looking ccTLDs used worldwide are not a country signal
    if (tld === '.us' || tld === '.tv' || tld === '.io' || tld === '.co' || tld === '.me' || tld === '.fm') return -1;
    return this.tldIndex.get(tld) ?? -1;
  }

  admin1IndexOf(key: string): number {
    return this.admin1Index.get(key) ?? -1;
  }

  /** Feature (country or region) of a demonym key ("japanese", "north korean"), or -1. */
  demonym(key: string): number {
    return this.demonymMap.get(key) ?? -1;
  }

  /** An ambiguous key that needs strong evidence ("march", "may"). */
  isStrict(key: string): boolean {
    return this.strictSet.has(key);
  }

  /** A place name that is also a given name ("jordan"). */
  isGivenName(key: string): boolean {
    return this.givenNameSet.has(key);
  }

  /** A feature that is recognised but never reported ("Asia-Pacific"). */
  isSilent(f: number): boolean {
    return this.silentSet.has(f);
  }

  /** A name key that is a common word or a person name ("reading", "kim"). */
  isAmbiguous(key: string): boolean {
    return this.ambiguousSet.has(key);
  }
}
