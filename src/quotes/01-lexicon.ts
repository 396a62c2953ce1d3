// The cue lexicon (data/quotes/cues.tsv) and the channel phrases (data/quotes/via.tsv),
// compiled once per pipeline into maps keyed by lemma / first word.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `other`: a cue known only from the learned frames (attitudes, evidence: "praised", "shows"). */
export type CueClass = 'speech' | 'cognition' | 'intent' | 'nominal' | 'other';
export type Frame = 'ccomp' | 'xcomp' | 'obj' | 'quote';

export interface CueEntry {
  lemma: string;
  cls: CueClass;
  frames: ReadonlySet<Frame>;
}

export interface ViaPhrase {
  words: string[];
  kind: 'after' | 'addressee';
  /** strong: any organization after it is the channel; weak: only a news medium. */
  strong: boolean;
}

export interface QuoteLexicon {
  cues: ReadonlyMap<string, CueEntry>;
  /** Phrases by their first word. */
  via: ReadonlyMap<string, ViaPhrase[]>;
  /** Nouns that name a medium on their own ("Twitter", "television"). */
  media: ReadonlySet<string>;
  /**
   * Learned frames (data/quotes/cue-frames.tsv): lemma -> relation -> the share of its
   * occurrences that carried attributed content in the training annotations.
   */
  frames: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Relations that never carry content (kept out of the learned frames at load time). */
const NO_CONTENT = new Set([
  'punct',
  'discourse',
  'vocative',
  'reparandum',
  'dislocated',
  'nsubj',
  'csubj',
  'cc',
  'det',
  'case',
  'mark',
  'aux',
  'cop',
  'compound',
  'goeswith',
  'orphan',
  'dep',
  'list',
]);

function lines(path: string): string[][] {
  return existsSync(path) ? tsvRows(readFileSync(path, 'utf8')) : [];
}

const CLASSES = new Set<CueClass>(['speech', 'cognition', 'intent', 'nominal']);
const FRAMES = new Set<Frame>(['ccomp', 'xcomp', 'obj', 'quote']);

/** Parse the cue table (exported for tests that check the data file). */
export function parseCues(rows: string[][]): Map<string, CueEntry> {
  const cues = new Map<string, CueEntry>();
  for (const [lemma, cls, frames] of rows) {
    if (!lemma || !CLASSES.has(cls as CueClass)) continue;
    const key = lemma.trim().toLowerCase();
    const fs = new Set<Frame>();
    for (const f of (frames ?? '').split(',')) if (FRAMES.has(f.trim() as Frame)) fs.add(f.trim() as Frame);
    const prev = cues.get(key);
    if (prev) for (const f of prev.frames) fs.add(f);
    cues.set(key, { lemma: key, cls: (prev?.cls ?? cls) as CueClass, frames: fs });
  }
  return cues;
}

/** The learned frames of data/quotes/cue-frames.tsv (rows of lemma, relation, attributions, occurrences, rate). */
export function parseFrames(rows: string[][]): Map<string, Map<string, number>> {
  const frames = new Map<string, Map<string, number>>();
  for (const [lemma, rel, , , rate] of rows) {
    const r = Number(rate);
    if (!lemma || !rel || !Number.isFinite(r)) continue;
    // a passive cue's subject is its content ("X was reported by Y"); other subjects are speakers
    if (rel !== 'nsubj:pass' && NO_CONTENT.has(rel.replace(/^\^/, '').split(':')[0])) continue;
    let m = frames.get(lemma);
    if (!m) frames.set(lemma, (m = new Map()));
    m.set(rel, r);
  }
  return frames;
}

/** Rows of a tab-separated text (comments and blank lines left out). */
export function tsvRows(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function loadQuoteLexicon(dataDir: string): QuoteLexicon {
  const dir = join(dataDir, 'quotes');
  const cues = parseCues(lines(join(dir, 'cues.tsv')));
  const frames = parseFrames(lines(join(dir, 'cue-frames.tsv')));
  const via = new Map<string, ViaPhrase[]>();
  for (const [phrase, kind, strength] of lines(join(dir, 'via.tsv'))) {
    if (!phrase || (kind !== 'after' && kind !== 'addressee')) continue;
    const words = phrase.toLowerCase().split(/\s+/);
    const list = via.get(words[0]) ?? [];
    list.push({ words, kind, strong: strength !== 'weak' });
    via.set(words[0], list);
  }
  for (const list of via.values()) list.sort((a, b) => b.words.length - a.words.length);
  const media = new Set(lines(join(dir, 'media.txt')).map((r) => r[0].trim().toLowerCase()));
  return { cues, via, media, frames };
}
