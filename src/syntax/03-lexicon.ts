// Lemmas and word-class evidence. A lemma comes from (1) an exception table learned from the
// treebanks' LEMMA column (irregular forms: held -> hold), else (2) suffix rules learned from
// the same column (slapped -> slap, kidnappings -> kidnapping), the first candidate that
// names a known word of the right class (WordNet 3.1 and treebank lemmas) winning.
// The same vocabulary gives the tagger class evidence for words it never saw.
import { lower } from './01-forms.js';

/** Word-class bits of a lemma in the vocabulary. */
export enum LemmaClass {
  Noun = 1,
  Verb = 2,
  Adj = 4,
  Adv = 8,
}

/** Bits `classBits` reports for a surface form. */
export enum FormClass {
  Noun = 1,
  Verb = 2,
  Adj = 4,
  Adv = 8,
  PluralNoun = 16,
  Verb3sg = 32,
  VerbEd = 64,
  VerbIng = 128,
  AdjCmp = 256,
  AdvLy = 512,
}

export interface LexiconData {
  /** "lower\tXPOS" -> lemma, where the rules would get it wrong. */
  exceptions: Map<string, string>;
  /** "XPOS\tsuffix" -> transforms "strip:add", most frequent first. */
  rules: Map<string, string[]>;
  /** Known lemmas and their classes. */
  vocab: Map<string, number>;
}

const CLASS_OF_XPOS: Record<string, number> = {
  VB: LemmaClass.Verb,
  VBD: LemmaClass.Verb,
  VBG: LemmaClass.Verb,
  VBN: LemmaClass.Verb,
  VBP: LemmaClass.Verb,
  VBZ: LemmaClass.Verb,
  NN: LemmaClass.Noun,
  NNS: LemmaClass.Noun,
  JJ: LemmaClass.Adj,
  JJR: LemmaClass.Adj,
  JJS: LemmaClass.Adj,
  RB: LemmaClass.Adv,
  RBR: LemmaClass.Adv | LemmaClass.Adj,
  RBS: LemmaClass.Adv | LemmaClass.Adj,
};

export const MAX_RULE_SUFFIX = 5;

/** The transform "strip:add" turning `form` into `lemma` (both lower case). */
export function lemmaTransform(form: string, lemma: string): string {
  let p = 0;
  const n = Math.min(form.length, lemma.length);
  while (p < n && form.charCodeAt(p) === lemma.charCodeAt(p)) p++;
  return `${form.length - p}:${lemma.slice(p)}`;
}

function applyTransform(form: string, t: string): string | null {
  const colon = t.indexOf(':');
  const strip = Number(t.slice(0, colon));
  if (strip >= form.length) return null;
  return form.slice(0, form.length - strip) + t.slice(colon + 1);
}

export class Lexicon {
  readonly data: LexiconData;
  constructor(data: LexiconData) {
    this.data = data;
  }

  /** Lemma by suffix rules alone (no exception table). */
  ruleLemma(lw: string, xpos: string): string {
    const want = CLASS_OF_XPOS[xpos] ?? 0;
    let fallback: string | null = null;
    for (let k = Math.min(MAX_RULE_SUFFIX, lw.length - 1); k >= 0; k--) {
      const cands = this.data.rules.get(`${xpos}\t${lw.slice(lw.length - k)}`);
      if (!cands) continue;
      for (const t of cands) {
        const l = applyTransform(lw, t);
        if (l === null || l === '') continue;
        if (fallback === null) fallback = l;
        if (want === 0 || ((this.data.vocab.get(l) ?? 0) & want) !== 0) return l;
      }
    }
    return fallback ?? lw;
  }

  private readonly cache = new Map<string, string>();

  /** The lemma of a word given its tags (UD English conventions); memoized. */
  lemma(form: string, upos: string, xpos: string): string {
    const key = `${form}\t${xpos}\t${upos}`;
    let l = this.cache.get(key);
    if (l === undefined) {
      l = this.computeLemma(form, upos, xpos);
      if (this.cache.size >= 50000) this.cache.clear();
      this.cache.set(key, l);
    }
    return l;
  }

  private computeLemma(form: string, upos: string, xpos: string): string {
    if (form.length === 0) return form;
    if (form.length > 60) return lower(form);
    if (xpos === 'NNP' || upos === 'PROPN') return this.data.exceptions.get(`${form}\t${xpos}`) ?? form;
    if (xpos === 'NNPS') {
      const ex = this.data.exceptions.get(`${form}\t${xpos}`);
      if (ex) return ex;
      return form.length > 3 && form.endsWith('s') && !form.endsWith('ss') ? form.slice(0, -1) : form;
    }
    const lw = lower(form);
    const ex = this.data.exceptions.get(`${lw}\t${xpos}`);
    if (ex !== undefined) return ex;
    return this.ruleLemma(lw, xpos);
  }

  /** Class evidence for a lower-case form: which known lemmas it is, or inflects. */
  classBits(lw: string): number {
    const v = this.data.vocab;
    let bits = v.get(lw) ?? 0;
    const n = lw.length;
    if (n < 3 || n > 40) return bits;
    const last = lw.charCodeAt(n - 1);
    if (last === 115 /* s */) {
      const base = lw.slice(0, -1);
      let b = v.get(base) ?? 0;
      if (lw.endsWith('es')) b |= v.get(lw.slice(0, -2)) ?? 0;
      if (lw.endsWith('ies')) b |= v.get(`${lw.slice(0, -3)}y`) ?? 0;
      if (b & LemmaClass.Noun) bits |= FormClass.PluralNoun;
      if (b & LemmaClass.Verb) bits |= FormClass.Verb3sg;
    } else if (lw.endsWith('ed')) {
      const stem = lw.slice(0, -2);
      let b = (v.get(stem) ?? 0) | (v.get(lw.slice(0, -1)) ?? 0);
      if (lw.endsWith('ied')) b |= v.get(`${lw.slice(0, -3)}y`) ?? 0;
      if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) b |= v.get(stem.slice(0, -1)) ?? 0;
      if (b & LemmaClass.Verb) bits |= FormClass.VerbEd;
    } else if (lw.endsWith('ing') && n > 4) {
      const stem = lw.slice(0, -3);
      let b = (v.get(stem) ?? 0) | (v.get(`${stem}e`) ?? 0);
      if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) b |= v.get(stem.slice(0, -1)) ?? 0;
      if (b & LemmaClass.Verb) bits |= FormClass.VerbIng;
    } else if (lw.endsWith('ly') && n > 4) {
      const stem = lw.slice(0, -2);
      let b = (v.get(stem) ?? 0) | (v.get(`${stem}le`) ?? 0);
      if (lw.endsWith('ily')) b |= v.get(`${lw.slice(0, -3)}y`) ?? 0;
      if (b & LemmaClass.Adj) bits |= FormClass.AdvLy;
    }
    if (lw.endsWith('er') || lw.endsWith('est')) {
      const stem = lw.endsWith('er') ? lw.slice(0, -2) : lw.slice(0, -3);
      let b = (v.get(stem) ?? 0) | (v.get(`${stem}e`) ?? 0);
      if (stem.endsWith('i')) b |= v.get(`${stem.slice(0, -1)}y`) ?? 0;
      if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) b |= v.get(stem.slice(0, -1)) ?? 0;
      if (b & LemmaClass.Adj) bits |= FormClass.AdjCmp;
    }
    return bits;
  }
}

/** Serialize to three tab-separated blocks (compact, loads in a few ms). */
export function lexiconToText(d: LexiconData): { exceptions: string; rules: string; vocab: string } {
  const ex: string[] = [];
  for (const [k, v] of d.exceptions) ex.push(`${k}\t${v}`);
  const rules: string[] = [];
  for (const [k, v] of d.rules) rules.push(`${k}\t${v.join(' ')}`);
  const vocab: string[] = [];
  for (const [k, v] of d.vocab) vocab.push(`${k}\t${v}`);
  return { exceptions: ex.join('\n'), rules: rules.join('\n'), vocab: vocab.join('\n') };
}

export function lexiconFromText(t: { exceptions: string; rules: string; vocab: string }): LexiconData {
  const exceptions = new Map<string, string>();
  for (const line of t.exceptions.split('\n')) {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    if (a > 0 && b > a) exceptions.set(line.slice(0, b), line.slice(b + 1));
  }
  const rules = new Map<string, string[]>();
  for (const line of t.rules.split('\n')) {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    if (a > 0 && b > a) rules.set(line.slice(0, b), line.slice(b + 1).split(' '));
  }
  const vocab = new Map<string, number>();
  for (const line of t.vocab.split('\n')) {
    const a = line.indexOf('\t');
    if (a > 0) vocab.set(line.slice(0, a), Number(line.slice(a + 1)));
  }
  return { exceptions, rules, vocab };
}
