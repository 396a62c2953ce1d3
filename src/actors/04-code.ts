// Step 4: CAMEO codes for the entities. A knowledge-base entry is coded at the document date
// the way the actors README prescribes (dated dictionary codes in order, then office-holder
// rows, then the dictionary default); the phrase codes what the knowledge base does not
// ("Japanese envoy" -> JPN + GOV, "former president" -> ELI); context gives a country to
// phrases that name none (the possessor, the nearest compatible actor, the dateline, the
// document's focus country), each with a lower confidence.
import type { ActorKb, DatedCode, KbEntry } from './01-kb.js';
import type { Mention } from './02-mentions.js';
import type { Entity } from './03-coref.js';

export interface CodedEntity {
  code: string | null;
  /** ISO3. */
  country: string | null;
  roles: string[];
  confidence: number;
  /** Why, for --explain. */
  reason: string;
}

/** Does `c` cover `date` (ISO day)? Ranges are inclusive; an open end is unbounded. */
function covers(c: DatedCode, date: string): boolean {
  if (c.from === null && c.to === null) return false;
  return (c.from === null || c.from <= date) && (c.to === null || date <= c.to);
}

const OFFICE_PRIORITY = [
  'head_of_state',
  'head_of_government',
  'effective_leader',
  'foreign_minister',
  'defence_minister',
  'interior_minister',
  'finance_minister',
  'justice_minister',
  'deputy_head_of_government',
  'deputy_head_of_state',
  'minister',
];

export interface KbCode {
  code: string;
  how: 'dated' | 'office' | 'default' | 'latest';
  source: string;
}

/**
 * The code of a knowledge-base entry at `date`: the first dated dictionary code covering the
 * date, else the best office row covering it, else the first undated (default) code. Without
 * a date: the default, else the latest dated code.
 */
export function codeAtDate(entry: KbEntry, date: string | null): KbCode | null {
  const codes = entry.codes;
  if (date) {
    for (const c of codes) if (covers(c, date)) return { code: c.code, how: 'dated', source: c.source };
    let best: DatedCode | null = null;
    let bestRank = Number.MAX_SAFE_INTEGER;
    for (const o of entry.offices) {
      if (!covers(o, date)) continue;
      const r = OFFICE_PRIORITY.indexOf(o.role ?? '');
      const rank = r < 0 ? OFFICE_PRIORITY.length : r;
      if (rank < bestRank) {
        best = o;
        bestRank = rank;
      }
    }
    if (best) return { code: best.code, how: 'office', source: best.source };
  }
  for (const c of codes)
    if (c.from === null && c.to === null) return { code: c.code, how: 'default', source: c.source };
  if (!date) {
    let latest: DatedCode | null = null;
    for (const c of [...codes, ...entry.offices]) if (!latest || (c.from ?? '') > (latest.from ?? '')) latest = c;
    if (latest) return { code: latest.code, how: 'latest', source: latest.source };
  }
  return null;
}

/** Is the entry in a dated code or office at `date`? (bare surnames count only then) */
export function inOfficeAt(entry: KbEntry, date: string | null): boolean {
  if (!date) return false;
  return entry.codes.some((c) => covers(c, date)) || entry.offices.some((o) => covers(o, date));
}

/** Split a code after its country part into 3-letter role groups. */
export function rolesOf(code: string | null, countryCode: string | null): string[] {
  if (!code) return [];
  let rest = code;
  if (countryCode && code.startsWith(countryCode)) rest = code.slice(countryCode.length);
  const out: string[] = [];
  for (let i = 0; i + 3 <= rest.length; i += 3) out.push(rest.slice(i, i + 3));
  return out;
}

export interface CodeContext {
  kb: ActorKb;
  date: string | null;
  mentions: Mention[];
  entities: Entity[];
  /** Country entry of the dateline place, or -1. */
  datelineCountry: number;
  /** The document's most mentioned country entry, or -1. */
  focusCountry: number;
  /** Countries and capitals named as places ("in Baku"), by sentence and token. */
  placeCountries?: ReadonlyArray<{ sentence: number; t: number; country: number }>;
}

const STATE_ROLES = new Set(['GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY', 'ELI']);
/** Heads that speak for the organisation they belong to. */
const SPEAKS_FOR = new Set([
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'leader',
  'official',
  'officials',
  'chief',
  'head',
  'member',
  'members',
  'representative',
  'representatives',
]);
/** Roles that take a country from context when the phrase names none. */
const CONTEXT_ROLES = new Set([
  ...STATE_ROLES,
  'CVL',
  'OPP',
  'REB',
  // people of a trade or school: students, workers, farmers, doctors of the sentence's country
  // ("police arrested three students in Osaka")
  'EDU',
  'LAB',
  'AGR',
  'HLH',
  'INS',
  'SEP',
  'REF',
  'UAF',
  'PTY',
  'CRM',
  'RAD',
  // religious groups of a country ("Islamic fundamentalists" protesting against Algeria's
  // president): country + religion, as the CAMEO actor code convention allows
  'MUS',
  'CHR',
  'JEW',
  'HIN',
  'BUD',
  'REL',
]);
const HEAD_TITLES = /\b(president|prime minister|premier|chancellor|king|queen|emir|minister|secretary)\b/i;

/** The words that gave an entity its role, for explanations. */
function roleSource(e: Entity): string {
  const w = e.title ?? [...e.heads][0];
  return w ? `"${w}"` : 'a number of people';
}

/** Code every entity (groups after their members). */
export function codeEntities(ctx: CodeContext): CodedEntity[] {
  const { kb, entities } = ctx;
  const coded: Array<CodedEntity | null> = new Array(entities.length).fill(null);
  const code = (e: Entity): CodedEntity => {
    const done = coded[e.id];
    if (done) return done;
    const r = e.members.length > 0 ? codeGroup(e) : codeSingle(e);
    coded[e.id] = r;
    return r;
  };

  const codeGroup = (e: Entity): CodedEntity => {
    const parts = e.members.map((id) => code(ctx.entities[id]));
    const codes = new Set(parts.map((p) => p.code));
    const countries = new Set(parts.map((p) => p.country));
    const one = codes.size === 1 ? [...codes][0] : null;
    return {
      code: one,
      country: countries.size === 1 ? [...countries][0] : null,
      roles: one ? parts[0].roles : [],
      confidence: Math.min(...parts.map((p) => p.confidence)),
      reason: `group of ${e.members.length}${one ? ` sharing ${one}` : ' with different codes'}`,
    };
  };

  const countryCode = (idx: number): { cameo: string; iso: string | null } => {
    const c = kb.entries[idx];
    return { cameo: c.cameo ?? '', iso: c.country };
  };

  const codeSingle = (e: Entity): CodedEntity => {
    const textRole = e.former ? 'ELI' : e.role;
    if (e.kb >= 0) {
      const entry = kb.entries[e.kb];
      if (entry.kind === 'country') {
        return {
          code: entry.cameo ?? null,
          country: entry.country,
          roles: [],
          confidence: 0.95,
          reason: `country ${entry.name}`,
        };
      }
      const kc = codeAtDate(entry, ctx.date);
      const entryCountry = entry.country ? kb.countryByIso.get(entry.country) : undefined;
      // the phrase names another country than the entry's ("Ivory Coast's Supreme Court")
      if (
        kc &&
        e.country >= 0 &&
        entryCountry !== undefined &&
        kb.entries[e.country].country !== entry.country &&
        kc.code.startsWith(kb.entries[entryCountry].cameo ?? '???')
      ) {
        const cc = countryCode(e.country);
        const rest = kc.code.slice((kb.entries[entryCountry].cameo ?? '').length);
        return finish(e, cc.cameo + rest, cc.iso, 0.7, `${entry.name}: role of ${kc.code}, country from the phrase`);
      }
      if (kc && (kc.how === 'dated' || kc.how === 'office')) {
        const c = e.former && !kc.code.endsWith('ELI') ? null : kc.code;
        if (c)
          return finish(
            e,
            c,
            entry.country,
            0.95,
            `${entry.name}: ${kc.code} at ${ctx.date} (${kc.how}, ${kc.source})`,
          );
      }
      // not in a dated office at the date: the phrase's title, then the dictionary default
      const home = entryCountry ?? (e.country >= 0 ? e.country : -1);
      if (textRole && home >= 0) {
        const cc = countryCode(home);
        return finish(
          e,
          e.rolePrefix + cc.cameo + textRole,
          cc.iso,
          0.8,
          `${entry.name}: ${e.former ? 'former office holder' : `title "${e.title}"`} in ${cc.cameo}`,
        );
      }
      if (kc)
        return finish(
          e,
          kc.code,
          entry.country,
          kc.how === 'default' ? 0.8 : 0.6,
          `${entry.name}: ${kc.code} (${kc.how}, ${kc.source})`,
        );
      if (home >= 0) {
        const cc = countryCode(home);
        return finish(e, cc.cameo, cc.iso, 0.6, `${entry.name}: country only`);
      }
    }
    // a description of an organisation's member ("White House spokesman", "Hamas leader")
    if (e.owner >= 0 && e.country < 0) {
      const owner = kb.entries[e.owner];
      const kc = codeAtDate(owner, ctx.date);
      if (kc) {
        const c = e.former ? `${kc.code.slice(0, 3)}ELI` : kc.code;
        return finish(e, c, owner.country, 0.8, `member of ${owner.name} (${kc.code})`);
      }
    }
    // the phrase's own country, then the possessor's, then context
    let country = e.country;
    let confidence = 0.9;
    let how = e.countryVia || 'phrase';
    if (country < 0 && e.belongsTo >= 0) {
      const owner = ctx.entities[e.belongsTo];
      const oc = code(owner);
      // an international organisation's forces, officials ...: its code ("its peacekeepers");
      // the spokesman or leader of any organisation speaks for it
      const speaksFor = owner.kind === 'organization' && [...e.heads].some((h) => SPEAKS_FOR.has(h));
      if (oc.code && ((!oc.country && /^(IGO|NGO|IMG|NGM|MNC)/.test(oc.code)) || speaksFor))
        return finish(e, oc.code, oc.country, 0.8, `belongs to ${owner.id} (${oc.code})`);
      if (oc.country) {
        const idx = kb.countryByIso.get(oc.country);
        if (idx !== undefined) {
          country = idx;
          confidence = 0.85;
          how = `possessor ${owner.id}`;
        }
      }
    }
    // context gives a country to state and domestic roles, not to NGOs, media, businesses
    if (
      country < 0 &&
      (CONTEXT_ROLES.has(textRole.slice(0, 3)) || (!textRole && (e.kind === 'person' || e.kind === 'group')))
    ) {
      let near = nearestCountry(e);
      if (near >= 0) {
        country = near;
        confidence = 0.55;
        how = 'nearest compatible actor';
      } else if (ctx.datelineCountry >= 0) {
        country = ctx.datelineCountry;
        confidence = 0.5;
        how = 'dateline';
      } else if ((near = anyCountryNear(e)) >= 0) {
        country = near;
        confidence = 0.45;
        how = 'an actor of the same sentence';
      } else if (ctx.focusCountry >= 0 && e.title && HEAD_TITLES.test(e.title)) {
        country = ctx.focusCountry;
        confidence = 0.45;
        how = 'focus country of the document';
      }
    }
    if (country >= 0) {
      const cc = countryCode(country);
      return finish(
        e,
        e.rolePrefix + cc.cameo + textRole,
        cc.iso,
        confidence,
        `country ${cc.cameo} from ${how}${textRole ? `, role ${textRole} from ${roleSource(e)}` : ''}`,
      );
    }
    // human rights groups and activists of no known country: non-governmental ("a human
    // rights group said"), as the codebook codes the transnational ones (NGOHRIAMN)
    if (textRole.startsWith('HRI') && !e.rolePrefix)
      return finish(e, `NGO${textRole}`, null, 0.5, `role NGO${textRole} from ${roleSource(e)}, country unknown`);
    if (textRole || e.rolePrefix)
      return finish(
        e,
        e.rolePrefix + textRole,
        null,
        0.5,
        `role ${textRole || e.rolePrefix} from ${roleSource(e)}, country unknown`,
      );
    return { code: null, country: null, roles: [], confidence: 0.3, reason: 'no country or role' };
  };

  const finish = (_e: Entity, c: string, iso: string | null, confidence: number, reason: string): CodedEntity => {
    const cameo = iso ? (kb.entries[kb.countryByIso.get(iso) ?? -1]?.cameo ?? null) : null;
    const valid = /^([A-Z]{3})+$/.test(c) ? c : null;
    return { code: valid, country: iso, roles: rolesOf(valid, cameo), confidence, reason };
  };

  // the entities mentioned in each sentence, for the context look-up
  const bySentence = new Map<number, Array<[Entity, number]>>();
  for (const e of entities)
    for (const mi of e.mentions) {
      const s = ctx.mentions[mi].sentence;
      const list = bySentence.get(s);
      if (!list) bySentence.set(s, [[e, mi]]);
      else list.push([e, mi]);
    }

  // the countries of places named in each sentence (a scan per entity would be quadratic)
  const placesBySentence = new Map<number, Array<{ t: number; country: number }>>();
  for (const p of ctx.placeCountries ?? []) {
    const list = placesBySentence.get(p.sentence);
    if (!list) placesBySentence.set(p.sentence, [p]);
    else list.push(p);
  }

  /** The country (index) an entity stands for or belongs to, or -1. */
  const countryIndexOf = (other: Entity): number => {
    if (other.kind === 'country') return other.kb;
    if (other.country >= 0) return other.country;
    const iso = other.kb >= 0 ? kb.entries[other.kb].country : null;
    return iso ? (kb.countryByIso.get(iso) ?? -1) : -1;
  };

  /** Country of the nearest actor of a compatible sort in the same or previous sentence. */
  const nearestCountry = (e: Entity): number => {
    const first = ctx.mentions[e.mentions[0]];
    const stateRole = STATE_ROLES.has((e.former ? 'ELI' : e.role).slice(0, 3));
    let best = -1;
    let bestDist = Number.MAX_SAFE_INTEGER;
    const near = [...(bySentence.get(first.sentence) ?? []), ...(bySentence.get(first.sentence - 1) ?? [])];
    for (const [other, mi] of near) {
      if (other.id === e.id || other.members.length > 0) continue;
      const idx = countryIndexOf(other);
      if (idx < 0) continue;
      // state roles take a state's country; people take the nearest group of people first
      const peopleGroup =
        other.kind === 'group' && !STATE_ROLES.has(other.role.slice(0, 3)) && other.role.slice(0, 3) !== 'SPY';
      const compatible = stateRole
        ? other.kind === 'country' || STATE_ROLES.has(other.role.slice(0, 3))
        : peopleGroup || other.kind === 'country';
      if (!compatible) continue;
      const om = ctx.mentions[mi];
      let dist = Math.abs(om.t0 - first.t0);
      if (!stateRole && peopleGroup) dist -= 1000;
      if (dist < bestDist) {
        bestDist = dist;
        best = idx;
      }
    }
    // a country or capital named as the place of the sentence ("demonstrators in Monrovia",
    // "ethnic Albanians in south Serbia") counts as a country actor there
    for (const p of placesBySentence.get(first.sentence) ?? []) {
      const dist = Math.abs(p.t - first.t0);
      if (dist < bestDist) {
        bestDist = dist;
        best = p.country;
      }
    }
    return best;
  };

  /** Last resort: the nearest actor of any sort with a country in the same sentence. */
  const anyCountryNear = (e: Entity): number => {
    const first = ctx.mentions[e.mentions[0]];
    let best = -1;
    let bestDist = Number.MAX_SAFE_INTEGER;
    for (const [other, mi] of bySentence.get(first.sentence) ?? []) {
      if (other.id === e.id || other.members.length > 0) continue;
      const idx = countryIndexOf(other);
      const dist = Math.abs(ctx.mentions[mi].t0 - first.t0);
      if (idx >= 0 && dist < bestDist) {
        bestDist = dist;
        best = idx;
      }
    }
    return best;
  };

  return entities.map((e) => code(e));
}
