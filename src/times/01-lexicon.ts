// Step 1: the word lists of data/times/lexicon/*.tsv compiled into one character trie, so
// that phrases ("new year's day", "at least", "right now") are found by walking the
// pieces of the text once, whatever the tokenizer did with their spaces and hyphens.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LexEntry {
  cls: string;
  value: string;
  /** The phrase counts only when its first letter is a capital in the text. */
  cap: boolean;
}

export interface TrieNode {
  next: Map<number, TrieNode>;
  entries: LexEntry[] | null;
}

export type Tense = 'PAST' | 'PRESENT' | 'FUTURE';

export interface Lexicon {
  root: TrieNode;
  /** Every class name that some entry has (for checking the rules). */
  classes: Set<string>;
  /** Words that tell a clause's tense (tense.tsv). */
  tense: Map<string, Tense>;
  /** Words or phrases that decide the direction when right before an expression ("by", "since");
   * the `first` ones even for a weekday whose clause says otherwise ("as early as Tuesday"). */
  tenseBefore: Map<string, { tense: Tense; first: boolean }>;
  /** Words that tell the tense when "to" follows ("planned to"). */
  tenseTo: Map<string, Tense>;
  /** First words of the phrases of each class ("new" for "new year's day"). */
  firstWords: Map<string, Set<string>>;
  size: number;
}

/** The trie key of a phrase: lower case, spaces removed, curly apostrophes straightened. */
export function lexKey(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase()) {
    if (ch === ' ' || ch === '\t') continue;
    out += ch === '’' || ch === '‘' || ch === 'ʼ' ? "'" : ch;
  }
  return out;
}

function newNode(): TrieNode {
  return { next: new Map(), entries: null };
}

export function addEntry(lex: Lexicon, phrase: string, entry: LexEntry): void {
  const key = lexKey(phrase);
  if (key === '') return;
  let node = lex.root;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let n = node.next.get(c);
    if (!n) {
      n = newNode();
      node.next.set(c, n);
    }
    node = n;
  }
  node.entries ??= [];
  if (!node.entries.some((e) => e.cls === entry.cls && e.value === entry.value)) {
    node.entries.push(entry);
    lex.size++;
  }
  lex.classes.add(entry.cls);
}

/** The trie node of a whole word or phrase key, or null. */
function nodeOf(lex: Lexicon, key: string): TrieNode | null {
  let node: TrieNode | undefined = lex.root;
  for (let i = 0; i < key.length && node; i++) node = node.next.get(key.charCodeAt(i));
  return node ?? null;
}

/** Classes of names written with a capital whatever their flags (English spelling). */
const PROPER_CLASSES = new Set(['MONTH', 'MONTH_ABBR', 'MONTH_AMB', 'WEEKDAY', 'WEEKDAYS', 'HOLIDAY', 'ZONE']);

function anyCap(node: TrieNode): boolean {
  if (node.entries?.some((e) => e.cap || PROPER_CLASSES.has(e.cls))) return true;
  for (const n of node.next.values()) if (anyCap(n)) return true;
  return false;
}

/**
 * How a word is written in the lexicon: 'lower' when it is an entry of its own and starts no
 * phrase written with a capital ("week", "today", "minutes"), 'cap' when it is or starts
 * one or is a name ("March", "Friday", "EST", "new" of "New Year's Day"), null when it is
 * no entry.
 */
export function wordCase(lex: Lexicon, word: string): 'lower' | 'cap' | null {
  const node = nodeOf(lex, lexKey(word));
  if (!node) return null;
  if (anyCap(node)) return 'cap';
  return node.entries && node.entries.length > 0 ? 'lower' : null;
}

/** Words too common to tell a phrase apart ("the future" is known by "future"). */
const COMMON_WORDS = new Set([
  'the',
  'a',
  'an',
  'in',
  'of',
  'at',
  'on',
  'to',
  'and',
  'or',
  'for',
  'by',
  'with',
  'from',
]);

/** A word every occurrence of the phrase contains, as a token: its first uncommon one. */
export function firstWord(phrase: string): string {
  const words = phrase
    .toLowerCase()
    .split(/[\s\-–—]+/)
    .map((w) => lexKey(w).replace(/'s$/, ''))
    .filter((w) => w !== '');
  return words.find((w) => !COMMON_WORDS.has(w)) ?? words[0] ?? '';
}

/** Rows of a tab-separated data file: comments (#) and blank lines skipped. */
export function readRows(path: string): string[][] {
  const rows: string[][] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    rows.push(line.split('\t'));
  }
  return rows;
}

/** Load every lexicon/*.tsv (phrase, CLASS, value, flags) and tense.tsv. */
export function loadLexicon(dir: string): Lexicon {
  const lex: Lexicon = {
    root: newNode(),
    classes: new Set(),
    tense: new Map(),
    tenseBefore: new Map(),
    tenseTo: new Map(),
    firstWords: new Map(),
    size: 0,
  };
  const lexDir = join(dir, 'lexicon');
  for (const file of readdirSync(lexDir).sort()) {
    if (!file.endsWith('.tsv')) continue;
    if (file === 'tense.tsv') {
      for (const [word, tense, flag] of readRows(join(lexDir, file)))
        if (word && (tense === 'PAST' || tense === 'PRESENT' || tense === 'FUTURE'))
          if (flag === 'before' || flag === 'first')
            lex.tenseBefore.set(word.toLowerCase(), { tense, first: flag === 'first' });
          else (flag === 'to' ? lex.tenseTo : lex.tense).set(lexKey(word), tense);
      continue;
    }
    for (const [phrase, cls, value = '', flags = ''] of readRows(join(lexDir, file))) {
      if (!phrase || !cls) continue;
      addEntry(lex, phrase, { cls, value, cap: flags.split(',').includes('cap') });
      let words = lex.firstWords.get(cls);
      if (!words) lex.firstWords.set(cls, (words = new Set()));
      words.add(firstWord(phrase));
    }
  }
  return lex;
}
