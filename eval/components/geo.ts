// Geocoding on TR-News dev (../shared/data/trnews/dev.jsonl): (a) resolution of the gold
// toponym spans in context (the pipeline runs on the document, then each gold span is
// resolved with the span forced as a mention) — accuracy within 161 km, correct country,
// mean/median error; (b) end to end — recognition P/R/F1 of toponym spans (gold spans with
// offset_error skipped) and accuracy@161 over all gold toponyms, a missed one counting wrong.
import { createDoc, type Doc } from '../../src/doc/doc.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { haversineKm } from '../../src/places/02-resolve.js';
import { analyzePlaces, loadPlacesResources, placeKey } from '../../src/places/index.js';
import { type EvalOptions, type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';
import { exactF1, overlaps } from '../scorers/spans.js';

interface GoldToponym {
  start: number;
  end: number;
  text: string;
  name: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  feature_code: string | null;
  offset_error?: boolean;
}
interface Article {
  id: string;
  date: string | null;
  text: string;
  url?: string | null;
  toponyms: GoldToponym[];
}

const KM = 161;

export interface GeoError {
  doc: string;
  text: string;
  gold: string;
  goldCode: string | null;
  got: string;
  km: number | null;
}

export function evaluateGeo(options: EvalOptions & { errors?: GeoError[] } = {}): EvalResult[] {
  const path = sharedPath('data/trnews/dev.jsonl');
  if (!hasShared('data/trnews/dev.jsonl')) return [];
  let articles = readJsonl<Article>(path);
  if (options.sample) articles = articles.slice(0, options.sample);
  const pipeline = createPipeline('full');
  const { gazetteer } = loadPlacesResources(defaultDataDir());
  const countryName = new Map(gazetteer.countries.map((c) => [c.iso3, c.name]));
  // gold country names ("Turkey", "United States") to ISO3 through the gazetteer's names
  const countryIso3 = (name: string): string | null => {
    for (const c of gazetteer.lookup(name)) {
      const code = gazetteer.featureCode(c.feature);
      if (code === 'PCLI' || code === 'PCLD') return gazetteer.iso3(c.feature);
    }
    return null;
  };
  let n = 0;
  let within = 0;
  let countryN = 0;
  let countryOk = 0;
  const errs: number[] = [];
  let e2eWithin = 0;
  let e2eN = 0;
  const prfParts: ReturnType<typeof exactF1>[] = [];
  let overlapTp = 0;
  // gold toponyms that are demonyms ("Turkish"): the stage reports them as context, not places
  let nonDemonymGold = 0;
  let nonDemonymTp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  for (const a of articles) {
    const doc: Doc = pipeline.run(createDoc({ id: a.id, text: a.text, date: a.date, url: a.url ?? null }));
    const gold = a.toponyms.filter((t) => !t.offset_error && t.end > t.start);
    // (a) gold spans forced
    const forced = analyzePlaces(doc, gazetteer, { forced: gold.map((g) => ({ start: g.start, end: g.end })) });
    const byStart = new Map(forced.places.map((p) => [`${p.start}:${p.end}`, p]));
    for (const g of gold) {
      if (g.lat === null || g.lon === null) continue;
      n++;
      const p = byStart.get(`${g.start}:${g.end}`);
      const km = p && p.lat !== null && p.lon !== null ? haversineKm(g.lat, g.lon, p.lat, p.lon) : null;
      if (km !== null) errs.push(km);
      else errs.push(20038);
      if (km !== null && km <= KM) within++;
      else
        options.errors?.push({
          doc: a.id,
          text: g.text,
          gold: `${g.name} [${g.country}]`,
          goldCode: g.feature_code,
          got: p ? `${p.name} [${p.country ? countryName.get(p.country) : '-'}] ${p.featureCode}` : '(none)',
          km: km === null ? null : Math.round(km),
        });
      if (g.country) {
        countryN++;
        if (p?.country && p.country === countryIso3(g.country)) countryOk++;
      }
    }
    // (b) end to end
    const pred = doc.places;
    const predKeys = new Set(pred.map((p) => `${p.start}:${p.end}`));
    for (const g of gold)
      if (gazetteer.demonym(placeKey(g.text)) < 0) {
        nonDemonymGold++;
        if (predKeys.has(`${g.start}:${g.end}`)) nonDemonymTp++;
      }
    prfParts.push(
      exactF1(
        gold.map((g) => ({ start: g.start, end: g.end })),
        pred.map((p) => ({ start: p.start, end: p.end })),
      ),
    );
    predTotal += pred.length;
    goldTotal += gold.length;
    const used = new Set<number>();
    for (const g of gold) {
      const k = pred.findIndex((p, i) => !used.has(i) && overlaps(p, g));
      if (k >= 0) used.add(k);
    }
    overlapTp += used.size;
    for (const g of a.toponyms) {
      if (g.lat === null || g.lon === null) continue;
      e2eN++;
      const p = g.offset_error ? undefined : pred.find((x) => x.start === g.start && x.end === g.end);
      if (p && p.lat !== null && p.lon !== null && haversineKm(g.lat, g.lon, p.lat, p.lon) <= KM) e2eWithin++;
    }
  }
  errs.sort((x, y) => x - y);
  const mean = errs.reduce((s, x) => s + x, 0) / Math.max(1, errs.length);
  const median = errs.length ? errs[errs.length >> 1] : 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of prfParts) {
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
  }
  const P = tp / Math.max(1, tp + fp);
  const R = tp / Math.max(1, tp + fn);
  const oP = overlapTp / Math.max(1, predTotal);
  const oR = overlapTp / Math.max(1, goldTotal);
  const ds = `TR-News dev (${articles.length} docs)`;
  return [
    { dataset: ds, metric: 'gold spans: accuracy@161km', value: within / Math.max(1, n), n },
    { dataset: ds, metric: 'gold spans: country accuracy', value: countryOk / Math.max(1, countryN), n: countryN },
    { dataset: ds, metric: 'gold spans: mean error km', value: mean, n },
    { dataset: ds, metric: 'gold spans: median error km', value: median, n },
    { dataset: ds, metric: 'end-to-end: span precision', value: P, n: tp + fp },
    { dataset: ds, metric: 'end-to-end: span recall', value: R, n: tp + fn },
    { dataset: ds, metric: 'end-to-end: span F1', value: P + R ? (2 * P * R) / (P + R) : 0 },
    {
      dataset: ds,
      metric: 'end-to-end: recall w/o demonyms',
      value: nonDemonymTp / Math.max(1, nonDemonymGold),
      n: nonDemonymGold,
      note: 'gold adjectival toponyms ("Turkish") excluded',
    },
    {
      dataset: ds,
      metric: 'end-to-end: overlap F1',
      value: oP + oR ? (2 * oP * oR) / (oP + oR) : 0,
      note: `P ${oP.toFixed(3)} R ${oR.toFixed(3)}`,
    },
    { dataset: ds, metric: 'end-to-end: accuracy@161km', value: e2eWithin / Math.max(1, e2eN), n: e2eN },
  ];
}
