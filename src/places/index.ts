// The places stage: toponym recognition and resolution against the offline gazetteer.
// Works from tokens alone; uses the entities, actors and syntax layers when present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Place } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import { defineStage } from '../pipeline/stage.js';
import { findMentions, type MentionOptions } from './01-mentions.js';
import { type Resolution, resolveMentions, toPlaces } from './02-resolve.js';
import { Gazetteer } from './gazetteer.js';

export { Gazetteer } from './gazetteer.js';
export { placeKey } from './key.js';
export { placeOfClause } from './link.js';

export interface PlacesResources {
  gazetteer: Gazetteer;
}

/** Load the compiled gazetteer from `<dataDir>/places/gazetteer.bin`. */
export function loadPlacesResources(dataDir: string): PlacesResources {
  const path = join(dataDir, 'places/gazetteer.bin');
  if (!existsSync(path))
    throw new EventwireError('pipeline', `gazetteer not found at ${path}: run \`npm run build\` to compile it`);
  return { gazetteer: Gazetteer.load(path) };
}

export interface PlacesAnalysis {
  places: Place[];
  resolutions: Resolution[];
  /** Demonyms seen ("Japanese" -> JPN): country context, never places. */
  demonyms: Array<{ start: number; end: number; country: string | null; name: string }>;
}

/** Recognise and resolve the toponyms of `doc` (pure). `forced` spans are always resolved. */
export function analyzePlaces(doc: Doc, gaz: Gazetteer, options: MentionOptions = {}): PlacesAnalysis {
  if (doc.tokens.length === 0) return { places: [], resolutions: [], demonyms: [] };
  const { mentions, demonyms, personNames } = findMentions(doc, gaz, options);
  const resolutions = resolveMentions(doc, gaz, mentions, demonyms, personNames);
  return {
    places: toPlaces(doc, gaz, resolutions),
    resolutions,
    demonyms: demonyms.map((d) => ({
      start: d.start,
      end: d.end,
      country: gaz.iso3(d.feature),
      name: gaz.name(d.feature),
    })),
  };
}

function explainNotes(doc: Doc, gaz: Gazetteer, a: PlacesAnalysis): ExplainNote[] {
  const notes: ExplainNote[] = [];
  for (const r of a.resolutions) {
    const m = r.mention;
    const text = doc.text.slice(m.start, m.end);
    const f = r.feature;
    const what =
      f >= 0
        ? `${gaz.name(f)} (${gaz.featureCode(f)}, ${gaz.iso3(f) ?? '-'}${gaz.admin1Name(f) ? `/${gaz.admin1Name(f)}` : ''}, ${gaz.lat[f].toFixed(2)},${gaz.lon[f].toFixed(2)})`
        : 'nothing';
    const cues = [
      m.prep ? `after "${m.prep}"` : '',
      m.dateline ? 'dateline' : '',
      m.qualifier >= 0 ? 'qualified' : '',
      m.inList ? 'in a list' : '',
      m.ner ? `NER ${m.ner}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    notes.push({
      sentence: m.sentence,
      stage: 'places',
      message: r.kept
        ? `"${text}" -> ${what}: ${r.why}${cues ? `; ${cues}` : ''}`
        : `"${text}" not a place (${r.why}; best reading ${what})`,
    });
  }
  for (const d of a.demonyms) {
    const t = doc.tokens.findIndex((x) => x.start === d.start);
    notes.push({
      sentence: t >= 0 ? doc.tokens[t].sentence : 0,
      stage: 'places',
      message: `"${doc.text.slice(d.start, d.end)}" is a demonym of ${d.name}: context, not a place`,
    });
  }
  return notes;
}

export const placesStage = defineStage<PlacesResources>({
  name: 'places',
  needs: ['tokens', 'sentences'],
  adds: ['places'],
  load: (ctx) => loadPlacesResources(ctx.dataDir),
  run(doc, res, ctx) {
    const a = analyzePlaces(doc, res.gazetteer);
    const out = withLayers(doc, ['places'], { places: a.places });
    return ctx.explain ? withExplain(out, explainNotes(doc, res.gazetteer, a)) : out;
  },
});
