// The events stage: who did what to whom, when and where, coded in CAMEO with Goldstein score,
// quad class and PLOVER type. Patterns come from data/events/patterns (one file per CAMEO
// root), matched over the dependency parse and the actors layer; each event names the
// dictionary entry that fired (`rule`). Restatements of one event in a document (same source,
// target, code and date) are merged into one event with all their trigger mentions.
import { join } from 'node:path';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { CodedEvent, EventActor, EventPlace } from '../doc/types.js';
import { defineStage, type Stage } from '../pipeline/stage.js';
import { type Dictionary, loadDictionary } from './01-dictionary.js';
import {
  type GoldsteinTable,
  goldsteinOf,
  loadOntology,
  type Ontology,
  ploverOf,
  type QuadConvention,
  quadOf,
} from './02-ontology.js';
import { codeSentence, type Party, type RawEvent } from './04-code.js';

export { type Dictionary, type Entry, loadDictionary, parseDictionaryFile, parsePattern } from './01-dictionary.js';
export { composeCode, goldsteinOf, loadOntology, type Ontology, ploverOf, quadOf } from './02-ontology.js';
export { MAX_EVENTS_PER_TRIGGER } from './04-code.js';

export interface EventsOptions {
  /** Quad class convention (default GDELT's); recorded in the document's meta. */
  quad?: QuadConvention;
  /** Goldstein table (default GDELT's). */
  goldstein?: GoldsteinTable;
}

export interface EventsResources {
  dict: Dictionary;
  ont: Ontology;
  quad: QuadConvention;
  goldstein: GoldsteinTable;
}

export function loadEventsResources(dataDir: string, options: EventsOptions = {}): EventsResources {
  const dir = join(dataDir, 'events');
  const ont = loadOntology(dir);
  const dict = loadDictionary(join(dir, 'patterns'), new Set(ont.codes.keys()));
  const env = process.env;
  const quad = options.quad ?? (env.EVENTWIRE_QUAD === 'classic' ? 'classic' : 'gdelt');
  const goldstein = options.goldstein ?? (env.EVENTWIRE_GOLDSTEIN === 'phoenix' ? 'phoenix' : 'gdelt');
  return { dict, ont, quad, goldstein };
}

/**
 * The mention an event side points at: a pronoun ("The Pentagon said it hit ...", "Germany
 * reinforced its commitment") points at its antecedent when that is named earlier in the same
 * sentence, else at itself.
 */
function sideSpan(doc: Doc, p: Party): { start: number; end: number } | null {
  const m = p.mention;
  if (!m) return null;
  if (m.via !== 'pronoun' || !p.actor) return m;
  const s = doc.sentences.find((x) => x.start <= m.start && m.start < x.end);
  if (!s) return m;
  let best: { start: number; end: number } | null = null;
  for (const o of p.actor.mentions)
    if (o.via !== 'pronoun' && o.start >= s.start && o.end <= m.start && (!best || o.start > best.start)) best = o;
  return best ?? m;
}

function eventActor(doc: Doc, p: Party | null): EventActor | null {
  if (!p) return null;
  if (!p.actor) {
    const out: EventActor = { actor: null, code: p.code ?? null, name: p.name ?? null };
    if (p.span) {
      out.start = p.span.start;
      out.end = p.span.end;
    }
    return out;
  }
  const out: EventActor = { actor: p.actor.id, code: p.actor.code, name: p.actor.name };
  const span = sideSpan(doc, p);
  if (span) {
    out.start = span.start;
    out.end = span.end;
  }
  return out;
}

function eventPlace(p: RawEvent['place']): EventPlace | null {
  if (!p) return null;
  return { name: p.name, country: p.country, lat: p.lat, lon: p.lon };
}

const partyKey = (p: Party | null) => (p ? (p.actor ? (p.actor.code ?? `#${p.actor.id}`) : `~${p.name}`) : '-');

/** Merge restatements: same source, target, code, date and status. */
export function dedupeEvents(
  raw: readonly RawEvent[],
): Array<RawEvent & { mentions: Array<{ start: number; end: number }> }> {
  const byKey = new Map<string, RawEvent & { mentions: Array<{ start: number; end: number }> }>();
  for (const e of raw) {
    const key = [
      e.code,
      partyKey(e.source),
      partyKey(e.target),
      e.date ?? '',
      e.negated ? 'n' : '',
      e.hypothetical ? 'h' : '',
    ].join('|');
    const have = byKey.get(key);
    if (!have) {
      byKey.set(key, { ...e, mentions: [] });
      continue;
    }
    const t = e.trigger;
    if (
      !(have.trigger.start === t.start && have.trigger.end === t.end) &&
      !have.mentions.some((m) => m.start === t.start && m.end === t.end)
    )
      have.mentions.push({ start: t.start, end: t.end });
    if (!have.place && e.place) have.place = e.place;
    have.confidence = Math.max(have.confidence, e.confidence);
  }
  return [...byKey.values()];
}

/** Code the events of a document (pure). */
export function codeEvents(doc: Doc, res: EventsResources, notes: ExplainNote[] | null = null): CodedEvent[] {
  const raw: RawEvent[] = [];
  const hasParse = doc.tokens.some((t) => t.head !== undefined);
  // no actors at all: events may still name their participants by phrase ("Some 800,000 Kurds")
  if (!hasParse) return [];
  for (let si = 0; si < doc.sentences.length; si++) {
    const ev = codeSentence({ doc, dict: res.dict, ont: res.ont, notes, previous: raw }, si);
    raw.push(...ev);
  }
  const merged = dedupeEvents(raw);
  return merged.map((e, i): CodedEvent => {
    const info = res.ont.codes.get(e.code);
    const out: CodedEvent = {
      id: `e${i + 1}`,
      sentence: e.sentence,
      code: e.code,
      root: e.code.slice(0, 2),
      label: info?.name ?? e.code,
      goldstein: goldsteinOf(e.code, res.goldstein, res.ont),
      quadClass: quadOf(e.code, res.quad, res.ont),
      source: eventActor(doc, e.source),
      target: eventActor(doc, e.target),
      trigger: { start: e.trigger.start, end: e.trigger.end, text: doc.text.slice(e.trigger.start, e.trigger.end) },
      date: e.date,
      place: eventPlace(e.place),
      negated: e.negated,
      hypothetical: e.hypothetical,
      plover: ploverOf(e.code, res.ont),
      confidence: e.confidence,
      rule: e.rule,
    };
    if (e.mentions.length) out.mentions = e.mentions;
    return out;
  });
}

export function createEventsStage(options: EventsOptions = {}): Stage<EventsResources> {
  return defineStage({
    name: 'events',
    needs: ['tokens', 'sentences'],
    adds: ['events'],
    load: (ctx) => loadEventsResources(ctx.dataDir, options),
    run(doc, res, ctx) {
      const notes: ExplainNote[] | null = ctx.explain ? [] : null;
      const events = codeEvents(doc, res, notes);
      const next = withLayers(doc, ['events'], { events });
      const meta = {
        ...next.meta,
        // how the events were scored (the input's own meta fields are kept beside it)
        eventCoding: {
          quadConvention: res.quad,
          goldstein: res.goldstein,
          dictionaryEntries: res.dict.entries.length,
        },
      };
      return withExplain({ ...next, meta }, notes ?? []);
    },
  });
}

export const eventsStage = createEventsStage();
