// Coreference of the actors stage against the gold coreference of GUM (UD English, CC BY 4.0
// genres, dev split): people, organisations and places. Two measures:
// - pronoun antecedents: for each third-person pronoun that GUM links to an entity named
//   earlier, does the actor holding the pronoun also hold a mention of that entity?
// - name links: between consecutive mentions of one gold entity that actors cover, are they in
//   the same actor (recall); between consecutive mentions of one actor that gold entities
//   cover, are they in the same gold entity (precision).
import { readFileSync } from 'node:fs';
import { createPipeline } from '../../src/pipeline/presets.js';
import type { EvalResult } from '../lib.js';

interface GoldMention {
  id: string;
  type: string;
  start: number;
  end: number;
  pronoun: boolean;
}
export interface GumDoc {
  id: string;
  date: string | null;
  text: string;
  mentions: GoldMention[];
}

const PRONOUNS = new Set(['he', 'him', 'his', 'she', 'her', 'it', 'its', 'they', 'them', 'their']);
const TYPES = new Set(['person', 'organization', 'place']);

/** Documents of a GUM CoNLL-U file with text rebuilt from `# text` and gold entity mentions. */
export function readGum(path: string): GumDoc[] {
  const docs: GumDoc[] = [];
  let doc: GumDoc | null = null;
  let sentence = '';
  let sentenceStart = 0;
  let cursor = 0;
  const open = new Map<string, Array<{ type: string; start: number }>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('# newdoc id = ')) {
      doc = { id: line.slice(14).trim(), date: null, text: '', mentions: [] };
      docs.push(doc);
      open.clear();
      continue;
    }
    if (!doc) continue;
    if (line.startsWith('# meta::dateCreated = ')) {
      const d = line.slice(22).trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(d)) doc.date = d;
      continue;
    }
    if (line.startsWith('# text = ')) {
      sentence = line.slice(9);
      if (doc.text) doc.text += '\n';
      sentenceStart = doc.text.length;
      doc.text += sentence;
      cursor = 0;
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols.length < 10 || cols[0].includes('-') || cols[0].includes('.')) continue;
    const form = cols[1];
    const at = sentence.indexOf(form, cursor);
    if (at < 0) continue;
    const start = sentenceStart + at;
    const end = start + form.length;
    cursor = at + form.length;
    const ent = /(?:^|\|)Entity=([^|]*)/.exec(cols[9])?.[1];
    if (!ent) continue;
    // "(3-person-...-Lord_Byron)" opens and closes; "(1-abstract-..." opens; "2)" closes
    for (const m of ent.matchAll(/\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)/g)) {
      if (m[1]) {
        const list = open.get(m[1]) ?? [];
        list.push({ type: m[2], start });
        open.set(m[1], list);
        if (m[3]) close(m[1], end);
      } else if (m[4]) close(m[4], end);
    }
  }
  function close(id: string, end: number): void {
    const list = open.get(id);
    const o = list?.pop();
    if (!o || !doc) return;
    const text = doc.text.slice(o.start, end);
    doc.mentions.push({ id, type: o.type, start: o.start, end, pronoun: PRONOUNS.has(text.toLowerCase()) });
  }
  for (const d of docs) d.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return docs;
}

export function scoreGumCoref(docs: GumDoc[]): EvalResult[] {
  const pipeline = createPipeline('full');
  let pronouns = 0;
  let resolved = 0;
  let correct = 0;
  let linkGold = 0;
  let linkGoldHit = 0;
  let linkSys = 0;
  let linkSysHit = 0;
  for (const g of docs) {
    const doc = pipeline.run({ id: g.id, text: g.text, date: g.date });
    const gold = g.mentions.filter((m) => TYPES.has(m.type));
    const byEntity = new Map<string, GoldMention[]>();
    for (const m of gold) {
      const list = byEntity.get(m.id) ?? [];
      list.push(m);
      byEntity.set(m.id, list);
    }
    // the actor of each of our mentions, by span
    const ours: Array<{ start: number; end: number; actor: string; pronoun: boolean }> = [];
    for (const a of doc.actors)
      for (const m of a.mentions) ours.push({ start: m.start, end: m.end, actor: a.id, pronoun: m.via === 'pronoun' });
    ours.sort((x, y) => x.start - y.start);
    const overlapping = (s: number, e: number) => ours.filter((o) => o.start < e && s < o.end);
    // pronoun antecedents
    for (const [, chain] of byEntity) {
      for (let k = 0; k < chain.length; k++) {
        const p = chain[k];
        if (!p.pronoun) continue;
        const named = chain.slice(0, k).filter((m) => !m.pronoun);
        if (named.length === 0) continue;
        pronouns++;
        const mine = ours.find((o) => o.start === p.start && o.end === p.end);
        if (!mine) continue;
        resolved++;
        if (named.some((n) => overlapping(n.start, n.end).some((o) => o.actor === mine.actor && !o.pronoun))) correct++;
      }
    }
    // name links (non-pronoun mentions only)
    for (const [, chain] of byEntity) {
      const covered = chain
        .filter((m) => !m.pronoun)
        .map((m) => overlapping(m.start, m.end).find((o) => !o.pronoun))
        .filter((o) => o !== undefined);
      for (let k = 1; k < covered.length; k++) {
        linkGold++;
        if (covered[k]!.actor === covered[k - 1]!.actor) linkGoldHit++;
      }
    }
    const goldOf = (o: { start: number; end: number }) =>
      gold.find((m) => !m.pronoun && m.start < o.end && o.start < m.end);
    const byActor = new Map<string, typeof ours>();
    for (const o of ours) {
      if (o.pronoun) continue;
      const list = byActor.get(o.actor) ?? [];
      list.push(o);
      byActor.set(o.actor, list);
    }
    for (const [, list] of byActor) {
      const withGold = list.map(goldOf).filter((m) => m !== undefined);
      for (let k = 1; k < withGold.length; k++) {
        linkSys++;
        if (withGold[k]!.id === withGold[k - 1]!.id) linkSysHit++;
      }
    }
  }
  return [
    { dataset: 'gum-dev coref', metric: 'pronoun antecedent accuracy', value: correct / pronouns, n: pronouns },
    { dataset: 'gum-dev coref', metric: 'pronouns resolved', value: resolved / pronouns, n: pronouns },
    { dataset: 'gum-dev coref', metric: 'name link recall', value: linkGoldHit / linkGold, n: linkGold },
    { dataset: 'gum-dev coref', metric: 'name link precision', value: linkSysHit / linkSys, n: linkSys },
  ];
}
