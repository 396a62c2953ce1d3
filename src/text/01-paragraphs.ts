// Step 1: paragraphs. A blank line always ends a paragraph. A single line break ends one too
// (wire copy puts one paragraph per line), unless the text is hard-wrapped (lines of bounded
// length, most ending mid-sentence): then only blank lines separate paragraphs.
import type { Paragraph } from '../doc/types.js';

const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x2028 || c === 0x2029;

const isBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Split `text` into paragraphs with leading/trailing whitespace trimmed. */
export function splitParagraphs(text: string): Paragraph[] {
  const lines: Paragraph[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let j = i;
    while (j < n && !isBreak(text.charCodeAt(j))) j++;
    lines.push({ start: i, end: j });
    // one line break (\r\n counts as one)
    if (j < n && text.charCodeAt(j) === 13 && j + 1 < n && text.charCodeAt(j + 1) === 10) j++;
    i = j + 1;
  }
  const hardWrapped = looksHardWrapped(text, lines);
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  for (const line of lines) {
    const t = trim(text, line);
    if (t.start >= t.end) {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    if (cur && hardWrapped) cur = { start: cur.start, end: t.end };
    else {
      if (cur) out.push(cur);
      cur = t;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function trim(text: string, s: Paragraph): Paragraph {
  let a = s.start;
  let b = s.end;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return { start: a, end: b };
}

/** Hard-wrapped text: most non-blank lines are of similar, bounded length and many end mid-sentence. */
function looksHardWrapped(text: string, lines: Paragraph[]): boolean {
  let count = 0;
  let midSentence = 0;
  let long = 0;
  for (const l of lines) {
    const t = trim(text, l);
    const len = t.end - t.start;
    if (len === 0) continue;
    count++;
    if (len > 100) long++;
    const last = text[t.end - 1];
    if (!/[.!?:"'”’)\]]/.test(last)) midSentence++;
  }
  return count >= 4 && long === 0 && midSentence / count > 0.5;
}
