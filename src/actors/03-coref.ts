// Step 3: in-document coreference. Mentions are read in text order and merged into discourse
// entities: knowledge-base identity, name variants (surname after the full name, acronyms),
// definite descriptions ("the envoy", "the two nations"), possessives ("Abe's government"),
// coordinations ("Japan and North Korea" -> a group whose members are known) and pronouns,
// resolved by salience in the manner of Lappin and Leass (1994): each entity's salience
// halves with every sentence and grows with each mention by its grammatical function, with a
// subject bonus and agreement in number, gender and animacy as hard constraints.
import type { ActorKb } from './01-kb.js';
import type { Gram, Mention, MentionKind } from './02-mentions.js';

export interface Entity {
  id: number;
  kind: MentionKind;
  mentions: number[];
  kb: number;
  /** Country entry stated by a phrase (demonym, "of Japan") or inherited from a possessor. */
  country: number;
  countryVia: string;
  /** Organisation entry a description attaches to ("White House spokesman"), or -1. */
  owner: number;
  role: string;
  rolePrefix: string;
  title: string | null;
  heads: Set<string>;
  former: boolean;
  plural: boolean;
  nameKeys: string[][];
  members: number[];
  belongsTo: number;
  salience: number;
  salienceSentence: number;
  gender: 'm' | 'f' | null;
  /** Mention index -> how it was attached (surname, pronoun ...). */
  how: Map<number, string>;
  /** The longest name's content words, joined and as a set (name-variant checks). */
  fullName: string;
  fullSet: Set<string>;
  fullLength: number;
  /** Pronoun decisions, for --explain. */
  notes: Array<{ sentence: number; text: string }>;
  /** Was a speaker ("X said") at some point. */
  speaker: boolean;
  /** A bare name whose kind is not known yet: "he" makes it a person, "it" an organisation. */
  kindOpen: boolean;
}

const WEIGHT: Record<Gram, number> = { subj: 310, obj: 280, obl: 230, other: 200 };
/** Pronoun bonuses: the nearest fitting antecedent of "it" in its sentence; the previous clause's subject. */
const NEAREST_BONUS = 150;
const SUBJECT_BONUS = 50;
/** A plural pronoun's bonus for a coordination (a group of known members) over one of its members. */
const GROUP_BONUS = 10;
/** Entities older than this many sentences are not antecedents of pronouns and descriptions. */
const WINDOW = 4;
const NAME_FILLERS = new Set(['of', 'the', 'and', 'for', "'s", "'", '(', ')', ',', '&']);

export interface CorefInput {
  mentions: Mention[];
  kb: ActorKb;
  /** Paragraph index of each sentence: a new paragraph halves salience once more. */
  paragraphOf: Int32Array;
  /** Is there a clause boundary between two token positions of one sentence? */
  clauseBreak: (from: number, to: number) => boolean;
  /** Surface text of a token range, for notes. */
  text: (t0: number, t1: number) => string;
}

export function resolveCoreference(input: CorefInput): { entities: Entity[]; entityOf: Int32Array } {
  const { mentions, kb } = input;
  const entities: Entity[] = [];
  const entityOf = new Int32Array(mentions.length).fill(-1);
  const byKb = new Map<number, number>();

  const para = input.paragraphOf;
  const distance = (from: number, to: number) =>
    Math.max(0, to - from) + Math.max(0, (para[to] ?? 0) - (para[from] ?? 0));
  const decayed = (e: Entity, s: number) => e.salience * 0.5 ** distance(e.salienceSentence, s);

  // Entities mentioned within the window (antecedents of pronouns and descriptions), pruned as
  // the text advances, and indexes for the lookups that span the whole document: the work per
  // mention stays bounded, so long documents cost linear time.
  let active: Entity[] = [];
  let activeSentence = -1;
  const inActive = new Set<number>();
  const activeAt = (s: number): Entity[] => {
    if (s !== activeSentence) {
      active = active.filter((e) => s - e.salienceSentence <= WINDOW);
      inActive.clear();
      for (const e of active) inActive.add(e.id);
      activeSentence = s;
    }
    return active;
  };
  const byNameKey = new Map<string, Entity[]>();
  const byInitials = new Map<string, Entity[]>();
  const byDescription = new Map<string, Entity>();
  const byMembers = new Map<string, Entity>();
  const byPeople = new Map<number, Entity>();
  const byPossessed = new Map<string, Entity>();
  const MAX_CANDIDATES = 50;
  const addTo = (map: Map<string, Entity[]>, k: string, e: Entity) => {
    const list = map.get(k);
    if (!list) map.set(k, [e]);
    else if (!list.includes(e)) {
      list.push(e);
      // very frequent words name too many entities to be a useful key
      if (list.length > MAX_CANDIDATES) list.shift();
    }
  };

  /** The latest subject or speaker mention read so far (the subject of the previous clause). */
  let lastSubject = { entity: -1, sentence: -1, t0: -1 };

  const create = (m: Mention, kind: MentionKind): Entity => {
    const e: Entity = {
      id: entities.length,
      kind,
      mentions: [],
      kb: -1,
      country: -1,
      countryVia: '',
      owner: -1,
      role: '',
      rolePrefix: '',
      title: null,
      heads: new Set(),
      former: false,
      plural: m.plural,
      nameKeys: [],
      members: [],
      belongsTo: -1,
      salience: 0,
      salienceSentence: m.sentence,
      gender: null,
      how: new Map(),
      fullName: '',
      fullSet: new Set(),
      fullLength: 0,
      notes: [],
      speaker: false,
      kindOpen: false,
    };
    entities.push(e);
    return e;
  };

  const attach = (m: Mention, e: Entity, how: string) => {
    e.mentions.push(m.index);
    e.how.set(m.index, how);
    entityOf[m.index] = e.id;
    e.salience = decayed(e, m.sentence) + WEIGHT[m.gram] * (m.type === 'pronoun' && m.pronoun?.possessive ? 0.5 : 1);
    e.salienceSentence = m.sentence;
    if (m.kb >= 0 && e.kb < 0) {
      e.kb = m.kb;
      byKb.set(m.kb, e.id);
    }
    if (m.country >= 0 && e.country < 0) {
      e.country = m.country;
      e.countryVia = m.countryVia || m.via;
    }
    if (m.owner >= 0 && e.owner < 0) e.owner = m.owner;
    if (m.role && !e.role) e.role = m.role;
    if (m.rolePrefix && !e.rolePrefix) e.rolePrefix = m.rolePrefix;
    if (m.title && !e.title && e.members.length === 0 && e.kind !== 'group') e.title = m.title;
    if (m.head) {
      e.heads.add(m.head);
      if (e.country >= 0 && e.members.length === 0) byDescription.set(`${e.country}|${m.head}|${e.plural}`, e);
    }
    if (m.former) e.former = true;
    if (m.nameKeys.length) {
      e.nameKeys.push(m.nameKeys);
      if (e.kind !== 'country' && e.kind !== 'group') {
        const content = m.nameKeys.filter((k) => !NAME_FILLERS.has(k));
        if (content.length > e.fullLength) {
          e.fullLength = content.length;
          e.fullName = content.join(' ');
          e.fullSet = new Set(content);
        }
        for (const k of content) addTo(byNameKey, k, e);
        if (content.length >= 2) addTo(byInitials, content.map((k) => k[0]).join(''), e);
      }
    }
    if (!inActive.has(e.id)) {
      active.push(e);
      inActive.add(e.id);
    }
    if (m.speaker) e.speaker = true;
    if (!m.inQuote && (m.gram === 'subj' || m.speaker)) lastSubject = { entity: e.id, sentence: m.sentence, t0: m.t0 };
    if (m.pronoun && (m.pronoun.gender === 'm' || m.pronoun.gender === 'f')) e.gender = m.pronoun.gender;
    if (m.gender && !e.gender) e.gender = m.gender;
  };

  const recent = (m: Mention, ok: (e: Entity) => boolean): Entity | null => {
    let best: Entity | null = null;
    let bestScore = 0;
    for (const e of activeAt(m.sentence)) {
      if (e.mentions.length === 0 || m.sentence - e.salienceSentence > WINDOW || !ok(e)) continue;
      const sc = decayed(e, m.sentence);
      if (sc > bestScore) {
        bestScore = sc;
        best = e;
      }
    }
    return best;
  };

  const fullKeys = (e: Entity) => e.nameKeys.reduce((a, k) => (k.length > a.length ? k : a), [] as string[]);

  /** An earlier person or organisation this name is a variant of: surname, first words, acronym. */
  const nameVariantOf = (m: Mention): Entity | null => {
    const keys = m.nameKeys.filter((k) => !NAME_FILLERS.has(k));
    if (keys.length === 0) return null;
    let best: Entity | null = null;
    const candidates = new Set<Entity>();
    for (const k of keys) for (const e of byNameKey.get(k) ?? []) candidates.add(e);
    if (keys.length === 1) for (const e of byInitials.get(keys[0]) ?? []) candidates.add(e);
    const joined = keys.join(' ');
    for (const e of candidates) {
      if (e.kind === 'country' || e.kind === 'group' || e.fullLength === 0) continue;
      let variant = false;
      if (e.fullName === joined) variant = true;
      else if (keys.length < e.fullLength && keys.every((k) => e.fullSet.has(k)) && e.kind !== 'organization')
        variant = true;
      else if (keys.length === 1 && e.fullLength >= 2 && keys[0].length === e.fullLength) {
        let initials = '';
        for (const k of e.fullSet) initials += k[0];
        if (keys[0] === initials) variant = true;
      }
      if (variant && (!best || e.salienceSentence >= best.salienceSentence)) best = e;
    }
    return best;
  };

  // single unknown names: how often each is used, and how often as an actor (subject,
  // speaker, possessor)
  const seen = new Map<string, number>();
  const acting = new Map<string, number>();
  for (const m of mentions) {
    if (m.type !== 'name' || m.kb >= 0 || m.nameKeys.length !== 1 || m.kind !== 'unknown' || m.nerType) continue;
    const k = m.nameKeys[0];
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if (m.gram === 'subj' || m.speaker || m.possessive) acting.set(k, (acting.get(k) ?? 0) + 1);
  }

  // text order; a coordination right after its last member
  const order = mentions.filter((m) => m.via !== 'absorbed').sort((x, y) => key(x) - key(y) || x.index - y.index);
  function key(m: Mention): number {
    if (m.members.length > 0) return mentions[m.members[m.members.length - 1]].t0 + 0.5;
    // "a spokesman for the SFCA": after the organisation it belongs to
    if (m.possessor >= 0 && mentions[m.possessor].t0 > m.t0) return mentions[m.possessor].t0 + 0.25;
    return m.t0;
  }
  for (const m of order) {
    switch (m.type) {
      case 'name': {
        if (m.kb >= 0) {
          const same = byKb.get(m.kb);
          if (same !== undefined) {
            attach(m, entities[same], m.via);
            break;
          }
          // a known surname may also be a variant of a person named earlier in the text
          const variant = m.kind === 'person' ? nameVariantOf(m) : null;
          if (variant && variant.kb < 0) {
            attach(m, variant, 'name variant');
            break;
          }
          attach(m, create(m, m.kind === 'unknown' ? 'organization' : m.kind), m.via);
          break;
        }
        const variant = nameVariantOf(m);
        if (variant) {
          const how =
            m.nameKeys.length === 1 && variant.kind === 'organization'
              ? 'acronym'
              : m.nameKeys.length < fullKeys(variant).length
                ? 'surname'
                : 'name';
          attach(m, variant, how);
          break;
        }
        const kind = unknownNameKind(m, kb);
        if (kind) {
          attach(m, create(m, kind), m.kb >= 0 ? m.via : m.role ? 'titled name' : m.nerType ? 'entity' : 'name');
          break;
        }
        // a single unknown name the text keeps using and that acts ("Airbus announced",
        // "Byron received"): a person or an organisation, the first pronoun decides
        const k = m.nameKeys.length === 1 ? m.nameKeys[0] : '';
        if (k && (acting.get(k) ?? 0) >= 1 && (seen.get(k) ?? 0) >= 2) {
          const e = create(m, 'organization');
          e.kindOpen = true;
          attach(m, e, 'name');
        }
        break;
      }
      case 'people': {
        const same = byPeople.get(m.country);
        if (same) attach(m, same, 'demonym');
        else {
          const e = create(m, 'group');
          byPeople.set(m.country, e);
          attach(m, e, 'demonym');
        }
        break;
      }
      case 'group': {
        const memberIds = [...new Set(m.members.map((i) => entityOf[i]).filter((x) => x >= 0))];
        if (memberIds.length < 2) break;
        const key = memberIds
          .slice()
          .sort((x, y) => x - y)
          .join(',');
        const same = byMembers.get(key);
        const e = same ?? create(m, 'group');
        if (!same) {
          e.members = memberIds;
          byMembers.set(key, e);
        }
        attach(m, e, 'coordination');
        break;
      }
      case 'description':
        resolveDescription(m);
        break;
      case 'pronoun':
        resolvePronoun(m);
        break;
    }
  }

  function resolveDescription(m: Mention): void {
    const possessor = m.possessor >= 0 ? entityOf[m.possessor] : -1;
    // "the two nations", "neither side", "both countries": a group of two known actors
    if ((m.both || m.count >= 2) && (m.headKind === 'country' || m.headKind === 'side')) {
      const wantCountry = m.headKind === 'country';
      const fits = (e: Entity) => !wantCountry || e.kind === 'country';
      const group = recent(
        m,
        (e) => e.members.length === (m.count || 2) && e.members.every((id) => fits(entities[id])),
      );
      if (group) {
        attach(m, group, 'description');
        return;
      }
      const cands = activeAt(m.sentence)
        .filter(
          (e) =>
            e.mentions.length > 0 &&
            e.members.length === 0 &&
            fits(e) &&
            e.kind !== 'group' &&
            m.sentence - e.salienceSentence <= WINDOW,
        )
        .sort((x, y) => decayed(y, m.sentence) - decayed(x, m.sentence))
        .slice(0, m.count || 2);
      if (cands.length === (m.count || 2)) {
        const e = create(m, 'group');
        e.members = cands.map((c) => c.id);
        attach(m, e, 'description');
        return;
      }
      attach(m, create(m, 'group'), 'description');
      return;
    }
    // "Abe's government", "its spies": belongs to the possessor
    if (possessor >= 0) {
      const owner = entities[possessor];
      const same = byPossessed.get(`${possessor}|${m.head}`);
      if (same) {
        attach(m, same, 'possessive');
        return;
      }
      const e = create(m, m.kind === 'unknown' ? 'organization' : m.kind);
      e.belongsTo = possessor;
      byPossessed.set(`${possessor}|${m.head}`, e);
      if (m.country < 0) {
        e.country = owner.kind === 'country' ? owner.kb : owner.country;
        e.countryVia = 'possessor';
      }
      attach(m, e, 'possessive');
      return;
    }
    // same country and head: "Japanese media" again; "the North Korean envoy" after the named one
    if (m.country >= 0) {
      const same = byDescription.get(`${m.country}|${m.head}|${m.plural}`);
      if (same && same.kind === m.kind && (m.definite || same.kind !== 'person')) {
        attach(m, same, 'description');
        return;
      }
      attach(m, create(m, m.kind), m.via);
      return;
    }
    // "the envoy", "the ministry", "the nation": the most salient fitting entity
    if (m.definite && !m.plural) {
      const target = recent(m, (e) => {
        if (m.headKind === 'country') return e.kind === 'country';
        if (e.kind === 'group' || e.plural) return false;
        if ([...e.heads].some((h) => h === m.head)) return true;
        if (m.kind === 'organization' && e.kind === 'organization' && m.role !== '' && e.role === m.role) return true;
        // "the group", "the movement" (no role of their own): the latest organisation
        if (m.kind === 'organization' && e.kind === 'organization' && m.role === '' && m.headKind === 'organization')
          return true;
        return false;
      });
      if (target) {
        attach(m, target, 'description');
        return;
      }
    }
    if (m.definite && m.plural) {
      const target = recent(m, (e) => e.plural && e.kind === 'group' && [...e.heads].some((h) => h === m.head));
      if (target) {
        attach(m, target, 'description');
        return;
      }
    }
    // a bare generic word with no role ("people", "men") is not an actor by itself
    if (!m.role && !m.rolePrefix && m.count === 0) return;
    attach(m, create(m, m.kind), 'description');
  }

  function resolvePronoun(m: Mention): void {
    const p = m.pronoun!;
    const fits = (e: Entity): boolean => {
      if (e.mentions.length === 0) return false;
      const last = mentions[e.mentions[e.mentions.length - 1]];
      if (last.x0 >= m.x0) return false;
      if (m.sentence - e.salienceSentence > WINDOW) return false;
      if (p.animacy === 'person') {
        if ((e.kind !== 'person' && !e.kindOpen) || e.plural) return false;
        if (e.gender && p.gender !== 'x' && e.gender !== p.gender) return false;
        return true;
      }
      if (p.animacy === 'thing') return !e.plural && (e.kind === 'country' || e.kind === 'organization');
      return e.plural || e.kind === 'group';
    };
    const scored: Array<[Entity, number]> = [];
    // "it" (not "its", which takes its clause's subject): the nearest fitting country or
    // organisation before it in its sentence ("sanctions on North Korea after it tested")
    let nearest = -1;
    if (p.animacy === 'thing' && !p.possessive) {
      let nearestT = -1;
      for (const e of activeAt(m.sentence)) {
        if (!fits(e)) continue;
        const last = mentions[e.mentions[e.mentions.length - 1]];
        if (last.sentence === m.sentence && last.t0 > nearestT) {
          nearestT = last.t0;
          nearest = e.id;
        }
      }
    }
    // "he said" after a quotation: the subject or speaker of the clause before, outside quotes
    // ("Mine was more conciliatory. '...,' he said")
    const subject =
      p.animacy !== 'thing' && m.speaker && lastSubject.t0 < m.t0 && m.sentence - lastSubject.sentence <= 1
        ? lastSubject.entity
        : -1;
    for (const e of activeAt(m.sentence)) {
      if (!fits(e)) continue;
      let sc = decayed(e, m.sentence);
      if (e.id === nearest) sc += NEAREST_BONUS;
      if (e.id === subject) sc += SUBJECT_BONUS;
      const last = mentions[e.mentions[e.mentions.length - 1]];
      // parallel function (Lappin and Leass)
      if (m.gram === 'subj' && last.gram === 'subj') sc += 35;
      // the clause the pronoun is in (Hobbs: its own clause is searched first)
      if (last.sentence === m.sentence && !input.clauseBreak(last.x1, m.t0)) sc += 100;
      // topicality: an entity the text keeps returning to (the centre of the discourse)
      sc += 20 * Math.log2(1 + e.mentions.length);
      // "Chinese and Japanese leaders said they ...": the coordination, read right after its
      // last member, over that member alone
      if (p.plural && e.members.length >= 2) sc += GROUP_BONUS;
      scored.push([e, sc]);
    }
    if (scored.length === 0) return;
    scored.sort((x, y) => y[1] - x[1]);
    const [best, score] = scored[0];
    if (score < 20) return;
    const runner = scored[1];
    best.notes.push({
      sentence: m.sentence,
      text: `"${input.text(m.t0, m.t1)}" -> salience ${score.toFixed(0)}${runner ? ` over ${runner[1].toFixed(0)} (entity ${runner[0].id})` : ''}`,
    });
    if (best.kindOpen) {
      best.kind = p.animacy === 'person' ? 'person' : 'organization';
      best.kindOpen = false;
    }
    attach(m, best, 'pronoun');
  }

  return { entities, entityOf };
}

/** Whether an unknown name is an actor by itself, and of what kind. */
function unknownNameKind(m: Mention, kb: ActorKb): MentionKind | null {
  if (m.kind === 'person' || m.kind === 'organization') return m.kind;
  if (m.nerType) {
    if (m.nerType === 'PERSON') return 'person';
    if (m.nerType === 'ORG') return 'organization';
    if (m.nerType === 'NORP') return 'group';
    return null;
  }
  if (m.kb >= 0) return 'person';
  const keys = m.nameKeys;
  // "Southern Fishermen Cooperative Association": a name ending in an institution word
  const last = kb.nounKinds.get(keys[keys.length - 1]);
  if (keys.length >= 2 && (last === 'organization' || last === 'collective')) return 'organization';
  if (keys.length >= 2 && kb.givenNames.has(keys[0])) return 'person';
  if (keys.length >= 2 && keys.length <= 4 && m.speaker) return 'person';
  return null;
}
