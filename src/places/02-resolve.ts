// Step 2: resolve mentions to gazetteer features and decide which mentions are places.
// Each candidate gets a score: prominence (feature class, population, capital status), how
// the name reached it (own name vs alternate spelling), the document's countries and
// first-level divisions (other places, demonyms, actors, the dateline), explicit qualifiers
// ("Paris, Texas"), and closeness to the other places of the document. Two passes: the
// first fixes the confident places, the second resolves the rest in their light. A name
// keeps one sense per document.
import type { Doc } from '../doc/doc.js';
import type { Place } from '../doc/types.js';
import { type Demonym, isProminentFeature, type Mention } from './01-mentions.js';
import { type Gazetteer, NAME_ALIAS, NAME_PRIMARY, NONE16 } from './gazetteer.js';

export interface Resolution {
  mention: Mention;
  feature: number;
  score: number;
  margin: number;
  confidence: number;
  kept: boolean;
  why: string;
}

const STRONG_PREPS = new Set([
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
  'visit',
  'visited',
  'visiting',
  'entered',
  'reached',
  'invaded',
]);

/** Bonus for a reading in a country named within two sentences. */
const NEARBY_COUNTRY = 6;

/** Prominence of a feature before any context. */
function prior(gaz: Gazetteer, f: number): number {
  const code = gaz.featureCode(f);
  const pop = gaz.population[f];
  switch (code) {
    case 'PCLI':
      return 20;
    case 'PCLD':
      return 11;
    case 'ADM1':
      return 8;
    case 'ADM2':
      return 4 + 0.3 * Math.log10(pop + 10);
    case 'CONT':
    case 'OCN':
      return 14;
    case 'SEA':
    case 'GULF':
    case 'RGN':
    case 'PEN':
    case 'TERR':
      return 9;
    // landmarks curated in regions.tsv
    case 'AIRP':
    case 'BLDG':
    case 'ST':
    case 'STDM':
    case 'SQR':
    case 'AREA':
      return 8;
  }
  let s = Math.log10(pop + 10);
  if (code === 'PPLC') s += 2.5;
  else if (code === 'PPLA') s += 1;
  else if (code === 'PPLA2') s += 0.3;
  else if (code === 'PPLX' || code === 'PPLL') s -= 1;
  if (pop >= 1_000_000) s += 1;
  return s;
}

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export { haversineKm };

interface Context {
  country: Float64Array;
  countryTotal: number;
  admin1: Map<number, number>;
  /** Points of confidently resolved localities (for proximity). */
  points: Array<{ lat: number; lon: number; key: string; county: boolean }>;
  /** Points of the close-call readings of uncertain names (each within 1.5 of its name's best). */
  uncertain: Array<{ lat: number; lon: number; key: string }>;
}

function emptyContext(gaz: Gazetteer): Context {
  return {
    country: new Float64Array(gaz.countries.length),
    countryTotal: 0,
    admin1: new Map(),
    points: [],
    uncertain: [],
  };
}

function addCountry(ctx: Context, c: number, w: number): void {
  if (c < 0 || c === NONE16) return;
  ctx.country[c] += w;
  ctx.countryTotal += w;
}

/** Score of candidate `f` for mention `m` in context `ctx`. */
function scoreCandidate(
  gaz: Gazetteer,
  m: Mention,
  f: number,
  flags: number,
  ctx: Context,
  qualifierFeature: number,
  topCountry: number,
  qualified: readonly number[],
  namesakeDivisions: readonly number[],
  nearbyCountries: ReadonlySet<number>,
  /** A lesser namesake of a capital or a very large city ("Moscow", Idaho). */
  namesake: boolean,
): number {
  let s = prior(gaz, f);
  if (flags & (NAME_PRIMARY | NAME_ALIAS)) s += 1.5;
  const fc = gaz.featureCode(f);
  // datelines name major cities ("WASHINGTON -"), unless qualified ("PARIS, Texas")
  if (m.dateline && (fc === 'PPLC' || fc === 'PPLA')) s += 3;
  // a country named in the same passage ("in France ... Paris' Champs-Elysees")
  // a lesser namesake of a famous city needs more than its country being in the story: a
  // division, a qualifier or nearby places
  if (!namesake && !fc.startsWith('PCL') && gaz.countryOf[f] !== NONE16 && nearbyCountries.has(gaz.countryOf[f]))
    s += NEARBY_COUNTRY;
  const code = gaz.featureCode(f);
  const c = gaz.countryOf[f];
  const isCountry = code === 'PCLI' || code === 'PCLD';
  if (c !== NONE16 && ctx.countryTotal > 0 && !isCountry && !namesake) {
    // a share of the evidence, damped when the evidence is one uncertain vote ("Dover" alone
    // must not pull "Calais" to Maine)
    const w = ctx.country[c];
    const share = w / Math.max(ctx.countryTotal, 1);
    s += 4 * share + (w > 0 ? Math.min(1, w) : 0) + (c === topCountry ? Math.min(1, w) : 0);
  }
  const a = gaz.admin1Of[f];
  // places of the same division support each other, except a city against the division it
  // shares its name with ("Quebec", "New York"): there the division's places prove nothing
  if (a !== NONE16 && code !== 'ADM1' && !namesakeDivisions.includes(a)) {
    const w = ctx.admin1.get(a) ?? 0;
    if (w > 0) s += 2 + Math.min(w, 3);
  }
  if (m.kind !== null) {
    // "the city of Turkey", "the governor of Georgia": the generic word names the kind
    const city = fc.startsWith('PPL');
    const division = fc === 'ADM1' || fc === 'ADM2';
    if (m.kind === 'city' ? !city : !division) s -= 12;
  }
  if (qualifierFeature >= 0) {
    // "Paris, Texas": the qualifier must contain the candidate
    const qc = gaz.featureCode(qualifierFeature);
    if (qc === 'ADM1' && a === gaz.admin1Of[qualifierFeature]) s += 10;
    else if ((qc === 'PCLI' || qc === 'PCLD') && c === gaz.countryOf[qualifierFeature]) s += 8;
    else if (qc.startsWith('PPL') && c === gaz.countryOf[qualifierFeature]) s += 2;
    else s -= 3;
    // "Turkey, Texas" is not a country
    if ((code === 'PCLI' || code === 'PCLD') && (qc === 'ADM1' || qc === 'ADM2')) s -= 10;
  }
  if (code === 'ADM1' && a !== NONE16) {
    // other places of the document inside this division
    const w = ctx.admin1.get(a) ?? 0;
    if (w > 0) s += 1.5 * Math.min(w, 2);
  }
  if (qualified.length > 0 && !code.startsWith('PPL')) {
    // "Atlanta, Georgia": a qualifier that contains a reading of the place it qualifies
    const contains = qualified.some((q) =>
      code === 'ADM1' ? gaz.admin1Of[q] === a && a !== NONE16 : gaz.countryOf[q] === c && c !== NONE16,
    );
    if (contains) s += code === 'ADM1' ? 6 : 4;
  }
  if (ctx.points.length > 0 && code.startsWith('PPL')) {
    let best = Number.POSITIVE_INFINITY;
    let inCounty = false;
    for (const p of ctx.points) {
      if (p.key === m.key) continue;
      const d = haversineKm(gaz.lat[f], gaz.lon[f], p.lat, p.lon);
      if (d < best) best = d;
      if (p.county && d < 40) inCounty = true;
    }
    // a county named in the story, around this place
    if (inCounty) s += 4;
    else if (best < 50) s += 2.5;
    else if (best < 200) s += 1.5;
    else if (best < 600) s += 0.5;
  }
  if (ctx.uncertain.length > 0 && code.startsWith('PPL')) {
    // two uncertain names that have readings next to each other ("from Dover to Calais"):
    // those readings explain each other
    const lat = gaz.lat[f];
    const lon = gaz.lon[f];
    for (const p of ctx.uncertain)
      if (p.key !== m.key && Math.abs(p.lat - lat) < 1 && haversineKm(lat, lon, p.lat, p.lon) < 50) {
        s += 2;
        break;
      }
  }
  return s;
}

export interface ResolveOptions {
  /** Keep every mention (forced gold spans) instead of filtering recognition errors. */
  keepAll?: boolean;
}

/** Resolve and filter mentions; returns one resolution per mention. */
export function resolveMentions(
  doc: Doc,
  gaz: Gazetteer,
  mentions: readonly Mention[],
  demonyms: readonly Demonym[],
  personNames: ReadonlySet<string>,
): Resolution[] {
  const cands = mentions.map((m) => promoteLargeAlternate(gaz, candidatesOf(gaz, m)));
  // context known before resolution: demonyms, actors, NER-free cues
  const base = emptyContext(gaz);
  for (const d of demonyms) addCountry(base, gaz.countryOf[d.feature], 0.5);
  // the publication's home: a country-code domain ("cbc.ca")
  addCountry(base, gaz.countryOfUrl(doc.url), 1.5);
  if (doc.layers.includes('actors'))
    for (const a of doc.actors) if (a.country) addCountry(base, gaz.countryIndex(a.country), 0.5);

  // countries named (by name or demonym) within two sentences of each mention
  const countryAt: Array<{ sentence: number; country: number }> = [];
  for (let i = 0; i < mentions.length; i++) {
    const c = cands[i][0];
    if (c && gaz.featureCode(c.feature).startsWith('PCL') && c.flags !== 0)
      countryAt.push({ sentence: mentions[i].sentence, country: gaz.countryOf[c.feature] });
  }
  for (const d of demonyms) {
    const c = gaz.countryOf[d.feature];
    if (c === NONE16) continue;
    const t = tokenSentence(doc, d.start);
    if (t >= 0) countryAt.push({ sentence: t, country: c });
  }
  const countriesBySentence = new Map<number, number[]>();
  for (const x of countryAt) {
    const list = countriesBySentence.get(x.sentence);
    if (list) list.push(x.country);
    else countriesBySentence.set(x.sentence, [x.country]);
  }
  const nearbyCountries = (i: number): Set<number> => {
    const s = mentions[i].sentence;
    const out = new Set<number>();
    for (let d = -2; d <= 2; d++) for (const c of countriesBySentence.get(s + d) ?? []) out.add(c);
    return out;
  };
  // divisions among a mention's readings ("Quebec" the province beside Québec the city)
  const namesakeDivisions = cands.map((list) =>
    list.filter((c) => gaz.featureCode(c.feature) === 'ADM1').map((c) => gaz.admin1Of[c.feature]),
  );
  // the populated-place readings of the mention that mention i qualifies
  const qualifiedCandidates = (i: number): number[] => {
    const out: number[] = [];
    for (let k = i - 1; k >= 0 && k >= i - 3; k--)
      if (mentions[k].qualifier === i)
        for (const c of cands[k]) if (gaz.featureCode(c.feature).startsWith('PPL')) out.push(c.feature);
    return out;
  };

  // pass 1: prominence, qualifiers and the base context
  const pick = (
    ctxOf: (key: string) => Context,
    closeCalls?: Map<string, number[]>,
  ): Array<{ f: number; score: number; margin: number }> => {
    const out: Array<{ f: number; score: number; margin: number }> = [];
    const scores: number[] = [];
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i];
      const ctx = ctxOf(m.key);
      const top = topCountryOf(ctx);
      const q = m.qualifier >= 0 && out[m.qualifier] ? out[m.qualifier].f : -1;
      const qf = m.qualifier >= 0 ? (q >= 0 ? q : firstCandidate(cands[m.qualifier])) : -1;
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      let second = Number.NEGATIVE_INFINITY;
      const qualified = m.isQualifier ? qualifiedCandidates(i) : [];
      const namesakes = namesakeDivisions[i];
      const nearby = nearbyCountries(i);
      const famous = famousReading(gaz, cands[i]);
      scores.length = 0;
      for (const c of cands[i]) {
        const isNamesake = famous >= 0 && c.feature !== famous && gaz.featureCode(c.feature).startsWith('PPL');
        const s = scoreCandidate(gaz, m, c.feature, c.flags, ctx, qf, top, qualified, namesakes, nearby, isNamesake);
        scores.push(s);
        if (s > bestScore) {
          second = bestScore;
          bestScore = s;
          best = c.feature;
        } else if (s > second) second = s;
      }
      if (closeCalls && bestScore - second < 1.5 && !closeCalls.has(m.key)) {
        const close: number[] = [];
        for (let k = 0; k < scores.length && close.length < 6; k++)
          if (scores[k] >= bestScore - 1.5 && gaz.featureCode(cands[i][k].feature).startsWith('PPL'))
            close.push(cands[i][k].feature);
        closeCalls.set(m.key, close);
      }
      out.push({ f: best, score: bestScore, margin: cands[i].length > 1 ? bestScore - second : 5 });
    }
    return out;
  };
  const closeCalls = new Map<string, number[]>();
  const first = pick(() => base, closeCalls);

  // context from pass 1: each distinct name votes once for its country and division, with
  // a weight growing slowly with its repetitions; a name never votes for itself
  const votes = new Map<string, { f: number; w: number; count: number; point: boolean }>();
  for (let i = 0; i < mentions.length; i++) {
    const { f, margin } = first[i];
    if (f < 0 || gaz.isSilent(f)) continue;
    const m = mentions[i];
    if (!plausible(gaz, m, f, cands[i], personNames)) continue;
    const w = Math.min(1, 0.4 + margin / 5) * (m.dateline ? 2 : 1);
    const v = votes.get(m.key);
    if (!v) votes.set(m.key, { f, w, count: 1, point: margin >= 1.5 });
    else {
      v.count++;
      if (w > v.w) {
        v.w = w;
        v.f = f;
      }
      v.point ||= margin >= 1.5;
    }
  }
  const ctx = emptyContext(gaz);
  const contribute = (target: Context, f: number, w: number, sign: number) => {
    addCountry(target, gaz.countryOf[f], sign * w);
    const a = gaz.admin1Of[f];
    const code = gaz.featureCode(f);
    if (a !== NONE16) target.admin1.set(a, (target.admin1.get(a) ?? 0) + sign * (code === 'ADM1' ? 1 : 0.5) * w);
  };
  ctx.country.set(base.country);
  ctx.countryTotal = base.countryTotal;
  for (const [key, v] of votes) {
    contribute(ctx, v.f, v.w * (1 + 0.3 * Math.log2(v.count)), 1);
    const vc = gaz.featureCode(v.f);
    if (v.point && (vc.startsWith('PPL') || vc === 'ADM2'))
      ctx.points.push({ lat: gaz.lat[v.f], lon: gaz.lon[v.f], key, county: vc === 'ADM2' });
  }
  for (const [key, fs] of closeCalls) for (const f of fs) ctx.uncertain.push({ lat: gaz.lat[f], lon: gaz.lon[f], key });
  const ctxCache = new Map<string, Context>();
  const contextFor = (key: string): Context => {
    const v = votes.get(key);
    if (!v) return ctx;
    let c = ctxCache.get(key);
    if (!c) {
      c = {
        country: ctx.country.slice(),
        countryTotal: ctx.countryTotal,
        admin1: new Map(ctx.admin1),
        points: ctx.points,
        uncertain: ctx.uncertain,
      };
      contribute(c, v.f, v.w * (1 + 0.3 * Math.log2(v.count)), -1);
      ctxCache.set(key, c);
    }
    return c;
  };
  const second = pick(contextFor);

  // one sense per document: mentions with the same key share the best total
  const byKey = new Map<string, number[]>();
  mentions.forEach((m, i) => {
    if (m.qualifier >= 0) return; // a qualified mention speaks for itself
    const list = byKey.get(m.key);
    if (list) list.push(i);
    else byKey.set(m.key, [i]);
  });
  const chosen = second.map((x) => x.f);
  for (const idx of byKey.values()) {
    if (idx.length < 2) continue;
    const votes = new Map<number, number>();
    // a name used as a qualifier ("Atlanta, Georgia") shows its sense most clearly
    for (const i of idx)
      if (chosen[i] >= 0)
        votes.set(
          chosen[i],
          (votes.get(chosen[i]) ?? 0) + 1 + second[i].margin + (mentions[i].isQualifier || mentions[i].kind ? 10 : 0),
        );
    let bestF = -1;
    let bestV = -1;
    for (const [f, v] of votes)
      if (v > bestV) {
        bestV = v;
        bestF = f;
      }
    for (const i of idx) chosen[i] = bestF;
  }
  // a qualified mention fixes the sense of its bare repetitions ("Paris, Texas" ... "Paris")
  mentions.forEach((m, i) => {
    if (m.qualifier < 0 || chosen[i] < 0) return;
    for (const j of byKey.get(m.key) ?? []) if (second[j].margin < 6) chosen[j] = chosen[i];
  });

  const keyHasCue = new Set<string>();
  for (const m of mentions) if (hasCue(m)) keyHasCue.add(m.key);
  // a place name seen as part of a person's name ("Georgia Smith") is that person later on
  const persons = new Set(personNames);
  for (const m of mentions)
    if (m.inLargerName && !m.forced && (m.personTitle || gaz.isGivenName(m.key)) && m.last - m.first === 1)
      persons.add(m.key);
  personNames = persons;
  const focus = documentFocus(gaz, mentions, chosen, cands, personNames);
  // names the text calls a town ("the city of Turkey") that have no town reading: a town the
  // gazetteer lacks, most likely in the document's focus when that is a town or division
  const unknownTowns = new Set<string>();
  mentions.forEach((m, i) => {
    if (m.kind === 'city' && !cands[i].some((c) => gaz.featureCode(c.feature).startsWith('PPL')))
      unknownTowns.add(m.key);
  });
  const localFocus =
    focus >= 0 && !gaz.featureCode(focus).startsWith('PCL') && (ctx.country[gaz.countryOf[focus]] ?? 0) > 0
      ? focus
      : -1;
  const out: Resolution[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    let f = chosen[i];
    let { score, margin } = second[i];
    let why = f < 0 ? 'no gazetteer candidate' : `score ${score.toFixed(1)}, margin ${margin.toFixed(1)}`;
    // a facility or small place the gazetteer lacks ("Champs-Elysees", "Heathrow"), known to
    // be a place (a forced span, an NER FAC/LOC label): most likely in the document's focus
    // the same for a known place span whose only reading is a hamlet in a country the story
    // never mentions (a hotel "Crescent" in a London story is not Crescent, Oklahoma)
    const farFetched =
      f >= 0 &&
      m.forced &&
      focus >= 0 &&
      gaz.featureCode(f).startsWith('PPL') &&
      gaz.population[f] < 10000 &&
      gaz.countryOf[f] !== gaz.countryOf[focus] &&
      weakCountry(contextFor(m.key), gaz.countryOf[f], gaz.population[f] === 0);
    if ((f < 0 || farFetched) && focus >= 0 && (m.forced || m.ner === 'FAC' || m.ner === 'LOC')) {
      f = focus;
      score = 0;
      margin = -1;
      why = `not in the gazetteer: placed at the document's focus, ${gaz.name(focus)}`;
    } else if (unknownTowns.has(m.key) && f !== localFocus) {
      f = localFocus;
      score = 0;
      margin = -1;
      why =
        f >= 0
          ? `a town the gazetteer lacks: placed at the document's focus, ${gaz.name(f)}`
          : 'a town the gazetteer lacks';
    }
    const confidence = f < 0 ? 0 : Math.max(0.05, Math.min(0.99, 1 / (1 + Math.exp(-(margin - 1) / 1.5))));
    let kept = f >= 0;
    if (kept && !m.forced) {
      const c = gaz.countryOf[f];
      const countryNearby = c !== NONE16 && nearbyCountries(i).has(c);
      const qf = m.qualifier >= 0 ? chosen[m.qualifier] : -1;
      const reason = rejectReason(gaz, m, f, cands[i], personNames, keyHasCue, ctx, countryNearby, qf);
      if (reason) {
        kept = false;
        why = reason;
      }
    }
    out.push({ mention: m, feature: f, score, margin, confidence, kept, why });
  }
  return out;
}

/**
 * The document says (next to) nothing of country `c`: no weight at all, or, for a town of
 * unknown population (the small towns added from cities1000), less than a quarter of it.
 */
function weakCountry(ctx: Context, c: number, unknownPopulation: boolean): boolean {
  const w = ctx.country[c] ?? 0;
  if (w <= 0) return true;
  return unknownPopulation && (ctx.countryTotal <= 0 || w / ctx.countryTotal < 0.25);
}

/** The reading that is a capital or a city of five million people, when a name has one. */
function famousReading(gaz: Gazetteer, cands: ReadonlyArray<{ feature: number; flags: number }>): number {
  for (const c of cands) {
    if (c.flags === 0) continue;
    const code = gaz.featureCode(c.feature);
    if (code === 'PPLC' || (code.startsWith('PPL') && gaz.population[c.feature] >= 5_000_000)) return c.feature;
  }
  return -1;
}

function tokenSentence(doc: Doc, offset: number): number {
  const t = doc.tokens;
  let lo = 0;
  let hi = t.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < t[mid].start) hi = mid - 1;
    else if (offset >= t[mid].end) lo = mid + 1;
    else return t[mid].sentence;
  }
  return -1;
}

/** The place a document is mostly about: its most mentioned locality, else division, else country. */
function documentFocus(
  gaz: Gazetteer,
  mentions: readonly Mention[],
  chosen: readonly number[],
  cands: ReadonlyArray<ReadonlyArray<{ flags: number }>>,
  personNames: ReadonlySet<string>,
): number {
  const counts = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  for (let i = 0; i < mentions.length; i++) {
    const f = chosen[i];
    if (f < 0 || gaz.isSilent(f) || !plausible(gaz, mentions[i], f, cands[i], personNames)) continue;
    const code = gaz.featureCode(f);
    const level = code.startsWith('PPL') ? 0 : code === 'ADM1' || code === 'ADM2' ? 1 : code.startsWith('PCL') ? 2 : -1;
    if (level < 0) continue;
    counts[level].set(f, (counts[level].get(f) ?? 0) + (mentions[i].dateline ? 3 : 1));
  }
  for (const level of counts) {
    let best = -1;
    let bestN = 0;
    for (const [f, n] of level)
      if (n > bestN || (n === bestN && best >= 0 && gaz.population[f] > gaz.population[best])) {
        best = f;
        bestN = n;
      }
    if (best >= 0) return best;
  }
  return -1;
}

/**
 * A town known under another name that is far larger than every place of that name
 * ("Palmyra": Tadmur, Syria, against the Palmyras of Pennsylvania and New Jersey) reads the
 * name as well as they do: the bonus for a place's own name is not meant to hand a city's
 * English name to hamlets.
 */
function promoteLargeAlternate(
  gaz: Gazetteer,
  cands: Array<{ feature: number; flags: number }>,
): Array<{ feature: number; flags: number }> {
  let primaryMax = -1;
  for (const c of cands) {
    if (c.flags === 0) continue;
    if (!gaz.featureCode(c.feature).startsWith('PPL')) return cands;
    primaryMax = Math.max(primaryMax, gaz.population[c.feature]);
  }
  if (primaryMax < 0) return cands;
  let out = cands;
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k];
    const pop = gaz.population[c.feature];
    if (c.flags !== 0 || !gaz.featureCode(c.feature).startsWith('PPL') || pop < 15000 || pop < 5 * primaryMax) continue;
    if (out === cands) out = cands.slice();
    out[k] = { feature: c.feature, flags: NAME_PRIMARY };
  }
  return out;
}

function candidatesOf(gaz: Gazetteer, m: Mention) {
  if (m.forced) {
    // gold spans include adjectival uses: "Turkish" names Turkey
    const d = gaz.demonym(m.key);
    if (d >= 0) return [{ feature: d, flags: NAME_PRIMARY }];
  }
  let c = gaz.lookupKey(m.key);
  if (m.forced) {
    // "Karak district": the division named without its generic word is a reading too
    const bare = m.key.replace(/ (district|province|governorate|region|state|county|prefecture)$/, '');
    if (bare !== m.key) {
      const seen = new Set(c.map((x) => x.feature));
      c = c.concat(gaz.lookupKey(bare).filter((x) => !seen.has(x.feature)));
    }
  }
  if (c.length === 0 && m.forced) {
    // gold spans may carry an article or a possessive: "the Gulf", "Russia's"
    const k = m.key
      .replace(/^the /, '')
      .replace(/'s$/, '')
      .replace(/ (county|province|state|city|district|region)$/, '');
    if (k !== m.key) c = gaz.lookupKey(k);
    if (c.length === 0) {
      const d = gaz.demonym(k);
      if (d >= 0) c = [{ feature: d, flags: NAME_PRIMARY }];
    }
  }
  return c;
}

function firstCandidate(c: ReadonlyArray<{ feature: number }>): number {
  return c.length ? c[0].feature : -1;
}

function topCountryOf(ctx: Context): number {
  let best = -1;
  let bestW = 0;
  for (let i = 0; i < ctx.country.length; i++)
    if (ctx.country[i] > bestW) {
      bestW = ctx.country[i];
      best = i;
    }
  return best;
}

function hasCue(m: Mention): boolean {
  return (
    (m.prep !== null && STRONG_PREPS.has(m.prep)) ||
    m.dateline ||
    m.qualifier >= 0 ||
    m.isQualifier ||
    m.inList ||
    m.ner === 'GPE' ||
    m.ner === 'LOC' ||
    m.ner === 'FAC'
  );
}

/**
 * Names that are only a compass word ("South", "Far North", "Central District"): before
 * another capitalised word they begin a longer name ("South Ossetia", "Central Anatolia",
 * "Southern District of Ohio"), not the division of some country that bears the bare word.
 */
const COMPASS_NAME =
  /^(far |upper |lower )?(north|south|east|west|central|middle|northern|southern|eastern|western|north ?east|north ?west|south ?east|south ?west|northeastern|northwestern|southeastern|southwestern)( (region|district|province|governorate|division|department))?$/;

/** Prepositions that place what follows ("in Regina", "outside Mareeba"), unlike "to" or "at". */
const LOCATIVE_PREPS = new Set(['in', 'near', 'outside', 'inside', 'throughout', 'across', 'within', 'around']);

/**
 * The entity tagger called the span something other than a place, but the text says place:
 * an organisation named after its place ("Glasgow Police", "Adair County Sheriff's Office"),
 * a county, or a name the tagger typed alone that a comma qualifier ("of Hugo, Oklahoma"), a
 * list of places or a locative preposition ("in Regina") shows to be a place; or a division
 * or country that is no given name ("in Far North Queensland", "the B.C. government").
 */
function nerOverruled(
  gaz: Gazetteer,
  m: Mention,
  f: number,
  countryNearby = false,
  /** The reading of the mention's comma qualifier, when it has one. */
  qualifierFeature = -1,
): boolean {
  if (!m.ner || m.ner === 'GPE' || m.ner === 'LOC' || m.ner === 'FAC' || m.acronym) return false;
  const code = gaz.featureCode(f);
  const qualified = m.qualifier >= 0 || m.isQualifier;
  const locative = (m.prep !== null && LOCATIVE_PREPS.has(m.prep)) || m.residence;
  if (m.institutionAfter && m.ner !== 'NORP') return true;
  if (m.ner === 'ORG') return code === 'ADM2' || qualified || (m.nerExact && (locative || m.inList));
  if (m.ner !== 'PERSON' && m.ner !== 'MISC') return false;
  const region = code === 'ADM1' || code.startsWith('PCL') || code === 'CONT';
  // "of Hugo, Oklahoma", qualified by a division or country (not "Jason Roberts, Wayne Glassen");
  // a qualifier itself only as a division or country ("Church, Brunson was")
  if (qualifierFeature >= 0) {
    const qc = gaz.featureCode(qualifierFeature);
    if (qc === 'ADM1' || qc === 'ADM2' || qc.startsWith('PCL')) return true;
  }
  if (m.isQualifier && region) return true;
  // a division or country inside a longer name the tagger typed ("in Far North Queensland")
  if (region && !m.inLargerName && !gaz.isGivenName(m.key) && !gaz.isAmbiguous(m.key)) return true;
  if (!m.nerExact || m.inLargerName) return false;
  // "in Regina", "Jane Doe, 40, of McKee" (a modifier "in Olympic record time" stays MISC)
  if (m.residence || (m.ner === 'PERSON' && locative)) return true;
  // a lone word the tagger took for a person that names a town of a country named in the
  // same passage ("Syrian troops retook Palmyra")
  return (
    m.ner === 'PERSON' &&
    countryNearby &&
    !m.personTitle &&
    code.startsWith('PPL') &&
    gaz.population[f] >= 15000 &&
    !gaz.isGivenName(m.key) &&
    !gaz.isAmbiguous(m.key)
  );
}

/** A place cue in the text itself, not the entity tagger's label. */
function hasTextCue(m: Mention): boolean {
  return (m.prep !== null && STRONG_PREPS.has(m.prep)) || m.dateline || m.qualifier >= 0 || m.isQualifier || m.inList;
}

/** Cheap check used while building context: skip mentions that are likely not places. */
function plausible(
  gaz: Gazetteer,
  m: Mention,
  f: number,
  cands: ReadonlyArray<{ flags: number }>,
  personNames: ReadonlySet<string>,
): boolean {
  if (m.forced) return true;
  if (gaz.isStrict(m.key) && !(m.dateline || m.qualifier >= 0 || m.ner === 'GPE' || m.ner === 'LOC')) return false;
  if (m.ner && m.ner !== 'GPE' && m.ner !== 'LOC' && m.ner !== 'FAC' && m.ner !== 'ORG' && !nerOverruled(gaz, m, f))
    return false;
  if (m.inLargerName && (m.personTitle || gaz.isGivenName(m.key) || !isProminentFeature(gaz, f))) return hasCue(m);
  if (personNames.has(m.key) || gaz.isAmbiguous(m.key)) return hasCue(m);
  const code = gaz.featureCode(f);
  if (code.startsWith('PPL') && gaz.population[f] < 20000 && !hasCue(m)) return false;
  return cands.some((c) => c.flags !== 0) || gaz.population[f] >= 100000;
}

/** The division or country `q` (a comma qualifier's reading) contains feature `f`. */
function qualifierContains(gaz: Gazetteer, q: number, f: number): boolean {
  if (q < 0) return false;
  const qc = gaz.featureCode(q);
  if (qc === 'ADM1' || qc === 'ADM2') return gaz.admin1Of[q] !== NONE16 && gaz.admin1Of[q] === gaz.admin1Of[f];
  if (qc.startsWith('PCL')) return gaz.countryOf[q] !== NONE16 && gaz.countryOf[q] === gaz.countryOf[f];
  return false;
}

/** Why a recognised mention is not reported as a place, or null to keep it. */
function rejectReason(
  gaz: Gazetteer,
  m: Mention,
  f: number,
  cands: ReadonlyArray<{ flags: number }>,
  personNames: ReadonlySet<string>,
  keyHasCue: ReadonlySet<string>,
  ctx: Context,
  /** The reading's country is named within two sentences. */
  countryNearby: boolean,
  qualifierFeature: number,
): string | null {
  if (gaz.isSilent(f)) return 'a region name that is not reported (e.g. used as an adjective)';
  const cue = hasCue(m) || keyHasCue.has(m.key);
  // inside an organisation name a prominent place stays a place ("Winnipeg Free Press"); a
  // person or a nationality (NORP) is never one
  const overruled = nerOverruled(gaz, m, f, countryNearby && !personNames.has(m.key), qualifierFeature);
  if (m.ner === 'ORG' && !isProminentFeature(gaz, f) && !overruled) return 'part of an organisation name (NER ORG)';
  if (m.ner && m.ner !== 'GPE' && m.ner !== 'LOC' && m.ner !== 'FAC' && m.ner !== 'ORG' && !overruled)
    return `NER labels it ${m.ner}`;
  // the last words of a longer name the tagger typed as a place ("Emergency Hospital") are not
  // a place of their own
  if (m.inLargerName && m.nerInside && !isProminentFeature(gaz, f)) return 'part of a larger proper name';
  if (m.inLargerName && !(m.ner === 'GPE' || m.ner === 'LOC') && !(overruled && m.institutionAfter)) {
    // prominent places stay places inside organisation names ("Winnipeg Free Press", "CBC
    // Toronto"), but not in person names ("Jordan Peterson", "President Lincoln")
    if (m.personTitle || gaz.isGivenName(m.key)) return 'part of a person name';
    if (!isProminentFeature(gaz, f)) return 'part of a larger proper name';
  }
  if (COMPASS_NAME.test(m.key) && (m.capitalAfter || m.inLargerName || (m.ner !== null && !m.nerExact)))
    return 'a compass word that begins a longer name';
  if (personNames.has(m.key) && !hasCue(m)) return 'used as a person name in this document';
  if (gaz.isStrict(m.key) && !(m.dateline || m.qualifier >= 0 || m.ner === 'GPE' || m.ner === 'LOC'))
    return 'a month or weekday name';
  if (gaz.isAmbiguous(m.key) && !hasCue(m)) return 'common word or person name without place context';
  const code = gaz.featureCode(f);
  const pop = gaz.population[f];
  const local = code.startsWith('PPL');
  // an alternate spelling ("Clacton" for Clacton-on-Sea) stands when a qualifier contains it ("Clacton, Essex")
  if (!cands.some((c) => c.flags !== 0) && pop < 100000 && !qualifierContains(gaz, qualifierFeature, f))
    return 'only an alternate spelling of a small place';
  // GeoNames alternate names include old and odd ones ("Google" for Topeka, "Molotov" for
  // Perm): a name that is only an alternate name needs the text to place it
  if (
    !cands.some((c) => c.flags !== 0) &&
    (m.ner === 'ORG' || !(hasTextCue(m) || m.kind !== null || m.ner === 'LOC' || m.ner === 'FAC'))
  )
    return 'only an alternate name, without place context';
  if (local && m.sentenceInitial && pop < 100000 && !cue) return 'sentence-initial word naming a small place';
  if (local && pop < 20000 && !cue) {
    const c = gaz.countryOf[f];
    const a = gaz.admin1Of[f];
    const supported = (a !== NONE16 && (ctx.admin1.get(a) ?? 0) >= 1) || (c !== NONE16 && ctx.country[c] >= 2);
    if (!supported) return 'small place without place context';
  }
  return null;
}

/** The `places` layer entries of kept resolutions. */
export function toPlaces(doc: Doc, gaz: Gazetteer, res: readonly Resolution[]): Place[] {
  const out: Place[] = [];
  for (const r of res) {
    if (!r.kept || r.feature < 0) continue;
    const f = r.feature;
    const gid = gaz.geonameId[f];
    const pop = gaz.population[f];
    out.push({
      start: r.mention.start,
      end: r.mention.end,
      text: doc.text.slice(r.mention.start, r.mention.end),
      name: gaz.name(f),
      country: gaz.iso3(f),
      lat: Math.round(gaz.lat[f] * 1e5) / 1e5,
      lon: Math.round(gaz.lon[f] * 1e5) / 1e5,
      geonameId: gid >= 0 ? gid : null,
      featureCode: gaz.featureCode(f),
      admin1: gaz.admin1Name(f),
      population: pop > 0 ? pop : null,
      confidence: Math.round(r.confidence * 100) / 100,
    });
  }
  return out;
}
