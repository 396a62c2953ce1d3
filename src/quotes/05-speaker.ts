// From attributions to the `quotes` layer: the speaker phrase resolved to an actor through
// the actors stage's coreference, the channel (`via`) and the place of the statement.
import type { Doc } from '../doc/doc.js';
import type { Actor, ActorMention, Quote, QuoteSpeaker } from '../doc/types.js';
import { placeOfClause } from '../places/link.js';
import type { QuoteLexicon } from './01-lexicon.js';
import { depOf, headOf, type ParseView } from './03-tree.js';
import type { Attribution, AttributionResult } from './04-attribute.js';

const PERSONAL = new Set(['he', 'she', 'him', 'her']);

interface MentionRef {
  actor: Actor;
  mention: ActorMention;
}

/** Actor mentions in text order, with an index by first token. */
function mentionList(doc: Doc): MentionRef[] {
  const out: MentionRef[] = [];
  for (const actor of doc.actors) for (const mention of actor.mentions) out.push({ actor, mention });
  out.sort((a, b) => a.mention.start - b.mention.start);
  return out;
}

function lowerBound(ms: readonly MentionRef[], offset: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid].mention.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const RELATIVE = new Set(['who', 'which', 'that']);

/** The mention that covers `offset` (among the few that start at or before it). */
function mentionCovering(ms: readonly MentionRef[], offset: number): MentionRef | null {
  const after = lowerBound(ms, offset + 1);
  for (let j = after - 1; j >= 0 && j >= after - 4; j--)
    if (ms[j].mention.start <= offset && offset < ms[j].mention.end) return ms[j];
  return null;
}

/** The mention inside [start, end) that covers `headStart`, else the widest one inside. */
function mentionIn(ms: readonly MentionRef[], start: number, end: number, headStart: number): MentionRef | null {
  let best: MentionRef | null = null;
  for (let i = lowerBound(ms, start); i < ms.length && ms[i].mention.start < end; i++) {
    const m = ms[i];
    if (m.mention.end > end) continue;
    if (m.mention.start <= headStart && headStart < m.mention.end) return m;
    if (!best || m.mention.end - m.mention.start > best.mention.end - best.mention.start) best = m;
  }
  // a mention that starts before the phrase and covers its head ("North Korean envoy Kim")
  if (!best) {
    const i = lowerBound(ms, start);
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const m = ms[j];
      if (m.mention.start <= headStart && headStart < m.mention.end) return m;
    }
  }
  return best;
}

/**
 * "he said": the person named last before the pronoun outside quotation marks, within the
 * two paragraphs before it. News attributes a pronoun quote to the person just introduced;
 * a pronoun chain inside quoted speech or a person named only as an object earlier in a
 * quote does not take it over.
 */
function recentPerson(
  doc: Doc,
  ms: readonly MentionRef[],
  offset: number,
  inQuote: (offset: number) => boolean,
  paragraphFloor: number,
): MentionRef | null {
  for (let i = lowerBound(ms, offset) - 1; i >= 0; i--) {
    const m = ms[i];
    if (m.mention.start < paragraphFloor) break;
    if (m.actor.kind !== 'person') continue;
    if (m.mention.via === 'pronoun' || /^(he|she|him|her|his|hers)$/i.test(m.mention.text ?? '')) continue;
    if (inQuote(m.mention.start)) continue;
    return m;
  }
  void doc;
  return null;
}

/**
 * The quotes of the attributions, in text order. `from`, when given, receives for each quote
 * the attribution it was made from (for explanations).
 */
export function buildQuotes(doc: Doc, lex: QuoteLexicon, r: AttributionResult, from?: Attribution[]): Quote[] {
  const { attributions, view: v, segments } = r;
  const ms = mentionList(doc);
  const text = doc.text;
  const toks = doc.tokens;
  // binary search over segments for "is this offset quoted"
  const inQuote = (off: number): boolean => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (off < segments[mid].start) hi = mid - 1;
      else if (off >= segments[mid].end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const paragraphStartBefore = (off: number, back: number): number => {
    const ps = doc.paragraphs;
    let lo = 0;
    let hi = ps.length - 1;
    let at = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ps[mid].start <= off) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ps.length ? ps[Math.max(0, at - back)].start : 0;
  };

  const speakerOf = (a: Attribution): QuoteSpeaker | null => {
    if (a.speakerFirst < 0) return null;
    const start = toks[a.speakerFirst].start;
    const end = toks[a.speakerLast].end;
    const headTok = a.speakerHead >= 0 ? a.speakerHead : a.speakerLast;
    const head = toks[headTok];
    let hit = mentionIn(ms, start, end, head.start);
    const headWord = v.lower[headTok];
    // a relative pronoun ("Orban, who has long opposed ..."): the actor of its antecedent
    if (!hit && RELATIVE.has(headWord) && v.parsed) {
      const clause = headOf(v, headTok);
      const ante = clause >= 0 && depOf(v, clause).startsWith('acl') ? headOf(v, clause) : -1;
      if (ante >= 0 && ante < headTok) hit = mentionCovering(ms, toks[ante].start);
    }
    // a personal pronoun coreference left unresolved: the latest person named before it
    if (!hit && PERSONAL.has(headWord) && a.speakerFirst === a.speakerLast)
      hit = recentPerson(doc, ms, start, inQuote, paragraphStartBefore(start, 2));
    return {
      actor: hit ? hit.actor.id : null,
      name: hit ? hit.actor.name : text.slice(start, end),
      start,
      end,
    };
  };

  const quotes: Quote[] = [];
  for (const a of attributions) {
    const pieces = a.pieces.map((p) => trimSpan(text, p.start, p.end)).filter((p) => p.end > p.start);
    if (pieces.length === 0) continue;
    const first = pieces[0];
    const q: Quote = {
      start: first.start,
      end: first.end,
      text: text.slice(first.start, first.end),
      kind: a.kind,
      speaker: speakerOf(a),
      cue:
        a.cueFirst >= 0
          ? {
              start: toks[a.cueFirst].start,
              end: toks[a.cueLast].end,
              text: text.slice(toks[a.cueFirst].start, toks[a.cueLast].end),
            }
          : null,
      via: viaOf(doc, v, lex, a, ms, inQuote),
      place: null,
      confidence: a.confidence,
      cueClass: a.cue?.cls ?? null,
    };
    if (pieces.length > 1) q.parts = pieces.slice(1);
    if (a.cueFirst >= 0 && doc.places.length) {
      // placeOfClause scans the places it is given: only those of the cue's sentence
      const sentence = doc.sentences[toks[a.cueFirst].sentence];
      // nor a place the statement itself names ("the talks, which began in Geneva, ..., a
      // spokesman said" was not said in Geneva)
      const local = (sentence ? placesIn(doc.places, sentence.start, sentence.end) : []).filter(
        (pl) => !pieces.some((piece) => piece.start <= pl.start && pl.end <= piece.end),
      );
      const p = local.length ? placeOfClause({ ...doc, places: local }, a.cueFirst) : null;
      if (p) q.place = { name: p.name, country: p.country, lat: p.lat, lon: p.lon };
    }
    quotes.push(q);
    from?.push(a);
  }
  return quotes;
}

/** The places starting in [start, end) (places are in text order). */
function placesIn(places: Doc['places'], start: number, end: number): Doc['places'] {
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (places[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  let e = lo;
  while (e < places.length && places[e].start < end) e++;
  return places.slice(lo, e);
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The channel: "as quoted by NHK", "told Reuters", "in an interview with CNN", "on Twitter". */
function viaOf(
  doc: Doc,
  v: ParseView,
  lex: QuoteLexicon,
  a: Attribution,
  ms: readonly MentionRef[],
  inQuote: (offset: number) => boolean,
): string | null {
  if (a.cueFirst < 0) return null;
  const toks = doc.tokens;
  const sentence = toks[a.cueFirst].sentence;
  const isMedium = (hit: MentionRef | null) =>
    !!hit && hit.actor.kind === 'organization' && hit.actor.roles.includes('MED');
  // the addressee of "told": a medium when it is an organization
  if (a.addresseeFirst >= 0) {
    const start = toks[a.addresseeFirst].start;
    const end = toks[a.addresseeLast].end;
    const hit = mentionIn(ms, start, end, start);
    if (hit && hit.actor.kind === 'organization') return hit.actor.name;
    if (lex.media.has(v.lower.slice(a.addresseeFirst, a.addresseeLast + 1).join(' ')))
      return doc.text.slice(start, end);
  }
  // phrases anywhere in the cue's sentence outside quotation marks and outside the speaker
  let i = a.cueFirst;
  while (i > 0 && toks[i - 1].sentence === sentence) i--;
  for (; i < toks.length && toks[i].sentence === sentence; i++) {
    if (i >= a.speakerFirst && i <= a.speakerLast) continue;
    const phrases = lex.via.get(v.lower[i]);
    if (!phrases || inQuote(toks[i].start)) continue;
    for (const ph of phrases) {
      if (ph.kind !== 'after') continue;
      let ok = true;
      for (let w = 0; w < ph.words.length && ok; w++) ok = v.lower[i + w] === ph.words[w];
      if (!ok) continue;
      const j = i + ph.words.length;
      if (j >= toks.length || toks[j].sentence !== sentence) continue;
      const np = nounPhraseAfter(v, j);
      if (!np || (np[1] >= a.speakerFirst && np[0] <= a.speakerLast)) continue;
      const start = toks[np[0]].start;
      const end = toks[np[1]].end;
      const hit = mentionIn(ms, start, end, toks[np[2]].start);
      const phrase = v.lower.slice(np[0], np[1] + 1).join(' ');
      if (lex.media.has(phrase) || lex.media.has(v.lower[np[2]])) return doc.text.slice(toks[np[2]].start, end);
      if (isMedium(hit)) return hit!.actor.name;
      if (!ph.strong) continue;
      if (hit && hit.actor.kind === 'organization') return hit.actor.name;
      if (toks[np[2]].pos === 'PROPN' && !hit) return doc.text.slice(toks[np[2]].start, toks[np[2]].end);
    }
  }
  return null;
}

/** The noun phrase starting at token j: [first, last, head]. */
function nounPhraseAfter(v: ParseView, j: number): [number, number, number] | null {
  let b = j;
  const s = v.tokens[j].sentence;
  while (
    b < v.tokens.length &&
    v.tokens[b].sentence === s &&
    /^(DET|ADJ|PROPN|NOUN|NUM|PRON)$/.test(v.tokens[b].pos ?? '')
  )
    b++;
  if (b === j) return null;
  let head = b - 1;
  while (head > j && v.tokens[head].pos !== 'PROPN' && v.tokens[head].pos !== 'NOUN') head--;
  return [j, b - 1, head];
}
