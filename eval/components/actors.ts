// Actor coding on the PLOVER GSR dev sentences: for every gold source/target span, the actor
// whose mention overlaps it (actorAt), and whether its CAMEO code agrees with the gold country
// and country+sector. ConfliBERT (GPL, evaluation only): how many gold source/target spans an
// actor mention covers at all (the gold there has spans, not codes).
import { actorAt } from '../../src/actors/lookup.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { type EvalComponent, type EvalResult, hasShared, readJsonl, sharedPath } from '../lib.js';
import { readGum, scoreGumCoref } from './actors-coref.js';

interface GoldActor {
  text: string;
  start: number;
  end: number;
  country: string | null;
  sector: string | null;
  code: string;
}
interface GsrRecord {
  id: string;
  text: string;
  events: Array<{ sources: GoldActor[]; targets: GoldActor[] }>;
}
interface ConfliRecord {
  id: string;
  text: string;
  source_spans: Array<[number, number, string]> | null;
  target_spans: Array<[number, number, string]> | null;
  reciprocal_spans: Array<[number, number, string]> | null;
}

export interface ActorScore {
  spans: number;
  covered: number;
  country: number;
  code: number;
  exact: number;
  errors: Array<{ id: string; span: string; gold: string; got: string | null }>;
}

/** Score actor codes of the GSR gold spans (the dates there are placeholders: coded undated). */
export function scoreGsr(records: GsrRecord[]): ActorScore {
  const pipeline = createPipeline('full');
  const score: ActorScore = { spans: 0, covered: 0, country: 0, code: 0, exact: 0, errors: [] };
  for (const r of records) {
    const doc = pipeline.run({ id: r.id, text: r.text, date: null });
    for (const ev of r.events)
      for (const g of [...ev.sources, ...ev.targets]) {
        if (g.start == null || g.end == null) continue;
        score.spans++;
        const hit = actorAt(doc, g.start, g.end);
        const got = hit?.actor.code ?? null;
        if (hit) score.covered++;
        const goldCode = g.code;
        if (got && g.country && got.slice(0, 3) === g.country) score.country++;
        if (
          got &&
          got.slice(0, goldCode.length === 3 ? 3 : 6) === goldCode &&
          (goldCode.length > 3 ||
            got.length === 3 ||
            !/^[A-Z]{3}(GOV|MIL|REB|OPP|COP|JUD|LEG|CVL|MED|BUS|ELI|SPY)/.test(got))
        )
          score.code++;
        if (got === goldCode) score.exact++;
        else score.errors.push({ id: r.id, span: g.text, gold: goldCode, got });
      }
  }
  return score;
}

export const actorsComponent: EvalComponent = {
  name: 'actors',
  title:
    'actor codes of gold source/target spans (PLOVER GSR dev); span coverage (ConfliBERT, eval only); coreference (GUM dev)',
  run({ sample }) {
    const out: EvalResult[] = [];
    const gsrPath = sharedPath('data/cameo-dev/plover-gsr-dev.jsonl');
    if (hasShared('data/cameo-dev/plover-gsr-dev.jsonl')) {
      let records = readJsonl<GsrRecord>(gsrPath);
      if (sample) records = records.slice(0, sample);
      const s = scoreGsr(records);
      out.push({ dataset: 'plover-gsr-dev', metric: 'span has an actor', value: s.covered / s.spans, n: s.spans });
      out.push({ dataset: 'plover-gsr-dev', metric: 'country accuracy', value: s.country / s.spans, n: s.spans });
      out.push({ dataset: 'plover-gsr-dev', metric: 'country+sector accuracy', value: s.code / s.spans, n: s.spans });
      out.push({ dataset: 'plover-gsr-dev', metric: 'exact code accuracy', value: s.exact / s.spans, n: s.spans });
      if (process.env.EVENTWIRE_EVAL_ERRORS)
        for (const e of s.errors) console.log(`   ${e.id}\t${e.span}\tgold ${e.gold}\tgot ${e.got ?? '-'}`);
    }
    const cbPath = 'data/cameo-dev/conflibert-train.jsonl';
    if (hasShared(cbPath)) {
      let records = readJsonl<ConfliRecord>(sharedPath(cbPath)).filter((r) => r.source_spans !== null);
      if (sample) records = records.slice(0, sample);
      const pipeline = createPipeline('full');
      let spans = 0;
      let covered = 0;
      for (const r of records) {
        const doc = pipeline.run({ id: r.id, text: r.text, date: null });
        for (const [start, end] of [
          ...(r.source_spans ?? []),
          ...(r.target_spans ?? []),
          ...(r.reciprocal_spans ?? []),
        ]) {
          spans++;
          if (actorAt(doc, start, end)) covered++;
        }
      }
      out.push({
        dataset: 'conflibert-train (eval only)',
        metric: 'span has an actor',
        value: covered / spans,
        n: spans,
      });
    }
    const gumPath = 'data/ud-english/gum-ccby-dev.conllu';
    if (hasShared(gumPath)) {
      let docs = readGum(sharedPath(gumPath));
      if (sample) docs = docs.slice(0, Math.max(1, Math.ceil(sample / 10)));
      out.push(...scoreGumCoref(docs));
    }
    return out;
  },
};
