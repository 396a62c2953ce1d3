// The entities stage: named-entity mentions (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, MISC)
// from a trained averaged-perceptron BILOU tagger over the document's tokens, with gazetteer,
// word-cluster and document-history features, then document-level consistency and fine typing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type Doc, type ExplainNote, withExplain, withLayers } from '../doc/doc.js';
import type { Entity } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import { defineStage } from '../pipeline/stage.js';
import { parseWordLexicon } from './01-words.js';
import { GAZ_CLASSES, GAZ_INDEX, type GazClass, GazetteerBuilder, lookupPhrase } from './02-gazetteer.js';
import { type FeatureResources, WordVectors } from './03-features.js';
import { decodeModel, MODEL_TYPES, N_LABELS, type NerModel } from './04-model.js';
import { decodeEntities, type TokenSpanEntity } from './05-tag.js';
import { fineType, parseHeads, parsePlaces, type TypingResources } from './06-types.js';
import { harmonisePersons } from './07-consistency.js';
import { RunWords, tagRun } from './08-run.js';

export interface EntityResources {
  features: FeatureResources;
  typing: TypingResources;
  model: NerModel;
  /** Words that make no name on their own (data/entities/not-names.txt). */
  notNames: ReadonlySet<string>;
  /** Lower-case words that may sit inside a name (data/entities/name-linkers.txt). */
  linkers: ReadonlySet<string>;
  /** Words that never continue a name in a headline (data/entities/headline-breakers.txt). */
  breakers: ReadonlySet<string>;
  /** Titles and roles written before a person's name (data/entities/person-titles.txt). */
  personTitles: ReadonlySet<string>;
  /** Per-word weight sums and token infos, filled as documents are tagged (a cache). */
  words: WordVectors;
  /** Run-time words: everything derived from a form alone, filled as documents are tagged (a cache). */
  runWords: RunWords;
}

export const NER_MODEL_FILE = 'models/ner.bin.gz';
export const NER_WORDS_FILE = 'models/ner-words.tsv.gz';
/** The generated lists of data/entities/gazetteers/, compiled (scripts/build-ner-gazetteers.ts). */
export const GAZETTEER_FILE = 'entities/gazetteers.bin.gz';

/** Lexicon and gazetteer: what feature extraction needs (also used by the training script). */
export function loadFeatureResources(dataDir: string): FeatureResources & Omit<TypingResources, 'gazetteer'> {
  const wordsPath = join(dataDir, NER_WORDS_FILE);
  const lexicon = existsSync(wordsPath)
    ? parseWordLexicon(gunzipSync(readFileSync(wordsPath)).toString('utf8'))
    : new Map();
  const g = new GazetteerBuilder();
  const gazDir = join(dataDir, 'entities/gazetteers');
  const compiled = join(dataDir, GAZETTEER_FILE);
  if (existsSync(compiled)) g.addBinary(gunzipSync(readFileSync(compiled)));
  else if (existsSync(gazDir))
    for (const f of readdirSync(gazDir).sort()) {
      const cls = basename(f, '.txt') as GazClass;
      if (f.endsWith('.txt') && (GAZ_CLASSES as readonly string[]).includes(cls))
        g.addLines(readFileSync(join(gazDir, f), 'utf8'), cls);
    }
  const hand = (f: string) => {
    const p = join(dataDir, 'entities', f);
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  };
  g.addLines(hand('norp.txt'), 'norp');
  const heads = parseHeads(hand('heads.tsv'));
  for (const [word, rules] of heads) if (rules.some((r) => r.type === 'ORG')) g.add(word, 'org-head');
  const places = parsePlaces(hand('places.tsv'));
  for (const [name, type] of places) g.add(name, type === 'GPE' ? 'region' : 'loc');
  return { lexicon, gazetteer: g.build(), heads, places };
}

/** A one-word-per-line list of data/entities/ (lower-cased; `#` comments), empty if absent. */
export function readWordList(dataDir: string, file: string): Set<string> {
  const set = new Set<string>();
  const path = join(dataDir, 'entities', file);
  if (existsSync(path))
    for (const line of readFileSync(path, 'utf8').split('\n'))
      if (line.trim() && !line.startsWith('#')) set.add(line.trim().toLowerCase());
  return set;
}

export function loadEntityResources(dataDir: string): EntityResources {
  const modelPath = join(dataDir, NER_MODEL_FILE);
  if (!existsSync(modelPath))
    throw new EventwireError('resources', `NER model not found at ${modelPath} (run npm run train:ner)`);
  const { lexicon, gazetteer, heads, places } = loadFeatureResources(dataDir);
  const wordList = (file: string) => readWordList(dataDir, file);
  const notNames = wordList('not-names.txt');
  const linkers = wordList('name-linkers.txt');
  const model = decodeModel(readFileSync(modelPath));
  const breakers = wordList('headline-breakers.txt');
  const features = { lexicon, gazetteer };
  const words = new WordVectors(model, N_LABELS);
  return {
    notNames,
    linkers,
    breakers,
    personTitles: wordList('person-titles.txt'),
    features,
    typing: { gazetteer, heads, places },
    model,
    words,
    runWords: new RunWords(words, features, { linkers, breakers }),
  };
}

/** An entity over a pre-tokenized sentence: token range [start, end). */
export interface TokenEntity {
  start: number;
  end: number;
  type: string;
  /** The model's CoNLL-2003 type (PER, ORG, LOC, MISC). */
  coarse: string;
  confidence: number;
  reason: string;
}

/**
 * Tag the sentences of one document given as token forms (e.g. CoNLL or UD tokens); the
 * sentences are read in order as one document (history and consistency span them all).
 */
export function tagTokenSentences(sentences: readonly (readonly string[])[], res: EntityResources): TokenEntity[][] {
  const { tokens, tagged } = tagRun(sentences, res.runWords, res.words, res.model, res.features.gazetteer);
  const spans: TokenSpanEntity[][] = tagged.map((t) => decodeEntities(t, res.model));
  for (let s = 0; s < spans.length; s++) if (spans[s].length > 0) personsAfterTitles(sentences[s], spans[s], res);
  harmonisePersons(tokens, spans);
  for (let s = 0; s < spans.length; s++) joinHyphenatedNames(sentences[s], spans[s], res);
  return spans.map((ents, s) =>
    ents.length === 0
      ? []
      : ents
          .filter((e) => !onlyNotNames(sentences[s], e, res.notNames) && trimTitles(sentences[s], e, res))
          .map((e) => {
            const coarse = MODEL_TYPES[e.type];
            const fine = fineType(coarse, sentences[s].slice(e.start, e.end), res.typing);
            return {
              start: e.start,
              end: e.end,
              type: fine.type,
              coarse,
              confidence: e.confidence,
              reason: fine.reason,
            };
          }),
  );
}

/**
 * Two names joined by a hyphen with no spaces ("Asia" "-" "Pacific") become one when the whole
 * is a listed name; otherwise they stay apart ("Japan-North Korea talks"). In place.
 */
function joinHyphenatedNames(forms: readonly string[], ents: TokenSpanEntity[], res: EntityResources): void {
  for (let k = 0; k + 1 < ents.length; k++) {
    const a = ents[k];
    const b = ents[k + 1];
    if (b.start !== a.end + 1 || forms[a.end] !== '-') continue;
    const words = forms.slice(a.start, b.end).map((w) => w.toLowerCase());
    const joined = [words.join('')];
    if (lookupPhrase(res.features.gazetteer, words) === 0 && lookupPhrase(res.features.gazetteer, joined) === 0)
      continue;
    ents.splice(k, 2, { start: a.start, end: b.end, type: a.type, confidence: Math.min(a.confidence, b.confidence) });
    k--;
  }
}

/**
 * A name of two or three words right after a person's title or role ("envoy Yoshiki Mine",
 * "President Luiz Lula") is a person, unless the name is a listed place or organisation or
 * ends in an organisation word ("Foreign Ministry"). In place.
 */
function personsAfterTitles(forms: readonly string[], ents: TokenSpanEntity[], res: EntityResources): void {
  for (const e of ents) {
    if (e.type === PER_TYPE || e.start === 0 || e.end - e.start < 2 || e.end - e.start > 3) continue;
    const before = forms[e.start - 1].toLowerCase().replace(/\.$/, '');
    if (!res.personTitles.has(before)) continue;
    const words = forms.slice(e.start, e.end).map((w) => w.toLowerCase());
    if (lookupPhrase(res.features.gazetteer, words) & NOT_PERSON_LISTS) continue;
    if (res.typing.heads.has(words[words.length - 1])) continue;
    if (!forms.slice(e.start, e.end).every((w) => /^\p{Lu}\p{Ll}/u.test(w))) continue;
    e.type = PER_TYPE;
  }
}

const PER_TYPE = MODEL_TYPES.indexOf('PER');
const NOT_PERSON_LISTS =
  (1 << GAZ_INDEX.country) |
  (1 << GAZ_INDEX.region) |
  (1 << GAZ_INDEX.city) |
  (1 << GAZ_INDEX.org) |
  (1 << GAZ_INDEX.loc) |
  (1 << GAZ_INDEX.fac) |
  (1 << GAZ_INDEX.event);

/**
 * A person name does not start with a title ("Minister", "President"): leading title words are
 * cut off; when what is left starts with a linker ("Minister Of The Republic"), it was no name.
 * Returns false to drop the entity. In place.
 */
function trimTitles(forms: readonly string[], e: TokenSpanEntity, res: EntityResources): boolean {
  if (MODEL_TYPES[e.type] !== 'PER') return true;
  const bare = (w: string) => {
    const l = w.toLowerCase();
    return l.endsWith('.') ? l.slice(0, -1) : l;
  };
  let start = e.start;
  while (start < e.end && res.notNames.has(bare(forms[start]))) start++;
  if (start === e.start) return true;
  if (start >= e.end || res.linkers.has(bare(forms[start]))) return false;
  e.start = start;
  return true;
}

/** Whether every word of the entity is a title, weekday or month ("Prime Minister", "Thursday"). */
function onlyNotNames(forms: readonly string[], e: TokenSpanEntity, notNames: ReadonlySet<string>): boolean {
  for (let i = e.start; i < e.end; i++) {
    const w = forms[i].toLowerCase();
    if (!notNames.has(w.endsWith('.') ? w.slice(0, -1) : w)) return false;
  }
  return true;
}

/**
 * The document's token forms grouped by sentence (tokens are in text order), with the index of
 * each group's first token: one pass over the tokens.
 */
function formsBySentence(doc: Doc): { forms: string[][]; firsts: number[] } {
  const forms: string[][] = [];
  const firsts: number[] = [];
  const toks = doc.tokens;
  const nS = doc.sentences.length;
  let cur: string[] = [];
  let curS = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const s = t.sentence;
    if (s < 0 || s >= nS) continue;
    if (s !== curS) {
      cur = [];
      forms.push(cur);
      firsts.push(i);
      curS = s;
    }
    cur.push(t.norm ?? t.text);
  }
  return { forms, firsts };
}

export const entitiesStage = defineStage<EntityResources>({
  name: 'entities',
  needs: ['tokens', 'sentences'],
  adds: ['entities'],
  load: (ctx) => loadEntityResources(ctx.dataDir),
  run(doc, res, ctx) {
    const { forms, firsts } = formsBySentence(doc);
    const tagged = tagTokenSentences(forms, res);
    const entities: Entity[] = [];
    const notes: ExplainNote[] = [];
    tagged.forEach((ents, s) => {
      for (const e of ents) {
        const first = doc.tokens[firsts[s] + e.start];
        const last = doc.tokens[firsts[s] + e.end - 1];
        const text = doc.text.slice(first.start, last.end);
        entities.push({ start: first.start, end: last.end, text, type: e.type, confidence: e.confidence });
        if (ctx.explain)
          notes.push({
            sentence: first.sentence,
            stage: 'entities',
            message: `"${text}" ${e.type}: model ${e.coarse} (confidence ${e.confidence.toFixed(2)}), ${e.reason}`,
          });
      }
    });
    return withExplain(withLayers(doc, ['entities'], { entities }), notes);
  },
});

export { MODEL_TYPES } from './04-model.js';
