// The quotes stage: who said what. Direct quotes (between quotation marks, also interrupted
// by their attribution or running over several sentences and paragraphs), indirect reported
// speech (a cue from data/quotes/cues.tsv with its clausal complement in the parse) and mixed
// quotes, each with its speaker resolved to an actor, its cue, channel (`via`) and place.
// Needs tokens and sentences; uses the syntax, actors and places layers when present.
import { join } from 'node:path';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Quote } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { loadQuoteLexicon, type QuoteLexicon } from './01-lexicon.js';
import {
  type Attribution,
  type AttributionOptions,
  type AttributionResult,
  cutBeforeInner,
  DEFAULT_OPTIONS,
  findAttributions,
} from './04-attribute.js';
import { buildQuotes } from './05-speaker.js';
import { type FilterModel, loadFilter } from './06-filter.js';
import { chooseSpeakers, dropRepeated, loadSpeakerModel, type SpeakerModel } from './speaker-choice.js';

export { loadQuoteLexicon, type QuoteLexicon } from './01-lexicon.js';
export { findQuoteSegments, type QuoteSegment } from './02-marks.js';

export interface QuotesResources {
  lexicon: QuoteLexicon;
  /** The learned check of the attributions (data/quotes/filter.json), when present. */
  filter?: FilterModel | null;
  /** The learned choice of the speaker span (data/quotes/speakers.json), when present. */
  speakers?: SpeakerModel | null;
}

export function loadQuotesResources(dataDir: string): QuotesResources {
  return { lexicon: loadQuoteLexicon(dataDir), filter: loadFilter(dataDir), speakers: loadSpeakerModel(dataDir) };
}

/** The attribution options a learned check brings (its threshold, rates and nesting rule). */
export function attributionOptions(f: FilterModel | undefined | null): AttributionOptions {
  return f
    ? {
        ...DEFAULT_OPTIONS,
        filter: f,
        minRate: f.minRate,
        dropNested: new Set(f.dropNested),
        threshold: f.threshold,
        generic: f.generic,
        alternatives: f.alternatives === true,
      }
    : DEFAULT_OPTIONS;
}

/**
 * The quotes of `doc` (pure). `notes` receives explanation notes when given, `from` the
 * attribution each quote was made from (same order).
 */
export function findQuotes(doc: Doc, res: QuotesResources, notes?: ExplainNote[], from: Attribution[] = []): Quote[] {
  if (doc.tokens.length === 0) return [];
  const found: AttributionResult = findAttributions(doc, res.lexicon, attributionOptions(res.filter));
  if (res.speakers) chooseSpeakers(doc, found, res.speakers);
  // an attribution kept inside another's content ends that content ("said X, calling Y Z")
  cutBeforeInner(doc, found.attributions);
  found.attributions = dropRepeated(found.attributions.filter((a) => a.pieces.length > 0));
  from.length = 0;
  const quotes = buildQuotes(doc, res.lexicon, found, from);
  if (notes)
    for (const [i, q] of quotes.entries()) {
      const a = from[i];
      const t = doc.tokens.findIndex((x) => x.end > q.start);
      notes.push({
        sentence: t >= 0 ? doc.tokens[t].sentence : 0,
        stage: 'quotes',
        message: `${q.kind} quote "${clip(q.text)}" by ${q.speaker ? `"${doc.text.slice(q.speaker.start ?? 0, q.speaker.end ?? 0)}"${q.speaker.actor ? ` = ${q.speaker.actor}` : ''}` : 'nobody named'}${q.cue ? `, cue "${q.cue.text}"` : ''}${q.via ? `, via ${q.via}` : ''}${q.place ? `, in ${q.place.name}` : ''} (${a?.how ?? ''})`,
      });
    }
  return quotes;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export const quotesStage = defineStage<QuotesResources>({
  name: 'quotes',
  needs: ['tokens', 'sentences'],
  adds: ['quotes'],
  load: (ctx) => loadQuotesResources(join(ctx.dataDir)),
  run(doc, res, ctx) {
    const notes: ExplainNote[] | undefined = ctx.explain ? [] : undefined;
    const quotes = findQuotes(doc, res, notes);
    const out = withLayers(doc, ['quotes'], { quotes });
    return notes ? withExplain(out, notes) : out;
  },
});
