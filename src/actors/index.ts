// The actors stage: who is who in the article, coded CAMEO-style. Mentions (names from the
// knowledge base and the text, agent phrases, pronouns) are merged into actors by in-document
// coreference and coded at the document date. Uses the `entities` and `syntax` layers when
// an earlier stage added them; needs only tokens and sentences.
import { join } from 'node:path';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Actor, ActorKind, ActorMention } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { type ActorKb, Form, loadActorKb } from './01-kb.js';
import { findMentions, type Mention, viewTokens } from './02-mentions.js';
import { type Entity, resolveCoreference } from './03-coref.js';
import { codeEntities, inOfficeAt } from './04-code.js';
import { phraseKeys } from './normalize.js';

export { type ActorKb, codeAtDate, type KbEntry, loadActorKb } from './exports.js';
export { type ActorHit, actorAt, actorIndex } from './lookup.js';

export interface ActorResources {
  kb: ActorKb;
}

export function loadActorResources(dataDir: string): ActorResources {
  return { kb: loadActorKb(join(dataDir, 'actors')) };
}

/** Actors of `doc` (pure). `notes` receives explanation notes when given. */
export function findActors(doc: Doc, res: ActorResources, notes?: ExplainNote[]): Actor[] {
  const { kb } = res;
  if (doc.tokens.length === 0) return [];
  const view = viewTokens(doc, kb);
  const mentions = findMentions(doc, kb, view);
  const toks = doc.tokens;
  const date = doc.date && /^\d{4}-\d{2}-\d{2}$/.test(doc.date) ? doc.date : null;
  // a bare surname from an office list ("Merkel") names that person only while in office
  for (const m of mentions) {
    if (m.kb >= 0 && m.nameKeys.length === 1 && kb.entries[m.kb].kind === 'person' && !kb.entries[m.kb].codes.length) {
      if (!inOfficeAt(kb.entries[m.kb], date)) {
        m.kb = -1;
        if (!m.role) m.kind = 'unknown';
      }
    }
  }
  const text = (t0: number, t1: number) => doc.text.slice(toks[t0].start, toks[t1 - 1].end);
  const paragraphOf = paragraphsOfSentences(doc);
  const clauseBreak = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (CLAUSE_BREAKS.has(view.keys[k])) return true;
    return false;
  };
  const { entities } = resolveCoreference({ mentions, kb, text, paragraphOf, clauseBreak });
  const live = entities.filter((e) => e.mentions.length > 0);
  const datelineCountry = doc.dateline?.place ? countryNamed(kb, doc.dateline.place.text) : -1;
  const focusCountry = focus(live, mentions);
  const coded = codeEntities({
    kb,
    date,
    mentions,
    entities,
    datelineCountry,
    focusCountry,
    placeCountries: view.placeCountries,
  });

  // ids in order of first mention
  const order = live.slice().sort((x, y) => mentions[x.mentions[0]].x0 - mentions[y.mentions[0]].x0);
  const idOf = new Map<number, string>();
  for (const [i, e] of order.entries()) idOf.set(e.id, `a${i + 1}`);
  const actors: Actor[] = [];
  for (const e of order) {
    const c = coded[e.id];
    const ms = e.mentions
      .map((mi) => mentions[mi])
      .sort((x, y) => x.t0 - y.t0)
      .map((m): ActorMention => {
        const start = toks[m.t0].start;
        const end = toks[m.t1 - 1].end;
        const am: ActorMention = { start, end, text: doc.text.slice(start, end), via: e.how.get(m.index) ?? m.via };
        const xs = toks[m.x0].start;
        const xe = toks[m.x1 - 1].end;
        if (xs !== start || xe !== end) am.extent = { start: xs, end: xe };
        return am;
      });
    const actor: Actor = {
      id: idOf.get(e.id)!,
      name: displayName(e, kb, mentions, text),
      kind: actorKind(e),
      code: c.code,
      country: c.country,
      roles: c.roles,
      title: e.title,
      confidence: Math.round(c.confidence * 100) / 100,
      kb: e.kb >= 0 ? kb.entries[e.kb].id : null,
      mentions: ms,
    };
    if (e.members.length > 0) actor.members = e.members.map((id) => idOf.get(id)!).filter(Boolean);
    if (e.belongsTo >= 0 && idOf.has(e.belongsTo)) actor.belongsTo = idOf.get(e.belongsTo);
    actors.push(actor);
    if (notes) {
      const first = mentions[e.mentions[0]];
      const hows = new Map<string, number>();
      for (const m of ms) hows.set(m.via ?? '?', (hows.get(m.via ?? '?') ?? 0) + 1);
      notes.push({
        sentence: first.sentence,
        stage: 'actors',
        message: `${actor.id} "${actor.name}" (${actor.kind}) = ${actor.code ?? 'uncoded'} [${actor.confidence}]: ${c.reason}; mentions: ${[...hows].map(([h, n]) => `${h} x${n}`).join(', ')}${actor.members ? `; members ${actor.members.join(', ')}` : ''}`,
      });
      for (const n of e.notes)
        notes.push({ sentence: n.sentence, stage: 'actors', message: `${n.text} = ${actor.id} "${actor.name}"` });
    }
  }
  return actors;
}

const CLAUSE_BREAKS = new Set([
  ',',
  ';',
  ':',
  '"',
  '“',
  '”',
  'that',
  'which',
  'who',
  'whom',
  'after',
  'before',
  'when',
  'because',
  'while',
  'if',
  'since',
  'although',
  'though',
  'but',
  'said',
  'says',
]);

function paragraphsOfSentences(doc: Doc): Int32Array {
  const out = new Int32Array(doc.sentences.length);
  let p = 0;
  for (let s = 0; s < doc.sentences.length; s++) {
    while (p + 1 < doc.paragraphs.length && doc.paragraphs[p].end <= doc.sentences[s].start) p++;
    out[s] = p;
  }
  return out;
}

function actorKind(e: Entity): ActorKind {
  if (e.members.length > 0) return 'group';
  if (e.kind === 'person' || e.kind === 'country' || e.kind === 'group' || e.kind === 'organization') return e.kind;
  return 'organization';
}

/** The fullest name in the text (knowledge-base name for countries), else the first phrase. */
function displayName(e: Entity, kb: ActorKb, mentions: Mention[], text: (a: number, b: number) => string): string {
  if (e.kb >= 0 && kb.entries[e.kb].kind === 'country') return kb.entries[e.kb].name;
  let best = '';
  for (const mi of e.mentions) {
    const m = mentions[mi];
    if (m.type !== 'name') continue;
    const t = text(m.t0, m.t1);
    if (t.length > best.length) best = t;
  }
  if (best) return best;
  const first = mentions[e.mentions.find((mi) => mentions[mi].type !== 'pronoun') ?? e.mentions[0]];
  return text(first.t0, first.t1);
}

/** The country entry a place name designates (name or capital), or -1. */
function countryNamed(kb: ActorKb, place: string): number {
  const values = kb.names.get(phraseKeys(place).join(' '));
  const v = values?.find((x) => kb.entries[x >> 2].kind === 'country' && (x & 3) !== Form.Adjective);
  return v === undefined ? -1 : v >> 2;
}

/** The country the document is most about: the country actor with the most mentions. */
function focus(entities: Entity[], mentions: Mention[]): number {
  let best = -1;
  let most = 0;
  for (const e of entities) {
    if (e.kind !== 'country' || e.kb < 0) continue;
    const n = e.mentions.filter((mi) => mentions[mi].type !== 'pronoun').length;
    if (n > most) {
      most = n;
      best = e.kb;
    }
  }
  return best;
}

export const actorsStage = defineStage<ActorResources>({
  name: 'actors',
  needs: ['tokens', 'sentences'],
  adds: ['actors'],
  load: (ctx) => loadActorResources(ctx.dataDir),
  run(doc, res, ctx) {
    const notes: ExplainNote[] | undefined = ctx.explain ? [] : undefined;
    const actors = findActors(doc, res, notes);
    const out = withLayers(doc, ['actors'], { actors });
    return notes ? withExplain(out, notes) : out;
  },
});
