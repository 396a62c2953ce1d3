// Step 4: sentence boundaries over the tokens of each paragraph. A sentence ends at . ! ? …
// (with the closing quotes and brackets that follow) when the next token can start a
// sentence; abbreviations end one only before a clear sentence starter; titles never do.
// Paragraph ends and datelines always end a sentence.
import type { Paragraph, Span } from '../doc/types.js';
import type { RawToken } from './02-tokenize.js';

export interface SentenceResources {
  /** Capitalised words that show a new sentence after an ambiguous abbreviation. */
  starters: ReadonlySet<string>;
}

const TERMINAL = /^(\.+|[!?]+[!?.]*|…|\.\.\.)$/;
const CLOSING = new Set([')', ']', '}', '”', '’', '»', "''"]);

/**
 * Group token indices into sentences. `forcedBreaks` holds token indices after which a
 * sentence must end (datelines). Returns spans over the text.
 */
export function splitSentences(
  text: string,
  tokens: readonly RawToken[],
  paragraphs: readonly Paragraph[],
  forcedBreaks: ReadonlySet<number>,
  res: SentenceResources,
): { sentences: Span[]; sentenceOf: Int32Array } {
  const sentences: Span[] = [];
  const sentenceOf = new Int32Array(tokens.length);
  let t = 0;
  for (const p of paragraphs) {
    const first = t;
    while (t < tokens.length && tokens[t].start < p.end) t++;
    const last = t; // exclusive
    let s = first;
    for (let k = first; k < last; k++) {
      let end = -1;
      if (forcedBreaks.has(k)) end = k;
      else if (isBoundary(tokens, k, last, res)) {
        end = k;
        // absorb closing quotes and brackets
        while (end + 1 < last && isCloser(tokens[end + 1])) end++;
        // a closing quote followed by lower case continues the sentence ("Stop!" he said)
        if (end + 1 < last && startsLower(tokens[end + 1].text)) end = -1;
      }
      if (end >= 0) {
        push(sentences, sentenceOf, tokens, s, end + 1);
        s = end + 1;
        k = end;
      }
    }
    if (s < last) push(sentences, sentenceOf, tokens, s, last);
  }
  void text;
  return { sentences, sentenceOf };
}

function push(sentences: Span[], sentenceOf: Int32Array, tokens: readonly RawToken[], a: number, b: number): void {
  const idx = sentences.length;
  for (let i = a; i < b; i++) sentenceOf[i] = idx;
  sentences.push({ start: tokens[a].start, end: tokens[b - 1].end });
}

function isCloser(tok: RawToken): boolean {
  return tok.quote === 'close' || CLOSING.has(tok.text);
}

function startsLower(w: string): boolean {
  const c = w[0];
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

function startsUpperOrDigit(w: string): boolean {
  const c = w[0];
  if (c >= '0' && c <= '9') return true;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Is token k the last of a sentence (before closing quotes/brackets)? */
function isBoundary(tokens: readonly RawToken[], k: number, last: number, res: SentenceResources): boolean {
  const tok = tokens[k];
  let next = k + 1;
  while (next < last && isCloser(tokens[next])) next++;
  if (tok.abbrev) {
    if (tok.abbrev === 'title' || tok.abbrev === 'number' || tok.abbrev === 'initial') return false;
    if (next >= last) return true;
    const n = tokens[next];
    if (n.quote === 'open') return true;
    return res.starters.has(n.text);
  }
  if (!TERMINAL.test(tok.text)) return false;
  if (next >= last) return true;
  const n = tokens[next];
  // "... said Mr. Smith" / "3.5 p.m. on" : lower case continues
  if (startsLower(n.text)) return false;
  if (n.quote === 'open' || n.text === '(' || n.text === '[') return true;
  if (startsUpperOrDigit(n.text)) return true;
  // other scripts, symbols: a boundary unless it is punctuation that continues
  return !/^[,;:)\]}.]/.test(n.text);
}
