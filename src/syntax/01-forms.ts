// Word forms as the models see them, and the integer hashing every model feature goes
// through. Forms are normalized the way the text stage writes `Token.norm` (straight quotes,
// folded dashes) so treebank text and news text look alike to the models.

const QUOTE_DOUBLE = new Set(['“', '”', '„', '‟', '«', '»', '``', "''", '〝', '〞', '＂']);
const QUOTE_SINGLE = new Set(['‘', '’', '‚', '‛', '`', '‹', '›']);

/** The form a model reads: curly quotes straightened, dashes folded, ellipsis spelled out. */
export function normalizeForm(form: string): string {
  if (form.length === 0) return form;
  if (form.length <= 2) {
    if (QUOTE_DOUBLE.has(form)) return '"';
    if (QUOTE_SINGLE.has(form)) return "'";
    if (form === '—' || form === '―') return '--';
    if (form === '–' || form === '‒' || form === '−' || form === '‐' || form === '‑') return '-';
    if (form === '…') return '...';
  }
  let out = form;
  if (out.indexOf('’') >= 0 || out.indexOf('ʼ') >= 0) out = out.replace(/[’ʼ]/g, "'");
  return out;
}

/** Word shape with runs collapsed: "Abe" -> "Xx", "U.S." -> "X.X.", "1,000" -> "d,d", "9/11" -> "d/d". */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  const n = Math.min(w.length, 40);
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    let k: string;
    if (c >= 65 && c <= 90) k = 'X';
    else if (c >= 97 && c <= 122) k = 'x';
    else if (c >= 48 && c <= 57) k = 'd';
    else if (c < 128) k = w[i];
    else {
      const ch = w[i];
      const up = ch.toUpperCase();
      const lo = ch.toLowerCase();
      k = up !== lo ? (ch === up ? 'X' : 'x') : c >= 0x2000 && c <= 0x2bff ? '*' : 'o';
    }
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

/** 32-bit FNV-1a of a string, salted. */
export function hashString(s: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A feature key from a template id and up to three integer values (never 0: 0 marks an empty
 * slot). Returned as a signed 32-bit integer (a small integer to the engine, never a boxed
 * number): store it in a Uint32Array to read it unsigned.
 */
export function fkey(t: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(t + 0x61c88647, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h ^= h >>> 15;
  return h | 0 || 1;
}

/** Case-fold for lookups (cheap when already lower case). */
export function lower(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return w.toLowerCase();
  }
  return w;
}

/** Character class flags of a form, for unknown-word features. */
export enum FormFlag {
  Upper = 1,
  Title = 2,
  Digit = 4,
  Hyphen = 8,
  Lower = 16,
  Period = 32,
  NonLatin = 64,
}

export function formFlags(w: string): number {
  let upper = 0;
  let lowerCount = 0;
  let f = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lowerCount++;
    else if (c >= 48 && c <= 57) f |= FormFlag.Digit;
    else if (c === 45) f |= FormFlag.Hyphen;
    else if (c === 46) f |= FormFlag.Period;
    else if (c > 127) {
      const ch = w[i];
      if (ch.toLowerCase() !== ch) upper++;
      else if (ch.toUpperCase() !== ch) lowerCount++;
      else f |= FormFlag.NonLatin;
    }
  }
  if (upper > 0 && lowerCount === 0) f |= FormFlag.Upper;
  else if (upper > 0) f |= FormFlag.Title;
  if (lowerCount > 0) f |= FormFlag.Lower;
  return f;
}
