// Raw text with gold sentence and token spans, rebuilt from a CoNLL-U treebank: each document's
// `# text` lines joined by a space, or by a newline where a paragraph starts. EWT writes
// `# newpar id = ...`; GUM writes a bare `# newpar` followed by `# newpar_block = p (3 s)`, the
// block's element and sentence count. A GUM block element (heading, paragraph, caption) also
// ends its line: a sentence right after a block's last one starts a new line even without a
// `# newpar` of its own (the date line under a headline, prose after a figure). Gold tokens are the syntactic words, located
// inside their surface token when the words spell it ("don't" -> "do" + "n't"); otherwise the
// surface token itself is the unit.
import { type ConlluSentence, comment } from '../../src/conllu/conllu.js';
import type { Span } from './spans.js';

export interface UdDocument {
  id: string;
  /** GUM genre (`# meta::genre`, else from the id `GUM_<genre>_...`); null when unknown. */
  genre: string | null;
  text: string;
  sentences: Span[];
  tokens: Span[];
  /** Surface tokens whose words do not spell them: scored as one unit. */
  fused: Span[];
  /** Surface tokens that could not be found in the `# text` line (skipped). */
  unaligned: number;
}

const isNewdoc = (c: string) => c === 'newdoc' || c.startsWith('newdoc ') || c.startsWith('newdoc=');
const isNewpar = (c: string) => c === 'newpar' || c.startsWith('newpar ') || c.startsWith('newpar=');

function docId(s: ConlluSentence): string | null {
  for (const c of s.comments) if (isNewdoc(c)) return comment(s, 'newdoc id') ?? c;
  return null;
}

function genreOf(id: string, first: ConlluSentence): string | null {
  const g = comment(first, 'meta::genre');
  if (g) return g;
  const m = /^GUM_([a-z]+)_/.exec(id);
  return m ? m[1] : null;
}

/** Group sentences into documents and rebuild each document's text with gold spans. */
export function rebuildDocuments(sentences: Iterable<ConlluSentence>): UdDocument[] {
  const groups: ConlluSentence[][] = [];
  for (const s of sentences) {
    if (docId(s) !== null || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(s);
  }
  return groups.map((g, i) => rebuildDocument(g, docId(g[0]) ?? `doc${i + 1}`));
}

function rebuildDocument(group: ConlluSentence[], id: string): UdDocument {
  const doc: UdDocument = {
    id,
    genre: genreOf(id, group[0]),
    text: '',
    sentences: [],
    tokens: [],
    fused: [],
    unaligned: 0,
  };
  const parts: string[] = [];
  let at = 0;
  // sentences left in the current GUM block; 0 right after a block's last sentence
  let blockLeft = -1;
  for (let k = 0; k < group.length; k++) {
    const s = group[k];
    const text = sentenceText(s);
    const newpar = s.comments.some(isNewpar);
    if (k > 0) {
      parts.push(newpar || blockLeft === 0 ? '\n' : ' ');
      at++;
    }
    const block = blockSize(s);
    if (block !== null) blockLeft = block;
    else if (newpar) blockLeft = -1;
    if (blockLeft >= 0) blockLeft--;
    doc.sentences.push({ start: at, end: at + text.length });
    alignTokens(s, text, at, doc);
    parts.push(text);
    at += text.length;
  }
  doc.text = parts.join('');
  return doc;
}

/** Sentence count of the outermost block a GUM `# newpar_block = sp (3 s) | p (1 s)` opens. */
function blockSize(s: ConlluSentence): number | null {
  const b = comment(s, 'newpar_block');
  if (b === null) return null;
  const m = /\((\d+) s\)/.exec(b);
  return m ? Number(m[1]) : null;
}

/** The `# text` line, or the surface forms joined as SpaceAfter says. */
function sentenceText(s: ConlluSentence): string {
  const t = comment(s, 'text');
  if (t !== null) return t;
  return surfaceTokens(s)
    .map((u, i, all) => u.form + (u.spaceAfter && i < all.length - 1 ? ' ' : ''))
    .join('');
}

interface SurfaceToken {
  form: string;
  words: string[];
  spaceAfter: boolean;
}

function surfaceTokens(s: ConlluSentence): SurfaceToken[] {
  const out: SurfaceToken[] = [];
  let m = 0;
  for (let w = 0; w < s.words.length; ) {
    const word = s.words[w];
    const mwt = m < s.multiwords.length && s.multiwords[m].first === word.id ? s.multiwords[m] : null;
    if (mwt) {
      const words = s.words.filter((x) => x.id >= mwt.first && x.id <= mwt.last).map((x) => x.form);
      out.push({ form: mwt.form, words, spaceAfter: !mwt.misc.split('|').includes('SpaceAfter=No') });
      w += words.length;
      m++;
    } else {
      out.push({ form: word.form, words: [word.form], spaceAfter: !word.misc.split('|').includes('SpaceAfter=No') });
      w++;
    }
  }
  return out;
}

/** Find each surface token in the sentence text (in order) and record the gold spans. */
function alignTokens(s: ConlluSentence, text: string, base: number, doc: UdDocument): void {
  let pos = 0;
  for (const u of surfaceTokens(s)) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    const at = text.startsWith(u.form, pos) ? pos : text.indexOf(u.form, pos);
    if (at < 0 || u.form === '') {
      doc.unaligned++;
      continue;
    }
    const start = base + at;
    if (u.words.length > 1 && u.words.join('') === u.form) {
      let w = start;
      for (const form of u.words) {
        doc.tokens.push({ start: w, end: w + form.length });
        w += form.length;
      }
    } else {
      const span = { start, end: start + u.form.length };
      doc.tokens.push(span);
      if (u.words.length > 1) doc.fused.push(span);
    }
    pos = at + u.form.length;
  }
}

/**
 * Predicted tokens as scoring units: predicted tokens that exactly tile a fused gold span
 * become that one span (the tokenizer found its boundaries; how it split inside is not scored).
 */
export function mergeInside(pred: readonly Span[], fused: readonly Span[]): Span[] {
  if (fused.length === 0) return [...pred];
  const sorted = [...fused].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let f = 0;
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i];
    while (f < sorted.length && sorted[f].end <= p.start) f++;
    const g = f < sorted.length ? sorted[f] : null;
    if (g && p.start === g.start) {
      let j = i;
      while (j < pred.length && pred[j].end < g.end && (j + 1 >= pred.length || pred[j + 1].start < g.end)) j++;
      if (j < pred.length && pred[j].end === g.end) {
        out.push({ start: g.start, end: g.end });
        i = j;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** Sentence boundaries as zero-width spans at each sentence end (boundary F1 counts these). */
export function sentenceEnds(sentences: readonly Span[]): Span[] {
  return sentences.map((s) => ({ start: s.end, end: s.end }));
}
