// Coding events sentence by sentence: dictionary matches at each anchor, then who (source from
// the subject, the agent of a passive or the possessor of a nominal event), to whom (target
// from the pattern's slot, the object or a prepositional argument), the event's status
// (negated, hypothetical, future -> intent codes), the composition of complement-taking verbs
// ("called on X to settle" = 027), reported blame ("insists that X is hiding" = accuse X),
// and symmetric, coordinated and plural actors (bounded).

import { actorAt } from '../actors/lookup.js';
import { type Doc, type ExplainNote, sentenceTokens } from '../doc/doc.js';
import type { Actor, ActorMention, Place, Quote, Token } from '../doc/types.js';
import { placeOfClause } from '../places/link.js';
import { timeOfClause } from '../times/link.js';
import type { Dictionary } from './01-dictionary.js';
import { composeCode, type Ontology } from './02-ontology.js';
import {
  anchorFits,
  hasPredicative,
  kidsOf,
  lemOf,
  lowOf,
  type Match,
  makeView,
  matchEntry,
  type SentenceView,
  stems,
} from './03-match.js';
import { repairedTokens } from './03-repair.js';

/** At most this many events from one trigger (a sentence naming 40 countries stays bounded). */
export const MAX_EVENTS_PER_TRIGGER = 40;
/** Sentences longer than this (in tokens) are coded on their first part only. */
const MAX_SENTENCE_TOKENS = 400;
/** How far back (in sentences) "the talks" may refer to an earlier meeting. */
const ANAPHORA_WINDOW = 6;

export interface Party {
  actor: Actor | null;
  /** The mention the actor was read from. */
  mention: ActorMention | null;
  /** A named group without an actor ("six-nation"), the phrase of an unresolved participant, or a place standing in as a target. */
  name?: string;
  /** Code of a party without an actor (a place target: its country). */
  code?: string;
  /** Text span of a party without an actor. */
  span?: { start: number; end: number };
}

/** An event before scoring and de-duplication. */
export interface RawEvent {
  sentence: number;
  code: string;
  rule: string;
  source: Party;
  target: Party | null;
  trigger: { start: number; end: number };
  date: string | null;
  place: Place | null;
  negated: boolean;
  hypothetical: boolean;
  confidence: number;
  /** Meeting-like: both sides took part (used for "the talks" anaphora). */
  sym: boolean;
}

interface Coded {
  match: Match;
  code: string;
  sources: Party[];
  targets: Party[];
  negated: boolean;
  hypothetical: boolean;
  future: boolean;
  /** Light verb the nominal anchor is the object of, or -1. */
  light: number;
  /** The subject token of the clause (or of the light verb), or -1. */
  subj: number;
  /** A passive clause (its subject is the target). */
  passive: boolean;
  /** Hypothetical only as the purpose of another act. */
  purpose?: boolean;
  /** The object is "each other" / "one another": the coordinated subjects act on one another. */
  reciprocal?: boolean;
  why: string[];
}

export interface CodeContext {
  doc: Doc;
  dict: Dictionary;
  ont: Ontology;
  notes: ExplainNote[] | null;
  /** Events coded so far (earlier sentences), for anaphora. */
  previous: RawEvent[];
}

const lower = (s: string) => s.toLowerCase();

/** Code all events of sentence `si`. */
export function codeSentence(ctx: CodeContext, si: number): RawEvent[] {
  const { doc, dict } = ctx;
  let tokens = doc.tokens;
  let [s0, s1] = sentenceTokens(doc, si);
  if (s1 - s0 < 2) return [];
  if (s1 - s0 > MAX_SENTENCE_TOKENS) s1 = s0 + MAX_SENTENCE_TOKENS;
  // most sentences have no anchor at all: look before building anything
  let any = false;
  for (let j = s0; j < s1 && !any; j++) {
    const t = tokens[j];
    const l = (t.lemma ?? t.text).toLowerCase();
    const x = (t.norm ?? t.text).toLowerCase();
    any =
      dict.byAnchor.has(l) ||
      dict.byAnchor.has(x) ||
      (x.endsWith('s') && (dict.byAnchor.has(x.slice(0, -1)) || dict.byAnchor.has(x.slice(0, -2)))) ||
      stems(x).some((w) => dict.byAnchor.has(w));
  }
  if (!any) return [];
  tokens = repairedTokens(doc, s0, s1);
  const actorCache = new Map<number, { actor: Actor; mention: ActorMention } | null>();
  const actorOf = (j: number) => {
    let hit = actorCache.get(j);
    if (hit === undefined) {
      const t = tokens[j];
      hit = actorAt(doc, t.start, t.end);
      // a mention must cover the token itself (not only the phrase's extent)
      if (hit && !(hit.mention.start <= t.start && t.end <= hit.mention.end) && !inExtentHead(hit.mention, t))
        hit = null;
      if (!hit) hit = quoteSpeakerActor(doc, j);
      actorCache.set(j, hit);
    }
    return hit;
  };
  const view = makeView(
    tokens,
    s0,
    s1,
    (j) => actorOf(j) !== null,
    (j) => {
      const hit = actorOf(j);
      if (!hit) return j;
      let k = j;
      while (k + 1 < s1 && tokens[k + 1].start < hit.mention.end) k++;
      return k;
    },
  );

  // 1. the best match at each anchor
  const matches = new Map<number, Match[]>();
  for (let a = s0; a < s1; a++) {
    const low = lowOf(view, a);
    let list =
      dict.byAnchor.get(lemOf(view, a)) ??
      dict.byAnchor.get(low) ??
      (low.endsWith('s') ? (dict.byAnchor.get(low.slice(0, -1)) ?? dict.byAnchor.get(low.slice(0, -2))) : undefined);
    // a verb form the lemmatizer got wrong ("freed" -> "fre"): the regular stems of the form
    if (!list) for (const w of stems(low)) if ((list = dict.byAnchor.get(w))) break;
    if (!list) continue;
    const found: Match[] = [];
    for (const entry of list) {
      if (!anchorFits(entry, tokens[a])) continue;
      const m = matchEntry(view, entry, a);
      if (!m || (entry.flags.full && m.missing)) continue;
      if (entry.flags.pred && (entry.flags.pred === 'need') !== hasPredicative(view, a)) continue;
      found.push(m);
    }
    // most specific first, a pattern whose actor slots are filled before one whose are not
    // (a multiword trigger such as "shoot down" counts as one more element)
    const score = (m: Match) => m.entry.weight - 1.5 * m.missing + (m.anchorEnd > m.anchor ? 2 : 0);
    found.sort((x, y) => score(y) - score(x) || x.entry.order - y.entry.order);
    if (found.length) matches.set(a, found);
  }
  if (matches.size === 0) return [];

  // 2. words consumed by another match do not anchor their own events ("held talks")
  const consumed = new Set<number>();
  const first = (a: number) => matches.get(a)?.[0];
  for (const [, ms] of matches) for (const w of ms[0].words) if (w !== ms[0].anchor) consumed.add(w);
  for (const w of consumed) {
    const m = first(w);
    if (m && m.entry.weight > 0 && m.words.length > 0 && !consumed.has(m.anchor)) continue;
    matches.delete(w);
  }

  // 3. code each anchor, outermost clauses first so complements can be consumed
  const order = [...matches.keys()].sort((x, y) => depth(tokens, x) - depth(tokens, y) || x - y);
  const suppressed = new Set<number>();
  const coded: Coded[] = [];
  const note = (msg: string) => ctx.notes?.push({ sentence: si, stage: 'events', message: msg });
  for (const a of order) {
    if (
      suppressed.has(a) &&
      (matches.get(a)![0].entry.anchorPos !== 'noun' ||
        lightVerbOf(ctx, view, a) < 0 ||
        suppressed.has(lightVerbOf(ctx, view, a)))
    ) {
      note(`"${tokens[a].text}": not coded as happened (inside the complement of a statement, promise or demand)`);
      continue;
    }
    const ms = matches.get(a)!;
    let done = false;
    for (const m of ms) {
      const c = codeMatch(ctx, view, m, matches, actorOf, suppressed);
      if (typeof c === 'string') {
        note(`"${tokens[a].text}" ${m.entry.id}: ${c}`);
        continue;
      }
      coded.push(c);
      done = true;
      break;
    }
    if (!done && ms.length) continue;
  }

  // 3b. passing mentions: an event noun that is what another event is about ("rejected a US offer",
  // "reneged on his commitment") and a participle or relative clause inside another event's
  // argument ("returned equipment seized last year") are not coded beside it
  const passing = new Map<Coded, { other: Coded; why: string }>();
  for (const c of coded) {
    const p = passingMention(view, c, coded);
    if (p) passing.set(c, p);
  }

  // 4. events; plain statements only when the sentence has nothing else
  const out: RawEvent[] = [];
  // (a match that yields no event, for want of actors, does not count)
  let substantive = false;
  const purposeEvents: RawEvent[] = [];
  const produced = new Set<Coded>();
  // events beside which a passing mention is dropped first, then the passing mentions
  const ordered = [...coded.filter((c) => !passing.has(c)), ...coded.filter((c) => passing.has(c))];
  // plain statements last, so they are coded only when nothing else was
  ordered.sort((x, y) => Number(x.match.entry.flags.fallback) - Number(y.match.entry.flags.fallback));
  for (const c of ordered) {
    if (substantive && c.match.entry.flags.fallback) continue;
    const p = passing.get(c);
    if (p && produced.has(p.other)) {
      note(`"${tokens[c.match.anchor].text}" ${c.match.entry.id}: not coded (${p.why})`);
      continue;
    }
    const events = expand(ctx, view, c, si, coded);
    if (events.length) produced.add(c);
    if (events.length && !c.match.entry.flags.fallback) substantive = true;
    if (c.purpose) purposeEvents.push(...events);
    if (ctx.notes) {
      const e = c.match.entry;
      note(
        `"${tokens[c.match.anchor].text}" ${e.id} (${e.pattern}) -> ${c.code}${c.why.length ? ` [${c.why.join('; ')}]` : ''}: ${
          events.length
            ? events.map((x) => `${partyCode(x.source)} -> ${x.target ? partyCode(x.target) : '-'}`).join(', ')
            : 'no event (no actors)'
        }`,
      );
    }
    out.push(...events);
  }
  // "sent experts to investigate": when nothing else in the sentence happened, the purpose is what it reports
  if (purposeEvents.length && !out.some((e) => !e.negated && !e.hypothetical)) {
    for (const e of purposeEvents) e.hypothetical = false;
    note('purpose clause coded: nothing else in the sentence happened');
  }
  // "the killing of three activists sparked protests": when nothing else in the sentence happened, an
  // event named by a noun whose actor the sentence does not name is coded with an unknown source
  if (!out.some((e) => !e.negated && !e.hypothetical))
    for (const c of ordered) {
      const en = c.match.entry;
      if (en.anchorPos !== 'noun' || produced.has(c) || en.flags.fallback || en.flags.compose) continue;
      if (c.negated || c.hypothetical) continue;
      // ("the EU is considering new sanctions": the object of a verb of planning or deliberating whose
      // subject the sentence names is that actor's topic, not an act of an unnamed actor)
      const a = c.match.anchor;
      const gov = tokens[a].head ?? -1;
      if (
        dep0(tokens[a]) === 'obj' &&
        gov >= s0 &&
        tokens[gov].pos === 'VERB' &&
        (ctx.ont.status.get('irrealis')?.has(lemOf(view, gov)) || DELIBERATE.has(lemOf(view, gov))) &&
        subjectOf(doc, view, gov, actorOf).parties.length
      ) {
        note(`"${tokens[a].text}" ${en.id}: not coded (the object of "${tokens[gov].text}", whose subject is named)`);
        continue;
      }
      const events = expand(ctx, view, c, si, coded, true);
      if (events.length) {
        note(`"${tokens[c.match.anchor].text}" ${en.id}: coded with an unknown source (nothing else happened)`);
        out.push(...events);
        break;
      }
    }
  return out;
}

/** Nouns for what someone claims, whose content a denial says did not happen. */
const CLAIM_NOUNS = new Set([
  'claim',
  'report',
  'allegation',
  'accusation',
  'charge',
  'rumor',
  'rumour',
  'suggestion',
  'speculation',
  'assertion',
]);

/** Verbs of deliberating, whose object is a topic, not something that happened. */
const DELIBERATE = new Set(['discuss', 'debate', 'weigh', 'mull', 'study', 'review', 'contemplate', 'explore']);

/** Prepositions after which an event noun is the topic or object of the governing event. */
const TOPIC_PREPS = new Set(['on', 'of', 'for', 'to', 'with', 'about', 'over', 'from']);

/** The other coded event beside which match `c` is a passing mention (and why), or null. */
function passingMention(view: SentenceView, c: Coded, all: readonly Coded[]): { other: Coded; why: string } | null {
  const tokens = view.tokens;
  const a = c.match.anchor;
  const others = all.filter(
    (o) =>
      o !== c &&
      !o.negated &&
      !o.match.entry.flags.fallback &&
      o.code.slice(0, 2) !== '01' &&
      !o.match.entry.flags.compose &&
      !o.match.entry.flags.accuse,
  );
  if (!others.length) return null;
  const partOf = (o: Coded, j: number) => o.match.anchor === j || o.match.anchorEnd === j || o.match.words.includes(j);
  if (c.match.entry.anchorPos === 'noun' && c.light < 0 && c.match.subject < 0 && !c.match.entry.flags.sym) {
    const d = dep0(tokens[a]);
    const h = tokens[a].head ?? -1;
    const p = kidsOf(view, a).find((k) => dep0(tokens[k]) === 'case');
    const topical =
      d === 'obj' || ((d === 'obl' || d === 'nmod') && p !== undefined && TOPIC_PREPS.has(lowOf(view, p)));
    if (topical && h >= 0) {
      const o = others.find((x) => partOf(x, h));
      if (o) return { other: o, why: `what "${tokens[o.match.anchor].text}" is about` };
    }
    return null;
  }
  // a past participle right after a noun, parsed as a complement ("returned equipment seized last year")
  const reduced =
    dep0(tokens[a]) === 'xcomp' &&
    tokens[a].tag === 'VBN' &&
    a - 1 >= view.s0 &&
    (tokens[a - 1].pos === 'NOUN' || tokens[a - 1].pos === 'PROPN') &&
    !kidsOf(view, a).some((k) => dep0(tokens[k]) === 'aux' || dep0(tokens[k]) === 'nsubj');
  if (c.match.entry.anchorPos !== 'noun' && (dep0(tokens[a]) === 'acl' || reduced)) {
    // the noun the clause modifies belongs to another event
    let y = reduced ? a - 1 : (tokens[a].head ?? -1);
    for (let k = 0; k < 4 && y >= 0; k++) {
      const o = others.find((x) => partOf(x, y) && !x.hypothetical);
      if (o) return { other: o, why: `modifies an argument of "${tokens[o.match.anchor].text}"` };
      const d = dep0(tokens[y]);
      if (d !== 'conj' && d !== 'obj' && d !== 'nmod' && d !== 'obl' && d !== 'appos') break;
      y = tokens[y].head ?? -1;
    }
  }
  return null;
}

function partyCode(p: Party): string {
  return p.actor?.code ?? p.actor?.name ?? p.name ?? '?';
}

function inExtentHead(m: ActorMention, t: Token): boolean {
  // "North Korean envoy Kim Chul Ho": the head noun of the extent names the same actor
  return !!m.extent && m.extent.start <= t.start && t.end <= m.extent.end && t.end <= m.start;
}

/** First-person pronouns inside a quote speak for its speaker. */
function quoteSpeakerActor(doc: Doc, j: number): { actor: Actor; mention: ActorMention } | null {
  const t = doc.tokens[j];
  if (!FIRST_PERSON.has(lower(t.text))) return null;
  const q = quoteAt(doc.quotes, t.start);
  if (!q?.speaker?.actor) return null;
  const actor = doc.actors.find((a) => a.id === q.speaker!.actor);
  if (!actor) return null;
  return { actor, mention: { start: t.start, end: t.end, text: t.text, via: 'quote speaker' } };
}

const FIRST_PERSON = new Set(['we', 'us', 'our', 'i', 'me', 'my']);

const quotesByStart = new WeakMap<readonly Quote[], Quote[]>();

function quoteAt(quotes: readonly Quote[], offset: number): Quote | null {
  let sorted = quotesByStart.get(quotes);
  if (!sorted) {
    sorted = quotes.slice().sort((a, b) => a.start - b.start);
    quotesByStart.set(quotes, sorted);
  }
  // the last quote starting at or before the offset, and a few before it (parts, nesting)
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 20; i--) {
    const q = sorted[i];
    if (q.start <= offset && offset < q.end) return q;
    if (q.parts) for (const p of q.parts) if (p.start <= offset && offset < p.end) return q;
  }
  return null;
}

function depth(tokens: readonly Token[], i: number): number {
  let d = 0;
  let x = tokens[i].head ?? -1;
  while (x >= 0 && d < 64) {
    d++;
    x = tokens[x].head ?? -1;
  }
  return d;
}

const dep0 = (t: Token) => (t.dep ?? '').split(':')[0];

/** Tokens of the subtree of `h` within the sentence. */
function subtree(view: SentenceView, h: number, out: Set<number> = new Set()): Set<number> {
  const stack = [h];
  while (stack.length && out.size < 500) {
    const x = stack.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    for (const c of kidsOf(view, x)) stack.push(c);
  }
  return out;
}

type ActorOf = (j: number) => { actor: Actor; mention: ActorMention } | null;

const OBJECT_CONTROL = new Set([
  'urge',
  'ask',
  'order',
  'call',
  'tell',
  'force',
  'persuade',
  'invite',
  'allow',
  'press',
  'pressure',
  'push',
  'encourage',
  'instruct',
]);
const RELATIVE = new Set(['which', 'who', 'that', 'whom']);
const TARGET_PREPS = new Set(['with', 'to', 'against', 'on', 'toward', 'towards', 'at', 'into', 'upon']);
const NOUN_TARGET_PREPS = new Set([
  'on',
  'against',
  'with',
  'to',
  'of',
  'toward',
  'towards',
  'between',
  'into',
  'upon',
]);
const AGENT_PREPS = new Set(['by']);
/** "criticized X for doing": the word that marks the gerund of the reason, and its relations. */
const CAUSE_MARKERS = new Set(['for', 'of']);
const MARKER_DEPS = new Set(['mark', 'case']);
const FROM = new Set(['from']);
const RECIPIENT_PREPS = new Set(['to', 'toward', 'towards', 'into']);
/** Aid is given "for" its recipients ("$50 million in aid for Syrian refugees"). */
const RECIPIENT_FOR = new Set([...RECIPIENT_PREPS, 'for']);
const FOR_ROOTS = new Set(['07']);
/** Whose an object noun is: "charges by X", "a demand from X". */
const OBJECT_AGENT_PREPS = new Set(['by', 'from']);
/** Roots whose acts take something from someone: the "from" argument is the target (seize, expel). */
const FROM_ROOTS = new Set(['17', '18']);
/**
 * Roots whose one-sided acts take the place they happen in as the target when no actor is named
 * ("imposed a curfew in Abidjan", "riots in Monrovia", "blockades in the West Bank"), as the
 * CAMEO manual's examples do.
 */
const PLACE_TARGET_ROOTS = new Set(['14', '15', '17', '18', '19', '20']);
const MULTILATERAL = new Set(['nation', 'party', 'country', 'power', 'way', 'member', 'state']);

/** Subjects and objects, whose appositions and national modifiers name them. */
const ARGUMENT_DEPS = new Set(['nsubj', 'nsubj:pass', 'obj', 'iobj']);

/** Actors of the phrase headed by `h`: itself, its conjuncts, and the members of groups. */
const groupsOfMember = new WeakMap<readonly Actor[], Map<string, Actor[]>>();

/**
 * The members of a coordination whose phrase holds `hit`'s mention and more: "Israeli and
 * Palestinian negotiators" for "Palestinian negotiators", "the foreign ministers of Japan and
 * South Korea" for "foreign ministers" (one head noun for each country); else null.
 */
function sharedHeadGroup(doc: Doc, hit: { actor: Actor; mention: ActorMention }): string[] | null {
  let byMember = groupsOfMember.get(doc.actors);
  if (!byMember) {
    byMember = new Map();
    for (const g of doc.actors)
      for (const id of g.members ?? []) {
        const list = byMember.get(id);
        if (list) list.push(g);
        else byMember.set(id, [g]);
      }
    groupsOfMember.set(doc.actors, byMember);
  }
  for (const g of byMember.get(hit.actor.id) ?? [])
    if (
      g.mentions.some(
        (m) =>
          m.start <= hit.mention.start &&
          m.end >= hit.mention.end &&
          (m.start < hit.mention.start || m.end > hit.mention.end),
      )
    )
      return g.members!;
  return null;
}

function actorsOfPhrase(doc: Doc, view: SentenceView, h: number, actorOf: ActorOf): Party[] {
  const out: Party[] = [];
  const seen = new Set<string>();
  const push = (p: Party) => {
    const key = p.actor?.id ?? p.name ?? '';
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  const visit = (j: number, guard: number) => {
    if (guard > 200) return;
    // "met her Somali counterpart": a possessive pronoun picked as the argument names the
    // possessor; the national modifier of its noun names the argument itself
    if (guard === 0 && view.tokens[j].pos === 'PRON' && view.tokens[j].dep === 'nmod:poss') {
      const noun = view.tokens[j].head ?? -1;
      // ("met his counterpart Sergei Lavrov": the apposition names it)
      const nat =
        noun > j && !actorOf(noun)
          ? (kidsOf(view, noun).find((k) => k > j && k < noun && view.tokens[k].dep === 'amod' && actorOf(k)) ??
            kidsOf(view, noun).find((k) => k === noun + 1 && dep0(view.tokens[k]) === 'appos' && actorOf(k)))
          : undefined;
      if (nat !== undefined) {
        visit(nat, guard + 1);
        return;
      }
    }
    const hit = actorOf(j);
    // "John Smith, the coordinator of the UN relief effort, said": a person the actors layer could not
    // code (or coded only by a guess from nearby actors) speaks for the body the apposition names
    const office = hit && guard === 0 && j === h ? officeOf(view, j, hit.actor, actorOf) : null;
    if (hit && office) {
      push({
        actor: null,
        mention: null,
        name: hit.actor.name,
        code: office.code ?? undefined,
        span: { start: hit.mention.start, end: hit.mention.end },
      });
    } else if (hit) {
      // "Israeli and Palestinian negotiators": the head is the last member's; the group is the argument
      const members = hit.actor.members?.length ? hit.actor.members : sharedHeadGroup(doc, hit);
      if (members?.length) {
        for (const id of members) {
          const m = doc.actors.find((x) => x.id === id);
          if (m) push({ actor: m, mention: hit.mention });
        }
      } else push({ actor: hit.actor, mention: hit.mention });
    } else {
      // relative pronoun: the noun it stands for
      const t = view.tokens[j];
      if (RELATIVE.has(lower(t.text)) && t.pos === 'PRON') {
        const clause = t.head ?? -1;
        const noun = clause >= 0 ? (view.tokens[clause].head ?? -1) : -1;
        const cd = view.tokens[clause]?.dep ?? '';
        if (noun >= 0 && (cd.startsWith('acl') || cd === 'parataxis')) visit(noun, guard + 1);
      } else if (j === h && guard === 0 && ARGUMENT_DEPS.has(t.dep ?? '')) {
        // "Kenya's foreign minister, Amina Mohamed, met", "met her Somali counterpart": a subject
        // or object that names no actor itself, its apposition or national modifier does
        const kids = kidsOf(view, j);
        const pick =
          kids.find((k) => dep0(view.tokens[k]) === 'appos' && actorOf(k)) ??
          kids.find((k) => view.tokens[k].dep === 'amod' && actorOf(k));
        if (pick !== undefined) visit(pick, guard + 1);
      }
    }
    for (const c of kidsOf(view, j)) if (dep0(view.tokens[c]) === 'conj') visit(c, guard + 1);
  };
  visit(h, 0);
  return out;
}

/** Prepositions after an office noun that name the body it belongs to ("head of", "spokesman for"). */
const OFFICE_PREPS = new Set(['of', 'for', 'at']);
/** Nouns for an office or post held in a body ("the head of", "a spokesman for", "the UN coordinator"). */
const OFFICE_NOUNS = new Set([
  'head',
  'chief',
  'leader',
  'director',
  'coordinator',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'envoy',
  'representative',
  'official',
  'minister',
  'secretary',
  'president',
  'chairman',
  'chairwoman',
  'chair',
  'commissioner',
  'commander',
  'ambassador',
  'member',
  'adviser',
  'advisor',
  'negotiator',
  'officer',
  'deputy',
  'administrator',
  'delegate',
  'emissary',
  'mediator',
  'governor',
  'mayor',
  'rapporteur',
  'general',
  'founder',
  'executive',
  'lawmaker',
  'legislator',
]);
/** An actor coded with at least this confidence may stand for a person who holds an office in it. */
const OFFICE_CONFIDENCE = 0.7;

/**
 * The coded actor an apposition of person `j` names as the body the person works for ("Jan
 * Egeland, the UN's emergency relief coordinator", "X, the head of the Red Cross", "X, a
 * spokesman for the UN"), when the person's own actor is uncoded or coded by a guess; else null.
 */
function officeOf(view: SentenceView, j: number, person: Actor, actorOf: ActorOf): Actor | null {
  if (person.kind !== 'person' || person.members?.length) return null;
  if (person.code && (person.confidence ?? 1) >= 0.6) return null;
  const tokens = view.tokens;
  const coded = (k: number): Actor | null => {
    const a = actorOf(k)?.actor;
    return a && a !== person && a.code && (a.confidence ?? 0) >= OFFICE_CONFIDENCE && !a.members?.length ? a : null;
  };
  for (const ap of kidsOf(view, j)) {
    if (dep0(tokens[ap]) !== 'appos' || tokens[ap].pos !== 'NOUN') continue;
    // the office noun itself ("a spokesman for the UN" resolved as the UN's), its modifiers ("the UN
    // coordinator"), the body after "of"/"for" and that body's own modifiers ("of the UN relief effort")
    const own = coded(ap);
    if (own) return own;
    // (an office, not any relation: "a critic of the government" does not speak for it)
    if (!OFFICE_NOUNS.has(lemOf(view, ap))) continue;
    for (const k of kidsOf(view, ap)) {
      const d = tokens[k].dep ?? '';
      if (d === 'compound' || d === 'amod' || d === 'nmod:poss') {
        const a = coded(k);
        if (a) return a;
      }
      if (dep0(tokens[k]) === 'nmod' && kidsOf(view, k).some((x) => OFFICE_PREPS.has(lowOf(view, x)))) {
        const a = coded(k);
        if (a) return a;
        for (const x of kidsOf(view, k))
          if (tokens[x].dep === 'compound' || tokens[x].dep === 'amod') {
            const b = coded(x);
            if (b) return b;
          }
      }
    }
  }
  return null;
}

/** The source of a verb's clause: subject, agent of a passive, or the controller of a complement. */
function subjectOf(
  doc: Doc,
  view: SentenceView,
  v: number,
  actorOf: ActorOf,
  guard = 0,
): { parties: Party[]; passive: boolean; token: number } {
  const none = { parties: [] as Party[], passive: false, token: -1 };
  if (guard > 6 || v < view.s0 || v >= view.s1) return none;
  const tokens = view.tokens;
  const kids = kidsOf(view, v);
  const passive = kids.some((c) => tokens[c].dep === 'nsubj:pass' || tokens[c].dep === 'aux:pass');
  for (const c of kids) {
    const dep = tokens[c].dep ?? '';
    if (dep !== 'nsubj' && dep !== 'csubj') continue;
    let parties = actorsOfPhrase(doc, view, c, actorOf);
    // "thousands of Kenyan students": the group named after "of"
    if (!parties.length)
      for (const k of kidsOf(view, c))
        if (dep0(tokens[k]) === 'nmod' && kidsOf(view, k).some((x) => lowOf(view, x) === 'of')) {
          parties = actorsOfPhrase(doc, view, k, actorOf);
          if (parties.length) break;
        }
    if (parties.length) {
      // "India and Pakistan resumed talks" parsed with two subjects instead of a conjunction
      for (const o of kids)
        if (o > c && tokens[o].dep === 'nsubj' && tokens.slice(c, o).some((t) => t.pos === 'CCONJ'))
          parties = parties.concat(actorsOfPhrase(doc, view, o, actorOf));
      return { parties, passive: false, token: c };
    }
    // "a report that calls on ...": the relative pronoun stands for a document of its issuer
    if (dep === 'nsubj' && RELATIVE.has(lowOf(view, c)) && tokens[v].dep === 'acl:relcl') {
      const by = issuerOf(doc, view, tokens[v].head ?? -1, actorOf, guard);
      if (by) return by;
    }
    // "Syria says it is willing ...": an unresolved pronoun in reported speech is the speaker
    const h = tokens[v].head ?? -1;
    const d = dep0(tokens[v]);
    if (tokens[c].pos === 'PRON' && h >= 0 && (d === 'ccomp' || d === 'parataxis') && SAY.has(lemOf(view, h)))
      return subjectOf(doc, view, h, actorOf, guard + 1);
    // a subject the parse got wrong ("Yeltsin on Saturday hosted"): the nearest actor before the verb
    if (tokens[c].pos !== 'PRON') {
      const j = linearSubject(view, v, actorOf);
      if (j >= 0) return { parties: actorsOfPhrase(doc, view, j, actorOf), passive: false, token: j };
    }
    return { parties: [], passive: false, token: c };
  }
  if (passive) {
    for (const c of kids) {
      const dep = tokens[c].dep ?? '';
      if (dep === 'obl:agent' || (dep0(tokens[c]) === 'obl' && byPhrase(view, c)))
        return { parties: actorsOfPhrase(doc, view, c, actorOf), passive: true, token: c };
    }
    return { parties: [], passive: true, token: -1 };
  }
  const dep = tokens[v].dep ?? '';
  const h = tokens[v].head ?? -1;
  const base = dep.split(':')[0];
  if (h < 0 || base === 'ccomp' || base === 'parataxis' || base === 'root') {
    const j = linearSubject(view, v, actorOf);
    return j >= 0 ? { parties: actorsOfPhrase(doc, view, j, actorOf), passive: false, token: j } : none;
  }
  if (base === 'xcomp') {
    // "Pakistan is expected to release ...", "the rebels were forced to withdraw": the passive subject
    // of the governing verb does what the complement says
    if (tokens[h].pos === 'VERB')
      for (const c of kidsOf(view, h))
        if (tokens[c].dep === 'nsubj:pass' && c < h) {
          const ps = actorsOfPhrase(doc, view, c, actorOf);
          if (ps.length) return { parties: ps, passive: false, token: c };
        }
    if (OBJECT_CONTROL.has(lemOf(view, h))) {
      for (const c of kidsOf(view, h))
        if (tokens[c].dep === 'obj' || (dep0(tokens[c]) === 'obl' && c < v)) {
          const ps = actorsOfPhrase(doc, view, c, actorOf);
          if (ps.length) return { parties: ps, passive: false, token: c };
        }
    }
    return subjectOf(doc, view, h, actorOf, guard + 1);
  }
  // "criticized Russia for supplying weapons", "praised Japan for sending aid": the object of the
  // governing verb does what the gerund says
  if (
    base === 'advcl' &&
    tokens[v].tag === 'VBG' &&
    kidsOf(view, v).some((k) => MARKER_DEPS.has(dep0(tokens[k])) && CAUSE_MARKERS.has(lowOf(view, k)))
  )
    for (const c of kidsOf(view, h))
      if (tokens[c].dep === 'obj' && c < v) {
        const ps = actorsOfPhrase(doc, view, c, actorOf);
        if (ps.length) return { parties: ps, passive: false, token: c };
      }
  // a finite verb hung as an unmarked adverbial clause under the verb of a relative clause ("The
  // American envoy, whose visit was delayed, met ..." with "delayed" as the root): the nearest
  // actor before it is its subject
  if (base === 'advcl' && FINITE_TAGS.has(tokens[v].tag ?? '') && !kids.some((k) => dep0(tokens[k]) === 'mark')) {
    const j = linearSubject(view, v, actorOf);
    if (j >= 0) return { parties: actorsOfPhrase(doc, view, j, actorOf), passive: false, token: j };
  }
  if (base === 'conj' || base === 'advcl') return subjectOf(doc, view, h, actorOf, guard + 1);
  // a finite verb the parse took for a modifier ("The U.S. lifted sanctions" as one noun phrase):
  // the actor right before it is its subject
  if (base === 'amod' && h > v && v - 1 >= view.s0 && (tokens[v].tag === 'VBD' || tokens[v].tag === 'VBN')) {
    const j = v - 1;
    if (actorOf(j) && tokens[j].pos === 'PROPN')
      return { parties: actorsOfPhrase(doc, view, j, actorOf), passive: false, token: j };
    // a verb form right after a noun is no adjective of the noun after it ("The military destroyed
    // houses" as one noun phrase): the noun before it is its subject, named by its phrase when it is
    // no actor
    if (tokens[j].pos === 'NOUN' || tokens[j].pos === 'PROPN')
      return { parties: actorsOfPhrase(doc, view, j, actorOf), passive: false, token: j };
    // "burned tires and blocked roads" parsed as "tires and [blocked roads]": the verb of the first
    // conjunct's clause gives the subject
    if (tokens[j].pos === 'CCONJ' && dep0(tokens[h]) === 'conj') {
      const first = tokens[h].head ?? -1;
      const verb = first >= 0 ? (tokens[first].head ?? -1) : -1;
      if (verb >= view.s0 && verb < v && tokens[verb].pos === 'VERB')
        return subjectOf(doc, view, verb, actorOf, guard + 1);
    }
  }
  if (base === 'acl') {
    if (dep === 'acl:relcl') return none;
    // "the men attacking the village": the noun is the subject of an -ing participle
    // ... and of a finite verb the parse hung under it ("Israeli troops remained on alert" as a noun phrase)
    if (tokens[v].tag === 'VBG' || FINITE_TAGS.has(tokens[v].tag ?? '')) {
      const parties = actorsOfPhrase(doc, view, h, actorOf);
      if (!parties.length) {
        // "X issued a statement calling on Y to ...": the statement speaks for its issuer
        const by = issuerOf(doc, view, h, actorOf, guard);
        if (by) return by;
      }
      return { parties, passive: false, token: h };
    }
    // a sentence without a main verb whose participle hangs under the first noun ("Residents called
    // for help", "Protesters gathered outside" parsed as noun phrases) is a clause with that subject,
    // unless an agent says it is passive
    const agent = kidsOf(view, v).some((k) => kidsOf(view, k).some((x) => AGENT_PREPS.has(lowOf(view, x))));
    // ("Thousands of people gathered" with the clause under "people": the root noun is the subject)
    let top = h;
    for (let k = 0; k < 3 && dep0(tokens[top]) === 'nmod' && (tokens[top].head ?? -1) >= view.s0; k++)
      top = tokens[top].head ?? -1;
    if (tokens[top].dep === 'root' && top < v && tokens[v].tag === 'VBN' && !agent) {
      let parties = actorsOfPhrase(doc, view, top, actorOf);
      if (!parties.length && top !== h) parties = actorsOfPhrase(doc, view, h, actorOf);
      return { parties, passive: false, token: top };
    }
    return { parties: [], passive: true, token: -1 };
  }
  return none;
}

/**
 * Whether the phrase headed by `c` opens with "by": its own case word, or one the parse hung under
 * a modifier of the head ("by Boko Haram militants" with "by" under "Boko").
 */
function byPhrase(view: SentenceView, c: number): boolean {
  const kids = kidsOf(view, c);
  if (kids.some((x) => AGENT_PREPS.has(lowOf(view, x)))) return true;
  const first = Math.min(c, ...kids);
  if (first >= c) return false;
  const mod = view.tokens[first];
  const d = mod.dep ?? '';
  if (d !== 'compound' && d !== 'amod' && d !== 'det' && d !== 'nummod') return false;
  return kidsOf(view, first).some((x) => x < first && AGENT_PREPS.has(lowOf(view, x)) && view.tokens[x].dep === 'case');
}

/** Nouns for what an actor issues, sends or publishes, which then speaks for it. */
const DOCUMENT_NOUNS = new Set([
  'statement',
  'report',
  'letter',
  'communique',
  'communiqué',
  'declaration',
  'resolution',
  'motion',
  'message',
  'note',
  'appeal',
  'plea',
  'warning',
  'ultimatum',
  'petition',
  'memorandum',
  'order',
  'decree',
  'directive',
  'notice',
]);

/** The issuer of a document noun that is the object of a verb ("X issued a statement ..."), or null. */
function issuerOf(
  doc: Doc,
  view: SentenceView,
  n: number,
  actorOf: ActorOf,
  guard: number,
): { parties: Party[]; passive: boolean; token: number } | null {
  if (n < view.s0 || n >= view.s1 || !DOCUMENT_NOUNS.has(lemOf(view, n))) return null;
  const v = view.tokens[n].head ?? -1;
  const d = view.tokens[n].dep ?? '';
  if (v < 0 || (d !== 'obj' && d !== 'nsubj:pass')) return null;
  const sj = subjectOf(doc, view, v, actorOf, guard + 1);
  return sj.parties.length && !sj.passive ? sj : null;
}

/**
 * When the parse gives a finite verb no subject: the nearest actor before it that is not
 * inside a prepositional phrase and not another verb's object, skipping relative clauses.
 */
function linearSubject(view: SentenceView, v: number, actorOf: ActorOf): number {
  const tokens = view.tokens;
  if (!FINITE_TAGS.has(tokens[v].tag ?? '') && !kidsOf(view, v).some((c) => (tokens[c].dep ?? '').startsWith('aux')))
    return -1;
  for (let j = v - 1, n = 0; j >= view.s0 && n < 14; j--, n++) {
    const t = tokens[j];
    if (t.text === ';' || t.text === ':' || t.pos === 'SCONJ') return -1;
    if (!actorOf(j)) continue;
    if (kidsOf(view, j).some((c) => dep0(tokens[c]) === 'case')) continue;
    const d = t.dep ?? '';
    if (d === 'obj' || d === 'iobj' || d.startsWith('nmod') || d === 'compound' || d === 'amod') continue;
    return j;
  }
  return -1;
}

const FINITE_TAGS = new Set(['VBD', 'VBZ', 'VBP']);

const CLAUSAL = new Set([
  'ccomp',
  'advcl',
  'parataxis',
  'acl:relcl',
  'csubj',
  'conj',
  'punct',
  'nsubj',
  'nsubj:pass',
  'appos',
]);

/**
 * The target when the pattern names none: the object, then a prepositional argument ("to",
 * "against", "with" ...), looked for on the anchor, then on the pattern's words ("arms to
 * Pakistan"), then one level further down ("the return of inspectors"); never inside the
 * subject or another clause.
 */
function searchTarget(
  doc: Doc,
  view: SentenceView,
  a: number,
  words: readonly number[],
  noun: boolean,
  subj: number,
  actorOf: ActorOf,
  sources: readonly Party[] = [],
  fromTarget = false,
  forTarget = false,
): Party[] {
  const tokens = view.tokens;
  const preps = noun ? NOUN_TARGET_PREPS : TARGET_PREPS;
  function isObjTok(c: number): boolean {
    const d = tokens[c].dep ?? '';
    return d === 'obj' || d === 'iobj';
  }
  const prepOf = (c: number) => {
    const p = kidsOf(view, c).find((x) => dep0(tokens[x]) === 'case');
    return p === undefined ? '' : lowOf(view, p);
  };
  const argsOf = (h: number): number[] =>
    kidsOf(view, h).filter((c) => c !== subj && !CLAUSAL.has(tokens[c].dep ?? ''));
  // the source's own people ("withdraw its troops from Lebanon") only when nothing else is named
  const countries = new Set(sources.map((p) => p.actor?.country).filter(Boolean));
  const ids = new Set(sources.map((p) => p.actor?.id).filter(Boolean));
  // own: the source itself, what belongs to it, or its country's state organs ("peacekeepers"
  // of Pakistan); the country's civilians, opposition or rebels are targets of their own
  // government ("reneged on his commitment to the Zambian people")
  const own = (ps: Party[]) =>
    ps.every(
      (p) =>
        !p.actor ||
        ids.has(p.actor.id) ||
        (p.actor.belongsTo !== undefined && ids.has(p.actor.belongsTo)) ||
        (p.actor.country !== null && countries.has(p.actor.country) && stateOrgan(p.actor)),
    );
  let fallback: Party[] = [];
  // "allow the refugees to return", "ordered its troops to withdraw": whom the act is about
  const controlled = (c: number) =>
    !noun &&
    OBJECT_CONTROL.has(lemOf(view, a)) &&
    isObjTok(c) &&
    kidsOf(view, a).some((k) => dep0(tokens[k]) === 'xcomp');
  const tryTokens = (cands: number[], accept: (c: number) => boolean): Party[] => {
    for (const c of cands) {
      if (!accept(c)) continue;
      const ps = actorsOfPhrase(doc, view, c, actorOf);
      if (!ps.length) continue;
      if (own(ps) && sources.length && !controlled(c)) {
        if (!fallback.length && !ps.every((p) => p.actor && ids.has(p.actor.id))) fallback = ps;
        continue;
      }
      return ps;
    }
    return [];
  };
  const isObj = isObjTok;
  const isPrepArg = (c: number, set: ReadonlySet<string>) => {
    const d = dep0(tokens[c]);
    return (d === 'obl' || d === 'nmod') && set.has(prepOf(c));
  };
  const level1 = argsOf(a);
  const modifier = (x: number) => {
    const d = tokens[x].dep ?? '';
    return d === 'amod' || d === 'compound' || d === 'nmod:poss';
  };
  const steps: Array<() => Party[]> = [
    () => (noun ? [] : tryTokens(level1, isObj)),
    () => tryTokens(level1, (c) => isPrepArg(c, preps)),
    // the object noun matched by a word element may itself be an actor ("returned five victims")
    () => tryTokens([...words], (w) => !!actorOf(w)),
    () => tryTokens(words.flatMap(argsOf), (c) => isPrepArg(c, NOUN_TARGET_PREPS)),
    // whose the prepositional argument is: "riots against Israeli policies", "on the Iraqi regime"
    () => tryTokens(level1.filter((c) => isPrepArg(c, preps)).flatMap(argsOf), modifier),
    // the agent of the act's object: "investigating crimes by Croatian extremists", "welcomed
    // the proposal by Japan"
    () =>
      tryTokens(
        [
          ...[...words, ...level1.filter((c) => isObj(c) || isPrepArg(c, preps))].flatMap(argsOf),
          // (an active verb's "by" argument is the object's agent the parse hung on the verb)
          ...level1.filter((c) => !noun && isPrepArg(c, AGENT_PREPS)),
        ],
        (x) => isPrepArg(x, OBJECT_AGENT_PREPS),
      ),
    () =>
      tryTokens(
        level1.filter((c) => isObj(c) || dep0(tokens[c]) === 'obl').flatMap(argsOf),
        (x) => isPrepArg(x, NOUN_TARGET_PREPS) || (tokens[x].dep ?? '') === 'nmod:poss',
      ),
    // whose the object is: "rejected an Australian ultimatum", "accepted the US proposal"
    () =>
      tryTokens(level1.filter(isObj).flatMap(argsOf), (x) => {
        const d = tokens[x].dep ?? '';
        return d === 'amod' || d === 'compound';
      }),
    // a participle's object ("from neighboring Lebanon")
    () =>
      tryTokens(
        kidsOf(view, a)
          .filter((c) => dep0(tokens[c]) === 'advcl' && tokens[c].tag === 'VBG' && c > a)
          .flatMap((c) => kidsOf(view, c)),
        isObj,
      ),
  ];
  // the recipient at the end of a chain of nouns: "the delivery of 1,000 tons of grain to Afghanistan"
  steps.push(() => {
    const chain: number[] = [];
    let layer = [...words, ...level1.filter(isObj)];
    for (let depth = 0; depth < 3 && layer.length; depth++) {
      const next: number[] = [];
      for (const x of layer)
        for (const k of argsOf(x)) {
          const d = dep0(tokens[k]);
          if (d === 'nmod' || d === 'conj') {
            chain.push(k);
            next.push(k);
          }
        }
      layer = next;
    }
    return tryTokens(chain, (c) => isPrepArg(c, forTarget ? RECIPIENT_FOR : RECIPIENT_PREPS));
  });
  // taking something away from someone: "confiscated weapons from armed groups"
  if (fromTarget) steps.push(() => tryTokens([...level1, ...words.flatMap(argsOf)], (c) => isPrepArg(c, FROM)));
  // last resort for verbs: the nearest actor after the anchor in the same clause
  if (!noun)
    steps.push(() => {
      for (let j = a + 1, n = 0; j < view.s1 && n < 8; j++, n++) {
        const t = tokens[j];
        if (t.text === ';' || t.text === ':' || t.text === ',' || t.pos === 'SCONJ' || t.pos === 'CCONJ') break;
        if (t.pos === 'VERB' || t.pos === 'AUX' || lowOf(view, j) === 'by') break;
        if (RELATIVE.has(lowOf(view, j)) && t.pos === 'PRON') break;
        if (j === subj || !actorOf(j)) continue;
        const ps = tryTokens([j], () => true);
        if (ps.length) return ps;
      }
      return [];
    });
  let found: Party[] = [];
  for (const step of steps) {
    found = step();
    if (found.length) break;
  }
  return found.length ? found : fallback;
}

const STATE_ROLES = new Set(['GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY']);

/** A country or one of its state organs (government, forces, police, courts ...). */
function stateOrgan(a: Actor): boolean {
  return a.kind === 'country' || a.roles.some((r) => STATE_ROLES.has(r));
}

function negatedAt(ctx: CodeContext, view: SentenceView, i: number): boolean {
  const neg = ctx.ont.status.get('negation')!;
  for (const c of kidsOf(view, i)) {
    const dep = dep0(view.tokens[c]);
    if ((dep === 'advmod' || dep === 'neg' || dep === 'det' || dep === 'cc:preconj') && neg.has(lowOf(view, c)))
      return true;
    // "without a breakthrough", "without meeting"
    if ((dep === 'case' || dep === 'mark') && lowOf(view, c) === 'without') return true;
  }
  return false;
}

function subjectNegated(_ctx: CodeContext, view: SentenceView, subj: number): boolean {
  if (subj < 0) return false;
  const w = lowOf(view, subj);
  if (w === 'neither' || w === 'nobody' || w === 'none' || w === 'no one') return true;
  for (const c of kidsOf(view, subj)) {
    const dep = dep0(view.tokens[c]);
    if ((dep === 'det' || dep === 'advmod') && (lowOf(view, c) === 'neither' || lowOf(view, c) === 'no')) return true;
  }
  // parse without the determiner link: "neither side" next to each other
  if (subj - 1 >= view.s0 && (lowOf(view, subj - 1) === 'neither' || lowOf(view, subj - 1) === 'no')) return true;
  return false;
}

interface Status {
  negated: boolean;
  hypothetical: boolean;
  future: boolean;
  /** Hypothetical only as the purpose of another act ("sent experts to investigate"). */
  purpose?: boolean;
  why: string[];
}

const SAY = new Set([
  'say',
  'tell',
  'state',
  'announce',
  'declare',
  'add',
  'report',
  'insist',
  'claim',
  'stress',
  'confirm',
  'indicate',
  'signal',
  'add',
]);

function statusOf(ctx: CodeContext, view: SentenceView, v: number, subj: number, code = ''): Status {
  const st: Status = { negated: false, hypothetical: false, future: false, why: [] };
  const tokens = view.tokens;
  const S = ctx.ont.status;
  if (negatedAt(ctx, view, v)) {
    st.negated = true;
    st.why.push('negated');
  }
  if (subjectNegated(ctx, view, subj)) {
    st.negated = true;
    st.why.push('negated subject');
  }
  const reported = (() => {
    const d = dep0(tokens[v]);
    const h = tokens[v].head ?? -1;
    return (d === 'ccomp' || d === 'parataxis') && h >= 0 && SAY.has(lemOf(view, h));
  })();
  for (const c of kidsOf(view, v)) {
    const dep = tokens[c].dep ?? '';
    if (dep !== 'aux' && dep !== 'aux:pass') continue;
    const w = lowOf(view, c);
    const l = lemOf(view, c);
    if (S.get('future')!.has(w) || S.get('future')!.has(l)) {
      st.future = true;
      st.why.push(`future "${w}"`);
    } else if (w === 'would' && reported) {
      st.future = true;
      st.why.push('future in reported speech');
    } else if (S.get('modal')!.has(w)) {
      st.hypothetical = true;
      st.why.push(`modal "${w}"`);
    } else if (w === 'going' || (w === 'to' && lemOf(view, c - 1) === 'go')) {
      st.future = true;
      st.why.push('future "going to"');
    }
  }
  // "gave a grant to finance projects", "a plan to build": a purpose or infinitival clause is not a fact
  const purpose = inPurposeClause(view, v);
  // "will withdraw unless they disarm": a condition attached to the clause itself (a threat states
  // its condition: "threatened to quit the talks if ..." was made all the same)
  const threat = code.startsWith('13');
  for (const c of kidsOf(view, v))
    if (dep0(tokens[c]) === 'advcl' && !threat)
      for (const k of kidsOf(view, c))
        if (dep0(tokens[k]) === 'mark' && S.get('conditional')!.has(lowOf(view, k))) {
          st.hypothetical = true;
          st.why.push(`conditional "${lowOf(view, k)}" clause`);
        }
  // conditional or irrealis clauses up the tree
  let x = v;
  for (let guard = 0; guard < 12 && x >= 0; guard++) {
    for (const c of kidsOf(view, x)) {
      if (dep0(tokens[c]) !== 'mark') continue;
      if (S.get('conditional')!.has(lowOf(view, c))) {
        st.hypothetical = true;
        st.why.push(`conditional "${lowOf(view, c)}"`);
      }
    }
    const d = dep0(tokens[x]);
    const h = tokens[x].head ?? -1;
    if (h < 0) break;
    if (d === 'xcomp' || d === 'ccomp') {
      const hl = lemOf(view, h);
      // an attempt at force or repression is itself coded (CAMEO 185 "attempt to assassinate"; attacks)
      const attempt = (hl === 'try' || hl === 'attempt') && Number(code.slice(0, 2)) >= 17;
      // "is set to visit", "is expected to meet": scheduled, a future act (a passive or adjectival
      // head with "be"; "expects to win" stays a hope)
      const sched =
        d === 'xcomp' &&
        (S.get('schedule')?.has(lowOf(view, h)) ?? false) &&
        tokens[h].tag !== 'VBZ' &&
        tokens[h].tag !== 'VBD' &&
        kidsOf(view, h).some((k) => lemOf(view, k) === 'be');
      if (sched) {
        st.future = true;
        st.why.push(`scheduled "${tokens[h].text}"`);
      } else if (S.get('irrealis')!.has(hl) && !attempt) {
        st.hypothetical = true;
        st.why.push(`under "${tokens[h].text}"`);
      }
      if (hl === 'fail') {
        st.negated = true;
        st.why.push('failed to');
      }
      // "have yet to sign", "is yet to meet": not (yet) done
      if (
        d === 'xcomp' &&
        (hl === 'have' || hl === 'be') &&
        kidsOf(view, h).some((k) => lowOf(view, k) === 'yet' && dep0(tokens[k]) === 'advmod')
      ) {
        st.negated = true;
        st.why.push('yet to');
      }
      if (S.get('aspect')!.has(hl) && x === v) {
        // "keep talking": the aspect verb's own auxiliaries decide
        const up = statusOf(ctx, view, h, -1);
        st.future ||= up.future;
        st.hypothetical ||= up.hypothetical;
        st.negated ||= up.negated;
      }
    }
    if (d !== 'advcl' && d !== 'xcomp' && d !== 'conj' && d !== 'ccomp') break;
    x = h;
  }
  if (purpose) {
    st.purpose = !st.hypothetical && !st.negated && !st.future;
    st.hypothetical = true;
    st.why.push('purpose clause');
  }
  return st;
}

/** Whether token `x` is inside an infinitival purpose clause or infinitival noun modifier ("to finance ..."). */
function inPurposeClause(view: SentenceView, x: number): boolean {
  const tokens = view.tokens;
  for (let y = x, guard = 0; y >= view.s0 && y < view.s1 && guard < 8; guard++) {
    const d = tokens[y].dep ?? '';
    const base = dep0(tokens[y]);
    if ((base === 'advcl' || d === 'acl') && tokens[y].pos === 'VERB')
      if (kidsOf(view, y).some((k) => dep0(tokens[k]) === 'mark' && lowOf(view, k) === 'to' && k < y)) return true;
    if (base === 'ccomp' || base === 'parataxis' || base === 'root' || base === 'acl' || base === 'csubj') return false;
    const h = tokens[y].head ?? -1;
    if (h < 0) return false;
    y = h;
  }
  return false;
}

/** Verbs whose subject is an event that happens ("the exchange took place", "the truce held"). */
const OCCUR = new Set(['happen', 'occur', 'come', 'follow', 'begin', 'start', 'hold', 'last', 'proceed', 'continue']);
const OCCUR_OBJ = new Set(['place', 'effect']);

/** Whether noun `n` is the subject of a verb of occurring (and names the event, not its actor). */
function occurrenceVerb(view: SentenceView, n: number): boolean {
  const tokens = view.tokens;
  const h = tokens[n].head ?? -1;
  if (h < view.s0 || h >= view.s1 || tokens[n].dep !== 'nsubj' || tokens[h].pos !== 'VERB') return false;
  const l = lemOf(view, h);
  const obj = kidsOf(view, h).find((k) => dep0(tokens[k]) === 'obj');
  if (l === 'take') return obj !== undefined && OCCUR_OBJ.has(lemOf(view, obj));
  return OCCUR.has(l) && obj === undefined;
}

/** A noun's governing light verb ("held talks", "slapped sanctions"), or -1. */
function lightVerbOf(ctx: CodeContext, view: SentenceView, n: number): number {
  const tokens = view.tokens;
  const light = ctx.ont.status.get('light')!;
  const h = tokens[n].head ?? -1;
  if (h < view.s0 || h >= view.s1) return -1;
  const d = dep0(tokens[n]);
  if ((d === 'obj' || tokens[n].dep === 'nsubj:pass') && light.has(lemOf(view, h))) return h;
  // "went on strike"
  if (d === 'obl' && ['go', 'remain', 'stay', 'be'].includes(lemOf(view, h))) return h;
  // "the release of the hostages came after ...", "a prisoner exchange took place", "the truce held"
  if (occurrenceVerb(view, n)) return h;
  // an object the parse attached as an oblique ("carried out several attacks")
  if (
    d === 'obl' &&
    light.has(lemOf(view, h)) &&
    !kidsOf(view, n).some((k) => dep0(tokens[k]) === 'case') &&
    kidsOf(view, h).some((k) => tokens[k].dep === 'compound:prt')
  )
    return h;
  // a participle between the verb and its object ("slapped sweeping sanctions")
  if (d === 'obj' && tokens[h].tag === 'VBG' && (tokens[h].head ?? -1) >= 0 && light.has(lemOf(view, tokens[h].head!)))
    return tokens[h].head!;
  // linear: a light verb right before the noun phrase
  for (let j = n - 1, k = 0; j >= view.s0 && k < 4; j--, k++) {
    const t = tokens[j];
    if (t.pos === 'VERB' || t.pos === 'AUX') return light.has(lemOf(view, j)) && t.pos === 'VERB' ? j : -1;
    // the particle of a phrasal light verb ("carried out", "stepped up")
    if (t.dep === 'compound:prt') continue;
    if (t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'NUM' && t.pos !== 'ADV' && t.tag !== 'VBG') return -1;
  }
  return -1;
}

function codeMatch(
  ctx: CodeContext,
  view: SentenceView,
  m: Match,
  matches: Map<number, Match[]>,
  actorOf: ActorOf,
  suppressed: Set<number>,
): Coded | string {
  const { doc, ont } = ctx;
  const tokens = view.tokens;
  const e = m.entry;
  if (e.flags.comp) return 'only coded inside a complement';
  const a = m.anchor;
  const why: string[] = [];
  let sources: Party[] = [];
  let targets: Party[] = [];
  let light = -1;
  let subjToken = -1;
  let passive = false;
  const noun = e.anchorPos === 'noun';

  // sources
  for (const s of m.sources) sources.push(...actorsOfPhrase(doc, view, s, actorOf));
  if (noun) {
    if (!sources.length)
      for (const c of kidsOf(view, a)) {
        const d = tokens[c].dep ?? '';
        if (
          d === 'nmod:poss' ||
          d === 'compound' ||
          d === 'amod' ||
          (dep0(tokens[c]) === 'nmod' && kidsOf(view, c).some((x) => AGENT_PREPS.has(lowOf(view, x))))
        ) {
          if (m.targets.includes(c)) continue;
          const ps = actorsOfPhrase(doc, view, c, actorOf);
          if (ps.length) {
            sources = ps;
            why.push('source: possessor or modifier');
            break;
          }
          if (
            d === 'compound' &&
            MULTILATERAL.has(lemOf(view, c)) &&
            kidsOf(view, c).some((x) => tokens[x].pos === 'NUM')
          ) {
            const s = Math.min(c, ...kidsOf(view, c));
            sources = [{ actor: null, mention: null, name: doc.text.slice(tokens[s].start, tokens[c].end) }];
            why.push('multilateral source');
          }
        }
      }
    light = lightVerbOf(ctx, view, a);
    // (the subject of a verb of occurring is the event itself)
    if (!sources.length && light >= 0 && !occurrenceVerb(view, a)) {
      const sj = subjectOf(doc, view, light, actorOf);
      sources = sj.parties;
      subjToken = sj.token;
      if (sources.length) why.push(`source: subject of "${tokens[light].text}"`);
    }
  } else {
    const sj = subjectOf(doc, view, a, actorOf);
    subjToken = sj.token;
    passive = sj.passive;
    if (!sources.length) sources = sj.parties;
    if (m.subject >= 0 && !sources.length) {
      // "the talks broke down": the participants of the talks
      for (const c of kidsOf(view, m.subject)) {
        if (NOUN_TARGET_PREPS.has(lowOf(view, kidsOf(view, c)[0] ?? -1)) || tokens[c].dep === 'nmod:poss')
          targets.push(...actorsOfPhrase(doc, view, c, actorOf));
      }
    }
  }

  // "Iraq received aid from the United States": the subject is the target, the giver the source
  if (e.flags.recv && !noun && !passive) {
    targets = subjectOf(doc, view, a, actorOf).parties;
    if (!targets.length && subjToken >= 0) {
      const ph = phraseParty(doc, view, subjToken, true);
      if (ph) targets = [ph];
    }
    sources = [];
    for (const s of m.sources) sources.push(...actorsOfPhrase(doc, view, s, actorOf));
    if (!sources.length) {
      sources = [{ actor: null, mention: null }];
      why.push('source: unknown (not named)');
    }
    if (!targets.length) return 'no receiver';
  }
  // targets
  for (const t of m.targets) targets.push(...actorsOfPhrase(doc, view, t, actorOf));
  if (!targets.length && !m.targets.length) {
    if (!noun && passive)
      for (const c of kidsOf(view, a))
        if (tokens[c].dep === 'nsubj:pass' && c !== m.subject) {
          targets = actorsOfPhrase(doc, view, c, actorOf);
          if (!targets.length && !sources.length) {
            const ph = phraseParty(doc, view, c, true);
            if (ph) targets = [ph];
          }
        }
    // "the talks collapsed": the event noun's own arguments name its parties, nothing else does
    if (!targets.length && m.subject < 0)
      targets = searchTarget(
        doc,
        view,
        a,
        m.words,
        noun,
        subjToken,
        actorOf,
        sources,
        FROM_ROOTS.has(e.code.slice(0, 2)),
        FOR_ROOTS.has(e.code.slice(0, 2)),
      );
  }
  // "went on hunger strike to demand the resignation of the president": whom the purpose names
  if (!targets.length && !m.targets.length && e.code.startsWith('14'))
    targets = purposeTarget(doc, view, light >= 0 ? light : a, sources, actorOf);
  // "threatened to stop the talks if the United States goes ahead": whom the condition names
  if (!targets.length && !m.targets.length && e.code.startsWith('13'))
    targets = conditionSubject(doc, view, a, sources, actorOf);
  // "talks between X and Y": the participants are the targets
  if (e.flags.sym && !sources.length && targets.length >= 2) {
    sources = targets.slice();
  }
  // "clashes between rival gangs": one plural group on both sides
  const plural = (j: number) => tokens[j].tag === 'NNS' || tokens[j].tag === 'NNPS';
  if (
    e.flags.sym &&
    noun &&
    !sources.length &&
    targets.length === 1 &&
    m.targets.length === 1 &&
    plural(m.targets[0]) &&
    m.words.some((w) => lowOf(view, w) === 'between')
  )
    sources = targets.slice();

  // status
  const statusAt = light >= 0 ? light : a;
  const st = statusOf(ctx, view, statusAt, subjToken, e.code);
  if (noun && negatedAt(ctx, view, a)) {
    st.negated = true;
    st.why.push('negated noun');
  }
  why.push(...st.why);
  let code = e.code;
  if (e.flags.negOnly && !st.negated) return 'needs a negation';
  // a verb that reports what was said ("..., a rights group protested", "protested that ...")
  const reports = (k: number) => {
    const d = dep0(tokens[k]);
    if (d === 'ccomp' || d === 'parataxis') return true;
    // fronted content the parse took for an adverbial clause ("X is failing ..., a group protested")
    const kk = kidsOf(view, k);
    return (
      d === 'advcl' &&
      k < a &&
      kk.some((x) => dep0(tokens[x]) === 'nsubj') &&
      !kk.some((x) => dep0(tokens[x]) === 'mark')
    );
  };
  if (e.flags.say && !noun && kidsOf(view, a).some(reports)) {
    code = e.flags.say;
    why.push(`reports content -> ${code}`);
  }
  let negCoded = false;
  if (st.negated && e.flags.neg) {
    code = e.flags.neg;
    st.negated = false;
    negCoded = true;
    why.push(`negated -> ${code}`);
  }

  // complements
  if (e.flags.compose || e.flags.accuse) {
    let clause = m.clause;
    if (clause < 0) {
      // "pledged to keep talking", "refused to meet": the complement by the parse
      const head = light >= 0 ? light : a;
      for (const k of kidsOf(view, head)) {
        const d = dep0(tokens[k]);
        // (a "that" clause the parse hangs as an adverbial is still the complement)
        const that =
          d === 'advcl' && kidsOf(view, k).some((x) => lowOf(view, x) === 'that' && dep0(tokens[x]) === 'mark');
        if ((d === 'xcomp' || d === 'ccomp' || that) && k > head) {
          clause = k;
          break;
        }
      }
    }
    const inside = clause >= 0 ? subtree(view, clause) : new Set<number>();
    if (e.flags.accuse) {
      let culprit: Party[] = [];
      const j = blameIn(ctx, view, inside, matches);
      if (j >= 0) {
        culprit = subjectOf(doc, view, j, actorOf).parties.filter((p) => !sources.some((s) => sameActor(s, p)));
        why.push(`blame: "${tokens[j].text}"`);
      }
      if (!culprit.length) return 'no blameworthy act of another actor in the statement';
      targets = culprit;
      for (const j of inside) suppressed.add(j);
    } else if (e.flags.compose) {
      if (
        e.flags.compose === 'demand' &&
        m.words.some((w) => lowOf(view, w) === 'that') &&
        blameIn(ctx, view, inside, matches) >= 0
      )
        return 'a statement of blame, not a demand';
      let act = complementAct(ctx, view, clause, inside, matches);
      // "agreed not to deploy troops": a negated act is not what is promised, demanded or threatened
      if (act && act.entry.anchorPos !== 'noun' && negatedAt(ctx, view, act.anchor)) {
        why.push(`negated act "${tokens[act.anchor].text}"`);
        act = null;
      }
      let composed: string | null = null;
      if (act) {
        composed = composeCode(e.flags.compose, act.entry.code, ont);
        if (!composed && e.flags.compose !== 'threaten' && act.entry.code.slice(0, 2) === e.code.slice(0, 2))
          composed = act.entry.code;
        // "vowed to crush the rebellion", "ready to fight": a stated intent to use force or coercion is a
        // threat (CAMEO 13), not an intent to cooperate
        if (!composed && e.flags.compose === 'intent' && !e.flags.sym && !e.flags.weak && act.entry.code >= '14')
          composed = composeCode('threaten', act.entry.code, ont);
        if (!composed) act = null;
      }
      if (act && composed && e.flags.compose === 'threaten' && e.flags.weak) {
        // "warned that it would retaliate" is a threat; "warned that fighting could spread" is not
        const who = subjectOf(doc, view, act.anchor, actorOf).parties;
        if (!who.length || !sameParties(who, sources)) return "a warning about an act that is not the speaker's";
      }
      if (act && composed) {
        code = composed;
        why.push(`act "${tokens[act.anchor].text}" ${act.entry.code} -> ${code}`);
        // the act's own target (or, for requests, its subject) becomes the target
        if (!m.targets.length) {
          const actTargets: Party[] = [];
          for (const t of act.targets) actTargets.push(...actorsOfPhrase(doc, view, t, actorOf));
          if (!actTargets.length)
            actTargets.push(
              ...searchTarget(doc, view, act.anchor, act.words, act.entry.anchorPos === 'noun', -1, actorOf, sources),
            );
          let actSubj = subjectOf(doc, view, act.anchor, actorOf);
          // a nominal act ("match the EU's support"): the subject of the complement clause
          if (!actSubj.parties.length && act.entry.anchorPos === 'noun' && clause >= 0 && clause !== act.anchor)
            actSubj = subjectOf(doc, view, clause, actorOf);
          const subjIsOther = actSubj.parties.length && !sameParties(actSubj.parties, sources);
          if ((e.flags.compose === 'demand' || e.flags.compose === 'appeal') && subjIsOther) targets = actSubj.parties;
          else if (actTargets.length) targets = actTargets;
        }
        if (act.entry.flags.sym) m = { ...m, entry: { ...e, flags: { ...e.flags, sym: true } } };
      } else {
        if (e.flags.weak) return 'no act in the complement';
        if (clause >= 0 && e.flags.compose === 'demand' && m.words.some((w) => lowOf(view, w) === 'that')) {
          // "insisted that X ..." without a codable act: only a subjunctive or modal makes it a demand
          const subjunctive =
            tokens[clause].tag === 'VB' ||
            kidsOf(view, clause).some((c) => ['must', 'should'].includes(lowOf(view, c)));
          if (!subjunctive) return 'statement without a demand';
        }
        if (clause >= 0 && !m.targets.length) {
          // "demanded that the United States match ...": whom the demand is made of
          const sj = subjectOf(doc, view, clause, actorOf);
          if (sj.parties.length && !sameParties(sj.parties, sources) && (!targets.length || sj.token >= 0))
            targets = sj.parties;
        }
        // "refused to respond to a demand from the US": the complement's own target
        if (clause >= 0 && !m.targets.length && !targets.length && tokens[clause].pos === 'VERB')
          targets = searchTarget(doc, view, clause, [], false, -1, actorOf, sources);
      }
      for (const j of inside) suppressed.add(j);
    }
  }

  // "denied that its troops had attacked", "denied reports that its troops attacked": the act did not happen
  if (e.flags.denies) {
    const head = light >= 0 ? light : a;
    for (const k of kidsOf(view, head)) {
      const d = dep0(tokens[k]);
      if (k < head) continue;
      // (a clause, or a gerund: "denied killing civilians")
      if (
        d === 'ccomp' ||
        (d === 'xcomp' && tokens[k].tag === 'VBG') ||
        (d === 'advcl' && kidsOf(view, k).some((x) => lowOf(view, x) === 'that'))
      ) {
        for (const j of subtree(view, k)) suppressed.add(j);
      } else if (d === 'obj' && CLAIM_NOUNS.has(lemOf(view, k))) {
        for (const c of kidsOf(view, k))
          if (c > k && ['acl', 'appos', 'ccomp', 'nmod'].includes(dep0(tokens[c])))
            for (const j of subtree(view, c)) suppressed.add(j);
      }
    }
  }

  // future: intent codes where CAMEO has them
  let future = false;
  // the coded clause, read when returned (code, sources and targets may have changed by then)
  const reciprocal = reciprocalObject(view, light >= 0 ? light : a);
  if (reciprocal && sources.length >= 2) {
    // (the others are the targets, not a party a search found elsewhere: "criticized one another over the refugees")
    targets = [];
    why.push('reciprocal object');
  }
  const coded = (negated: boolean, hypothetical: boolean, fut: boolean, purpose?: boolean) => ({
    match: m,
    ...(reciprocal ? { reciprocal } : {}),
    code,
    sources,
    targets,
    ...(purpose === undefined ? {} : { purpose }),
    negated,
    hypothetical,
    future: fut,
    light,
    subj: subjToken,
    passive,
    why,
  });
  // "will withdraw its force unless ...": a conditional promise of action is a threat
  const conditional = st.why.some((w) => w.startsWith('conditional'));
  if (st.future && !st.negated && !negCoded && conditional && Number(code.slice(0, 2)) >= 4) {
    code = composeCode('threaten', code, ont) ?? '130';
    why.push(`conditional future -> ${code}`);
    return coded(false, false, true);
  }
  // "will not lift the ban", "says it won't accept refugees": a refusal (CAMEO 12x) stated now
  if (st.future && st.negated && !e.flags.compose && !e.flags.neg) {
    const root = Number(code.slice(0, 2));
    const refusal = root >= 3 && root <= 8 ? composeCode('reject', code, ont) : null;
    if (refusal) {
      why.push(`refusal: negated future -> ${refusal}`);
      code = refusal;
      return coded(false, false, true);
    }
  }
  if (st.future && !st.negated && !negCoded) {
    const f = e.flags.fut ?? futureCode(code, ont);
    if (f) {
      why.push(`future -> ${f}`);
      code = f;
      future = true;
    } else st.hypothetical = true;
  }
  return coded(st.negated, st.hypothetical && !future, future, st.purpose);
}

/** Whether verb `v` has "each other" or "one another" as its object or prepositional argument. */
function reciprocalObject(view: SentenceView, v: number): boolean {
  const tokens = view.tokens;
  for (const k of kidsOf(view, v)) {
    const d = dep0(tokens[k]);
    if (d !== 'obj' && d !== 'obl' && d !== 'iobj') continue;
    // (the pair as one word: "each" with "other" fixed to it)
    const w = lowOf(view, k);
    const prev = k - 1 >= view.s0 ? lowOf(view, k - 1) : '';
    const next = k + 1 < view.s1 ? lowOf(view, k + 1) : '';
    if ((w === 'other' && prev === 'each') || (w === 'another' && prev === 'one')) return true;
    if ((w === 'each' && next === 'other') || (w === 'one' && next === 'another')) return true;
  }
  return false;
}

/** The target of a purpose clause ("... to demand the resignation of X") attached to `h`. */
function purposeTarget(doc: Doc, view: SentenceView, h: number, sources: readonly Party[], actorOf: ActorOf): Party[] {
  const tokens = view.tokens;
  for (const c of kidsOf(view, h)) {
    const d = dep0(tokens[c]);
    if ((d !== 'advcl' && d !== 'xcomp') || tokens[c].pos !== 'VERB') continue;
    if (!kidsOf(view, c).some((k) => lowOf(view, k) === 'to' && dep0(tokens[k]) === 'mark')) continue;
    const ps = searchTarget(doc, view, c, [], false, -1, actorOf, sources).filter(
      (p) => !sources.some((s) => sameActor(s, p)),
    );
    if (ps.length) return ps;
  }
  return [];
}

const CONDITION_MARKS = new Set(['if', 'unless']);

/** The subject of a condition attached to `a` or to its complement ("... if X does Y"), not the source. */
function conditionSubject(
  doc: Doc,
  view: SentenceView,
  a: number,
  sources: readonly Party[],
  actorOf: ActorOf,
): Party[] {
  const tokens = view.tokens;
  const heads = [a, ...kidsOf(view, a).filter((k) => dep0(tokens[k]) === 'xcomp')];
  for (const h of heads)
    for (const c of kidsOf(view, h)) {
      if (dep0(tokens[c]) !== 'advcl') continue;
      if (!kidsOf(view, c).some((k) => dep0(tokens[k]) === 'mark' && CONDITION_MARKS.has(lowOf(view, k)))) continue;
      const sj = subjectOf(doc, view, c, actorOf);
      const ps = sj.parties.filter((p) => !sources.some((s) => sameActor(s, p)));
      if (ps.length) return ps;
    }
  return [];
}

/** The first blameworthy act in a statement's content (a blame verb or a conflictual match), or -1. */
function blameIn(
  ctx: CodeContext,
  view: SentenceView,
  inside: ReadonlySet<number>,
  matches: Map<number, Match[]>,
): number {
  const blame = ctx.ont.status.get('blame')!;
  for (const j of [...inside].sort((x, y) => x - y)) {
    const t = view.tokens[j];
    if (t.pos !== 'VERB') continue;
    const m = matches.get(j)?.[0];
    if (blame.has(lemOf(view, j)) || (m && m.entry.code >= '11' && !m.entry.flags.compose && !m.entry.flags.comp))
      return j;
  }
  return -1;
}

function futureCode(code: string, ont: Ontology): string | null {
  const root = Number(code.slice(0, 2));
  if (root >= 4 && root <= 8) return composeCode('intent', code, ont);
  if (root >= 14) return composeCode('threaten', code, ont);
  return null;
}

function sameParties(a: Party[], b: Party[]): boolean {
  if (!a.length || !b.length) return false;
  const ids = new Set(b.map((p) => p.actor?.id ?? p.name));
  return a.every((p) => ids.has(p.actor?.id ?? p.name));
}

const ASPECT_DEPS = new Set(['xcomp', 'ccomp', 'advcl', 'obj', 'conj']);

/** The codable act in a complement: the clause head, through aspect verbs, then its clauses. */
function complementAct(
  ctx: CodeContext,
  view: SentenceView,
  clause: number,
  inside: ReadonlySet<number>,
  matches: Map<number, Match[]>,
): Match | null {
  if (clause < 0) return null;
  const aspect = ctx.ont.status.get('aspect')!;
  const queue = [clause];
  const seen = new Set<number>();
  while (queue.length) {
    const x = queue.shift()!;
    if (seen.has(x)) continue;
    seen.add(x);
    const ms = matches.get(x);
    if (ms?.length) return ms[0];
    for (const c of kidsOf(view, x)) {
      if (!inside.has(c)) continue;
      const d = dep0(view.tokens[c]);
      if (ASPECT_DEPS.has(d) || (aspect.has(lemOf(view, x)) && d === 'xcomp') || d === 'obl' || d === 'nmod')
        queue.push(c);
    }
  }
  // any match inside, nearest to the clause head
  let best: Match | null = null;
  for (const j of inside) {
    const ms = matches.get(j);
    if (ms?.length && (!best || Math.abs(j - clause) < Math.abs(best.anchor - clause))) best = ms[0];
  }
  return best;
}

/** Turn one coded match into directed events (symmetric, coordinated, bounded). */
function expand(
  ctx: CodeContext,
  view: SentenceView,
  c: Coded,
  si: number,
  all: readonly Coded[],
  anon = false,
): RawEvent[] {
  const tokens = view.tokens;
  const e = c.match.entry;
  const a = c.match.anchor;
  let sources = c.sources;
  let targets = c.targets.filter((t) => !sources.some((s) => s.actor && t.actor && s.actor.id === t.actor.id));
  const sym = e.flags.sym;
  const noun = e.anchorPos === 'noun' || c.match.subject >= 0;

  // definite "the talks" with too few participants: the participants of the last meeting
  if (sym && noun && sources.length + targets.length < 2) {
    const head = c.match.subject >= 0 ? c.match.subject : a;
    const indefinite = kidsOf(view, head).some((k) => ['a', 'an', 'another', 'any'].includes(lowOf(view, k)));
    if (!indefinite) {
      const prev = anaphor(ctx.previous, si, c.code.slice(0, 2));
      if (prev.length) {
        const have = new Set([...sources, ...targets].map((p) => p.actor?.country ?? p.actor?.id));
        const extra = prev.filter((p) => !have.has(p.actor?.country ?? p.actor?.id));
        if (!sources.length) sources = extra;
        else targets = targets.concat(extra);
        c.why.push('participants from an earlier meeting');
      }
    }
  }
  // a participle clause with no target of its own takes its governing event's ("..., banning all imports")
  let parent: Coded | null = null;
  const at0 = c.light >= 0 ? c.light : a;
  if (!noun && (tokens[at0].tag === 'VBG' || tokens[at0].tag === 'VBN') && dep0(tokens[at0]) === 'advcl') {
    let h = tokens[at0].head ?? -1;
    for (let k = 0; k < 3 && h >= 0 && !parent; k++) {
      parent = all.find((x) => x !== c && x.match.anchor === h && x.targets.length > 0) ?? null;
      if (!['advcl', 'conj', 'xcomp'].includes(dep0(tokens[h]))) break;
      h = tokens[h].head ?? -1;
    }
    if (parent && !targets.length && !e.flags.solo && !sym) targets = parent.targets;
    else if (targets.length) parent = null;
  }
  if (!sources.length && !e.flags.compose && c.match.subject >= 0 && (c.subj < 0 || c.subj === c.match.subject)) {
    // "the talks collapsed", "clashes erupted": the subject is the event itself, whose parties the
    // sentence does not name
    sources = [{ actor: null, mention: null }];
    c.why.push('source: unknown (the event noun is the subject)');
  }
  // an event noun as the subject of a verb of occurring ("the release of the hostages came after
  // talks", "a prisoner exchange took place"): the event happened, its actor is not named
  const occurs = e.anchorPos === 'noun' && c.light >= 0 && occurrenceVerb(view, a);
  if (!sources.length && occurs && !e.flags.compose) {
    sources = [{ actor: null, mention: null }];
    c.why.push(`source: unknown (the event is the subject of "${tokens[c.light].text}")`);
  }
  // a participant the actors layer does not resolve ("a car bomb", "gunmen"): named by its phrase;
  // for a promise, appeal or demand only a proper name ("Kagame urged Kenya to ...")
  if (!sources.length && (!e.flags.compose || (c.subj >= 0 && tokens[c.subj].pos === 'PROPN'))) {
    const ph = c.subj >= 0 ? phraseParty(ctx.doc, view, c.subj, true) : null;
    if (ph) {
      sources = [ph];
      c.why.push(`source: unresolved "${ph.name}"`);
    }
  }
  // "six people were killed": a passive without its agent has an unknown source
  const gradable = kidsOf(view, a).some((k) => DEGREE.has(lowOf(view, k)));
  if (!sources.length && c.passive && targets.length && !sym && !e.flags.compose && !gradable) {
    sources = [{ actor: null, mention: null }];
    c.why.push('source: unknown (passive without agent)');
  }
  // (an event noun whose actor the sentence does not name, coded when nothing else happened)
  if (!sources.length && anon) {
    // (with no participant at all, only an event CAMEO codes with a source alone)
    if (!targets.length && !e.flags.solo && !sym) return [];
    sources = [{ actor: null, mention: null }];
  }
  if (!sources.length) return [];
  const at = c.light >= 0 ? c.light : a;
  let place = placeOf(ctx, view, at, a);
  // a place as the object of a physical act ("rebels seized Aleppo", "shelled Donetsk"): the
  // act's target, named by the place's country (as a CAMEO city dictionary would)
  if (!sym && !targets.length && PLACE_TARGET_ROOTS.has(e.code.slice(0, 2))) {
    const obj = kidsOf(view, a).find((k) => tokens[k].dep === 'obj');
    const pl = obj === undefined ? null : placeAtToken(ctx.doc, tokens[obj]);
    if (pl?.country) {
      targets = [
        {
          actor: null,
          mention: null,
          name: ctx.doc.text.slice(pl.start, pl.end),
          code: pl.country,
          span: { start: pl.start, end: pl.end },
        },
      ];
      c.why.push(`target: the place "${targets[0].name}" (the object)`);
      // and where it happened, unless the clause says otherwise
      place ??= pl;
    }
  }
  if (!sym && place) {
    const pt = placeTarget(ctx, view, at, place, sources, targets, e.code);
    if (pt) {
      targets = [pt];
      c.why.push(`target: the place "${pt.name}"`);
    }
  }
  // the other side of a meeting named by a phrase the actors layer does not resolve ("met her Somali
  // counterpart", "talked with tribal elders")
  const otherSide = [
    ...c.match.targets,
    ...(sources.length === 1 && sources[0].actor
      ? kidsOf(view, a).filter(
          (k) =>
            !c.match.words.includes(k) &&
            tokens[k].pos === 'NOUN' &&
            ((tokens[k].dep === 'obj' && e.elements.some((x) => x.kind === 'target')) ||
              (dep0(tokens[k]) === 'obl' && kidsOf(view, k).some((x) => lowOf(view, x) === 'with'))),
        )
      : []),
  ];
  // (not a side already among the sources: "clashes between police and protesters")
  const covered = (t: number) =>
    sources.some((p) => {
      const m = p.mention;
      const x = tokens[t].start;
      return (
        (!!m && ((m.start <= x && x < m.end) || (!!m.extent && m.extent.start <= x && x < m.extent.end))) ||
        (!!p.span && p.span.start <= x && x < p.span.end)
      );
    });
  if (!targets.length && sym && !e.flags.solo)
    for (const t of otherSide) {
      if (covered(t)) continue;
      const ph = phraseParty(ctx.doc, view, t);
      if (ph && !sources.some((s) => s.name === ph.name)) {
        targets = [ph];
        c.why.push(`target: unresolved "${ph.name}"`);
        break;
      }
    }
  // a plural group meeting among itself ("opposition leaders met in Nairobi"): its members are the sides
  const group =
    sources.length === 1 &&
    ((c.subj >= 0 && tokens[c.subj].tag === 'NNS') ||
      (c.subj < 0 &&
        c.match.targets.length === 1 &&
        sameActor(sources[0], c.targets[0] ?? sources[0]) &&
        tokens[c.match.targets[0]].tag === 'NNS'));
  const multilateral = sources.length === 1 && ((!sources[0].actor && !!sources[0].name) || group);
  // CAMEO codes a one-sided event without a target when the text names none; a meeting needs two sides
  if (!targets.length && sym && !e.flags.solo && !(sources.length >= 2 || multilateral || occurs)) return [];

  // pairs
  let pairs: Array<[Party, Party | null]> = [];
  if (sym) {
    const parts = uniqParties([...sources, ...targets]);
    const speakers = c.future || e.flags.compose ? uniqParties(sources) : parts;
    if (parts.length < 2) pairs = parts.map((p) => [p, null] as [Party, null]);
    else if (speakers.length * (parts.length - 1) > MAX_EVENTS_PER_TRIGGER) {
      const group: Party = { actor: null, mention: null, name: `${parts.length} parties` };
      pairs = speakers.map((p) => [p, group] as [Party, Party]);
    } else for (const s of speakers) for (const t of parts) if (t !== s && !sameActor(s, t)) pairs.push([s, t]);
  } else {
    const S = uniqParties(sources);
    let T: Array<Party | null> = targets.length ? uniqParties(targets) : [null];
    // "Iran and Iraq cut diplomatic ties": a relation between the coordinated subjects, each with the
    // others; "Armenia and Azerbaijan accused each other": an act of each on the others
    if ((e.flags.mutual || c.reciprocal) && !targets.length && S.length >= 2 && S.every((p) => p.actor)) {
      T = S;
      c.why.push('mutual: between the coordinated subjects');
    }
    if (S.length * T.length > MAX_EVENTS_PER_TRIGGER && T.length > 1)
      T = [{ actor: null, mention: null, name: `${T.length} parties` }];
    for (const s of S) for (const t of T) if (!t || !sameActor(s, t)) pairs.push([s, t]);
  }
  if (pairs.length > MAX_EVENTS_PER_TRIGGER) pairs = pairs.slice(0, MAX_EVENTS_PER_TRIGGER);

  const trig = triggerSpan(view, c);
  let date = dateOf(ctx, view, at, a, noun, c);
  if (parent && date === ctx.doc.date)
    date = dateOf(
      ctx,
      view,
      parent.light >= 0 ? parent.light : parent.match.anchor,
      parent.match.anchor,
      false,
      parent,
    );
  const confidence =
    Math.round(
      (0.55 + (c.sources.length ? 0.15 : 0) + (c.targets.length ? 0.1 : 0) + Math.min(e.weight, 3) * 0.05) * 100,
    ) / 100;
  return pairs.map(([s, t]) => ({
    sentence: si,
    code: c.code,
    rule: e.id,
    source: s,
    target: t,
    trigger: trig,
    date,
    place,
    negated: c.negated,
    hypothetical: c.hypothetical,
    confidence,
    sym,
  }));
}

/** Degree words that make a participle an adjective ("was more guarded"). */
const DEGREE = new Set([
  'more',
  'most',
  'less',
  'least',
  'very',
  'too',
  'so',
  'quite',
  'rather',
  'increasingly',
  'extremely',
]);

/** Personal pronouns that name people (not "it", which is often a dummy subject). */
const PERSONAL = new Set(['he', 'she', 'they', 'him', 'her', 'them']);

const PHRASE_DEPS = new Set(['det', 'amod', 'compound', 'nmod:poss', 'nummod', 'flat', 'case']);

/** An unresolved participant named by its noun phrase (head noun with its modifiers), or null. */
function phraseParty(doc: Doc, view: SentenceView, h: number, pronoun = false): Party | null {
  const tokens = view.tokens;
  const t = tokens[h];
  // a personal pronoun the actors layer left unresolved ("he was arrested"): the person it names
  if (pronoun && t?.pos === 'PRON' && PERSONAL.has(lowOf(view, h)))
    return { actor: null, mention: null, name: t.text, span: { start: t.start, end: t.end } };
  if (!t || (t.pos !== 'NOUN' && t.pos !== 'PROPN')) return null;
  let lo = h;
  let hi = h;
  const stack = [h];
  for (let n = 0; stack.length && n < 12; n++) {
    const x = stack.pop()!;
    for (const k of kidsOf(view, x)) {
      const d = tokens[k].dep ?? '';
      if (!PHRASE_DEPS.has(d) || (d === 'case' && x === h)) continue;
      if (Math.abs(k - h) > 6) continue;
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
      stack.push(k);
    }
  }
  const start = tokens[lo].start;
  const end = tokens[hi].end;
  return { actor: null, mention: null, name: doc.text.slice(start, end), span: { start, end } };
}

/**
 * The place of a one-sided act as its target, CAMEO-style: when the act names no target and
 * its root takes places ("a curfew in Abidjan"), or when the only target is the source's own
 * people and the place is in another country ("refused to deploy peacekeepers in Iraq").
 * The place must be named in the sentence and not be part of the source's phrase.
 */
function placeTarget(
  ctx: CodeContext,
  view: SentenceView,
  at: number,
  place: Place,
  sources: readonly Party[],
  targets: readonly Party[],
  code: string,
): Party | null {
  if (!place.country) return null;
  const s0 = view.tokens[view.s0].start;
  const s1 = view.tokens[view.s1 - 1].end;
  if (place.start < s0 || place.end > s1) return null;
  if (!inClauseOf(view, place, at)) return null;
  for (const p of sources) {
    const m = p.mention;
    if (m && place.start < (m.extent?.end ?? m.end) && (m.extent?.start ?? m.start) < place.end) return null;
  }
  const root = code.slice(0, 2);
  const party: Party = {
    actor: null,
    mention: null,
    name: ctx.doc.text.slice(place.start, place.end),
    code: place.country,
    span: { start: place.start, end: place.end },
  };
  if (!targets.length) return PLACE_TARGET_ROOTS.has(root) ? party : null;
  if (root === '01' || root === '02') return null;
  const own = new Set(sources.map((p) => p.actor?.country).filter(Boolean));
  const ownCodes = new Set(sources.map((p) => p.actor?.code).filter(Boolean));
  const ownOnly = targets.every(
    (t) => (t.actor?.country && own.has(t.actor.country)) || (t.actor?.code && ownCodes.has(t.actor.code)),
  );
  return ownOnly && !own.has(place.country) ? party : null;
}

/** The place mention holding a token, or null (places are in text order). */
function placeAtToken(doc: Doc, t: Token): Place | null {
  const places = doc.places;
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (places[mid].end <= t.start) lo = mid + 1;
    else hi = mid;
  }
  const p = places[lo];
  return p && p.start <= t.start && t.end <= p.end ? p : null;
}

/** Deps through which a place still belongs to the clause of the act (not a relative clause). */
const CLAUSE_DEPS = new Set(['obl', 'nmod', 'obj', 'xcomp', 'conj', 'flat', 'compound', 'appos', 'iobj', 'advmod']);

/** Is the place's token inside the clause headed by `at` (not in a relative or other clause)? */
function inClauseOf(view: SentenceView, place: Place, at: number): boolean {
  const tokens = view.tokens;
  let x = -1;
  for (let j = view.s0; j < view.s1; j++)
    if (tokens[j].start <= place.start && place.start < tokens[j].end) {
      x = j;
      break;
    }
  for (let guard = 0; x >= 0 && guard < 12; guard++) {
    if (x === at) return true;
    if (!CLAUSE_DEPS.has(dep0(tokens[x])) && tokens[x].dep !== 'acl') return false;
    x = tokens[x].head ?? -1;
  }
  return false;
}

function sameActor(a: Party, b: Party): boolean {
  if (a.actor && b.actor) return a.actor.id === b.actor.id;
  return !a.actor && !b.actor && a.name === b.name;
}

function uniqParties(ps: Party[]): Party[] {
  const seen = new Set<string>();
  const out: Party[] = [];
  for (const p of ps) {
    const k = p.actor?.id ?? `name:${p.name}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

/** Participants of the latest earlier meeting-like event (same root first). */
function anaphor(previous: readonly RawEvent[], si: number, root: string): Party[] {
  const pick = (pred: (e: RawEvent) => boolean): Party[] => {
    for (let i = previous.length - 1; i >= 0; i--) {
      const e = previous[i];
      if (si - e.sentence > ANAPHORA_WINDOW) break;
      if (!pred(e) || !e.target?.actor || e.negated || e.hypothetical) continue;
      return [e.source, e.target];
    }
    return [];
  };
  const same = pick((e) => e.code.startsWith(root) && e.sym);
  return same.length ? same : pick((e) => e.sym && (e.code.startsWith('04') || e.code.startsWith('16')));
}

function triggerSpan(view: SentenceView, c: Coded): { start: number; end: number } {
  const tokens = view.tokens;
  let first = c.match.anchor;
  let last = c.match.anchorEnd;
  if (c.light >= 0 && Math.abs(c.light - first) <= 6) {
    first = Math.min(first, c.light);
    last = Math.max(last, c.light);
  }
  for (const w of c.match.words)
    if (Math.abs(w - c.match.anchor) <= 3 && !['ADP', 'SCONJ', 'PART'].includes(tokens[w].pos ?? '')) {
      first = Math.min(first, w);
      last = Math.max(last, w);
    }
  return { start: tokens[first].start, end: tokens[last].end };
}

const AFTER_MARKS = new Set(['after', 'following', 'when', 'since', 'as']);

/**
 * The date value of a time expression, or null. A month without a year ("in March" is XXXX-03,
 * "on March 5" XXXX-03-05) counts only in an undated document: with a publication date the
 * expression was resolved against it, and one left without a year says nothing more than that
 * date; without one it is all there is, and it keeps the event apart from the document's other,
 * undated events (else "the negotiations in March" and "the talks" of this week merge into one
 * event, with one place).
 */
function timeValue(
  doc: Doc,
  t: { type: string; value: string | null; range?: { begin: string; end: string } | null } | null,
): string | null {
  if (!t) return null;
  if (t.type === 'DURATION') return t.range?.begin ?? null;
  const v = t.value;
  if (!v || v === 'PRESENT_REF' || v === 'FUTURE_REF') return null;
  if (v.startsWith('X')) return doc.date === null && /^XXXX-\d\d/.test(v) ? v : null;
  return v;
}

/** When the event happened: its clause's time, times inside its phrase, an "after ..." clause, else the publication date. */
function dateOf(
  ctx: CodeContext,
  view: SentenceView,
  at: number,
  anchor: number,
  noun: boolean,
  c: Coded,
): string | null {
  const { doc } = ctx;
  if (!doc.times.length) return doc.date;
  const tokens = view.tokens;
  // a nominal event dated inside its own phrase ("its kidnappings ... in the 1970s")
  if (noun) {
    const head = c.match.subject >= 0 ? c.match.subject : anchor;
    const inside = subtree(view, head);
    const v = timeWithin(ctx, view, inside);
    if (v) return v;
    // a verb among the pattern's words ("an agreement reached in February")
    for (const w of c.match.words)
      if (tokens[w].pos === 'VERB') {
        const x = timeValue(doc, timeOfClause(doc, w));
        if (x) return x;
      }
    if (c.match.subject < 0 && c.light < 0) {
      // "its kidnappings of civilians to train spies in the 1970s": a time further on in the same clause
      const w = timeAfter(ctx, view, anchor);
      if (w) return w;
      // else the time of the clause the noun is an argument of
      let h = tokens[anchor].head ?? -1;
      for (let k = 0; k < 4 && h >= 0 && tokens[h].pos !== 'VERB'; k++) h = tokens[h].head ?? -1;
      if (h >= 0 && tokens[h].pos === 'VERB')
        return dateOf(ctx, view, h, h, false, { ...c, match: { ...c.match, words: [] } });
    }
  }
  const v = timeValue(doc, timeOfClause(doc, at));
  if (v) return v;
  // a verb among the pattern's words ("an agreement reached in February")
  for (const w of c.match.words)
    if (tokens[w].pos === 'VERB' && w !== at) {
      const x = timeValue(doc, timeOfClause(doc, w));
      if (x) return x;
    }
  if (doc.times.length && !noun) {
    for (const k of kidsOf(view, at)) {
      if (dep0(tokens[k]) !== 'advcl') continue;
      if (!kidsOf(view, k).some((x) => AFTER_MARKS.has(lowOf(view, x)))) continue;
      const w = timeValue(doc, timeOfClause(doc, k));
      if (w) return w;
    }
    // the subject's reduced relative ("the negotiations, held in Vietnam in March")
    for (const k of kidsOf(view, at))
      if ((tokens[k].dep ?? '').startsWith('nsubj'))
        for (const r of kidsOf(view, k))
          if (tokens[r].dep === 'acl') {
            const w = timeValue(doc, timeOfClause(doc, r));
            if (w) return w;
          }
  }
  return doc.date;
}

function timeAfter(ctx: CodeContext, view: SentenceView, anchor: number): string | null {
  const tokens = view.tokens;
  let end = anchor;
  for (let j = anchor + 1, n = 0; j < view.s1 && n < 14; j++, n++) {
    const t = tokens[j];
    if (FINITE_TAGS.has(t.tag ?? '') || t.tag === 'MD' || t.text === ';' || t.text === ':' || t.pos === 'SCONJ') break;
    end = j;
  }
  if (end === anchor) return null;
  const from = tokens[anchor].end;
  const to = tokens[end].end;
  for (const t of ctx.doc.times)
    if (t.start >= from && t.end <= to) {
      const v = timeValue(ctx.doc, t);
      if (v) return v;
    }
  return null;
}

function timeWithin(ctx: CodeContext, view: SentenceView, inside: ReadonlySet<number>): string | null {
  const { doc } = ctx;
  const s = view.tokens[view.s0].start;
  const e = view.tokens[view.s1 - 1].end;
  for (const t of doc.times) {
    if (t.start < s || t.end > e) continue;
    let inTree = false;
    for (const j of inside) if (view.tokens[j].start <= t.start && t.start < view.tokens[j].end) inTree = true;
    if (!inTree) continue;
    const v = timeValue(doc, t);
    if (v) return v;
  }
  return null;
}

function placeOf(ctx: CodeContext, view: SentenceView, at: number, anchor: number): Place | null {
  const { doc } = ctx;
  if (!doc.places.length) return null;
  // a place attached to the anchor itself ("the meeting in Mongolia", "held in Vietnam")
  const heads = [anchor, ...kidsOf(view, anchor).filter((k) => view.tokens[k].dep === 'acl')];
  for (const h of heads)
    for (const k of kidsOf(view, h)) {
      const d = dep0(view.tokens[k]);
      if (d !== 'nmod' && d !== 'obl') continue;
      const prep = kidsOf(view, k).find((x) => dep0(view.tokens[x]) === 'case');
      if (prep === undefined || !['in', 'at', 'near'].includes(lowOf(view, prep))) continue;
      const p = placeAtToken(doc, view.tokens[k]);
      if (p) return p;
    }
  return placeOfClause(doc, at);
}
