// The text stage: paragraphs, tokens (UD English conventions), datelines and sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dateline, type Doc, withLayers } from '../doc/doc.js';
import type { Token } from '../doc/types.js';
import { defineStage } from '../pipeline/stage.js';
import { splitParagraphs } from './01-paragraphs.js';
import { type AbbreviationClass, type RawToken, type TokenizerResources, tokenize } from './02-tokenize.js';
import { findDateline } from './03-dateline.js';
import { type SentenceResources, splitSentences } from './04-sentences.js';

export interface TextResources extends TokenizerResources, SentenceResources {}

/** Prefixes that UD English keeps joined to the following word with their hyphen. */
const JOINED_PREFIXES = [
  'e',
  're',
  'co',
  'pre',
  'non',
  'anti',
  'pro',
  'ex',
  'self',
  'mid',
  'multi',
  'post',
  'semi',
  'vice',
  'inter',
  'cross',
  'sub',
  'counter',
  'ultra',
  'neo',
  'pan',
  'bi',
  'tri',
  'un',
  'de',
  'mis',
  'over',
  'under',
];
const UNIT_SUFFIXES = [
  'bn',
  'm',
  'mn',
  'k',
  'km',
  'kg',
  'mm',
  'cm',
  'ml',
  'mg',
  'am',
  'pm',
  'a.m',
  'p.m',
  'mph',
  'kph',
  'lb',
  'lbs',
  'ft',
  'tn',
  'gb',
  'mb',
  'kb',
  'tb',
  'ghz',
  'mhz',
  'kw',
  'mw',
  'gw',
  'kwh',
  'hrs',
  'hr',
  'min',
  'sec',
  'bln',
  'mln',
  'trn',
  'yo',
];

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function loadTextResources(dataDir: string): TextResources {
  const abbreviations = new Map<string, AbbreviationClass>();
  for (const line of readLines(join(dataDir, 'text/abbreviations.tsv'))) {
    const [form, cls] = line.split('\t');
    if (form && cls) abbreviations.set(form, cls as AbbreviationClass);
  }
  return {
    abbreviations,
    joinedPrefixes: new Set(JOINED_PREFIXES),
    unitSuffixes: new Set(UNIT_SUFFIXES),
    starters: new Set(readLines(join(dataDir, 'text/sentence-starters.txt'))),
  };
}

export interface TextAnalysis {
  paragraphs: { start: number; end: number }[];
  tokens: Token[];
  sentences: { start: number; end: number }[];
  dateline: Dateline | null;
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
  const { sentences, sentenceOf } = splitSentences(text, raw, paragraphs, forced, res);
  const tokens = raw.map((r, i) => toToken(r, sentenceOf[i]));
  return { paragraphs, tokens, sentences, dateline };
}

function toToken(r: RawToken, sentence: number): Token {
  const t: Token = { start: r.start, end: r.end, text: r.text, sentence, spaceAfter: r.spaceAfter };
  if (r.norm !== undefined) t.norm = r.norm;
  return t;
}

export const textStage = defineStage<TextResources>({
  name: 'text',
  needs: [],
  adds: ['paragraphs', 'tokens', 'sentences'],
  load: (ctx) => loadTextResources(ctx.dataDir),
  run(doc: Doc, res: TextResources): Doc {
    const a = analyzeText(doc.text, res);
    return withLayers(doc, ['paragraphs', 'tokens', 'sentences'], {
      paragraphs: a.paragraphs,
      tokens: a.tokens,
      sentences: a.sentences,
      dateline: a.dateline,
    });
  },
});
