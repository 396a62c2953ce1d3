// `npm run data:text`: derive the text stage's word lists from the UD English TRAIN treebanks
// (../shared/data/ud-english/gum-ccby-train.conllu and en_ewt-ud-train.conllu) and write them to
// data/text/ud-*.tsv. Deterministic: the same treebanks give the same files. Dev and test
// portions are never read, so the evaluation on dev stays honest.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConlluSentence, noSpaceAfter, parseConllu } from '../src/conllu/conllu.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const TRAIN = ['gum-ccby-train.conllu', 'en_ewt-ud-train.conllu'];
const SOURCE = `derived by scripts/derive-text-lists.ts from ${TRAIN.join(' + ')} (UD English GUM, CC BY 4.0; UD English EWT, CC BY-SA 4.0)`;

/** A surface token: a multiword token ("don't") with its words, or a single word. */
interface Surface {
  form: string;
  words: string[];
  /** UPOS of each word. */
  upos: string[];
  spaceAfter: boolean;
}

function surfaceTokens(s: ConlluSentence): Surface[] {
  const out: Surface[] = [];
  let m = 0;
  for (let w = 0; w < s.words.length; ) {
    const word = s.words[w];
    const mwt = m < s.multiwords.length && s.multiwords[m].first === word.id ? s.multiwords[m] : null;
    if (mwt) {
      const inside = s.words.filter((x) => x.id >= mwt.first && x.id <= mwt.last);
      const words = inside.map((x) => x.form);
      out.push({ form: mwt.form, words, upos: inside.map((x) => x.upos), spaceAfter: !noSpaceAfter(mwt.misc) });
      w += words.length;
      m++;
    } else {
      out.push({ form: word.form, words: [word.form], upos: [word.upos], spaceAfter: !noSpaceAfter(word.misc) });
      w++;
    }
  }
  return out;
}

const sentences: Surface[][] = [];
for (const f of TRAIN)
  for (const s of parseConllu(readFileSync(join(shared, 'data/ud-english', f), 'utf8')))
    sentences.push(surfaceTokens(s));

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const get = (m: Map<string, number>, k: string) => m.get(k) ?? 0;
const sortedKeys = (m: Map<string, unknown>) => [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const isLetter = (s: string) => /^\p{L}+$/u.test(s);
const isUpperInitial = (s: string) => /^\p{Lu}/u.test(s);
const PUNCT = /^[^\p{L}\p{N}]+$/u;

function write(name: string, header: string[], rows: string[][]): void {
  const lines = [...header.map((h) => `# ${h}`), `# ${SOURCE}`, ...rows.map((r) => r.join('\t'))];
  writeFileSync(join(repo, 'data/text', name), `${lines.join('\n')}\n`);
  console.log(`data/text/${name}: ${rows.length} entries`);
}

// 1. Abbreviations: tokens that keep a final period ("Dr.", "Ph.D.", "etc."), and how often
// one ends its sentence. EWT splits the period off a sentence-final abbreviation ("etc" + "."),
// so a bare stem followed by a sentence-final "." counts for the abbreviation too when the
// stem is also seen with its period inside.
const abbrev = new Map<string, number>();
const abbrevFinal = new Map<string, number>();
const stemFinal = new Map<string, number>();
for (const s of sentences) {
  for (let i = 0; i < s.length; i++) {
    const f = s[i].form;
    if (s[i].words.length === 1 && /^\p{L}[\p{L}.]*\.$/u.test(f) && !/^\p{Lu}\.$/u.test(f)) {
      bump(abbrev, f);
      if (i === s.length - 1) bump(abbrevFinal, f);
    }
    if (i === s.length - 2 && s[i + 1].form === '.' && !s[i].spaceAfter && /^\p{L}[\p{L}.]*$/u.test(f))
      bump(stemFinal, `${f}.`);
  }
}
const abbrevRows: string[][] = [];
for (const f of sortedKeys(abbrev)) {
  const n = get(abbrev, f);
  const final = get(abbrevFinal, f) + get(stemFinal, f);
  const internalDot = f.slice(0, -1).includes('.');
  if (!internalDot && n < 2) continue;
  abbrevRows.push([f.slice(0, -1), String(n), String(final)]);
}
write(
  'ud-abbreviations.tsv',
  [
    'Abbreviations that keep their final period as part of the token in UD English.',
    'form (without the final period) <TAB> times seen <TAB> times it ended a sentence (EWT writes',
    'a sentence-final one as stem + ".", so this also counts a bare stem before a final period).',
    'Forms with internal periods are kept from one occurrence, others from two.',
  ],
  abbrevRows,
);

// 2. Sentence starters: capitalised words far more often seen first in a sentence than
// capitalised inside one ("The", "However"), so that after an ambiguous abbreviation they
// show a new sentence; names ("Japan") are seen inside sentences too and do not qualify.
const initial = new Map<string, number>();
const inside = new Map<string, number>();
const properNoun = new Map<string, number>();
for (const s of sentences) {
  let first = 0;
  while (first < s.length && PUNCT.test(s[first].form)) first++;
  for (let i = first; i < s.length; i++) {
    const w = s[i].words[0];
    if (!isUpperInitial(w) || !isLetter(w) || (w.length > 1 && w === w.toUpperCase())) continue;
    if (s[i].upos[0] === 'PROPN') bump(properNoun, w);
    if (i === first) bump(initial, w);
    else if (!/^[:;"“‘'(\-–—]$/.test(s[i - 1].form)) bump(inside, w);
  }
}
const starterRows: string[][] = [];
for (const w of sortedKeys(initial)) {
  const a = get(initial, w);
  const b = get(inside, w);
  // names start sentences too ("Carol" in e-mail signatures) but do not show one
  if (a >= 3 && a >= 3 * b && 2 * get(properNoun, w) < a + b) starterRows.push([w, String(a), String(b)]);
}
write(
  'ud-sentence-starters.tsv',
  [
    'Capitalised words that start sentences: seen first in a sentence at least 3 times and at least',
    '3 times as often as capitalised inside one, and mostly not proper nouns.',
    'word <TAB> first in sentence <TAB> inside.',
  ],
  starterRows,
);

// 3. Joined prefixes: hyphenated words that UD keeps whole ("re-elected", "non-profit") by
// their first part, against the times a word with that first part is split at the hyphen.
const whole = new Map<string, number>();
const split = new Map<string, number>();
const seconds = new Map<string, Set<string>>();
for (const s of sentences) {
  for (let i = 0; i < s.length; i++) {
    const f = s[i].form;
    const m = /^(\p{L}+)-\p{L}+$/u.exec(f);
    if (m && s[i].words.length === 1) {
      const p = m[1].toLowerCase();
      bump(whole, p);
      const set = seconds.get(p) ?? new Set<string>();
      set.add(f.slice(p.length + 1).toLowerCase());
      seconds.set(p, set);
    }
    if (
      i + 2 < s.length &&
      s[i + 1].form === '-' &&
      !s[i].spaceAfter &&
      !s[i + 1].spaceAfter &&
      isLetter(f) &&
      /^\p{L}/u.test(s[i + 2].form)
    )
      bump(split, f.toLowerCase());
  }
}
const prefixRows: string[][] = [];
for (const p of sortedKeys(whole)) {
  const w = get(whole, p);
  const x = get(split, p);
  const distinct = seconds.get(p)?.size ?? 0;
  if (w >= 2 && w > x && distinct >= 2) prefixRows.push([p, String(w), String(x), String(distinct)]);
}
write(
  'ud-joined-prefixes.tsv',
  [
    'First parts of hyphenated words that UD English keeps whole: kept whole at least twice, with',
    'two different second parts, and more often than split.',
    'prefix <TAB> kept whole <TAB> split at the hyphen <TAB> different second parts.',
  ],
  prefixRows,
);

// 4. Contractions written without an apostrophe that UD splits into words ("gonna" -> gon na,
// "dont" -> do nt, "cannot" -> can not), when split more often than left whole.
const fused = new Map<string, Map<string, number>>();
const firstPos = new Map<string, string>();
const plain = new Map<string, number>();
for (const s of sentences)
  for (const t of s) {
    const lower = t.form.toLowerCase();
    if (!isLetter(t.form)) continue;
    if (t.words.length > 1 && t.words.join('') === t.form) {
      const pieces = t.words.map((w) => w.toLowerCase()).join('|');
      const m = fused.get(lower) ?? new Map<string, number>();
      bump(m, pieces);
      fused.set(lower, m);
      firstPos.set(lower, t.upos[0]);
    } else if (t.words.length === 1) bump(plain, lower);
  }
const contractionRows: string[][] = [];
for (const form of sortedKeys(fused)) {
  const m = fused.get(form)!;
  const [pieces, n] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  // a noun before a missing apostrophe ("hams" for "ham's") is a typo, not a pattern
  const nominal = firstPos.get(form) === 'NOUN' || firstPos.get(form) === 'PROPN';
  if (total >= 2 && total >= 2 * get(plain, form) && !nominal)
    contractionRows.push([form, pieces, String(n), String(get(plain, form))]);
}
write(
  'ud-contractions.tsv',
  [
    'Words without an apostrophe that UD English splits into syntactic words, split at least twice',
    'and at least twice as often as left whole, not starting with a noun.',
    'form <TAB> words (|-separated) <TAB> times split <TAB> times whole.',
  ],
  contractionRows,
);

// 5. Symbol tokens: multi-character tokens of punctuation that include a bracket or quote
// (":)", ";-)", "[...]"); other runs of symbols are kept whole by rule.
const symbols = new Map<string, number>();
for (const s of sentences)
  for (const t of s)
    if (t.words.length === 1 && t.form.length >= 2 && PUNCT.test(t.form) && /[()[\]{}"'`]/.test(t.form))
      bump(symbols, t.form);
const symbolRows = sortedKeys(symbols).map((k) => [k, String(get(symbols, k))]);
write(
  'ud-symbol-tokens.tsv',
  [
    'Multi-character tokens made of symbols that include a bracket or quote (emoticons, "[...]").',
    'token <TAB> times seen.',
  ],
  symbolRows,
);
