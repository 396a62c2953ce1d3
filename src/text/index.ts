// The text stage: paragraphs, tokens (UD English conventions), datelines and sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dateline, type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Token } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { splitParagraphs } from './01-paragraphs.js';
import { type AbbreviationClass, type RawToken, type TokenizerResources, tokenize } from './02-tokenize.js';
import { findDateline } from './03-dateline.js';
import { type SentenceEnd, type SentenceResources, splitSentences } from './04-sentences.js';

export interface TextResources extends TokenizerResources, SentenceResources {}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** First column of a TSV list (ud-*.tsv). */
const firstColumn = (path: string): string[] => readLines(path).map((l) => l.split('\t')[0]);

/**
 * Load the text stage's lists from `dataDir/text`: the hand-written ones and the ones derived
 * from the UD English training treebanks (ud-*.tsv, see data/text/README.md).
 */
export function loadTextResources(dataDir: string): TextResources {
  const dir = join(dataDir, 'text');
  const abbreviations = new Map<string, AbbreviationClass>();
  for (const form of firstColumn(join(dir, 'ud-abbreviations.tsv'))) abbreviations.set(form, 'general');
  // the hand-written classes win: "No" is a number prefix, "Dr" a title
  for (const line of readLines(join(dir, 'abbreviations.tsv'))) {
    const [form, cls] = line.split('\t');
    if (form && isAbbreviationClass(cls)) abbreviations.set(form, cls);
  }
  // capitals fold to the listed spelling; a title wins over other classes of the same letters
  const abbreviationsFolded = new Map<string, AbbreviationClass>();
  for (const [form, cls] of abbreviations) {
    const key = form.toLowerCase();
    if (!abbreviationsFolded.has(key) || cls === 'title') abbreviationsFolded.set(key, cls);
  }
  const contractions = new Map<string, number[]>();
  for (const line of readLines(join(dir, 'ud-contractions.tsv'))) {
    const [form, parts] = line.split('\t');
    const lengths = (parts ?? '').split('|').map((p) => p.length);
    if (form && lengths.length > 1 && lengths.reduce((a, b) => a + b, 0) === form.length)
      contractions.set(form, lengths);
  }
  return {
    abbreviations,
    abbreviationsFolded,
    joinedPrefixes: new Set([
      ...readLines(join(dir, 'joined-prefixes.txt')),
      ...firstColumn(join(dir, 'ud-joined-prefixes.tsv')),
    ]),
    unitSuffixes: new Set(readLines(join(dir, 'unit-suffixes.txt'))),
    contractions,
    symbolTokens: new Set([
      ...readLines(join(dir, 'emoticons.txt')),
      ...firstColumn(join(dir, 'ud-symbol-tokens.tsv')),
    ]),
    webSuffixes: new Set(readLines(join(dir, 'web-suffixes.txt'))),
    starters: new Set([
      ...readLines(join(dir, 'sentence-starters.txt')),
      ...firstColumn(join(dir, 'ud-sentence-starters.tsv')),
    ]),
  };
}

const CLASSES: readonly string[] = ['title', 'month', 'general', 'number'];
const isAbbreviationClass = (s: string | undefined): s is AbbreviationClass => s !== undefined && CLASSES.includes(s);

export interface TextAnalysis {
  paragraphs: { start: number; end: number }[];
  tokens: Token[];
  sentences: { start: number; end: number }[];
  dateline: Dateline | null;
  /** Why each sentence ended: paragraph end, dateline, punctuation, or an abbreviation's period. */
  sentenceEnds: SentenceEnd[];
}

/** Paragraphs, tokens, dateline and sentences of `text` (pure; offsets into `text`). */
export function analyzeText(text: string, res: TextResources): TextAnalysis {
  const paragraphs = splitParagraphs(text);
  const raw = tokenize(text, paragraphs, res);
  // datelines: looked for at the start of the first three paragraphs
  const forced = new Set<number>();
  let dateline: Dateline | null = null;
  let t = 0;
  for (let pi = 0; pi < paragraphs.length && pi < 3 && dateline === null; pi++) {
    const p = paragraphs[pi];
    while (t < raw.length && raw[t].start < p.start) t++;
    const m = findDateline(text, raw, t, p);
    if (m) {
      dateline = m.dateline;
      forced.add(m.tokenEnd - 1);
    }
  }
  const split = splitSentences(raw, paragraphs, forced, res);
  const tokens: Token[] = [];
  let f = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const sentence = split.sentenceOf[i];
    if (f < split.finalPeriod.length && split.finalPeriod[f] === i) {
      // "U.S." ending a sentence: "U.S" + "." as UD English writes it
      f++;
      tokens.push(
        { start: r.start, end: r.end - 1, text: r.text.slice(0, -1), sentence, spaceAfter: false },
        { start: r.end - 1, end: r.end, text: '.', sentence, spaceAfter: r.spaceAfter },
      );
      continue;
    }
    tokens.push(toToken(r, sentence));
  }
  return { paragraphs, tokens, sentences: split.sentences, dateline, sentenceEnds: split.ends };
}

function toToken(r: RawToken, sentence: number): Token {
  const t: Token = { start: r.start, end: r.end, text: r.text, sentence, spaceAfter: r.spaceAfter };
  if (r.norm !== undefined) t.norm = r.norm;
  return t;
}

/** Notes for --explain: datelines, and sentence ends (or their absence) at abbreviations. */
function explainText(text: string, a: TextAnalysis): ExplainNote[] {
  const notes: ExplainNote[] = [];
  const note = (sentence: number, message: string) => notes.push({ sentence, stage: 'text', message });
  if (a.dateline) {
    const d = a.dateline;
    const parts = [
      d.place && `place "${d.place.text}"`,
      d.date && `date "${d.date.text}"`,
      d.agency && `agency ${d.agency}`,
    ];
    note(0, `dateline "${text.slice(d.start, d.end)}" (${parts.filter(Boolean).join(', ')}) is a sentence of its own`);
  }
  a.sentenceEnds.forEach((why, i) => {
    if (why === 'label') note(i, 'a caption label ("Figure 1.3") is a sentence of its own');
    if (why !== 'abbreviation') return;
    const next = a.sentences[i + 1];
    const sameParagraph = next !== undefined && !/[\n\r\u2028\u2029]/.test(text.slice(a.sentences[i].end, next.start));
    const after = sameParagraph
      ? ` before the sentence starter "${text.slice(next.start, next.end).split(/\s/, 1)[0]}"`
      : '';
    note(i, `ends at an abbreviation's period${after}`);
  });
  for (let i = 0; i < a.tokens.length - 1; i++) {
    const tok = a.tokens[i];
    if (!tok.text.endsWith('.') || tok.text.length < 2 || a.tokens[i + 1].sentence !== tok.sentence) continue;
    if (/^[.!?…]+$/.test(tok.text)) continue;
    note(tok.sentence, `"${tok.text}" keeps its period (abbreviation or initial): no sentence end`);
  }
  return notes;
}

export const textStage = defineStage<TextResources>({
  name: 'text',
  needs: [],
  adds: ['paragraphs', 'tokens', 'sentences'],
  load: (ctx) => loadTextResources(ctx.dataDir),
  run(doc: Doc, res: TextResources, ctx): Doc {
    const a = analyzeText(doc.text, res);
    const out = withLayers(doc, ['paragraphs', 'tokens', 'sentences'], {
      paragraphs: a.paragraphs,
      tokens: a.tokens,
      sentences: a.sentences,
      dateline: a.dateline,
    });
    return ctx.explain ? withExplain(out, explainText(doc.text, a)) : out;
  },
});
