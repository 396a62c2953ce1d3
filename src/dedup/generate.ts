import { seededRandom } from '../random.js';
// A generator of near-duplicate test sets: wire copies and light rewrites of real articles,
// the edits news aggregators see between outlets. Used by the near-duplicate evaluation and
// tests; deterministic for a seed. Negatives are the other articles themselves (choose a
// corpus with several different articles on one topic, such as ECB+).

export type EditKind = 'exact' | 'dateline' | 'byline' | 'reorder' | 'drop' | 'typos' | 'boilerplate' | 'headline';

export interface BaseArticle {
  id: string;
  text: string;
  title?: string | null;
  date?: string | null;
}

export interface GeneratedCopy {
  id: string;
  /** The article it copies. */
  of: string;
  edits: EditKind[];
  text: string;
  title: string | null;
  date: string | null;
}

export { seededRandom };

const CITIES = ['LONDON', 'WASHINGTON', 'PARIS', 'TOKYO', 'NEW YORK', 'BEIJING', 'NAIROBI', 'SYDNEY', 'MOSCOW'];
const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'Kyodo', 'UPI', 'Xinhua', 'PA'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const FIRST = ['Anna', 'James', 'Maria', 'David', 'Sarah', 'Michael', 'Laura', 'Peter', 'Chen', 'Amina'];
const LAST = ['Smith', 'Garcia', 'Okafor', 'Muller', 'Tanaka', 'Rossi', 'Kowalski', 'Brown', 'Haddad', 'Silva'];
const BOILERPLATE = [
  'Copyright {year} {agency}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  '(Reporting by {name}; Editing by {name2})',
  'Follow us on Twitter and Facebook for the latest news. Sign up for our daily newsletter.',
  'Click here to read more stories like this one. Share this article with your friends.',
  'Additional reporting by {name} in {city}. Writing by {name2}.',
  'Related coverage: see our special report on this story.',
];

/** Sentences of a text: split after . ! ? before a capital or a line break, and at line breaks. */
function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const parts = line.split(/(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z])/);
    for (const p of parts) if (p.trim()) out.push(p.trim());
  }
  return out;
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

function fill(template: string, rand: () => number, year: string): string {
  return template
    .replace('{year}', year)
    .replace('{agency}', pick(rand, AGENCIES))
    .replace('{name}', `${pick(rand, FIRST)} ${pick(rand, LAST)}`)
    .replace('{name2}', `${pick(rand, FIRST)} ${pick(rand, LAST)}`)
    .replace(
      '{city}',
      pick(rand, CITIES)
        .toLowerCase()
        .replace(/\b\w/g, (c) => c.toUpperCase()),
    );
}

/** A typo fix (or a typo): swap two inner letters, drop or double one, in a random word. */
function typo(word: string, rand: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const r = rand();
  if (r < 0.4) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (r < 0.7) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word[i] + word.slice(i);
}

/** Apply edits to an article. */
export function editArticle(
  base: BaseArticle,
  edits: readonly EditKind[],
  rand: () => number,
): { text: string; title: string | null } {
  let sents = sentences(base.text);
  let title = base.title ?? null;
  const year = base.date?.slice(0, 4) ?? '2015';
  let prefix = '';
  let suffix = '';
  for (const edit of edits) {
    switch (edit) {
      case 'exact':
        break;
      case 'dateline': {
        // a new dateline replaces an old one at the start of the first sentence
        const line = `${pick(rand, CITIES)}, ${pick(rand, MONTHS)} ${1 + Math.floor(rand() * 28)} (${pick(rand, AGENCIES)}) -`;
        if (sents.length) sents[0] = sents[0].replace(/^[A-Z][A-Z .,'-]{2,40}(\([^)]{1,40}\))?\s*[-–—]+\s*/, '');
        prefix = `${line} ${prefix}`;
        break;
      }
      case 'byline':
        prefix = `By ${pick(rand, FIRST)} ${pick(rand, LAST)}, ${pick(rand, AGENCIES)}\n${prefix}`;
        break;
      case 'reorder': {
        if (sents.length < 4) break;
        // move one or two sentences (not the lead) elsewhere
        for (let k = 0; k < 1 + Math.floor(rand() * 2); k++) {
          const i = 1 + Math.floor(rand() * (sents.length - 1));
          const [s] = sents.splice(i, 1);
          const j = 1 + Math.floor(rand() * (sents.length - 1));
          sents.splice(j, 0, s);
        }
        break;
      }
      case 'drop': {
        if (sents.length < 5) break;
        // drop one to three sentences, at most a fifth of the article (often the tail)
        const n = Math.max(1, Math.min(3, Math.floor(sents.length / 5)));
        for (let k = 0; k < n; k++) {
          const i = rand() < 0.5 ? sents.length - 1 : 1 + Math.floor(rand() * (sents.length - 1));
          sents.splice(i, 1);
        }
        break;
      }
      case 'typos': {
        const n = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < n && sents.length; k++) {
          const i = Math.floor(rand() * sents.length);
          const words = sents[i].split(' ');
          const w = Math.floor(rand() * words.length);
          words[w] = typo(words[w], rand);
          sents[i] = words.join(' ');
        }
        break;
      }
      case 'boilerplate': {
        const n = 1 + Math.floor(rand() * 2);
        for (let k = 0; k < n; k++) suffix += `\n${fill(pick(rand, BOILERPLATE), rand, year)}`;
        if (rand() < 0.3) prefix = `${fill('Advertisement', rand, year)}\n${prefix}`;
        break;
      }
      case 'headline':
        title = title ? `${title} (updated)` : null;
        sents = sents.map((s, i) => (i === 0 ? s.replace(/\bsaid\b/, 'says') : s));
        break;
    }
  }
  return { text: `${prefix}${sents.join(' ')}${suffix}`, title };
}

const LIGHT: readonly EditKind[] = ['dateline', 'byline', 'reorder', 'drop', 'typos', 'boilerplate', 'headline'];

/**
 * Copies of each base article: an exact copy for some, and light rewrites combining one to
 * three edits for the others.
 */
export function generateCopies(
  bases: readonly BaseArticle[],
  options: { seed?: number; perArticle?: number } = {},
): GeneratedCopy[] {
  const rand = seededRandom(options.seed ?? 7);
  const per = options.perArticle ?? 2;
  const out: GeneratedCopy[] = [];
  for (const base of bases) {
    for (let c = 0; c < per; c++) {
      let edits: EditKind[];
      if (rand() < 0.2) edits = ['exact'];
      else {
        const n = 1 + Math.floor(rand() * 3);
        const set = new Set<EditKind>();
        while (set.size < n) set.add(pick(rand, LIGHT));
        edits = [...set];
      }
      const { text, title } = editArticle(base, edits, rand);
      out.push({ id: `${base.id}~copy${c}`, of: base.id, edits, text, title, date: base.date ?? null });
    }
  }
  return out;
}
