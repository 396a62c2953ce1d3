// Quotation segments: the stretches of text between matching quotation marks, found in one
// linear pass per paragraph. Only the outermost level counts (a ‘single’ quote inside a
// “double” one is nested and left alone). Styles: “curly”, "straight", „German“, «guillemets»,
// ‹single guillemets›, ''doubled apostrophes'' and ``TeX'', ‘curly single’, 'straight single'
// (the British style in plain text, told from apostrophes by where it stands), 「corner」 brackets.
// An opening mark without its closing mark in the paragraph is dropped, unless the next
// paragraph opens with a quotation mark: then the quote runs on (the news convention for a
// quote of several paragraphs), and each paragraph's piece is a segment linked to the next.
import type { Paragraph } from '../doc/types.js';

export interface QuoteSegment {
  /** Content, without the marks. */
  start: number;
  end: number;
  /** With the marks. */
  outerStart: number;
  outerEnd: number;
  /** The quote goes on in the next segment (next paragraph, no closing mark here). */
  continues: boolean;
  /** This segment continues the previous one. */
  continued: boolean;
}

enum Family {
  None = 0,
  Double = 1,
  Single = 2,
  Guillemet = 3,
  SingleGuillemet = 4,
  Corner = 5,
  Straight = 6,
  Doubled = 7,
  StraightSingle = 8,
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x370 && c <= 0x1fff)
  );
}

/** Opening punctuation after which a quotation mark opens: ( [ — – / */
function isOpenContext(c: number): boolean {
  return isSpace(c) || c === 40 || c === 91 || c === 0x2014 || c === 0x2013 || c === 45 || c === 47 || c === 58;
}

interface Mark {
  family: Family;
  /** Length in UTF-16 units (2 for '' and ``). */
  len: number;
  /** 1 opens, 2 closes, 3 either (decided by context and state). */
  role: 1 | 2 | 3;
}

function markAt(text: string, i: number): Mark | null {
  const c = text.charCodeAt(i);
  switch (c) {
    case 0x201c: // “ opens (closes after „)
      return { family: Family.Double, len: 1, role: 3 };
    case 0x201d: // ” closes (opens in some styles)
      return { family: Family.Double, len: 1, role: 3 };
    case 0x201e: // „
      return { family: Family.Double, len: 1, role: 1 };
    case 0x22: // "
      return { family: Family.Straight, len: 1, role: 3 };
    case 0x27: // ''
      if (text.charCodeAt(i + 1) === 0x27) return { family: Family.Doubled, len: 2, role: 3 };
      return { family: Family.StraightSingle, len: 1, role: 3 };
    case 0x60: // ``
      if (text.charCodeAt(i + 1) === 0x60) return { family: Family.Doubled, len: 2, role: 1 };
      return null;
    case 0xab: // «
      return { family: Family.Guillemet, len: 1, role: 1 };
    case 0xbb: // »
      return { family: Family.Guillemet, len: 1, role: 2 };
    case 0x2039: // ‹
      return { family: Family.SingleGuillemet, len: 1, role: 1 };
    case 0x203a: // ›
      return { family: Family.SingleGuillemet, len: 1, role: 2 };
    case 0x2018: // ‘
      return { family: Family.Single, len: 1, role: 1 };
    case 0x2019: // ’ closes a single quote; an apostrophe inside a word or after s
      return { family: Family.Single, len: 1, role: 2 };
    case 0x300c: // 「
      return { family: Family.Corner, len: 1, role: 1 };
    case 0x300d: // 」
      return { family: Family.Corner, len: 1, role: 2 };
    default:
      return null;
  }
}

/** Whether the mark at [i, i+len) is placed like an opening mark (space before, word after). */
function looksOpening(text: string, i: number, len: number, paraStart: number): boolean {
  const before = i > paraStart ? text.charCodeAt(i - 1) : 32;
  const after = i + len < text.length ? text.charCodeAt(i + len) : 32;
  return isOpenContext(before) && !isSpace(after);
}

/** Whether the mark is placed like a closing mark (no space before). */
function looksClosing(text: string, i: number, len: number, paraStart: number): boolean {
  const before = i > paraStart ? text.charCodeAt(i - 1) : 32;
  const after = i + len < text.length ? text.charCodeAt(i + len) : 32;
  return !isSpace(before) && !isWordChar(after);
}

/**
 * Whether a straight ' opens a quote: after a space, an opening bracket or the paragraph's start,
 * before a letter or digit that is not an elision ('s, 'n', 'em, '90s, 'til).
 */
function straightSingleOpens(text: string, i: number, paraStart: number, paraEnd: number): boolean {
  if (!looksOpening(text, i, 1, paraStart) || i + 1 >= paraEnd || !isWordChar(text.charCodeAt(i + 1))) return false;
  let j = i + 1;
  while (j < paraEnd && j < i + 5 && isWordChar(text.charCodeAt(j))) j++;
  const word = text.slice(i + 1, j).toLowerCase();
  if (j < paraEnd && isWordChar(text.charCodeAt(j))) return true;
  return !ELISIONS.has(word) && !/^\d\ds?$/.test(word);
}

const ELISIONS = new Set([
  's',
  'n',
  't',
  'em',
  'til',
  'tis',
  'twas',
  'cause',
  'bout',
  'round',
  'd',
  'll',
  're',
  've',
  'm',
]);

/**
 * Whether a straight ' closes an open straight single quote: not inside a word ("don't"), not
 * after a space, and not the apostrophe of a plural possessive before a word ("the workers' union").
 */
function straightSingleCloses(text: string, i: number, paraStart: number, paraEnd: number): boolean {
  if (i <= paraStart) return false;
  const before = text.charCodeAt(i - 1);
  const after = i + 1 < paraEnd ? text.charCodeAt(i + 1) : 32;
  if (isSpace(before) || isWordChar(after)) return false;
  // the second mark of 'n' (rock 'n' roll): the word before it began with an elision mark
  let k = i - 1;
  while (k > paraStart && k > i - 5 && isWordChar(text.charCodeAt(k - 1))) k--;
  if (k > paraStart && text.charCodeAt(k - 1) === 0x27 && ELISIONS.has(text.slice(k, i).toLowerCase())) return false;
  if ((before === 115 || before === 83) && after === 32) {
    // s' followed by a lower-case word is a possessive; by a capital, a closing mark
    const next = i + 2 < paraEnd ? text.charCodeAt(i + 2) : 32;
    if (next >= 97 && next <= 122) return false;
  }
  return true;
}

/** The first quotation mark of a paragraph, if the paragraph begins with one (after spaces). */
function opensParagraph(text: string, p: Paragraph): Family {
  let i = p.start;
  while (i < p.end && isSpace(text.charCodeAt(i))) i++;
  if (i >= p.end) return Family.None;
  const m = markAt(text, i);
  if (!m || m.role === 2) return Family.None;
  return m.family;
}

/**
 * Quotation segments of `text`, in text order. `paragraphs` must cover the text in order
 * (when empty, the whole text is one paragraph). Linear in the length of the text.
 */
export function findQuoteSegments(text: string, paragraphs: readonly Paragraph[]): QuoteSegment[] {
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  const out: QuoteSegment[] = [];
  let carry = false; // the previous paragraph ended inside a quote that runs on
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    let open: Family = Family.None;
    let openAt = -1;
    let openLen = 0;
    let lowDouble = false;
    // the first opening mark of a paragraph after a running quote continues that quote
    let firstOpen = carry;
    let continued = false;
    carry = false;
    for (let i = p.start; i < p.end; i++) {
      const m = markAt(text, i);
      if (!m) continue;
      const c = text.charCodeAt(i);
      if (open === Family.None) {
        let opens = false;
        if (m.family === Family.StraightSingle) opens = straightSingleOpens(text, i, p.start, p.end);
        else if (m.role === 1) opens = m.family !== Family.Single || looksOpening(text, i, m.len, p.start);
        else if (m.role === 3)
          opens = looksOpening(text, i, m.len, p.start) || (c !== 0x201d && !looksClosing(text, i, m.len, p.start));
        if (opens) {
          open = m.family;
          openAt = i;
          openLen = m.len;
          lowDouble = c === 0x201e;
          continued = firstOpen;
        }
        firstOpen = false;
        i += m.len - 1;
        continue;
      }
      // inside a quote: only a mark of the same family matters
      if (m.family !== open) {
        i += m.len - 1;
        continue;
      }
      let closes = false;
      let restart = false;
      if (m.family === Family.StraightSingle) {
        closes = straightSingleCloses(text, i, p.start, p.end);
        // an opening-placed mark before the open one closed starts over (the first was an elision)
        if (!closes && straightSingleOpens(text, i, p.start, p.end)) restart = true;
      } else if (m.role === 2) {
        // ’ is also the apostrophe: inside a word ("don’t") it does not close
        closes =
          open !== Family.Single ||
          !(i + 1 < p.end && isWordChar(text.charCodeAt(i + 1)) && i > p.start && isWordChar(text.charCodeAt(i - 1)));
      } else if (m.role === 3) {
        if (c === 0x201c) {
          if (lowDouble) closes = true;
          else restart = looksOpening(text, i, m.len, p.start);
          closes = closes || !restart;
        } else if (looksOpening(text, i, m.len, p.start) && !looksClosing(text, i, m.len, p.start)) restart = true;
        else closes = true;
      } else restart = true;
      if (restart) {
        // a new opening mark: the earlier one was never closed; start over from here
        openAt = i;
        openLen = m.len;
        lowDouble = c === 0x201e;
        continued = false;
      } else if (closes) {
        pushSegment(out, openAt, openLen, i, m.len, false, continued);
        open = Family.None;
      }
      i += m.len - 1;
    }
    if (open !== Family.None && open !== Family.Single && open !== Family.StraightSingle && pi + 1 < paras.length) {
      // no closing mark: the quote runs on when the next paragraph opens with the same mark
      if (opensParagraph(text, paras[pi + 1]) === open) {
        let end = p.end;
        while (end > openAt + openLen && isSpace(text.charCodeAt(end - 1))) end--;
        pushSegment(out, openAt, openLen, end, 0, true, continued);
        carry = true;
      }
    }
    // otherwise an unbalanced mark: dropped
  }
  return out;
}

function pushSegment(
  out: QuoteSegment[],
  openAt: number,
  openLen: number,
  closeAt: number,
  closeLen: number,
  continues: boolean,
  continued: boolean,
): void {
  const start = openAt + openLen;
  if (closeAt <= start) return;
  const prev = out[out.length - 1];
  out.push({
    start,
    end: closeAt,
    outerStart: openAt,
    outerEnd: closeAt + closeLen,
    continues,
    continued: continued && !!prev && prev.continues,
  });
}
