// Loading the committed models (data/models/*.bin.gz) into their run-time form.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getLinear, linearArrays, linearFromArrays, type ModelFile, readModelFile, sliceClasses } from './02-linear.js';
import { Lexicon, lexiconFromText } from './03-lexicon.js';
import type { TagDictionary, TaggerModel } from './04-tagger.js';
import type { ParserModel } from './06-parser.js';

export const MODEL_FILES = {
  lexicon: 'models/lexicon.bin.gz',
  tagger: 'models/tagger.bin.gz',
  parser: 'models/parser.bin.gz',
} as const;

export function modelPath(dataDir: string, name: keyof typeof MODEL_FILES): string {
  const p = join(dataDir, MODEL_FILES[name]);
  if (!existsSync(p)) throw new Error(`model file ${p} is missing (rebuild with npm run train:tagger / train:parser)`);
  return p;
}

export function loadLexicon(dataDir: string): Lexicon {
  const f = readModelFile(modelPath(dataDir, 'lexicon'));
  return new Lexicon(
    lexiconFromText({
      exceptions: String(f.meta.exceptions),
      rules: String(f.meta.rules),
      vocab: String(f.meta.vocab),
    }),
  );
}

export function tagDictionaryToText(d: TagDictionary): string {
  const lines: string[] = [];
  for (const [w, a] of d.ambiguity) lines.push(`${w}\t${a}\t${d.sure.get(w) ?? -1}\t${d.frequent.has(w) ? 1 : 0}`);
  return lines.join('\n');
}

export function tagDictionaryFromText(t: string): TagDictionary {
  const ambiguity = new Map<string, number>();
  const sure = new Map<string, number>();
  const frequent = new Set<string>();
  for (const line of t.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3 || cols[0] === '') continue;
    const w = cols[0];
    ambiguity.set(w, Number(cols[1]));
    const s = Number(cols[2]);
    if (s >= 0) sure.set(w, s);
    if (cols[3] !== '0') frequent.add(w);
  }
  return { ambiguity, sure, frequent };
}

export function taggerFromFile(f: ModelFile): TaggerModel {
  const classes = f.meta.classes as string[];
  return {
    classes,
    upos: classes.map((c) => c.split('|')[0]),
    xpos: classes.map((c) => c.split('|')[1]),
    scorer: getLinear(f, 'tagger'),
    scorer2: f.arrays['tagger2.keys'] ? getLinear(f, 'tagger2') : undefined,
    dict: tagDictionaryFromText(String(f.meta.dictionary)),
  };
}

export function loadTaggerModel(dataDir: string): TaggerModel {
  return taggerFromFile(readModelFile(modelPath(dataDir, 'tagger')));
}

export function parserFromFile(f: ModelFile): ParserModel {
  const labels = f.meta.labels as string[];
  const L = labels.length;
  return {
    labels,
    rootLabel: labels.indexOf('root'),
    moves: getLinear(f, 'moves'),
    // stored by direction (each in its table order), or whole (files written before)
    arcsByDirection: f.arrays['arcs0.keys']
      ? [getLinear(f, 'arcs0'), getLinear(f, 'arcs1')]
      : [
          linearFromArrays(sliceClasses(linearArrays(f, 'arcs'), 0, L)),
          linearFromArrays(sliceClasses(linearArrays(f, 'arcs'), L, 2 * L)),
        ],
    tagCategory: f.arrays.tagCategory as Uint8Array | undefined,
  };
}

export function loadParserModel(dataDir: string): ParserModel {
  return parserFromFile(readModelFile(modelPath(dataDir, 'parser')));
}
