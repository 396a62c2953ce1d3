// Readers of the annotated corpora the NER model is trained and evaluated on (pure: text in,
// documents out). CoNLL-2003 comes as JSON Lines with IOB2 tags; GUM as CoNLL-U with its
// `Entity=` bracket annotation of every mention, from which named mentions are taken.
import { parseConllu } from '../conllu/conllu.js';
import type { ModelType } from './04-model.js';

export interface TokenEntity {
  /** Token range [start, end). */
  start: number;
  end: number;
  type: ModelType;
}

export interface NerSentence {
  tokens: string[];
  entities: TokenEntity[];
}

export interface NerDocument {
  id: string;
  sentences: NerSentence[];
}

interface ConllRow {
  doc_id: string;
  tokens: string[];
  entities: { type: string; start_token: number; end_token: number }[];
}

/** CoNLL-2003 JSON Lines, grouped by `doc_id` in file order. */
export function readConllDocuments(jsonl: string): NerDocument[] {
  const docs: NerDocument[] = [];
  let cur: NerDocument | null = null;
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as ConllRow;
    if (!cur || cur.id !== r.doc_id) docs.push((cur = { id: r.doc_id, sentences: [] }));
    cur.sentences.push({
      tokens: r.tokens,
      entities: r.entities.map((e) => ({ start: e.start_token, end: e.end_token, type: e.type as ModelType })),
    });
  }
  return docs;
}

/**
 * How GUM entity types map onto CoNLL-2003 types for named mentions. Time, quantity and the
 * natural kinds (animal, plant, substance) are not CoNLL entities.
 */
export const GUM_TYPE_MAP: Readonly<Record<string, ModelType | null>> = {
  person: 'PER',
  organization: 'ORG',
  place: 'LOC',
  event: 'MISC',
  object: 'MISC',
  abstract: 'MISC',
  time: null,
  quantity: null,
  animal: null,
  plant: null,
  substance: null,
};

interface Mention {
  id: string;
  type: string;
  start: number;
  end: number;
  /** Minimal span: word indices within the sentence. */
  min: number[];
}

/** Mentions of a GUM sentence from the `Entity=` MISC values (brackets may nest and span words). */
function gumMentions(words: { misc: string }[]): Mention[] {
  const open: Omit<Mention, 'end'>[] = [];
  const out: Mention[] = [];
  words.forEach((w, i) => {
    const m = w.misc.split('|').find((x) => x.startsWith('Entity='));
    if (!m) return;
    const v = m.slice(7);
    let k = 0;
    while (k < v.length) {
      if (v[k] === '(') {
        let j = k + 1;
        while (j < v.length && v[j] !== '(' && v[j] !== ')') j++;
        const parts = v.slice(k + 1, j).split('-');
        const min = (parts[5] ?? '')
          .split(',')
          .map(Number)
          .filter((x) => Number.isInteger(x) && x > 0)
          .map((x) => i + x - 1);
        const e = { id: parts[0], type: parts[1] ?? '', start: i, min };
        if (v[j] === ')') {
          out.push({ ...e, end: i + 1 });
          j++;
        } else open.push(e);
        k = j;
      } else {
        let j = k;
        while (j < v.length && v[j] !== ')' && v[j] !== '(') j++;
        const id = v.slice(k, j);
        for (let q = open.length - 1; q >= 0; q--)
          if (open[q].id === id) {
            out.push({ ...open.splice(q, 1)[0], end: i + 1 });
            break;
          }
        k = v[j] === ')' ? j + 1 : j;
      }
    }
  });
  return out;
}

const NAME_LINKERS = new Set([
  'of',
  'the',
  'de',
  'du',
  'la',
  'le',
  'von',
  'van',
  'der',
  'and',
  '&',
  'for',
  'on',
  'in',
  'al',
  'bin',
]);

interface GumWord {
  form: string;
  upos: string;
}

const nameWord = (w: GumWord) =>
  w.upos === 'PROPN' ||
  w.upos === 'NUM' ||
  /^\p{Lu}/u.test(w.form) ||
  NAME_LINKERS.has(w.form.toLowerCase()) ||
  w.form === '-' ||
  w.form === '.' ||
  w.form === "'s";

/**
 * The name inside a mention: the run of name words (proper nouns, capitalised words, numbers,
 * linkers) that starts at the first minimal-span word and reaches as far as the minimal span
 * does without a break ("John FitzGibbon, 2nd Earl of Clare" -> "John FitzGibbon"), ending on
 * a proper noun. Null when there is none.
 */
function namedSpan(
  words: readonly GumWord[],
  min: readonly number[],
): { start: number; end: number; coord: boolean } | null {
  const first = Math.min(...min);
  const last = Math.max(...min);
  if (last >= words.length) return null;
  let end = first;
  let coord = false;
  while (end <= last && nameWord(words[end])) {
    if (words[end].upos === 'CCONJ') coord = true;
    end++;
  }
  // back off to the last minimal-span proper noun inside the run
  while (end > first && !(words[end - 1].upos === 'PROPN' && min.includes(end - 1))) end--;
  if (end === first) return null;
  return { start: first, end, coord };
}

/**
 * GUM CC BY documents with named entities: a mention is named when its minimal span holds a
 * proper noun; the entity is the run of name words from the first minimal-span word to the
 * last minimal-span proper noun it reaches (so "the University of Paris" gives "University of
 * Paris", see namedSpan).
 * Outermost names win over names nested in them; coordinations ("Niklaus and Johann II")
 * give way to their conjuncts. Nationality words ("Swiss", "Turks"), which GUM does not
 * annotate as names but CoNLL tags MISC, are labelled MISC when `isNationality` says so;
 * leading titles (`isTitle`: "Dr.", "President") are cut off as CoNLL does.
 */
export function readGumDocuments(
  conllu: string,
  isNationality: (lower: string) => boolean,
  isTitle: (lower: string) => boolean = () => false,
): NerDocument[] {
  const docs: NerDocument[] = [];
  let cur: NerDocument | null = null;
  for (const s of parseConllu(conllu)) {
    const newdoc = s.comments.find((c) => c.startsWith('newdoc id'));
    if (newdoc || !cur)
      docs.push((cur = { id: newdoc ? newdoc.split('=')[1].trim() : `gum-${docs.length}`, sentences: [] }));
    const words = s.words;
    const candidates: { start: number; end: number; type: ModelType; coord: boolean }[] = [];
    for (const m of gumMentions(words)) {
      const type = GUM_TYPE_MAP[m.type];
      if (!type || m.min.length === 0) continue;
      const span = namedSpan(words, m.min);
      if (!span) continue;
      // titles are not part of names in CoNLL or OntoNotes ("Dr. William Glennie" -> "William Glennie")
      const titled = span.start;
      while (
        span.start < span.end - 1 &&
        (isTitle(words[span.start].form.toLowerCase().replace(/\.$/, '')) || words[span.start].form === '-')
      )
        span.start++;
      // "Emperor of the United States" is a title, not a name
      if (span.start > titled && NAME_LINKERS.has(words[span.start].form.toLowerCase())) continue;
      candidates.push({ ...span, type });
    }
    // coordinations containing other names give way to them; then outermost first
    const kept = candidates.filter(
      (c) => !(c.coord && candidates.some((o) => o !== c && o.start >= c.start && o.end <= c.end)),
    );
    kept.sort((a, b) => a.start - b.start || b.end - a.end);
    const entities: TokenEntity[] = [];
    let covered = 0;
    for (const c of kept) {
      if (c.start < covered) continue;
      // a single nationality word is MISC in CoNLL terms, whatever GUM calls the group
      const single = c.end - c.start === 1 && isNationality(words[c.start].form.toLowerCase());
      entities.push({ start: c.start, end: c.end, type: single ? 'MISC' : c.type });
      covered = c.end;
    }
    // nationality adjectives GUM leaves unannotated
    for (let t = 0; t < words.length; t++) {
      const w = words[t];
      if (!/^\p{Lu}/u.test(w.form) || !isNationality(w.form.toLowerCase())) continue;
      if (entities.some((e) => t >= e.start && t < e.end)) continue;
      entities.push({ start: t, end: t + 1, type: 'MISC' });
    }
    entities.sort((a, b) => a.start - b.start);
    cur.sentences.push({ tokens: words.map((w) => w.form), entities });
  }
  return docs;
}

/** BILOU label per token (see 04-model: 0 = O, 1 + type * 4 + bilu). */
export function entityLabels(sentence: NerSentence, typeIndex: (t: ModelType) => number): Int8Array {
  const out = new Int8Array(sentence.tokens.length);
  for (const e of sentence.entities) {
    const t = typeIndex(e.type);
    if (t < 0) continue;
    if (e.end - e.start === 1) out[e.start] = 1 + t * 4 + 3;
    else for (let i = e.start; i < e.end; i++) out[i] = 1 + t * 4 + (i === e.start ? 0 : i === e.end - 1 ? 2 : 1);
  }
  return out;
}
